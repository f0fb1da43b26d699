"""glyphs: the characters of a book the book face cannot draw, found through the real pipeline."""

from __future__ import annotations

import fontpkg
import pytest
from fontTools.ttLib import TTFont

from octavo.pipeline import load_book
from octavo.fonts import BOOK_FACE, book_face_files
from octavo.glyphs import describe_missing, missing_glyphs

SPACES_AND_FORMATS = "\u00a0\u2009\u200a\u202f\u2060\u200d\u00ad\ufe0e\ufe0f\u2003\u2002"
SUPERSCRIPT_TWO = "²"  # in the upright file, not the italic: where the text is set decides


def face_has(char: str, style: str) -> bool:
    """Whether some file of the book face in that style maps `char`: asked of fontTools, not assumed."""
    return any(
        ord(char) in TTFont(file.path, lazy=True).getBestCmap()
        for file in fontpkg.family(BOOK_FACE).files
        if file.style == style
    )


def test_the_book_face_files_are_those_fontpkg_finds():
    found = {(file.path.resolve(), file.style) for file in fontpkg.family(BOOK_FACE).files}
    assert {(file.path.resolve(), file.style) for file in book_face_files()} == found
    assert {style for _, style in found} == {"normal", "italic"}


@pytest.fixture
def book_of(tmp_path):
    """`book_of(text)`: the Book the pipeline makes of a manuscript."""

    def make(text: str):
        path = tmp_path / "book.txt"
        path.write_text(text, encoding="utf-8")
        return load_book(path)

    return make


def test_scripts_the_face_lacks_are_reported(book_of):
    book = book_of("Title: T\n\nSome text with Ελληνικά, кириллица, 中文 and an emoji 🙂 and *italic ж*.\n")
    missing = missing_glyphs(book)
    assert {"中", "文", "🙂"} <= missing.keys()
    for char in "Ελληνικά":
        assert (char in missing) is not face_has(char, "normal")
    for char in "кириллица":
        assert (char in missing) is not face_has(char, "normal")
    assert ("ж" in missing) is not face_has("ж", "italic")
    assert not set("Some text with and an emoji italic T.") & missing.keys()


def test_english_and_typographic_punctuation_report_nothing(book_of):
    text = (
        "Title: The Lamp Room\nAuthor: Marian Holt\n\n"
        '"Quoted," she said -- and \'single\' -- then... the end. “Curly” ‘quotes’ — dashes – and … '
        f"every space: {SPACES_AND_FORMATS}.\n\nA second paragraph, with *emphasis* and **strength**.\n"
    )
    assert missing_glyphs(book_of(text)) == {}


def test_spaces_and_format_characters_are_never_missing_even_where_the_face_lacks_them(book_of):
    assert not face_has("\u202f", "normal")  # the narrow no-break space: not in EB Garamond
    book = book_of(f"Title: T\n\nA{SPACES_AND_FORMATS}B *a{SPACES_AND_FORMATS}b*\nC\u2028D\n")
    assert missing_glyphs(book) == {}


def test_counts_and_order(book_of):
    book = book_of("Title: 中\n\n中文 中 🙂\n\n中 ж 🙂\n")
    assert missing_glyphs(book) == {"中": 4, "🙂": 2, "文": 1}
    assert list(missing_glyphs(book)) == ["中", "🙂", "文"]


def test_emphasis_is_checked_against_the_italic(book_of):
    assert face_has(SUPERSCRIPT_TWO, "normal") and not face_has(SUPERSCRIPT_TWO, "italic")
    assert missing_glyphs(book_of("Title: T\n\nE = mc² is upright.\n")) == {}
    assert missing_glyphs(book_of("Title: T\n\nAnd *mc²* is not, nor **_mc²_** or _a **b²**_.\n")) == {"²": 3}


def test_text_the_stylesheet_sets_in_italic_is_checked_against_the_italic(book_of):
    book = book_of(
        "Title: Title ²\nSubtitle: Sub ²\nAuthor: Au ²\nSummary: Summary ²\nRating: R ²\n\n"
        "Quote: An epigraph ².\nSource: The source ²\n\n"
        "Chapter 1: The name ²\n\nText ².\n"
    )
    # Upright: title, author, rating, source, text. Italic: subtitle, summary, epigraph, chapter name.
    assert missing_glyphs(book) == {"²": 4}


def test_every_part_of_the_book_is_read(book_of):
    book = book_of(
        "Title: 一\nSubtitle: 二\nAuthor: 三\nSummary: 四\nRating: 五\nRights: 六\nPublisher: 七\n\n"
        "Quote: 八\nSource: 九\n\nChapter 1: 十\n\nText 百.\n\nA/N: 千\n\nChapter 2\n\nI.\n\n万\n"
    )
    assert set(missing_glyphs(book)) == set("一二三四五六七八九十百千万")


def test_describe_missing():
    missing = {"ж": 12, "中": 3, "🙂": 1}
    assert describe_missing(missing) == (
        f"3 characters are not in {BOOK_FACE} and would be set in a fallback font: "
        "'ж' U+0436 (12×), '中' U+4E2D (3×), '🙂' U+1F642 (1×)"
    )


def test_describe_missing_lists_the_most_frequent_up_to_the_limit():
    missing = {char: count for count, char in enumerate("abcdefghijk", start=1)}
    message = describe_missing(missing, limit=2)
    assert message.startswith("11 characters are not in ")
    assert message.endswith(": 'k' U+006B (11×), 'j' U+006A (10×), and 9 more")
    assert describe_missing(missing, limit=11).endswith("(2×), 'a' U+0061 (1×)")


def test_describe_one_missing_character():
    assert describe_missing({"中": 1}).startswith(f"1 character is not in {BOOK_FACE} ")


def test_describe_nothing_missing():
    assert describe_missing({}) == f"every character is in {BOOK_FACE}"
