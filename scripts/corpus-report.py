#!/usr/bin/env python3
"""Compare what `octavo inspect` finds in each corpus file with the figures in MANIFEST.tsv.

    .venv/bin/python scripts/corpus-report.py [CORPUS_DIR]     (default: ../shared/corpus)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from octavo.build import load_book
from octavo.errors import OctavoError
from octavo.report import summary


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    table = Table(title=f"octavo inspect against {corpus / 'MANIFEST.tsv'}")
    for column in ("file", "title", "author", "chapters", "scene breaks"):
        table.add_column(column, overflow="fold")
    right = 0
    for row in rows:
        try:
            found = summary(load_book(corpus / row["file"]))
        except OctavoError as error:
            table.add_row(row["file"], f"[red]{error}[/]", "", "", "")
            continue
        cells = [
            _cell(found["title"], row["expected_title"]),
            _cell(", ".join(found["authors"]), row["expected_author"]),
            _cell(len(found["chapters"]), int(row["expected_chapters"])),
            _cell(sum(c["scene_breaks"] for c in found["chapters"]), int(row["expected_scene_breaks"])),
        ]
        right += sum(cell.startswith("[green]") for cell in cells)
        table.add_row(row["file"], *cells)
    Console().print(table)
    print(f"{right} of {4 * len(rows)} figures right")
    return 0


def _cell(found, expected) -> str:
    if found == expected:
        return f"[green]{found}[/]"
    return f"[red]{found}[/] (expected {expected})"


if __name__ == "__main__":
    sys.exit(main())
