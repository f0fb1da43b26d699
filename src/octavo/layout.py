"""How a manuscript lays out its paragraphs, decided once per file, and its lines cut into chunks.

Four shapes are common:

- `blank`: paragraphs between blank lines, one line each; a line break inside a paragraph is meant
  (verse, a letter's address).
- `wrapped`: paragraphs between blank lines, hard-wrapped at a fixed width (Gutenberg's 70 columns):
  the lines are joined, except where the text shows that its breaks are meant (indented or short lines).
- `indented`: no blank lines; an indented line starts a paragraph (a word processor's "save as text").
- `lines`: no blank lines and no indents; every line is a paragraph.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from enum import StrEnum

from .headings import looks_like_title
from .labels import match_label

_MARKS = "*~#=_+•·◦-–—§¤❦❧⁂◊◇○●※"
# A scene break is a line made only of marks (with spaces between): `***`, `* * *`, `---`, `~~~`, `#`,
# `~*~`, `oOo`, `xXx`, a centred `❦`. A single mark counts only for `*`, `#`, `~` and ornaments; dots never
# count (an elision in verse).
_ORNAMENTS = "*#~❦❧⁂§※◊◇¤"
_MARK_LINE = re.compile(rf"^[{re.escape(_MARKS)}](?:\s*[{re.escape(_MARKS)}]){{2,}}$|^[{_ORNAMENTS}]$")
_LETTER_DIVIDER = re.compile(r"^(?:o(?:Oo)+|O(?:oO)+|x(?:Xx)+|X(?:xX)+)$")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
_SENTENCE_ENDS = tuple(".!?…:\"”’»")
LONG_LINE = 100  # characters: longer lines are never hard-wrapped ones
_VERSE_SHARE = 0.6  # of the wrap width: a paragraph whose lines all stop short of it keeps its breaks


class Shape(StrEnum):
    BLANK = "blank"
    WRAPPED = "wrapped"
    INDENTED = "indented"
    LINES = "lines"


@dataclass(frozen=True)
class Chunk:
    """A run of lines that belong together: a paragraph, a heading, a scene break, a contents list.
    `line` is the first line's number (1-based); lines keep their indentation; `gap_before` and
    `gap_after` count the blank lines around the chunk."""

    line: int
    lines: tuple[str, ...]
    gap_before: int = 0
    gap_after: int = 0
    underlined: bool = False  # a heading underlined with `===` or `---` (Markdown's setext heading)

    @property
    def stripped(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(self.stripped)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Layout:
    """A file's paragraph shape and, for hard-wrapped text, the width it was wrapped at."""

    shape: Shape
    width: int = LONG_LINE

    def paragraph_text(self, chunk: Chunk) -> str:
        """The chunk's text as one paragraph: wrapped lines joined by spaces, meant breaks kept as `\\n`."""
        lines = chunk.stripped
        if len(lines) == 1 or self.shape in (Shape.INDENTED, Shape.LINES):
            return " ".join(lines)
        return "\n".join(lines) if self._breaks_are_meant(chunk) else " ".join(lines)

    def _breaks_are_meant(self, chunk: Chunk) -> bool:
        """Verse, an address, a list: the lines are indented, or all stop short of the wrap width and
        each one after the first opens like a line of its own (a capital, a quote, a dash, a number)."""
        if min(_indent(line) for line in chunk.lines) >= 2:
            return True
        lines = chunk.stripped
        return all(len(line) < _VERSE_SHARE * self.width for line in lines[:-1]) and all(
            not line[0].islower() or previous[-1] in ".,;:!?—" for previous, line in zip(lines, lines[1:])
        )


def is_scene_break(line: str) -> bool:
    """Whether a stripped line is made only of a repeated mark."""
    return bool(_MARK_LINE.match(line) or _LETTER_DIVIDER.match(line))


def find_layout(lines: list[str], forced: str | None = None) -> Layout:
    """The paragraph shape of a file's lines (or the one its header names) and its wrap width."""
    chunks = _blank_chunks(lines)
    inner = [len(line.strip()) for chunk in chunks for line in chunk[:-1]]
    width = int(statistics.quantiles(inner, n=10)[-1]) if len(inner) >= 10 else LONG_LINE
    if forced:
        return Layout(Shape(forced), width)
    if not inner:
        return Layout(Shape.BLANK)
    if _indented_starts(chunks) >= max(5, 0.1 * len(inner)):
        return Layout(Shape.INDENTED, width)
    # Where paragraphs are not set off by blank lines (a run is three lines or more, on average), a line
    # that ends its sentence is a paragraph of its own: wrapped lines stop mid-sentence.
    ends = [line.rstrip() for chunk in chunks for line in chunk[:-1]]
    if len(ends) >= 2 * len(chunks) and (
        sum(line.endswith(_SENTENCE_ENDS) for line in ends) >= 0.6 * len(ends) or statistics.median(inner) > LONG_LINE
    ):
        return Layout(Shape.LINES, width)
    if width <= LONG_LINE and sum(length >= 0.6 * width for length in inner) >= 0.7 * len(inner):
        return Layout(Shape.WRAPPED, width)
    return Layout(Shape.BLANK, width)


def _blank_chunks(lines: list[str]) -> list[list[str]]:
    chunks, current = [], []
    for line in lines:
        if line.strip() and not is_scene_break(line.strip()):
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _indented_starts(chunks: list[list[str]]) -> int:
    """Lines that are indented where the line before them is not, inside flush-left runs of text."""
    count = 0
    for chunk in chunks:
        if len(chunk) >= 3 and min(_indent(line) for line in chunk) == 0:
            count += sum(_indent(line) >= 2 and _indent(previous) == 0 for previous, line in zip(chunk, chunk[1:]))
    return count


def _text_follows(lines: list[str], index: int, end: int) -> bool:
    """Whether the line after `index` is text: an indented mark line between two lines of text (a rule
    in a centred poster) belongs to them."""
    return index + 1 < end and bool(lines[index + 1].strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def cut_chunks(lines: list[str], start: int, end: int, layout: Layout, skip: frozenset[int] = frozenset()) -> list[Chunk]:
    """The chunks of `lines[start:end]`, lines in `skip` left out. A scene-break line stands alone; a line
    that opens with a label (`Source:` under `Quote:`) starts a chunk; in the `lines` shape every line is
    a chunk, in the `indented` shape every indented line starts one."""
    chunks: list[Chunk] = []
    current: list[str] = []
    first = gap = opened_gap = 0
    underlined = False

    def open_chunk(index: int, line: str) -> None:
        nonlocal first, current, gap, opened_gap
        first, current, opened_gap, gap = index, [line], gap, 0

    def close() -> None:
        nonlocal current, underlined
        if current:
            chunks.append(Chunk(first + 1, tuple(current), opened_gap, 0, underlined))
            current, underlined = [], False

    for index in range(start, end):
        if index in skip:
            continue
        line = lines[index].rstrip()
        stripped = line.strip()
        if not stripped:
            close()
            gap += 1
        elif len(current) == 1 and _UNDERLINE.match(stripped) and looks_like_title(current[0].strip()):
            underlined = True
            close()
        elif is_scene_break(stripped) and not (current and _indent(line) >= 2 and _text_follows(lines, index, end)):
            close()
            open_chunk(index, line)
            close()
        else:
            if current and (match_label(stripped) or layout.shape is Shape.LINES
                            or (layout.shape is Shape.INDENTED and _indent(line) >= 2)):
                close()
            if current:
                current.append(line)
            else:
                open_chunk(index, line)
    close()
    return [
        Chunk(chunk.line, chunk.lines, chunk.gap_before, following.gap_before if following else 0, chunk.underlined)
        for chunk, following in zip(chunks, chunks[1:] + [None])
    ]
