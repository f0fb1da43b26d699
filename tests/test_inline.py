"""Inline emphasis: `_x_`, `*x*`, `**x**`; anything that does not close stays text."""

import pytest

from octavo.inline import parse_inlines, plain_text
from octavo.model import Emph, Strong, Text


@pytest.mark.parametrize(
    "source, expected",
    [
        ("a _word_ b", (Text("a "), Emph((Text("word"),)), Text(" b"))),
        ("*two words*!", (Emph((Text("two words"),)), Text("!"))),
        ("**bold** move", (Strong((Text("bold"),)), Text(" move"))),
        ("_outer *inner* outer_", (Emph((Text("outer "), Emph((Text("inner"),)), Text(" outer"))),)),
        ("snake_case_name", (Text("snake_case_name"),)),
        ("2*3*4", (Text("2*3*4"),)),
        ("a * b * c", (Text("a * b * c"),)),
        ("_unclosed emphasis", (Text("_unclosed emphasis"),)),
        ("***bold italic***", (Strong((Emph((Text("bold italic"),)),)),)),
        ("**bold _and emph_**", (Strong((Text("bold "), Emph((Text("and emph"),)))),)),
        ("*_both_*", (Emph((Emph((Text("both"),)),)),)),
    ],
)
def test_emphasis(source, expected):
    assert parse_inlines(source) == expected


def test_every_character_but_the_markup_is_kept():
    source = "He said _no_, *twice*, and **meant** it_ *"
    assert plain_text(parse_inlines(source)) == "He said no, twice, and meant it_ *"
