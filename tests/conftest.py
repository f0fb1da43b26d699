"""Shared fixtures: the sample manuscripts, the corpus in ../shared (skipped where absent), built books."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from octavo.build import Format, build

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in {".txt", ".md"})
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
REFERENCE = CORPUS / "no-record-of-wrong.txt"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


def manuscript_params(paths):
    """Each manuscript as a parameter grouped for pytest-xdist, so one worker builds it once."""
    return [pytest.param(path, id=path.name, marks=pytest.mark.xdist_group(path.name)) for path in paths]


ALL_MANUSCRIPTS = manuscript_params(SAMPLES) + manuscript_params(CORPUS_FILES)


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build a manuscript's EPUB and PDF once per test session: `built(path) -> {Format: Path}`."""
    cache: dict[Path, dict[Format, Path]] = {}

    def get(path: Path) -> dict[Format, Path]:
        if path not in cache:
            out = tmp_path_factory.mktemp(path.stem)
            cache[path] = {p.suffix[1:]: p for p in build(path, (Format.EPUB, Format.PDF, Format.HTML), out)}
        return cache[path]

    return get
