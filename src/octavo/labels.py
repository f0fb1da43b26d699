"""The labels that open a labelled block of a manuscript: `A/N`, `Disclaimer:`, `Quote:`, `Source:`.

A label may be set in emphasis (`**A/N:**`) or open a parenthesis (`(A/N: thanks!)`). Labels are markup:
the parser takes them off, and the metadata header ends where one begins.
"""

from __future__ import annotations

import re
from enum import Enum


class Label(Enum):
    NOTE = "note"
    DISCLAIMER = "disclaimer"
    QUOTE = "quote"
    SOURCE = "source"


def _pattern(core: str, separator: str) -> re.Pattern:
    return re.compile(rf"^(?P<paren>\()?(?P<markup>[*_]{{0,2}})(?:{core}){separator}(?P=markup)\s*")


_PATTERNS = (
    (Label.NOTE, _pattern(r"(?i:a/n)|A\.N\.|AN(?=\s*:)|N(?i:ote)(?=\s*:)|(?i:authors?['’]?s?\s+notes?)(?=\W|$)", r"\s*[:.\-–—]?")),
    (Label.DISCLAIMER, _pattern(r"(?i:disclaimer)", r"(?:\s*[:.\-–—]|\s*$)")),
    (Label.QUOTE, _pattern(r"(?i:quote)", r"\s*:")),
    (Label.SOURCE, _pattern(r"(?i:source)", r"\s*:")),
)


def match_label(text: str) -> tuple[Label, str] | None:
    """The label `text` opens with and the text after it (a closing parenthesis taken off), or None."""
    for label, pattern in _PATTERNS:
        found = pattern.match(text)
        if found:
            rest = text[found.end() :].strip()
            if found["paren"] and rest.endswith(")"):
                rest = rest[:-1].rstrip()
            return label, rest
    return None
