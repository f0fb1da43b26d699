"""A long book's PDF laid out in chunks (chunks.py, assemble.py) is the PDF one layout gives: every page
drawn the same (rendered and compared pixel by pixel), the same page boxes, bookmarks, link targets, links,
metadata, and the same page starts for the EPUB's page-list."""

import pytest
import pypdfium2
from pypdf import PdfReader

from conftest import CORPUS, needs_corpus
import octavo.chunks
from octavo.html import render_parts
from octavo.pagesetup import page_setup
from octavo.pdf import write_pdf
from octavo.pipeline import Format, build, load_book


def manuscript_with_everything(tmp_path):
    """Parts whose chapters fall in several chunks, an untitled chapter, notes front and back, an
    epigraph, a disclaimer, scene breaks, emphasis: all that crosses a chunk's edge."""
    story = "The keeper climbed the stair, *slowly*, and lit the lamp -- the sea was grey... 'Done,' she said. " * 9
    chapters = []
    for part, name in enumerate(("ONE", "TWO", "THREE"), start=1):
        chapters.append(f"PART {name}\n\nThe {name.lower()} book\n")
        for number in range(1, 5):
            scenes = "\n\n* * *\n\n".join("\n\n".join([story] * (3 + number % 3)) for _ in range(2))
            chapters.append(f"CHAPTER {part}.{number}\n\n{scenes}\n")
    text = "\n".join(chapters)
    manuscript = tmp_path / "long.txt"
    manuscript.write_text(
        "Title: A Long Book\nAuthor: Ann Bee\n\nA/N: Thanks to everyone who read the drafts.\n\n"
        "Disclaimer: The sea belongs to nobody.\n\nQuote: The lamp must be lit.\n\nSource: The Keeper's Rule\n\n"
        f"{text}\nA/N: Until the next book.\n", encoding="utf-8")
    return manuscript


def laid_out(manuscript, tmp_path, name, options, jobs, chunk_characters, monkeypatch):
    monkeypatch.setattr(octavo.chunks, "CHUNK_CHARACTERS", chunk_characters)
    monkeypatch.setattr(octavo.chunks, "PARALLEL_CHARACTERS", 0)
    target = tmp_path / f"{name}.pdf"
    starts = write_pdf(load_book(manuscript, "0"), target, manuscript.parent, page_setup(options), jobs)
    return target, starts


def facts(path):
    """What a reader and a printer see of a PDF, besides its drawing."""
    reader = PdfReader(path)

    def outline(items, depth=0):
        found = []
        for item in items:
            if isinstance(item, list):
                found += outline(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item), round(float(item.top or 0), 1)))
        return found

    dests = {name: (reader.get_destination_page_number(dest), round(float(dest.left or 0), 1), round(float(dest.top or 0), 1))
             for name, dest in reader.named_destinations.items()}
    links = [(number, [round(float(v), 1) for v in annotation.get_object()["/Rect"]], str(annotation.get_object().get("/Dest")))
             for number, page in enumerate(reader.pages) for annotation in page.get("/Annots", [])]
    boxes = [[(box, [round(float(v), 1) for v in page[box]]) for box in ("/MediaBox", "/TrimBox", "/BleedBox") if box in page]
             for page in reader.pages]
    return {"pages": len(reader.pages), "outline": outline(reader.outline), "dests": dests, "links": links, "boxes": boxes,
            "metadata": dict(reader.metadata or {}), "language": reader.root_object.get("/Lang"),
            "identifier": reader.trailer["/ID"][0]}


def drawings(path):
    document = pypdfium2.PdfDocument(path)
    try:
        return [page.render(scale=0.5).to_pil().tobytes() for page in document]
    finally:
        document.close()


def assert_same_book(whole, chunked):
    (whole_pdf, whole_starts), (chunked_pdf, chunked_starts) = whole, chunked
    assert facts(chunked_pdf) == facts(whole_pdf)
    assert chunked_starts == whole_starts
    different = [number for number, (a, b) in enumerate(zip(drawings(whole_pdf), drawings(chunked_pdf)), start=1) if a != b]
    assert not different, f"pages drawn differently: {different}"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_book_laid_out_in_chunks_is_the_book_laid_out_at_once(tmp_path, monkeypatch, jobs):
    """For print, with chapter running heads, drop caps and bleed: the chunks one after another, each with
    its page numbers, or side by side, half of them with overlays."""
    manuscript = manuscript_with_everything(tmp_path)
    options = {"profile": "print", "running_head": "chapter", "drop_caps": True, "bleed": "0.125in"}
    whole = laid_out(manuscript, tmp_path, "whole", options, 1, 10**9, monkeypatch)
    chunked = laid_out(manuscript, tmp_path, "chunked", options, jobs, 20_000, monkeypatch)
    assert len(octavo.chunks.body_chunks(render_parts(load_book(manuscript, "0"), contents_links=True))) >= 4
    assert_same_book(whole, chunked)


def test_a_book_built_on_two_cores_is_the_book_built_on_one(tmp_path, monkeypatch):
    """The whole build, its workers started before the manuscript is read: the same PDF, and the same EPUB
    to the byte (its page-list marks where the PDF's pages start). Built on two cores again, the PDF is
    the same to the byte, whichever worker finished first."""
    manuscript = manuscript_with_everything(tmp_path)
    books = {}
    for name, jobs, chunk_characters in (("one", 1, 10**9), ("two", 2, 20_000), ("two again", 2, 20_000)):
        monkeypatch.setattr(octavo.chunks, "CHUNK_CHARACTERS", chunk_characters)
        monkeypatch.setattr(octavo.chunks, "PARALLEL_CHARACTERS", 0)
        books[name] = build(manuscript, (Format.EPUB, Format.PDF), tmp_path / name, source_date_epoch="0", jobs=jobs).files
    assert books["two"][0].read_bytes() == books["one"][0].read_bytes()
    assert facts(books["two"][1]) == facts(books["one"][1])
    assert drawings(books["two"][1]) == drawings(books["one"][1])
    assert books["two again"][1].read_bytes() == books["two"][1].read_bytes()


@needs_corpus
def test_a_corpus_novel_in_parts_is_laid_out_in_chunks_as_at_once(tmp_path, monkeypatch):
    """The chunk sizes as they are: a real novel in parts, in two chunks side by side."""
    manuscript = CORPUS / "gutenberg-treasure-island.txt"
    whole = laid_out(manuscript, tmp_path, "whole", {}, 1, 10**9, monkeypatch)
    monkeypatch.undo()
    target = tmp_path / "chunked.pdf"
    book = load_book(manuscript, "0")
    assert len(octavo.chunks.body_chunks(render_parts(book, contents_links=True), 2)) == 2
    assert_same_book(whole, (target, write_pdf(book, target, manuscript.parent, page_setup({}), 2)))


def test_every_chunk_moves_when_the_contents_numbers_lengthen_the_front_matter(tmp_path, monkeypatch):
    """The front matter is first laid out with stand-in numbers on its contents page; should the real ones
    make it longer, every chunk starts two pages on: the chunks laid out with their page numbers are laid
    out again, and the others' overlays made again. Here the stand-in front matter lacks its epigraph."""
    manuscript = manuscript_with_everything(tmp_path)
    whole = laid_out(manuscript, tmp_path, "whole", {}, 1, 10**9, monkeypatch)
    real_front = octavo.chunks._with_contents_pages

    def front_without_epigraph_for_stand_ins(book, parts, setup, numbers):
        front = real_front(book, parts, setup, numbers)
        stand_in = len(set(numbers.values())) == 1
        return [part for part in front if not (stand_in and part.id == "epigraph")]

    monkeypatch.setattr(octavo.chunks, "_with_contents_pages", front_without_epigraph_for_stand_ins)
    moved = []  # for each time the chunks moved, which of them had been laid out with their page numbers

    def renumber(layout, executor, real=octavo.chunks._ChunkedLayout._renumber):
        moved.append({start is not None for start in layout.numbered})
        real(layout, executor)

    monkeypatch.setattr(octavo.chunks._ChunkedLayout, "_renumber", renumber)
    chunked = laid_out(manuscript, tmp_path, "chunked", {}, 2, 20_000, monkeypatch)
    assert moved == [{True, False}], "the chunks did not move once, some numbered and some with overlays"
    assert_same_book(whole, chunked)
