"""The printed book's page: trim size, margins with a gutter that grows with the page count, bleed, and
the profile (for the printer or for the screen). Turned into the `@page` rules the PDF is laid out with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Trim:
    """A page's trimmed width and height, in inches."""

    width: float
    height: float

    def __str__(self) -> str:
        return f"{self.width:g} x {self.height:g} in"


# The trim sizes people ask printers for, by the names they use.
TRIMS = {
    "5x8": Trim(5, 8),
    "5.25x8": Trim(5.25, 8),
    "5.5x8.5": Trim(5.5, 8.5),
    "6x9": Trim(6, 9),
    "a5": Trim(148 / MM_PER_INCH, 210 / MM_PER_INCH),
    "b-format": Trim(129 / MM_PER_INCH, 198 / MM_PER_INCH),
}
DEFAULT_TRIM = "5.5x8.5"
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(in|mm|cm)?\s*$", re.I)
_UNITS = {"in": 1.0, "mm": 1 / MM_PER_INCH, "cm": 10 / MM_PER_INCH}
# A trade book's page: neither a card nor a poster (KDP prints 4 x 6 to 8.5 x 11.69 in).
_SMALLEST, _LARGEST = Trim(3, 4), Trim(8.5, 11.69)


def parse_trim(text: str) -> Trim:
    """A named trim size (`6x9`, `A5`, `B-format`) or a custom `WxH` in inches, or with `mm` or `cm`."""
    name = text.strip().lower().replace(" ", "")
    if name in TRIMS:
        return TRIMS[name]
    match = _CUSTOM.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a trim size: use one of {', '.join(TRIMS)} or WxH such as 6x9in or 129x198mm")
    unit = _UNITS[(match[3] or "in").lower()]
    trim = Trim(round(float(match[1]) * unit, 4), round(float(match[2]) * unit, 4))
    if not (_SMALLEST.width <= trim.width <= _LARGEST.width and _SMALLEST.height <= trim.height <= _LARGEST.height):
        raise ValueError(f"{text!r} is outside the trim sizes printers make ({_SMALLEST} to {_LARGEST})")
    return trim


_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(in|mm|cm)?\s*$", re.I)
_MOST_BLEED = 0.25  # inches; printers ask for 0.125 in or 3 mm


def parse_bleed(text: str) -> float:
    """A bleed such as `0.125in`, `3mm` or `0`, in inches."""
    match = _LENGTH.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a bleed: give a length such as 0.125in or 3mm")
    inches = float(match[1]) * _UNITS[(match[2] or "in").lower()]
    if inches > _MOST_BLEED:
        raise ValueError(f"a bleed of {text} is more than printers ask for (0.125in or 3mm)")
    return round(inches, 4)


# KDP's minimum inside margin (the gutter) by page count: (most pages, inches).
GUTTERS = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))
MOST_PAGES = GUTTERS[-1][0]


def gutter(page_count: int) -> float:
    """The minimum inside margin KDP requires for a book of `page_count` pages."""
    return next((inches for most, inches in GUTTERS if page_count <= most), GUTTERS[-1][1])


class Profile(StrEnum):
    PRINT = "print"  # for KDP and IngramSpark: no bookmarks, links or annotations; whole fonts embedded
    SCREEN = "screen"  # to read as a PDF: bookmarks, a clickable contents page, links


class RunningHead(StrEnum):
    TITLE = "title"  # the book's title on rectos
    CHAPTER = "chapter"  # the chapter's title on rectos


@dataclass(frozen=True)
class PageSetup:
    """How the printed book is made up. `bleed` is in inches (0.125 when images run off the page)."""

    trim: Trim = TRIMS[DEFAULT_TRIM]
    profile: Profile = Profile.SCREEN
    bleed: float = 0.0
    running_head: RunningHead = RunningHead.TITLE
    drop_caps: bool = False

    @property
    def body_classes(self) -> tuple[str, ...]:
        """The classes on the book's <body> that switch on the options print.css styles."""
        return ("chapter-heads",) if self.running_head is RunningHead.CHAPTER else ()

    def margins(self, page_count: int) -> Margins:
        """The margins of a book of `page_count` pages: the gutter (inside) grows with the page count,
        and the outside keeps KDP's minimum (more with bleed) with room for a reader's thumbs."""
        outside = max(0.5 if self.bleed else 0.0, _OUTSIDE * self.trim.width)
        return Margins(top=_TOP * self.trim.height, bottom=_BOTTOM * self.trim.height, outside=outside,
                       inside=gutter(page_count) + _READING_GUTTER)


# The PDF's options, by the names the command line, the header and the settings files give them.
PAGE_OPTIONS = ("trim", "profile", "bleed", "running_head", "drop_caps")
_TRUE, _FALSE = {"yes", "true", "on", "1"}, {"no", "false", "off", "0"}


def page_setup(options: Mapping[str, object]) -> PageSetup:
    """The page setup `options` (of PAGE_OPTIONS, as text or, for drop_caps, a bool) ask for; the rest as
    by default. A value that will not do is a ValueError saying which option and why."""
    given = {name: value for name, value in options.items() if value is not None}
    return PageSetup(
        parse_trim(str(given.get("trim", DEFAULT_TRIM))),
        _choice(Profile, given.get("profile", Profile.SCREEN)),
        parse_bleed(str(given.get("bleed", "0"))),
        _choice(RunningHead, given.get("running_head", RunningHead.TITLE)),
        _flag(given.get("drop_caps", False)),
    )


def _choice(kind: type[StrEnum], value: object) -> StrEnum:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        raise ValueError(f"{value!r} is not one of {', '.join(kind)}") from None


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in _TRUE | _FALSE:
        return str(value).strip().lower() in _TRUE
    raise ValueError(f"{value!r} is neither yes nor no")


# Margins in proportion to the page, as a designer sets them: a little more at the foot than at the head.
_TOP, _BOTTOM, _OUTSIDE = 0.085, 0.095, 0.1
_READING_GUTTER = 0.3  # inches beyond KDP's minimum, so that no line runs into the fold


@dataclass(frozen=True)
class Margins:
    """A page's margins in inches; inside is at the spine."""

    top: float
    bottom: float
    outside: float
    inside: float


def page_css(setup: PageSetup, page_count: int) -> str:
    """The `@page` rules for `setup` and a book of `page_count` pages."""
    margins = setup.margins(page_count)
    bleed = f"  bleed: {setup.bleed}in;\n" if setup.bleed else ""
    rules = [
        f"@page {{\n  size: {setup.trim.width}in {setup.trim.height}in;\n{bleed}"
        f"  margin: {margins.top:.4f}in {margins.outside:.4f}in {margins.bottom:.4f}in {margins.inside:.4f}in;\n}}",
        f"@page :left {{ margin-left: {margins.outside:.4f}in; margin-right: {margins.inside:.4f}in; }}",
        f"@page :right {{ margin-left: {margins.inside:.4f}in; margin-right: {margins.outside:.4f}in; }}",
    ]
    if setup.bleed:  # on the outside, top and bottom: the spine side is bound, not trimmed
        rules.append("@page :left { bleed-right: 0; }\n@page :right { bleed-left: 0; }")
    if setup.profile is Profile.PRINT:
        rules.append("h1, h2, h3 { bookmark-level: none !important; }")
    return "\n".join(rules) + "\n"
