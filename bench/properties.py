"""Run the property of tests/test_properties.py on many generated manuscripts, without stopping at the
first failure, and print the figures (issue 8): examples run, built, clean OctavoErrors by kind, crashes,
books with lost words, EPUBs EPUBCheck rejected, elapsed time. The target is 0 crashes and 0 lost words.

    .venv/bin/python bench/properties.py                  # 10,000 examples, one job per CPU
    .venv/bin/python bench/properties.py --examples 300 --jobs 2 --seed 7 --epubcheck-every 10
    .venv/bin/python bench/properties.py --minutes 90        # as many of the 10,000 as run in 90 minutes

The generator and the check are those of tests/manuscripts_strategy.py. EPUBCheck starts a JVM and takes
several seconds per book, so it runs on one built book in `--epubcheck-every` only (1: on every one). Each
failing manuscript is kept in `--keep` (a new temporary folder by default) to be built again by hand.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hypothesis import Phase, given, seed, settings  # noqa: E402

from manuscripts_strategy import PROFILE, check_manuscript, manuscripts, short_traceback  # noqa: E402

SHOWN = 3  # distinct crashes, and examples of each other failure, shown in full


@dataclass
class Tally:
    """What one job saw. Failures keep their manuscript's file, their first line and a short traceback."""

    run: int = 0
    built: int = 0
    errors: Counter = field(default_factory=Counter)
    unclean: list[tuple[str, str]] = field(default_factory=list)
    crashes: dict[str, list] = field(default_factory=dict)  # signature -> [count, traceback, manuscript]
    lost: list[tuple[str, str]] = field(default_factory=list)
    lost_in_epub: int = 0
    lost_in_pdf: int = 0
    pdf_unread: int = 0
    checked: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("run", "built", "lost_in_epub", "lost_in_pdf", "pdf_unread", "checked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)
        self.unclean += other.unclean
        self.lost += other.lost
        self.rejected += other.rejected
        for signature, (count, trace, manuscript) in other.crashes.items():
            if signature in self.crashes:
                self.crashes[signature][0] += count
            else:
                self.crashes[signature] = [count, trace, manuscript]


def run_job(job: int, examples: int, first_seed: int, epubcheck_every: int, keep: Path, deadline: float) -> Tally:
    """Run `examples` examples of the property under the seed `first_seed + job`, or as many as there is
    time for before `deadline` (time.time()); never raises for a failing example."""
    _quiet()
    tally = Tally()

    def keep_manuscript(kind: str, text: str) -> str:
        path = keep / f"{kind}-{job}-{tally.run}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        return str(path)

    @settings(settings.get_profile(PROFILE), max_examples=examples, derandomize=False, phases=[Phase.generate])
    @seed(first_seed + job)
    @given(manuscripts())
    def one(text: str) -> None:
        if time.time() > deadline:
            return  # the generator runs on through the examples left, cheaply
        tally.run += 1
        if tally.run % 100 == 0:
            print(f"  job {job}: {tally.run}/{examples}", file=sys.stderr, flush=True)
        # Every K-th built book: where this example does not build, the next one is checked.
        epubcheck = epubcheck_every > 0 and tally.checked < (tally.built + 1) // epubcheck_every
        with tempfile.TemporaryDirectory(prefix="octavo-bench-") as folder:
            try:
                outcome = check_manuscript(text, Path(folder), epubcheck=epubcheck)
            except Exception as error:  # a crash: anything but an OctavoError
                trace = short_traceback(error)
                frames = [line.strip() for line in trace.splitlines() if line.lstrip().startswith("File ")]
                signature = f"{type(error).__name__} at {frames[-1] if frames else '?'}"
                if signature in tally.crashes:
                    tally.crashes[signature][0] += 1
                else:
                    tally.crashes[signature] = [1, trace, keep_manuscript("crash", text)]
                return
        if not outcome.built:
            tally.errors[type(outcome.error).__name__] += 1
            if outcome.problems:
                tally.unclean.append((outcome.problems[0], keep_manuscript("unclean", text)))
            return
        tally.built += 1
        tally.pdf_unread += not outcome.pdf_readable
        tally.lost_in_epub += bool(outcome.lost_in_epub)
        tally.lost_in_pdf += bool(outcome.lost_in_pdf)
        if outcome.lost_in_epub or outcome.lost_in_pdf:
            problem = next(p for p in outcome.problems if "lost" in p)
            tally.lost.append((problem, keep_manuscript("lost", text)))
        if outcome.epubcheck is not None:
            tally.checked += 1
            if any(p.startswith("EPUBCheck") for p in outcome.problems):
                problem = next(p for p in outcome.problems if p.startswith("EPUBCheck"))
                tally.rejected.append((problem, keep_manuscript("epubcheck", text)))

    one()
    return tally


def _quiet() -> None:
    """Octavo's warnings (characters the book face lacks) and WeasyPrint's would drown the figures."""
    warnings.simplefilter("ignore")
    for name in ("octavo", "weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def report(tally: Tally, elapsed: float, args, keep: Path) -> str:
    books_lost = len(tally.lost)
    crashes = sum(count for count, _, _ in tally.crashes.values())
    errors = ", ".join(f"{kind} {count}" for kind, count in tally.errors.most_common()) or "none"
    every = {0: "not asked for", 1: "every built book"}.get(args.epubcheck_every, f"one built book in {args.epubcheck_every}")
    lines = [
        f"Octavo property bench: seed {args.seed}, {args.jobs} job(s)",
        f"  examples run                {tally.run}",
        f"  built (EPUB and PDF)        {tally.built}",
        f"  clean OctavoErrors          {sum(tally.errors.values())}  ({errors})",
        f"  OctavoErrors not clean      {len(tally.unclean)}  (not one line, no file named, a file left half-written)",
        f"  crashes                     {crashes}  ({len(tally.crashes)} distinct)",
        f"  books with lost words       {books_lost}  (EPUB {tally.lost_in_epub}, PDF {tally.lost_in_pdf})",
        f"  PDFs whose words pypdf cannot read  {tally.pdf_unread}  (glyphs no font has; their EPUB is judged)",
        f"  EPUBCheck                   {tally.checked} checked ({every}), {len(tally.rejected)} rejected",
        f"  elapsed                     {elapsed:.0f} s ({elapsed / max(tally.run, 1):.2f} s per example, wall)",
    ]
    if tally.crashes:
        lines.append("\nCrashes, the first of each kind:")
        for count, trace, manuscript in list(tally.crashes.values())[:SHOWN]:
            lines += [f"- {count}x, for example {manuscript}:", *("    " + line for line in trace.splitlines())]
    for title, failures in (("Lost words", tally.lost), ("EPUBCheck rejections", tally.rejected),
                            ("OctavoErrors not clean", tally.unclean)):
        if failures:
            lines.append(f"\n{title}, the first {min(SHOWN, len(failures))}:")
            lines += [f"- {problem}\n    {manuscript}" for problem, manuscript in failures[:SHOWN]]
    if crashes or books_lost or tally.rejected or tally.unclean:
        lines.append(f"\nEvery failing manuscript is in {keep}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="manuscripts to generate (default 10000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: one per CPU)")
    parser.add_argument("--seed", type=int, default=0, help="job j runs under seed SEED+j (default 0)")
    parser.add_argument("--epubcheck-every", type=int, default=25, metavar="K",
                        help="run EPUBCheck on one built book in K (default 25; 1: all; 0: none)")
    parser.add_argument("--minutes", type=float, help="stop starting examples after this long, and report those run")
    parser.add_argument("--keep", type=Path, help="folder for the failing manuscripts (default: a new temporary one)")
    args = parser.parse_args()
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    args.jobs = max(1, min(args.jobs, args.examples))
    keep = args.keep or Path(tempfile.mkdtemp(prefix="octavo-properties-"))
    keep.mkdir(parents=True, exist_ok=True)
    shares = [args.examples // args.jobs + (job < args.examples % args.jobs) for job in range(args.jobs)]
    print(f"Running {args.examples} examples in {args.jobs} job(s)...", file=sys.stderr, flush=True)
    start = time.monotonic()
    deadline = time.time() + args.minutes * 60 if args.minutes else float("inf")
    tally = Tally()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_job, job, share, args.seed, args.epubcheck_every, keep, deadline) for job, share in enumerate(shares)]
        for future in futures:
            tally.add(future.result())
    print(report(tally, time.monotonic() - start, args, keep))
    if args.keep is None and not any(keep.iterdir()):
        keep.rmdir()
    failed = tally.crashes or tally.lost or tally.rejected or tally.unclean
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
