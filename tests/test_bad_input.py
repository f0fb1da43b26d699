"""Every kind of bad input, through the command line: one line naming the file (and line, where there is
one), the exit code of its kind, no traceback, and no output file left behind."""

import io
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import SAMPLES
from octavo.cli import app

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
GOOD = "Title: Tide\nAuthor: Ann Bee\n{header}\nOnce upon a time there was a sea.\n"


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with no pixels behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# name -> (what the manuscript file holds, other files beside it, exit code, the message, the line it names)
CASES = {
    "empty": (b"", {}, 5, "is empty", None),
    "whitespace only": (b"  \n\t\n   \n", {}, 5, "is empty", None),
    "NUL bytes": (b"Once\x00upon\x00a\x01\x02time\x00\x00\x00" * 10, {}, 3, "is a binary file", None),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", {}, 3, "is a PDF document", None),
    "a zip (a .docx)": (zip_bytes(), {}, 3, "is a zip archive", None),
    "an RTF document": (b"{\\rtf1\\ansi Hello.\\par}", {}, 3, "is an RTF document", None),
    "undecodable bytes": (b"\xff\xfe" + "line one\nline two\n".encode("utf-16-le") + b"\x00\xd8", {}, 4, "cannot decode", 3),
    "only scene breaks": (b"* * *\n\n---\n\n* * *\n", {}, 5, "has no story", None),
    "only notes": (b"A/N: thanks for reading.\n\nDisclaimer: not mine.\n", {}, 5, "has no story", None),
    "unknown header field": (GOOD.format(header="Colour: blue\n").encode(), {}, 5, "unknown header field 'Colour'", 3),
    "malformed header value": (GOOD.format(header="Language: English please\n").encode(), {}, 5, "header field 'language' must be a language tag", 3),
    "malformed YAML": (b"---\ntitle: [unclosed\nauthor: A\n---\n\nText.\n", {}, 5, "the YAML header is malformed", None),
    "cover missing": (GOOD.format(header="Cover: front.png\n").encode(), {}, 3, "the cover image 'front.png' is not a file", 3),
    "cover not an image": (GOOD.format(header="Cover: front.png\n").encode(), {"front.png": b"just text"}, 3, "must be a PNG or JPEG", None),
    "cover damaged": (GOOD.format(header="Cover: front.png\n").encode(), {"front.png": b"\x89PNG\r\n\x1a\ngarbage"}, 3, "the cover image cannot be read", None),
    "cover far too large": (GOOD.format(header="Cover: front.png\n").encode(), {"front.png": png_claiming(20000, 20000)}, 3, "too large to open safely", None),
    "cover outside the folder": (GOOD.format(header="Cover: ../front.png\n").encode(), {}, 5, "must be inside the manuscript's folder", 3),
    "cover by absolute path": (GOOD.format(header="Cover: /etc/hostname\n").encode(), {}, 5, "must be inside the manuscript's folder", 3),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_one_line_with_its_exit_code_and_leaves_nothing(tmp_path, case):
    data, beside, exit_code, message, line = CASES[case]
    folder = tmp_path / "book"
    folder.mkdir()
    manuscript = folder / "story.txt"
    manuscript.write_bytes(data)
    for name, content in beside.items():
        (folder / name).write_bytes(content)
    (tmp_path / "front.png").write_bytes(png_claiming(10, 10))  # what `../front.png` would reach
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(manuscript), "--out", str(out)])
    assert result.exit_code == exit_code, result.output
    (printed,) = result.output.strip().splitlines()
    assert printed.startswith("octavo: error: ") and message in printed
    named = f"{manuscript}:{line}: " if line else f"{folder}/"
    assert named in printed
    assert not out.exists() or not list(out.iterdir())


def test_a_cover_symlink_that_leads_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(png_claiming(10, 10))
    (folder / "front.png").symlink_to(tmp_path / "secret.png")
    (folder / "story.txt").write_text(GOOD.format(header="Cover: front.png\n"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(folder / "story.txt"), "-f", "epub", "--out", str(tmp_path / "out")])
    assert result.exit_code == 5 and "must be inside the manuscript's folder" in result.output


def test_a_manuscript_without_read_permission(tmp_path, monkeypatch):
    manuscript = tmp_path / "story.txt"
    manuscript.write_text("Tide\n\nOnce upon a time.\n", encoding="utf-8")
    manuscript.chmod(0)
    if AS_ROOT:  # root reads any file: make the read fail as it would for anyone else
        def refuse(self):
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    result = runner.invoke(app, ["build", str(manuscript), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.output.strip() == f"octavo: error: {manuscript}: cannot read the file: permission denied"


def test_an_output_folder_without_write_permission(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    if AS_ROOT:  # root writes anywhere: make the write fail as it would for anyone else
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("tempfile.mkstemp", refuse)
    result = runner.invoke(app, ["build", str(SAMPLES[0]), "--out", str(out)])
    assert result.exit_code == 6
    assert result.output.strip() == f"octavo: error: {out}: cannot write here: Permission denied"
    out.chmod(0o755)
    assert not list(out.iterdir())


def test_a_folder_given_as_a_manuscript(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and "is a folder, not a manuscript (use `octavo batch`" in result.output


def test_a_symlink_loop_in_a_batch_folder_is_not_followed_forever(tmp_path):
    folder = tmp_path / "in"
    (folder / "deeper").mkdir(parents=True)
    (folder / "deeper" / "story.txt").write_text("Tide\n\nOnce upon a time.\n", encoding="utf-8")
    (folder / "deeper" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self").symlink_to(folder / "self")  # a link to itself: neither file nor folder
    result = runner.invoke(app, ["batch", str(folder), "-f", "epub", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").rglob("*.epub")] == ["story.epub"]


def _octavo(*arguments: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "octavo", *arguments], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_two_batches_into_one_folder_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "out"
    runs = [_octavo("batch", str(SAMPLES[0].parent), "-f", "epub", "--out", str(out)) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stdout.read().decode()
    books = sorted(book for book in out.iterdir() if not book.name.startswith("."))
    assert [book.name for book in books] == sorted(f"{sample.stem}.epub" for sample in SAMPLES)
    for book in books:
        with zipfile.ZipFile(book) as archive:
            assert archive.testzip() is None


def test_a_build_stopped_half_way_leaves_the_previous_book(tmp_path):
    manuscript = tmp_path / "long.txt"
    manuscript.write_text("Long\n\n" + "".join(f"Chapter {n}\n\n" + "A line of the story, and more. " * 400 + "\n\n" for n in range(1, 40)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "long.pdf").write_bytes(b"the previous good book")
    run = _octavo("build", str(manuscript), "-f", "pdf", "--out", str(out))
    deadline = time.monotonic() + 120
    while not list(out.glob(".long.pdf.*.part")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) != 0
    assert (out / "long.pdf").read_bytes() == b"the previous good book"
    assert [p.name for p in out.iterdir()] == ["long.pdf"]
