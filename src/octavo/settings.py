"""Settings files: a book's header fields kept beside it, for the books that share them or for authors
who keep the manuscript bare.

- `book.toml` in the manuscript's folder: fields for the books in that folder.
- `[tool.octavo]` in the nearest `pyproject.toml` at or above that folder: fields for a folder of books
  (publisher, rights, series, trim, profile); not a cover, which is each book's own.

Keys are the header's (`title`, `series-number` or `series_number`, `trim`, `drop-caps`...). The header
overrides `book.toml`, which overrides `[tool.octavo]`; the command line overrides them all. A key Octavo
does not know is an error naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import ManuscriptError, OctavoError
from .header import DETAILS, FIELDS, store_field

BOOK_SETTINGS = "book.toml"
FOLDER_SETTINGS = "pyproject.toml"
_PER_BOOK = {"cover"}


def book_settings(manuscript: Path) -> tuple[dict[str, object], list[Path]]:
    """The header fields the settings files give `manuscript`, and those files."""
    fields: dict[str, object] = {}
    files = []
    folder_settings = next((folder / FOLDER_SETTINGS for folder in manuscript.absolute().parents
                            if (folder / FOLDER_SETTINGS).is_file()), None)
    if folder_settings:
        table = _table(folder_settings).get("tool", {}).get("octavo")
        if table is not None:
            fields |= _fields(table, folder_settings, manuscript, folder_wide=True)
            files.append(folder_settings)
    book_file = manuscript.parent / BOOK_SETTINGS
    if book_file.is_file():
        fields |= _fields(_table(book_file), book_file, manuscript, folder_wide=False)
        files.append(book_file)
    return fields, files


def _table(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ManuscriptError(f"is not valid TOML: {error}", path, int(line[1]) if line else None) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ManuscriptError(f"cannot be read: {getattr(error, 'strerror', None) or error}", path) from None


def _fields(table: dict, path: Path, manuscript: Path, folder_wide: bool) -> dict[str, object]:
    """Header fields from a TOML table; its cover, when it may have one, resolved against the manuscript."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, object] = {}
    for key, value in table.items():
        name = key.strip().lower().replace("-", " ").replace("_", " ")
        line = _line_of(text, key)
        if name not in FIELDS and name not in DETAILS:
            known = ", ".join(sorted(key.replace(" ", "-") for key in (*FIELDS, *DETAILS)))
            raise ManuscriptError(f"unknown setting {key!r} (known: {known})", path, line)
        if folder_wide and FIELDS.get(name) in _PER_BOOK:
            raise ManuscriptError(f"{key!r} is each book's own: give it in the book's header or book.toml", path, line)
        try:
            store_field(fields, name, value, manuscript, line)
        except OctavoError as error:  # said of the settings file, where the value is
            raise type(error)(error.message, path, line) from None
    return fields


def _line_of(text: str, key: str) -> int | None:
    found = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else None
