"""The Python API: `octavo.build` for people who script."""

import pytest

import octavo
from conftest import SAMPLES


def test_build_returns_what_it_wrote(tmp_path):
    sample = SAMPLES[0]
    built = octavo.build(sample, formats=["epub", "html"], out=tmp_path)
    assert built.files == [tmp_path / f"{sample.stem}.epub", tmp_path / f"{sample.stem}.html"]
    assert all(path.stat().st_size > 1000 for path in built.files)
    assert built.words > 500 and built.pages is None and built.sources[0] == sample
    assert all(path.name in ("pyproject.toml", "book.toml") for path in built.sources[1:])


def test_build_takes_the_pdf_options(tmp_path):
    from pypdf import PdfReader

    (pdf,) = octavo.build(str(SAMPLES[0]), formats=["pdf"], out=str(tmp_path), trim="6x9", profile="print").files
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (432, 648)


def test_a_failure_is_an_octavo_error_with_a_one_line_message(tmp_path):
    with pytest.raises(octavo.OctavoError) as failure:
        octavo.build(tmp_path / "missing.txt", out=tmp_path)
    assert str(failure.value) == f"{tmp_path / 'missing.txt'}: no such file"


def test_one_format_may_be_given_as_a_string(tmp_path):
    assert [path.suffix for path in octavo.build(SAMPLES[0], formats="epub", out=tmp_path).files] == [".epub"]


def test_a_wrong_option_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        octavo.build(SAMPLES[0], formats=["docx"], out=tmp_path)
    with pytest.raises(ValueError, match="jobs"):
        octavo.build(SAMPLES[0], out=tmp_path, jobs=0)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
