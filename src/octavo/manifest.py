"""Which books a batch can skip. The output folder keeps a manifest: for each book, a hash of what its
outputs were made from (the manuscript, the cover its header names, the options, Octavo's own code,
stylesheets and templates, and the versions of the libraries that render) and the outputs' sizes. A book
whose hash is the same and whose outputs are all there, as they were written, is unchanged. Paths are
kept from the output folder: a project moved whole, books and all, stays unchanged.

Two batches writing into one folder take turns at the manifest (a lock file beside it) and merge their entries,
so neither loses the other's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import __version__
from .atomic import atomic_target
from .resources import resource_dir

MANIFEST = ".octavo-manifest.json"
_LOCK = ".octavo-manifest.lock"
_PACKAGE = Path(__file__).resolve().parent
_RENDERERS = ("weasyprint", "ebooklib", "fontpkg-eb-garamond", "pydyf", "lxml", "pyphen", "pillow", "fonttools",
              "charset-normalizer", "jinja2", "pyyaml")


@dataclass(frozen=True)
class Entry:
    """What one book's outputs were made from, and what was written."""

    fingerprint: str  # hash of the options, Octavo and the renderers
    sources: dict[str, str]  # path (from the output folder) -> hash of its bytes
    outputs: dict[str, int]  # path (from the output folder) -> size in bytes
    words: int | None = None
    pages: int | None = None


def options_hash(manuscript: Path, out: Path, options: str) -> str:
    """A hash of everything but the source files a book's outputs (in `out`) depend on. `options`
    describes the formats, the page setup and the date written into the books."""
    digest = hashlib.sha256()
    for part in (_stored(manuscript, out), options, _toolchain()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def source_hashes(sources: list[Path]) -> dict[str, str]:
    """The hash of each file's bytes, by its absolute path: links not followed, so that a cover that is a
    link pointed elsewhere is a changed cover."""
    return {str(path.absolute()): file_hash(path) for path in sources}


def entry_for(out: Path, fingerprint: str, sources: dict[str, str], outputs: list[Path], words: int | None,
              pages: int | None) -> Entry:
    """The entry of a book built into `out` from `sources` (path -> hash of its bytes)."""
    return Entry(fingerprint, {_stored(Path(path), out): digest for path, digest in sources.items()},
                 {_stored(path, out): path.stat().st_size for path in outputs}, words, pages)


def is_unchanged(entry: Entry | None, fingerprint: str, out: Path, settings: list[Path]) -> bool:
    """Whether a book built into `out` as `entry` records would come out the same now. `settings` are the
    settings files its build would look for now, there or not: one the entry does not record means the
    books have moved where other settings may apply."""
    if entry is None or entry.fingerprint != fingerprint:
        return False
    if any(_stored(path, out) not in entry.sources for path in settings):
        return False
    try:
        return all(file_hash(_found(path, out)) == digest for path, digest in entry.sources.items()) and all(
            _found(path, out).stat().st_size == size for path, size in entry.outputs.items()
        )
    except OSError:  # a source or an output is gone
        return False


def _stored(path: Path, out: Path) -> str:
    """`path` as the manifest keeps it: from the output folder, so that a folder of manuscripts and its
    books can move together and stay unchanged; absolute where no relative path leads (another drive)."""
    try:
        return os.path.relpath(path.absolute(), out.absolute())
    except ValueError:
        return str(path.absolute())


def _found(stored: str, out: Path) -> Path:
    """The file a path the manifest keeps names. Its `..` are taken from the output folder's path as
    written, not from where a link leads, as `_stored` took them."""
    return Path(os.path.normpath(out.absolute() / stored))


def read_manifest(out: Path) -> dict[str, Entry]:
    """The entries of the manifest in `out`, by book; none when there is no manifest or it is damaged."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {book: Entry(**fields) for book, fields in data["books"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def record(out: Path, entries: dict[str, Entry]) -> None:
    """Add `entries` to the manifest in `out`, keeping what another batch wrote there meanwhile."""
    with _locked(out):
        books = read_manifest(out) | entries
        with atomic_target(out / MANIFEST) as temporary:
            data = {"books": {book: vars(entry) for book, entry in sorted(books.items())}}
            temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """The manifest, locked against another batch's update. The lock is a file of its own, opened for
    writing, as a lock on a network file system must be; filelock locks it the way the system does
    (flock on Linux and macOS, msvcrt on Windows)."""
    from filelock import FileLock  # here: only a batch that has built a book records it

    out.mkdir(parents=True, exist_ok=True)
    with FileLock(out / _LOCK):
        yield


def file_hash(path: Path) -> str:
    """The hash of the file's bytes; "absent" for a file that is not there (a settings file looked for),
    "unreadable" for one that cannot be read (the build says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "unreadable"


@cache
def _toolchain() -> str:
    """Octavo's version and the hash of its code, stylesheets and templates, and the renderers' versions:
    a change to any of them can change every book."""
    from importlib.metadata import PackageNotFoundError, version  # 60 ms to import: only when a batch asks

    digest = hashlib.sha256(__version__.encode("utf-8"))
    folders = (_PACKAGE, resource_dir("styles"), resource_dir("templates"))
    for path in sorted(path for folder in folders for path in folder.rglob("*") if path.is_file() and path.suffix != ".pyc"):
        digest.update(path.name.encode("utf-8") + path.read_bytes())
    for name in _RENDERERS:
        try:
            digest.update(f"{name} {version(name)}".encode("utf-8"))
        except PackageNotFoundError:
            digest.update(name.encode("utf-8"))
    return digest.hexdigest()
