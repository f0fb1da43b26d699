"""Typography rules: one `input<TAB>expected` line per case in typography_cases.tsv.

In the cases, {nbsp}, {hair}, {thin} and {wj} stand for the invisible characters; a `# language: fr`
line (optionally `, dashes: spaced`) sets the conventions for the cases below it.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from fontTools.ttLib import TTFont

from octavo.fonts import book_faces
from octavo.inline import parse_inlines, plain_text
from octavo.model import Emph, LineBreak, Text
from octavo.typography import _BEFORE_QUOTES, Conventions, Rule, _rules_after_quotes, conventions, smarten, smarten_inlines

INVISIBLES = {"{nbsp}": "\u00a0", "{hair}": "\u200a", "{thin}": "\u2009", "{wj}": "\u2060"}
_DIRECTIVE = "# language:"


def _visible(text: str) -> str:
    for name, character in INVISIBLES.items():
        text = text.replace(name, character)
    return text


def _cases() -> list[tuple[str, str, Conventions, str]]:
    cases, style, language = [], conventions("en"), "en"
    lines = (Path(__file__).parent / "typography_cases.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith(_DIRECTIVE):
            settings = dict(part.split(":") for part in line[2:].replace(" ", "").split(","))
            language = settings["language"]
            style = conventions(language, settings.get("dashes"))
        elif line and not line.startswith("#"):
            source, expected = line.split("\t")
            cases.append((source, _visible(expected), style, language))
    return cases


CASES = _cases()


def test_there_are_enough_cases():
    assert len(CASES) >= 200


@pytest.mark.parametrize("source, expected, style, language", CASES, ids=[f"{c[3]}:{c[0]}" for c in CASES])
def test_rule(source, expected, style, language):
    assert smarten(source, style) == expected


@pytest.mark.parametrize("source, expected, style, language", CASES, ids=[f"{c[3]}:{c[0]}" for c in CASES])
def test_a_second_pass_changes_nothing(source, expected, style, language):
    assert smarten(expected, style) == expected


def test_every_inserted_character_is_in_the_book_face():
    inserted = {char for source, expected, _, _ in CASES for char in expected if char not in source}
    for face in book_faces():
        cmap = TTFont(unquote(urlparse(face.url).path)).getBestCmap()
        missing = sorted(f"U+{ord(char):04X}" for char in inserted if ord(char) not in cmap)
        assert not missing, f"{face.family} {face.style} has no glyph for {missing}"


def test_quotes_see_across_emphasis():
    curled = smarten_inlines(parse_inlines('"_Hello_," she said, "_it\'s_ me."'))
    assert plain_text(curled) == "“Hello,” she said, “it’s me.”"
    assert curled[1] == Emph((Text("Hello"),))


def test_a_dash_at_the_end_of_an_emphasis_stays_in_it():
    curled = smarten_inlines(parse_inlines("_I was--_ he said"))
    assert curled[0] == Emph((Text("I was\u2060—"),)) and curled[1] == Text("he said")


def test_a_line_break_opens_a_quotation():
    curled = smarten_inlines((Text("screamed Mrs. Wood."), LineBreak(), Text('"Fire!"')))
    assert curled == (Text("screamed Mrs.\u00a0Wood."), LineBreak(), Text("“Fire!”"))


def test_markup_in_the_text_stays_text():
    assert smarten("S&M <b>not bold</b> & 'so'") == "S&M <b>not bold</b> & ‘so’"



_RULES = [*_BEFORE_QUOTES, *(rule for language in ("en", "fr", "de") for spaced in ("closed", "spaced")
                              for rule in _rules_after_quotes(conventions(language, spaced)))]


def test_a_rule_skips_only_paragraphs_it_cannot_change():
    """A rule is not tried on a paragraph without one of the strings it needs: that must never skip a
    paragraph the rule would change. Tried on every case's text, as it is and curled (the rules after
    the quotes see curled ones)."""
    texts = {text for source, expected, _, _ in CASES for text in (source, expected, smarten(source))}
    for rule in _RULES:
        for text in texts:
            if rule.pattern.search(text):
                assert rule.needs is None or rule.needs.search(text), (rule.pattern.pattern, rule.needs.pattern, text)


def test_a_rule_needs_the_pairs_it_looks_for():
    needs = {rule.pattern.pattern: rule.needs.pattern for rule in _RULES if rule.needs is not None}
    assert needs["-(?<!--)-{1,2}(?!-)"] == r"\-\-"
    assert needs["'n'(?<=\\s'n')(?=\\s)"] == "'n'"
    assert needs["  +"] == r"\ \ "
    assert Rule.of(r"(?i)mr\. (?=\w)", "").needs is None or Rule.of(r"(?i)mr\. (?=\w)", "").needs.search("MR. X")
