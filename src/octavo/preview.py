"""PNG images of chosen pages of a PDF, or of its two-page spreads, for a look at the layout without a
PDF viewer.

PDFium (pypdfium2) renders the pages: a self-contained wheel, so no system poppler is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from .atomic import atomic_target
from .errors import InputError

POINTS_PER_INCH = 72
SPINE_GREY = (160, 160, 160)
PAPER_WHITE = (255, 255, 255)

# One part of a page spec: "7", "3-9", "12-" (to the last page), "-3" (from the first).
_SPEC_PART = re.compile(r"(?P<single>\d+)|(?P<start>\d*)\s*-\s*(?P<end>\d*)")

Spread = tuple[int | None, int | None]  # (left page, right page); None is an empty half


def parse_pages(text: str, page_count: int) -> list[int]:
    """The 1-based page numbers a spec such as "1-4,9,12-" names, in order, clipped to the document.

    Raises ValueError, saying what is wrong, for a spec that is not one or that runs past the last page.
    """
    pages: set[int] = set()
    for part in text.split(","):
        pages.update(_parse_part(part.strip(), page_count))
    return sorted(pages)


def _parse_part(part: str, page_count: int) -> range:
    """The pages one comma-separated part of a spec names."""
    match = _SPEC_PART.fullmatch(part)
    if not match:
        raise ValueError(f"{part!r} is not a page or a range of pages, such as 3, 1-12, 9- or -4")
    if match["single"]:
        start = end = int(match["single"])
    else:
        start = int(match["start"] or 1)
        end = int(match["end"]) if match["end"] else page_count
    if start < 1 or end < 1:
        raise ValueError(f"{part!r}: pages are numbered from 1")
    if start > page_count:
        raise ValueError(f"{part!r} is past the end: the PDF has {_pages_phrase(page_count)}")
    if start > end:
        raise ValueError(f"{part!r} runs backwards: write the first page first")
    return range(start, min(end, page_count) + 1)


def _pages_phrase(count: int) -> str:
    """"1 page", "12 pages"."""
    return f"{count} page" if count == 1 else f"{count} pages"


def page_count(pdf: Path) -> int:
    """How many pages the PDF at `pdf` has; InputError if it cannot be read as a PDF."""
    with _open_pdf(pdf) as document:
        return len(document)


def render_pages(pdf: Path, pages: list[int], out: Path, dpi: int = 60, spreads: bool = False) -> list[Path]:
    """Write a PNG of each page of `pages` (or of each spread holding one) into `out`; returns the paths
    written, in page order.

    A page is `<stem>-p007.png`, a spread `<stem>-p006-007.png`. Raises InputError if `pdf` cannot be
    read as a PDF, ValueError for a page the PDF does not have.
    """
    if dpi < 1:
        raise ValueError(f"the resolution must be at least 1 dpi, not {dpi}")
    with _open_pdf(pdf) as document:
        page_count = len(document)
        _check_pages(pages, page_count)
        groups = _spreads(pages, page_count) if spreads else [(page,) for page in sorted(set(pages))]
        digits = max(3, len(str(page_count)))
        written = []
        for group in groups:
            image = _render_spread(document, group, dpi) if spreads else _render_page(document, group[0], dpi)
            name = "-".join(f"{page:0{digits}d}" for page in group if page is not None)
            written.append(_save_png(image, out / f"{pdf.stem}-p{name}.png"))
        return written


def _open_pdf(pdf: Path) -> pdfium.PdfDocument:
    """The document at `pdf`, or an InputError naming the file and what is wrong with it."""
    if not pdf.exists():
        raise InputError("no such file", pdf)
    if pdf.is_dir():
        raise InputError("is a folder, not a PDF", pdf)
    # Read here rather than by PDFium, which reports a file it may not read as a damaged PDF.
    try:
        data = pdf.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", pdf) from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(f"cannot open as a PDF: {error}", pdf) from None


def _check_pages(pages: list[int], page_count: int) -> None:
    """Raise ValueError for a page number the PDF does not have."""
    outside = [page for page in pages if not 1 <= page <= page_count]
    if outside:
        raise ValueError(f"page {outside[0]} is not in the PDF, which has {_pages_phrase(page_count)}")


def _spreads(pages: list[int], page_count: int) -> list[Spread]:
    """The spreads that hold any of `pages`, in order, as a printed book opens: page 1 alone on the right,
    then 2-3, 4-5 and so on, the last page alone on the left if it is a verso (even)."""
    return sorted({_spread_of(page, page_count) for page in pages}, key=lambda spread: spread[0] or 0)


def _spread_of(page: int, page_count: int) -> Spread:
    """The spread `page` is printed on."""
    left = page if page % 2 == 0 else page - 1  # versos are even, rectos odd
    return (left or None, left + 1 if left + 1 <= page_count else None)


def _render_page(document: pdfium.PdfDocument, page: int, dpi: int) -> Image.Image:
    """One page (1-based) as an image, on white paper."""
    return document[page - 1].render(scale=dpi / POINTS_PER_INCH).to_pil()


def _render_spread(document: pdfium.PdfDocument, spread: Spread, dpi: int) -> Image.Image:
    """Two pages side by side with a grey line at the spine; an empty half is blank paper of the other
    page's size."""
    halves = [_render_page(document, page, dpi) if page else None for page in spread]
    size = next(half.size for half in halves if half is not None)
    left, right = (half if half is not None else Image.new("RGB", size, PAPER_WHITE) for half in halves)
    image = Image.new("RGB", (left.width + right.width, max(left.height, right.height)), PAPER_WHITE)
    image.paste(left, (0, 0))
    image.paste(right, (left.width, 0))
    ImageDraw.Draw(image).line([(left.width, 0), (left.width, image.height - 1)], fill=SPINE_GREY)
    return image


def _save_png(image: Image.Image, target: Path) -> Path:
    """Write `image` to `target` atomically (the out folder made if needed); returns `target`."""
    with atomic_target(target) as temporary:
        image.save(temporary, format="PNG")
    return target
