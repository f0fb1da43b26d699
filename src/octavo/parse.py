"""Manuscript text -> `Book`: header and title, labelled blocks, chapters and scenes, inline emphasis.

The text is cut into chunks (runs of non-blank lines); each chunk is classified (text, scene break,
chapter heading, or a labelled block such as `A/N`, `Disclaimer:`, `Quote:`, `Source:`); labelled blocks
take in the paragraphs that belong to them; then every piece is placed in the front matter, a chapter, or
the back matter. Labels are markup: they never reach the book as text.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path

from .errors import ManuscriptError
from .header import Header, read_header
from .inline import parse_inlines
from .labels import Label, match_label
from .model import Aside, Book, Matter, Metadata, Paragraph, Quotation, Role, Scene, Section

NOTE_TITLE = "Author’s Note"


class Kind(Enum):
    TEXT = auto()
    BREAK = auto()
    HEADING = auto()
    NOTE = auto()
    DISCLAIMER = auto()
    QUOTE = auto()
    SOURCE = auto()


LABELS = {Kind.NOTE, Kind.DISCLAIMER, Kind.QUOTE, Kind.SOURCE}
# Labels that belong before the story: a note runs on up to one of these, never up to another note.
FRONT_LABELS = {Kind.DISCLAIMER, Kind.QUOTE, Kind.SOURCE}
_LABEL_KINDS = {label: Kind[label.name] for label in Label}

# A scene break is a line made only of marks (with spaces between): `***`, `* * *`, `---`, `~~~`, `#`,
# `~*~`, `oOo`, `xXx`. A single mark counts only for `*`, `#` and `~`; dots never count (an elision in verse).
_MARKS = "*~#=_+•·◦-–—§¤❦⁂◊◇○●※"
_MARK_LINE = re.compile(rf"^[{re.escape(_MARKS)}](?:\s*[{re.escape(_MARKS)}]){{2,}}$|^[*#~]$")
_LETTER_DIVIDER = re.compile(r"^(?:o(?:Oo)+|O(?:oO)+|x(?:Xx)+|X(?:xX)+)$")

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = (
    rf"\d+|[IVXLCDM]+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNITS}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNITS}"
)
_HEADING = re.compile(
    rf"^(?P<label>(?:Chapter|CHAPTER|Letter|LETTER)\s+(?i:{_NUMBER})|Prologue|PROLOGUE|Epilogue|EPILOGUE"
    rf"|Interlude|INTERLUDE)\.?(?:\s*[:.\-–—]\s*(?P<title>\S.*)|\s*[:.]?$)"
)
# A heading (or the title line) may be marked up as one: `# Chapter 1`, `**Chapter 1**`, `_Prologue_`.
_HEADING_MARKUP = re.compile(r"^#{1,6}\s+|^[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}$")
_SHORT_LINE_WORDS = 15
_BYLINE = re.compile(r"^(?i:by|written by)\s*:?\s+(?P<author>\S.*)$")
_BYLINE_WORDS = 6


@dataclass
class Token:
    """A classified chunk. `text` is the paragraph text with any label removed."""

    kind: Kind
    line: int
    text: str = ""
    title: str | None = None
    subtitle: str | None = None


@dataclass
class Group:
    """A token with the paragraphs a label took in."""

    kind: Kind
    line: int
    paragraphs: list[Token] = field(default_factory=list)
    heading: Token | None = None


def parse(text: str, path: Path) -> Book:
    """The `Book` a manuscript's text describes. `path` names the file in errors and the fallback title."""
    lines = text.split("\n")
    header = read_header(lines, path)
    chunks = _split_headings(_chunks(lines, header.end))
    if not chunks:
        raise ManuscriptError("is empty: there is no text to make a book of", path)
    title, authors, chunks = _title_and_byline(chunks, header, path)
    groups = _group(_classify(chunk) for chunk in chunks)
    sections = _place(groups)
    if not sections:
        raise ManuscriptError("has no text to make a book of, only a title or scene breaks", path)
    meta = Metadata(
        title=title,
        authors=header.fields.get("authors", authors),
        language=header.fields.get("language", "en"),
        subtitle=header.fields.get("subtitle"),
        identifier=header.fields.get("identifier") or _content_identifier(text),
        publisher=header.fields.get("publisher"),
        rights=header.fields.get("rights"),
    )
    return Book(meta, sections)


# --- Chunks and tokens ---------------------------------------------------------------------------


def _chunks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines as (1-based line number, stripped lines). A mark line stands alone, and a
    line that opens with a label (`Source:` under `Quote:`) starts a chunk of its own."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if line and not is_scene_break(line):
            if current and match_label(line):
                current = []
            if not current:
                chunks.append((index + 1, current))
            current.append(line)
            continue
        current = []
        if line:
            chunks.append((index + 1, [line]))
    return chunks


def is_scene_break(line: str) -> bool:
    """Whether a stripped line is made only of a repeated mark."""
    return bool(_MARK_LINE.match(line) or _LETTER_DIVIDER.match(line))


def _heading(line: str) -> re.Match | None:
    return _HEADING.match(_HEADING_MARKUP.sub("", line))


def _split_headings(chunks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A heading with its text straight under it (no blank line between) is two chunks; a heading
    with one short line under it keeps that line as its title."""
    result = []
    for line, chunk_lines in chunks:
        heading = _heading(chunk_lines[0])
        # A heading with a title of its own, or one over more headings, is a contents list: no split.
        if heading and not heading["title"] and not _heading(chunk_lines[1] if len(chunk_lines) > 1 else "") and (
            len(chunk_lines) > 2 or (len(chunk_lines) == 2 and len(chunk_lines[1].split()) > _SHORT_LINE_WORDS)
        ):
            result.extend([(line, chunk_lines[:1]), (line + 1, chunk_lines[1:])])
        else:
            result.append((line, chunk_lines))
    return result


def _classify(chunk: tuple[int, list[str]]) -> Token:
    line, chunk_lines = chunk
    first = chunk_lines[0]
    if is_scene_break(first):
        return Token(Kind.BREAK, line)
    heading = _heading(first)
    if heading and len(chunk_lines) <= 2:
        subtitle = heading["title"] or (chunk_lines[1] if len(chunk_lines) == 2 else None)
        if subtitle is None or len(subtitle.split()) <= _SHORT_LINE_WORDS:
            return Token(Kind.HEADING, line, title=_spaced(heading["label"]), subtitle=subtitle)
    text = " ".join(chunk_lines)
    label = match_label(text)
    if label:
        return Token(_LABEL_KINDS[label[0]], line, label[1])
    return Token(Kind.TEXT, line, text)


def _spaced(label: str) -> str:
    return " ".join(label.split())


def _title_and_byline(chunks, header: Header, path: Path):
    """The book's title and authors, taking a title line (and a `by ...` line under it) off the text."""
    authors: tuple[str, ...] = ()
    title = header.fields.get("title")
    first = chunks[0][1]
    if title is None and _is_title_line(first[:1]) and (len(first) == 1 or (len(first) == 2 and _byline(first[1]))):
        title = _HEADING_MARKUP.sub("", first[0]).strip("*_ ")
        byline = _byline(first[1]) if len(first) == 2 else None
        chunks = chunks[1:]
        if byline is None and chunks and len(chunks[0][1]) == 1:
            byline = _byline(chunks[0][1][0])
            if byline:
                chunks = chunks[1:]
        authors = (byline,) if byline else ()
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
    return title, authors, chunks


def _byline(line: str) -> str | None:
    """The name in a `by Ann Lee` line: a few words, capitalised like a name, with no sentence after it
    (so that "By the time she came..." stays the story's first sentence)."""
    match = _BYLINE.match(line)
    if match is None:
        return None
    name = match["author"].strip()
    words = name.split()
    if len(words) > _BYLINE_WORDS or name[-1] in ".!?,;:" or not (words[0][0].isupper() and words[-1][0].isupper()):
        return None
    return name


def _is_title_line(chunk_lines: list[str]) -> bool:
    if len(chunk_lines) != 1:
        return False
    token = _classify((0, chunk_lines))
    return token.kind is Kind.TEXT and len(chunk_lines[0].split()) <= _SHORT_LINE_WORDS


# --- Labelled blocks take in their paragraphs ----------------------------------------------------


def _group(tokens) -> list[Group]:
    """Attach to each label the paragraphs that belong to it.

    A `Quote:` runs on to its `Source:`. An author's note or disclaimer runs on over the following
    paragraphs up to a disclaimer, quote or source (front matter that follows it); and, when it comes
    after the story of its chapter (a closing note), up to the next chapter heading or the end of the
    book. Otherwise it is its own paragraph alone: the story that follows a note is never taken in.
    """
    tokens = list(tokens)
    groups: list[Group] = []
    story_in_chapter = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.kind not in LABELS:
            groups.append(Group(token.kind, token.line, [token] if token.kind is Kind.TEXT else [], token))
            if token.kind is Kind.HEADING:
                story_in_chapter = False
            elif token.kind is Kind.TEXT:
                story_in_chapter = True
            continue
        group = Group(token.kind, token.line, [token] if token.text else [])
        if not token.text and index < len(tokens) and tokens[index].kind is Kind.TEXT:
            group.paragraphs.append(tokens[index])
            index += 1
        boundary = next((at for at in range(index, len(tokens)) if tokens[at].kind is not Kind.TEXT), len(tokens))
        if _runs_on(token.kind, tokens[boundary].kind if boundary < len(tokens) else None, story_in_chapter):
            group.paragraphs.extend(tokens[index:boundary])
            index = boundary
        groups.append(group)
    return groups


def _runs_on(label: Kind, boundary: Kind | None, story_in_chapter: bool) -> bool:
    if label is Kind.QUOTE:
        return boundary is Kind.SOURCE
    if label is Kind.SOURCE:
        return False
    if story_in_chapter:
        return boundary in (Kind.HEADING, None)
    return boundary in FRONT_LABELS


# --- Placing groups in the book ------------------------------------------------------------------


def _place(groups: list[Group]) -> tuple[Section, ...]:
    story = [at for at, group in enumerate(groups) if group.kind in (Kind.TEXT, Kind.HEADING)]
    first_story, last_story = (story[0], story[-1]) if story else (len(groups), -1)
    disclaimers: list[Paragraph] = []
    front: list[Section] = []
    back: list[Section] = []
    chapters: list[_ChapterBuilder] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        index += 1
        if group.kind is Kind.DISCLAIMER:
            disclaimers.extend(p for p in _paragraphs(group) if p.inlines not in [d.inlines for d in disclaimers])
            continue
        if group.kind is Kind.HEADING:
            chapters.append(_ChapterBuilder(group.heading))
            continue
        if group.kind is Kind.BREAK:
            if chapters:
                chapters[-1].scene_break()
            continue
        if group.kind is Kind.TEXT:
            if not chapters:
                chapters.append(_ChapterBuilder(None))
            chapters[-1].add(_paragraph(group.paragraphs[0]))
            continue
        block, took_following = _labelled_block(group, groups[index] if index < len(groups) else None)
        at = index - 1
        index += took_following
        if at < first_story:
            front.append(_front_section(block, group.line, front))
        elif at > last_story:
            back.append(_front_section(block, group.line, back, Matter.BACK))
        else:
            chapters[-1].add(block)
    sections: list[Section] = []
    if disclaimers:
        sections.append(Section("imprint", Matter.FRONT, Role.DISCLAIMER, "Disclaimer", (Scene(tuple(disclaimers)),)))
    sections.extend(section for section in front if section.role is Role.EPIGRAPH)
    sections.extend(section for section in front if section.role is not Role.EPIGRAPH)
    sections.extend(builder.build(number) for number, builder in enumerate(_nonempty(chapters), 1))
    sections.extend(back)
    return tuple(sections)


def _labelled_block(group: Group, following: Group | None) -> tuple[Aside | Quotation, bool]:
    """A note as an Aside; a `Quote:` as a Quotation, with the `Source:` after it if there is one
    (the second value says whether that following group was taken)."""
    if group.kind is Kind.NOTE:
        return Aside(NOTE_TITLE, _paragraphs(group)), False
    if group.kind is Kind.SOURCE:
        return Quotation((), _source(group)), False
    if following is not None and following.kind is Kind.SOURCE:
        return Quotation(_paragraphs(group), _source(following)), True
    return Quotation(_paragraphs(group), ()), False


def _source(group: Group):
    """An attribution's text; a dash the author put before it is left to the stylesheet to set."""
    return parse_inlines(" ".join(token.text for token in group.paragraphs).lstrip("-–—― "))


def _front_section(block, line: int, siblings: list[Section], matter: Matter = Matter.FRONT) -> Section:
    """A note or epigraph standing before or after the story, as a section of its own."""
    if isinstance(block, Quotation):
        epigraph = next((s for s in siblings if s.role is Role.EPIGRAPH), None)
        if epigraph is not None:
            siblings.remove(epigraph)
            block_list = epigraph.scenes[0].blocks + (block,)
        else:
            block_list = (block,)
        name = "epigraph" if matter is Matter.FRONT else "closing-epigraph"
        return Section(name, matter, Role.EPIGRAPH, None, (Scene(block_list),), line=line)
    prefix = "note" if matter is Matter.FRONT else "afterword"
    number = 1 + sum(1 for s in siblings if s.role is Role.NOTE)
    return Section(f"{prefix}-{number}", matter, Role.NOTE, block.title, (Scene(block.paragraphs),), line=line)


def _paragraphs(group: Group) -> tuple[Paragraph, ...]:
    return tuple(_paragraph(token) for token in group.paragraphs)


def _paragraph(token: Token) -> Paragraph:
    return Paragraph(parse_inlines(token.text), token.line)


class _ChapterBuilder:
    """Collects a chapter's blocks scene by scene; a break at either end of a chapter is dropped."""

    def __init__(self, heading: Token | None):
        self.heading = heading
        self.scenes: list[list] = [[]]

    def add(self, block) -> None:
        self.scenes[-1].append(block)

    def scene_break(self) -> None:
        if self.scenes[-1]:
            self.scenes.append([])

    def is_empty(self) -> bool:
        return self.heading is None and not self.scenes[0]

    def build(self, number: int) -> Section:
        scenes = tuple(Scene(tuple(blocks)) for blocks in self.scenes if blocks) or (Scene(()),)
        heading = self.heading
        return Section(
            f"chapter-{number}",
            Matter.BODY,
            Role.CHAPTER,
            heading.title if heading else None,
            scenes,
            subtitle=heading.subtitle if heading else None,
            line=heading.line if heading else 0,
        )


def _nonempty(chapters: list[_ChapterBuilder]) -> list[_ChapterBuilder]:
    return [chapter for chapter in chapters if not chapter.is_empty()]


def _content_identifier(text: str) -> str:
    """A stable identifier derived from the manuscript's text: the same text, the same book."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'octavo:' + digest)}"
