"""A printed table of contents in a manuscript: found so that it can be dropped (the book makes its own).

    Contents                               <- the label
       I.     A Scandal in Bohemia         <- the entries, with or without page numbers
       II.    The Red-Headed League
    ...
    I. A SCANDAL IN BOHEMIA                <- the first entry again: the book begins

The list runs from its label to where its first entry comes back as a heading, or else up to the first
chunk that is not an entry (a paragraph of prose).
"""

from __future__ import annotations

import re

from .headings import TITLE_WORDS, letters, match_heading
from .layout import Chunk

_LABEL = re.compile(
    r"^(?:(?:table of )?contents|table des mati[èe]res|inhalt(?:sverzeichnis)?|[íi]ndice|sommaire|inhoud|indholdsfortegnelse"
    r"|innehåll|spis treści)\s*[.:]?$",
    re.I,
)
# A page number after an entry, set off by spaces or dot leaders: `THE SEA-CHEST . . . . 30`.
_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+)[.)]?\s+")
_NAME_LETTERS = 6
PAGE_NUMBER = re.compile(r"(?:\s{2,}|\s*(?:\.\s*){2,})\d+$")


def find_contents(chunks: list[Chunk]) -> tuple[int, int] | None:
    """(index of the label's chunk, index of the first chunk after the list), or None."""
    for at, chunk in enumerate(chunks):
        if not _LABEL.match(chunk.stripped[0]):
            continue
        entries = list(chunk.stripped[1:])
        following = at + 1
        if not entries and following < len(chunks):
            entries = list(chunks[following].stripped)
            following += 1
        if not entries or not all(_is_entry(line) for line in entries):
            continue
        first, name = _key(entries[0]), _name(entries[0])
        for index in range(following, len(chunks)):
            lines = chunks[index].stripped
            if not all(_is_entry(line) for line in lines):
                return at, index
            if _key(lines[0]) == first or (len(name) >= _NAME_LETTERS and name in letters(" ".join(lines[:2]))):
                # Where the entry named the chapter only, its heading may stand on the line above the name.
                above = chunks[index - 1].stripped
                named_only = match_heading(lines[0]) is None and index - 1 >= following
                return at, index - 1 if named_only and len(above) == 1 and match_heading(above[0]) else index
        return at, len(chunks)
    return None


def _is_entry(line: str) -> bool:
    return len(PAGE_NUMBER.sub("", line).split()) <= TITLE_WORDS


def _name(line: str) -> str:
    """The letters of an entry's name, its number and page number aside."""
    line = _NUMBERING.sub("", PAGE_NUMBER.sub("", line))
    heading = match_heading(line)
    return letters(heading.title or "") if heading else letters(line)



def _key(line: str) -> tuple:
    line = PAGE_NUMBER.sub("", line)
    heading = match_heading(line)
    if heading is not None:
        return heading.key
    return ("text", letters(line))
