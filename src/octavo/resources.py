"""Where the stylesheets and templates are (inside the installed package, or at the top of a checkout), and
where Octavo keeps what it makes once for every build (the user's cache folder)."""

from __future__ import annotations

import os
import tempfile
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


def cache_folder(name: str) -> Path:
    """Octavo's folder `name` in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache, else the
    temporary folder); not made here."""
    cache_home = os.environ.get("XDG_CACHE_HOME")
    if not cache_home:
        try:
            home = Path.home()
        except RuntimeError:  # no HOME, and a user the password database does not know (a container's)
            home = None
        cache_home = home / ".cache" if home and home.is_dir() else tempfile.gettempdir()
    return Path(cache_home) / "octavo" / name
