"""The command line, through Typer's CliRunner with a fixed terminal width."""

import json
import os
import re
import subprocess
import sys
import zipfile

from typer.testing import CliRunner

from conftest import REFERENCE, SAMPLES, needs_corpus
from octavo import __version__
from octavo.cli import app

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
SAMPLE = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_build_writes_the_formats_asked_for(tmp_path):
    result = runner.invoke(app, ["build", str(SAMPLE), "--format", "epub", "--format", "html", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["the-lighthouse-almanac.epub", "the-lighthouse-almanac.html"]
    assert zipfile.is_zipfile(tmp_path / "the-lighthouse-almanac.epub")


def test_a_missing_manuscript_is_one_line_and_exit_code_3(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [f"octavo: error: {tmp_path / 'nope.txt'}: no such file"]
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())


def test_a_malformed_header_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Title: T\nColour: blue\n\nText.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 5
    assert result.output.startswith(f"octavo: error: {bad}:2: unknown header field 'Colour'")


def batch_of(tmp_path, manuscripts: dict[str, str]):
    """Run `octavo batch` (EPUB only) over a folder holding `manuscripts` (name -> text)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in manuscripts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return runner.invoke(app, ["batch", str(folder), "--format", "epub", "--out", str(tmp_path / "out")])


def test_batch_builds_the_good_reports_the_bad_and_exits_non_zero(tmp_path):
    result = batch_of(tmp_path, {"good.txt": "Good Book\n\nOnce upon a time.\n", "empty.txt": "  \n"})
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good.epub").exists() and not (tmp_path / "out" / "empty.epub").exists()
    assert "good.txt" in result.output and "failed" in result.output and "is empty" in result.output


def test_inspect_tree():
    result = runner.invoke(app, ["inspect", str(SAMPLE)])
    assert result.exit_code == 0
    for expected in ("The Lighthouse Almanac", "Marian Holt", "Chapters (3)", "Chapter 1: The Lamp Room", "Epigraph"):
        assert expected in result.output


@needs_corpus
def test_inspect_json_contract():
    result = runner.invoke(app, ["inspect", "--json", str(REFERENCE)])
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert found["title"] == "No Record Of Wrong" and found["authors"] == [] and found["language"] == "en"
    assert [m["role"] for m in found["front_matter"]] == ["disclaimer", "epigraph", "note"]
    assert [m["role"] for m in found["back_matter"]] == ["note"]
    assert all(isinstance(m["title"], str) and m["words"] > 0 for m in found["front_matter"] + found["back_matter"])
    assert found["epigraph"]["text"].startswith("Love is patient") and found["epigraph"]["source"].startswith("The New Testament")
    (chapter,) = found["chapters"]
    assert chapter["scene_breaks"] == 1 and chapter["words"] > 5000 and isinstance(chapter["title"], str)


def test_batch_refuses_two_manuscripts_that_would_make_the_same_book(tmp_path):
    result = batch_of(tmp_path, {"story.md": "One\n\nText one.\n", "story.txt": "Two\n\nText two.\n"})
    assert result.exit_code == 1
    assert f"same name as {tmp_path / 'in' / 'story.md'}" in result.output
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == ["story.epub"]


def test_an_output_folder_that_cannot_be_made_is_exit_code_6(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SAMPLE), "--format", "epub", "--out", str(blocker / "books")])
    assert result.exit_code == 6
    assert result.output.startswith("octavo: error: ") and "cannot write here" in result.output


def test_a_bug_is_one_line_with_exit_code_70_unless_debug(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("octavo.pipeline.build", broken)
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 70
    assert result.output.strip().splitlines() == [
        f"octavo: error: {SAMPLE}: internal error: ZeroDivisionError: division by zero (run with --debug for details)"
    ]
    result = runner.invoke(app, ["--debug", "build", str(SAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 70
    assert result.output.startswith("Traceback (most recent call last):") and "ZeroDivisionError: division by zero" in result.output


def test_build_goes_on_past_a_failure_and_exits_with_its_code(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("A\n\nText.\n", encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text("B\n\nText.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    manuscripts = [tmp_path / "empty.txt", tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"]
    result = runner.invoke(app, ["build", *map(str, manuscripts), "-f", "epub", "--out", str(tmp_path / "out")])
    assert result.exit_code == 5
    assert f"wrote {tmp_path / 'out' / 'story.epub'}" in result.output
    assert "is empty" in result.output and "same name as" in result.output


def test_the_readme_lists_the_exit_code_of_every_kind_of_error():
    import re

    from conftest import REPO
    from octavo import errors

    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M)}
    kinds = [kind for kind in vars(errors).values() if isinstance(kind, type) and issubclass(kind, errors.OctavoError)]
    assert {kind.exit_code for kind in kinds} <= listed


def test_quiet_says_nothing_and_verbose_gives_each_books_figures(tmp_path):
    quiet = runner.invoke(app, ["--quiet", "build", str(SAMPLE), "-f", "epub", "--out", str(tmp_path)])
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = runner.invoke(app, ["-v", "build", str(SAMPLE), "-f", "epub", "--out", str(tmp_path)])
    assert verbose.exit_code == 0
    assert re.search(rf"^{re.escape(str(SAMPLE))}: \d+ words, built in \d+\.\d s$", verbose.output, re.M), verbose.output


def test_quiet_still_reports_an_error(tmp_path):
    result = runner.invoke(app, ["-q", "build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 3 and result.output.strip() == f"octavo: error: {tmp_path / 'nope.txt'}: no such file"


def test_shell_completion_is_offered():
    result = runner.invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0 and "_OCTAVO_COMPLETE" in result.output


def test_no_colour_codes_when_the_output_is_not_a_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Good\n\nText.\n", encoding="utf-8")
    (folder / "bad.txt").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "octavo", "batch", str(folder), "-f", "epub", "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, env={**os.environ, "TERM": "xterm-256color"})
    assert run.returncode == 1 and "failed" in run.stdout
    assert "\x1b[" not in run.stdout + run.stderr


def test_colour_on_a_terminal_and_never_with_no_color(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_text("", encoding="utf-8")
    command = [sys.executable, "-m", "octavo", "batch", str(folder), "-f", "epub", "-o", str(tmp_path / "out")]
    terminal = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    coloured = subprocess.run(command, capture_output=True, text=True, env=terminal).stdout
    plain = subprocess.run(command, capture_output=True, text=True, env=terminal | {"NO_COLOR": "1"}).stdout
    colour = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])[0-9;]*m")  # a foreground colour
    assert colour.search(coloured) and not colour.search(plain)
