"""Structure found in manuscripts as people write them: Gutenberg's wrapper, title blocks, contents lists,
parts, numbered headings, paragraph shapes, scene breaks and header overrides. Small made-up texts, each
standing for a convention."""

import pytest

from octavo.headings import Level, match_heading, parse_number, roman_value
from octavo.layout import Shape, find_layout
from octavo.model import LineBreak, Matter, Quotation, Role
from test_parse import book_of, texts

GUTENBERG = """The Project Gutenberg EBook of Jack Sheppard, by W. Ainsworth
www.gutenberg.orgTitle: Jack Sheppard
       A Romance

Author: William Harrison Ainsworth

Language: French

*** START OF THIS PROJECT GUTENBERG EBOOK JACK SHEPPARD ***




Produced by Jason Isbell and the Online
Distributed Proofreading Team


JACK SHEPPARD

By W. Harrison Ainsworth


CHAPTER I.

The Widow and her Child.


It was a dark night.

End of the Project Gutenberg EBook of Jack Sheppard

*** END OF THIS PROJECT GUTENBERG EBOOK JACK SHEPPARD ***

1.A. By reading or using any part of this Project Gutenberg-tm electronic work...
"""


def test_gutenberg_wrapper_is_left_out_and_its_fields_read():
    book = book_of(GUTENBERG)
    assert (book.meta.title, book.meta.subtitle, book.meta.authors, book.meta.language) == (
        "Jack Sheppard", "A Romance", ("William Harrison Ainsworth",), "fr")
    (chapter,) = book.chapters
    assert (chapter.title, chapter.subtitle, texts(chapter)) == ("CHAPTER I", "The Widow and her Child", ["It was a dark night."])
    (credits,) = book.matter(Matter.BACK)
    assert credits.role is Role.CREDITS and texts(credits)[0].startswith("Produced by Jason Isbell")
    assert not any("1.A." in text or "End of the Project" in text for section in book.sections for text in texts(section))


@pytest.mark.parametrize(
    "line, label, title, level",
    [
        ("Chapter the First", "Chapter the First", None, Level.CHAPTER),
        ("Chapter 2 of 10", "Chapter 2", None, Level.CHAPTER),
        ("CHAPTER XII. Alice's Evidence", "CHAPTER XII", "Alice's Evidence", Level.CHAPTER),
        ("PART ONE--The Old Buccaneer", "PART ONE", "The Old Buccaneer", Level.PART),
        ("BOOK II.", "BOOK II", None, Level.PART),
        ("EPOCH THE THIRD.", "EPOCH THE THIRD", None, Level.PART),
        ("Interlude", "Interlude", None, Level.CHAPTER),
        ("XIV.", "XIV", None, None),
        ("IV. THE SEA-CHEST", "IV", "THE SEA-CHEST", None),
        ("======== PROLOGUE ========", "PROLOGUE", None, Level.CHAPTER),
        ("## The Storm", "The Storm", None, None),
    ],
)
def test_heading_lines(line, label, title, level):
    heading = match_heading(line)
    assert (heading.label, heading.title, heading.level) == (label, title, level)


@pytest.mark.parametrize("line", ["in chapter two he left", "Part of me wanted to go.", "I went home.", "1. Buy milk", "IIII", "#hashtag"])
def test_lines_that_are_not_headings(line):
    assert match_heading(line) is None


def test_numbers_in_words_and_numerals():
    assert [parse_number(text) for text in ("12", "XII", "xii", "twelve", "Twelfth", "the Twenty-First")] == [12, 12, 12, 12, 12, 21]
    assert roman_value("IIII") is None and roman_value("MCMXC") == 1990


def test_bare_numerals_that_count_up_are_chapters_and_a_lone_i_is_a_word():
    book = book_of("Book\n\nI.\n\nOne.\n\nII.\n\nTwo, and of course,\n\nI\n\nwould not.\n\nIII.\n\nThree.\n")
    assert [chapter.title for chapter in book.chapters] == ["I", "II", "III"]
    assert texts(book.chapters[1]) == ["Two, and of course,", "I", "would not."]


def test_a_misprinted_or_skipped_number_does_not_break_the_sequence():
    numbers = ["I", "II", "III", "IV", "V", "VI", "XVII", "VIII", "X"]
    book = book_of("Book\n\n" + "".join(f"{n}\n\nText.\n\n" for n in numbers))
    assert [chapter.title for chapter in book.chapters] == numbers


def test_numerals_under_titled_numerals_are_sections():
    book = book_of("Book\n\nI. A SCANDAL IN BOHEMIA\n\nI.\n\nOne.\n\nII.\n\nTwo.\n\nII. THE RED-HEADED LEAGUE\n\nThree.\n")
    first, second = book.chapters
    assert (first.title, first.subtitle) == ("I", "A SCANDAL IN BOHEMIA")
    assert [scene.title for scene in first.scenes] == ["I", "II"] and first.scene_breaks == 0
    assert texts(second) == ["Three."]


def test_parts_group_chapters_and_take_their_name_lines():
    book = book_of("Book\n\nEPOCH THE FIRST.\n\n1703.\n\nJONATHAN WILD.\n\n\n\nCHAPTER I.\n\nText.\n\nPART TWO\nThe Sea\n\nCHAPTER II.\n\nMore.\n")
    roles = [(section.role, section.title, section.subtitle) for section in book.matter(Matter.BODY)]
    assert roles == [
        (Role.PART, "EPOCH THE FIRST", "1703\nJONATHAN WILD"),
        (Role.CHAPTER, "CHAPTER I", None),
        (Role.PART, "PART TWO", "The Sea"),
        (Role.CHAPTER, "CHAPTER II", None),
    ]


def test_a_name_in_capitals_or_set_off_by_blank_lines_follows_its_heading():
    book = book_of("Book\n\nI\n\nDANS LEQUEL PHILEAS FOGG\n\n\nText.\n\nII\n\nThe Old Mint.\n\n\nMore.\n\nIII\n\nShe ran.\n\nAway.\n")
    assert [(c.title, c.subtitle) for c in book.chapters] == [("I", "DANS LEQUEL PHILEAS FOGG"), ("II", "The Old Mint"), ("III", None)]


def test_decorated_headings_before_and_after_the_chapters_are_front_and_back_matter():
    book = book_of("Book\n\n=== Blurbs: ===\n\nGreat book.\n\n=== CHAPTER 1 ===\n\nText.\n\n=== CHAPTER 2 ===\n\nMore.\n\n"
                   "=== Acknowledgements ===\n\nThanks.\n")
    assert [(s.matter, s.role, s.title) for s in book.sections] == [
        (Matter.FRONT, Role.MATTER, "Blurbs"),
        (Matter.BODY, Role.CHAPTER, "CHAPTER 1"),
        (Matter.BODY, Role.CHAPTER, "CHAPTER 2"),
        (Matter.BACK, Role.MATTER, "Acknowledgements"),
    ]


def test_a_printed_contents_list_is_dropped_up_to_where_its_first_entry_returns():
    book = book_of("Book\n\nContents\n\n   I.  The Sea . . . . 1\n   II. The Land . . . . 9\n\nI. THE SEA\n\nWaves.\n\nII. THE LAND\n\nRocks.\n")
    assert [texts(c) for c in book.chapters] == [["Waves."], ["Rocks."]]
    assert any("contents list left out" in finding.what for finding in book.findings)


def test_a_contents_list_that_names_chapters_only_ends_at_the_first_chapter():
    book = book_of("Book\n\nContents\n\nThe Old Sea-dog ..... 1\nBlack Dog ..... 9\n\nChapter 1\n\nThe Old Sea-dog\n\n\nText.\n\nChapter 2\n\nMore.\n")
    assert [(c.title, c.subtitle) for c in book.chapters] == [("Chapter 1", "The Old Sea-dog"), ("Chapter 2", None)]


@pytest.mark.parametrize(
    "top, title, authors",
    [
        ("Frankenstein;\n\nor, the Modern Prometheus\n\nby Mary Shelley", "Frankenstein; or, the Modern Prometheus", ("Mary Shelley",)),
        ("DIE VERWANDLUNG\n\nVON\n\nFRANZ KAFKA", "Die Verwandlung", ("Franz Kafka",)),
        ("Middlemarch\n\nGeorge Eliot", "Middlemarch", ("George Eliot",)),
        ("TREASURE ISLAND\n\nby Robert Louis Stevenson", "Treasure Island", ("Robert Louis Stevenson",)),
        ("# Pink-Mended Sparkles", "Pink-Mended Sparkles", ()),
    ],
)
def test_title_blocks(top, title, authors):
    book = book_of(f"{top}\n\nChapter 1\n\nThe story begins and goes on for a while.\n")
    assert (book.meta.title, book.meta.authors) == (title, authors)


def test_a_header_title_takes_off_the_same_title_in_the_text_but_not_a_sentence_like_it():
    assert texts(book_of("Title: Rain\n\nRAIN\n\nIt rained.\n").chapters[0]) == ["It rained."]
    assert texts(book_of("Title: Rain\n\nRaining hard.\n\nIt rained.\n").chapters[0]) == ["Raining hard.", "It rained."]


WRAPPED = "\n".join(["The words of a wrapped paragraph run on and on until the line is full and"] * 6 + ["it ends."])
LINES = "\n".join(["This paragraph is one line long, as a word processor writes it, and it ends here."] * 6)


@pytest.mark.parametrize("text, shape", [(WRAPPED, Shape.WRAPPED), (LINES, Shape.LINES), ("One.\n\nTwo.\n", Shape.BLANK)])
def test_paragraph_shapes(text, shape):
    assert find_layout(text.split("\n")).shape is shape


def test_each_line_is_a_paragraph_where_lines_end_their_sentences():
    (chapter,) = book_of("Book\n\n" + LINES + "\n").chapters
    assert len(chapter.blocks) == 6


def test_an_indented_line_starts_a_paragraph_where_there_are_no_blank_lines():
    body = "\n".join(f"    Paragraph {n} starts here and runs on\nover a second line." for n in range(1, 8))
    (chapter,) = book_of("Book\n\n" + body + "\n").chapters
    assert texts(chapter)[0] == "Paragraph 1 starts here and runs on over a second line." and len(chapter.blocks) == 7


def test_verse_in_wrapped_prose_keeps_its_line_breaks():
    verse = "    If sailor tales to sailor tunes,\n       Storm and adventure, heat and cold,"
    (chapter,) = book_of(f"Book\n\n{WRAPPED}\n\n{verse}\n\n{WRAPPED}\n").chapters
    assert LineBreak() in chapter.blocks[1].inlines
    assert LineBreak() not in chapter.blocks[0].inlines


def test_a_rule_inside_a_centred_poster_is_not_a_scene_break():
    book = book_of("Book\n\nShe read the poster:\n\n        TROUPE JAPONAISE\n                 ---\n        DERNIERES REPRESENTATIONS\n\nThen she left.\n")
    assert book.chapters[0].scene_breaks == 0


def test_three_blank_lines_are_a_scene_break_where_the_text_uses_one():
    book = book_of("Book\n\nOne.\n\nTwo.\n\n\n\nThree.\n\nFour.\n")
    assert book.chapters[0].scene_breaks == 1


def test_blank_lines_around_headings_are_not_scene_breaks():
    book = book_of("Book\n\n\n\nChapter 1\n\nOne.\n\n\n\n\nChapter 2\n\nTwo.\n\n\n\nChapter 3\n\nThree.\n")
    assert [c.scene_breaks for c in book.chapters] == [0, 0, 0]


def test_a_chapter_epigraph_with_a_dashed_attribution():
    book = book_of("Book\n\nChapter 1\n\nAll happy families are alike.\n\n— Tolstoy, Anna Karenina\n\nThe story.\n\n— Hello, she said.\n")
    first, *rest = book.chapters[0].blocks
    assert isinstance(first, Quotation) and [b.inlines for b in rest][-1][0].text == "— Hello, she said."


def test_header_overrides_what_is_guessed():
    book = book_of("Title: Lists\nChapters: none\nParagraphs: lines\n\nChapter 1\nOne line.\nAnother line.\n")
    (chapter,) = book.chapters
    assert chapter.title is None and texts(chapter) == ["Chapter 1", "One line.", "Another line."]


def test_fan_fiction_header_fields_feed_the_metadata():
    book = book_of("Title: Hope\nAuthor: Jeconais\nFandom: Harry Potter\nRating: T\nPairing: Harry/Fleur\nSummary: A new school.\n\nStory.\n")
    assert book.meta.description == "A new school."
    assert book.meta.subjects == ("Harry Potter",)
    assert book.meta.details == (("Fandom", "Harry Potter"), ("Rating", "T"), ("Pairing", "Harry/Fleur"))


def test_a_disclaimer_repeated_in_every_chapter_is_kept_once():
    chapter = "Chapter {n}\n\nDisclaimer: I own nothing.\n\nText {n}.\n\n"
    book = book_of("Book\n\n" + "".join(chapter.format(n=n) for n in (1, 2, 3)))
    (imprint,) = [s for s in book.sections if s.role is Role.DISCLAIMER]
    assert texts(imprint) == ["I own nothing."] and [texts(c) for c in book.chapters] == [["Text 1."], ["Text 2."], ["Text 3."]]
