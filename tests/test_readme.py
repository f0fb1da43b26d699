"""Every command the README shows runs, in the order it shows them, in a folder holding the files they
name: the README cannot rot."""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

import pytest

from conftest import SAMPLES

REPO = __import__("pathlib").Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMAND = re.compile(r"^(?:\.venv/bin/)?octavo (?P<arguments>.+?)(?:\s+#\s.*)?$")
ENV = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.M | re.S)


def commands() -> list[str]:
    return [match["arguments"] for block in blocks("sh") for line in block.splitlines() if (match := COMMAND.match(line.strip()))]


@pytest.fixture
def folder(tmp_path):
    """A folder holding what the README's commands name: story.txt and a folder of books, my-books/."""
    sample = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")
    shutil.copy(sample, tmp_path / "story.txt")
    (tmp_path / "my-books").mkdir()
    for manuscript in SAMPLES:
        shutil.copy(manuscript, tmp_path / "my-books" / manuscript.name)
    return tmp_path


def run(arguments: list[str], folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "octavo", *arguments], cwd=folder, env=ENV, capture_output=True, text=True, timeout=600)


def watch(arguments: list[str], folder) -> str:
    """Run `octavo watch` until its first build, then stop it with Ctrl-C."""
    process = subprocess.Popen([sys.executable, "-m", "octavo", *arguments], cwd=folder, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    first = process.stdout.readline()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    return first


def test_the_readme_shows_the_commands_worth_showing():
    shown = {shlex.split(arguments)[0] for arguments in commands()}
    assert shown >= {"init", "build", "watch", "preview", "check", "inspect", "batch"}


def test_every_command_in_the_readme_runs(folder):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        for arguments in commands():
            arguments = shlex.split(arguments.replace("tcp://scheduler-host:8786", cluster.scheduler_address))
            if arguments[0] == "watch":
                assert " started: wrote " in watch(arguments, folder)
                continue
            result = run(arguments, folder)
            assert result.returncode == 0, (arguments, result.stdout, result.stderr)
    assert (folder / "my-book" / "my-book.txt").is_file() and (folder / "dist" / "my-book.epub").is_file()
    assert (folder / "books" / "the-lighthouse-almanac.epub").is_file() and (folder / "dist" / "story.kepub.epub").is_file()


def test_the_readmes_picture_is_drawn_by_make_pictures(tmp_path):
    from PIL import Image

    assert "\tpictures: $(INSTALLED)".strip() in (REPO / "Makefile").read_text(encoding="utf-8")
    assert "(docs/images/title-page-and-chapter-opening.png)" in README
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "readme-pictures.py"), "--out", str(tmp_path / "picture.png")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    with Image.open(tmp_path / "picture.png") as picture:
        assert picture.width > picture.height > 400  # two pages side by side


def test_the_readmes_python_runs(folder, monkeypatch):
    (code,) = blocks("python")
    monkeypatch.chdir(folder)
    exec(compile(code, "README.md", "exec"), {})
    assert (folder / "dist" / "story.epub").is_file() and (folder / "dist" / "story.pdf").is_file()
