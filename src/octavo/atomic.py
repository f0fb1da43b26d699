"""Writing a file so that it is whole or not there: a build that fails or is killed half-way leaves the
previous output, or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError


@contextmanager
def atomic_target(final: Path) -> Iterator[Path]:
    """A temporary path beside `final` that is renamed onto it only if the block succeeds: a failed or
    killed build leaves the previous output, or nothing, never a half-written file."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", final.parent) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask, read where Linux shows it: setting it to read it back would, for a moment,
    give files other threads make (a Dask worker's) no protection."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        mask = os.umask(0o022)
        os.umask(mask)
        return mask
