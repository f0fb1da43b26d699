"""The `octavo` command. Commands only parse arguments and loop over files; this module alone turns an
`OctavoError` into a one-line message and an exit code, so a user never sees a traceback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from rich.tree import Tree

from . import __version__
from .build import DEFAULT_FORMATS, Format, build, load_book
from .errors import InputError, InternalError, OctavoError, OutputError
from .report import summary

MANUSCRIPT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}

app = typer.Typer(
    name="octavo",
    help="Turn plain-text manuscripts into books: an EPUB 3 for e-readers and a print-ready PDF.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _console(stderr: bool = False) -> Console:
    """A console made when it is needed, so it sees the terminal (and NO_COLOR, COLUMNS) of the moment."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)

_state = {"debug": False}


class FormatChoice(StrEnum):
    EPUB = "epub"
    PDF = "pdf"
    HTML = "html"
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
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback when something fails.")] = False,
) -> None:
    """Turn plain-text manuscripts into books: an EPUB 3 for e-readers and a print-ready PDF."""
    _state["debug"] = debug


FormatOption = Annotated[
    list[FormatChoice] | None,
    typer.Option("--format", "-f", help="Output format; repeat for several. Default: epub and pdf. 'all' adds html."),
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the books into.")]


@app.command("build")
def build_command(
    manuscripts: Annotated[list[Path], typer.Argument(metavar="MANUSCRIPT...", help="Manuscript files to build.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
) -> None:
    """Build each MANUSCRIPT into a book in the --out folder. One that fails does not stop the rest."""
    outcomes = list(_build_each(manuscripts, _formats(output_format), lambda manuscript: out))
    for outcome in outcomes:
        for written in outcome.written:
            _console().print(f"wrote {written}")
    _report_failures(outcomes, exit_code=None)


@app.command("batch")
def batch_command(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of manuscripts (.txt, .md), searched recursively.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
) -> None:
    """Build every manuscript in FOLDER. One that fails does not stop the rest; the exit code says if any did."""
    if not folder.is_dir():
        _fail(InputError("is not a folder of manuscripts", folder))
    manuscripts = sorted(path for path in folder.rglob("*") if path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.is_file() and not _hidden(path, folder))
    if not manuscripts:
        _fail(InputError("has no manuscripts (.txt, .text, .md, .markdown)", folder))
    outcomes = []
    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task("Building", total=len(manuscripts))
        for outcome in _build_each(manuscripts, _formats(output_format), lambda manuscript: out / manuscript.parent.relative_to(folder)):
            outcomes.append(outcome)
            progress.update(task, advance=1, description=f"Built {outcome.manuscript.name}")
    table = Table(title=f"{len(manuscripts)} manuscript(s) from {folder}")
    for column in ("manuscript", "outputs", "seconds", "status"):
        table.add_column(column)
    for outcome in outcomes:
        status = "[green]ok[/]" if outcome.error is None else f"[red]failed[/]: {escape(outcome.error.message)}"
        table.add_row(escape(str(outcome.manuscript.relative_to(folder))), " ".join(p.name for p in outcome.written), f"{outcome.seconds:.1f}", status)
    _console().print(table)
    _report_failures(outcomes, exit_code=1)


@dataclass(frozen=True)
class Outcome:
    manuscript: Path
    written: list[Path]
    error: OctavoError | None
    seconds: float


def _build_each(manuscripts: list[Path], formats, destination_of) -> Iterator[Outcome]:
    """Build each manuscript in turn, a failure kept to its own manuscript; two manuscripts whose books
    would have the same name (story.md and story.txt) do not overwrite each other."""
    claimed: dict[Path, Path] = {}  # output stem -> the manuscript whose book it is
    for manuscript in manuscripts:
        started = time.perf_counter()
        destination = destination_of(manuscript)
        owner = claimed.setdefault(destination / manuscript.stem, manuscript)
        written, error = [], None
        try:
            if owner != manuscript:
                raise OutputError(f"has the same name as {owner}: its book would overwrite that one", manuscript)
            written = _run(lambda: build(manuscript, formats, destination), manuscript)
        except OctavoError as failure:
            error = failure
        yield Outcome(manuscript, written, error, time.perf_counter() - started)


def _report_failures(outcomes: list[Outcome], exit_code: int | None) -> None:
    """One line per failure; exit with `exit_code`, or with the first failure's own code."""
    failures = [outcome.error for outcome in outcomes if outcome.error is not None]
    for error in failures:
        _console(stderr=True).print(f"octavo: error: {error}", markup=False)
    if failures:
        raise typer.Exit(code=exit_code or failures[0].exit_code)


@app.command("inspect")
def inspect_command(
    manuscript: Annotated[Path, typer.Argument(metavar="MANUSCRIPT", help="Manuscript file to inspect.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a tree.")] = False,
) -> None:
    """Show what Octavo found in MANUSCRIPT (title, author, notes, disclaimer, epigraph, parts, chapters, scene
    breaks) and, line by line, which rule found each: fix the input or override it in the header."""
    try:
        found = summary(_run(lambda: load_book(manuscript), manuscript))
    except OctavoError as error:
        _fail(error)
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    _console().print(_tree(found, manuscript))


def _tree(found: dict, manuscript: Path) -> Tree:
    byline = f" by {', '.join(found['authors'])}" if found["authors"] else " (no author found)"
    tree = Tree(f"[bold]{escape(found['title'])}[/]{escape(byline)}")
    tree.add(f"language {found['language']}, {found['words']} words, from {escape(str(manuscript))}")
    for label, key in (("Front matter", "front_matter"), ("Back matter", "back_matter")):
        branch = tree.add(label) if found[key] else None
        for entry in found[key]:
            leaf = branch.add(escape(f"{entry['role']}: {entry['title']} ({_count(entry['words'], 'word')})"))
            if entry["role"] == "epigraph" and found["epigraph"]:
                source = found["epigraph"]["source"]
                leaf.add(escape(f"“{_clip(found['epigraph']['text'])}”" + (f" — {source}" if source else "")))
    if found["parts"]:
        tree.add(f"Parts ({len(found['parts'])}): " + escape(", ".join(part["title"] for part in found["parts"])))
    chapters = tree.add(f"Chapters ({len(found['chapters'])})")
    for chapter in found["chapters"]:
        details = [_count(chapter["words"], "word")]
        if chapter["scene_breaks"]:
            details.append(_count(chapter["scene_breaks"], "scene break"))
        if chapter["notes"]:
            details.append(_count(chapter["notes"], "author’s note"))
        chapters.add(escape(f"{chapter['title']} ({', '.join(details)})"))
    findings = tree.add(escape("How it was found (line: what [rule])"))
    for finding in found["findings"]:
        findings.add(escape(f"{finding['line'] or '-'}: {finding['what']}") + f" [dim]\\[{escape(finding['rule'])}][/]")
    return tree


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
