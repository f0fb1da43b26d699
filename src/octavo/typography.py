"""Typography: curly quotes and apostrophes, primes, dashes, ellipses and no-break spaces, by the book's language.

Standard Ebooks' `se typogrify` is the bar. The rules form one ordered chain (`_rules`), each with a comment
saying what it fixes. They run over a whole paragraph at once, so that a quote mark just inside or outside
an emphasis sees its neighbours; `_Run` keeps track of where the text nodes meet while the text is
rewritten, and the result is cut back into the same nodes. Markup never reaches these rules: they see the
model's text, and the templates escape `&`, `<` and `>` afterwards.

A pattern opens with a character rather than a lookbehind or `\\b` where it can (`'(?<=\\w')` for
`(?<=\\w)'`): the regex engine then skips to the places a match can start, instead of trying every one.
"""

from __future__ import annotations

import dataclasses
import re
from re import _constants, _parser  # to read what a rule's pattern needs (see Rule); stable since Python 3.11
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .model import Aside, Book, Emph, Inline, LineBreak, Paragraph, Quotation, Section, Strong, Text

# The characters the rules insert. Each must be in the book face (tests/test_typography.py checks with
# fontTools): a missing glyph shows as tofu and can make WeasyPrint ten times slower (WeasyPrint#2811).
NO_BREAK_SPACE = "\u00a0"
HAIR_SPACE = "\u200a"
THIN_SPACE = "\u2009"
WORD_JOINER = "\u2060"
# U+202F NARROW NO-BREAK SPACE is missing from EB Garamond; a thin space that a word joiner ties to the
# word before does its work (a thin space is not stretched when a line is justified).
NARROW_NO_BREAK_SPACE = WORD_JOINER + THIN_SPACE
TWO_EM_DASH, THREE_EM_DASH = "⸺", "⸻"

_SPACE = f"[ {NO_BREAK_SPACE}]"  # never a line break: rules do not reach across a LineBreak


@dataclass(frozen=True)
class Conventions:
    """A language's quotation marks and dash: what `"` and `'` become, and how a dash between words is set."""

    double: tuple[str, str] = ("“", "”")
    single: tuple[str, str] = ("‘", "’")
    guillemets: tuple[str, str] = ("«", "»")  # which way they point, where a source uses them
    dash: str = "—"
    spaced_dashes: bool = False
    french_spacing: bool = False  # no-break spaces inside guillemets and before ; : ! ?


_CONVENTIONS = {
    "en": Conventions(),
    # French: « guillemets », “English marks” inside them; a spaced em dash; spaced high punctuation.
    "fr": Conventions(double=("«", "»"), single=("“", "”"), spaced_dashes=True, french_spacing=True),
    # German: „low-high“ marks (»chevrons« a source already uses are kept); a spaced en dash.
    "de": Conventions(double=("„", "“"), single=("‚", "‘"), guillemets=("»", "«"), dash="–", spaced_dashes=True),
}


def conventions(language: str, dashes: str | None = None) -> Conventions:
    """The conventions for a language tag (`fr-CA` -> French; English for the rest); `dashes` ("closed" or
    "spaced") overrides the language's way of setting a dash."""
    found = _CONVENTIONS.get(language.split("-")[0].lower(), _CONVENTIONS["en"])
    return found if dashes is None else dataclasses.replace(found, spaced_dashes=dashes == "spaced")


def smarten(text: str, style: Conventions = Conventions()) -> str:
    """One string with every rule applied: for titles and other text outside paragraphs."""
    run = _Run([text])
    _apply(run, style)
    return run.text


def smarten_inlines(inlines: tuple[Inline, ...], style: Conventions = Conventions()) -> tuple[Inline, ...]:
    """Apply every rule across the whole run of inlines; the result has the same nodes, in the same order."""
    run = _Run(list(_pieces(inlines)))
    _apply(run, style)
    return _rebuild(inlines, iter(run.pieces()))


def searchable(text: str) -> str:
    """`text` as a store's listing or a search box should have it (a title in the package metadata):
    curly quotes and dashes kept, the invisible characters that only steer line breaking taken out."""
    return re.sub(f"[{WORD_JOINER}{HAIR_SPACE}]", "", text).replace(NO_BREAK_SPACE, " ").replace(THIN_SPACE, " ")


def typeset(book: Book) -> Book:
    """The book with typography applied to every text node of every section and to its metadata."""
    style = conventions(book.meta.language, book.meta.dashes)
    fix = _optional(lambda text: smarten(text, style))
    meta = dataclasses.replace(
        book.meta,
        title=smarten(book.meta.title, style),
        subtitle=fix(book.meta.subtitle),
        description=fix(book.meta.description),
        details=tuple((label, smarten(value, style)) for label, value in book.meta.details),
    )
    return dataclasses.replace(book, meta=meta, sections=tuple(_section(section, style) for section in book.sections))


def _optional(function: Callable[[str], str]) -> Callable[[str | None], str | None]:
    return lambda text: function(text) if text else text


def _section(section: Section, style: Conventions) -> Section:
    fix = _optional(lambda text: smarten(text, style))
    scenes = tuple(
        dataclasses.replace(scene, blocks=tuple(_block(block, style) for block in scene.blocks), title=fix(scene.title))
        for scene in section.scenes
    )
    return dataclasses.replace(section, title=fix(section.title), subtitle=fix(section.subtitle), scenes=scenes)


def _block(block, style: Conventions):
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, inlines=smarten_inlines(block.inlines, style))
    if isinstance(block, Aside):
        return dataclasses.replace(block, paragraphs=tuple(_block(p, style) for p in block.paragraphs))
    if isinstance(block, Quotation):
        return Quotation(tuple(_block(p, style) for p in block.paragraphs), smarten_inlines(block.source, style))
    return block


# --- The rules -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A pattern and its replacement, and a few strings one of which the text around any match holds
    (None: no such few), so that a paragraph without them is not scanned: most rules look for a dash, an
    ellipsis, a quote, or a pair of them (`--`, `'n'`)."""

    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    needs: re.Pattern[str] | None
    expand: Callable[[re.Match[str]], str]  # the replacement for one match

    @classmethod
    def of(cls, pattern: str, replacement: str | Callable[[re.Match[str]], str]) -> Rule:
        parsed = _parser.parse(pattern)
        needs = None if parsed.state.flags & re.IGNORECASE else _needed(parsed.data)
        return cls(re.compile(pattern), replacement, needs and _any_of(needs), _expander(replacement))


def _any_of(strings: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any of `strings`: a class of characters, if they are all one long."""
    if all(len(string) == 1 for string in strings):
        return re.compile(f"[{re.escape(''.join(sorted(strings)))}]")
    return re.compile("|".join(re.escape(string) for string in sorted(strings, key=len, reverse=True)))


def _expander(replacement: str | Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
    """`replacement` as a function of the match: a template's `\\1` is read once, not at every match."""
    if callable(replacement):
        return replacement
    parts = re.split(r"\\(\d)", replacement)  # literal, group number, literal, ...
    literals, groups = parts[0::2], [int(number) for number in parts[1::2]]
    if any("\\" in literal for literal in literals):  # re.sub would read it otherwise (\g<1>, \n)
        raise ValueError(f"a rule's replacement may refer to a group as \\1 to \\9 only: {replacement!r}")
    return lambda match: literals[0] + "".join(
        (match.group(group) or "") + literal for group, literal in zip(groups, literals[1:])
    )


def _needed(items) -> frozenset[str] | None:
    """A set of strings one of which the text around every match of the parsed pattern `items` holds: the
    rarest such set, that of the longest strings, one without spaces, letters or digits if there is one,
    and the smallest."""
    found = [needs for needs in (_needed_by(op, argument) for op, argument in items) if needs is not None]
    found += [frozenset([run]) for run in _literal_runs(items) if len(run) > 1]
    return min(found, key=_rarity, default=None)


def _rarity(needs: frozenset[str]) -> tuple[int, bool, int]:
    return -min(map(len, needs)), any(string.isspace() or string.isalnum() for string in needs), len(needs)


def _literal_runs(items) -> Iterator[str]:
    """The runs of characters the parsed pattern `items` matches one after the other: `-(?<!--)-{1,2}`
    matches `--` (a lookaround takes no characters, so the run goes on past it)."""
    run = ""
    for op, argument in items:
        if op is _constants.LITERAL:
            run += chr(argument)
        elif op in _ZERO_WIDTH:
            continue
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and argument[0] >= 1 and _single_literal(argument[2]):
            character = chr(argument[2][0][1])
            yield run + character * argument[0]
            run = character  # the last of the repeated characters, whatever follows it
        else:
            yield run
            run = ""
    yield run


_ZERO_WIDTH = (_constants.ASSERT, _constants.ASSERT_NOT, _constants.AT)


def _single_literal(items) -> bool:
    return len(items) == 1 and items[0][0] is _constants.LITERAL


def _needed_by(op, argument) -> frozenset[str] | None:
    if op is _constants.LITERAL:
        return frozenset(chr(argument))
    if op is _constants.IN and all(kind is _constants.LITERAL for kind, _ in argument):
        return frozenset(chr(code) for _, code in argument)
    if op is _constants.SUBPATTERN and not argument[1] & _constants.SRE_FLAG_IGNORECASE:
        return _needed(argument[3])
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and argument[0] >= 1:
        return _needed(argument[2])
    if op is _constants.BRANCH:
        alternatives = [_needed(items) for items in argument[1]]
        if None in alternatives:
            return None
        found = frozenset().union(*alternatives)  # a string that holds another of them needs no search of its own
        return frozenset(string for string in found if not any(other in string for other in found - {string}))
    if op is _constants.ASSERT:  # a lookaround: what it looks for is in the text, beside the match
        return _needed(argument[1])
    return None  # a negative lookaround or an anchor says nothing; categories and ranges are too many


def _apply(run: _Run, style: Conventions) -> None:
    for rule in _BEFORE_QUOTES:
        run.apply(rule)
    run.replace(_curl_quotes(run.text, style))
    for rule in _rules_after_quotes(style):
        run.apply(rule)


# Words that begin with an elided letter or two and so take an apostrophe, never an opening quote.
_ELISIONS = (
    r"t(?:is|isn|was|wasn|were|would|will|wixt|ween)|em|n|cause|cos|til|till|bout|round|fore|neath|gainst|nuff"
    r"|cept|mongst|midst|sup|kay|scuse|nother|un|uns|ud|ee|im|ow|ome|ave|appen|pon"
    r"|s(?:blood|death|wounds|life|bud|foot|light|heart)|z?ounds|t(?= is| was)"
)


# Rules that run before quotes are curled: they settle which straight quotes are not quotation marks.
_BEFORE_QUOTES: tuple[Rule, ...] = tuple(
    Rule.of(pattern, replacement)
    for pattern, replacement in (
        # Gutenberg's TeX-style quotes: ``this'' and `this'.
        (r"``|''(?=\W|$)", '"'),
        (r"`", "'"),
        # Feet and inches, minutes and seconds (5'10", 40°26'46") are primes, not quotes.
        (r"(\d)'(\d+(?:\.\d+)?)\"", r"\1′\2″"),
        # An apostrophe opens an elided word ('tis, 'em, 'til, 'Sblood), never a quotation.
        (rf"'(?<![\w’']')(?=(?i:{_ELISIONS})\b(?!'))", "’"),
        # ...and a decade ('90s, '90).
        (r"'(?<![\w’']')(?=\d\d(?:s\b|\b))", "’"),
        # rock 'n' roll: both marks are apostrophes.
        (r"'n'(?<=\s'n')(?=\s)", "’n’"),
        # A possessive or contraction after a word, a dash or a digit: Derek's, General ----'s, 1890's.
        (r"'(?<=[\w\-—–]')(?=s\b)", "’"),
        # An apostrophe between two letters: I'm, don't, l'homme.
        (r"'(?<=\w')(?=\w)", "’"),
    )
)


@cache
def _rules_after_quotes(style: Conventions) -> tuple[Rule, ...]:
    """Dashes, ellipses and spaces, in order; the quote marks they look at are the language's."""
    quotes_open, quotes_close = style.double[0] + style.single[0], style.single[1] + style.double[1]
    opening = re.escape(quotes_open + style.guillemets[0] + "([{")
    closing = re.escape(quotes_close + style.guillemets[1] + "’)]}")
    dash = style.dash
    before_dash = NO_BREAK_SPACE if style.spaced_dashes else WORD_JOINER
    after_dash = " " if style.spaced_dashes else ""
    glue = f"{WORD_JOINER}{HAIR_SPACE}"
    rules: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
        # A horizontal bar is a dash.
        (r"―", "—"),
        # Four or more hyphens, or two or more dashes, stand for an omitted word or name (see _long_dash).
        (r"-{4,}|—{2,}", _long_dash),
        # Number ranges take an en dash, tied to both numbers: 1990–95, pp. 10–20 (not a date, 2024-01-05).
        (r"(\d(?<![\w\-–]\d)\d*)(?:-|–| - | – )(\d+)(?![\w\-–])", rf"\1{WORD_JOINER}–{WORD_JOINER}\2"),
        # Two or three hyphens are a dash.
        (r"-(?<!--)-{1,2}(?!-)", "—"),
        # A hyphen with a space on each side, between words, is a dash (word - word); so is an en dash so
        # spaced (word – word), the way some writers type one.
        (rf"(?<=[\w,;:.!?{closing}]) [-–] (?=[\w{opening}])", "—"),
        # A dash that opens a paragraph or line (dialogue) keeps its space, a no-break one; French always
        # has one there.
        (rf"—(?:(?<=^—)|(?<=\n—)|(?<=[{opening}]—)){_SPACE}{'*' if style.french_spacing else '+'}(?=\S)",
         f"—{NO_BREAK_SPACE}"),
        # A dash after a word is the language's, closed (word⁠—word) or spaced (word — word); a word joiner or
        # no-break space before it, so that no line starts with a dash. After a full stop it keeps its space.
        (_spaced_after(f"^\\s.{glue}{opening}", "—"), f"{before_dash}{dash}"),
        (rf"(?<=[{before_dash}]{dash}){_SPACE}*(?=’\w|[^\s{closing},.;:!?…])", after_dash),
        # Three dots, spaced or not, are an ellipsis ...
        (r"\.[ \u00a0]?\.[ \u00a0]?\.", "…"),
        # ... and an ellipsis with a fourth dot is a full stop and an ellipsis (SE's "and. …").
        (rf"…{_SPACE}?\.(?!\.)", ".…"),
        # An ellipsis after a word or punctuation sits a hair space away, and never starts a line.
        (_spaced_after(f"^\\s{opening}{glue}", "…"), f"{HAIR_SPACE}{WORD_JOINER}…"),
        # A word or an opening mark after an ellipsis is a space away ("wait… what").
        (rf"…{_SPACE}*(?=[\w{opening}])", "… "),
        # Punctuation after an ellipsis sits a hair space away ("what… ?").
        (rf"…{_SPACE}*(?=[!?,;:])", f"…{HAIR_SPACE}"),
        # No space between an ellipsis and a closing mark.
        (rf"…{_SPACE}+(?=[{closing}](?!\w))", "…"),
        # Two quote marks side by side (“‘Nested,’ he said.”) are told apart by a hair space.
        (rf"([{re.escape(quotes_open)}]){_SPACE}*(?=[{re.escape(quotes_open)}])", rf"\1{HAIR_SPACE}"),
        (rf"([{re.escape(quotes_close)}]){_SPACE}*(?=[{re.escape(quotes_close)}](?!\w))", rf"\1{HAIR_SPACE}"),
        # A title stays with the name after it: Mr. Darcy, St. Paul's, Dr Watson (see _title).
        (r"(?:Mrs?|MRS?|Ms|MM|Messrs|Drs?|DR|St|ST|Mt|Prof|Rev|Capt|Col|Gen|Lieut|Lt|Sgt|Hon|Mme|Mlle|Mmes|Mlles)\.? (?=[A-Z])",
         _title),
        # Initials stay together and with the surname: J.⍽R.⍽R.⍽Tolkien, M.⍽Fogg.
        (r" (?<=\b[A-Z]\. )(?=[A-Z])", NO_BREAK_SPACE),
        # No. 5; 10 a.m.; 4 p.m.
        (r"No\. (?<!\wNo\. )(?=\d)", f"No.{NO_BREAK_SPACE}"),
        (r" (?<=\d )(?=[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)", NO_BREAK_SPACE),
        # Runs of spaces (two after a full stop) are one.
        (r"  +", " "),
    ]
    if style.french_spacing:
        rules += [
            # Inside guillemets, a no-break space: « Bonjour ».
            (rf"«{_SPACE}*", f"«{NO_BREAK_SPACE}"),
            (rf"{_SPACE}*»", f"{NO_BREAK_SPACE}»"),
            # Before a colon, a no-break space; before ; ! ? a narrow one, for the first of a run (Quoi ?!).
            (rf"(?<=[^\s;:!?{glue}]){_SPACE}*:(?=\s|$|»)", f"{NO_BREAK_SPACE}:"),
            (rf"(?<=[^\s;:!?{glue}]){_SPACE}*([;!?])", rf"{NARROW_NO_BREAK_SPACE}\1"),
        ]
    return tuple(Rule.of(pattern, replacement) for pattern, replacement in rules)


def _title(match: re.Match[str]) -> str:
    """The title and a no-break space, where the title is a word of its own (not the end of `HMr. X`). The
    pattern leaves that test to this function, not to a `\\b` ahead of it, because a pattern that opens with
    its letters lets the regex engine skip to where a title can start (six times faster)."""
    text, start = match.string, match.start()
    if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return match.group()
    return match.group()[:-1] + NO_BREAK_SPACE


def _spaced_after(before: str, mark: str) -> str:
    """A pattern for `mark` and the spaces before it, after a character of the class `[before]`:
    `(?<=[before])[ ]*mark`, written to begin with a space or the mark itself rather than a lookbehind,
    which lets the regex engine skip to where a match can start (several times faster)."""
    return rf"(?:{_SPACE}(?<=[{before}]{_SPACE}){_SPACE}*{mark}|{mark}(?<=[{before}]{mark}))"


def _long_dash(match: re.Match[str]) -> str:
    """A long dash for what the author left out: a three-em dash for a whole word (Lord ⸻), a two-em dash
    for part of one (B⸺, ⸺shire, D⸺n); after a word of two letters or more it is a broken-off sentence,
    an ordinary dash (because—)."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isalpha() and start >= 2 and text[start - 2].isalpha():
        return "—"
    if before.isalpha() or after.isalpha():
        return (WORD_JOINER if before.isalpha() else "") + TWO_EM_DASH + (WORD_JOINER if after.isalpha() else "")
    return THREE_EM_DASH


# --- Quotation marks -----------------------------------------------------------------------------

_OPENS_AFTER = set("([{—–-‘“«„‚/" + WORD_JOINER)
_CLOSES_BEFORE = set(".,;:!?)]}—–-…’”»" + WORD_JOINER)


def _curl_quotes(text: str, style: Conventions) -> str:
    """Every straight quote left curled, one character for one, so the text keeps its length.

    A quote mark after a space and before a word opens; before a space or punctuation it closes. The rest
    (`said,"Hello."`, `"Hello,"she said`) depend on whether a quotation is open. An opening single mark that
    nothing closes is an apostrophe ('E was an idiot, could not 'andle it), unless it may open a quotation
    that goes on into the next paragraph: the last one, where a quotation starts, before a capital.
    """
    marks = list(text)
    _curl_doubles(text, marks, style.double)
    _curl_singles(text, marks, style.single, style.double)
    return "".join(marks)


def _curl_doubles(text: str, marks: list[str], double: tuple[str, str]) -> None:
    inside = False
    for index in _positions(text, '"'):
        kind = _context(text, index)
        opens = kind == "open" or (kind is None and not inside)
        marks[index] = double[0] if opens else double[1]
        inside = opens


def _curl_singles(text: str, marks: list[str], single: tuple[str, str], double: tuple[str, str]) -> None:
    """Straight single quotes curled; an opening mark the source already curled is checked the same way,
    since a word processor turns the apostrophe of 'Arry into one."""
    unmatched: list[int] = []
    for index in _positions(text, f"'{single[0]}’{single[1]}"):
        kind = _context(text, index)
        if text[index] == single[0] or (text[index] == "'" and (kind == "open" or (kind is None and not unmatched))):
            unmatched.append(index)
            marks[index] = single[0]
        elif text[index] == "'" or kind == "close":
            if text[index] == "'":  # a mark the source curled keeps its shape
                marks[index] = single[1] if unmatched else "’"
            if unmatched:
                unmatched.pop()
    for index in unmatched[:-1]:
        marks[index] = "’"
    if unmatched and not _may_open_long_quotation(text, marks, unmatched[-1], double):
        marks[unmatched[-1]] = "’"


def _positions(text: str, characters: str) -> Iterator[int]:
    return (match.start() for match in re.finditer(f"[{characters}]", text))


def _context(text: str, index: int) -> str | None:
    """"open", "close", or None when the neighbours do not say."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = (before.isspace() or before in _OPENS_AFTER) and not after.isspace()
    closes = (after.isspace() or after in _CLOSES_BEFORE) and not before.isspace()
    if opens != closes:
        return "open" if opens else "close"
    return None


_QUOTATION_START = re.compile(r"(?:^|[\n“«„‚‘\"(—–-]|[.!?:;,)\]]\s)\s*$")


def _may_open_long_quotation(text: str, marks: list[str], index: int, double: tuple[str, str]) -> bool:
    """Whether the single mark at `index` may open a quotation that runs on into the next paragraph: it
    stands where quotations start, and not inside a double quotation that closes later."""
    before, after = "".join(marks[:index]), "".join(marks[index + 1 :])
    inside_double = before.count(double[0]) > before.count(double[1])
    return bool(_QUOTATION_START.search(text[:index])) and not (inside_double and double[1] in after)


# --- Rewriting a paragraph -----------------------------------------------------------------------


class _Run:
    """A paragraph's text as one string, with the places where its text nodes meet (`cuts`), kept in
    place through every rewrite: what a rule inserts at a cut goes to the node after it."""

    def __init__(self, pieces: list[str]):
        self.text = "".join(pieces)
        self.cuts, end = [], 0
        for piece in pieces[:-1]:
            end += len(piece)
            self.cuts.append(end)

    def apply(self, rule: Rule) -> None:
        if rule.needs is not None and not rule.needs.search(self.text):
            return
        if not self.cuts:
            self.text = rule.pattern.sub(rule.replacement, self.text)
            return
        edits = []

        def replace(match: re.Match[str]) -> str:
            new = rule.expand(match)
            edits.append((match.start(), match.end(), len(new)))
            return new

        self.text = rule.pattern.sub(replace, self.text)
        self.cuts = [_moved(cut, edits) for cut in self.cuts] if edits else self.cuts

    def replace(self, text: str) -> None:
        """Take `text`, of the same length, character for character."""
        assert len(text) == len(self.text)
        self.text = text

    def pieces(self) -> list[str]:
        bounds = [0, *self.cuts, len(self.text)]
        return [self.text[start:end] for start, end in zip(bounds, bounds[1:])]


def _moved(cut: int, edits: list[tuple[int, int, int]]) -> int:
    """Where a cut lands once each (start, end, new length) edit is made; inside an edit, it keeps its
    offset as far as the new text allows."""
    shift = 0
    for start, end, length in edits:
        if start >= cut:
            break
        if end > cut:
            return start + shift + min(cut - start, length)
        shift += length - (end - start)
    return cut + shift


def _pieces(inlines) -> Iterator[str]:
    """The text of the inlines, depth first: a Text's string, a line break's newline."""
    for node in inlines:
        if isinstance(node, Text):
            yield node.text
        elif isinstance(node, (Emph, Strong)):
            yield from _pieces(node.children)
        elif isinstance(node, LineBreak):
            yield "\n"


def _rebuild(inlines, pieces: Iterator[str]) -> tuple[Inline, ...]:
    nodes: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            nodes.append(Text(next(pieces)))
        elif isinstance(node, (Emph, Strong)):
            nodes.append(type(node)(_rebuild(node.children, pieces)))
        elif isinstance(node, LineBreak):
            text = next(pieces).replace("\n", "")
            nodes += [Text(text), node] if text else [node]
        else:
            nodes.append(node)
    return tuple(nodes)
