"""`octavo watch`: the saves of a book's source files, as they happen (watchfiles, which waits on the
operating system's file events rather than polling)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

DEBOUNCE_MS = 300  # an editor's save can be several writes and a rename: one rebuild for them all


def saves(sources: Callable[[], list[Path]], stop: threading.Event | None = None) -> Iterator[list[Path]]:
    """Each time files of `sources()` are saved, made or deleted: those files. Only their folders are
    watched, not what lies below them (a manuscript in a project folder is not a watch on `.venv`), and
    the watch follows `sources()` as it changes (a cover named in the header). Ends on Ctrl-C or `stop`."""
    from watchfiles import watch

    while True:
        folders = _folders(sources())
        for changes in watch(*folders, recursive=False, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False):
            watched = {path.resolve(): path for path in sources()}
            changed = [watched[path] for path in sorted({Path(name).resolve() for _, name in changes}) if path in watched]
            if changed:
                yield changed
                if _folders(sources()) != folders:
                    break
        else:  # the watch ended: Ctrl-C or `stop`
            return


def _folders(paths: list[Path]) -> list[Path]:
    return sorted({path.absolute().parent for path in paths if path.absolute().parent.is_dir()})
