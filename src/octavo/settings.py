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
from .header import DETAILS, FIELDS, merge_fields, store_field

BOOK_SETTINGS = "book.toml"
FOLDER_SETTINGS = "pyproject.toml"
_PER_BOOK = {"cover"}


def settings_files(manuscript: Path) -> list[Path]:
    """Every settings file `manuscript` takes fields from, there or not: the pyproject.toml of its folder and
    of each folder above, up to the first there is, then its book.toml. A batch builds a book again when
    one of them appears, changes or goes; a watch builds again when one is saved."""
    looked_for = []
    for folder in manuscript.absolute().parents:
        looked_for.append(folder / FOLDER_SETTINGS)
        if looked_for[-1].is_file():
            break
    return [*looked_for, manuscript.parent / BOOK_SETTINGS]


def book_settings(manuscript: Path) -> tuple[dict[str, object], list[Path]]:
    """The header fields the settings files give `manuscript`, and the files looked for (`settings_files`)."""
    fields: dict[str, object] = {}
    looked_for = settings_files(manuscript)
    for path in (path for path in looked_for if path.is_file()):
        if path.name == FOLDER_SETTINGS:
            table = _table(path).get("tool", {}).get("octavo")
            fields = _fields(table, path, manuscript, folder_wide=True) if table is not None else {}
        else:
            fields = merge_fields(fields, _fields(_table(path), path, manuscript, folder_wide=False))
    return fields, looked_for


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
    if folder_wide:  # the keys under [tool.octavo], not [project]'s of the same name
        table_start = re.search(r"^\s*\[\s*tool\.octavo\s*\]", text, re.M)
        text = "\n" * text.count("\n", 0, table_start.start()) + text[table_start.start():] if table_start else text
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
