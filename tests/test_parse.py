"""The parser: structure found in the reference manuscript, the sample, and small made-up texts."""

from pathlib import Path

import pytest

from conftest import REFERENCE, SAMPLES, needs_corpus
from octavo.errors import ManuscriptError
from octavo.inline import plain_text
from octavo.model import Aside, Matter, Quotation, Role
from octavo.parse import parse
from octavo.read import read_manuscript


def book_of(text: str):
    return parse(text, Path("story.txt"))


def texts(section):
    return [plain_text(block.inlines) for block in section.blocks if hasattr(block, "inlines")]


@needs_corpus
def test_reference_structure():
    book = parse(read_manuscript(REFERENCE), REFERENCE)
    assert book.meta.title == "No Record Of Wrong"
    assert book.meta.authors == ()
    front = book.matter(Matter.FRONT)
    assert [s.role for s in front] == [Role.DISCLAIMER, Role.EPIGRAPH, Role.NOTE]
    disclaimer, epigraph, note = front
    assert texts(disclaimer) == ["Nope, still don't own it."]
    quotation = epigraph.blocks[0]
    assert isinstance(quotation, Quotation)
    assert plain_text(quotation.paragraphs[0].inlines).startswith("Love is patient, love is kind.")
    assert plain_text(quotation.source).startswith("The New Testament, Paul's 1st letter")
    assert note.title == "Author’s Note" and len(note.blocks) == 2
    assert texts(note)[0].startswith("So, hands up anyone")
    assert texts(note)[1].startswith("Anyway, to the point.")
    assert len(book.chapters) == 1 and book.chapters[0].title is None
    assert book.chapters[0].scene_breaks == 1
    assert texts(book.chapters[0])[0].startswith("He didn't mean it.")
    (closing,) = book.matter(Matter.BACK)
    assert closing.role is Role.NOTE and texts(closing)[0].startswith("Well, there we are.")


def test_sample_structure():
    sample = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")
    book = parse(read_manuscript(sample), sample)
    assert (book.meta.title, book.meta.subtitle, book.meta.authors) == ("The Lighthouse Almanac", "A Story in Three Tides", ("Marian Holt",))
    assert [s.role for s in book.matter(Matter.FRONT)] == [Role.DISCLAIMER, Role.EPIGRAPH, Role.NOTE]
    assert len(book.matter(Matter.FRONT)[2].blocks) == 2
    chapters = book.chapters
    assert [(c.title, c.subtitle) for c in chapters] == [("Chapter 1", "The Lamp Room"), ("Chapter Two", "The Storm Glass"), ("Chapter 3", None)]
    assert [c.scene_breaks for c in chapters] == [1, 2, 1]
    assert isinstance(chapters[0].blocks[-1], Aside)
    (closing,) = book.matter(Matter.BACK)
    assert len(closing.blocks) == 2


def test_first_line_is_the_title_and_a_byline_the_author():
    book = book_of("A Letter\n\nby Ann Lee\n\nIt rained.\n")
    assert (book.meta.title, book.meta.authors) == ("A Letter", ("Ann Lee",))
    assert texts(book.chapters[0]) == ["It rained."]


@pytest.mark.parametrize("opening", ["A Letter\nby Ann Lee", "A Letter\n\nBy: Ann Lee", "A Letter\n\nwritten by Ann Lee"])
def test_bylines(opening):
    book = book_of(f"{opening}\n\nIt rained.\n")
    assert (book.meta.title, book.meta.authors) == ("A Letter", ("Ann Lee",))
    assert texts(book.chapters[0]) == ["It rained."]


@pytest.mark.parametrize("sentence", ["By the time she arrived, the station was empty.", "By the sea", "by and by it rained"])
def test_a_first_sentence_starting_with_by_is_story(sentence):
    book = book_of(f"Nightfall\n\n{sentence}\n")
    assert book.meta.authors == () and texts(book.chapters[0]) == [sentence]


@pytest.mark.parametrize(("byline", "kept"), [("by Ann Lee", []), ("by Bo Marsh", ["A Letter by Bo Marsh"])])
def test_a_byline_naming_another_author_than_the_headers_stays_text(byline, kept):
    book = book_of(f"Author: Ann Lee\n\nA Letter\n{byline}\n\nIt rained.\n")
    assert book.meta.authors == ("Ann Lee",)
    assert texts(book.chapters[0]) == [*kept, "It rained."]


def test_header_overrides_the_first_line():
    book = book_of("Title: Real Title\nAuthor: Ann Lee\n\nOnce upon a time.\n\nThe end.\n")
    assert book.meta.title == "Real Title"
    assert texts(book.chapters[0]) == ["Once upon a time.", "The end."]


@pytest.mark.parametrize(
    ("title", "opening", "kept"),
    [
        ("Frankenstein; or, the Modern Prometheus", "Frankenstein", []),
        ("The Gift", "THE GIFT", []),
        ("The", "The & more", ["The & more"]),
        ("Frankenstein", "Frankenstein; or, the Modern Prometheus", ["Frankenstein; or, the Modern Prometheus"]),
    ],
)
def test_an_opening_line_repeating_the_headers_title_goes_and_one_saying_more_stays(title, opening, kept):
    book = book_of(f"Title: {title}\n\n{opening}\n\nOnce upon a time.\n")
    assert texts(book.chapters[0]) == [*kept, "Once upon a time."]


@pytest.mark.parametrize("mark", ["***", "* * *", "*", "---", "------------------", "~~~", "#", "###", "~*~", "oOo", "xXx", "OoOoO", "❦", "§", "⁂"])
def test_scene_break_marks(mark):
    book = book_of(f"Title\n\nOne.\n\n{mark}\n\nTwo.\n")
    assert [texts(c) for c in book.chapters] == [["One.", "Two."]]
    assert book.chapters[0].scene_breaks == 1


@pytest.mark.parametrize("line", ["...", ". . . .", "--", "Ooo", "xx", "-"])
def test_lines_that_are_not_scene_breaks(line):
    book = book_of(f"Title\n\nOne.\n\n{line}\n\nTwo.\n")
    assert book.chapters[0].scene_breaks == 0


def test_breaks_at_the_book_edges_or_in_a_row_make_no_empty_scene():
    book = book_of("Title\n\n***\n\nOne.\n\n***\n\n* * *\n\nTwo.\n\n***\n")
    assert book.chapters[0].scene_breaks == 1


def test_a_break_closing_a_chapter_is_kept_as_drawn():
    book = book_of("Title\n\nChapter 1\n\nOne.\n\n* * *\n\nChapter 2\n\nTwo.\n")
    assert [chapter.scene_breaks for chapter in book.chapters] == [1, 0]


@pytest.mark.parametrize(
    "heading, title, subtitle",
    [
        ("Chapter 1", "Chapter 1", None),
        ("CHAPTER IV.", "CHAPTER IV", None),
        ("Chapter Twenty-One", "Chapter Twenty-One", None),
        ("Chapter 3: The Storm", "Chapter 3", "The Storm"),
        ("Chapter 3 - The Storm", "Chapter 3", "The Storm"),
        ("Chapter 7\nThe Storm", "Chapter 7", "The Storm"),
        ("Prologue", "Prologue", None),
        ("Epilogue: After", "Epilogue", "After"),
        ("Chapter 1:", "Chapter 1", None),
        ("# Chapter 1", "Chapter 1", None),
        ("**Chapter 1**", "Chapter 1", None),
    ],
)
def test_chapter_headings(heading, title, subtitle):
    book = book_of(f"Book\n\n{heading}\n\nText.\n")
    assert [(c.title, c.subtitle) for c in book.chapters] == [(title, subtitle)]


def test_a_heading_with_its_text_straight_under_it():
    book = book_of("Book\n\nChapter 1\nIt was a dark and stormy night; the rain fell in torrents, except at occasional\nintervals.\n")
    (chapter,) = book.chapters
    assert chapter.title == "Chapter 1" and chapter.subtitle is None
    assert texts(chapter) == ["It was a dark and stormy night; the rain fell in torrents, except at occasional intervals."]


@pytest.mark.parametrize("contents", ["Letter 1\nLetter 2\nChapter 1\nChapter 2", "CHAPTER I. The Widow   1\n      II. The Mint   13\n     III. The Storm   20"])
def test_a_contents_list_is_not_split_into_headings(contents):
    book = book_of(f"Book\n\n{contents}\n\nText.\n")
    assert [c.title for c in book.chapters] == [None]


def test_chapter_words_in_running_text_are_not_headings():
    book = book_of("Book\n\nIn chapter two he left.\n\nChapter 1 was long, he said, far too long for anyone.\n")
    assert len(book.chapters) == 1 and book.chapters[0].title is None


def test_a_short_text_before_the_first_heading_is_front_matter():
    book = book_of("Book\n\nTo my mother.\n\nChapter 1\n\nText.\n")
    assert [c.title for c in book.chapters] == ["Chapter 1"]
    (front,) = book.matter(Matter.FRONT)
    assert front.role is Role.MATTER and texts(front) == ["To my mother."]


def test_a_story_before_the_first_heading_is_its_opening_chapter():
    prose = " ".join(["The words of a paragraph that goes on for a while."] * 4)
    book = book_of(f"Book\n\n{prose}\n\n{prose}\n\n{prose}\n\nEpilogue\n\nText.\n")
    assert [c.title for c in book.chapters] == [None, "Epilogue"]


@pytest.mark.parametrize("label", ["A/N", "A/N:", "a/n:", "AN:", "Author's Note:", "Author’s Note -", "A.N.", "**A/N:**", "Note:", "_Author's Note:_"])
def test_note_labels(label):
    book = book_of(f"Book\n\n{label} Thanks for reading.\n\nStory.\n")
    (note,) = book.matter(Matter.FRONT)
    assert note.role is Role.NOTE and texts(note) == ["Thanks for reading."]


@pytest.mark.parametrize("prose", ["Another day.", "Authors notice things.", "Quote me on that.", "Sources say no.", "Notes were passed."])
def test_words_like_labels_in_prose_are_text(prose):
    book = book_of(f"Book\n\n{prose}\n")
    assert texts(book.chapters[0]) == [prose]


def test_a_note_in_parentheses():
    book = book_of("Book\n\n(A/N: Thanks for reading.)\n\nStory.\n")
    (note,) = book.matter(Matter.FRONT)
    assert note.role is Role.NOTE and texts(note) == ["Thanks for reading."]


def test_a_front_note_without_a_following_label_is_one_paragraph():
    book = book_of("Book\n\nA/N Hello.\n\nThe story starts.\n\nIt goes on.\n")
    assert texts(book.matter(Matter.FRONT)[0]) == ["Hello."]
    assert texts(book.chapters[0]) == ["The story starts.", "It goes on."]


def test_a_note_never_takes_in_the_story_after_it():
    book = book_of("A One-Shot\n\nA/N: Hi all.\n\nThe story begins.\n\nIt ends.\n\nA/N: Thanks!\n")
    assert texts(book.matter(Matter.FRONT)[0]) == ["Hi all."]
    assert texts(book.chapters[0]) == ["The story begins.", "It ends."]
    assert texts(book.matter(Matter.BACK)[0]) == ["Thanks!"]


def test_notes_that_open_and_close_every_chapter():
    book = book_of(
        "Book\n\nChapter 1\n\nA/N: Open one.\n\nStory one.\n\nA/N: Close one.\n\nStill closing.\n\n"
        "Chapter 2\n\nA/N: Open two.\n\nStory two.\n\nMore two.\n\nA/N: Close two.\n"
    )
    one, two = book.chapters
    assert [type(b).__name__ for b in one.blocks] == ["Aside", "Paragraph", "Aside"]
    assert [plain_text(p.inlines) for p in one.blocks[2].paragraphs] == ["Close one.", "Still closing."]
    assert texts(two) == ["Story two.", "More two."]
    assert texts(book.matter(Matter.BACK)[0]) == ["Close two."]


def test_a_note_mid_story_is_one_paragraph():
    book = book_of("Book\n\nOne.\n\nA/N: An aside.\n\nTwo.\n\nA/N: Another.\n\nThree.\n\n***\n\nFour.\n")
    assert texts(book.chapters[0]) == ["One.", "Two.", "Three.", "Four."]


def test_labels_on_adjacent_lines_are_blocks_of_their_own():
    book = book_of("Book\n\nA/N: hi\nDisclaimer: not mine\nQuote: To be.\nSource: Hamlet\n\nStory.\n")
    assert texts(book.section(Role.NOTE)) == ["hi"]
    assert texts(book.section(Role.DISCLAIMER)) == ["not mine"]
    quotation = book.section(Role.EPIGRAPH).blocks[0]
    assert plain_text(quotation.source) == "Hamlet"


def test_a_label_alone_on_its_line_takes_the_next_paragraph():
    book = book_of("Book\n\nDisclaimer:\n\nI own nothing.\n\nStory.\n")
    assert texts(book.section(Role.DISCLAIMER)) == ["I own nothing."]


def test_a_disclaimer_repeated_in_every_chapter_is_kept_once():
    book = book_of("Book\n\nChapter 1\n\nDisclaimer: Not mine.\n\nOne.\n\nChapter 2\n\nDisclaimer: Not mine.\n\nTwo.\n")
    assert texts(book.section(Role.DISCLAIMER)) == ["Not mine."]
    assert [texts(c) for c in book.chapters] == [["One."], ["Two."]]


def test_a_closing_note_runs_to_the_end_and_a_chapter_end_note_to_the_next_heading():
    book = book_of("Book\n\nChapter 1\n\nOne.\n\nA/N First.\n\nMore note.\n\nChapter 2\n\nTwo.\n\nA/N Last.\n\nStill last.\n")
    first = book.chapters[0].blocks[-1]
    assert isinstance(first, Aside) and [plain_text(p.inlines) for p in first.paragraphs] == ["First.", "More note."]
    assert texts(book.matter(Matter.BACK)[0]) == ["Last.", "Still last."]


def test_a_quote_without_source_and_a_yaml_header():
    book = book_of("---\ntitle: Y\nauthor: Ann Lee\nlayout: post\n---\n\nQuote: To be.\n\nStory.\n")
    assert (book.meta.title, book.meta.authors) == ("Y", ("Ann Lee",))
    quotation = book.section(Role.EPIGRAPH).blocks[0]
    assert quotation.source == () and plain_text(quotation.paragraphs[0].inlines) == "To be."


def test_a_dash_before_a_source_is_left_to_the_stylesheet():
    book = book_of("Book\n\nQuote: Do or do not.\n\nSource: -- Yoda\n\nStory.\n")
    assert plain_text(book.section(Role.EPIGRAPH).blocks[0].source) == "Yoda"


def test_hard_wrapped_lines_join_into_one_paragraph():
    book = book_of("Book\n\nThe rain came down\nall night long.\n\nMorning.\n")
    assert texts(book.chapters[0]) == ["The rain came down all night long.", "Morning."]


@pytest.mark.parametrize("text", ["", "   \n\n  \n", "Title\n\n***\n\n* * *\n"])
def test_nothing_to_make_a_book_of_is_a_clear_error(text):
    with pytest.raises(ManuscriptError):
        book_of(text)


GERMAN = "Er sagte, dass er nicht mit den anderen auf die Reise gehen kann, und sie ist auch nicht da. " * 8
FRENCH = "Il est dans la maison et elle ne se trouve pas sur le pont, que le capitaine a vu pour les uns. " * 8


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (FRENCH, "fr"), ("Short and sweet.", "en")])
def test_a_manuscript_without_a_language_header_gets_the_language_of_its_words(text, language):
    book = book_of(f"A Title\n\n{text}\n")
    assert book.meta.language == language
    assert any(f.what == f"language: {language}" and f.rule == "common words" for f in book.findings)


def test_a_language_header_wins_over_the_words():
    assert book_of(f"Language: en\n\n{GERMAN}\n").meta.language == "en"


def test_the_header_sets_the_dash_style():
    assert book_of("Title: T\nDashes: spaced\n\nWord--word.\n").meta.dashes == "spaced"
    with pytest.raises(ManuscriptError, match="'dashes' must be one of closed, spaced"):
        book_of("Title: T\nDashes: long\n\nWord--word.\n")


def test_front_and_back_matter_by_name_and_place():
    book = book_of("Title: Tide\n\nPreface\n\nWhy I wrote it.\n\nChapter 1\n\nOnce.\n\nChapter 2\n\nTwice.\n\n"
                 "Afterword\n\nThe sea again.\n\nAcknowledgements\n\nThanks to all.\n\nAbout the Author\n\nAnn lives by the sea.\n")
    front, back = book.matter(Matter.FRONT), book.matter(Matter.BACK)
    assert [(s.role, s.title) for s in front] == [(Role.MATTER, "Preface")]
    assert [(s.role, s.title) for s in back] == [(Role.MATTER, "Afterword"), (Role.MATTER, "Acknowledgements"), (Role.MATTER, "About the Author")]
    assert [s.title for s in book.chapters] == ["Chapter 1", "Chapter 2"]
