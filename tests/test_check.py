"""`octavo check`: EPUBCheck, and Ace by DAISY where it is installed, over manuscripts and EPUBs."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EPUB_MANUSCRIPTS, SAMPLES
from octavo import check
from octavo.cli import app

runner = CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1"})
SAMPLE = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")


def ace_is_available() -> bool:
    try:
        check.find_ace()
    except check.AceUnavailable:
        return False
    return True


def broken_epub(tmp_path: Path) -> Path:
    """A zip with a wrong mimetype and nothing else: EPUBCheck's PKG-007 (ERROR) and RSC-002 (FATAL)."""
    epub = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub, "w") as package:
        package.writestr("mimetype", "application/zip")
    return epub


def test_a_manuscript_without_ace_says_so_passes_epubcheck_and_exits_0(monkeypatch, tmp_path):
    monkeypatch.setattr(check, "LOCAL_TOOLS", tmp_path)
    monkeypatch.setenv("PATH", str(Path(shutil.which("java")).parent))  # Java for EPUBCheck, and no `ace`
    result = runner.invoke(app, ["check", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "octavo: Ace by DAISY not installed: run scripts/setup-ace.sh"
    assert result.stdout.strip() == f"{SAMPLE}: passes EPUBCheck"


def test_a_broken_epub_exits_1_and_the_table_names_the_epubcheck_rules(tmp_path):
    broken = broken_epub(tmp_path)
    result = runner.invoke(app, ["check", str(broken)])  # Ace, where installed, is not run on a FATAL package
    assert result.exit_code == 1, result.output
    assert "PKG-007" in result.stdout and "RSC-002" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == f"{broken}: fails: 2 findings from EPUBCheck"


def test_json_lists_the_findings(tmp_path):
    broken = broken_epub(tmp_path)
    result = runner.invoke(app, ["check", "--json", str(broken)])
    assert result.exit_code == 1
    (book,) = json.loads(result.stdout)
    assert book["book"] == str(broken) and book["passed"] is False and book["tools"] == ["EPUBCheck"]
    assert {(f["tool"], f["severity"], f["rule"]) for f in book["findings"]} == {("EPUBCheck", "ERROR", "PKG-007"), ("EPUBCheck", "FATAL", "RSC-002")}


@pytest.mark.parametrize("name", ["nope.epub", "nope.txt"])
def test_a_missing_file_is_one_line_and_exit_code_3(tmp_path, name):
    missing = tmp_path / name
    result = runner.invoke(app, ["check", "--no-ace", str(missing)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [f"octavo: error: {missing}: no such file"]


def test_a_file_that_is_no_book_is_one_line_and_exit_code_3(tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.7\n")
    result = runner.invoke(app, ["check", "--no-ace", str(notes)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [f"octavo: error: {notes}: is neither an EPUB nor a manuscript (.epub, .txt, .text, .md, .markdown)"]


def test_ace_violations_are_read_from_the_failed_assertions_of_its_report():
    report = {
        "assertions": [
            {"earl:testSubject": {"url": "text/chapter-1.xhtml"}, "earl:result": {"earl:outcome": "pass"}, "assertions": []},
            {
                "earl:testSubject": {"url": "/EPUB/content.opf"},
                "earl:result": {"earl:outcome": "fail"},
                "assertions": [
                    {
                        "earl:result": {"earl:outcome": "fail", "dct:description": "The language must be specified", "earl:pointer": {"css": ["package"]}},
                        "earl:test": {"dct:title": "epub-lang", "earl:impact": "serious", "dct:description": "Ensures the OPF XML language is provided"},
                    }
                ],
            },
        ]
    }
    assert check.ace_violations(report, "book.epub") == [
        check.Finding("Ace", "serious", "epub-lang", "book.epub/EPUB/content.opf (package)", "The language must be specified")
    ]


needs_ace = pytest.mark.skipif(
    not ace_is_available(), reason="Ace by DAISY or Chromium is not installed (scripts/setup-ace.sh, scripts/setup-system.sh)"
)


@needs_ace
def test_check_runs_both_tools_on_our_sample():
    result = runner.invoke(app, ["check", "--json", str(SAMPLE)])
    (book,) = json.loads(result.stdout)
    assert book["tools"] == ["EPUBCheck", "Ace"] and book["passed"], book["findings"]


@needs_ace
@pytest.mark.parametrize("manuscript", EPUB_MANUSCRIPTS)
def test_ace_finds_no_violation(manuscript, built, tmp_path):
    assert check.ace_findings(built(manuscript)["epub"], check.find_ace(), tmp_path) == []
