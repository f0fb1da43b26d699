"""The characters of a book that the book face cannot draw.

WeasyPrint sets such a character in whatever fallback font the system has, silently, or as a box; this
finds them before the PDF is made. Text the stylesheet sets in italic is checked against the italic files,
the rest against the upright ones: the two do not cover the same characters (the italic has no ¹ ² ³).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .fonts import BOOK_FACE, book_face_files
from .model import Aside, Block, Book, Emph, Inline, Paragraph, Section, Strong, Text

NORMAL, ITALIC = "normal", "italic"

# Spaces, line and paragraph separators, and format characters (U+00AD, U+200D, U+2060...) draw no glyph.
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cf"}
_VARIATION_SELECTORS = {*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


def missing_glyphs(book: Book) -> dict[str, int]:
    """Each character of the book's text that the book face cannot draw, with how many times it occurs,
    the most frequent first."""
    missing: Counter[str] = Counter()
    for text, style in _styled_text(book):
        covered = _coverage(style)
        for char, count in Counter(text).items():
            if ord(char) not in covered and _draws_something(char):
                missing[char] += count
    return dict(missing.most_common())


def describe_missing(missing: dict[str, int], limit: int = 8) -> str:
    """One line for a reader: how many characters are missing, the `limit` most frequent of them, and
    how many more."""
    if not missing:
        return f"every character is in {BOOK_FACE}"
    ranked = sorted(missing.items(), key=lambda item: (-item[1], item[0]))
    listed = [f"'{char}' U+{ord(char):04X} ({count}×)" for char, count in ranked[:limit]]
    if len(ranked) > limit:
        listed.append(f"and {len(ranked) - limit} more")
    subject = "1 character is" if len(ranked) == 1 else f"{len(ranked)} characters are"
    return f"{subject} not in {BOOK_FACE} and would be set in a fallback font: {', '.join(listed)}"


def _draws_something(char: str) -> bool:
    """False for a space, a line break or a format character, which need no glyph of the font."""
    return not (
        char.isspace() or unicodedata.category(char) in _INVISIBLE_CATEGORIES or ord(char) in _VARIATION_SELECTORS
    )


@cache
def _coverage(style: str) -> frozenset[int]:
    """The code points some file of the book face in `style` ("normal" or "italic") has a glyph for."""
    files = [file.path for file in book_face_files() if file.style == style]
    return frozenset().union(*(_code_points(path) for path in files))


def _code_points(path: Path) -> frozenset[int]:
    """The code points a font file maps to a glyph."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


# --- The text the book shows, each run with the style it is set in (as book.css and print.css set it) -----


def _styled_text(book: Book) -> Iterator[tuple[str, str]]:
    """Every run of text the PDF shows, with its style: the title page, the imprint, the dedication, every
    section."""
    meta = book.meta
    yield from _runs(NORMAL, meta.title, *meta.authors, meta.rights, meta.publisher)
    yield from _runs(NORMAL, *(part for detail in meta.details for part in detail))
    yield from _runs(ITALIC, meta.subtitle, meta.description, meta.dedication)
    for section in book.sections:
        yield from _section_text(section)


def _section_text(section: Section) -> Iterator[tuple[str, str]]:
    """A section's heading (its name after the number in italic) and its scenes."""
    yield from _runs(NORMAL, section.title)
    yield from _runs(ITALIC, section.subtitle)
    for scene in section.scenes:
        yield from _runs(NORMAL, scene.title)
        for block in scene.blocks:
            yield from _block_text(block)


def _block_text(block: Block) -> Iterator[tuple[str, str]]:
    """A block's text; a quotation is set in italic, its source upright."""
    if isinstance(block, Paragraph):
        yield from _inline_text(block.inlines, NORMAL)
    elif isinstance(block, Aside):
        yield from _runs(NORMAL, block.title)
        for paragraph in block.paragraphs:
            yield from _inline_text(paragraph.inlines, NORMAL)
    else:
        for paragraph in block.paragraphs:
            yield from _inline_text(paragraph.inlines, ITALIC)
        yield from _inline_text(block.source, NORMAL)


def _inline_text(inlines: tuple[Inline, ...], style: str) -> Iterator[tuple[str, str]]:
    """The text of inline nodes; emphasis is italic, even inside italic text."""
    for node in inlines:
        if isinstance(node, Text):
            yield node.text, style
        elif isinstance(node, Emph):
            yield from _inline_text(node.children, ITALIC)
        elif isinstance(node, Strong):
            yield from _inline_text(node.children, style)


def _runs(style: str, *texts: str | None) -> Iterator[tuple[str, str]]:
    """Each text there is, with `style`."""
    return ((text, style) for text in texts if text)
