"""Every corpus text comes out with the structure MANIFEST.tsv gives for it, as `octavo inspect --json`
reports it: title (as typography sets it), author, chapter count and scene-break count."""

import json

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, manifest_rows, needs_corpus
from octavo.cli import app
from octavo.typography import conventions, smarten

ROWS = [pytest.param(row, id=row["file"]) for row in manifest_rows()]


def inspect_json(path) -> dict:
    result = CliRunner().invoke(app, ["inspect", "--json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@needs_corpus
@pytest.mark.parametrize("row", ROWS)
def test_structure_matches_the_manifest(row):
    found = inspect_json(CORPUS / row["file"])
    assert {
        "title": found["title"],
        "author": ", ".join(found["authors"]),
        "chapters": len(found["chapters"]),
        "scene breaks": sum(chapter["scene_breaks"] for chapter in found["chapters"]),
    } == {
        "title": smarten(row["expected_title"], conventions(found["language"])),
        "author": row["expected_author"],
        "chapters": int(row["expected_chapters"]),
        "scene breaks": int(row["expected_scene_breaks"]),
    }


@needs_corpus
def test_the_manifest_covers_every_corpus_text():
    assert sorted(row["file"] for row in manifest_rows()) == sorted(p.name for p in CORPUS.glob("*.txt"))
