"""One PDF from the PDFs of a book's chunks (chunks.py): pages in order, the overlay of running heads and
folios stamped on each page of a chunk laid out without them, blank versos where a chunk must open on a
right-hand page, one set of link targets, bookmarks nested across the chunks, and the front matter's
metadata."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, Fit, FloatObject, NameObject, NumberObject,
                           TextStringObject)

if TYPE_CHECKING:
    from .chunks import Sheet

_PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")
_CATALOG_OWN = {"/Type", "/Pages", "/Outlines", "/Names"}  # what the joined PDF makes anew
_OVERLAY = "/OctavoOverlay"


def assemble(target: Path, sheets: list[Sheet], borrowed: dict[Path, frozenset[str]]) -> None:
    """Write the book made of `sheets` at `target`. The first sheet's PDF gives the metadata; `borrowed`
    names, for each PDF, the link targets it only borrowed (chunks.py): another PDF has the real ones.
    Each chunk's PDF is read only while its pages are copied, so that memory holds one book, not two."""
    writer = PdfWriter()
    save, restore_and_overlay = _stream(writer, b"q"), _stream(writer, f"Q q {_OVERLAY} Do Q".encode())
    destinations: dict[str, ArrayObject] = {}
    for position, (pdf, run) in enumerate(groupby(enumerate(sheets), key=lambda numbered: numbered[1].pdf)):
        if pdf is None:
            for _ in run:
                _add_blank(writer)
            continue
        reader, overlays, placed = PdfReader(pdf), {}, {}
        for number, sheet in run:
            source = reader.pages[sheet.index]
            page = writer.add_page(source)
            placed[source.indirect_reference.idnum] = number
            if sheet.overlay:
                path, index = sheet.overlay
                if path not in overlays:
                    overlays[path] = PdfReader(path)
                _stamp(writer, page, overlays[path].pages[index], save, restore_and_overlay)
        _gather_destinations(destinations, writer, reader, placed, borrowed.get(pdf, frozenset()))
        if position == 0:  # the front matter's: the book's metadata
            _keep_document_data(writer, reader)
    _name_destinations(writer, destinations)
    _add_outline(writer, sheets)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)  # each chunk's fonts
    with open(target, "wb") as file:
        writer.write(file)


def _keep_document_data(writer: PdfWriter, reader: PdfReader) -> None:
    """The document information, catalog entries (the language) and file identifier of `reader`."""
    writer.add_metadata(reader.metadata or {})
    for key, value in reader.root_object.items():
        if key not in _CATALOG_OWN:
            writer.root_object[NameObject(key)] = value.clone(writer)
    writer._ID = reader.trailer.get("/ID")  # pypdf keeps no public way to keep a file identifier


def _stream(writer: PdfWriter, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _add_blank(writer: PdfWriter) -> None:
    """A blank page with the boxes of the last page on its side (left and right pages bleed on their own
    sides)."""
    like = writer.pages[-2] if len(writer.pages) > 1 else writer.pages[-1]
    page = writer.add_blank_page(like.mediabox.width, like.mediabox.height)
    for box in _PAGE_BOXES:
        if box in like:
            page[NameObject(box)] = like[box].clone(writer)


def _stamp(writer: PdfWriter, page, overlay, save, restore_and_overlay) -> None:
    """Draw the overlay page over `page`, as a form XObject: the page's own drawing is left as it is, in
    its own graphics state, not parsed and rewritten. The page gets resources of its own (WeasyPrint's
    pages share theirs), so that a page taken out of the book carries only its own overlay."""
    form = DecodedStreamObject()
    form.set_data(overlay.get_contents().get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(value) for value in overlay.mediabox),
        NameObject("/Resources"): overlay.raw_get("/Resources").clone(writer),
    })
    resources = DictionaryObject(page["/Resources"].get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject(_OVERLAY)] = writer._add_object(form.flate_encode())
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.raw_get("/Contents")
    contents = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([save, *contents, restore_and_overlay])


def _gather_destinations(destinations: dict[str, ArrayObject], writer: PdfWriter, reader: PdfReader, placed: dict[int, int],
                         borrowed: frozenset[str]) -> None:
    """Add the link targets of `reader` whose pages went into the book (page object number -> page of the
    book in `placed`), each pointing at its page in `writer`; a name already there keeps its target."""
    for name, destination in reader.named_destinations.items():
        page = placed.get(destination.page.idnum) if destination.page is not None else None
        if page is None or name in borrowed or name in destinations:
            continue
        destinations[name] = ArrayObject([writer.pages[page].indirect_reference, NameObject("/XYZ"),
                                          FloatObject(destination.left or 0), FloatObject(destination.top or 0), NumberObject(0)])


def _name_destinations(writer: PdfWriter, destinations: dict[str, ArrayObject]) -> None:
    """One name tree of link targets for the book, sorted by name as PDF requires."""
    if not destinations:
        return
    names = ArrayObject()
    for name in sorted(destinations):
        names += [TextStringObject(name), destinations[name]]
    dests = writer._add_object(DictionaryObject({NameObject("/Names"): names}))
    writer.root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): dests})


def _add_outline(writer: PdfWriter, sheets: list[Sheet]) -> None:
    """The bookmarks of all the sheets, each under the last one before it of a lower level."""
    parents: list[tuple[int, object]] = []  # (level, outline item), from the outermost
    for number, sheet in enumerate(sheets):
        for mark in sheet.bookmarks:
            while parents and parents[-1][0] >= mark.level:
                parents.pop()
            item = writer.add_outline_item(title=mark.label, page_number=number, parent=parents[-1][1] if parents else None,
                                           fit=Fit.xyz(mark.x, mark.y, 0), is_open=mark.open)
            parents.append((mark.level, item))
