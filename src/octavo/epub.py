"""The EPUB backend: packages the rendered parts with ebooklib (EPUB 3, with an NCX for older readers)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from ebooklib import epub

from .errors import RenderError
from .html import SHARED_CSS, Part, epub_document, epub_nav, nav_tree, render_parts
from .model import Book
from .resources import stylesheet
from .typography import searchable

_XHTML = "application/xhtml+xml"


def write_epub(book: Book, target: Path) -> None:
    """Write `book` as an EPUB 3 file at `target` (the caller makes the write atomic)."""
    parts = render_parts(book)
    package = epub.EpubBook()
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

    package.add_item(epub.EpubItem("css", f"css/{SHARED_CSS}", "text/css", stylesheet(SHARED_CSS).encode("utf-8")))
    documents = [_document(book, part) for part in parts]
    for document in documents:
        package.add_item(document)
    nav = epub.EpubItem("nav", "nav.xhtml", _XHTML, epub_nav(book, parts).encode("utf-8"))
    nav.properties = ["nav"]
    package.add_item(nav)
    package.add_item(epub.EpubNcx())
    package.toc = [
        (epub.Section(part.nav_title, part.file_name), [_link(child) for child in children]) if children else _link(part)
        for part, children in nav_tree(parts)
    ]
    package.spine = documents + [(nav, "no")]  # in the spine so the landmarks may point at it

    options = {"raise_exceptions": True, "mtime": _modified(book), "epub3_pages": False}
    try:
        epub.write_epub(str(target), package, options)
    except OSError as error:
        raise RenderError(f"cannot write the EPUB: {error.strerror or error}", target) from None


def _link(part: Part) -> epub.Link:
    return epub.Link(part.file_name, part.nav_title, part.id)


def _document(book: Book, part: Part) -> epub.EpubItem:
    return epub.EpubItem(part.id, part.file_name, _XHTML, epub_document(book, part).encode("utf-8"))


def _modified(book: Book) -> datetime:
    return datetime.strptime(book.meta.modified, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
