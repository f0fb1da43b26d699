"""Book settings in one place: the header, a book.toml beside the manuscript, [tool.octavo] in a
pyproject.toml over a folder of books; the command line over them all."""

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from octavo.cli import app
from octavo.pipeline import load_book

runner = CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1"})
POINTS = 72


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page_size(pdf):
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width) / POINTS, 2), round(float(box.height) / POINTS, 2)


def test_the_header_over_book_toml_over_tool_octavo(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "shelf"\n\n[tool.octavo]\npublisher = "Tide Press"\nauthor = "House Name"\nseries = "The Almanacs"\n')
    write(tmp_path / "books" / "book.toml", 'author = "Ann Lee"\nseries-number = 2\nsubjects = ["Sea", "Lighthouses"]\n')
    manuscript = write(tmp_path / "books" / "tide.txt", "Title: Tide\nSubjects: Harbours\n\nThe tide came in.\n")
    meta = load_book(manuscript).meta
    assert (meta.title, meta.authors, meta.publisher) == ("Tide", ("Ann Lee",), "Tide Press")
    assert (meta.series, meta.series_number, meta.subjects) == ("The Almanacs", "2", ("Sea", "Lighthouses", "Harbours"))


def test_title_page_details_merge_by_label(tmp_path):
    write(tmp_path / "book.toml", 'rating = "Teen"\ngenre = "Adventure"\nfandom = "Harry Potter"\n')
    manuscript = write(tmp_path / "tide.txt", "Title: Tide\nFandom: Star Wars\n\nThe tide came in.\n")
    meta = load_book(manuscript).meta
    assert dict(meta.details) == {"Rating": "Teen", "Genre": "Adventure", "Fandom": "Star Wars"}
    assert set(meta.subjects) >= {"Adventure", "Star Wars"}


def test_a_bad_key_under_tool_octavo_is_named_at_its_own_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "shelf"\ndescription = "x"\n\n[tool.octavo]\npublisher = "P"\ndescription = ["not", "text"]\n')
    manuscript = write(tmp_path / "books" / "tide.txt", "The tide came in.\n")
    result = runner.invoke(app, ["build", str(manuscript), "-f", "epub", "-o", str(tmp_path / "out")])
    assert result.exit_code == 5 and result.output.startswith(f"octavo: error: {tmp_path / 'pyproject.toml'}:7: "), result.output


def test_the_pdf_options_from_the_header_or_book_toml_and_the_command_line_over_them(tmp_path):
    manuscript = write(tmp_path / "tide.txt", "Title: Tide\nTrim: 6x9\n\nThe tide came in.\n")
    assert runner.invoke(app, ["build", str(manuscript), "-f", "pdf", "-o", str(tmp_path / "a")]).exit_code == 0
    assert page_size(tmp_path / "a" / "tide.pdf") == (6, 9)
    assert runner.invoke(app, ["build", str(manuscript), "-f", "pdf", "--trim", "5x8", "-o", str(tmp_path / "b")]).exit_code == 0
    assert page_size(tmp_path / "b" / "tide.pdf") == (5, 8)
    write(tmp_path / "tide.txt", "Title: Tide\n\nThe tide came in.\n")
    write(tmp_path / "book.toml", 'trim = "a5"\nprofile = "print"\ndrop-caps = true\n')
    assert runner.invoke(app, ["build", str(manuscript), "-f", "pdf", "-o", str(tmp_path / "c")]).exit_code == 0
    assert page_size(tmp_path / "c" / "tide.pdf") == (5.83, 8.27)
    assert "/Outlines" not in PdfReader(tmp_path / "c" / "tide.pdf").trailer["/Root"]  # the print profile


@pytest.mark.parametrize(
    ("settings", "message", "line"),
    [
        ('title = "T"\ncolour = "blue"\n', "unknown setting 'colour' (known: ", 2),
        ('title = "T"\ntrim = "2x2"\n', "header field 'trim': '2x2' is outside the trim sizes printers make", 2),
        ('title = "T"\ndate = "soon"\n', "header field 'date' must be a date", 2),
        ('title = "T\n', "is not valid TOML", 1),
    ],
)
def test_a_bad_book_toml_names_itself_and_the_line(tmp_path, settings, message, line):
    manuscript = write(tmp_path / "tide.txt", "The tide came in.\n")
    write(tmp_path / "book.toml", settings)
    result = runner.invoke(app, ["build", str(manuscript), "-f", "epub", "-o", str(tmp_path / "out")])
    assert result.exit_code == 5
    assert result.output.startswith(f"octavo: error: {tmp_path / 'book.toml'}:{line}: {message}"), result.output


def test_a_folder_wide_cover_is_refused(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.octavo]\ncover = "cover.png"\n')
    manuscript = write(tmp_path / "books" / "tide.txt", "The tide came in.\n")
    result = runner.invoke(app, ["build", str(manuscript), "-f", "epub", "-o", str(tmp_path / "out")])
    assert result.exit_code == 5 and "'cover' is each book's own" in result.output


def test_a_settings_file_made_or_changed_rebuilds_its_books_in_a_batch(tmp_path):
    write(tmp_path / "in" / "tide.txt", "Tide\n\nThe tide came in.\n")
    command = ["batch", str(tmp_path / "in"), "-f", "epub", "-o", str(tmp_path / "out")]
    assert runner.invoke(app, command).exit_code == 0
    settings = write(tmp_path / "in" / "book.toml", 'title = "Tide"\n')
    assert "│ built" in runner.invoke(app, command).output
    assert "unchanged" in runner.invoke(app, command).output
    settings.write_text('title = "High Tide"\n', encoding="utf-8")
    assert "│ built" in runner.invoke(app, command).output
    write(tmp_path / "pyproject.toml", '[tool.octavo]\npublisher = "Tide Press"\n')
    assert "│ built" in runner.invoke(app, command).output
