"""Print page numbers in the EPUB: where each page of the PDF edition starts, marked in the e-book's text.

WeasyPrint lays out the same markup the EPUB carries, so a page start can be named in terms both share:
the part (a section's id), the index of a text block (a paragraph or heading) inside it, and how many
letters of that block went on earlier pages. Letters, not characters, so that hyphens added at line ends
and collapsed spaces do not shift the count.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from .model import Book

# Elements whose text the count runs through; every other element only contains them.
TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"})
# Where a marker before a block would not be allowed (in a list), it goes inside the block instead.
_MARK_INSIDE = frozenset({"li", "dt", "dd"})
_XHTML = "http://www.w3.org/1999/xhtml"
_EPUB = "http://www.idpf.org/2007/ops"
_GENERATED = ("::before", "::after", "::marker")


@dataclass(frozen=True)
class PageStart:
    """Where page `label` of the print edition starts: in part `part`, text block `block`, after `letters` letters."""

    label: str
    part: str
    block: int
    letters: int

    @property
    def id(self) -> str:
        return f"page-{self.label}"


Place = tuple[str, int, int]  # (part id, text block, letters before): where a page's text starts


def print_identifier(book: Book) -> str:
    """The print edition's own identifier, derived from the book's: the EPUB names it as the source of
    its page numbers."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, book.meta.identifier + '#print')}"


def page_starts(pages, root, part_ids: set[str]) -> list[PageStart]:
    """The start of each laid-out WeasyPrint page (`document.pages`) of the document whose element tree is
    `root`. A page with no text of its own (a blank verso) starts where the next page does."""
    return starts(page_places(pages, root, part_ids))


def page_places(pages, root, part_ids: set[str]) -> list[Place | None]:
    """Where the text of each laid-out page starts in the parts `part_ids`; None for a page without any."""
    from weasyprint.formatting_structure.boxes import TextBox

    places = _block_places(root, part_ids)
    seen: dict[int, int] = {}  # letters of each block laid out so far
    firsts: list[Place | None] = []
    for page in pages:
        first = None
        for element, text in _texts(page._page_box, None, TextBox):
            if id(element) not in places:
                continue
            if first is None:
                first = (*places[id(element)], seen.get(id(element), 0))
            seen[id(element)] = seen.get(id(element), 0) + _letters(text)
        firsts.append(first)
    return firsts


def starts(firsts: list[Place | None]) -> list[PageStart]:
    """The page starts of a book whose pages, numbered from 1, start at `firsts`."""
    found, following = [], None
    for number in range(len(firsts), 0, -1):
        following = firsts[number - 1] or following
        if following:
            found.append(PageStart(str(number), *following))
    return found[::-1]


def _block_places(root, part_ids: set[str]) -> dict[int, tuple[str, int]]:
    """Each text block of each part, by the identity of its element: (part id, index in the part)."""
    places = {}
    for part in root.iter():
        if part.get("id") in part_ids:
            blocks = (element for element in part.iter() if _local(element.tag) in TEXT_BLOCKS)
            places.update((id(element), (part.get("id"), index)) for index, element in enumerate(blocks))
    return places


def _texts(box, block, text_box: type) -> Iterator[tuple[object, str]]:
    """(text block element, text) for each run of `text_box` on a page, in reading order; generated
    content (an ornament's `::before`) is left out, as it is not in the EPUB's text."""
    tag = box.element_tag or ""
    if tag.endswith(_GENERATED):
        return
    if tag in TEXT_BLOCKS:
        block = box.element
    if isinstance(box, text_box):
        yield block, box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child, block, text_box)


def mark_pages(xhtml: bytes, part: str, starts: list[PageStart]) -> bytes:
    """The part's XHTML document with a page-break marker where each of `starts` falls."""
    if not starts:
        return xhtml
    tree = etree.fromstring(xhtml)
    section = next(element for element in tree.iter() if element.get("id") == part)
    blocks = [element for element in section.iter() if _local(element.tag) in TEXT_BLOCKS]
    for start in starts:  # a marker holds no letters, so the ones already placed do not shift the count
        _insert(blocks[start.block], start.letters, _marker(start))
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _marker(start: PageStart):
    marker = etree.Element(f"{{{_XHTML}}}span", id=start.id, role="doc-pagebreak")
    marker.set(f"{{{_EPUB}}}type", "pagebreak")
    marker.set("aria-label", start.label)
    return marker


def _insert(block, letters: int, marker) -> None:
    """Put `marker` before the word holding the block's letter number `letters` (0: before the block)."""
    if letters == 0 and _local(block.tag) not in _MARK_INSIDE:
        block.addprevious(marker)
        return
    for owner, attribute, text in _text_slots(block):
        index = _index_of_letter(text, letters)
        if index is None:
            letters -= _letters(text)
            continue
        while index > 0 and not text[index - 1].isspace():
            index -= 1  # to the start of the word, its opening quote included
        setattr(owner, attribute, text[:index])
        marker.tail = text[index:]
        if attribute == "text":
            owner.insert(0, marker)
        else:
            owner.addnext(marker)
        return
    block.append(marker)  # the page starts after the block's last letter: at its end


def _text_slots(element) -> Iterator[tuple[object, str, str]]:
    """(element, "text" or "tail", string) for each piece of text inside `element`, in reading order."""
    yield element, "text", element.text or ""
    for child in element:
        yield from _text_slots(child)
        yield child, "tail", child.tail or ""


def _index_of_letter(text: str, letters: int) -> int | None:
    """The index in `text` of the letter that `letters` letters precede, or None if `text` has fewer."""
    for index, character in enumerate(text):
        if character.isalnum():
            if letters == 0:
                return index
            letters -= 1
    return None


def _letters(text: str) -> int:
    return sum(character.isalnum() for character in text)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
