"""The PDF backend: lays out the standalone HTML of the book with WeasyPrint."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar
from xml.etree import ElementTree
from pathlib import Path

from .errors import RenderError
from .fonts import font_folders
from .html import Part, render_parts, standalone
from .inline import plain_text
from .model import Book
from .pagesetup import PageSetup, Profile, gutter, page_css
from .pageends import hyphenated_page_ends, unhyphenate
from .pages import PageStart, page_starts, print_identifier
from .resources import resource_dir
from .stack import call_with_room

LONGEST_TEXT_RUN = 2000  # characters
T = TypeVar("T")


def write_pdf(book: Book, target: Path, base_url: Path, setup: PageSetup = PageSetup(), jobs: int = 1,
              workers: Executor | None = None) -> list[PageStart]:
    """Write `book` as a PDF made up as `setup` says at `target`; relative URLs resolve against `base_url`.
    A long book is laid out in chunks, `jobs` at a time (see chunks.py), in `workers` if they are started.
    Returns where each page starts, for the EPUB to mark."""
    from .chunks import body_chunks, write_chunked

    parts = render_parts(book, contents_links=setup.profile is Profile.SCREEN)
    try:
        if len(body_chunks(parts, jobs)) > 1:
            return write_chunked(book, parts, target, base_url, setup, jobs, workers)
        return _write_whole(book, parts, target, base_url, setup)
    except OSError as error:
        raise RenderError(f"cannot write the PDF: {error.strerror or error}", target) from None
    except BrokenProcessPool:
        raise RenderError("a worker laying out the PDF stopped (out of memory?): try --jobs 1", target) from None
    except BaseException as error:  # WeasyPrint's FatalURLFetchingError is a BaseException
        from weasyprint.urls import FatalURLFetchingError  # not before: importing WeasyPrint takes a while

        if isinstance(error, FatalURLFetchingError):
            raise RenderError(f"cannot lay out the PDF: {error}", target) from None
        raise


def _write_whole(book: Book, parts: list[Part], target: Path, base_url: Path, setup: PageSetup) -> list[PageStart]:
    """Lay out the whole book at once and write it."""

    def lay_out_whole(assumed_pages: int):
        return lay_out(standalone(book, parts, setup.body_classes, page_css(setup, assumed_pages)), base_url, setup)

    html, document = in_right_gutter(lay_out_whole, lambda laid_out: len(laid_out[1].pages), estimated_pages(book, setup))
    write_document(document, target, setup, print_identifier(book))
    return page_starts(document.pages, html.etree_element, {part.id for part in parts if not part.print_only})


def print_document(book: Book, setup: PageSetup = PageSetup()) -> str:
    """The standalone HTML the PDF lays out (`--format html`), with the margins of the estimated page count."""
    parts = render_parts(book, contents_links=setup.profile is Profile.SCREEN)
    return standalone(book, parts, setup.body_classes, page_css(setup, estimated_pages(book, setup)))


def in_right_gutter(lay_out_book: Callable[[int], T], page_count: Callable[[T], int], estimate: int) -> T:
    """The layout `lay_out_book(assumed page count)` gives with the gutter its page count needs. That is
    known only after a layout, so the book is laid out again (at most three times in all) when the count
    falls in another gutter bracket than assumed; should it then fall back below the bracket's edge, the
    wider gutter is kept rather than going round."""
    assumed = estimate
    for attempt in range(_MOST_GUTTERS):
        laid_out = lay_out_book(assumed)
        counted = page_count(laid_out)
        if gutter(counted) == gutter(assumed) or (attempt and gutter(counted) < gutter(assumed)):
            break
        assumed = counted
    return laid_out


def lay_out(markup: str, base_url: Path, setup: PageSetup):
    """The parsed document and its layout. For print, no page ends in a hyphen: known only after a layout,
    so the markup is laid out again (at most three times in all) with each paragraph whose line ends a page
    hyphenated set without hyphenation."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only the PDF needs it

    from .fetcher import BookFetcher

    fetcher = BookFetcher([base_url, resource_dir("styles"), *font_folders()])
    unhyphenated: set[int] = set()
    for _ in range(_MOST_LAYOUTS):
        html = HTML(string=markup, base_url=str(base_url), url_fetcher=fetcher)
        body = html.etree_element.find("body")
        shorten_text_runs(body)
        unhyphenate(body, unhyphenated)
        if setup.drop_caps:
            mark_drop_caps(body)
        document = call_with_room(html.render)
        hyphenated = hyphenated_page_ends(document.pages, body) if setup.profile is Profile.PRINT else set()
        if hyphenated <= unhyphenated:
            break
        unhyphenated |= hyphenated
    return html, document


def write_document(document, target: Path, setup: PageSetup, identifier: str) -> None:
    """Write a laid-out document as a PDF: for print, with its fonts whole."""
    whole_fonts = setup.profile is Profile.PRINT
    call_with_room(document.write_pdf, str(target), pdf_identifier=identifier.encode("utf-8"), full_fonts=whole_fonts,
                   finisher=_finish_whole_fonts if whole_fonts else None)


_MOST_GUTTERS = 3
_MOST_LAYOUTS = 3
_SUBSET_TAG = re.compile(rb"^/[A-Z]{6}\+")
_MAPPED_GLYPH = re.compile(rb"^<([0-9a-f]{4})> <")


def _finish_whole_fonts(document, pdf) -> None:
    """Mend two faults of WeasyPrint's whole-font embedding. It names every font as a subset
    (`ABCDEF+EB-Garamond`), so a printer's preflight would report subset fonts: whole ones lose the tag.
    And it maps glyphs back to text from the font's character map alone, so glyphs no character maps to
    (small capitals, alternates) would copy and search as nonsense: the text they were laid out for is
    added to each font's ToUnicode map."""
    laid_out = {font.name: font.to_unicode for font in document.fonts.values()}
    for item in pdf.objects:
        if not isinstance(item, dict):
            continue
        if item.get("Subtype") == "/Type0" and item.get("BaseFont") in laid_out:
            number = int(item["ToUnicode"].split()[0])
            _add_to_unicode(pdf.objects[number].stream, laid_out[item["BaseFont"]])
        for key in ("BaseFont", "FontName"):
            if isinstance(item.get(key), bytes):
                item[key] = _SUBSET_TAG.sub(b"/", item[key])


def _add_to_unicode(lines: list[bytes], to_unicode: dict[int, str]) -> None:
    """Add to a ToUnicode CMap's lines the glyphs of `to_unicode` (glyph id -> text) it does not map."""
    mapped = {int(match[1], 16) for line in lines if (match := _MAPPED_GLYPH.match(line))}
    missing = sorted((glyph, text) for glyph, text in to_unicode.items() if glyph not in mapped and text)
    entries = []
    for start in range(0, len(missing), 100):  # a bfchar block holds at most 100 entries
        batch = missing[start : start + 100]
        entries += [f"{len(batch)} beginbfchar".encode(),
                    *(f"<{glyph:04x}> <{text.encode('utf-16-be').hex()}>".encode() for glyph, text in batch), b"endbfchar"]
    at = lines.index(b"endcmap")
    lines[at:at] = entries


# Words a square inch of text block holds in the book face at the body size, and the pages a chapter
# adds to its words' (its sunk opening, its last page's end, a blank verso before a recto opening).
_WORDS_PER_SQUARE_INCH = 11
_PAGES_PER_CHAPTER = 1.2
_FRONT_PAGES = 8


def estimated_pages(book: Book, setup: PageSetup) -> int:
    """A first guess at the page count, so that most books are laid out once, in the right gutter bracket."""
    margins = setup.margins(0)
    block = (setup.trim.width - margins.inside - margins.outside) * (setup.trim.height - margins.top - margins.bottom)
    words = sum(len(plain_text(paragraph.inlines).split()) for section in book.sections for paragraph in section.paragraphs)
    return int(words / (block * _WORDS_PER_SQUARE_INCH) + _PAGES_PER_CHAPTER * len(book.sections) + _FRONT_PAGES)


_OPENING_LETTER = re.compile(r"^([\"'“‘«„‚]?\w)")


def mark_drop_caps(body) -> None:
    """Put the first letter of each chapter's opening paragraph (with an opening quote before it) in a
    `drop-cap` span. A span, not `::first-letter`: WeasyPrint sets a floated first letter over the
    small capitals of the first line."""
    for section in body.iter("section"):
        children = list(section)
        if "chapter" not in section.get("class", "").split() or len(children) < 2 or children[0].tag != "h2":
            continue
        opening = children[1]
        match = _OPENING_LETTER.match(opening.text or "") if opening.tag == "p" else None
        if match:
            drop = _span(match[1])
            drop.set("class", "drop-cap")
            drop.tail, opening.text = opening.text[match.end():], None
            opening.insert(0, drop)


def shorten_text_runs(body, longest: int = LONGEST_TEXT_RUN) -> None:
    """Cut each run of text in `body` longer than `longest` characters into spans at spaces. WeasyPrint re-encodes
    the rest of a text run for every line it breaks, so one paragraph a megabyte long would take minutes;
    in spans of a few thousand characters it lays out in linear time, and looks the same."""
    for parent in list(body.iter()):
        if parent.text and len(parent.text) > longest:
            pieces, parent.text = _pieces(parent.text, longest), None
            for index, piece in enumerate(pieces):
                parent.insert(index, _span(piece))
        for child in reversed(list(parent)):
            if child.tail and len(child.tail) > longest:
                pieces, child.tail = _pieces(child.tail, longest), None
                at = list(parent).index(child) + 1
                for index, piece in enumerate(pieces):
                    parent.insert(at + index, _span(piece))


def _pieces(text: str, longest: int) -> list[str]:
    """`text` in pieces of about `longest` characters, each cut just before a space."""
    pieces, start = [], 0
    while len(text) - start > longest:
        cut = text.rfind(" ", start + longest // 2, start + longest)
        cut = cut if cut > start else start + longest  # no space in reach: a very long word is cut anyway
        pieces.append(text[start:cut])
        start = cut
    return [*pieces, text[start:]]


def _span(text: str):
    span = ElementTree.Element("span")
    span.text = text
    return span

