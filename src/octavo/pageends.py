"""No hyphen at the end of a page: a reader should not turn the leaf in the middle of a word.

WeasyPrint cannot be told this. After a layout, the paragraphs whose last line on a page ends in an
added hyphen are found; the next layout sets them without hyphenation (`print.css`), and their words
move whole. Paragraphs are named by their index among the body's paragraphs, which stays the same from
one layout of the book to the next.
"""

from __future__ import annotations

UNHYPHENATED = "no-page-end-hyphen"  # the class print.css sets without hyphenation


def hyphenated_page_ends(pages, body) -> set[int]:
    """The indexes (among `body`'s <p> elements) of the paragraphs whose line ending a page is hyphenated."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    index_of = {id(paragraph): index for index, paragraph in enumerate(body.iter("p"))}
    found = set()
    for page in pages:
        last = _last_line(page._page_box, LineBox, MarginBox)
        if last is not None:
            line, paragraph = last
            if paragraph is not None and id(paragraph) in index_of and _ends_with_added_hyphen(line):
                found.add(index_of[id(paragraph)])
    return found


def unhyphenate(body, indexes: set[int]) -> None:
    """Mark the paragraphs at `indexes` to be set without hyphenation."""
    for index, paragraph in enumerate(body.iter("p")):
        if index in indexes:
            paragraph.set("class", f"{paragraph.get('class', '')} {UNHYPHENATED}".strip())


def _last_line(box, line_type: type, margin_type: type, paragraph=None):
    """The page's last line of running text (not a running head or folio), with its paragraph element."""
    if isinstance(box, margin_type):
        return None
    if getattr(box, "element_tag", None) == "p":
        paragraph = box.element
    if isinstance(box, line_type):
        return box, paragraph
    for child in reversed(getattr(box, "children", ())):
        last = _last_line(child, line_type, margin_type, paragraph)
        if last is not None:
            return last
    return None


def _ends_with_added_hyphen(line) -> bool:
    """Whether the line's last text ends in the hyphen WeasyPrint adds when it hyphenates a word."""
    box = line
    while getattr(box, "children", None):
        box = box.children[-1]
    text = getattr(box, "text", "")
    return bool(text) and text.endswith(box.style["hyphenate_character"])
