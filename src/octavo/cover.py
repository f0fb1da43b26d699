"""The book's cover: the image the header names, or a typographic cover at store size, the title,
subtitle and authors set in the book face on a solid ground.

The title is as large as the cover allows, in lines of similar length; a fleuron between two thin rules
parts it from the author names, set in spaced capitals near the foot.
"""

from __future__ import annotations

import io
import re
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .errors import InputError
from .fonts import book_face_files
from .model import Book
from .typography import NO_BREAK_SPACE, searchable

COVER_SIZE = (1600, 2560)
BACKGROUND = (27, 42, 64)  # a deep ink blue
INK = (244, 237, 222)  # warm paper white, 12.4:1 on the ground (WCAG AAA)
ACCENT = (196, 164, 104)  # muted gold, for the ornament only (6.1:1)

_WIDTH, _HEIGHT = COVER_SIZE
_MEASURE = _WIDTH * 3 // 4  # an eighth of the width for each margin
_TITLE_SIZES = range(200, 23, -4)
_TITLE_HEIGHT = _HEIGHT * 0.42
_TITLE_LEADING = 1.06
_TITLE_WEIGHT = 560  # between regular and semibold: a display size wants a little more colour
_SUBTITLE_LARGEST = 72
_SUBTITLE_LEADING = 1.3
_AUTHOR_SIZES = range(56, 23, -4)
_AUTHOR_TRACKING = 0.2  # of the size: capitals want air between them
_AUTHOR_BASELINE = _HEIGHT * 0.86
# A line may end at an ordinary space (kept, to join the pieces again) or after a closed em dash.
_BREAK = re.compile(r"([^ ]+?(?:—(?=[^ ])|(?= )|$))( *)")

Font = ImageFont.FreeTypeFont
Width = Callable[[str], float]
Line = tuple[str, Font, float]  # the text, its font, and how far its baseline is below the one above


@dataclass(frozen=True)
class CoverImage:
    """The cover as the EPUB carries it: its file name inside the package, media type and bytes. A
    typographic cover is compressed in a thread of its own while the book is rendered (Pillow lets go of
    the GIL while it compresses; drawing, in short calls that each take the GIL back, stays in the
    build's thread); `data` waits for it."""

    file_name: str
    media_type: str
    file_bytes: Future[bytes]

    @property
    def data(self) -> bytes:
        return self.file_bytes.result()


def _in_thread(function: Callable[[], bytes]) -> Future[bytes]:
    """`function()`, called in a new thread (not a pool's: a process forked meanwhile would wait forever
    on a pool whose thread it does not have)."""
    future: Future[bytes] = Future()

    def run() -> None:
        try:
            future.set_result(function())
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the result
            future.set_exception(error)

    threading.Thread(target=run, name="octavo-cover", daemon=True).start()
    return future


def _ready(data: bytes) -> Future[bytes]:
    future: Future[bytes] = Future()
    future.set_result(data)
    return future


_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": ("png", "image/png", "PNG"), b"\xff\xd8\xff": ("jpg", "image/jpeg", "JPEG")}
# Twice the pixels of the store size: detail to spare, without the megabytes a camera's image would add to
# every download. A larger cover is scaled down to it.
MOST_COVER_PIXELS = 2 * COVER_SIZE[0] * COVER_SIZE[1]
_READER_MODES = {"RGB", "RGBA", "L", "LA", "P"}  # what every reading system shows right; CMYK is not


def book_cover(book: Book, manuscript: Path) -> CoverImage:
    """The header's `Cover:` image (which the header has checked lies inside the manuscript's folder), as
    readers and stores take it; without one, a typographic cover."""
    if not book.meta.cover:
        image = _typographic_image(book.meta.title, book.meta.authors, book.meta.subtitle)
        return CoverImage("images/cover.png", "image/png", _in_thread(partial(_png, image)))
    path = manuscript.parent / book.meta.cover
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the cover image: {error.strerror or error}", path) from None
    kind = next((kind for magic, kind in _IMAGE_TYPES.items() if data.startswith(magic)), None)
    if kind is None:
        raise InputError("the cover image must be a PNG or JPEG file", path)
    extension, media_type, pillow_format = kind
    return CoverImage(f"images/cover.{extension}", media_type, _ready(_fit(data, pillow_format, path)))


def _fit(data: bytes, pillow_format: str, path: Path) -> bytes:
    """The image's bytes as they are, or scaled down to MOST_COVER_PIXELS (and into RGB from CMYK) when
    they would not do; a damaged image or one too large to open safely is an error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # it is scaled down below
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height <= MOST_COVER_PIXELS and image.mode in _READER_MODES:
                    image.load()  # a truncated or damaged file fails here, not in a reader
                    return data
                scale = min(1.0, (MOST_COVER_PIXELS / (width * height)) ** 0.5)
                image.thumbnail((int(width * scale), int(height * scale)), Image.Resampling.LANCZOS)
                fitted = image.convert("RGB") if image.mode not in _READER_MODES else image
                buffer = io.BytesIO()
                fitted.save(buffer, pillow_format, optimize=True, **({"quality": 90} if pillow_format == "JPEG" else {}))
                return buffer.getvalue()
    except Image.DecompressionBombError:
        raise InputError("the cover image is too large to open safely (over 179 million pixels)", path) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise InputError(f"the cover image cannot be read: {error}", path) from None


def typographic_cover(title: str, authors: tuple[str, ...], subtitle: str | None = None) -> bytes:
    """A PNG cover: the title, subtitle and authors set in the book face."""
    return _png(_typographic_image(title, authors, subtitle))


def _typographic_image(title: str, authors: tuple[str, ...], subtitle: str | None) -> Image.Image:
    image = Image.new("RGB", COVER_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    baseline = _draw_centred(draw, _title_block(title, subtitle))
    _draw_ornament(draw, baseline + 150)
    _draw_authors(draw, _names(authors))
    return image


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Named, the buffer tells Pillow the format: Pillow 13 then loads its PNG plugin alone rather than the
    # five commonest (20 ms; older releases load all five either way). optimize=True would take twice as
    # long for 1% fewer bytes.
    buffer.name = "cover.png"
    image.save(buffer)
    return buffer.getvalue()


def _title_block(title: str, subtitle: str | None) -> list[Line]:
    """The title's lines, then the subtitle's, a little apart."""
    title_font, title_lines = _set(title, partial(_font, "normal", _TITLE_WEIGHT), _TITLE_SIZES, _title_lines)
    lines = [(line, title_font, title_font.size * _TITLE_LEADING) for line in title_lines]
    if subtitle:
        # Never as large as the title, however small a long title had to be set.
        sizes = range(min(_SUBTITLE_LARGEST, title_font.size * 3 // 5), 11, -2)
        font, subtitle_lines = _set(subtitle, partial(_font, "italic", None), sizes, lambda size: 3)
        gap = title_font.size * 0.55 + font.size
        lines += [(line, font, gap if index == 0 else font.size * _SUBTITLE_LEADING)
                  for index, line in enumerate(subtitle_lines)]
    return lines


def _title_lines(size: int) -> int:
    return int(_TITLE_HEIGHT // (size * _TITLE_LEADING))


def _set(text: str, font_at: Callable[[int], Font], sizes: range, max_lines: Callable[[int], int],
         tracking: float = 0) -> tuple[Font, list[str]]:
    """The largest size at which `text` breaks into at most `max_lines(size)` lines within the measure
    (at the smallest size, into as many as it needs)."""
    words = _words(text)
    for size in sizes:
        font, width = font_at(size), cache(_tracked_width(font_at(size), tracking * size))
        most = len(words) if size == sizes[-1] else min(max_lines(size), len(words))
        for count in range(1, most + 1):
            if lines := _balanced(words, count, width, orphan_allowed=False) or _balanced(words, count, width, True):
                return font, lines
    if words:
        raise ValueError(f"{text!r} has a word too long for the cover")
    return font_at(sizes[0]), []


def _words(text: str) -> list[str]:
    """The pieces between line-break opportunities: no-break spaces hold, the invisible characters go."""
    return [searchable(piece) + space[:1] for piece, space in _BREAK.findall(text.strip(" "))]


def _balanced(words: Sequence[str], count: int, width: Width, orphan_allowed: bool) -> list[str] | None:
    """`words` in `count` lines of similar length (least sum of squared widths), each within the measure."""

    @cache
    def best(start: int, lines: int) -> tuple[float, tuple[str, ...]] | None:
        if lines == 1:
            line = "".join(words[start:]).rstrip()
            orphan = start == len(words) - 1 and start > 0 and not orphan_allowed
            return None if orphan or width(line) > _MEASURE else (width(line) ** 2, (line,))
        options = []
        for end in range(start + 1, len(words) - lines + 2):
            line = "".join(words[start:end]).rstrip()
            if width(line) > _MEASURE:
                break
            if rest := best(end, lines - 1):
                options.append((width(line) ** 2 + rest[0], (line, *rest[1])))
        return min(options, default=None)

    result = best(0, count)
    return list(result[1]) if result else None


def _draw_centred(draw: ImageDraw.ImageDraw, lines: list[Line]) -> float:
    """The lines centred, the block in the upper part of the cover. Returns the last baseline."""
    baseline = max(_HEIGHT * 0.17, _HEIGHT * 0.37 - sum(step for _, _, step in lines[1:]) / 2)
    for index, (line, font, step) in enumerate(lines):
        baseline += step if index else 0
        draw.text((_WIDTH / 2, baseline), line, font=font, fill=INK, anchor="ms")
    return baseline


def _draw_ornament(draw: ImageDraw.ImageDraw, middle: float) -> None:
    """A fleuron between two short rules, its ink centred on them."""
    font = _font("normal", _TITLE_WEIGHT, 80)
    top, bottom = font.getbbox("❦", anchor="ls")[1::2]
    draw.text((_WIDTH / 2, middle - (top + bottom) / 2), "❦", font=font, fill=ACCENT, anchor="ms")
    for side in (-1, 1):
        draw.line([(_WIDTH / 2 + side * 70, middle), (_WIDTH / 2 + side * 220, middle)], fill=ACCENT, width=3)


def _draw_authors(draw: ImageDraw.ImageDraw, names: str) -> None:
    """The names in spaced capitals, drawn letter by letter since Pillow has no letter-spacing."""
    regular = partial(_font, "normal", None)
    font, lines = _set(names.upper(), regular, _AUTHOR_SIZES, lambda size: 2, _AUTHOR_TRACKING)
    tracking = _AUTHOR_TRACKING * font.size
    for index, line in enumerate(reversed(lines)):  # from the foot up
        x, baseline = (_WIDTH - _tracked_width(font, tracking)(line)) / 2, _AUTHOR_BASELINE - index * font.size * 1.6
        for letter in line:
            draw.text((x, baseline), letter, font=font, fill=INK, anchor="ls")
            x += font.getlength(letter) + tracking


def _tracked_width(font: Font, tracking: float) -> Width:
    if not tracking:
        return font.getlength
    return lambda text: sum(font.getlength(letter) for letter in text) + tracking * (len(text) - 1)


def _names(authors: tuple[str, ...]) -> str:
    """"Ada Quill, Ben Ode and Cy Twombly": a line may break between names, with "and" on the later line."""
    names = [name.replace(" ", NO_BREAK_SPACE) for name in authors]
    return f" and{NO_BREAK_SPACE}".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))


@cache
def _font(style: str, weight: int | None, size: int) -> Font:
    """The book face in `style` ("normal" or "italic"), at `weight` on its variable axis if given."""
    path = next(file.path for file in book_face_files() if file.style == style)
    font = ImageFont.truetype(str(path), size)
    if weight:
        try:
            font.set_variation_by_axes([weight])
        except (OSError, NotImplementedError):  # FreeType without variable fonts: the regular weight will do
            pass
    return font
