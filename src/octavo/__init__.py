"""Octavo: turn a plain-text manuscript into a real book, an EPUB 3 and a print-ready PDF.

For scripts:

    import octavo
    built = octavo.build("story.txt", formats=["epub", "pdf"], out="dist", trim="6x9", profile="print")
    built.files    # [PosixPath('dist/story.epub'), PosixPath('dist/story.pdf')]

A failure raises an `octavo.OctavoError` (a subclass for each kind) whose `str()` is the one-line message.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

from .errors import OctavoError

if TYPE_CHECKING:
    from .pipeline import Built

__version__ = "0.1.0"

__all__ = ["OctavoError", "__version__", "build"]


def build(manuscript: str | PathLike, formats=("epub", "pdf"), out: str | PathLike = "dist", *, trim: str | None = None,
          profile: str | None = None, bleed: str | None = None, running_head: str | None = None, drop_caps: bool | None = None,
          jobs: int | None = None) -> Built:
    """Build `manuscript` into `out` in each of `formats` ("epub", "pdf", "html", "kepub"), the PDF made up
    with the command line's options (those left out are the book's own, or the defaults) and, for a long
    book, laid out on `jobs` cores (default: all); returns what was written (`.files`), with the book's
    words and pages."""
    from pathlib import Path

    from .batch import default_jobs
    from .formats import Format
    from .pagesetup import page_setup
    from .pipeline import build as build_book

    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    options = {"trim": trim, "profile": profile, "bleed": bleed, "running_head": running_head, "drop_caps": drop_caps}
    page_setup(options)  # a wrong value is a ValueError before anything is read
    given = {name: value for name, value in options.items() if value is not None}
    formats = (formats,) if isinstance(formats, str) else formats
    return build_book(Path(manuscript), tuple(Format(name) for name in formats), Path(out), given, jobs=jobs or default_jobs())
