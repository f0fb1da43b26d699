"""The failures Octavo reports to a user, each kind with its own exit code.

Only `cli.py` turns these into a message and an exit code; the rest of the code raises them with the file
(and line, where there is one) they are about.
"""

from __future__ import annotations

from pathlib import Path


class OctavoError(Exception):
    """A failure the user can act on. `str()` of it is the one-line message."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(OctavoError):
    """The manuscript cannot be read: missing, a folder, no permission, binary."""

    exit_code = 3


class DecodeError(OctavoError):
    """The manuscript's bytes are not text in any encoding we can trust."""

    exit_code = 4


class ManuscriptError(OctavoError):
    """The text was read but is not a manuscript we can make a book of (empty, malformed header)."""

    exit_code = 5


class OutputError(OctavoError):
    """An output file could not be written."""

    exit_code = 6


class RenderError(OctavoError):
    """A backend (ebooklib, WeasyPrint) failed on a book we parsed."""

    exit_code = 7


class ClusterError(OctavoError):
    """The Dask cluster cannot be reached, or Dask is not installed."""

    exit_code = 8


class InternalError(OctavoError):
    """A bug of Octavo's, reported in one line like any other failure (`--debug` shows the traceback)."""

    exit_code = 70
