"""preview: page specs, and PNGs of a PDF's pages and spreads."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter
from weasyprint import HTML

from octavo.errors import InputError
from octavo.preview import parse_pages, render_pages

PAGES = 5
BLACK_BOX_PAGE = 3  # the page with a big black box; every other page holds a line of text


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    """A five-page 5 × 8 in PDF; page 3 is mostly a black box."""
    pages = [f"<p>Page {number}</p>" for number in range(1, PAGES + 1)]
    pages[BLACK_BOX_PAGE - 1] = '<div style="width: 4in; height: 6in; background: black"></div>'
    body = "".join(f'<section style="break-before: page">{page}</section>' for page in pages)
    path = tmp_path_factory.mktemp("pdf") / "book.pdf"
    HTML(string=f"<style>@page {{ size: 5in 8in; margin: 0.5in }}</style>{body}").write_pdf(path)
    return path


def dark_share(path) -> float:
    """The share of an image's pixels that are dark."""
    histogram = Image.open(path).convert("L").histogram()
    return sum(histogram[:64]) / sum(histogram)


@pytest.mark.parametrize(
    ("spec", "pages"),
    [
        ("1-12", list(range(1, 13))),
        ("3", [3]),
        ("1-4,9,12-", [1, 2, 3, 4, 9, 12, 13, 14]),
        ("-3", [1, 2, 3]),
        (" 2 - 4 , 1 ", [1, 2, 3, 4]),
        ("5,1-3,2", [1, 2, 3, 5]),
        ("10-99", [10, 11, 12, 13, 14]),
        ("-", list(range(1, 15))),
    ],
)
def test_parse_pages(spec, pages):
    assert parse_pages(spec, 14) == pages


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("abc", "not a page"),
        ("", "not a page"),
        ("1-2-3", "not a page"),
        ("1,,3", "not a page"),
        ("5-2", "backwards"),
        ("0", "numbered from 1"),
        ("0-3", "numbered from 1"),
        ("15-20", "the PDF has 14 pages"),
        ("20", "the PDF has 14 pages"),
        ("15-", "the PDF has 14 pages"),
    ],
)
def test_parse_pages_rejects_nonsense(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_pages(spec, 14)


def test_parse_pages_says_page_in_the_singular():
    with pytest.raises(ValueError, match="the PDF has 1 page$"):
        parse_pages("2", 1)


def test_pages_are_named_and_sized(pdf, tmp_path):
    out = tmp_path / "new" / "folder"
    written = render_pages(pdf, [4, 1], out)
    assert written == [out / "book-p001.png", out / "book-p004.png"]
    for path in written:
        assert Image.open(path).size == (300, 480)  # 5 × 8 in at 60 dpi
    assert sorted(os.listdir(out)) == ["book-p001.png", "book-p004.png"]  # no temporary left behind


def test_resolution(pdf, tmp_path):
    (path,) = render_pages(pdf, [2], tmp_path, dpi=30)
    assert Image.open(path).size == (150, 240)


def test_page_number_padding_follows_the_page_count(tmp_path):
    writer = PdfWriter()
    for _ in range(1000):
        writer.add_blank_page(72, 72)
    writer.write(tmp_path / "long.pdf")
    (path,) = render_pages(tmp_path / "long.pdf", [7], tmp_path / "out", dpi=10)
    assert path.name == "long-p0007.png"


def test_pages_show_their_own_content(pdf, tmp_path):
    text, box = render_pages(pdf, [2, BLACK_BOX_PAGE], tmp_path)
    assert dark_share(box) > 0.4
    assert 0 < dark_share(text) < 0.05


def test_spreads_pair_pages_as_a_book_opens(pdf, tmp_path):
    written = render_pages(pdf, list(range(1, PAGES + 1)), tmp_path, spreads=True)
    assert [path.name for path in written] == ["book-p001.png", "book-p002-003.png", "book-p004-005.png"]
    for path in written:
        assert Image.open(path).size == (600, 480)


def test_a_spread_is_written_for_any_of_its_pages(pdf, tmp_path):
    written = render_pages(pdf, [3, 5], tmp_path, spreads=True)
    assert [path.name for path in written] == ["book-p002-003.png", "book-p004-005.png"]


def test_first_page_stands_alone_on_the_right(pdf, tmp_path):
    (path,) = render_pages(pdf, [1], tmp_path, spreads=True)
    image = Image.open(path).convert("L")
    left_half = image.crop((0, 0, 299, 480))  # the spine line is at x = 300
    assert left_half.getextrema() == (255, 255)
    assert image.crop((301, 0, 600, 480)).getextrema()[0] < 128  # page 1's text


def test_spine_line_is_grey(pdf, tmp_path):
    (path,) = render_pages(pdf, [2], tmp_path, spreads=True)
    image = Image.open(path).convert("RGB")
    assert {image.getpixel((300, y)) for y in range(480)} == {(160, 160, 160)}


def test_a_book_ending_on_a_verso_ends_with_the_last_page_alone_on_the_left(tmp_path):
    body = "".join(f'<p style="break-before: page">{n}</p>' for n in range(4))
    HTML(string=f"<style>@page {{ size: 5in 8in }}</style>{body}").write_pdf(tmp_path / "even.pdf")
    written = render_pages(tmp_path / "even.pdf", [3, 4], tmp_path, spreads=True)
    assert [path.name for path in written] == ["even-p002-003.png", "even-p004.png"]
    last = Image.open(written[-1]).convert("L")
    assert last.size == (600, 480)
    assert last.crop((301, 0, 600, 480)).getextrema() == (255, 255)


def test_the_spread_holding_a_black_page_is_dark_on_that_side(pdf, tmp_path):
    (path,) = render_pages(pdf, [BLACK_BOX_PAGE], tmp_path, spreads=True)
    image = Image.open(path)
    image.crop((0, 0, 300, 480)).save(tmp_path / "verso.png")
    image.crop((300, 0, 600, 480)).save(tmp_path / "recto.png")
    assert dark_share(tmp_path / "recto.png") > 0.4
    assert dark_share(tmp_path / "verso.png") < 0.05


def test_an_existing_image_is_replaced(pdf, tmp_path):
    (tmp_path / "book-p002.png").write_text("old")
    (path,) = render_pages(pdf, [2], tmp_path)
    assert Image.open(path).size == (300, 480)


def test_a_page_outside_the_pdf_is_refused(pdf, tmp_path):
    with pytest.raises(ValueError, match="page 6 is not in the PDF, which has 5 pages"):
        render_pages(pdf, [1, 6], tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "absent.pdf", "no such file"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: _write(folder / "notes.pdf", b"just some text\n"), "cannot open as a PDF"),
        (lambda folder: _write(folder / "empty.pdf", b""), "cannot open as a PDF"),
    ],
    ids=["missing", "folder", "text", "empty"],
)
def test_bad_input_is_an_input_error_naming_the_file(make, message, tmp_path):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as raised:
        render_pages(path, [1], tmp_path / "out")
    assert raised.value.path == path
    assert str(path) in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_a_truncated_pdf_is_an_input_error(pdf, tmp_path):
    broken = _write(tmp_path / "broken.pdf", pdf.read_bytes()[:400])
    with pytest.raises(InputError, match="cannot open as a PDF"):
        render_pages(broken, [1], tmp_path)


def test_an_unreadable_pdf_is_an_input_error(pdf, tmp_path, monkeypatch):
    def refuse(path):  # as chmod 0 would, for a test that may run as root
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="cannot read the file: Permission denied") as raised:
        render_pages(pdf, [1], tmp_path)
    assert raised.value.path == pdf


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
