"""The pipeline from a manuscript file to output files: read, parse, typeset, render, write atomically."""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError
from .model import Book
from .pages import PageStart
from .pagesetup import PageSetup
from .parse import parse
from .read import read_manuscript
from .typography import typeset

if TYPE_CHECKING:
    from .cover import CoverImage


class Format(StrEnum):
    EPUB = "epub"
    PDF = "pdf"
    HTML = "html"
    KEPUB = "kepub"  # an EPUB with the markup Kobo's reader uses for locations and highlights

    @property
    def suffix(self) -> str:
        return "kepub.epub" if self is Format.KEPUB else self.value


DEFAULT_FORMATS = (Format.EPUB, Format.PDF)
logger = logging.getLogger("octavo")  # warnings: the build goes on, the user should know


def load_book(path: Path) -> Book:
    """The typeset `Book` of the manuscript at `path`."""
    book = typeset(parse(read_manuscript(path), path))
    return dataclasses.replace(book, meta=dataclasses.replace(book.meta, modified=_modified(path)))


def build(path: Path, formats=DEFAULT_FORMATS, out: Path = Path("dist"), setup: PageSetup = PageSetup()) -> list[Path]:
    """Build the manuscript at `path` into `out` in each format, the PDF made up as `setup` says; returns
    the files written."""
    book = load_book(path)
    cover = _cover(book, path, formats)  # before anything is written: a bad cover fails the whole build
    if Format.PDF in formats:
        _warn_of_missing_glyphs(book, path)
    written, pages = {}, None
    # The PDF first: an EPUB built with it marks where the PDF's pages start.
    for output_format in sorted(formats, key=lambda f: f is not Format.PDF):
        target = out / f"{path.stem}.{output_format.suffix}"
        with atomic_target(target) as temporary:
            pages = _write(book, output_format, temporary, path, cover, setup, pages) or pages
        written[output_format] = target
    return [written[output_format] for output_format in formats]


def _warn_of_missing_glyphs(book: Book, manuscript: Path) -> None:
    """A warning naming each character the book face cannot draw: the PDF would set it in another font."""
    from .glyphs import describe_missing, missing_glyphs

    missing = missing_glyphs(book)
    if missing:
        logger.warning("%s: %s", manuscript, describe_missing(missing))


def _cover(book: Book, manuscript: Path, formats) -> CoverImage | None:
    """The cover, for the formats that carry one (the e-books: a printed cover is a file of its own)."""
    if not {Format.EPUB, Format.KEPUB} & set(formats):
        return None
    from .cover import book_cover

    return book_cover(book, manuscript)


def _write(book: Book, output_format: Format, target: Path, manuscript: Path, cover: CoverImage | None, setup: PageSetup,
           pages: list[PageStart] | None):
    """Write one format; the PDF returns where its pages start."""
    if output_format in (Format.EPUB, Format.KEPUB):
        from .epub import write_epub

        write_epub(book, target, cover, pages, kobo=output_format is Format.KEPUB)
    elif output_format is Format.PDF:
        from .pdf import write_pdf

        return write_pdf(book, target, manuscript.parent, setup)
    else:
        from .pdf import print_document

        target.write_text(print_document(book, setup), encoding="utf-8")


@contextmanager
def atomic_target(final: Path) -> Iterator[Path]:
    """A temporary path beside `final` that is renamed onto it only if the block succeeds: a failed or
    killed build leaves the previous output, or nothing, never a half-written file."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", final.parent) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _modified(path: Path) -> str:
    """When the book was last changed: SOURCE_DATE_EPOCH for reproducible builds, else the file's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(path.stat().st_mtime)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
