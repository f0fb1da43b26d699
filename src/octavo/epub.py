"""The EPUB backend: packages the rendered parts with ebooklib (EPUB 3, with an NCX for older readers),
then rewrites the zip so that the same book always gives the same bytes."""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from pathlib import Path

from ebooklib import epub
from lxml import etree

from .errors import RenderError
from .cover import CoverImage
from .html import SHARED_CSS, Part, cover_part, epub_document, epub_nav, nav_tree, render_parts
from .model import Book
from .kepub import kobo_document
from .pages import PageStart, mark_pages, print_identifier
from .report import words
from .resources import stylesheet
from .typography import searchable

_XHTML = "application/xhtml+xml"


def write_epub(book: Book, target: Path, cover: CoverImage, pages: list[PageStart] | None = None, kobo: bool = False) -> None:
    """Write `book` as an EPUB 3 file at `target` (the caller makes the write atomic). With `pages`,
    from the PDF edition, the text carries that edition's page numbers and the nav a page list; `kobo`
    adds Kobo's span markup to every content document (a kepub)."""
    parts = render_parts(book)
    package = epub.EpubBook()
    _describe(package, book, bool(pages))
    package.add_item(epub.EpubItem("css", f"css/{SHARED_CSS}", "text/css", stylesheet(SHARED_CSS).encode("utf-8")))
    cover_image = _add_cover_image(package, cover)
    cover_page, cover_document = _add_cover_page(package, book, cover)
    documents = [_document(book, part, [s for s in pages or () if s.part == part.id], kobo) for part in parts]
    for document in documents:
        package.add_item(document)
    nav = epub.EpubItem("nav", "nav.xhtml", _XHTML, epub_nav(book, parts, pages or [], cover_page).encode("utf-8"))
    nav.properties = ["nav"]
    package.add_item(nav)
    package.add_item(epub.EpubNcx())
    package.toc = [
        (epub.Section(part.nav_title, part.file_name), [_link(child) for child in children]) if children else _link(part)
        for part, children in nav_tree(parts)
    ]
    package.spine = [cover_document, *documents, (nav, "no")]  # the nav in the spine, for the landmarks
    cover_image.content = cover.data  # last: a typographic cover is compressed in a thread meanwhile

    # ebooklib's zip is only read back by _finish_zip, which compresses: no need to compress it twice.
    options = {"raise_exceptions": True, "mtime": _modified(book), "epub3_pages": False, "compresslevel": 0}
    try:
        epub.write_epub(str(target), package, options)
        _finish_zip(target, _modified(book), book.meta.language)
    except OSError as error:
        raise RenderError(f"cannot write the EPUB: {error.strerror or error}", target) from None


def _describe_series(package: epub.EpubBook, series: str, number: str | None) -> None:
    """The series as EPUB 3 says it (a collection of type series, the book's position in it), and as
    Calibre and Kobo read it."""
    package.add_metadata(None, "meta", series, {"id": "series", "property": "belongs-to-collection"})
    package.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    package.add_metadata(None, "meta", "", {"name": "calibre:series", "content": series})
    if number:
        package.add_metadata(None, "meta", number, {"refines": "#series", "property": "group-position"})
        package.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": number})


def _describe(package: epub.EpubBook, book: Book, print_pages: bool) -> None:
    """The package metadata: Dublin Core, accessibility, and the print edition the page numbers come from."""
    package.set_identifier(book.meta.identifier)
    package.set_title(searchable(book.meta.title))
    if book.meta.subtitle:
        package.add_metadata("DC", "title", searchable(book.meta.subtitle), {"id": "subtitle"})
        package.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    package.set_language(book.meta.language)
    for number, author in enumerate(book.meta.authors, 1):
        package.add_author(author, uid=f"creator-{number}")
    if book.meta.publisher:
        package.add_metadata("DC", "publisher", book.meta.publisher)
    if book.meta.rights:
        package.add_metadata("DC", "rights", book.meta.rights)
    if book.meta.description:
        package.add_metadata("DC", "description", searchable(book.meta.description))
    for subject in book.meta.subjects:
        package.add_metadata("DC", "subject", subject)
    if book.meta.date:
        package.add_metadata("DC", "date", book.meta.date)
    if book.meta.series:
        _describe_series(package, book.meta.series, book.meta.series_number)
    for prop, value in accessibility_metadata(book, print_pages):
        package.add_metadata(None, "meta", value, {"property": prop})
    if print_pages:
        package.add_metadata(None, "meta", print_identifier(book), {"property": "pageBreakSource"})


def _add_cover_page(package: epub.EpubBook, book: Book, cover: CoverImage) -> tuple[Part, epub.EpubItem]:
    """The page that shows the cover."""
    page = cover_part(book, cover)
    document = _document(book, page, [])
    package.add_item(document)
    return page, document


def _add_cover_image(package: epub.EpubBook, cover: CoverImage) -> epub.EpubItem:
    """The cover image's item, marked as such for the package and for EPUB 2 readers, its bytes to come."""
    image = epub.EpubItem("cover-image", cover.file_name, cover.media_type)
    image.properties = ["cover-image"]
    package.add_item(image)
    package.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    return image


def _with_language(opf: bytes, language: str) -> bytes:
    package = etree.fromstring(opf)
    package.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return etree.tostring(package, xml_declaration=True, encoding="utf-8")


# EPUB Accessibility 1.1: what a reader who cannot see, or cannot turn pages, may rely on.
_SUMMARY = (
    "A text-only book: every chapter is reachable from the table of contents, headings and landmarks "
    "mark its structure, the reading order is the text order, and text can be resized and restyled."
)
_CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def accessibility_metadata(book: Book, print_pages: bool) -> list[tuple[str, str]]:
    """The package's accessibility properties. The conformance claim holds because the book is text
    with structure and navigation, and nothing else: the tests run Ace by DAISY over every book."""
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    features += ["printPageNumbers", "pageNavigation"] if print_pages else []
    return [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", _SUMMARY),
        ("dcterms:conformsTo", _CONFORMANCE),
        ("a11y:certifiedBy", "Octavo"),
        ("schema:wordCount", str(sum(words(section) for section in book.sections))),
    ]


def _finish_zip(path: Path, modified: datetime, language: str) -> None:
    """Rewrite the zip ebooklib wrote with fixed timestamps and permissions (ebooklib stamps each entry
    with the time of writing), `mimetype` first and stored, as the OCF spec asks; the package document
    gets the `xml:lang` ebooklib leaves out (Ace by DAISY asks for it)."""
    stamp = max(modified, datetime(1980, 1, 1, tzinfo=timezone.utc)).timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries = [(name, _with_language(data, language) if name.endswith(".opf") else data) for name, data in entries]
    entries.sort(key=lambda entry: entry[0] != "mimetype")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=9)


def _link(part: Part) -> epub.Link:
    return epub.Link(part.file_name, part.nav_title, part.id)


def _document(book: Book, part: Part, pages: list[PageStart], kobo: bool = False) -> epub.EpubItem:
    content = mark_pages(epub_document(book, part).encode("utf-8"), part.id, pages)
    return epub.EpubItem(part.id, part.file_name, _XHTML, kobo_document(content) if kobo else content)


def _modified(book: Book) -> datetime:
    return datetime.fromisoformat(book.meta.modified)  # "...Z": UTC
