"""What a heading line looks like: `Chapter 3: The Storm`, `CHAPTER I.`, `Chapter the First`, `PART ONE`,
`BOOK II`, `Prologue`, `I.` or `12` alone, `IV. THE SEA-CHEST`, `=== Blurbs ===`, `## The Storm`.

`match_heading` looks at one line and says what kind of heading it would be and by which rule. Whether a
candidate really is a heading (a lone `I.` may end a sentence) is decided over the whole book by the
parser, which checks that numbered headings count up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum


class Level(IntEnum):
    PART = 1
    CHAPTER = 2
    SECTION = 3


class Rule:
    """The names `octavo inspect` gives the heading rules."""

    CHAPTER_WORD = "chapter word and number"
    PART_WORD = "part word and number"
    NAMED = "named division"
    MATTER = "front or back matter"
    NUMERAL = "numeral alone"
    NUMERAL_TITLE = "numeral and title"
    DECORATED = "decorated heading"


_CHAPTER_WORDS = r"chapter|letter|chapitre|kapitel|cap[ií]tulo|capitolo|hoofdstuk|rozdzia[łl]"
_PART_WORDS = r"part|book|volume|epoch|partie|livre|tome|teil|buch|parte|libro"
_NAMED = r"prologue|prolog|prelude|epilogue|epilog|finale|interlude|pr[ée]lude|[ée]pilogue"
# Front or back matter by its name: where it stands, before the first chapter or after the last, says which.
_MATTER = re.compile(r"^(?:preface|foreword|afterword|acknowledge?ments|about the authors?|author['’]s afterword|glossary"
                     r"|postscript|postface|remerciements|nachwort|vorwort)\.?$", re.I)
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth"]
_ORDINAL_TENS = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]


def _number_words() -> dict[str, int]:
    words = {word: value for value, word in enumerate(_UNITS, 1)}
    words |= {word: value for value, word in enumerate(_TEENS, 10)}
    words |= {word: value for value, word in enumerate(_ORDINAL_UNITS, 1)}
    words |= {word: value for value, word in enumerate(_ORDINAL_TEENS, 10)}
    for tens, (cardinal, ordinal) in enumerate(zip(_TENS, _ORDINAL_TENS), 2):
        words[cardinal] = words[ordinal] = tens * 10
        for unit, (unit_cardinal, unit_ordinal) in enumerate(zip(_UNITS, _ORDINAL_UNITS), 1):
            for joiner in ("-", " "):
                words[f"{cardinal}{joiner}{unit_cardinal}"] = words[f"{cardinal}{joiner}{unit_ordinal}"] = tens * 10 + unit
    return words


NUMBER_WORDS = _number_words()
_WORD_NUMBER = "|".join(sorted((re.escape(word) for word in NUMBER_WORDS), key=len, reverse=True))
_ROMAN = r"[IVXLCDM]+|[ivxlcdm]+"
_NUMBER = rf"(?:the\s+)?(?:{_WORD_NUMBER})|\d{{1,4}}|{_ROMAN}"
_SEPARATOR = r"\s*(?:--|[:.,\-–—])\s*|\s+(?=[A-Z“\"'‘])"

_KEYWORD = re.compile(
    rf"^(?P<word>(?i:{_CHAPTER_WORDS}|{_PART_WORDS}))\s+(?P<number>(?i:{_NUMBER}))(?:\s+of\s+\d+)?\.?"
    rf"(?:(?:{_SEPARATOR})(?P<title>\S.*?))?\s*[.:]?$"
)
_NAMED_HEADING = re.compile(rf"^(?P<word>(?i:{_NAMED}))\.?(?:(?:{_SEPARATOR})(?P<title>\S.*?))?\s*[.:]?$")
_NUMERAL = re.compile(rf"^(?P<number>{_ROMAN}|\d{{1,3}})\.?$")
_NUMERAL_TITLE = re.compile(rf"^(?P<number>[IVXLCDM]+|\d{{1,3}})(?:\.\s*|\s+)(?P<title>[A-Z“\"'‘].*?)$")
_DECORATED = re.compile(r"^(?:(?P<left>[=~#*+_-]{3,})\s*|(?P<hashes>#{1,6})\s+)(?P<text>[^=~#*+_\s].*?)\s*(?:[=~#*+_-]{3,}|#+)?$")
# A heading may also be set in emphasis by the author: `**Chapter 1**`, `_Prologue_`.
_EMPHASIS = re.compile(r"^[*_]{1,3}(?=\S)(?P<text>.*?\S)[*_]{1,3}$")

TITLE_WORDS = 15
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@dataclass(frozen=True)
class Heading:
    """A heading candidate. `label` is how the heading names the division ("Chapter 3", "Prologue",
    "I"); `title` is the name after it; `level` is None where the book's structure decides it."""

    label: str
    title: str | None
    level: Level | None
    rule: str
    number: int | None = None
    style: str = ""

    @property
    def key(self) -> tuple:
        """What identifies the division, so that a contents entry can be matched to its heading."""
        if self.number is not None:
            return (self.style, self.number)
        return (self.style, letters(self.label if self.rule != Rule.DECORATED else self.title or ""))


def match_heading(line: str) -> Heading | None:
    """The heading a stripped line would be, or None."""
    emphasis = _EMPHASIS.match(line)
    if emphasis:
        line = emphasis["text"]
    decorated = _DECORATED.match(line)
    if decorated:
        text = decorated["text"].rstrip(":").strip()
        inner = _plain_heading(text)
        if inner is not None:
            return inner
        if len(text.split()) <= TITLE_WORDS and (decorated["hashes"] or decorated["left"][0] in "=#~"):
            return Heading(text, None, None, Rule.DECORATED, style="decorated")
        return None
    return _plain_heading(line)


def _plain_heading(line: str) -> Heading | None:
    found = _KEYWORD.match(line)
    if found and _capitalised(found["word"]):
        number = parse_number(found["number"])
        if number is None:
            return None
        word = found["word"]
        is_part = re.fullmatch(_PART_WORDS, word, re.I) is not None
        label = " ".join(f"{word} {found['number']}".split())
        return Heading(label, _title(found["title"]), Level.PART if is_part else Level.CHAPTER,
                       Rule.PART_WORD if is_part else Rule.CHAPTER_WORD, number, word.lower())
    if _MATTER.match(line) and _capitalised(line):
        return Heading(line.rstrip("."), None, None, Rule.MATTER, style="matter")
    found = _NAMED_HEADING.match(line)
    if found and _capitalised(found["word"]):
        return Heading(found["word"], _title(found["title"]), Level.CHAPTER, Rule.NAMED, style=found["word"].lower())
    found = _NUMERAL.match(line)
    if found:
        number = parse_number(found["number"])
        return Heading(found["number"], None, None, Rule.NUMERAL, number, "numeral") if number else None
    found = _NUMERAL_TITLE.match(line)
    if found and looks_like_title(found["title"]):
        number = parse_number(found["number"])
        return Heading(found["number"], found["title"], None, Rule.NUMERAL_TITLE, number, "numeral") if number else None
    return None


def _title(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def parse_number(text: str) -> int | None:
    """12, XII, xii, twelve, Twelfth, the Twelfth -> 12; None for what is not a number."""
    text = text.strip().lower()
    if text.startswith("the "):
        text = text[4:].strip()
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    return roman_value(text.upper())


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral, or None ("IIII", "VX" and "MIX ME" are not)."""
    if not numeral or set(numeral) - set(_ROMAN_VALUES):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if total > 0 and _roman(total) == numeral else None


def _roman(number: int) -> str:
    digits = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    result = ""
    for value, symbols in digits:
        while number >= value:
            result += symbols
            number -= value
    return result


def looks_like_title(text: str) -> bool:
    """A short line set as a title: all capitals, or most of its longer words capitalised, and not a
    sentence that asks or exclaims."""
    words = text.split()
    if not words or len(words) > TITLE_WORDS or text.rstrip(" _*")[-1:] in "?!,;":
        return False
    letters = [char for char in text if char.isalpha()]
    if letters and all(char.isupper() for char in letters):
        return True
    bare = [word.strip("_*“”\"'‘’()") for word in words]
    long_words = [word for word in bare if len(word) > 3] or [word for word in bare if word]
    return bool(long_words) and sum(word[:1].isupper() for word in long_words) >= 0.6 * len(long_words)


def letters(text: str) -> str:
    """The letters and digits of a text, case folded: what two spellings of one name share."""
    return "".join(char for char in text.casefold() if char.isalnum())
