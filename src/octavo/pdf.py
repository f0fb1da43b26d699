"""The PDF backend: lays out the standalone HTML of the book with WeasyPrint."""

from __future__ import annotations

import uuid
from pathlib import Path

from .errors import RenderError
from .fonts import font_folders
from .html import render_parts, standalone
from .model import Book
from .pages import PageStart, page_starts
from .resources import resource_dir


def write_pdf(book: Book, target: Path, base_url: Path) -> list[PageStart]:
    """Write `book` as a print-ready PDF at `target`; relative URLs resolve against `base_url`. Returns
    where each page starts, for the EPUB to mark."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only the PDF needs it
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import BookFetcher

    parts = render_parts(book)
    fetcher = BookFetcher([base_url, resource_dir("styles"), *font_folders()])
    html = HTML(string=standalone(book, parts), base_url=str(base_url), url_fetcher=fetcher)
    try:
        document = html.render()
        document.write_pdf(str(target), pdf_identifier=print_identifier(book).encode("utf-8"))
    except FatalURLFetchingError as error:
        raise RenderError(f"cannot lay out the PDF: {error}", target) from None
    except OSError as error:
        raise RenderError(f"cannot write the PDF: {error.strerror or error}", target) from None
    return page_starts(document.pages, html.etree_element, {part.id for part in parts})


def print_identifier(book: Book) -> str:
    """The print edition's own identifier, derived from the book's: the EPUB names it as the source of
    its page numbers."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, book.meta.identifier + '#print')}"
