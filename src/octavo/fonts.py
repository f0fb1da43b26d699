"""The book face the PDF embeds: EB Garamond (OFL), installed as a Python dependency.

It comes from PyPI (fontpkg-eb-garamond, Google Fonts' EB Garamond) rather than from the system, so that
`pip install octavo` lays out the same pages on any machine, and because its small capitals are real
precomposed glyphs: with the older Debian build, accented small capitals read back from the PDF as
two letters ("caâ" for "câ").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pathlib import Path

import fontpkg

BOOK_FACE = "EB Garamond"


@dataclass(frozen=True)
class FontFace:
    """One @font-face rule: a family, a style, and the font file's URL."""

    family: str
    style: str
    url: str


def font_folders() -> set[Path]:
    """Where the book face's files are: the only fonts the PDF may load."""
    return {file.path.parent for file in fontpkg.family(BOOK_FACE).files}


@cache
def book_faces() -> tuple[FontFace, ...]:
    return tuple(FontFace(BOOK_FACE, file.style, file.path.as_uri()) for file in fontpkg.family(BOOK_FACE).files)
