"""The book face the PDF embeds: EB Garamond (OFL), installed as a Python dependency.

It comes from PyPI (fontpkg-eb-garamond, Google Fonts' EB Garamond) rather than from the system, so that
`pip install octavo` lays out the same pages on any machine, and because its small capitals are real
precomposed glyphs: with the older Debian build, accented small capitals read back from the PDF as
two letters ("caâ" for "câ").

The package ships variable fonts. Given one, WeasyPrint makes a static instance of it in every PDF it
writes, a second or more of each build. So the regular weight, the variable fonts' default, is given to
the PDF as a static font: the variable font less its variation tables, made once and kept in the user's
cache folder. Bold stays variable (WeasyPrint instances it only for a book that has bold text).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import fontpkg_eb_garamond

from .atomic import atomic_target
from .errors import OutputError
from .resources import cache_folder

BOOK_FACE = "EB Garamond"
_VARIATION_TABLES = ("fvar", "gvar", "avar", "cvar", "HVAR", "MVAR", "STAT")


@dataclass(frozen=True)
class FontFile:
    """One file of the book face: its path and its style ("normal" or "italic")."""

    path: Path
    style: str


@cache
def book_face_files() -> tuple[FontFile, ...]:
    """The book face's files, as its font package's metadata lists them. Read here rather than through
    `fontpkg.family`, which imports importlib.metadata and reads every installed package's entry points
    to find them: 60 ms at the start of every build."""
    root = fontpkg_eb_garamond.ROOT
    metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    return tuple(FontFile(root / file["path"], file["style"]) for file in metadata["files"])


@dataclass(frozen=True)
class FontFace:
    """One @font-face rule: a family, a style and a weight (None: every weight, from a variable font), and
    the font file's URL."""

    family: str
    style: str
    weight: int | None
    url: str


def font_folders() -> set[Path]:
    """Where the book face's files are: the only fonts the PDF may load."""
    return {Path(unquote(urlparse(face.url).path)).parent for face in book_faces()}


@cache
def book_faces() -> tuple[FontFace, ...]:
    """The book face: by style, the regular weight as a static font and bold from the variable font; the
    variable fonts alone where no cache folder can be written."""
    files = book_face_files()
    try:
        return tuple(face for file in files for face in (
            FontFace(BOOK_FACE, file.style, 400, _default_instance(file.path).as_uri()),
            FontFace(BOOK_FACE, file.style, 700, file.path.as_uri()),
        ))
    except OutputError:
        return tuple(FontFace(BOOK_FACE, file.style, None, file.path.as_uri()) for file in files)


def _default_instance(variable: Path) -> Path:
    """The static font of `variable` at its default location, made once: at the default every variation
    is nil, so the instance is the font less its variation tables (fontTools' instancer would take tens of
    seconds to work that out glyph by glyph). Named by the variable font's bytes, so a new release of the
    face makes a new one."""
    data = variable.read_bytes()
    target = cache_folder("fonts") / f"{variable.stem.split('[')[0]}-default-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not target.is_file():
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(data))
        for tag in _VARIATION_TABLES:
            if tag in font:
                del font[tag]
        if "GDEF" in font and getattr(font["GDEF"].table, "VarStore", None) is not None:
            font["GDEF"].table.VarStore = None
        with atomic_target(target) as temporary:  # batch workers may make it at the same moment
            font.save(temporary)
    return target
