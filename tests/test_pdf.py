"""The PDF: trim size, embedded fonts, metadata, bookmarks, recto chapter openings, running heads."""

import pytest
from pypdf import PdfReader

from conftest import REFERENCE, SAMPLES, needs_corpus
from textcheck import letters, pdf_page_zones

SAMPLE = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")


@pytest.fixture(scope="module")
def sample_pdf(built):
    return built(SAMPLE)["pdf"]


def _bookmarks(reader):
    """(title, 0-based page index) of every top-level bookmark."""
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline if not isinstance(item, list)]


def test_trim_size_is_5_5_by_8_5_inches(sample_pdf):
    for page in PdfReader(sample_pdf).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (396, 612)


def test_every_font_is_embedded_and_is_the_book_face(sample_pdf):
    reader = PdfReader(sample_pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all("EB-Garamond" in name for name in fonts), fonts


def test_title_and_author_in_the_pdf_metadata(sample_pdf):
    metadata = PdfReader(sample_pdf).metadata
    assert metadata.title == "The Lighthouse Almanac"
    assert metadata.author == "Marian Holt"


def test_bookmarks_name_the_notes_and_chapters_which_open_on_a_right_hand_page(sample_pdf):
    bookmarks = _bookmarks(PdfReader(sample_pdf))
    titles = [title for title, _ in bookmarks]
    assert titles == ["Contents", "Author’s Note", "Chapter 1: The Lamp Room", "Chapter Two: The Storm Glass", "Chapter 3", "Author’s Note"]
    assert all(index % 2 == 0 for _, index in bookmarks), bookmarks  # page 1, 3, 5...: rectos


def test_running_heads_show_except_on_the_title_page_and_openings(sample_pdf):
    reader = PdfReader(sample_pdf)
    zones = pdf_page_zones(sample_pdf)
    openings = {index for _, index in _bookmarks(reader)}
    assert letters(zones[0]["body"]).startswith(letters("The Lighthouse Almanac"))
    assert not zones[0]["head"].strip() and not zones[0]["foot"].strip()
    for index in openings:
        assert not zones[index]["head"].strip(), f"running head on the opening page {index + 1}"
    running = [index for index, page in enumerate(zones) if page["head"].strip()]
    assert running, "no running heads at all"
    for index in running:
        expected = "The Lighthouse Almanac" if index % 2 == 0 else "Marian Holt"
        assert letters(zones[index]["head"]) == letters(expected), (index + 1, zones[index]["head"])
        assert zones[index]["foot"].strip() == str(index + 1)


@needs_corpus
def test_reference_pdf_has_title_page_epigraph_notes_and_scene_break(built):
    zones = pdf_page_zones(built(REFERENCE)["pdf"])
    bodies = [letters(page["body"]) for page in zones]
    assert bodies[0] == letters("No Record Of Wrong")
    epigraph = next(i for i, body in enumerate(bodies) if body.startswith(letters("Love is patient")))
    assert letters("Paul's 1st letter to the Corinthians") in bodies[epigraph]
    assert epigraph % 2 == 0
    notes = [i for i, body in enumerate(bodies) if body.startswith(letters("Author's Note"))]
    assert len(notes) == 2
    assert sum(page["body"].count("*") for page in zones) == 3  # the scene break's ornament


def test_long_text_runs_are_cut_into_spans_at_spaces_and_keep_every_character():
    from xml.etree import ElementTree

    from octavo.pdf import shorten_text_runs

    words = " ".join(f"word{n}" for n in range(3000))
    body = ElementTree.fromstring(f"<body><p>{words}<em>short</em>{words}</p><p>{'x' * 5000}</p></body>")
    shorten_text_runs(body, longest=2000)
    first, second = body.findall("p")
    assert "".join(first.itertext()) == words + "short" + words and "".join(second.itertext()) == "x" * 5000
    runs = [text for element in body.iter() for text in (element.text, element.tail) if text]
    assert max(map(len, runs)) <= 2000
    whole_words = set(words.split())
    assert all(word in whole_words for span in first.iter("span") for word in span.text.split())


def test_a_paragraph_of_a_hundred_thousand_characters_is_laid_out_whole(tmp_path):
    from octavo.pipeline import Format, build

    words = [f"w{n}x" for n in range(20_000)]
    manuscript = tmp_path / "one-line.txt"
    manuscript.write_text("One Line\n\n" + " ".join(words) + "\n", encoding="utf-8")
    (pdf,) = build(manuscript, (Format.PDF,), tmp_path).files
    text = letters("".join(zones["body"] for zones in pdf_page_zones(pdf)))
    assert letters(" ".join(words)) in text
