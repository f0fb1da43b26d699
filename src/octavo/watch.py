"""`octavo watch`: the saves of a book's source files, as they happen (watchfiles, which waits on the
operating system's file events rather than polling)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

DEBOUNCE_MS = 300  # an editor's save can be several writes and a rename: one rebuild for them all


def saves(folder: Path, sources: Callable[[], list[Path]], stop: threading.Event | None = None) -> Iterator[list[Path]]:
    """Each time files of `sources()` under `folder` are saved (or replaced, as editors do): those files.
    Ends on Ctrl-C or when `stop` is set."""
    from watchfiles import watch

    for changes in watch(folder, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False):
        watched = {path.resolve(): path for path in sources()}
        changed = [watched[path] for path in sorted({Path(name).resolve() for _, name in changes}) if path in watched]
        if changed:
            yield changed
