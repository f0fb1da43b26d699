"""Building many books: each book is a `Job` that `run_job` builds on its own, a failure kept to that book.
Jobs run on any `concurrent.futures.Executor`: in this process, in a pool of processes, or on a Dask
cluster (`Client.get_executor()`), so a laptop and a cluster share one code path.

A job on a cluster whose workers cannot write into the output folder ships its files back
(`Job.ship`): the worker builds into a scratch folder and returns the bytes, and the client writes them.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import math
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .atomic import atomic_target
from .errors import InternalError, OctavoError, OutputError
from .formats import Format
from .manifest import entry_for, file_hash, is_unchanged, options_hash, read_manifest, record, source_hashes
from .settings import settings_files


class Status(StrEnum):
    BUILT = "built"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """One book to build: `manuscript` into `folder` (inside the batch's output folder `out`)."""

    manuscript: Path
    out: Path
    folder: Path
    formats: tuple[Format, ...]
    options: tuple[tuple[str, object], ...]  # the PDF's page options given on the command line
    ship: bool = False  # return the files' bytes rather than write them into `folder`
    cores: int = 1  # a long book's PDF is laid out on this many cores; the book is the same on any number
    # The client's, for a worker elsewhere (or started earlier) does not share its environment.
    source_date_epoch: str | None = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH"))

    @property
    def book(self) -> str:
        """The book's name in the manifest: its outputs' path, less the suffix, inside `out`, and its formats,
        so that a book built by turns as an EPUB and as a PDF keeps an entry for each."""
        name = (self.folder / self.manuscript.stem).relative_to(self.out)
        return f"{name} ({', '.join(sorted(output_format.value for output_format in self.formats))})"

    @property
    def fingerprint(self) -> str:
        """A hash of what the book's outputs depend on, besides its source files."""
        return options_hash(self.manuscript, self.out, f"{[f.value for f in self.formats]} {self.options!r} {self.source_date_epoch}")


@dataclass(frozen=True)
class Result:
    """How one job went. `files` holds the shipped outputs' bytes by name, until the client writes them."""

    job: Job
    status: Status
    written: tuple[Path, ...] = ()
    words: int | None = None
    pages: int | None = None
    seconds: float = 0.0
    error: OctavoError | None = None
    details: str | None = None  # the traceback of an internal error, for --debug
    warnings: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)  # path -> hash of the bytes built from; none: not to record
    files: dict[str, bytes] = field(default_factory=dict, repr=False)


def jobs_for(manuscripts: Iterable[Path], out: Path, folder_of, formats, options, ship: bool = False) -> Iterator[Job | Result]:
    """A job for each manuscript, its books going into `folder_of(manuscript)`; two manuscripts whose books
    would have the same name (story.md and story.txt) do not overwrite each other: the second fails."""
    claimed: dict[Path, Path] = {}  # output stem -> the manuscript whose book it is
    for manuscript in manuscripts:
        job = Job(manuscript, out, folder_of(manuscript), tuple(formats), tuple(options), ship)
        owner = claimed.setdefault(job.folder / manuscript.stem, manuscript)
        if owner == manuscript:
            yield job
        else:
            yield Result(job, Status.FAILED, error=OutputError(f"has the same name as {owner}: its book would overwrite that one", manuscript))


def run_job(job: Job) -> Result:
    """Build one book, catching every failure into the result: a batch goes on past a bad book."""
    from .pipeline import build  # here, not above: a batch of unchanged books never imports the pipeline

    started = time.perf_counter()
    warnings = _Warnings()
    logging.getLogger("octavo").addHandler(warnings)
    try:
        manuscript_hash = file_hash(job.manuscript)
        if job.ship:
            with tempfile.TemporaryDirectory(prefix="octavo-job-") as scratch:
                built = build(job.manuscript, job.formats, Path(scratch), dict(job.options), job.source_date_epoch, job.cores)
                files = {path.name: path.read_bytes() for path in built.files}
                written = tuple(job.folder / name for name in files)
        else:
            built = build(job.manuscript, job.formats, job.folder, dict(job.options), job.source_date_epoch, job.cores)
            files, written = {}, tuple(built.files)
        sources = source_hashes(built.sources)
        if sources[str(job.manuscript.absolute())] != manuscript_hash:
            sources = {}  # saved again while it was being built: the book is stale, so not recorded as built
        return Result(job, Status.BUILT, written, built.words, built.pages, time.perf_counter() - started,
                      warnings=tuple(warnings.lines), sources=sources, files=files)
    except OctavoError as error:
        return Result(job, Status.FAILED, seconds=time.perf_counter() - started, error=error, warnings=tuple(warnings.lines))
    except Exception as error:  # a bug of ours: one line, and the traceback for --debug
        internal = InternalError(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", job.manuscript)
        return Result(job, Status.FAILED, seconds=time.perf_counter() - started, error=internal, details=traceback.format_exc())
    finally:
        logging.getLogger("octavo").removeHandler(warnings)


class _Warnings(logging.Handler):
    """The warnings a build logs, carried back with its result (a worker process has no terminal). Only
    this thread's: a Dask worker builds several books at once, in threads."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.lines.append(record.getMessage())


class Batch:
    """Jobs run on `executor`, at most `in_flight` at a time, the unchanged ones skipped unless `force`.
    `results` gives each result as it comes, calling `started` as each job goes out (for a progress
    display)."""

    def __init__(self, jobs: list[Job | Result], executor: Executor, in_flight: int, force: bool = False):
        self.jobs, self.executor, self.in_flight, self.force = jobs, executor, max(1, in_flight), force

    def results(self, started=lambda job: None) -> Iterator[Result]:
        manifests = {out: read_manifest(out) for out in {job.out for job in self.jobs if isinstance(job, Job)}}
        waiting: list[Job] = []
        for job in self.jobs:
            if isinstance(job, Result):
                yield job
            elif not self.force and is_unchanged(entry := manifests[job.out].get(job.book), job.fingerprint, job.out,
                                                 settings_files(job.manuscript)):
                yield Result(job, Status.UNCHANGED, words=entry.words, pages=entry.pages)
            else:
                waiting.append(job)
        running: dict[Future, Job] = {}
        # The longest books go first (popped from the end), so that the last ones to finish are short: the
        # workers finish about together, rather than one building a long book while the others wait.
        waiting.sort(key=_manuscript_size)
        while waiting or running:
            while waiting and len(running) < self.in_flight:
                job = waiting.pop()
                started(job)
                running[self.executor.submit(run_job, job)] = job
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield _settle(running.pop(future), future)


def _manuscript_size(job: Job) -> int:
    try:
        return job.manuscript.stat().st_size
    except OSError:  # its build says what is wrong
        return 0


def _settle(job: Job, future: Future) -> Result:
    """The job's result, its shipped files written and its manifest entry recorded."""
    try:
        result = future.result()
    except Exception as error:  # the worker itself died (killed, out of memory, cluster lost)
        return Result(job, Status.FAILED, error=InternalError(f"the build stopped: {type(error).__name__}: {error}", job.manuscript))
    if result.status is not Status.BUILT:
        return result
    try:
        if result.files:
            for path in result.written:
                with atomic_target(path) as temporary:
                    temporary.write_bytes(result.files[path.name])
        if result.sources:
            record(job.out, {job.book: entry_for(job.out, job.fingerprint, result.sources, list(result.written), result.words, result.pages)})
    except OctavoError as error:
        return Result(job, Status.FAILED, seconds=result.seconds, error=error)
    except OSError as error:
        return Result(job, Status.FAILED, seconds=result.seconds, error=OutputError(f"cannot write: {error.strerror or error}", job.folder))
    return dataclasses.replace(result, files={})  # written: the bytes need not be kept


@contextmanager
def local_executor(jobs: int) -> Iterator[Executor]:
    """`jobs` worker processes; one job runs in this process. The workers start from a server process that
    has already imported the renderers (where there is one: not on Windows), so each book does not pay
    for importing WeasyPrint. Stopped (Ctrl-C, SIGTERM), the batch stops its workers at once, each
    leaving its last good books."""
    if jobs <= 1:
        yield InProcessExecutor()
        return
    import multiprocessing  # here: one job at a time has no need of it
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["octavo.batch", "octavo.chunks", "weasyprint", "ebooklib"])
    else:  # Windows: each worker starts afresh and imports what it needs
        context = multiprocessing.get_context("spawn")
    if sys.platform == "win32":
        jobs = min(jobs, 61)  # the most worker processes Python can wait for there
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_prepare_worker)
    try:
        yield pool
    except BaseException:
        # The executor can only wait for running jobs; its processes are its own (a private attribute).
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def unwind_on_sigterm() -> None:
    """A build told to stop (SIGTERM) unwinds like Ctrl-C, exit code 143, so that no half-written temporary
    file stays behind (see atomic_target)."""
    signal.signal(signal.SIGTERM, _stopped)


def _stopped(signal_number: int, frame) -> None:
    raise SystemExit(128 + signal_number)


def _prepare_worker() -> None:
    """In a worker: Ctrl-C is the batch's to handle; SIGTERM unwinds the build. The objects the server
    process imported are set aside from garbage collection: collecting them would only copy the pages the
    worker shares with the server (copy-on-write), and made each book about 6% slower. The garbage is
    collected as the worker ends, which Python's own shutdown does not do for a worker process: WeasyPrint
    removes the temporary folder of a layout's fonts (2.6 MB) only when its objects are collected."""
    from multiprocessing.util import Finalize

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    unwind_on_sigterm()
    gc.freeze()
    Finalize(None, gc.collect, exitpriority=0)


class InProcessExecutor(Executor):
    """Runs each job at once in this process: the executor for one job at a time."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
            if not isinstance(error, Exception):
                raise
        return future


def default_jobs() -> int:
    """One per core this process may run on, within the CPU quota of the container it runs in, if any."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _cpu_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else cores


# A container's CPU quota: cgroup v2 ("max 100000" or "150000 100000"), else v1 (quota -1: none).
_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
_CFS = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def _cpu_quota() -> float | None:
    """The cores' worth of CPU time the container may use, or None when it is not limited."""
    try:
        if _CPU_MAX.is_file():
            quota, period = _CPU_MAX.read_text().split()[:2]
        else:
            quota, period = (path.read_text().strip() for path in _CFS)
        return int(quota) / int(period) if quota not in ("max", "-1") and int(quota) > 0 else None
    except (OSError, ValueError, ZeroDivisionError):
        return None