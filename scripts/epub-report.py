#!/usr/bin/env python3
"""Build each manuscript twice (EPUB with print page numbers, and PDF), compare the two EPUBs' sha256, and
run EPUBCheck and Ace by DAISY on the EPUB: the figures issue 5 asks for, one row a book.

    .venv/bin/python scripts/epub-report.py [FILE_OR_DIR ...]   (default: manuscripts/ and ../shared/corpus)
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from octavo import check
from octavo.build import Format, build

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sources = [Path(arg) for arg in sys.argv[1:]] or [ROOT / "manuscripts", ROOT.parent / "shared" / "corpus"]
    manuscripts = sorted(m for s in sources for m in (s.iterdir() if s.is_dir() else [s])
                         if m.suffix in {".txt", ".md"} and m.name != "README.md")
    try:
        ace = check.find_ace()
    except check.AceUnavailable:
        ace = None
    table = Table(title="EPUB with print page numbers: reproducible, EPUBCheck, Ace")
    for column in ("manuscript", "pages", "same sha256", "EPUBCheck", "Ace"):
        table.add_column(column)
    with tempfile.TemporaryDirectory() as scratch:
        first = {m: build(m, (Format.EPUB, Format.PDF), Path(scratch) / "first")[0] for m in manuscripts}
        time.sleep(2.1)  # past the two-second resolution of a zip timestamp
        for manuscript, epub in first.items():
            again = build(manuscript, (Format.EPUB, Format.PDF), Path(scratch) / "second")[0]
            findings = check.epubcheck_findings(epub)
            violations = check.ace_findings(epub, ace, Path(scratch) / "ace") if ace else None
            table.add_row(
                manuscript.name,
                str(_page_count(epub)),
                "yes" if _sha(epub) == _sha(again) else "[red]no[/]",
                f"{len(findings)} findings",
                "not installed" if violations is None else f"{len(violations)} violations",
            )
    Console().print(table)
    return 0


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _page_count(epub: Path) -> int:
    with zipfile.ZipFile(epub) as archive:
        return archive.read("EPUB/nav.xhtml").count(b"#page-")


if __name__ == "__main__":
    raise SystemExit(main())
