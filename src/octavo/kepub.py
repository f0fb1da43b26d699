"""Kobo's kepub markup for one XHTML content document.

Follows kepubify (github.com/pgaskin/kepubify, kepub/transform.go, TransformContent): a
`kobostylehacks` style in the head, the body's contents wrapped in `div#book-columns >
div#book-inner`, and each sentence fragment of the body's text in a `span.koboSpan#kobo.P.S`,
which Kobo's reader needs to track reading location, bookmarks and highlights.
"""

from __future__ import annotations

import re

from lxml import etree

_XHTML = "{http://www.w3.org/1999/xhtml}"
_KOBO_SPAN = "koboSpan"
_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
_STYLE_CLASS = "kobostylehacks"
_STYLE = "div#book-inner { margin-top: 0; margin-bottom: 0;}"
# Elements that start a new paragraph number, and elements whose text kepubify leaves alone.
_PARAGRAPHS = frozenset({"p", "ol", "ul", "table", "h1", "h2", "h3", "h4", "h5", "h6"})
_VERBATIM = frozenset({"script", "style", "pre", "audio", "video", "svg", "math"})
# A sentence ends after . ! or ?, an optional closing quote or ellipsis, and ASCII whitespace.
_SENTENCE_END = re.compile("[.!?]['\"”’“…]?[\t\n\f\r ]+")


class _Numbering:
    """kepubify's counters: a paragraph takes its number only when its first span is made."""

    def __init__(self) -> None:
        self.paragraph, self.segment, self.pending = 0, 0, False

    def next_id(self) -> str:
        if self.pending:
            self.paragraph, self.segment, self.pending = self.paragraph + 1, 0, False
        self.segment += 1
        return f"kobo.{self.paragraph}.{self.segment}"


def kobo_document(xhtml: bytes) -> bytes:
    """The content document with Kobo's span markup: the style fix-up, the book divs and a
    span around each sentence fragment. Running it on its own output changes nothing."""
    tree = etree.fromstring(xhtml).getroottree()
    head, body = tree.find(f"{_XHTML}head"), tree.find(f"{_XHTML}body")
    if head is not None:
        _add_style(head)
    if body is not None:
        _wrap_body(body)
        if not _has_kobo_spans(body):
            _add_spans(body, _Numbering())
    return _DECLARATION + etree.tostring(tree, encoding="utf-8", xml_declaration=False) + b"\n"


def _add_style(head: etree._Element) -> None:
    """Append kepubify's trimmed copy of the style Kobo puts in its own kepubs, once."""
    if any(style.get("class") == _STYLE_CLASS for style in head.iterchildren(f"{_XHTML}style")):
        return
    style = etree.SubElement(head, f"{_XHTML}style", {"type": "text/css", "class": _STYLE_CLASS})
    style.text = _STYLE


def _wrap_body(body: etree._Element) -> None:
    """Move the body's contents into div#book-columns > div#book-inner, unless they are there."""
    for columns in body.iterchildren(f"{_XHTML}div"):
        if columns.get("id") == "book-columns" and any(d.get("id") == "book-inner" for d in columns.iterchildren(f"{_XHTML}div")):
            return
    columns = body.makeelement(f"{_XHTML}div", {"id": "book-columns"})
    inner = etree.SubElement(columns, f"{_XHTML}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    inner.extend(list(body))
    body.append(columns)


def _has_kobo_spans(body: etree._Element) -> bool:
    return any(_KOBO_SPAN in (element.get("class") or "").split() for element in body.iter(etree.Element))


def _add_spans(element: etree._Element, numbering: _Numbering) -> None:
    """Put each text inside the element into kobo spans, in document order, as kepubify walks it."""
    if etree.QName(element).localname in _PARAGRAPHS:
        numbering.pending = True
    children = list(element)  # taken before the new spans join them
    if spans := _sentence_spans(element.text, element, numbering):
        element.text = None
        element[0:0] = spans
    for child in children:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            name = etree.QName(child).localname
            if name == "img":
                child = _wrap_image(child, numbering)
            elif name not in _VERBATIM:
                _add_spans(child, numbering)
        if spans := _sentence_spans(child.tail, element, numbering):
            child.tail = None
            after = element.index(child) + 1
            element[after:after] = spans


def _sentence_spans(text: str | None, parent: etree._Element, numbering: _Numbering) -> list[etree._Element]:
    """Spans for each sentence of the text; none for whitespace, except directly in a p."""
    if not text or (text.isspace() and etree.QName(parent).localname != "p"):
        return []
    return [_kobo_span(numbering.next_id(), sentence) for sentence in _split_sentences(text)]


def _wrap_image(image: etree._Element, numbering: _Numbering) -> etree._Element:
    """kepubify gives each image a paragraph of its own and a span around it."""
    numbering.pending = True
    span = _kobo_span(numbering.next_id())
    image.addprevious(span)
    span.tail, image.tail = image.tail, None
    span.append(image)
    return span


def _kobo_span(span_id: str, text: str | None = None) -> etree._Element:
    span = etree.Element(f"{_XHTML}span", {"class": _KOBO_SPAN, "id": span_id})
    span.text = text
    return span


def _split_sentences(text: str) -> list[str]:
    """The text cut after each sentence's trailing whitespace; joined, the parts are the text."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    starts = [0, *ends]
    return [text[start:end] for start, end in zip(starts, [*ends, len(text)]) if start < end]
