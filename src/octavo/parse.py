"""Manuscript text -> `Book`: header and title, labelled blocks, parts, chapters and scenes, emphasis.

The text between a metadata header (or Project Gutenberg's wrapper) and the end is cut into chunks
(`layout`); a printed contents list is dropped; each chunk is classified (text, scene break, heading, or a
labelled block such as `A/N`, `Disclaimer:`, `Quote:`, `Source:`); heading candidates are checked over the
whole book and given their level; labelled blocks take in the paragraphs that belong to them; then every
piece is placed in the front matter, a part, a chapter, or the back matter. Labels are markup: they never
reach the book as text. Every decision is recorded as a `Finding` for `octavo inspect`.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import uuid
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path

from .contents import PAGE_NUMBER, find_contents
from .errors import ManuscriptError
from .gutenberg import find_gutenberg
from .header import language_tag, merge_fields, read_header
from .headings import Heading, Level, Rule, looks_like_title, match_heading
from .inline import parse_inlines, plain_text
from .labels import Label, match_label
from .language import guess_language
from .layout import Chunk, Layout, cut_chunks, find_layout, is_scene_break
from .model import Aside, Book, Finding, Matter, Metadata, Paragraph, Quotation, Role, Scene, Section
from .pagesetup import PAGE_OPTIONS
from .titles import read_title_block

NOTE_TITLE = "Author’s Note"
CREDITS_TITLE = "Credits"


class Kind(Enum):
    TEXT = auto()
    BREAK = auto()
    HEADING = auto()
    NOTE = auto()
    DISCLAIMER = auto()
    QUOTE = auto()
    SOURCE = auto()
    ATTRIBUTION = auto()


LABELS = {Kind.NOTE, Kind.DISCLAIMER, Kind.QUOTE, Kind.SOURCE}
# Labels that belong before the story: a note runs on up to one of these, never up to another note.
FRONT_LABELS = {Kind.DISCLAIMER, Kind.QUOTE, Kind.SOURCE}
_LABEL_KINDS = {label: Kind[label.name] for label in Label}
# An attribution under an epigraph: `— Name`, `-- Name, Work`.
_ATTRIBUTION = re.compile(r"^(?:—|―|–|--?)\s*(?P<source>[A-Z_*“\"].{0,80})$")
_ATTRIBUTION_WORDS = 12
_EPIGRAPH_PARAGRAPHS = 3
# A note after the story runs on to the chapter's end over at most this many paragraphs; more are story.
_CLOSING_NOTE_PARAGRAPHS = 4
# Blank lines that make a scene break where the file otherwise uses single ones.
_BREAK_GAP = 3
# A text before the first heading with this many paragraphs of prose is the story's opening, not front matter.
_PROSE_WORDS, _OPENING_PROSE = 30, 3
_SUBTITLE_WORDS = 30
_SHORT_NAME_WORDS = 10
_WHOLE_EMPHASIS = re.compile(r"^([*_]{1,3})(?P<text>\S.*?\S)\1$")


@dataclass
class Token:
    """A classified chunk. `text` is the paragraph text with any label removed."""

    kind: Kind
    line: int
    text: str = ""
    heading: Heading | None = None
    subtitle: list[str] = field(default_factory=list)
    chunk: Chunk | None = None
    level: Level | Matter | None = None
    taken: list[Token] = field(default_factory=list)  # the chunks a heading took in as its name

    @property
    def title(self) -> str:
        return " ".join(self.heading.label.split()) if self.heading else ""


@dataclass
class Group:
    """A token with the paragraphs a label took in."""

    kind: Kind
    line: int
    paragraphs: list[Token] = field(default_factory=list)
    heading: Token | None = None
    source: Token | None = None


def parse(text: str, path: Path, settings: dict[str, object] | None = None) -> Book:
    """The `Book` a manuscript's text describes. `path` names the file in errors and the fallback title;
    `settings` are header fields from settings files, which the manuscript's own header overrides."""
    lines = text.split("\n")
    header = read_header(lines, path)
    findings: list[Finding] = []
    start, end, fields, credits = header.end, len(lines), merge_fields(settings or {}, header.fields), []
    gutenberg = find_gutenberg(lines)
    if gutenberg is not None:
        start, end = max(start, gutenberg.start), gutenberg.end
        findings.append(Finding("Project Gutenberg header and licence left out", gutenberg.start, "*** START/END OF ... ***"))
        fields = _gutenberg_fields(gutenberg.fields, path) | fields
        credits = list(gutenberg.credits)
    skip = frozenset(index for first, last in credits for index in range(first, last))
    layout = find_layout([lines[i] for i in range(start, end) if i not in skip], fields.get("paragraphs"))
    findings.append(Finding(f"paragraphs: {_describe(layout)}", start + 1, "header" if "paragraphs" in fields else "line lengths"))
    chunks = cut_chunks(lines, start, end, layout, skip)
    if not chunks:
        raise ManuscriptError("is empty: there is no text to make a book of", path)

    if "language" not in fields:
        fields["language"] = guess_language("\n".join(lines[start:end])) or "en"
        findings.append(Finding(f"language: {fields['language']}", start + 1, "common words"))
    block = read_title_block(chunks, fields.get("title"), fields["language"], fields.get("authors", ()))
    chunks = chunks[block.chunks :]
    title = fields.get("title") or block.title
    if block.title:
        findings.append(Finding(f"title: {block.title}", block.line, block.rule))
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
        findings.append(Finding(f"title: {title}", 0, "file name"))
    authors = fields.get("authors") or block.authors

    contents = find_contents(chunks)
    if contents is not None:
        first, after = contents
        last_line = chunks[after - 1].line + len(chunks[after - 1].lines) - 1
        findings.append(Finding(f"printed contents list left out (lines {chunks[first].line}-{last_line})", chunks[first].line, "contents label"))
        chunks = chunks[:first] + chunks[after:]

    tokens = _classify(chunks, layout, fields.get("chapters") != "none")
    tokens = _resolve_levels(tokens)
    groups = _group(tokens)
    sections = _place(groups, findings)
    if credits:
        paragraphs = tuple(Paragraph(parse_inlines(layout.paragraph_text(c)), c.line)
                           for first, last in credits for c in cut_chunks(lines, first, last, layout) if not is_scene_break(c.text))
        sections.append(Section("credits", Matter.BACK, Role.CREDITS, CREDITS_TITLE, (Scene(paragraphs),), line=credits[0][0] + 1))
        findings.append(Finding("credits moved to the back matter", credits[0][0] + 1, "Produced by / Transcriber's note"))
    if not any(section.role is Role.CHAPTER for section in sections):
        raise ManuscriptError("has no story to make a book of: only a title, scene breaks or notes (A/N, Disclaimer, Quote)", path)
    meta = Metadata(
        title=title,
        authors=tuple(authors),
        language=fields["language"],
        subtitle=fields.get("subtitle"),
        identifier=fields.get("identifier") or _content_identifier(text),
        publisher=fields.get("publisher"),
        rights=fields.get("rights"),
        description=fields.get("summary"),
        subjects=tuple(fields.get("subjects", ())),
        details=tuple(fields.get("details", ())),
        dashes=fields.get("dashes"),
        cover=fields.get("cover"),
        dedication=fields.get("dedication"),
        date=fields.get("date"),
        series=fields.get("series"),
        series_number=fields.get("series_number"),
        page_options=tuple((name, fields[name]) for name in PAGE_OPTIONS if name in fields),
    )
    return Book(meta, tuple(sections), tuple(sorted(findings, key=lambda finding: finding.line)))


def _gutenberg_fields(found: dict[str, str], path: Path) -> dict:
    fields: dict = {key: found[key] for key in ("title", "subtitle") if key in found}
    if "author" in found:
        fields["authors"] = tuple(name.strip() for name in re.split(r"\s+and\s+|;", found["author"]) if name.strip())
    if "language" in found:
        tag = language_tag(found["language"])
        if tag:
            fields["language"] = tag
    return fields


def _describe(layout: Layout) -> str:
    if layout.shape.value == "wrapped":
        return f"wrapped at {layout.width} columns, lines joined"
    return {"blank": "between blank lines", "indented": "an indented line starts one", "lines": "one per line"}[layout.shape.value]


# --- Tokens --------------------------------------------------------------------------------------


def _classify(chunks: list[Chunk], layout: Layout, find_chapters: bool) -> list[Token]:
    """Tokens in reading order: headings take a short title line or chunk under them, and a run of
    blank lines longer than the file's usual gap is a scene break."""
    gaps = [chunk.gap_before for chunk in chunks[1:]]
    usual_gap = statistics.median(gaps) if gaps else 1
    headings = [_heading_of(chunk) if find_chapters else None for chunk in chunks]
    blank_breaks = usual_gap <= 1 and _long_gaps_are_breaks(chunks, headings)
    tokens: list[Token] = []
    for chunk, heading in zip(chunks, headings):
        if blank_breaks and heading is None and tokens and tokens[-1].kind is Kind.TEXT and chunk.gap_before >= _BREAK_GAP:
            tokens.append(Token(Kind.BREAK, chunk.line - 1, f"{chunk.gap_before} blank lines"))
        if heading is not None:
            tokens.extend(_heading_tokens(chunk, heading, layout))
            continue
        tokens.append(_token(chunk, layout))
    return _take_titles(tokens, usual_gap)


def _long_gaps_are_breaks(chunks: list[Chunk], headings: list[Heading | None]) -> bool:
    """Whether runs of blank lines mark scene breaks: not where most of them stand around headings
    (Gutenberg sets four blank lines before every chapter)."""
    long_gaps = around_headings = 0
    for chunk, heading in zip(chunks, headings):
        long_gaps += chunk.gap_before >= _BREAK_GAP
        around_headings += heading is not None and (chunk.gap_before >= _BREAK_GAP or chunk.gap_after >= _BREAK_GAP)
    return long_gaps > 0 and around_headings * 2 < long_gaps


def _heading_of(chunk: Chunk) -> Heading | None:
    if chunk.underlined:
        return match_heading(chunk.text) or Heading(chunk.text, None, None, Rule.DECORATED, style="decorated")
    return match_heading(chunk.stripped[0])


def _heading_tokens(chunk: Chunk, heading: Heading, layout: Layout) -> list[Token]:
    """A heading, with the line under it as its title when it reads as one; the rest of the chunk is text.
    A heading over two more headings is a list of them (a contents list), not a heading."""
    rest = chunk.stripped[1:]
    if len(rest) >= 2 and all(match_heading(PAGE_NUMBER.sub("", line)) for line in rest[:2]):
        return [_token(chunk, layout)]
    token = Token(Kind.HEADING, chunk.line, heading=heading, chunk=chunk)
    if heading.title:
        token.subtitle.append(_heading_name(heading.title))
    elif rest and looks_like_title(rest[0]) and match_heading(rest[0]) is None:
        token.subtitle.append(_heading_name(rest[0]))
        rest = rest[1:]
    token.text = " ".join(chunk.stripped[: len(chunk.lines) - len(rest)])
    if not rest:
        return [token]
    remainder = Chunk(chunk.line + len(chunk.lines) - len(rest), chunk.lines[-len(rest) :], 0, chunk.gap_after)
    return [token, _token(remainder, layout)]


def _token(chunk: Chunk, layout: Layout) -> Token:
    first = chunk.stripped[0]
    if is_scene_break(first):
        return Token(Kind.BREAK, chunk.line, f"mark line {first!r}")
    text = layout.paragraph_text(chunk)
    label = match_label(text)
    alone = match_label(first) if len(chunk.lines) > 1 else None
    if alone and not alone[1]:  # `Disclaimer` on a line of its own over its text
        rest = Chunk(chunk.line + 1, chunk.lines[1:])
        return Token(_LABEL_KINDS[alone[0]], chunk.line, layout.paragraph_text(rest), chunk=chunk)
    if label:
        return Token(_LABEL_KINDS[label[0]], chunk.line, label[1], chunk=chunk)
    attribution = _ATTRIBUTION.match(text)
    if attribution and len(text.split()) <= _ATTRIBUTION_WORDS and looks_like_title(attribution["source"]):
        return Token(Kind.ATTRIBUTION, chunk.line, attribution["source"], chunk=chunk)
    return Token(Kind.TEXT, chunk.line, text, chunk=chunk)


def _take_titles(tokens: list[Token], usual_gap: float) -> list[Token]:
    """A heading without a name takes the short chunk under it as its name when that chunk is set off
    as one: in capitals, or with more blank lines after it than the text uses between paragraphs. A part
    heading takes every such chunk up to the next heading (`EPOCH THE FIRST.` / `1703.` / `JONATHAN WILD.`)."""
    result: list[Token] = []
    for token in tokens:
        heading = result[-1] if result and result[-1].kind is Kind.HEADING else None
        if heading is not None and heading.heading.rule != Rule.DECORATED and _is_title_chunk(token, usual_gap):
            room = 3 if heading.heading.level is Level.PART else 1
            if len(heading.subtitle) < room:
                heading.subtitle.append(_heading_name(token.text))
                heading.taken.append(token)
                continue
        result.append(token)
    return result


def _heading_name(text: str) -> str:
    """A heading's name as a book sets it: without the emphasis or the full stop a typescript puts on it."""
    emphasis = _WHOLE_EMPHASIS.match(text)
    text = emphasis["text"] if emphasis else text
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _is_title_chunk(token: Token, usual_gap: float) -> bool:
    chunk = token.chunk
    if token.kind is not Kind.TEXT or chunk is None or len(chunk.lines) > 2 or chunk.words > _SUBTITLE_WORDS:
        return False
    text = chunk.text
    if not any(char.isalpha() for char in text):
        return len(text.split()) <= 2  # a year under a part's title
    if all(char.isupper() for char in text if char.isalpha()):
        return text[-1] not in "?!,;"  # a name in capitals, however long (Verne's run to twenty words)
    # Set off by more blank lines than the text uses: a name even in sentence case, if it is one phrase.
    set_off = chunk.gap_after > max(usual_gap, 1)
    phrase = text[0].isupper() and ". " not in text.rstrip(".") and text[-1] not in "?!,;:"
    return set_off and (looks_like_title(text) or (phrase and chunk.words <= _SHORT_NAME_WORDS))


def _resolve_levels(tokens: list[Token]) -> list[Token]:
    """Give every heading its level. A numeral heading must count up (1, 2, 3, or start again at 1) and
    come at least twice, else it is text (a lone `I.` ends a sentence). Where the book has chapter words,
    numerals under them are sections; else the first numeral style met is the chapters', another the
    sections'. A decorated heading (`=== Blurbs ===`) before the first chapter or after the last is front
    or back matter."""
    by_rule: dict[str, list[Token]] = {}
    for token in tokens:
        if token.kind is Kind.HEADING and token.heading.level is None and token.heading.number is not None:
            by_rule.setdefault(token.heading.rule, []).append(token)
    for candidates in by_rule.values():
        counted = _counting_up(candidates)
        for token in candidates:
            if len(counted) < 2 or token not in counted:
                _demote(token)
    headings = [token for token in tokens if token.kind is Kind.HEADING]
    has_chapter_words = any(token.heading.level is Level.CHAPTER for token in headings)
    numeral_rules = [token.heading.rule for token in headings if token.heading.number is not None and token.heading.level is None]
    for token in headings:
        heading = token.heading
        if heading.level is not None:
            token.level = heading.level
        elif heading.rule in (Rule.NUMERAL, Rule.NUMERAL_TITLE):
            token.level = Level.SECTION if has_chapter_words or heading.rule != numeral_rules[0] else Level.CHAPTER
    chapters = [at for at, token in enumerate(tokens) if token.kind is Kind.HEADING and token.level is Level.CHAPTER]
    for at, token in enumerate(tokens):
        if token.kind is Kind.HEADING and token.level is None:
            if chapters and at < chapters[0]:
                token.level = Matter.FRONT
            elif chapters and at > chapters[-1]:
                token.level = Matter.BACK
            else:
                token.level = Level.CHAPTER
    return _restore(tokens)


def _counting_up(candidates: list[Token]) -> list[Token]:
    """The candidates whose numbers count up from 1 (and may skip one, or start again at 1 where a 2
    follows). One misprinted number between two that fit (XVI, XXVII, XVIII) is taken as the one the
    sequence expects."""
    counted, last = [], 0
    for at, token in enumerate(candidates):
        number = token.heading.number
        following = candidates[at + 1].heading.number if at + 1 < len(candidates) else None
        if number in (last + 1, last + 2) or (number == 1 and following == 2):
            last = number
        elif following == last + 2:
            last += 1
        else:
            continue
        counted.append(token)
    return counted


def _demote(token: Token) -> None:
    """A heading candidate that is not one after all: its lines are text again (see `_restore`)."""
    token.kind = Kind.TEXT
    token.heading = None


def _restore(tokens: list[Token]) -> list[Token]:
    """The tokens with the chunks a demoted heading took in as its name put back in their place."""
    return [taken for token in tokens for taken in ([token, *token.taken] if token.kind is Kind.TEXT else [token])]


# --- Labelled blocks take in their paragraphs ----------------------------------------------------


def _group(tokens: list[Token]) -> list[Group]:
    """Attach to each label the paragraphs that belong to it.

    A `Quote:` runs on to its `Source:`. An author's note or disclaimer runs on over the following
    paragraphs up to a disclaimer, quote or source (front matter that follows it); and, when it comes
    after the story of its chapter and no more than a few paragraphs follow (a closing note), up to the
    next chapter heading or the end of the book. Otherwise it is its own paragraph alone: the story that follows a note is never taken in.
    A short quotation with a dashed attribution under it, at the opening of the book or of a chapter,
    is an epigraph.
    """
    groups: list[Group] = []
    story_in_chapter = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        epigraph = _epigraph_at(tokens, index - 1, story_in_chapter)
        if epigraph:
            groups.append(Group(Kind.QUOTE, token.line, tokens[index - 1 : index - 1 + epigraph], source=tokens[index - 1 + epigraph]))
            index += epigraph
            continue
        if token.kind is Kind.ATTRIBUTION:
            token.kind, token.text = Kind.TEXT, token.chunk.text
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
        following = tokens[boundary].kind if boundary < len(tokens) else None
        if _runs_on(token.kind, following, story_in_chapter and boundary - index <= _CLOSING_NOTE_PARAGRAPHS):
            group.paragraphs.extend(tokens[index:boundary])
            index = boundary
        groups.append(group)
    return groups


def _epigraph_at(tokens: list[Token], at: int, story_in_chapter: bool) -> int:
    """How many paragraphs of quotation start at `at` and end on an attribution (0: none do)."""
    if story_in_chapter:
        return 0
    for count in range(1, _EPIGRAPH_PARAGRAPHS + 1):
        if at + count >= len(tokens) or tokens[at + count - 1].kind is not Kind.TEXT:
            return 0
        if tokens[at + count].kind is Kind.ATTRIBUTION:
            return count
    return 0


def _runs_on(label: Kind, boundary: Kind | None, closing: bool) -> bool:
    if label is Kind.QUOTE:
        return boundary is Kind.SOURCE
    if label is Kind.SOURCE:
        return False
    if closing:
        return boundary in (Kind.HEADING, None)
    return boundary in FRONT_LABELS


# --- Placing groups in the book ------------------------------------------------------------------


class _Division:
    """Collects a part's, chapter's or other section's blocks scene by scene. A break at the opening is
    dropped; consecutive breaks are one."""

    def __init__(self, heading: Token | None, level: Level | Matter):
        self.heading = heading
        self.level = level
        self.scenes: list[tuple[str | None, list]] = [(None, [])]
        self.breaks: list[Finding] = []

    def add(self, block) -> None:
        self.scenes[-1][1].append(block)

    def scene_break(self, found: Finding) -> None:
        if self.scenes[-1][1]:
            self.scenes.append((None, []))
            self.breaks.append(found)

    def subsection(self, title: str) -> None:
        if self.scenes == [(None, [])]:
            self.scenes = [(title, [])]
        else:
            self.scenes.append((title, []))

    def drop_closing_break(self) -> None:
        """A break after the book's last words marks nothing: it goes."""
        if len(self.scenes) > 1 and self.scenes[-1] == (None, []):
            self.scenes.pop()
            self.breaks.pop()

    def is_empty(self) -> bool:
        return self.heading is None and not any(blocks for _, blocks in self.scenes)

    def prose_paragraphs(self) -> int:
        """Paragraphs of running prose: long enough, and not verse (no line breaks)."""
        texts = [plain_text(block.inlines) for _, blocks in self.scenes for block in blocks if isinstance(block, Paragraph)]
        return sum(1 for text in texts if "\n" not in text and len(text.split()) >= _PROSE_WORDS)

    def build(self, section_id: str, matter: Matter, role: Role) -> Section:
        # An empty last scene is a break at the chapter's end, kept as the author drew it.
        scenes = tuple(Scene(tuple(blocks), title) for title, blocks in self.scenes) or (Scene(()),)
        heading = self.heading
        subtitle = "\n".join(heading.subtitle) if heading and heading.subtitle else None
        return Section(section_id, matter, role, heading.title if heading else None, scenes,
                       subtitle=subtitle, line=heading.line if heading else 0)


def _place(groups: list[Group], findings: list[Finding]) -> list[Section]:
    story = [at for at, group in enumerate(groups) if group.kind in (Kind.TEXT, Kind.HEADING)]
    first_story, last_story = (story[0], story[-1]) if story else (len(groups), -1)
    disclaimers: list[Paragraph] = []
    front: list[Section] = []
    back: list[Section] = []
    opening = _Division(None, Level.CHAPTER)
    body: list[_Division] = []
    current = opening
    index = 0
    while index < len(groups):
        group = groups[index]
        index += 1
        if group.kind is Kind.DISCLAIMER:
            disclaimers.extend(p for p in _paragraphs(group) if p.inlines not in [d.inlines for d in disclaimers])
            findings.append(Finding("disclaimer", group.line, "Disclaimer: label"))
            continue
        if group.kind is Kind.HEADING:
            token = group.heading
            if token.level is Level.SECTION and current.level is Level.CHAPTER and current is not opening:
                current.subsection(" ".join([token.title, *token.subtitle]))
            else:
                # A section heading with no chapter over it stands as a chapter.
                current = _Division(token, Level.CHAPTER if token.level is Level.SECTION else token.level)
                body.append(current)
            findings.append(Finding(f"{_level_name(token.level if current.heading is not token else current.level)}: {token.title}", token.line, token.heading.rule))
            continue
        if group.kind is Kind.BREAK:
            current.scene_break(Finding("scene break", group.line, group.heading.text))
            continue
        if group.kind is Kind.TEXT:
            current.add(_paragraph(group.paragraphs[0]))
            continue
        block, took_following = _labelled_block(group, groups[index] if index < len(groups) else None)
        findings.append(Finding(_block_name(block), group.line, f"{group.kind.name.title()} label" if group.source is None else "attribution line"))
        at = index - 1
        index += took_following
        if at < first_story or (at > last_story and not body and current is opening and not opening.scenes[0][1]):
            front.append(_labelled_section(block, group.line, front))
        elif at > last_story:
            back.append(_labelled_section(block, group.line, back, Matter.BACK))
        else:
            current.add(block)

    chapters = [division for division in [opening, *body] if division.level is Level.CHAPTER]
    chapters[-1].drop_closing_break()
    findings.extend(found for division in [opening, *body] for found in division.breaks)
    sections: list[Section] = []
    if disclaimers:
        sections.append(Section("imprint", Matter.FRONT, Role.DISCLAIMER, "Disclaimer", (Scene(tuple(disclaimers)),)))
    sections.extend(section for section in front if section.role is Role.EPIGRAPH)
    sections.extend(section for section in front if section.role is not Role.EPIGRAPH)
    if not opening.is_empty():
        if body and opening.prose_paragraphs() < _OPENING_PROSE:
            sections.append(opening.build("front-matter", Matter.FRONT, Role.MATTER))
            findings.append(Finding("front matter before the first heading", sections[-1].blocks[0].line if sections[-1].blocks else 0, "text before the first heading"))
        else:
            body.insert(0, opening)
    sections.extend(_body_sections(body))
    sections.extend(back)
    return sections


def _body_sections(divisions: list[_Division]) -> list[Section]:
    sections = []
    counts: dict[str, int] = {}
    for division in divisions:
        if division.is_empty():
            continue
        if division.level in (Matter.FRONT, Matter.BACK):
            matter, role, prefix = division.level, Role.MATTER, division.level.value
        elif division.level is Level.PART:
            matter, role, prefix = Matter.BODY, Role.PART, "part"
        else:
            matter, role, prefix = Matter.BODY, Role.CHAPTER, "chapter"
        counts[prefix] = counts.get(prefix, 0) + 1
        sections.append(division.build(f"{prefix}-{counts[prefix]}", matter, role))
    front = [s for s in sections if s.matter is Matter.FRONT]
    return front + [s for s in sections if s.matter is not Matter.FRONT]


def _level_name(level: Level | Matter) -> str:
    return {Level.PART: "part", Level.CHAPTER: "chapter", Level.SECTION: "section", Matter.FRONT: "front matter",
            Matter.BACK: "back matter"}[level]


def _block_name(block) -> str:
    return "author’s note" if isinstance(block, Aside) else "epigraph"


def _labelled_block(group: Group, following: Group | None) -> tuple[Aside | Quotation, bool]:
    """A note as an Aside; a `Quote:` as a Quotation, with the `Source:` after it if there is one
    (the second value says whether that following group was taken)."""
    if group.kind is Kind.NOTE:
        return Aside(NOTE_TITLE, _paragraphs(group)), False
    if group.source is not None:
        return Quotation(_paragraphs(group), _source([group.source])), False
    if group.kind is Kind.SOURCE:
        return Quotation((), _source(group.paragraphs)), False
    if following is not None and following.kind is Kind.SOURCE:
        return Quotation(_paragraphs(group), _source(following.paragraphs)), True
    return Quotation(_paragraphs(group), ()), False


def _source(tokens: list[Token]):
    """An attribution's text; a dash the author put before it is left to the stylesheet to set."""
    return parse_inlines(" ".join(token.text for token in tokens).lstrip("-–—― "))


def _labelled_section(block, line: int, siblings: list[Section], matter: Matter = Matter.FRONT) -> Section:
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


def _content_identifier(text: str) -> str:
    """A stable identifier derived from the manuscript's text: the same text, the same book."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'octavo:' + digest)}"
