"""The PDF backend: lays out the standalone HTML of the book with WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from .errors import RenderError
from .html import render_parts, standalone
from .model import Book


def write_pdf(book: Book, target: Path, base_url: Path) -> None:
    """Write `book` as a print-ready PDF at `target`; relative URLs resolve against `base_url`."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only the PDF needs it

    document = HTML(string=standalone(book, render_parts(book)), base_url=str(base_url))
    try:
        document.write_pdf(str(target), pdf_identifier=book.meta.identifier.encode("utf-8"))
    except OSError as error:
        raise RenderError(f"cannot write the PDF: {error.strerror or error}", target) from None
