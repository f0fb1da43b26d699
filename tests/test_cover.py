"""The typographic cover: store size, deterministic bytes, text within the margins, readable colours."""

from __future__ import annotations

import io

import pytest

from PIL import Image

from octavo.cover import BACKGROUND, COVER_SIZE, INK, MOST_COVER_PIXELS, typographic_cover

LONG_TITLE = (
    "Of the Remarkable and True Adventures of a Keeper Who Sailed Beyond "
    "the Northern Ice in Search of His Brother and the Ship\u2060\u2014the \u201cMerry Tern\u201d"
)


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _luminance(colour: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_cover_is_a_png_of_store_size():
    png = typographic_cover("The Lighthouse Almanac", ("Ada Quill",))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == COVER_SIZE == (1600, 2560)


def test_the_same_inputs_give_the_same_bytes():
    args = ("The Lighthouse Almanac", ("Ada Quill", "Ben Ode"), "A Year of Tides")
    assert typographic_cover(*args) == typographic_cover(*args)


def test_a_very_long_title_stays_within_the_margins():
    assert len(LONG_TITLE.split()) == 25
    image = _image(typographic_cover(LONG_TITLE, ("Marguerite Delacroix-Hale", "Tomas Ferreira"), "Being a True Account"))
    margin = COVER_SIZE[0] * 8 // 100
    for left in (0, COVER_SIZE[0] - margin):
        strip = image.crop((left, 0, left + margin, COVER_SIZE[1]))
        assert strip.getcolors() == [(margin * COVER_SIZE[1], BACKGROUND)]


def test_invisible_characters_are_taken_out_before_drawing():
    title = "\u201cAh\u200a\u2019\u201d\u2060\u2014No\u00a0Way\u2009!"
    png = typographic_cover(title, ("Ada Quill",))
    assert png != typographic_cover("", ("Ada Quill",))
    assert png == typographic_cover("\u201cAh\u2019\u201d\u2014No Way !", ("Ada Quill",))


def test_the_ink_reads_clearly_on_the_ground():
    lighter, darker = sorted((_luminance(BACKGROUND), _luminance(INK)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5
    colours = {colour for _, colour in _image(typographic_cover("Title", ("Author",))).getcolors(maxcolors=1 << 16)}
    assert {BACKGROUND, INK} <= colours


def _epub_cover(tmp_path, header: str) -> tuple[str, bytes]:
    import zipfile

    from lxml import etree

    from octavo.pipeline import Format, build

    manuscript = tmp_path / "book.txt"
    manuscript.write_text(f"Title: Tide\nAuthor: Ann Bee\n{header}\nOnce upon a time.\n", encoding="utf-8")
    (epub,) = build(manuscript, (Format.EPUB,), tmp_path / "out").files
    with zipfile.ZipFile(epub) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        (item,) = opf.xpath("//*[@properties='cover-image']")
        return item.get("media-type"), archive.read("EPUB/" + item.get("href"))


def test_without_a_cover_the_epub_gets_a_typographic_one(tmp_path):
    media_type, data = _epub_cover(tmp_path, "")
    assert media_type == "image/png" and Image.open(io.BytesIO(data)).size == COVER_SIZE


def test_the_header_names_a_cover_image_beside_the_manuscript(tmp_path):
    jpeg = io.BytesIO()
    Image.new("RGB", (1600, 2560), "white").save(jpeg, "JPEG")
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "front.jpg").write_bytes(jpeg.getvalue())
    assert _epub_cover(tmp_path, "Cover: art/front.jpg\n") == ("image/jpeg", jpeg.getvalue())


@pytest.mark.parametrize("name, message", [("../outside.png", "must be inside the manuscript's folder"),
                                           ("notes.txt", "must be a PNG or JPEG"),
                                           ("missing.png", "is not a file in the manuscript's folder")])
def test_a_bad_cover_is_a_clear_error(tmp_path, name, message):
    from octavo.errors import OctavoError

    (tmp_path / "notes.txt").write_text("not an image", encoding="utf-8")
    (tmp_path.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(OctavoError, match=message):
        _epub_cover(tmp_path, f"Cover: {name}\n")


def test_a_huge_cmyk_cover_is_scaled_to_a_readers_size_in_rgb(tmp_path):
    jpeg = io.BytesIO()
    Image.new("CMYK", (4000, 6400), (0, 40, 80, 10)).save(jpeg, "JPEG")
    (tmp_path / "front.jpg").write_bytes(jpeg.getvalue())
    media_type, data = _epub_cover(tmp_path, "Cover: front.jpg\n")
    image = Image.open(io.BytesIO(data))
    assert media_type == "image/jpeg" and image.mode == "RGB"
    assert image.width * image.height <= MOST_COVER_PIXELS and abs(image.width / image.height - 4000 / 6400) < 0.01
