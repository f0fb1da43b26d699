"""`octavo init`: a new book folder holding a manuscript that shows every header field, ready to build."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from string import Template

from .atomic import atomic_target
from .errors import OutputError
from .resources import resource_dir


def new_book(folder: Path) -> Path:
    """Make `folder` (which must not exist, or be empty) with a starter manuscript named after it; returns
    the manuscript's path."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError("already exists: choose a new name, or empty that folder first", folder)
    name = folder.resolve().name
    manuscript = folder / f"{_slug(name) or 'book'}.txt"
    starter = Template((resource_dir("templates") / "new-book.txt").read_text(encoding="utf-8"))
    with atomic_target(manuscript) as temporary:
        # JSON's quoted string is YAML's too: a title such as "No", "Rock: the Story" or "#1 Fan" stays text.
        temporary.write_text(starter.substitute(title=json.dumps(_title(name), ensure_ascii=False), year=date.today().year), encoding="utf-8")
    return manuscript


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def _title(name: str) -> str:
    """`my-sea-story` -> `My Sea Story`; a name with capitals is kept as written."""
    words = re.sub(r"[-_]+", " ", name).split()
    return " ".join(words) if any(c.isupper() for c in name) else " ".join(word.capitalize() for word in words)
