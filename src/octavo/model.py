"""The document model: what a book is, independent of where it came from or how it is rendered.

Two closed sets of node types, inlines and blocks, as in pandoc. Every node is a frozen dataclass, so a
parsed book can be shared between backends (and processes) without anyone changing it underneath.
This module imports nothing else of Octavo's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


# --- Inlines -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasis, set in italic: `_word_` or `*word*` in a manuscript."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong emphasis, set in bold: `**word**` or `__word__`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break inside a paragraph (verse, letters, addresses)."""


Inline = Text | Emph | Strong | LineBreak


# --- Blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text; `line` is where it starts in the manuscript (1-based)."""

    kind: ClassVar[str] = "paragraph"
    inlines: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Aside:
    """A labelled aside inside a chapter, such as an author's note between two scenes."""

    kind: ClassVar[str] = "aside"
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation set off from the text, with its attribution: an epigraph (`Quote:` and `Source:`)."""

    kind: ClassVar[str] = "quotation"
    paragraphs: tuple[Paragraph, ...]
    source: tuple[Inline, ...] = ()


Block = Paragraph | Aside | Quotation


@dataclass(frozen=True, slots=True)
class Scene:
    """A run of blocks between two scene breaks, or under a heading inside a chapter (`title`: the
    numbered sections of a story, "I.", "II.")."""

    blocks: tuple[Block, ...]
    title: str | None = None


# --- Sections ------------------------------------------------------------------------------------


class Matter(StrEnum):
    """Where a section stands in the book."""

    FRONT = "front"
    BODY = "body"
    BACK = "back"


class Role(StrEnum):
    """What a section is. The values are the roles `octavo inspect --json` reports."""

    DISCLAIMER = "disclaimer"
    EPIGRAPH = "epigraph"
    NOTE = "note"
    CHAPTER = "chapter"
    PART = "part"  # a part, book or epoch: a title over the chapters that follow it
    MATTER = "matter"  # other front or back matter: a dedication, blurbs, acknowledgements
    CREDITS = "credits"  # who produced this edition: a transcriber's note, the volunteers' credits


@dataclass(frozen=True, slots=True)
class Section:
    """One division of the book: a chapter, an author's note, the epigraph, the disclaimer.

    A chapter holds one or more scenes; every other section holds a single scene. `title` is None for an
    untitled chapter (a one-shot); `subtitle` is a chapter's name after its number ("Chapter 3: The Storm").
    """

    id: str
    matter: Matter
    role: Role
    title: str | None
    scenes: tuple[Scene, ...]
    subtitle: str | None = None
    line: int = 0

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block of the section in reading order, scene breaks left out."""
        return tuple(block for scene in self.scenes for block in scene.blocks)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of the section, those inside asides and quotations included."""
        return tuple(
            paragraph
            for block in self.blocks
            for paragraph in (block.paragraphs if isinstance(block, (Aside, Quotation)) else (block,))
        )

    @property
    def scene_breaks(self) -> int:
        """Breaks between scenes; a titled section inside a chapter is not a break."""
        return sum(1 for scene in self.scenes[1:] if scene.title is None)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the title page and the package metadata say about the book."""

    title: str
    authors: tuple[str, ...] = ()
    language: str = "en"
    subtitle: str | None = None
    identifier: str = ""
    modified: str = ""  # ISO 8601 UTC, e.g. 2026-11-24T12:00:00Z
    publisher: str | None = None
    rights: str | None = None
    description: str | None = None  # a summary, as a store shows it
    subjects: tuple[str, ...] = ()  # fandoms, genres
    details: tuple[tuple[str, str], ...] = ()  # what the title page lists: ("Rating", "T"), ("Pairing", ...)
    dashes: str | None = None  # "closed" (word—word) or "spaced" (word — word); None: as the language sets them
    cover: str | None = None  # the header's cover image, relative to the manuscript's folder
    dedication: str | None = None  # set alone on a page after the copyright page; lines kept
    date: str | None = None  # of publication: 2026, 2026-11 or 2026-11-25
    series: str | None = None
    series_number: str | None = None  # the book's place in its series: 2, or 2.5
    page_options: tuple[tuple[str, str], ...] = ()  # the PDF's page as the book asks for it: ("trim", "6x9")


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the parser recognised, where (1-based line) and by which rule: what `inspect` explains."""

    what: str
    line: int
    rule: str


@dataclass(frozen=True, slots=True)
class Book:
    """A whole book: its metadata and its sections in reading order (front, body, back)."""

    meta: Metadata
    sections: tuple[Section, ...] = field(default=())
    findings: tuple[Finding, ...] = field(default=())

    def matter(self, matter: Matter) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.matter is matter)

    @property
    def chapters(self) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.role is Role.CHAPTER)

    def section(self, role: Role) -> Section | None:
        """The first section of that role, if the book has one."""
        return next((section for section in self.sections if section.role is role), None)
