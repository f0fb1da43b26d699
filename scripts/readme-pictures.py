"""The README's picture (`make pictures`): the title page and the first chapter's opening of our sample
book, side by side, as the print profile makes them. Pages are found by their text, not their numbers, so
the picture follows the book when its front matter changes."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

import octavo

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "manuscripts" / "the-lighthouse-almanac.txt"
TARGET = REPO / "docs" / "images" / "title-page-and-chapter-opening.png"
DPI = 70
GAP = 24  # pixels between the pages


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    return [page.get_textpage().get_text_range() for page in document]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=TARGET, help=f"the PNG to write (default {TARGET.relative_to(REPO)})")
    target = parser.parse_args().out
    with tempfile.TemporaryDirectory() as scratch:
        (pdf,) = octavo.build(SAMPLE, formats=["pdf"], out=scratch, profile="print").files
        texts = page_texts(pdf)
        # The title page names the author under the title; the half-title before it has the title alone.
        title_page = next(n for n, text in enumerate(texts) if "Marian Holt" in text and "Lighthouse" in text)
        opening = next(n for n, text in enumerate(texts) if text.lstrip().startswith("Chapter 1"))
        document = pdfium.PdfDocument(str(pdf))
        pages = [ImageOps.expand(document[n].render(scale=DPI / 72).to_pil(), border=1, fill="#999999") for n in (title_page, opening)]
    width, height = sum(page.width for page in pages) + GAP * 3, max(page.height for page in pages) + GAP * 2
    picture = Image.new("RGB", (width, height), "#e8e6e1")
    x = GAP
    for page in pages:
        picture.paste(page, (x, GAP))
        x += page.width + GAP
    target.parent.mkdir(parents=True, exist_ok=True)
    picture.save(target, optimize=True)
    print(f"wrote {target} (pages {title_page + 1} and {opening + 1})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
