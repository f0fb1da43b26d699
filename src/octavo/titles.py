"""The title block at the top of a manuscript: the title (over one to three lines) and a byline under it.

    Frankenstein;                    DIE VERWANDLUNG          Middlemarch
    or, the Modern Prometheus        VON                      George Eliot
    by Mary Shelley                  FRANZ KAFKA

A title set in capitals is given in title case, as a title page prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .headings import Rule, letters, match_heading
from .labels import match_label
from .layout import Chunk, is_scene_break

_BY = r"by|written by|von|par|door|di|por|av|af"
_BYLINE = re.compile(rf"^(?i:{_BY})\s*:?\s+(?P<author>\S.*)$")
_BY_ALONE = re.compile(rf"^(?i:{_BY})\s*:?$")
_MAX_NAME_WORDS = 6
_TITLE_LINE_WORDS = 15
_TITLE_CHUNKS = 3
# Words a title in English or French leaves in lower case, unless they start it.
_SMALL_WORDS = {
    "en": {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "the", "to", "with"},
    "fr": {"à", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "ou", "un", "une", "d'", "l'"},
}


@dataclass(frozen=True)
class TitleBlock:
    """What the top of the text says, and how many chunks it took up."""

    title: str | None
    authors: tuple[str, ...]
    chunks: int
    line: int = 0
    rule: str = ""


def read_title_block(chunks: list[Chunk], known_title: str | None, language: str, known_authors: tuple[str, ...] = ()) -> TitleBlock:
    """The title and byline at the top of `chunks`. When the header already named the title or the
    authors, the lines that repeat them are taken off the text all the same; lines that say otherwise
    are text, and stay."""
    lines = _opening_lines(chunks)
    byline_at = next((at for at, (_, line) in enumerate(lines) if _byline(line, lines, at)), None)
    if byline_at and all(_is_title_line(line) for _, line in lines[:byline_at]):
        title_lines, author = lines[:byline_at], _byline(lines[byline_at][1], lines, byline_at)
        taken = _chunks_up_to(chunks, lines, byline_at + (1 if _BY_ALONE.match(lines[byline_at][1]) else 0))
        rule = "title lines and byline"
    elif lines and _is_title_line(lines[0][1]) and len(chunks[0].lines) == 1:
        title_lines, author, taken = lines[:1], None, 1
        rule = "first line"
        if len(chunks) > 1 and len(chunks[1].lines) == 1 and _is_name(chunks[1].text, min_words=2):
            author, taken = chunks[1].text, 2
            rule = "first line and a name under it"
    else:
        return TitleBlock(None, (), 0)
    title = " ".join(line for _, line in title_lines)
    if known_title is not None and not _opens(known_title, title):
        return TitleBlock(None, (), 0)
    if author and known_authors and all(_words(author)[-1:] != _words(name)[-1:] for name in known_authors):
        return TitleBlock(None, (), 0)  # a byline naming someone else (by surname: "Mary Shelley" is "Mary W. Shelley")
    authors = (title_case(author, language),) if author else ()
    return TitleBlock(title_case(_strip_markup(title), language), authors, taken, chunks[0].line, rule)


def _opening_lines(chunks: list[Chunk]) -> list[tuple[int, str]]:
    """(chunk index, line) for the lines of the first few short chunks."""
    lines = []
    for at, chunk in enumerate(chunks[:_TITLE_CHUNKS]):
        if len(chunk.lines) > _TITLE_CHUNKS:
            break
        lines.extend((at, line) for line in chunk.stripped)
    return lines[: _TITLE_CHUNKS + 2]


def _chunks_up_to(chunks: list[Chunk], lines: list[tuple[int, str]], last: int) -> int:
    return lines[min(last, len(lines) - 1)][0] + 1


def _byline(line: str, lines: list[tuple[int, str]], at: int) -> str | None:
    """The name in a `by Ann Lee` line (or a `by` alone over the name), with no sentence after it, so
    that "By the time she came..." stays the story's first sentence."""
    if _BY_ALONE.match(line) and at + 1 < len(lines) and _is_name(lines[at + 1][1]):
        return lines[at + 1][1]
    found = _BYLINE.match(line)
    if found and _is_name(found["author"].strip()):
        return found["author"].strip()
    return None


def _is_name(text: str, min_words: int = 1) -> bool:
    """A few capitalised words (initials allowed) and nothing after them: "Ann Lee", "O. Henry"."""
    words = text.split()
    if not min_words <= len(words) <= _MAX_NAME_WORDS or text[-1] in ",;:!?" or match_heading(text) or match_label(text):
        return False
    capitalised = [word for word in words if word.lower() not in {"de", "van", "von", "la", "le", "du"}]
    return all(word[0].isupper() or word[0] == "(" for word in capitalised) and not any(char.isdigit() for char in text)


def _is_title_line(line: str) -> bool:
    return (
        len(line.split()) <= _TITLE_LINE_WORDS
        and not is_scene_break(line)
        and getattr(match_heading(line), "rule", Rule.DECORATED) == Rule.DECORATED
        and match_label(line) is None
    )


def _strip_markup(title: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", title).strip("*_ ")


def title_case(text: str, language: str) -> str:
    """`TREASURE ISLAND` -> `Treasure Island`; text that is not all capitals is left as it is."""
    if not any(char.isalpha() for char in text) or any(char.islower() for char in text):
        return text
    small = _SMALL_WORDS.get(language.split("-")[0], set())
    words = text.lower().split()
    return " ".join(
        word if 0 < at < len(words) - 1 and word in small else "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        for at, word in enumerate(words)
    )


def _opens(title: str, lines: str) -> bool:
    """Whether `lines` are `title` or its first words ("Frankenstein" over a header's "Frankenstein; or,
    the Modern Prometheus"), letter case and punctuation aside. Lines that say more than the title are
    text, not a repeat of it, and are kept."""
    in_title, in_lines = _words(title), _words(lines)
    return 0 < len(in_lines) <= len(in_title) and in_title[: len(in_lines)] == in_lines


def _words(text: str) -> list[str]:
    return [word for word in (letters(word) for word in text.split()) if word]

