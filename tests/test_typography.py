"""Typography rules, one `input<TAB>expected` line each in typography.tsv."""

from pathlib import Path

import pytest

from octavo.inline import parse_inlines, plain_text
from octavo.model import Emph, Text
from octavo.typography import smarten, smarten_inlines

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "typography.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("source, expected", CASES, ids=[source for source, _ in CASES])
def test_rule(source, expected):
    assert smarten(source) == expected


def test_quotes_see_across_emphasis():
    curled = smarten_inlines(parse_inlines('"_Hello_," she said, "_it\'s_ me."'))
    assert plain_text(curled) == "“Hello,” she said, “it’s me.”"
    assert curled[1] == Emph((Text("Hello"),))
