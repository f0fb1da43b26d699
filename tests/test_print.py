"""The PDF for print, read back with pypdf: trim sizes, the gutter's page-count brackets, bleed, the
print and screen profiles, front matter in book order, contents page numbers, running heads, metadata."""

import io
import re

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import SAMPLES
from octavo.pipeline import Format, build
from octavo.cli import app
from octavo.fonts import BOOK_FACE
from octavo.pagesetup import GUTTERS, TRIMS, PageSetup, Profile, RunningHead, gutter, parse_bleed, parse_trim
from textcheck import letters, manuscript_paragraphs, missing_paragraphs, pdf_page_zones

SAMPLE = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")
POINTS = 72
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def small_book(tmp_path, chapters: int = 2, words: int = 120, header: str = "") -> "Path":
    text = "".join(f"Chapter {n}\n\n" + ("A line of the story goes on. " * (words // 6)) + "\n\n" for n in range(1, chapters + 1))
    manuscript = tmp_path / "small.txt"
    manuscript.write_text(f"Title: Small Book\nAuthor: Ann Bee\n{header}\n{text}", encoding="utf-8")
    return manuscript


def pdf_path(manuscript, tmp_path, **setup) -> "Path":
    (pdf,) = build(manuscript, (Format.PDF,), tmp_path / "out", setup).files
    return pdf


def pdf_of(manuscript, tmp_path, **setup) -> PdfReader:
    return PdfReader(pdf_path(manuscript, tmp_path, **setup))


@pytest.mark.parametrize("name", list(TRIMS) + ["4.25x6.87in", "140x216mm"])
def test_every_trim_size_is_the_page_size(tmp_path, name):
    trim = parse_trim(name)
    reader = pdf_of(small_book(tmp_path), tmp_path, trim=name)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(trim.width * POINTS, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(trim.height * POINTS, abs=0.5)


@pytest.mark.parametrize("text", ["7x", "10x20", "axb", "5x8ft"])
def test_a_trim_size_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        parse_trim(text)


def test_the_gutter_follows_kdps_page_count_brackets():
    assert [gutter(n) for n in (24, 150, 151, 300, 301, 500, 501, 700, 701, 828)] == [
        0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75, 0.875, 0.875]
    assert [inches for _, inches in GUTTERS] == sorted(inches for _, inches in GUTTERS)


def _inside_margin(reader: PdfReader) -> float:
    """The inside margin of the body text on rectos (the left edge), in inches: the leftmost start of a line."""
    lefts = []
    body_starts = min(reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list))
    for index, page in enumerate(reader.pages):
        if index % 2 == 0 and index >= body_starts:
            xs = []
            page.extract_text(visitor_text=lambda text, cm, tm, font, size: xs.append(tm[4] * cm[0] + cm[4]) if text.strip() else None)
            lefts += xs
    return min(lefts) / POINTS


@pytest.mark.parametrize("chapters, words", [(3, 600), (26, 2600)], ids=["under 150 pages", "over 150 pages"])
def test_the_inside_margin_widens_with_the_page_count(tmp_path, chapters, words):
    reader = pdf_of(small_book(tmp_path, chapters, words), tmp_path)
    pages = len(reader.pages)
    assert (pages <= 150) == (chapters == 3)
    assert _inside_margin(reader) == pytest.approx(PageSetup().margins(pages).inside, abs=0.02)


def test_bleed_is_added_outside_top_and_bottom_and_the_trim_box_is_the_trim(tmp_path):
    trim = TRIMS["6x9"]
    reader = pdf_of(small_book(tmp_path), tmp_path, trim=trim, bleed=parse_bleed("0.125in"), profile=Profile.PRINT)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx((trim.width + 0.125) * POINTS, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx((trim.height + 0.25) * POINTS, abs=0.5)
        assert float(page.trimbox.width) == pytest.approx(trim.width * POINTS, abs=0.5)
        assert float(page.trimbox.height) == pytest.approx(trim.height * POINTS, abs=0.5)


def _fonts(reader: PdfReader) -> dict[str, bytes]:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(descriptor["/FontName"])] = descriptor["/FontFile2"].get_object().get_data()
    return fonts


def test_print_profile_embeds_whole_fonts_and_has_no_bookmarks_or_links(tmp_path):
    import fontpkg

    reader = pdf_of(SAMPLE, tmp_path, profile=Profile.PRINT)
    fonts = _fonts(reader)
    assert fonts and not any("+" in name for name in fonts), list(fonts)
    regular = next(file.path for file in fontpkg.family(BOOK_FACE).files if file.style == "normal")
    whole = TTFont(regular)["maxp"].numGlyphs
    embedded = TTFont(io.BytesIO(fonts["/EB-Garamond"]))["maxp"].numGlyphs
    assert embedded == whole
    assert not reader.outline
    assert not any(page.get("/Annots") for page in reader.pages)


def test_print_profile_text_reads_back_word_for_word_small_capitals_included(tmp_path):
    pdf = pdf_path(SAMPLE, tmp_path, profile=Profile.PRINT)
    zones = pdf_page_zones(pdf)
    assert not missing_paragraphs(manuscript_paragraphs(SAMPLE), letters("".join(zone["body"] for zone in zones)))
    assert letters("Marian Holt") in {letters(zone["head"]) for zone in zones}  # a running head, in small capitals


def test_screen_profile_has_bookmarks_and_a_clickable_contents_page(tmp_path):
    reader = pdf_of(SAMPLE, tmp_path, profile=Profile.SCREEN)
    assert len(reader.outline) >= 4
    contents = next(page for page in reader.pages if "Contents" in page.extract_text())
    links = [annotation.get_object() for annotation in contents.get("/Annots", [])]
    assert len(links) >= 4 and all(link["/Subtype"] == "/Link" for link in links)
    assert all(re.fullmatch(r"[A-Z]{6}\+.*", name.lstrip("/")) for name in _fonts(reader))  # subsets on screen


def test_front_matter_in_book_order_on_rectos(tmp_path):
    manuscript = small_book(tmp_path, header="Dedication: For the keepers of lights\n")
    manuscript.write_text(manuscript.read_text(encoding="utf-8").replace("Chapter 1\n", "Quote: Light is a kind of listening.\nSource: A keeper\n\nA/N: Thank you for reading.\n\nChapter 1\n", 1), encoding="utf-8")
    zones = pdf_page_zones(build(manuscript, (Format.PDF,), tmp_path / "out").files[0])
    bodies = [letters(zone["body"]) for zone in zones]
    first = {name: next(i for i, body in enumerate(bodies) if body.startswith(letters(start)))
             for name, start in (("half-title", "Small Book"), ("title page", "Small BookAnn Bee"), ("imprint", "Small Book by Ann Bee"),
                                 ("dedication", "For the keepers"), ("epigraph", "Light is a kind"), ("contents", "Contents"),
                                 ("note", "Author"), ("chapter", "Chapter 1"))}
    assert list(first) == sorted(first, key=first.get), first
    assert first["half-title"] == 0 and first["title page"] == 2 and first["imprint"] == 3
    assert all(first[name] % 2 == 0 for name in ("dedication", "epigraph", "contents", "note", "chapter")), first


def test_the_contents_page_gives_each_chapters_page(tmp_path):
    reader = pdf_of(SAMPLE, tmp_path)
    bookmarks = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)}
    contents = next(page.extract_text() for page in reader.pages if page.extract_text().lstrip().startswith("Contents"))
    listed = dict(re.findall(r"^(.+?)[ .]*?(\d+)$", contents, re.M))
    for title in ("Chapter 1: The Lamp Room", "Chapter Two: The Storm Glass", "Chapter 3"):
        entry = next(int(number) for name, number in listed.items() if letters(name).startswith(letters(title)))
        assert entry == bookmarks[title], (title, entry, bookmarks)


def test_no_running_head_or_folio_on_blank_pages_and_chapter_openings(tmp_path):
    pdf = pdf_path(small_book(tmp_path, chapters=4, words=500), tmp_path)
    reader, zones = PdfReader(pdf), pdf_page_zones(pdf)
    openings = {reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    for index, zone in enumerate(zones):
        if not zone["body"].strip():
            assert not zone["head"].strip() and not zone["foot"].strip(), f"page {index + 1} is blank but has {zone}"
        if index in openings:
            assert not zone["head"].strip(), f"running head on the opening page {index + 1}"
            assert index % 2 == 0, f"an opening on the verso page {index + 1}"


def test_running_heads_can_name_the_chapter_on_rectos(tmp_path):
    zones = pdf_page_zones(pdf_path(small_book(tmp_path, chapters=2, words=1800), tmp_path, running_head=RunningHead.CHAPTER))
    heads = {letters(zone["head"]) for index, zone in enumerate(zones) if index % 2 == 0 and zone["head"].strip()}
    assert heads and heads <= {letters("Chapter 1"), letters("Chapter 2")}, heads
    versos = {letters(zone["head"]) for index, zone in enumerate(zones) if index % 2 == 1 and zone["head"].strip()}
    assert versos == {letters("Ann Bee")}


def test_drop_caps_set_the_first_letter_apart(tmp_path):
    reader = pdf_of(small_book(tmp_path), tmp_path, drop_caps=True)
    sizes = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append((text.strip(), size * tm[0])) if text.strip() == "A" else None)
    assert max(size for _, size in sizes) > 30  # the drop capital, three lines deep, at 11 pt body text


def test_metadata_and_reproducible_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    manuscript = small_book(tmp_path, header="Genre: Sea stories\nSummary: A keeper and a storm.\nLanguage: en-GB\n")
    first = build(manuscript, (Format.PDF,), tmp_path / "a", {"profile": "print"}).files[0]
    second = build(manuscript, (Format.PDF,), tmp_path / "b", {"profile": "print"}).files[0]
    assert first.read_bytes() == second.read_bytes()
    reader = PdfReader(first)
    info = reader.metadata
    assert info.title == "Small Book" and info.author == "Ann Bee" and info.subject == "A keeper and a storm."
    assert info["/Keywords"] == "Sea stories"
    assert info["/CreationDate"].startswith("D:20231114")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_cli_print_options_and_preview(tmp_path):
    result = runner.invoke(app, ["build", str(SAMPLE), "-f", "pdf", "--trim", "6x9", "--profile", "print", "--bleed", "3mm", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", str(SAMPLE), "-f", "pdf", "--trim", "12x20", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "outside the trim sizes" in result.output
    result = runner.invoke(app, ["preview", str(tmp_path / "the-lighthouse-almanac.pdf"), "--pages", "1-3", "--spreads", "--out", str(tmp_path / "look")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "look").iterdir()) == ["the-lighthouse-almanac-p001.png", "the-lighthouse-almanac-p002-003.png"]


def test_a_character_the_book_face_lacks_is_a_warning_naming_it(tmp_path):
    manuscript = tmp_path / "cjk.txt"
    manuscript.write_text("Title: Tea\n\nShe wrote 茶 on the lid.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(manuscript), "-f", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert f"octavo: warning: {manuscript}: 1 character is not in EB Garamond" in result.output and "U+8336" in result.output


def _pages_ending_in_a_hyphen(pdf) -> list[int]:
    return [index + 1 for index, zone in enumerate(pdf_page_zones(pdf)) if zone["body"].rstrip().endswith(("\u2010", "-"))]


def test_in_print_no_page_ends_in_a_hyphen(tmp_path):
    words = "extraordinarily incomprehensible characteristically unquestionably misunderstanding notwithstanding".split()
    paragraphs = [" ".join(words[(n + k) % len(words)] for k in range(40 + n % 17)) for n in range(60)]
    manuscript = tmp_path / "long-words.txt"
    manuscript.write_text("Title: Long Words\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    screen = pdf_path(manuscript, tmp_path / "screen")
    assert _pages_ending_in_a_hyphen(screen), "the text should hyphenate at some page end, or the test proves nothing"
    assert not _pages_ending_in_a_hyphen(pdf_path(manuscript, tmp_path / "print", profile=Profile.PRINT))
