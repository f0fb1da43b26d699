#!/usr/bin/env python3
"""Count the corpus paragraphs that typography left with a straight quote or `--`, or with a quote that
looks curled the wrong way, and show some of each.

    .venv/bin/python scripts/typography-report.py [--examples N] [FILE_OR_DIR ...]   (default: ../shared/corpus)
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from octavo.build import load_book
from octavo.inline import plain_text

# What each check looks for in a typeset paragraph.
CHECKS = {
    "straight": re.compile(r"[\"']"),  # a straight quote left
    "--": re.compile(r"--"),
    "“ ": re.compile(r"[“‘„‚](?=[^\S\u200a]|$)"),  # an opening quote before a space (a hair space parts two marks)
    " ”x": re.compile(r"(?:^|(?<=\s))”(?=\w)"),  # a closing double quote opening a word
    "‘…": re.compile(r"‘(?!.*’(?!\w))"),  # an opening single quote never closed
    "”>“": None,  # more closing than opening double quotes (the last paragraph of a long quotation, or a slip)
}


def paragraph_texts(path: Path) -> list[str]:
    book = load_book(path)
    texts = [book.meta.title, *(s.title for s in book.sections if s.title)]
    texts += [plain_text(p.inlines) for section in book.sections for p in section.paragraphs]
    return texts


def problems(text: str) -> list[str]:
    found = [name for name, pattern in CHECKS.items() if pattern and pattern.search(text)]
    if text.count("”") > text.count("“") + text.count("„"):
        found.append("”>“")
    return found


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("paths", nargs="*", type=Path)
    arguments.add_argument("--examples", type=int, default=3, help="examples shown per file and check")
    options = arguments.parse_args()
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    files = sorted(
        file for path in options.paths or [corpus] for file in (path.glob("*.txt") if path.is_dir() else [path])
    )
    console = Console()
    table = Table(title="Paragraphs after typography")
    for column in ("file", "paragraphs", *CHECKS):
        table.add_column(column, overflow="fold")
    totals: Counter[str] = Counter()
    for file in files:
        texts = paragraph_texts(file)
        counts: Counter[str] = Counter()
        for text in texts:
            for name in problems(text):
                counts[name] += 1
                if counts[name] <= options.examples:
                    console.print(f"[dim]{file.name}[/] [yellow]{name}[/]: {escape(_around(text, name))}", soft_wrap=True)
        totals.update(counts)
        totals["paragraphs"] += len(texts)
        table.add_row(file.stem, str(len(texts)), *(str(counts[name]) for name in CHECKS))
    table.add_row("all", str(totals["paragraphs"]), *(str(totals[name]) for name in CHECKS), style="bold")
    console.print(table)
    return 0


def _around(text: str, name: str, width: int = 60) -> str:
    """The part of `text` around the first match of the check, or its start."""
    pattern = CHECKS.get(name)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width) if match else 0
    return text[start : start + 2 * width].replace("\n", " / ")


if __name__ == "__main__":
    raise SystemExit(main())
