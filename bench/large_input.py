"""Large input: no step may be quadratic, memory stays bounded. Times each stage of Octavo on synthetic
manuscripts of growing size (and on one paragraph a megabyte long), each in a fresh process, and prints
seconds per megabyte and peak memory: flat seconds per megabyte means linear time.

    .venv/bin/python bench/large_input.py [--sizes 1,5,10,50] [--pdf-sizes 1]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the quick brown fox jumps over a lazy dog while rain falls softly on old roofs and \"quoted\" "
         "words -- dashes... it's 'single' tea-time").split()


def synthetic(path: Path, megabytes: float, one_line: bool = False) -> Path:
    """A manuscript of about `megabytes` MB: chapters of paragraphs, or (`one_line`) a single paragraph."""
    rng = random.Random(megabytes)
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Title: Synthetic\nAuthor: A. Bench\n\n")
        size, chapter = 0, 0
        while size < target:
            if one_line:
                line = " ".join(rng.choice(WORDS) for _ in range(1000)) + " "
            else:
                chapter += 1
                paragraphs = (" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120))) + "." for _ in range(60))
                line = f"Chapter {chapter}\n\n" + "\n\n".join(paragraphs) + "\n\n"
            handle.write(line)
            size += len(line)
        handle.write("\n")
    return path


def stages(manuscript: Path, formats: list[str], out: Path) -> dict:
    """Run in a child process: seconds for each stage, and the peak resident memory in MB."""
    from octavo.pipeline import Format, build
    from octavo.parse import parse
    from octavo.read import read_manuscript
    from octavo.typography import typeset

    seconds, started = {}, time.perf_counter()
    text = read_manuscript(manuscript)
    seconds["read"], started = time.perf_counter() - started, time.perf_counter()
    book = parse(text, manuscript)
    seconds["parse"], started = time.perf_counter() - started, time.perf_counter()
    typeset(book)
    seconds["typeset"] = time.perf_counter() - started
    for output_format in formats:
        started = time.perf_counter()
        build(manuscript, (Format(output_format),), out)  # the whole build: read, parse and typeset again
        seconds[output_format] = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(manuscript: Path, formats: list[str], out: Path) -> dict | None:
    """The child's figures, or None after printing the last line of its error."""
    child = subprocess.run([sys.executable, __file__, "--child", str(manuscript), str(out), *formats], capture_output=True, text=True)
    if child.returncode:
        print(f"  failed: {(child.stderr.strip().splitlines() or ['killed'])[-1]}", flush=True)
        return None
    return json.loads(child.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10,50", help="manuscript sizes in MB (stages and EPUB)")
    parser.add_argument("--pdf-sizes", default="1", help="sizes in MB also built as a PDF")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        manuscript, out, *formats = arguments.child
        print(json.dumps(stages(Path(manuscript), formats, Path(out))))
        return
    pdf_sizes = {float(size) for size in arguments.pdf_sizes.split(",") if size}
    runs = [(float(size), False) for size in arguments.sizes.split(",")] + [(size, True) for size in sorted(pdf_sizes)]
    print(f"{'manuscript':<22}{'read':>8}{'parse':>8}{'typeset':>9}{'epub':>8}{'pdf':>8}{'s/MB':>8}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes, one_line in runs:
            name = f"{megabytes:g} MB" + (", one paragraph" if one_line else "")
            manuscript = synthetic(Path(folder) / f"m{megabytes:g}{'-line' if one_line else ''}.txt", megabytes, one_line)
            formats = ["epub"] + (["pdf"] if megabytes in pdf_sizes else [])
            result = measure(manuscript, formats, Path(folder) / "out")
            if result is None:
                continue
            seconds = result["seconds"]
            stage_total = seconds["read"] + seconds["parse"] + seconds["typeset"]
            pdf = f"{seconds['pdf']:8.1f}" if "pdf" in seconds else f"{'-':>8}"
            print(f"{name:<22}{seconds['read']:8.1f}{seconds['parse']:8.1f}{seconds['typeset']:9.1f}{seconds['epub']:8.1f}"
                  f"{pdf}{stage_total / megabytes:8.2f}{result['peak_mb']:9.0f}", flush=True)
    print("s/MB: read+parse+typeset seconds per megabyte; epub and pdf: whole builds, each in the same process")


if __name__ == "__main__":
    main()
