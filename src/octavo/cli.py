"""The `octavo` command. Commands only parse arguments and loop over files; this module alone turns an
`OctavoError` into a one-line message and an exit code, so a user never sees a traceback."""

from __future__ import annotations

import json
import time
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
from .errors import OctavoError, OutputError
from .report import summary

INTERNAL_ERROR = 70
MANUSCRIPT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}

app = typer.Typer(
    name="octavo",
    help="Turn plain-text manuscripts into books: an EPUB 3 for e-readers and a print-ready PDF.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
out_console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
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
        out_console.print(f"octavo {__version__}")
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
    """Build each MANUSCRIPT into a book in the --out folder."""
    formats = _formats(output_format)
    for manuscript in manuscripts:
        for written in _run(lambda: build(manuscript, formats, out), manuscript):
            out_console.print(f"wrote {written}")


@app.command("batch")
def batch_command(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of manuscripts (.txt, .md), searched recursively.", show_default=False)],
    output_format: FormatOption = None,
    out: OutOption = Path("dist"),
) -> None:
    """Build every manuscript in FOLDER. One that fails does not stop the rest; the exit code says if any did."""
    if not folder.is_dir():
        _fail(OctavoError("is not a folder of manuscripts", folder), 3)
    manuscripts = sorted(path for path in folder.rglob("*") if path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.is_file() and not _hidden(path, folder))
    if not manuscripts:
        _fail(OctavoError("has no manuscripts (.txt, .text, .md, .markdown)", folder), 3)
    formats = _formats(output_format)
    results = []
    claimed: dict[Path, Path] = {}  # output stem -> the manuscript whose book it is
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Building", total=len(manuscripts))
        for manuscript in manuscripts:
            progress.update(task, description=f"Building {manuscript.name}")
            started = time.perf_counter()
            destination = out / manuscript.parent.relative_to(folder)
            owner = claimed.setdefault(destination / manuscript.stem, manuscript)
            try:
                if owner != manuscript:
                    raise OutputError(f"has the same name as {owner.name}: its book would overwrite that one", manuscript)
                written = build(manuscript, formats, destination)
                results.append((manuscript, written, None, time.perf_counter() - started))
            except OctavoError as error:
                results.append((manuscript, [], error, time.perf_counter() - started))
            progress.advance(task)
    table = Table(title=f"{len(manuscripts)} manuscript(s) from {folder}")
    for column in ("manuscript", "outputs", "seconds", "status"):
        table.add_column(column)
    for manuscript, written, error, seconds in results:
        status = "[green]ok[/]" if error is None else f"[red]failed[/]: {error.message}"
        table.add_row(str(manuscript.relative_to(folder)), " ".join(p.name for p in written), f"{seconds:.1f}", status)
    out_console.print(table)
    failures = [error for _, _, error, _ in results if error is not None]
    for error in failures:
        err_console.print(f"octavo: error: {error}", markup=False, soft_wrap=True)
    if failures:
        raise typer.Exit(code=1)


@app.command("inspect")
def inspect_command(
    manuscript: Annotated[Path, typer.Argument(metavar="MANUSCRIPT", help="Manuscript file to inspect.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a tree.")] = False,
) -> None:
    """Show what Octavo found in MANUSCRIPT: title, author, notes, disclaimer, epigraph, chapters, scene breaks."""
    found = summary(_run(lambda: load_book(manuscript), manuscript))
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    out_console.print(_tree(found, manuscript))


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
    chapters = tree.add(f"Chapters ({len(found['chapters'])})")
    for chapter in found["chapters"]:
        details = [_count(chapter["words"], "word")]
        if chapter["scene_breaks"]:
            details.append(_count(chapter["scene_breaks"], "scene break"))
        if chapter["notes"]:
            details.append(_count(chapter["notes"], "author’s note"))
        chapters.add(escape(f"{chapter['title']} ({', '.join(details)})"))
    return tree


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _clip(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _run(step, subject: Path):
    """Run one step for `subject`, turning any failure into a one-line message and an exit code."""
    try:
        return step()
    except OctavoError as error:
        _fail(error, error.exit_code)
    except Exception as error:  # a bug of ours: still one line, unless --debug
        if _state["debug"]:
            raise
        _fail(OctavoError(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", subject), INTERNAL_ERROR)


def _fail(error: OctavoError, code: int):
    if _state["debug"]:
        raise error
    err_console.print(f"octavo: error: {error}", markup=False, soft_wrap=True)
    raise typer.Exit(code=code)
