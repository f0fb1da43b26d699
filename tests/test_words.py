"""No word is lost: every paragraph of a manuscript appears, letter for letter and in order, in the EPUB's
text and in the PDF's text read back with pypdf."""

import pytest

from conftest import EPUB_MANUSCRIPTS, PDF_MANUSCRIPTS
from textcheck import ManuscriptParagraph, epub_letters, letters, manuscript_paragraphs, missing_paragraphs, pdf_page_texts


@pytest.mark.parametrize("manuscript", EPUB_MANUSCRIPTS)
def test_every_word_reaches_the_epub(manuscript, built):
    missing = missing_paragraphs(manuscript_paragraphs(manuscript), epub_letters(built(manuscript)["epub"]))
    assert not missing, f"{len(missing)} paragraph(s) lost, the first: {missing[0][:120]}"


@pytest.mark.parametrize("manuscript", PDF_MANUSCRIPTS)
def test_every_word_reaches_the_pdf(manuscript, built):
    text = letters("".join(pdf_page_texts(built(manuscript)["pdf"])))
    missing = missing_paragraphs(manuscript_paragraphs(manuscript), text)
    assert not missing, f"{len(missing)} paragraph(s) lost, the first: {missing[0][:120]}"


def test_a_lost_paragraph_is_noticed():
    paragraphs = [ManuscriptParagraph("first"), ManuscriptParagraph("second"), ManuscriptParagraph("label", movable=True)]
    assert missing_paragraphs(paragraphs, "firstsecondlabel") == []
    assert missing_paragraphs(paragraphs, "secondfirstlabel") == ["second"]
    assert missing_paragraphs(paragraphs, "firstsecond") == ["label"]


def test_a_contents_list_may_go_where_its_lines_are_headings():
    contents = ManuscriptParagraph("chapterionechapteriitwo", lines=("chapterione", "chapteriitwo"))
    assert missing_paragraphs([contents], "chapterionetextchapteriitwotext") == []
    assert missing_paragraphs([contents], "chapterionetext") == ["chapterionechapteriitwo"]


def test_a_byline_under_the_title_in_its_paragraph_is_markup(tmp_path):
    """'by Ann Bee' on the line under the title is a byline, as the parser reads it: its 'by' is not text
    the book must show. The same line further on is text."""
    manuscript = tmp_path / "story.txt"
    manuscript.write_text("The Lamp\nby Ann Bee\n\nThe keeper climbed.\nby the sea\n", encoding="utf-8")
    assert [paragraph.letters for paragraph in manuscript_paragraphs(manuscript)] == ["thelampannbee", "thekeeperclimbedbythesea"]
