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


def test_date_series_and_subjects():
    found = header("Title: T\nDate: 2026-11\nSeries: The Almanacs #2\nSubjects: Sea, Lighthouses\nGenre: Romance\n\nText")
    assert (found.fields["date"], found.fields["series"], found.fields["series_number"]) == ("2026-11", "The Almanacs", "2")
    assert found.fields["subjects"] == ["Sea", "Lighthouses", "Romance"]
    yaml = header("---\ntitle: T\nseries: The Almanacs\nseries number: 2.5\nkeywords: [Sea, Lighthouses]\n---\nText")
    assert (yaml.fields["series"], yaml.fields["series_number"], yaml.fields["subjects"]) == ("The Almanacs", "2.5", ["Sea", "Lighthouses"])


@pytest.mark.parametrize(("line", "field"), [("Date: 25/11/2026", "date"), ("Date: 2026-13", "date"), ("Series Number: two", "series number")])
def test_a_malformed_date_or_series_number_names_the_field_and_line(line, field):
    with pytest.raises(ManuscriptError, match=f"'{field}' must be") as error:
        header(f"Title: T\n{line}\n\nText")
    assert error.value.line == 2


def test_a_yaml_header_may_open_with_comments():
    found = header("---\n# The book's details\ntitle: T\n# subtitle: not yet\n---\nText")
    assert found.fields == {"title": "T"} and found.end == 5
    assert header("---\n# The book's details\n\ntitle: T\n---\nText").fields == {"title": "T"}
