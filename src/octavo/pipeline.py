"""The pipeline from a manuscript file to output files: read, parse, typeset, render, write atomically."""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_target
from .formats import DEFAULT_FORMATS, Format
from .model import Book
from .pages import PageStart
from .pagesetup import PageSetup, page_setup
from .parse import parse
from .read import read_manuscript
from .report import book_words
from .settings import book_settings
from .typography import typeset

if TYPE_CHECKING:
    from .cover import CoverImage


logger = logging.getLogger("octavo")  # warnings: the build goes on, the user should know


def load_book(path: Path, source_date_epoch: str | None = None, settings: dict[str, object] | None = None) -> Book:
    """The typeset `Book` of the manuscript at `path`, dated `source_date_epoch` (seconds since 1970; by
    default the SOURCE_DATE_EPOCH variable's, else the manuscript's modification time), with the header
    fields of its settings files (read unless given)."""
    if settings is None:
        settings, _ = book_settings(path)
    book = typeset(parse(read_manuscript(path), path, settings))
    epoch = source_date_epoch or os.environ.get("SOURCE_DATE_EPOCH")
    return dataclasses.replace(book, meta=dataclasses.replace(book.meta, modified=_modified(path, epoch)))


@dataclass(frozen=True)
class Built:
    """What a build wrote, and what it was made from."""

    files: list[Path]  # in the order the formats were asked for
    words: int
    pages: int | None  # the PDF's, when one was made
    sources: list[Path]  # the manuscript, the settings files looked for (there or not), the cover it names


def build(path: Path, formats=DEFAULT_FORMATS, out: Path = Path("dist"), options: Mapping[str, object] | None = None,
          source_date_epoch: str | None = None, jobs: int = 1) -> Built:
    """Build the manuscript at `path` into `out` in each format, dated as `load_book` says. The PDF's page
    is as the book asks (its header, its settings files) but for the `options` given (trim, profile,
    bleed, running_head, drop_caps: the command line's); a long book's PDF is laid out on `jobs` cores."""
    with _layout_workers(path, formats, jobs) as workers:
        settings, settings_files = book_settings(path)
        book = load_book(path, source_date_epoch, settings)
        setup = page_setup(dict(book.meta.page_options) | dict(options or {}))
        cover = _cover(book, path, formats)  # before anything is written: a bad cover fails the whole build
        if Format.PDF in formats:
            _warn_of_missing_glyphs(book, path)
        written, pages = {}, None
        # The PDF first: an EPUB built with it marks where the PDF's pages start.
        for output_format in sorted(formats, key=lambda f: f is not Format.PDF):
            target = out / f"{path.stem}.{output_format.suffix}"
            with atomic_target(target) as temporary:
                pages = _write(book, output_format, temporary, path, cover, setup, pages, jobs, workers) or pages
            written[output_format] = target
    sources = [path, *settings_files] + ([path.parent / book.meta.cover] if book.meta.cover else [])
    return Built([written[f] for f in formats], book_words(book), len(pages) if pages else None, sources)


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
           pages: list[PageStart] | None, jobs: int, workers: Executor | None):
    """Write one format; the PDF, laid out on `jobs` cores (in `workers` if started), returns where its
    pages start."""
    if output_format in (Format.EPUB, Format.KEPUB):
        from .epub import write_epub

        write_epub(book, target, cover, pages, kobo=output_format is Format.KEPUB)
    elif output_format is Format.PDF:
        from .pdf import write_pdf

        return write_pdf(book, target, manuscript.parent, setup, jobs, workers)
    else:
        from .pdf import print_document

        target.write_text(print_document(book, setup), encoding="utf-8")


@contextmanager
def _layout_workers(path: Path, formats, jobs: int) -> Iterator[Executor | None]:
    """For a manuscript long enough for its PDF to be laid out in chunks side by side, the `jobs` worker
    processes, started at once, to import WeasyPrint while this one reads the manuscript; else None."""
    if Format.PDF not in formats or jobs <= 1:
        yield None
        return
    from .chunks import PARALLEL_CHARACTERS

    try:
        long = path.stat().st_size >= PARALLEL_CHARACTERS
    except OSError:  # reading it will say what is wrong
        long = False
    if not long:
        yield None
        return
    from .batch import local_executor

    with local_executor(jobs) as executor:
        # A worker starts once the server process it is forked from has imported WeasyPrint, most of a
        # second: a thread waits for that while this one reads the manuscript.
        starter = threading.Thread(target=_start_workers, args=(executor, jobs))
        starter.start()
        try:
            yield executor
        finally:
            starter.join()


def _start_workers(executor: Executor, count: int) -> None:
    """Start `count` workers, a job that does nothing apiece."""
    with suppress(Exception):  # a pool that cannot start says so again to the layout's own jobs
        for _ in range(count):
            executor.submit(int)


def _modified(path: Path, epoch: str | None) -> str:
    """When the book was last changed: `epoch` for reproducible builds, else the file's mtime."""
    seconds = int(epoch) if epoch and epoch.isdigit() else int(path.stat().st_mtime)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
