"""Octavo against the anchors (issue 7): pandoc and Calibre's ebook-convert for the EPUB; Calibre and a plain
`weasyprint book.html book.pdf` of Octavo's own `--format html` output for the PDF; and `octavo batch` of
20 books with one job against two, and a batch with nothing to do.

    bash scripts/setup-bench.sh                     # pandoc and Calibre, from Debian
    .venv/bin/python bench/anchors.py               # novel (100k words), 3 rounds; omnibus (1M words), 1 round
    .venv/bin/python bench/anchors.py --rounds 5 --sizes novel --corpus

Every command runs in a fresh process, Python's start-up included, as a user would run it. Within a round
the tools run one after another in an order that rotates from round to round, so that a slow spell of the
machine does not fall on one tool only. It prints the median seconds of each tool, the ratio to each
anchor (the issue's targets beside them), and the peak memory of Octavo, pandoc and WeasyPrint, worker
processes included. The peak is taken in one more run of the command, not in the timed ones: sampling
the memory of every process ten times a second takes CPU time from a command that keeps both cores busy,
and hardly any from one that uses a single core, which would tilt the ratios. (Calibre, whose PDF of the
omnibus can take half an hour, is not run again for it.)
On the novel it also runs two plain WeasyPrint layouts side by side, and two one-job batches: how much
slower each runs while the other keeps the second core busy gives the best two cores can do on this
machine, for the PDF's and the batch's targets to be read against.
Figures on a shared machine are noisy: compare ratios measured in one run, not absolute times.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OCTAVO = [sys.executable, "-m", "octavo"]
WEASYPRINT = [sys.executable, "-m", "weasyprint"]
CORPUS = REPO.parent / "shared" / "corpus"
SIZES = {"novel": 100_000, "omnibus": 1_000_000}
BATCH_BOOKS, BATCH_WORDS = 20, 5_000
TIMEOUT = 1800  # seconds: Calibre's PDF output has been seen to hang on the omnibus

_VOCABULARY = (
    "the a of and to in was that he she it his her had with for as at on but by not they from this "
    "sea lighthouse keeper harbour lamp storm night morning letter tide boat island window stair rope "
    "walked said looked waited turned wrote remembered carried heard opened closed climbed watched "
    "old quiet grey bright cold long small dark slow careful certain strange distant"
).split()


@dataclass
class Tool:
    """A command that makes one output from one input; `setup` runs first, untimed."""

    name: str
    command: list[str]
    setup: list[str] | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    failure: str | None = None
    peak_wanted: bool = True  # run once more for its peak memory


def novel(path: Path, words: int, seed: int = 1) -> Path:
    """A manuscript of about `words` words as authors write them: a header, chapters of 3,000 words with
    dialogue, emphasis, dashes and ellipses, and scene breaks."""
    rng = random.Random(seed)

    def sentence() -> str:
        text = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(6, 22)))
        text = text[0].upper() + text[1:]
        shape = rng.random()
        if shape < 0.25:
            return f'"{text}," she said. "{rng.choice(_VOCABULARY).capitalize()}..."'
        if shape < 0.35:
            return f"{text} -- *{rng.choice(_VOCABULARY)}* -- and it's done."
        return text + "."

    lines, written, chapter = [f"Title: A Bench Novel {seed}\nAuthor: Ann Bench\n"], 0, 0
    while written < words:
        chapter += 1
        lines.append(f"Chapter {chapter}\n")
        for paragraph in range(40):
            if paragraph and paragraph % 15 == 0:
                lines.append("* * *\n")
            text = " ".join(sentence() for _ in range(rng.randint(2, 6)))
            lines.append(text + "\n")
            written += len(text.split())
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(tool: Tool, folder: Path, timeout: float, observed: bool = False) -> None:
    """Time one run of `tool`, or if `observed`, note its peak memory instead. A timed run that fails (or
    goes past `timeout` seconds, and is stopped with every process it started) is kept as the tool's
    failure, not raised; an observed run that fails only leaves its peak out."""
    if tool.failure:
        return
    if tool.setup:
        subprocess.run(tool.setup, cwd=folder, check=True, capture_output=True)
    started = time.perf_counter()
    process = subprocess.Popen(tool.command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    watchdog = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
    watchdog.start()
    memory = MemoryWatch(process.pid) if observed else None
    try:
        _, status, _ = os.wait4(process.pid, 0)
    except BaseException:  # Ctrl-C: the command's own session does not get it
        os.killpg(process.pid, signal.SIGKILL)
        raise
    finally:
        watchdog.cancel()
    seconds = time.perf_counter() - started
    if memory is not None:
        memory.stop()
    failure = None
    if seconds >= timeout:
        failure = f"stopped after {timeout:.0f} s"
    elif (code := os.waitstatus_to_exitcode(status)) != 0:
        last_line = process.stderr.read().decode(errors="replace").strip().splitlines()[-1:] or ["failed"]
        failure = f"exit {code}: {last_line[0][:120]}"
    if memory is not None:
        if failure is None:
            tool.peaks.append(memory.peak / 1024)
    elif failure:
        tool.failure = failure
    else:
        tool.times.append(seconds)


class MemoryWatch(threading.Thread):
    """The peak memory of a process and all its descendants together (worker processes included, which
    the kernel's figures for a waited-for child leave out), sampled ten times a second: the sum of their
    proportional set sizes, so that pages a worker shares with the process it was forked from count once."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0, threading.Event()
        self.start()

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            self.peak = max(self.peak, sum(_pss_kib(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def _tree(root: int) -> list[int]:
    """`root` and every process descended from it."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def epub_tools(manuscript: Path) -> list[Tool]:
    stem = manuscript.stem
    return [
        Tool("octavo", [*OCTAVO, "build", str(manuscript), "-f", "epub", "-o", "octavo"]),
        Tool("pandoc", ["pandoc", "-f", "markdown", "-t", "epub3", "-o", f"{stem}.pandoc.epub", str(manuscript)]),
        Tool("calibre", ["ebook-convert", str(manuscript), f"{stem}.calibre.epub"], peak_wanted=False),
    ]


def pdf_tools(manuscript: Path, pair: bool = False) -> list[Tool]:
    """The PDF makers; with `pair`, also two plain WeasyPrint layouts side by side."""
    stem = manuscript.stem
    html = f"octavo-html/{stem}.html"
    html_setup = [*OCTAVO, "build", str(manuscript), "-f", "html", "-o", "octavo-html"]
    weasyprint = [*WEASYPRINT, html, f"{stem}.weasyprint.pdf"]
    tools = [
        Tool("octavo", [*OCTAVO, "build", str(manuscript), "-f", "pdf", "-o", "octavo"]),
        Tool("weasyprint", weasyprint, setup=html_setup),
        Tool("calibre", ["ebook-convert", str(manuscript), f"{stem}.calibre.pdf"], peak_wanted=False),
    ]
    if pair:
        tools.append(side_by_side("2 x weasyprint", weasyprint, [*WEASYPRINT, html, f"{stem}.weasyprint-2.pdf"], html_setup))
    return tools


def side_by_side(name: str, first: list[str], second: list[str], setup: list[str] | None = None) -> Tool:
    """Two commands started together, done when both are: how much slower each runs while the other keeps
    the second core busy (sharing caches and memory bandwidth) shows what two cores can give at best."""
    both = f"{shlex.join(first)} & first=$!; {shlex.join(second)}; second=$?; wait $first && exit $second"
    return Tool(name, ["sh", "-c", both], setup, peak_wanted=False)


def ceiling(single: Tool, pair: Tool) -> float | None:
    """How long two runs side by side take against one run alone (1: two cores do twice the work)."""
    if single.failure or pair.failure or not (single.times and pair.times):
        return None
    return statistics.median(pair.times) / statistics.median(single.times)


def compare(title: str, tools: list[Tool], rounds: int, folder: Path, targets: dict[str, str], memory: bool = True) -> list[str]:
    """Run the tools `rounds` times, rotating their order, then once each for their peak `memory`, and
    describe the medians and the ratios to the anchors in `targets`."""
    for round_number in range(rounds):
        shift = round_number % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            run(tool, folder, TIMEOUT)
    for tool in tools if memory else ():
        if tool.peak_wanted:
            run(tool, folder, TIMEOUT, observed=True)
    octavo = tools[0]
    lines = [title]
    for tool in tools:
        if tool.failure:
            lines.append(f"  {tool.name:<14} failed: {tool.failure}")
            continue
        median = statistics.median(tool.times)
        ratio = ""
        if tool is not octavo and octavo.times and tool.name in targets:
            ratio = f"  octavo/{tool.name} = {statistics.median(octavo.times) / median:.2f}  (target {targets[tool.name]})"
        peak = f"  peak {max(tool.peaks):6.0f} MB" if tool.peaks else ""
        lines.append(f"  {tool.name:<14} {median:7.2f} s median of {len(tool.times)}{peak}{ratio}")
    return lines


def batch_figures(folder: Path, rounds: int) -> list[str]:
    """`octavo batch` of 20 books (EPUB and PDF) with one job and with two, and again with nothing changed."""
    shelf = folder / "shelf"
    shelf.mkdir()
    for number in range(BATCH_BOOKS):
        novel(shelf / f"book-{number:02}.txt", BATCH_WORDS, seed=100 + number)
    one_job = [*OCTAVO, "batch", str(shelf), "--force", "--jobs", "1", "-o"]
    tools = [Tool(f"--jobs {jobs}", [*OCTAVO, "batch", str(shelf), "--force", "--jobs", str(jobs), "-o", f"batch-{jobs}"]) for jobs in (1, 2)]
    tools.append(side_by_side("2 x --jobs 1", [*one_job, "batch-1"], [*one_job, "batch-1b"]))
    lines = compare(f"Batch of {BATCH_BOOKS} books of {BATCH_WORDS:,} words, EPUB and PDF, every book rebuilt (--force):", tools, rounds, folder, {}, memory=False)
    if not (tools[0].failure or tools[1].failure):
        lines.append(f"  speed-up with 2 jobs: {statistics.median(tools[0].times) / statistics.median(tools[1].times):.2f}x  (target >= 1.8x)")
    if slowdown := ceiling(tools[0], tools[2]):
        lines.append(f"  two one-job batches side by side each take {slowdown:.2f}x as long as one alone: 2 jobs can give"
                     f" at most {2 / slowdown:.2f}x here, less their start-up, which one batch pays before its first book")
    again = Tool("no change", [*OCTAVO, "batch", str(shelf), "--jobs", "2", "-o", "batch-2"])
    return lines + compare("The same batch again, nothing changed (target: well under a second):", [again], rounds, folder, {}, memory=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tool on the novel and the batch (default 3)")
    parser.add_argument("--omnibus-rounds", type=int, default=1, help="runs of each tool on the omnibus (default 1)")
    parser.add_argument("--sizes", default="novel,omnibus", help="synthetic books to time: novel, omnibus, both, or '' for none")
    parser.add_argument("--corpus", action="store_true", help="also time the EPUB of every corpus manuscript in ../shared")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch figures")
    parser.add_argument("--formats", default="epub,pdf", help="the formats to time (default both)")
    parser.add_argument("--pdf-anchors", default="weasyprint,calibre", help="the PDF anchors to time (Calibre's can take half an hour on the omnibus)")
    args = parser.parse_args()
    missing = [name for name in ("pandoc", "ebook-convert") if shutil.which(name) is None]
    if missing:
        print(f"bench: {', '.join(missing)} not found: run `bash scripts/setup-bench.sh` first", file=sys.stderr)
        return 2
    # Calibre's PDF output runs a headless Chromium: no display here, and no sandbox for root.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    # An installed Octavo has its modules compiled (pip does it); an editable one under
    # PYTHONDONTWRITEBYTECODE would compile them again in every run.
    compileall.compile_dir(Path(importlib.util.find_spec("octavo").origin).parent, quiet=1)
    report = [f"Octavo against pandoc, Calibre and plain WeasyPrint ({os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')})"]
    pdf_peaks: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory(prefix="octavo-anchors-") as scratch:
        folder = Path(scratch)
        for size in filter(None, args.sizes.split(",")):
            rounds = args.rounds if size == "novel" else args.omnibus_rounds
            manuscript = novel(folder / f"{size}.txt", SIZES[size])
            label = f"{size} ({SIZES[size]:,} words)"
            if "epub" in args.formats.split(","):
                report += compare(f"EPUB of the {label}:", epub_tools(manuscript), rounds, folder, {"pandoc": "<= 0.33", "calibre": "<= 0.5"})
            if "pdf" not in args.formats.split(","):
                continue
            anchors = args.pdf_anchors.split(",")
            tools = [tool for tool in pdf_tools(manuscript, size == "novel" and "weasyprint" in anchors)
                     if tool.name in ("octavo", "2 x weasyprint") or tool.name in anchors]
            report += compare(f"PDF of the {label}:", tools, rounds, folder, {"weasyprint": "<= 0.6", "calibre": "<= 1"})
            by_name = {tool.name: tool for tool in tools}
            if "2 x weasyprint" in by_name and (slowdown := ceiling(by_name["weasyprint"], by_name["2 x weasyprint"])):
                report.append(f"  two WeasyPrint layouts side by side each take {slowdown:.2f}x as long as one alone: WeasyPrint's"
                              f" own work split over 2 cores would take {slowdown / 2:.2f} of its time at best")
            pdf_peaks[size] = max(tools[0].peaks, default=None)
            print("\n".join(report), flush=True)
            report = []
        if pdf_peaks.get("novel") and pdf_peaks.get("omnibus"):
            report.append(f"Octavo's PDF peak memory, omnibus / novel: {pdf_peaks['omnibus'] / pdf_peaks['novel']:.1f}x  (target <= 2x)")
        if args.corpus and CORPUS.is_dir():
            for manuscript in sorted(CORPUS.glob("*.txt")):
                report += compare(f"EPUB of {manuscript.name}:", epub_tools(manuscript), args.rounds, folder, {"pandoc": "<= 0.33", "calibre": "<= 0.5"})
        if not args.no_batch:
            report += batch_figures(folder, args.rounds)
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
