"""Project Gutenberg's wrapper around a book: the header and licence are taken off, the header's fields
read, and the volunteers' credits set aside for the back matter.

    The Project Gutenberg EBook of Jack Sheppard, by William Harrison Ainsworth
    ...
    Title: Jack Sheppard
           A Romance
    Author: William Harrison Ainsworth
    Language: English
    *** START OF THIS PROJECT GUTENBERG EBOOK JACK SHEPPARD ***
    Produced by ...                         <- credits
    ... the book ...
    End of the Project Gutenberg EBook of Jack Sheppard
    *** END OF THIS PROJECT GUTENBERG EBOOK JACK SHEPPARD ***
    ... licence ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG|^\*END\*THE SMALL PRINT", re.I)
_END = re.compile(r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.I)
_END_LINE = re.compile(r"^\s*End of (?:the )?Project Gutenberg", re.I)
# A field may be glued to the line before it ("www.gutenberg.orgTitle: ..."), so it is searched for.
_FIELD = re.compile(r"(?P<key>Title|Author|Language|Translator):\s*(?P<value>\S.*?)\s*$")
_CONTINUATION = re.compile(r"^\s{4,}\S")
# Paragraphs in which the volunteers speak, not the book: they go to the back matter.
_CREDIT = re.compile(r"^(?:Produced by|E-?text prepared by|This (?:e-?book|e-?text) was produced|Transcribed (?:by|from)"
                     r"|Transcriber['’]?s?\s+Notes?\b)", re.I)


@dataclass(frozen=True)
class Gutenberg:
    """Where the book itself starts and ends (line indexes), what the header said, and the credits
    as (index of the first line, index after the last) spans of lines inside the book."""

    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)
    credits: tuple[tuple[int, int], ...] = ()


def find_gutenberg(lines: list[str]) -> Gutenberg | None:
    """The Gutenberg wrapper of a text, or None when the text has no `*** START OF ...` line."""
    start = next((index for index, line in enumerate(lines) if _START.match(line)), None)
    if start is None:
        return None
    end = next((index for index in range(start + 1, len(lines)) if _END.match(lines[index])), len(lines))
    last_lines = range(max(start + 1, end - 12), end)
    end = next((index for index in last_lines if _END_LINE.match(lines[index])), end)
    return Gutenberg(start + 1, end, _header_fields(lines[:start]), _credits(lines, start + 1, end))


def _header_fields(lines: list[str]) -> dict[str, str]:
    """Title (a continuation line under it is the subtitle), author, translator and language."""
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        found = _FIELD.search(line)
        if not found or found["key"].lower() in fields:
            continue
        key = found["key"].lower()
        fields[key] = found["value"]
        if key == "title" and index + 1 < len(lines) and _CONTINUATION.match(lines[index + 1]):
            fields["subtitle"] = lines[index + 1].strip()
    return fields


def _credits(lines: list[str], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Credit paragraphs at the top of the book. A transcriber's note runs on over the paragraphs after
    it up to a rule or two blank lines."""
    spans = []
    index = start
    while index < end:
        if not lines[index].strip():
            index += 1
            continue
        if not _CREDIT.match(lines[index].strip()):
            break
        last = index
        while last < end and not _is_gap(lines, last, end) and not _is_rule(lines[last]):
            last += 1
        spans.append((index, last))
        index = last
        if _is_rule(lines[index] if index < end else ""):
            spans[-1] = (spans[-1][0], index + 1)
            index += 1
    return tuple(spans)


def _is_gap(lines: list[str], index: int, end: int) -> bool:
    """Two blank lines in a row: the end of a credit."""
    return not lines[index].strip() and (index + 1 >= end or not lines[index + 1].strip())


def _is_rule(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 3 and set(stripped) <= set("-=_*")
