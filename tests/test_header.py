"""The metadata header: `Key: value` lines or a YAML block, errors naming the line."""

from pathlib import Path

import pytest

from octavo.errors import ManuscriptError
from octavo.header import read_header

PATH = Path("m.txt")


def header(text):
    return read_header(text.split("\n"), PATH)


def test_key_value_lines():
    found = header("Title: A Book\nAuthor: Ann Lee; Bo Yin\nLanguage: fr-CA\n\nText.")
    assert found.fields == {"title": "A Book", "authors": ("Ann Lee", "Bo Yin"), "language": "fr-CA"}
    assert found.end == 3


def test_yaml_block_keeps_what_it_knows_and_leaves_other_tools_keys():
    found = header("---\ntitle: Hope\nauthor: Jeconais\nlayout: standard\n---\nText.")
    assert found.fields == {"title": "Hope", "authors": ("Jeconais",)}
    assert found.end == 5


def test_no_header_when_the_first_line_is_prose_or_a_label():
    assert header("No Record Of Wrong\n\nA/N hi").fields == {}
    assert header("Disclaimer: not mine\n\nText").fields == {}
    assert header("---\n\nText after a break\n\n---").fields == {}


@pytest.mark.parametrize("label", ["Disclaimer: not mine", "A/N: thanks", "Author's Note: hi", "Quote: To be."])
def test_a_label_ends_the_header(label):
    found = header(f"Title: T\n{label}\n\nText")
    assert found.fields == {"title": "T"} and found.end == 1


def test_language_names_become_tags():
    assert header("Title: T\nLanguage: French\n\nText").fields["language"] == "fr"


def test_unknown_field_is_named_with_its_line():
    with pytest.raises(ManuscriptError) as error:
        header("Title: T\nColour: blue\n\nText")
    assert "'Colour'" in str(error.value) and error.value.line == 2


def test_malformed_yaml_names_its_line():
    with pytest.raises(ManuscriptError) as error:
        header("---\ntitle: T\nauthor: [unclosed\n---\nText")
    assert error.value.line in (3, 4)


def test_language_must_be_a_tag():
    with pytest.raises(ManuscriptError, match="language"):
        header("Title: T\nLanguage: Klingon please\n\nText")
