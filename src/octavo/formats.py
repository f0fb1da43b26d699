"""The formats Octavo writes."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    EPUB = "epub"
    PDF = "pdf"
    HTML = "html"
    KEPUB = "kepub"  # an EPUB with the markup Kobo's reader uses for locations and highlights

    @property
    def suffix(self) -> str:
        return "kepub.epub" if self is Format.KEPUB else self.value


DEFAULT_FORMATS = (Format.EPUB, Format.PDF)
