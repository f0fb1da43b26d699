"""Typography: curly quotes and apostrophes, dashes, ellipses, applied to the text of the model.

Quotes are curled over a whole paragraph at once, so that a quote mark just inside or outside an emphasis
sees its neighbours; every quote rule replaces one character by one, so the curled text is cut back into
the same nodes. The other rules work inside one text node. Rules run in order; each says what it fixes.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Aside, Book, Emph, Inline, Paragraph, Quotation, Section, Strong, Text

# Words that begin with an elided letter or two and so take an apostrophe, never an opening quote.
_ELISIONS = (
    r"t(?:is|was|were|would|will|wixt|ween)|em|n|cause|cos|til|till|bout|round|fore|neath|gainst|nuff|cept|mongst"
    r"|sup|kay|scuse|nother"
)

_QUOTE_RULES = (
    # An apostrophe that starts an elided word ('tis, 'em, 'til, 'n') or a year ('90s), not an opening quote.
    (re.compile(rf"(?<![\w’'])'(?=(?i:{_ELISIONS})\b|\d\d(?:s\b|\b))"), "’"),
    # An apostrophe between two letters: contractions and possessives (I'm, don't, Derek's).
    (re.compile(r"(?<=\w)'(?=\w)"), "’"),
    # An opening single quote: at the start or after a space, bracket, dash or double quote, before a non-space.
    (re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–\-\"“]))'(?=\S)"), "‘"),
    # Every other single quote closes a quotation or ends an elided word (freakin', the Joneses').
    (re.compile(r"'"), "’"),
    # An opening double quote: at the start or after a space, bracket, dash or single quote, before a non-space.
    (re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–\-‘/]))\"(?=\S)"), "“"),
    # Every other double quote closes, so a stray one (`'Oh....Oh."`) is never curled backwards.
    (re.compile(r"\""), "”"),
)

_TEXT_RULES = (
    # Two or three hyphens are an em dash, set closed: "word -- word" and "word--word" both give word—word.
    (re.compile(r"\s*(?<!-)-{2,3}(?!-)\s*"), "—"),
    # Three dots, spaced or not, are one ellipsis character; a fourth dot after it stays a full stop.
    (re.compile(r"\.[ \u00a0]?\.[ \u00a0]?\."), "…"),
    # Runs of spaces (double spaces after full stops) are one space.
    (re.compile(r" {2,}"), " "),
)


def smarten(text: str) -> str:
    """One string with every rule applied: for titles and other text outside paragraphs."""
    return _apply_text_rules(_curl_quotes(text))


def typeset(book: Book) -> Book:
    """The book with typography applied to every text node of every section and to its metadata."""
    meta = dataclasses.replace(
        book.meta,
        title=smarten(book.meta.title),
        subtitle=smarten(book.meta.subtitle) if book.meta.subtitle else None,
    )
    return dataclasses.replace(book, meta=meta, sections=tuple(_section(section) for section in book.sections))


def _section(section: Section) -> Section:
    return dataclasses.replace(
        section,
        title=smarten(section.title) if section.title else None,
        subtitle=smarten(section.subtitle) if section.subtitle else None,
        scenes=tuple(
            dataclasses.replace(scene, blocks=tuple(_block(block) for block in scene.blocks), title=smarten(scene.title) if scene.title else None)
            for scene in section.scenes
        ),
    )


def _block(block):
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, inlines=smarten_inlines(block.inlines))
    if isinstance(block, Aside):
        return dataclasses.replace(block, paragraphs=tuple(_block(p) for p in block.paragraphs))
    if isinstance(block, Quotation):
        return Quotation(tuple(_block(p) for p in block.paragraphs), smarten_inlines(block.source))
    return block


def smarten_inlines(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Curl quotes across the whole run of inlines, then apply the other rules node by node."""
    texts = _texts(inlines)
    curled = iter(_split_like(_curl_quotes("".join(texts)), texts))
    return _rebuild(inlines, curled)


def _curl_quotes(text: str) -> str:
    for pattern, replacement in _QUOTE_RULES:
        text = pattern.sub(replacement, text)
    return text


def _apply_text_rules(text: str) -> str:
    for pattern, replacement in _TEXT_RULES:
        text = pattern.sub(replacement, text)
    return text


def _texts(inlines) -> list[str]:
    """The strings of the Text nodes, depth first, in reading order."""
    texts = []
    for node in inlines:
        if isinstance(node, Text):
            texts.append(node.text)
        elif isinstance(node, (Emph, Strong)):
            texts.extend(_texts(node.children))
    return texts


def _split_like(text: str, parts: list[str]) -> list[str]:
    pieces, start = [], 0
    for part in parts:
        pieces.append(text[start : start + len(part)])
        start += len(part)
    return pieces


def _rebuild(inlines, curled) -> tuple[Inline, ...]:
    nodes = []
    for node in inlines:
        if isinstance(node, Text):
            nodes.append(Text(_apply_text_rules(next(curled))))
        elif isinstance(node, (Emph, Strong)):
            nodes.append(type(node)(_rebuild(node.children, curled)))
        else:
            nodes.append(node)
    return tuple(nodes)
