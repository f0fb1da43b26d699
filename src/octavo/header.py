"""The metadata header at the very top of a manuscript: `Key: value` lines, or a YAML block between `---`.

    Title: The Lighthouse Almanac         ---
    Author: Ada Quill                     title: The Lighthouse Almanac
    Language: en                          author: Ada Quill
                                          ---
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, ManuscriptError
from .labels import match_label
from .pagesetup import PAGE_OPTIONS, page_setup

# Header keys Octavo understands, with the spellings people use for them.
FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "authors",
    "authors": "authors",
    "by": "authors",
    "language": "language",
    "lang": "language",
    "identifier": "identifier",
    "isbn": "identifier",
    "publisher": "publisher",
    "rights": "rights",
    "copyright": "rights",
    "summary": "summary",
    "description": "summary",
    "chapters": "chapters",
    "paragraphs": "paragraphs",
    "dashes": "dashes",
    "cover": "cover",
    "dedication": "dedication",
    "date": "date",
    "published": "date",
    "series": "series",
    "series number": "series_number",
    "series index": "series_number",
    "subjects": "subjects",
    "keywords": "subjects",
    "tags": "subjects",
    # The PDF's page: the command line's options, for the book to keep.
    "trim": "trim",
    "profile": "profile",
    "bleed": "bleed",
    "running head": "running_head",
    "drop caps": "drop_caps",
}
# Fan-fiction header lines: listed on the title page; fandoms and genres are also the book's subjects.
DETAILS = {
    "fandom": "Fandom", "fandoms": "Fandom", "rating": "Rating", "pairing": "Pairing", "pairings": "Pairing",
    "relationships": "Pairing", "characters": "Characters", "warning": "Warnings", "warnings": "Warnings",
    "category": "Category", "categories": "Category", "genre": "Genre", "genres": "Genre", "status": "Status",
    "word count": "Word count", "words": "Word count", "chapter count": "Chapters",
}
_SUBJECTS = {"Fandom", "Genre"}
# Values a header may give to override what Octavo would guess.
_CHOICES = {"chapters": ("auto", "none"), "paragraphs": ("blank", "wrapped", "indented", "lines"),
            "dashes": ("closed", "spaced")}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")  # 2026, 2026-11, 2026-11-25
_SERIES_NUMBER = re.compile(r"^\d{1,4}(\.\d{1,2})?$")
_NUMBERED_SERIES = re.compile(r"^(?P<series>.+?)\s*#\s*(?P<number>\d{1,4}(?:\.\d{1,2})?)$")  # The Almanacs #2
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?P<value>.*?)\s*$")
_FENCE = re.compile(r"^---\s*$")
_YAML_END = re.compile(r"^(---|\.\.\.)\s*$")
# Language names people write in a header, as the tags EPUB and hyphenation need.
_LANGUAGE_NAMES = {
    "english": "en", "french": "fr", "français": "fr", "german": "de", "deutsch": "de", "spanish": "es",
    "español": "es", "italian": "it", "italiano": "it", "portuguese": "pt", "dutch": "nl", "swedish": "sv",
    "danish": "da", "norwegian": "no", "finnish": "fi", "polish": "pl", "russian": "ru", "latin": "la",
}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Header:
    """What the header said (`fields`, by Octavo's names) and the index of the first line after it.
    A YAML block may carry keys for other tools (a static site's `layout:`); those are left alone."""

    fields: dict[str, object] = field(default_factory=dict)
    end: int = 0


def read_header(lines: list[str], path: Path) -> Header:
    """Find the header at the top of `lines`; a manuscript without one gets an empty Header."""
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Header()
    if _FENCE.match(lines[first]):
        return _yaml_header(lines, first, path) or Header()
    return _key_value_header(lines, first, path)


def _yaml_header(lines: list[str], fence: int, path: Path) -> Header | None:
    """A YAML block between `---` lines; None when the `---` is something else (a scene break)."""
    end = next((index for index in range(fence + 1, len(lines)) if _YAML_END.match(lines[index])), None)
    first = next((line.strip() for line in lines[fence + 1 : end] if line.strip() and not line.strip().startswith("#")), "") if end else ""
    if end is None or not _KEY_LINE.match(first):
        return None
    import yaml  # 20 ms to import: only for a manuscript that has a YAML header

    try:
        data = yaml.safe_load("\n".join(lines[fence + 1 : end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = fence + 2 + mark.line if mark else fence + 1
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ManuscriptError(f"the YAML header is malformed: {problem}", path, line) from None
    if not isinstance(data, dict):
        return None
    fields: dict[str, object] = {}
    for key, value in data.items():
        if value is not None:
            store_field(fields, str(key).strip().lower(), value, path, fence + 1)
    return Header(fields, end + 1)


def _key_value_header(lines: list[str], first: int, path: Path) -> Header:
    """`Key: value` lines at the very top, ending at the first blank line; only known keys count,
    so a first line such as `Disclaimer: ...` or `Chapter 1: ...` is not mistaken for a header."""
    fields: dict[str, object] = {}
    index = first
    while index < len(lines) and lines[index].strip():
        match = _KEY_LINE.match(lines[index].strip())
        key = match["key"].lower().strip() if match else None
        if key not in FIELDS and key not in DETAILS:
            if index == first or match_label(lines[index].strip()):
                return Header(fields, index)  # not a header, or one that a labelled block ends
            _reject(lines, index, path)
        store_field(fields, key, match["value"], path, index + 1)
        index += 1
    return Header(fields, index)


def store_field(fields: dict[str, object], key: str, value: object, path: Path, line: int) -> None:
    """Keep a header value under Octavo's name for it; a key for other tools, or an empty value, is left alone."""
    if not str(value).strip():
        return
    if key in DETAILS:
        label, text = DETAILS[key], ", ".join(map(str, value)) if isinstance(value, list) else str(value).strip()
        fields.setdefault("details", []).append((label, text))
        if label in _SUBJECTS:
            _add_subjects(fields, text)
    elif FIELDS.get(key) == "subjects":
        _add_subjects(fields, value)
    elif FIELDS.get(key) == "series" and (numbered := _NUMBERED_SERIES.match(str(value).strip())):
        fields["series"], fields["series_number"] = numbered["series"], numbered["number"]
    elif key in FIELDS:
        fields[FIELDS[key]] = _check(FIELDS[key], value, path, line)


def merge_fields(lower: dict[str, object], higher: dict[str, object]) -> dict[str, object]:
    """`higher`'s fields over `lower`'s: the title page's details by label, and the subjects added up."""
    merged = lower | higher
    if "details" in lower and "details" in higher:
        labels = {label for label, _ in higher["details"]}
        merged["details"] = [detail for detail in lower["details"] if detail[0] not in labels] + list(higher["details"])
    if "subjects" in lower and "subjects" in higher:
        merged["subjects"] = list(dict.fromkeys([*lower["subjects"], *higher["subjects"]]))
    return merged


def _add_subjects(fields: dict[str, object], value: object) -> None:
    """Subjects from a list, or from text with commas between them."""
    names = value if isinstance(value, list) else str(value).split(",")
    fields.setdefault("subjects", []).extend(str(name).strip() for name in names if str(name).strip())


def _reject(lines: list[str], index: int, path: Path) -> None:
    key = _KEY_LINE.match(lines[index].strip())
    if key:
        known = ", ".join(sorted({key.capitalize() for key in (*FIELDS, *DETAILS)}))
        raise ManuscriptError(f"unknown header field {key['key']!r} (known: {known})", path, index + 1)
    raise ManuscriptError("the header ends without a blank line before the text", path, index + 1)


def _check(name: str, value: object, path: Path, line: int) -> object:
    """Values as Octavo keeps them: authors a tuple of names, everything else a string."""
    if name == "authors":
        names = value if isinstance(value, list) else re.split(r"\s*(?:;|&|\band\b)\s*", str(value))
        return tuple(str(author).strip() for author in names if str(author).strip())
    if isinstance(value, (dict, list)):
        raise ManuscriptError(f"header field {name!r} must be text, not a list", path, line)
    text = str(value).strip()
    if name == "language":
        tag = language_tag(text)
        if tag is None:
            raise ManuscriptError(f"header field 'language' must be a language tag such as en or fr-CA, not {text!r}", path, line)
        return tag
    if name == "cover":
        return _cover(text, path, line)
    if name in PAGE_OPTIONS:
        try:
            page_setup({name: text})
        except ValueError as error:
            raise ManuscriptError(f"header field {name.replace('_', ' ')!r}: {error}", path, line) from None
    if name == "date" and not _DATE.match(text):
        raise ManuscriptError(f"header field 'date' must be a date such as 2026, 2026-11 or 2026-11-25, not {text!r}", path, line)
    if name == "series_number" and not _SERIES_NUMBER.match(text):
        raise ManuscriptError(f"header field 'series number' must be a number such as 2 or 2.5, not {text!r}", path, line)
    if name in _CHOICES and text.lower() not in _CHOICES[name]:
        raise ManuscriptError(f"header field {name!r} must be one of {', '.join(_CHOICES[name])}, not {text!r}", path, line)
    return text.lower() if name in _CHOICES else text


def _cover(value: str, manuscript: Path, line: int) -> str:
    """A cover image's path, relative to the manuscript's folder: it must lie inside that folder (no `../`,
    absolute path or symbolic link that leads out) and be a file."""
    folder = manuscript.parent.resolve()
    target = (folder / value).resolve()
    if not target.is_relative_to(folder):
        raise ManuscriptError(f"the cover image {value!r} must be inside the manuscript's folder", manuscript, line)
    if not target.is_file():
        raise InputError(f"the cover image {value!r} is not a file in the manuscript's folder", manuscript, line)
    return value


def language_tag(text: str) -> str | None:
    """`French` -> `fr`, `fr-CA` -> `fr-CA`; None for what is neither a language name nor a tag."""
    tag = _LANGUAGE_NAMES.get(text.strip().lower(), text.strip())
    return tag if _LANGUAGE_TAG.match(tag) else None
