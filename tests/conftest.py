"""Shared fixtures: the sample manuscripts, the corpus in ../shared (skipped where absent), built books."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from octavo.pipeline import Format, build

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in {".txt", ".md"})
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
REFERENCE = CORPUS / "no-record-of-wrong.txt"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


def manuscript_params(paths, output_format: str):
    """Each manuscript as a parameter grouped for pytest-xdist by manuscript and format, so that one
    worker builds each book once, and a long book's EPUB and PDF checks run side by side."""
    return [pytest.param(path, id=path.name, marks=pytest.mark.xdist_group(f"{path.name}.{output_format}")) for path in paths]


EPUB_MANUSCRIPTS = manuscript_params(SAMPLES + CORPUS_FILES, "epub")
PDF_MANUSCRIPTS = manuscript_params(SAMPLES + CORPUS_FILES, "pdf")


def manifest_rows() -> list[dict[str, str]]:
    """The rows of ../shared/corpus/MANIFEST.tsv: each corpus file with the figures a reading must find."""
    if not CORPUS.is_dir():
        return []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


class BuiltBook:
    """A manuscript's outputs, each built the first time a test asks for it: `book["pdf"]`."""

    def __init__(self, manuscript: Path, out: Path):
        self.manuscript, self.out, self.paths = manuscript, out, {}

    def __getitem__(self, output_format: str) -> Path:
        if output_format not in self.paths:
            (self.paths[output_format],) = build(self.manuscript, (Format(output_format),), self.out).files
        return self.paths[output_format]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """`built(manuscript)["epub"]`: the EPUB (or PDF, or HTML), built once per test session and worker."""
    books: dict[Path, BuiltBook] = {}

    def get(path: Path) -> BuiltBook:
        if path not in books:
            books[path] = BuiltBook(path, tmp_path_factory.mktemp(path.stem))
        return books[path]

    return get
