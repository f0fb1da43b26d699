"""A long book's PDF laid out in chunks, on several cores, with the pages one layout would give.

WeasyPrint lays out a whole document in memory, on one core. But every part of a book's body opens on
a fresh right-hand page (print.css), so the body can be laid out a few parts at a time, each chunk in a
worker process, and the chunks' PDFs joined (assemble.py). A worker's memory then grows with a chunk,
not the book (joining them holds the finished PDF's objects, a fraction of a layout's).
What a chunk cannot see is put back:
- page numbers and running heads: every few chunks (one per worker), a chunk is laid out once the chunks
  before it are counted, so it knows its first page number and has them. The chunks laid out side by side
  with it do not: they are laid out without them; then an overlay of each, the same sections with their
  headings but no text, is laid out with them from its first page number, and stamped on its pages;
- the contents page's numbers: the front matter is laid out again once the chunks have been counted;
- selectors and running strings that look back (`.part ~ .chapter`, `string-set`): each chunk carries
  the parts before it as stubs, out of the flow and hidden;
- bookmarks, link targets and the EPUB's page starts: gathered from each chunk and numbered in the book.
"""

from __future__ import annotations

import dataclasses
import math
import tempfile
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html
from markupsafe import Markup

from .batch import local_executor
from .html import Part, contents_part, standalone
from .model import Book
from .pages import PageStart, Place, page_places, print_identifier, starts
from .pagesetup import PageSetup, Profile, page_css
from .pdf import estimated_pages, in_right_gutter, lay_out, write_document

CHUNK_CHARACTERS = 250_000  # of markup: about 35,000 words, a hundred-odd pages
PARALLEL_CHARACTERS = 100_000  # below this, a book is laid out faster at once than in chunks side by side
SMALLEST_CHUNK_CHARACTERS = 50_000  # each chunk costs a document more, most an overlay: not for a few pages

# Every margin box of CSS Paged Media: a chunk laid out without page numbers has none.
_MARGIN_BOXES = [f"{edge}-{place}" for edge in ("top", "bottom") for place in ("left-corner", "left", "center", "right", "right-corner")]
_MARGIN_BOXES += [f"{edge}-{place}" for edge in ("left", "right") for place in ("top", "middle", "bottom")]
_NO_MARGIN_BOXES = "@page { " + " ".join(f"@{box} {{ content: none !important; }}" for box in _MARGIN_BOXES) + " }\n"
_PX_TO_PT = 0.75  # CSS pixels to PDF points
_STUB = "octavo-stub"
_STUB_CSS = f".{_STUB} {{ position: absolute; visibility: hidden; }}\n.{_STUB}, .{_STUB} * {{ bookmark-level: none !important; }}\n"
_PAGE_BREAK = "octavo-page"
_OVERLAY_CSS = f"body > * {{ visibility: hidden; }}\n.{_PAGE_BREAK} {{ break-before: page; }}\n"


def front_length(parts: list[Part]) -> int:
    """How many parts the front matter has: up to the contents page, the last part only print has."""
    return max((index + 1 for index, part in enumerate(parts) if part.print_only), default=0)


def body_chunks(parts: list[Part], jobs: int = 1) -> list[list[Part]]:
    """The parts after the front matter in runs of about equal length: one per CHUNK_CHARACTERS of markup
    (memory grows with a chunk), and for a book worth sharing out, a multiple of `jobs` (one per core) if
    the chunks are not made too small."""
    body = parts[front_length(parts):]
    size = sum(len(part.markup) for part in body)
    count = math.ceil(size / CHUNK_CHARACTERS)
    if jobs > 1 and size >= PARALLEL_CHARACTERS:
        count = max(count, min(math.ceil(count / jobs) * jobs, size // SMALLEST_CHUNK_CHARACTERS))
    chunks: list[list[Part]] = []
    laid = 0
    for part in body:
        if not chunks or laid >= size * len(chunks) / count:
            chunks.append([])
        chunks[-1].append(part)
        laid += len(part.markup)
    return chunks


@dataclass(frozen=True)
class Bookmark:
    """An entry of the PDF's outline, at its page's point (x, y) in PDF points; `level` nests it."""

    level: int
    label: str
    x: float
    y: float
    open: bool


@dataclass(frozen=True)
class Sheet:
    """A page of the book: page `index` of the PDF `pdf` (None: a blank page), with page `overlay` (PDF,
    index) stamped on it, and the bookmarks on it."""

    pdf: Path | None
    index: int = 0
    overlay: tuple[Path, int] | None = None
    bookmarks: tuple[Bookmark, ...] = ()


@dataclass(frozen=True)
class Task:
    """A document for a worker to lay out and write as a PDF at `target` (None: to lay out and count only),
    reporting on the parts whose ids are `reported`."""

    markup: str
    base_url: Path
    setup: PageSetup
    target: Path | None
    identifier: str
    reported: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """What a worker reports of a laid-out chunk, page by page."""

    blanks: list[bool]  # a blank page, made for a part to open on the right
    opens: dict[str, int]  # the page each reported part opens on
    places: list[Place | None]  # where each page's text starts
    bookmarks: list[list[Bookmark]]  # each page's
    borrowed: frozenset[str]  # link targets in other chunks, written as anchors on the first page

    @property
    def pages(self) -> int:
        return len(self.blanks)


def lay_out_chunk(task: Task) -> Layout:
    """Lay out one chunk and write it, if it has a target (in a worker process)."""
    html, document = lay_out(task.markup, task.base_url, task.setup)
    borrowed = _borrow_link_targets(document.pages)
    if task.target is not None:
        write_document(document, task.target, task.setup, task.identifier)
    wanted = set(task.reported)
    opens: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in wanted.intersection(page.anchors).difference(opens):
            opens[anchor] = index
    return Layout(
        blanks=[page._page_box.page_type.blank for page in document.pages],
        opens=opens,
        places=page_places(document.pages, html.etree_element, wanted),
        bookmarks=[[Bookmark(level, label, x * _PX_TO_PT, (page.height - y) * _PX_TO_PT, state == "open")
                    for level, label, (x, y), state in page.bookmarks] for page in document.pages],
        borrowed=frozenset(borrowed),
    )


def _borrow_link_targets(pages) -> set[str]:
    """Give each link to an anchor in another chunk a stand-in anchor on the first page, so that WeasyPrint
    writes the link; the book's own anchor takes the name when the chunks are joined."""
    anchors = {name for page in pages for name in page.anchors}
    missing = {target for page in pages for kind, target, _, _ in page.links if kind == "internal"} - anchors
    for name in missing:
        pages[0].anchors[name] = (0, 0, 0, 0)
    return missing


def write_chunked(book: Book, parts: list[Part], target: Path, base_url: Path, setup: PageSetup, jobs: int,
                  workers: Executor | None = None) -> list[PageStart]:
    """Write the book at `target` laid out in chunks, `jobs` at a time, in `workers` (else in worker processes
    of its own), which are shut down once the layout is done: the memory they hold is free before the
    chunks are joined. Returns where each page starts."""
    chunks = body_chunks(parts, jobs)
    in_flight = max(1, min(jobs, len(chunks)))
    # Stopped, a build leaves its workers to be stopped by whoever started them: what they were writing
    # may still land in the folder as it is removed.
    with tempfile.TemporaryDirectory(prefix="octavo-chunks-", ignore_cleanup_errors=True) as folder:
        with nullcontext(workers) if workers else local_executor(in_flight) as executor:
            book_layout = _ChunkedLayout(book, parts, chunks, base_url, setup, Path(folder))
            in_right_gutter(lambda assumed_pages: book_layout.lay_out(executor, in_flight, assumed_pages),
                            lambda pages: pages, estimated_pages(book, setup))
            executor.shutdown()
        sheets, places = book_layout.sheets()
        from .assemble import assemble  # here: the workers, which import this module, have no need of pypdf

        assemble(target, sheets, book_layout.borrowed())
    return starts(places)


class _ChunkedLayout:
    """The layouts of a book's front matter, body chunks and their overlays, made in a worker pool."""

    def __init__(self, book: Book, parts: list[Part], chunks: list[list[Part]], base_url: Path, setup: PageSetup, folder: Path):
        self.book, self.parts, self.chunks, self.base_url, self.setup, self.folder = book, parts, chunks, base_url, setup, folder
        self.front_parts = parts[: front_length(parts)]
        self.stubs = [_stub(part) for part in parts]
        self.page_rules = ""  # the @page rules of the layout under way

    def lay_out(self, executor: Executor, in_flight: int, assumed_pages: int) -> int:
        """Lay the book out with the gutter of `assumed_pages` pages, `in_flight` tasks at a time; returns its
        page count. The front matter is laid out first with stand-in numbers for the contents page, and
        again with the real ones once the chunks are counted. Every `in_flight`-th chunk, from the first,
        is laid out with its page numbers, by a worker free once the chunks before it are counted; the
        ones laid out side by side with it get overlays, which go after the chunks. Which chunks have
        overlays depends on the number of workers, not on which of them finishes first: the PDF's bytes
        do not either."""
        self.page_rules = page_css(self.setup, assumed_pages)
        count = len(self.chunks)
        self.front, self.settled = None, None
        self.bodies, self.overlays = [None] * count, [None] * count
        self.numbered: list[int | None] = [None] * count  # the page a chunk laid out with page numbers starts on
        # The front matter with stand-in numbers is only counted: the one with the real numbers is written.
        stand_in = dataclasses.replace(self._front_task(dict.fromkeys(_ids(self.parts), assumed_pages)), target=None)
        running: dict[Future, tuple[str, int]] = {executor.submit(lay_out_chunk, stand_in): ("front", 0)}
        unsent = list(range(count))  # chunks not yet given to a worker
        ready: deque = deque()  # overlays, then the front matter with its real numbers
        counted = 0  # chunks counted one after another from the first, their overlays made ready
        try:
            while True:
                while len(running) < in_flight and (task := self._next_task(unsent, ready, in_flight)):
                    kind, index, work = task
                    running[executor.submit(lay_out_chunk, work)] = (kind, index)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    kind, index = running.pop(future)
                    self._keep(kind, index, future.result())
                while self.front and counted < count and self.bodies[counted]:
                    if self.numbered[counted] is None:
                        ready.append(("overlay", counted, self._overlay_task(counted)))
                    counted += 1
                    if counted == count:
                        ready.append(("settled", 0, self._front_task(self._numbers())))
        except Exception:
            wait(running)  # no worker still writing into the folder when it is removed
            raise
        for _ in range(3):
            if _first_body_page(self.settled) == _first_body_page(self.front):
                self.front = self.settled
                return self._starts()[-1] + self.bodies[-1].pages - 1
            # The real numbers made the front matter longer or shorter: every chunk moves.
            self.front = self.settled
            self._renumber(executor)
            self.settled = executor.submit(lay_out_chunk, self._front_task(self._numbers())).result()
        raise RuntimeError("the front matter's length does not settle with its contents page's numbers")

    def _next_task(self, unsent: list[int], ready: deque, in_flight: int) -> tuple[str, int, Task] | None:
        """What a free worker does next: the first chunk not sent that can go now (one to be laid out with
        its page numbers goes once the chunks before it are counted); else an overlay or the front matter
        with its real numbers, if one is ready; else nothing yet."""
        for index in unsent:
            numbered = index % in_flight == 0
            start = self._start(index) if numbered else None
            if numbered and start is None:
                continue  # the chunks before it are not all counted yet
            unsent.remove(index)
            self.numbered[index] = start
            return "body", index, self._body_task(index)
        return ready.popleft() if ready else None

    def _renumber(self, executor: Executor) -> None:
        """Give every chunk the page numbers of its new first page: lay out again those laid out with them,
        and the overlays of the others."""
        starts = self._starts()
        numbered = {index for index, start in enumerate(self.numbered) if start is not None}
        for index in numbered:
            self.numbered[index] = starts[index]
        futures = [executor.submit(lay_out_chunk, self._body_task(index) if index in numbered else self._overlay_task(index))
                   for index in range(len(self.chunks))]
        wait(futures)  # all done, even if one failed: no worker still writing into the folder when it is removed
        for index, future in enumerate(futures):
            self._keep("body" if index in numbered else "overlay", index, future.result())

    def _keep(self, kind: str, index: int, layout: Layout) -> None:
        if kind == "body":
            self.bodies[index] = layout
        elif kind == "overlay":
            self.overlays[index] = layout
        elif kind == "front":
            self.front = layout
        else:
            self.settled = layout

    def _body_task(self, index: int) -> Task:
        """Chunk `index`: with its page numbers and running heads, from the page it starts on, if it is to
        have them; else without."""
        chunk, start = self.chunks[index], self.numbered[index]
        furniture = _NO_MARGIN_BOXES if start is None else _first_page(start)
        return self._task(f"body-{index}", chunk, self._before(chunk), furniture + _STUB_CSS, chunk)

    def _front_task(self, numbers: dict[str, int]) -> Task:
        return self._task("front", _with_contents_pages(self.book, self.parts, self.setup, numbers), [], "", self.front_parts)

    def _overlay_task(self, index: int) -> Task:
        chunk, body = self.chunks[index], self.bodies[index]
        own = [_mimic(part, _pages_of(part.id, body)) for part in chunk]
        return self._task(f"overlay-{index}", own, self._before(chunk), _STUB_CSS + _OVERLAY_CSS + _first_page(self._starts()[index]))

    def _task(self, name: str, own: list[Part], before: list[Part], css: str, reported: list[Part] = ()) -> Task:
        markup = standalone(self.book, [*self.stubs[: len(before)], *own], self.setup.body_classes, self.page_rules + css)
        return Task(markup, self.base_url, self.setup, self._pdf(name), print_identifier(self.book), tuple(_ids(reported)))

    def _pdf(self, name: str) -> Path:
        return self.folder / f"{name}.pdf"

    def _before(self, chunk: list[Part]) -> list[Part]:
        return self.parts[: self.parts.index(chunk[0])]

    def _starts(self) -> list[int]:
        """The page number each chunk starts on (the next right-hand page), as far as the chunks before it
        are counted."""
        found, pages = [], self.front.pages
        for body in self.bodies:
            pages += pages % 2
            found.append(pages + 1)
            if body is None:
                break
            pages += body.pages
        return found

    def _start(self, index: int) -> int | None:
        """The page chunk `index` starts on, if the front matter and the chunks before it are counted."""
        starts = self._starts() if self.front else []
        return starts[index] if index < len(starts) else None

    def _numbers(self) -> dict[str, int]:
        """The page each part of the body opens on."""
        return {part: start + body.opens[part] for start, body in zip(self._starts(), self.bodies) for part in body.opens}

    def sheets(self) -> tuple[list[Sheet], list[Place | None]]:
        """The book's pages in order, and where the text of each starts."""
        front = self._pdf("front")
        sheets, places = [_sheet(front, self.front, index) for index in range(self.front.pages)], list(self.front.places)
        for index, (body, overlay, start) in enumerate(zip(self.bodies, self.overlays, self._starts())):
            stamped = None
            if self.numbered[index] is None:
                if overlay.blanks != body.blanks:
                    raise RuntimeError(f"the overlay of chunk {index} has other pages than the chunk")
                stamped = self._pdf(f"overlay-{index}")
            blanks = start - 1 - len(sheets)
            sheets += [Sheet(None)] * blanks
            places += [None] * blanks + body.places
            sheets += [_sheet(self._pdf(f"body-{index}"), body, page, stamped) for page in range(body.pages)]
        return sheets, places

    def borrowed(self) -> dict[Path, frozenset[str]]:
        found = {self._pdf(f"body-{index}"): body.borrowed for index, body in enumerate(self.bodies)}
        return found | {self._pdf("front"): self.front.borrowed}


def _first_body_page(front: Layout) -> int:
    """The page the body starts on after `front`: the next right-hand page."""
    return front.pages + front.pages % 2 + 1


def _sheet(pdf: Path, layout: Layout, index: int, overlay: Path | None = None) -> Sheet:
    return Sheet(pdf, index, (overlay, index) if overlay else None, tuple(layout.bookmarks[index]))


def _with_contents_pages(book: Book, parts: list[Part], setup: PageSetup, numbers: dict[str, int]) -> list[Part]:
    """The front matter with the contents page showing `numbers` (part id -> page)."""
    end = front_length(parts)
    contents = contents_part(book, parts[end:], setup.profile is Profile.SCREEN, numbers)
    return [contents if part.id == contents.id else part for part in parts[:end]]


def _pages_of(part_id: str, layout: Layout) -> int:
    """How many pages (blank ones apart) the part takes in its chunk."""
    first = layout.opens[part_id]
    following = min((page for page in layout.opens.values() if page > first), default=layout.pages)
    return sum(not blank for blank in layout.blanks[first:following])


def _mimic(part: Part, pages: int, stub: bool = False) -> Part:
    """The part as the overlay lays it out: its element and headings, empty, over `pages` pages; or as a
    stub for the chunks after it."""
    element = lxml_html.fragment_fromstring(str(part.markup))
    _keep_headings(element)
    for heading in element:
        _keep_headings(heading)
        heading.tail = None
    if stub:
        element.set("class", f"{element.get('class', '')} {_STUB}".strip())
    for _ in range(1, pages):  # the first page is the element's own
        etree.SubElement(element, "div", {"class": _PAGE_BREAK})
    return dataclasses.replace(part, markup=Markup(lxml_html.tostring(element, encoding="unicode")))


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _stub(part: Part) -> Part:
    return _mimic(part, pages=0, stub=True)


def _keep_headings(element) -> None:
    """Take the element's id, text and children away, but for the headings among its children."""
    element.attrib.pop("id", None)
    element.text = None
    for child in list(element):
        if child.tag not in _HEADINGS:
            element.remove(child)


def _first_page(number: int) -> str:
    return f"@page :first {{ counter-reset: page {number}; }}\n"


def _ids(parts: list[Part]) -> list[str]:
    return [part.id for part in parts if not part.print_only]
