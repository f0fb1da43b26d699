"""Where the stylesheets and templates are: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The folder `styles` or `templates`. A wheel carries them inside the package (see pyproject.toml);
    an editable install or a checkout finds them at the repository's top."""
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Octavo's {name}/ folder is missing from {_PACKAGE}: reinstall Octavo")


def stylesheet(name: str) -> str:
    return (resource_dir("styles") / name).read_text(encoding="utf-8")
