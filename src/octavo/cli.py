"""The `octavo` command. Commands only parse arguments and loop over files; this module alone turns an
`OctavoError` into a one-line message and an exit code, so a user never sees a traceback."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import gc
import inspect
import json
import shlex
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .batch import Batch, Job, Result, Status, default_jobs, jobs_for, local_executor, run_job, unwind_on_sigterm
from .formats import DEFAULT_FORMATS, Format
from .errors import InputError, InternalError, OctavoError
from .pagesetup import DEFAULT_TRIM, TRIMS, Profile, RunningHead, page_setup

# Imported where they are used: rich where something is drawn with it (a build that succeeds never is;
# 70 ms), the checkers by `check` alone.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.tree import Tree

    from .check import Ace, CheckResult, Finding

MANUSCRIPT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}

app = typer.Typer(
    name="octavo",
    help="Turn plain-text manuscripts into books: an EPUB 3 for e-readers and a print-ready PDF.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # docstrings wrap as paragraphs, not at their line ends
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _console(stderr: bool = False) -> Console:
    """A console made when it is needed, so it sees the terminal (and NO_COLOR, COLUMNS) of the moment."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _escape(text: str) -> str:
    """`text` with rich's markup characters escaped."""
    from rich.markup import escape

    return escape(text)


_state = {"debug": False, "quiet": False, "verbose": False}


def _say(message: str, verbose: bool = False) -> None:
    """A line of news on stdout: never with --quiet; with `verbose`, only with --verbose."""
    if not _state["quiet"] and (_state["verbose"] or not verbose):
        typer.echo(message)


class FormatChoice(StrEnum):
    EPUB = "epub"
    PDF = "pdf"
    HTML = "html"
    KEPUB = "kepub"
    ALL = "all"


def _formats(choices: list[FormatChoice] | None) -> tuple[Format, ...]:
    if not choices:
        return DEFAULT_FORMATS
    if FormatChoice.ALL in choices:
        return tuple(Format)
    return tuple(dict.fromkeys(Format(choice.value) for choice in choices))


def _version(value: bool) -> None:
    if value:
        _console().print(f"octavo {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing but warnings and errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also say, for each book, its words, pages and build time.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback when something fails.")] = False,
) -> None:
    """Turn plain-text manuscripts into books: an EPUB 3 for e-readers and a print-ready PDF. Colour only on
    a terminal, and never when NO_COLOR is set."""
    _state.update(debug=debug, quiet=quiet, verbose=verbose)
    if threading.current_thread() is threading.main_thread():
        unwind_on_sigterm()
        atexit.unregister(_exit_quickly)  # once, however often the command line runs in this process
        atexit.register(_exit_quickly)


def _exit_quickly() -> None:
    """Collect the garbage once, then set every object aside from garbage collection: Python's shutdown
    would otherwise go through them all, again and again, as it takes the modules apart (35 ms after a
    novel's EPUB, 8% of the build). Collected first, the garbage's finalizers still run: WeasyPrint's
    remove its temporary font folders. (An object that something still holds at exit, a module-level
    cache, would not be finalized: none may hold a layout.)"""
    gc.collect()
    gc.freeze()


FormatOption = Annotated[
    list[FormatChoice] | None,
    typer.Option("--format", "-f", help="Output format; repeat for several. Default: epub and pdf. kepub: an EPUB for Kobo readers (.kepub.epub). 'all': every format."),
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the books into.")]
# The PDF's options: each, when not given, is what the book's header or settings file says, or the default.
TrimOption = Annotated[str | None, typer.Option("--trim", help=f"The printed page: {', '.join(TRIMS)}, or WxH such as 6x9in or 129x198mm. Default: {DEFAULT_TRIM}.", show_default=False, rich_help_panel="PDF")]
ProfileOption = Annotated[Profile | None, typer.Option("--profile", help="print: for KDP and IngramSpark (no bookmarks or links, whole fonts embedded); screen (the default): bookmarks and a clickable contents page.", show_default=False, rich_help_panel="PDF")]
BleedOption = Annotated[str | None, typer.Option("--bleed", help="Bleed beyond the trim on the outside, top and bottom edges, e.g. 0.125in or 3mm (default: none).", show_default=False, rich_help_panel="PDF")]
RunningHeadOption = Annotated[RunningHead | None, typer.Option("--running-head", help="What rectos' running heads show: the book's title (the default) or the chapter's.", show_default=False, rich_help_panel="PDF")]
DropCapsOption = Annotated[bool | None, typer.Option("--drop-caps/--no-drop-caps", help="Open each chapter with a drop capital (default: no).", show_default=False, rich_help_panel="PDF")]


PageOptions = tuple[tuple[str, object], ...]  # the PDF options given: (("trim", "6x9"), ...)
_PAGE_OPTIONS = {"trim": TrimOption, "profile": ProfileOption, "bleed": BleedOption, "running_head": RunningHeadOption,
                 "drop_caps": DropCapsOption}


def _with_page_options(command):
    """Give `command` the PDF's options; it gets those given, checked, as its `options` parameter."""
    signature = inspect.signature(command, eval_str=True)
    kept = [parameter for parameter in signature.parameters.values() if parameter.name != "options"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind) for name, kind in _PAGE_OPTIONS.items()]

    @functools.wraps(command)
    def with_options(*args, **kwargs):
        given = {name: kwargs.pop(name) for name in _PAGE_OPTIONS}
        try:
            page_setup(given)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
        return command(*args, **kwargs, options=tuple((name, value) for name, value in given.items() if value is not None))

    with_options.__signature__ = signature.replace(parameters=kept + added)
    with_options.__annotations__ = {parameter.name: parameter.annotation for parameter in kept} | _PAGE_OPTIONS
    return with_options


@app.command("init")
def init_command(
    name: Annotated[Path, typer.Argument(metavar="NAME", help="The new book's folder.", show_default=False)],
) -> None:
    """Start a new book: a folder NAME holding a manuscript whose header shows every field, ready to build."""
    from .starter import new_book

    try:
        manuscript = new_book(name)
    except OctavoError as error:
        _fail(error)
    octavo, path = _program(), shlex.quote(str(manuscript))
    _say(f"wrote {manuscript}")
    _say(
        "Next: fill in the header and write the story, then\n"
        f"  {octavo} build {path}      # EPUB and PDF in dist/\n"
        f"  {octavo} watch {path}      # build again on every save\n"
        f"  {octavo} preview {path}    # the PDF's first pages as PNG images",
    )


def _program() -> str:
    """`octavo` as it was run (`.venv/bin/octavo` when it is not on the PATH), for commands to copy."""
    invoked, on_path = Path(sys.argv[0]), shutil.which("octavo")
    if invoked.name != "octavo" or (on_path and Path(on_path).resolve() == invoked.resolve()):
        return "octavo"
    return shlex.quote(str(invoked))


@app.command("build")
@_with_page_options
def build_command(
    manuscripts: Annotated[list[Path], typer.Argument(metavar="MANUSCRIPT...", help="Manuscript files to build.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Cores a long book's PDF is laid out on. Default: all.", show_default=False)] = None,
    options: PageOptions = (),
) -> None:
    """Build each MANUSCRIPT into a book in the --out folder. One that fails does not stop the rest."""
    results = []
    for job in jobs_for(manuscripts, out, lambda manuscript: out, _formats(output_format), options):
        results.append(job if isinstance(job, Result) else run_job(dataclasses.replace(job, cores=jobs or default_jobs())))
        _print_warnings(results[-1])
        for written in results[-1].written:
            _say(f"wrote {written}")
        _say_figures(results[-1])
    _report_failures(results, exit_code=None)


@app.command("watch")
@_with_page_options
def watch_command(
    manuscript: Annotated[Path, typer.Argument(metavar="MANUSCRIPT", help="The manuscript to build on every save.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
    options: PageOptions = (),
) -> None:
    """Build MANUSCRIPT, then build it again each time it or its cover image is saved, saying what changed and
    how long the build took. A failed build is reported and the watch goes on. Ctrl-C stops."""
    from .settings import settings_files
    from .watch import saves

    if not manuscript.is_file():
        _fail(InputError("no such file" if not manuscript.exists() else "is not a manuscript file", manuscript))
    job = Job(manuscript, out, out, _formats(output_format), options, cores=default_jobs())
    sources = [manuscript, *settings_files(manuscript)]  # until a build says what else it reads

    def build_and_say(reason: str) -> None:
        result = run_job(job)
        _print_warnings(result)
        if result.error:
            _console(stderr=True).print(f"{time.strftime('%H:%M:%S')} {reason}: octavo: error: {result.error}", markup=False)
            return
        sources[:] = [Path(path) for path in result.sources] or sources
        written = " ".join(str(path) for path in result.written)
        _say(f"{time.strftime('%H:%M:%S')} {reason}: wrote {written} in {result.seconds:.1f} s")
        _say_figures(result)

    try:
        build_and_say("started")
        _console(stderr=True).print(f"watching {manuscript} (Ctrl-C to stop)", markup=False)
        for changed in saves(lambda: sources):
            build_and_say(", ".join(path.name for path in changed) + " changed")
    except KeyboardInterrupt:  # how a watch is meant to end, even mid-build (whose outputs are atomic)
        pass


@app.command("batch")
@_with_page_options
def batch_command(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of manuscripts (.txt, .md), searched recursively.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Books built at once. Default: one per core (with --scheduler: one per worker thread).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Build every book, even those nothing has changed for since the last batch.")] = False,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="Run on the Dask cluster at ADDRESS (tcp://host:8786). Its workers must see FOLDER at the same path.", rich_help_panel="Cluster")] = None,
    shared_out: Annotated[bool, typer.Option("--shared-out", help="The workers see --out at the same path and write the books there, rather than sending them back.", rich_help_panel="Cluster")] = False,
    options: PageOptions = (),
) -> None:
    """Build every manuscript in FOLDER, several at once, skipping the books nothing has changed for. One that
    fails does not stop the rest; the exit code says if any did."""
    if not folder.is_dir():
        _fail(InputError("is not a folder of manuscripts", folder))
    manuscripts = sorted(path for path in folder.rglob("*") if path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.is_file() and not _hidden(path, folder))
    if not manuscripts:
        _fail(InputError("has no manuscripts (.txt, .text, .md, .markdown)", folder))
    if scheduler:  # the workers have working folders of their own
        folder, out, manuscripts = folder.absolute(), out.absolute(), [path.absolute() for path in manuscripts]
    folder_of = lambda manuscript: out / manuscript.parent.relative_to(folder)  # noqa: E731
    remote = scheduler is not None and not shared_out
    started = time.perf_counter()
    try:
        with _executor(scheduler, jobs) as (executor, in_flight):
            batch = Batch(list(jobs_for(manuscripts, out, folder_of, _formats(output_format), options, ship=remote)), executor, in_flight, force)
            results = _run_with_progress(batch)
    except OctavoError as error:  # the cluster cannot be reached
        _fail(error)
    for result in results:
        _print_warnings(result)
    if not _state["quiet"]:
        _console().print(_summary_table(results, folder, time.perf_counter() - started))
    _report_failures(results, exit_code=1)


@contextmanager
def _executor(scheduler: str | None, jobs: int) -> Iterator[tuple[Executor, int]]:
    """The executor a batch runs on, and how many books it builds at once: a pool of local processes, or
    the Dask cluster at `scheduler`."""
    if scheduler is None:
        jobs = jobs or default_jobs()
        with local_executor(jobs) as executor:
            yield executor, jobs
        return
    from .cluster import connect

    with connect(scheduler) as client:
        yield client.get_executor(), jobs or sum(client.nthreads().values())


def _run_with_progress(batch: Batch) -> list[Result]:
    """Run the batch under a progress display: a bar for the whole batch and a line for each book being built."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

    results: list[Result] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_console(stderr=True), transient=True, disable=_state["quiet"]) as progress:
        overall = progress.add_task("[bold]All books", total=len(batch.jobs))
        building: dict[Path, TaskID] = {}
        started = lambda job: building.setdefault(job.manuscript, progress.add_task(_escape(job.manuscript.name), total=None))  # noqa: E731
        for result in batch.results(started):
            if result.job.manuscript in building:
                progress.remove_task(building.pop(result.job.manuscript))
            progress.advance(overall)
            results.append(result)
    return results


def _summary_table(results: list[Result], folder: Path, seconds: float) -> Table:
    from rich.table import Table

    tally = Counter(result.status for result in results)
    counts = ", ".join(f"{tally[status]} {status}" for status in Status if tally[status])
    table = Table(title=f"{_count(len(results), 'book')} from {_escape(str(folder))}: {counts} in {seconds:.1f} s")
    for column in ("book", "formats", "words", "pages", "seconds", "status"):
        table.add_column(column, justify="right" if column in ("words", "pages", "seconds") else "left")
    for result in sorted(results, key=lambda result: result.job.manuscript):
        job = result.job
        status = {Status.BUILT: "[green]built[/]", Status.UNCHANGED: "[dim]unchanged[/]"}.get(result.status) or f"[red]failed[/]: {_escape(result.error.message)}"
        table.add_row(
            _escape(str(job.manuscript.relative_to(folder))),
            " ".join(f.value for f in job.formats),
            f"{result.words:,}" if result.words is not None else "",
            str(result.pages or ""),
            f"{result.seconds:.1f}" if result.status is not Status.UNCHANGED else "",
            status,
        )
    return table


def _say_figures(result: Result) -> None:
    """With --verbose: the book's words and pages, and the build's time."""
    if result.error is None:
        pages = f", {_count(result.pages, 'page')}" if result.pages else ""
        _say(f"{result.job.manuscript}: {_count(result.words or 0, 'word')}{pages}, built in {result.seconds:.1f} s", verbose=True)


def _print_warnings(result: Result) -> None:
    for warning in result.warnings:
        typer.echo(f"octavo: warning: {warning}", err=True)


def _report_failures(results: list[Result], exit_code: int | None) -> None:
    """One line per failure (and, with --debug, the traceback of a bug); exit with `exit_code`, or with the
    first failure's own code."""
    failures = [result for result in results if result.error is not None]
    for result in failures:
        if _state["debug"] and result.details:
            _console(stderr=True).print(result.details, markup=False)
        _console(stderr=True).print(f"octavo: error: {result.error}", markup=False)
    if failures:
        raise typer.Exit(code=exit_code or failures[0].error.exit_code)


@app.command("preview")
@_with_page_options
def preview_command(
    book: Annotated[Path, typer.Argument(metavar="BOOK", help="A manuscript (built into a PDF first) or a PDF.", show_default=False)],
    pages: Annotated[str, typer.Option("--pages", "-p", help="Pages to show: 1-12, 3, 1-4,9, 12- (to the end).")] = "1-12",
    spreads: Annotated[bool, typer.Option("--spreads", help="Two facing pages to an image, as the printed book opens.")] = False,
    dpi: Annotated[int, typer.Option("--dpi", min=10, max=600, help="Resolution of the images.")] = 60,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the images (and the PDF) into.")] = Path("dist/preview"),
    options: PageOptions = (),
) -> None:
    """PNG images of chosen pages (or spreads) of BOOK's PDF, for a quick look without opening it."""
    from .preview import render_pages

    try:
        pdf = book if book.suffix.lower() == ".pdf" else _built_pdf(book, out, options)
        chosen = _chosen_pages(pages, pdf)
        written = _run(lambda: render_pages(pdf, chosen, out, dpi, spreads), pdf)
    except OctavoError as error:
        _fail(error)
    if len(written) > 3:
        _say(f"wrote {len(written)} images: {written[0]} to {written[-1].name}")
    else:
        for image in written:
            _say(f"wrote {image}")


def _built_pdf(manuscript: Path, out: Path, options: PageOptions) -> Path:
    result = run_job(Job(manuscript, out, out, (Format.PDF,), options, cores=default_jobs()))
    _print_warnings(result)
    if result.error:
        _report_failures([result], exit_code=None)
    return result.written[0]


def _chosen_pages(spec: str, pdf: Path) -> list[int]:
    from .preview import page_count, parse_pages

    try:
        return parse_pages(spec, page_count(pdf))
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--pages") from None


@app.command("inspect")
def inspect_command(
    manuscript: Annotated[Path, typer.Argument(metavar="MANUSCRIPT", help="Manuscript file to inspect.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a tree.")] = False,
) -> None:
    """Show what Octavo found in MANUSCRIPT (title, author, notes, disclaimer, epigraph, parts, chapters, scene
    breaks) and, line by line, which rule found each: fix the input or override it in the header."""
    try:
        from .pipeline import load_book
        from .report import summary

        found = summary(_run(lambda: load_book(manuscript), manuscript))
    except OctavoError as error:
        _fail(error)
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    _console().print(_tree(found, manuscript))


def _tree(found: dict, manuscript: Path) -> Tree:
    from rich.tree import Tree

    byline = f" by {', '.join(found['authors'])}" if found["authors"] else " (no author found)"
    tree = Tree(f"[bold]{_escape(found['title'])}[/]{_escape(byline)}")
    tree.add(f"language {found['language']}, {found['words']} words, from {_escape(str(manuscript))}")
    for label, key in (("Front matter", "front_matter"), ("Back matter", "back_matter")):
        branch = tree.add(label) if found[key] else None
        for entry in found[key]:
            leaf = branch.add(_escape(f"{entry['role']}: {entry['title']} ({_count(entry['words'], 'word')})"))
            if entry["role"] == "epigraph" and found["epigraph"]:
                source = found["epigraph"]["source"]
                leaf.add(_escape(f"“{_clip(found['epigraph']['text'])}”" + (f" — {source}" if source else "")))
    if found["parts"]:
        tree.add(f"Parts ({len(found['parts'])}): " + _escape(", ".join(part["title"] for part in found["parts"])))
    chapters = tree.add(f"Chapters ({len(found['chapters'])})")
    for chapter in found["chapters"]:
        details = [_count(chapter["words"], "word")]
        if chapter["scene_breaks"]:
            details.append(_count(chapter["scene_breaks"], "scene break"))
        if chapter["notes"]:
            details.append(_count(chapter["notes"], "author’s note"))
        chapters.add(_escape(f"{chapter['title']} ({', '.join(details)})"))
    findings = tree.add(_escape("How it was found (line: what [rule])"))
    for finding in found["findings"]:
        findings.add(_escape(f"{finding['line'] or '-'}: {finding['what']}") + f" [dim]\\[{_escape(finding['rule'])}][/]")
    return tree


@app.command("check")
def check_command(
    books: Annotated[list[Path], typer.Argument(metavar="BOOK...", help="EPUBs, or manuscripts to build into an EPUB and check.", show_default=False)],
    with_ace: Annotated[bool, typer.Option("--ace/--no-ace", help="Also run Ace by DAISY, the accessibility checker, where it is installed.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON for scripts instead of a table.")] = False,
) -> None:
    """Check each BOOK with EPUBCheck and Ace by DAISY: one table of findings and a verdict per book. Exit code 1
    when a book has an error, a warning or an accessibility violation."""
    ace = _available_ace() if with_ace else None
    checked: dict[Path, CheckResult] = {}
    errors: list[OctavoError] = []
    for book in books:
        try:
            with _console(stderr=True).status(f"Checking {_escape(book.name)}"):
                checked[book] = _run(lambda: _check(book, ace), book)
        except OctavoError as error:
            errors.append(error)
    if as_json:
        print(json.dumps(_checked_json(checked), ensure_ascii=False, indent=2))
    else:
        _print_checked(checked)
    _exit_for_check(checked, errors)


def _available_ace() -> Ace | None:
    """Ace by DAISY, or None after one line saying why it cannot run here."""
    from .check import AceUnavailable, find_ace

    try:
        return find_ace()
    except AceUnavailable as reason:
        _console(stderr=True).print(f"octavo: {reason}", markup=False)
        return None


def _check(book: Path, ace: Ace | None) -> CheckResult:
    if book.suffix.lower() not in MANUSCRIPT_SUFFIXES | {".epub"}:
        raise InputError("is neither an EPUB nor a manuscript (.epub, .txt, .text, .md, .markdown)", book)
    from .check import check_book

    return check_book(book, ace)


def _print_checked(checked: dict[Path, CheckResult]) -> None:
    findings = [finding for result in checked.values() for finding in result.findings]
    if findings:
        _console().print(_findings_table(findings))
    for book, result in checked.items():
        _console().print(_verdict(book, result))


def _findings_table(findings: list[Finding]) -> Table:
    from rich.table import Table

    table = Table(title=_count(len(findings), "finding"))
    for column in ("tool", "severity", "rule"):
        table.add_column(column, no_wrap=True)
    table.add_column("location", overflow="fold")
    table.add_column("message")
    for finding in findings:
        severity = f"[red]{_escape(finding.severity)}[/]" if finding.fails else _escape(finding.severity)
        table.add_row(finding.tool, severity, _escape(finding.rule), _escape(finding.location), _escape(finding.message))
    return table


def _verdict(book: Path, result: CheckResult) -> str:
    if result.passed:
        return f"{_escape(str(book))}: [green]passes[/] {' and '.join(result.tools)}"
    failing = Counter(finding.tool for finding in result.findings if finding.fails)
    counts = ", ".join(f"{_count(number, 'finding')} from {tool}" for tool, number in failing.items())
    return f"{_escape(str(book))}: [red]fails[/]: {counts}"


def _checked_json(checked: dict[Path, CheckResult]) -> list[dict]:
    return [
        {"book": str(book), "passed": result.passed, "tools": list(result.tools), "findings": [asdict(finding) for finding in result.findings]}
        for book, result in checked.items()
    ]


def _exit_for_check(checked: dict[Path, CheckResult], errors: list[OctavoError]) -> None:
    """One line per book that could not be checked, and the exit code: the first such error's, else 1 when a
    finding fails a book."""
    for error in errors:
        _console(stderr=True).print(f"octavo: error: {error}", markup=False)
    if errors:
        raise typer.Exit(code=errors[0].exit_code)
    if not all(result.passed for result in checked.values()):
        raise typer.Exit(code=1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _clip(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _run(step, subject: Path):
    """Run one step for `subject`; a bug of ours becomes an InternalError (unless --debug)."""
    try:
        return step()
    except OctavoError:
        raise
    except Exception as error:
        if _state["debug"]:
            raise
        raise InternalError(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", subject) from error


def _fail(error: OctavoError):
    if _state["debug"]:
        raise error
    _console(stderr=True).print(f"octavo: error: {error}", markup=False)
    raise typer.Exit(code=error.exit_code)
