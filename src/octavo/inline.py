"""Inline markup of a paragraph: `_emphasis_`, `*emphasis*`, `**strong**`, `__strong__`.

A delimiter opens only where it is not inside a word and is followed by a non-space, and closes only where
it follows a non-space and is not followed by a word character: so `snake_case`, `2*3*4` and a lone `*`
stay text. A delimiter that never closes stays text too: every character of the manuscript is kept.
"""

from __future__ import annotations

import re

from .model import Emph, Inline, LineBreak, Strong, Text

_SPAN = re.compile(
    r"""
    (?<![\w*_])(?P<both>\*\*\*|___)(?=[^\s*_])(?P<both_body>.+?)(?<=[^\s*_])(?P=both)(?![\w*_])
  | (?<![\w*_])(?P<strong>\*\*|__)(?=\S)(?!(?P=strong))(?P<strong_body>.+?)(?<=\S)(?P=strong)(?![\w*_])
  | (?<![\w*_])(?P<emph>(?P<star>\*)|_)(?=\S)(?!(?P=emph))(?P<emph_body>.+?)(?(star)(?<=[^\s*])\*|(?<=[^\s_])_)(?![\w*_])
    """,
    re.VERBOSE | re.DOTALL,
)


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """The inline nodes of one paragraph's text."""
    if "*" not in text and "_" not in text:  # most paragraphs: no need to try the pattern at every place
        return tuple(_text(text))
    nodes: list[Inline] = []
    position = 0
    for match in _SPAN.finditer(text):
        if match.start() > position:
            nodes.extend(_text(text[position : match.start()]))
        if match["both"]:
            nodes.append(Strong((Emph(parse_inlines(match["both_body"])),)))
        elif match["strong"]:
            nodes.append(Strong(parse_inlines(match["strong_body"])))
        else:
            nodes.append(Emph(parse_inlines(match["emph_body"])))
        position = match.end()
    if position < len(text):
        nodes.extend(_text(text[position:]))
    return tuple(nodes)


def _text(text: str) -> list[Inline]:
    """Plain text, a line break (`\n`: one the manuscript means, in verse) as a LineBreak node."""
    nodes: list[Inline] = []
    for at, line in enumerate(text.split("\n")):
        if at:
            nodes.append(LineBreak())
        if line:
            nodes.append(Text(line))
    return nodes


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inline nodes with the markup left out."""
    parts = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Emph, Strong)):
            parts.append(plain_text(node.children))
        else:
            parts.append("\n")
    return "".join(parts)
