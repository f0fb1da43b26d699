"""The PDF backend: lays out the standalone HTML of the book with WeasyPrint."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree
from pathlib import Path

from .errors import RenderError
from .fonts import font_folders
from .html import render_parts, standalone
from .model import Book
from .pages import PageStart, page_starts
from .resources import resource_dir

LONGEST_TEXT_RUN = 2000  # characters


def write_pdf(book: Book, target: Path, base_url: Path) -> list[PageStart]:
    """Write `book` as a print-ready PDF at `target`; relative URLs resolve against `base_url`. Returns
    where each page starts, for the EPUB to mark."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only the PDF needs it
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import BookFetcher

    parts = render_parts(book)
    fetcher = BookFetcher([base_url, resource_dir("styles"), *font_folders()])
    html = HTML(string=standalone(book, parts), base_url=str(base_url), url_fetcher=fetcher)
    shorten_text_runs(html.etree_element.find("body"))
    try:
        document = html.render()
        document.write_pdf(str(target), pdf_identifier=print_identifier(book).encode("utf-8"))
    except FatalURLFetchingError as error:
        raise RenderError(f"cannot lay out the PDF: {error}", target) from None
    except OSError as error:
        raise RenderError(f"cannot write the PDF: {error.strerror or error}", target) from None
    return page_starts(document.pages, html.etree_element, {part.id for part in parts})


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


def print_identifier(book: Book) -> str:
    """The print edition's own identifier, derived from the book's: the EPUB names it as the source of
    its page numbers."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, book.meta.identifier + '#print')}"
