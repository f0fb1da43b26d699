"""`octavo batch`: books built in parallel, a summary table, only what changed rebuilt, and the same jobs
on a Dask cluster."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from octavo.cli import app
from octavo.manifest import MANIFEST

runner = CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1700000000"})
BOOKS = {
    "one.txt": "The First Book\n\nby Ann Lee\n\nOnce upon a time there was a lighthouse.\n",
    "two.md": "The Second Book\n\nby Bo Marsh\n\nThe tide came in, and went out again.\n",
    "more/three.txt": "The Third Book\n\nIt rained all day.\n",
}


@pytest.fixture
def shelf(tmp_path):
    folder = tmp_path / "books"
    for name, text in BOOKS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def batch(folder, out, *options):
    return runner.invoke(app, ["batch", str(folder), "--out", str(out), "--format", "epub", *options])


def rows(output: str) -> dict[str, list[str]]:
    """The summary table's rows, by book."""
    cells = [[cell.strip() for cell in line.strip("│ ").split("│")] for line in output.splitlines() if line.startswith("│")]
    return {row[0]: row[1:] for row in cells}


def outputs(out):
    return {path.relative_to(out).as_posix(): path.stat().st_mtime_ns for path in out.rglob("*.epub")}


def test_a_batch_builds_every_book_with_a_summary_row_each(shelf, tmp_path):
    result = batch(shelf, tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert sorted(outputs(tmp_path / "out")) == ["more/three.epub", "one.epub", "two.epub"]
    table = rows(result.output)
    assert table["one.txt"] == ["epub", "8", "", table["one.txt"][3], "built"]
    assert table["more/three.txt"][1] == "4" and "3 books from" in result.output and "3 built" in result.output


def test_two_jobs_make_the_same_books_as_one(shelf, tmp_path):
    assert batch(shelf, tmp_path / "one", "--jobs", "1").exit_code == 0
    assert batch(shelf, tmp_path / "two", "--jobs", "2").exit_code == 0
    for name in ("one.epub", "two.epub", "more/three.epub"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_where_workers_cannot_be_forked_from_a_server_they_are_spawned(shelf, tmp_path, monkeypatch):
    """As on Windows, which has no fork: the same books."""
    import multiprocessing

    assert batch(shelf, tmp_path / "one", "--jobs", "1").exit_code == 0
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    asked, get_context = [], multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: asked.append(method) or get_context(method))
    result = batch(shelf, tmp_path / "two", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert asked == ["spawn"]
    for name in ("one.epub", "two.epub", "more/three.epub"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_the_longest_books_go_out_first(shelf, tmp_path):
    """So that the workers finish about together, not one on a long book while the others wait."""
    from octavo.batch import Batch, InProcessExecutor, jobs_for
    from octavo.formats import Format

    manuscripts = sorted(shelf.rglob("*.*"))
    jobs = list(jobs_for(manuscripts, tmp_path / "out", lambda manuscript: tmp_path / "out", (Format.EPUB,), {}))
    started = []
    results = list(Batch(jobs, InProcessExecutor(), in_flight=1).results(lambda job: started.append(job.manuscript)))
    assert started == sorted(manuscripts, key=lambda path: path.stat().st_size, reverse=True)
    assert [result.status for result in results] == ["built"] * 3


def test_a_second_batch_skips_the_unchanged_and_rebuilds_the_changed(shelf, tmp_path):
    out = tmp_path / "out"
    assert batch(shelf, out).exit_code == 0
    before = outputs(out)
    (shelf / "two.md").write_text(BOOKS["two.md"] + "\nAnd then it was morning.\n", encoding="utf-8")
    result = batch(shelf, out)
    assert result.exit_code == 0, result.output
    table = rows(result.output)
    assert [table[name][-1] for name in ("more/three.txt", "one.txt", "two.md")] == ["unchanged", "unchanged", "built"]
    assert table["one.txt"][1] == "8"  # the words the manifest remembers
    after = outputs(out)
    assert after["one.epub"] == before["one.epub"] and after["two.epub"] != before["two.epub"]


SETTINGS = '[tool.octavo]\npublisher = "Harbour Press"\n'


def test_a_project_moved_with_its_books_stays_unchanged_and_its_books_are_rebuilt_as_they_change(shelf, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    shelf.rename(project / "books")
    assert batch(project / "books", project / "out").exit_code == 0
    moved = tmp_path / "shelves" / "renamed"
    moved.parent.mkdir()
    project.rename(moved)
    assert {row[-1] for row in rows(batch(moved / "books", moved / "out").output).values()} == {"unchanged"}
    (moved / "books" / "one.txt").write_text(BOOKS["one.txt"] + "\nThe lamp was lit.\n", encoding="utf-8")
    assert rows(batch(moved / "books", moved / "out").output)["one.txt"][-1] == "built"


def test_books_moved_deep_under_settings_above_every_folder_looked_in_before_are_rebuilt(shelf, tmp_path):
    assert batch(shelf, tmp_path / "out").exit_code == 0
    press = tmp_path / "press"
    deep = press.joinpath(*["shelf"] * len(tmp_path.parts))  # deeper than the first build's walk up to the root
    deep.mkdir(parents=True)
    (press / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    for name in ("books", "out"):
        (tmp_path / name).rename(deep / name)
    assert {row[-1] for row in rows(batch(deep / "books", deep / "out").output).values()} == {"built"}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda shelf, out: (out / "one.epub").unlink(), id="an output deleted"),
        pytest.param(lambda shelf, out: (out / "one.epub").write_bytes(b"damaged"), id="an output replaced"),
        pytest.param(lambda shelf, out: (out / MANIFEST).write_text("{not json", encoding="utf-8"), id="a damaged manifest"),
    ],
)
def test_a_book_whose_output_is_not_as_written_is_rebuilt(shelf, tmp_path, change):
    out = tmp_path / "out"
    assert batch(shelf, out).exit_code == 0
    change(shelf, out)
    result = batch(shelf, out)
    assert rows(result.output)["one.txt"][-1] == "built"
    assert (out / "one.epub").stat().st_size > 1000


def test_other_options_or_force_rebuild_every_book(shelf, tmp_path):
    out = tmp_path / "out"
    assert batch(shelf, out).exit_code == 0
    assert {row[-1] for row in rows(batch(shelf, out, "--format", "html").output).values()} == {"built"}
    assert {row[-1] for row in rows(batch(shelf, out, "--format", "html").output).values()} == {"unchanged"}
    assert {row[-1] for row in rows(batch(shelf, out, "--format", "html", "--force").output).values()} == {"built"}


def test_a_batch_in_other_formats_by_turns_rebuilds_only_the_first_time(shelf, tmp_path):
    out = tmp_path / "out"
    assert batch(shelf, out).exit_code == 0
    assert {row[-1] for row in rows(batch(shelf, out, "--format", "html").output).values()} == {"built"}
    assert {row[-1] for row in rows(batch(shelf, out).output).values()} == {"unchanged"}
    assert {row[-1] for row in rows(batch(shelf, out, "--format", "html").output).values()} == {"unchanged"}


def test_a_changed_cover_rebuilds_its_book(shelf, tmp_path):
    from PIL import Image

    out, cover = tmp_path / "out", shelf / "cover.png"
    Image.new("RGB", (160, 240), "navy").save(cover)
    (shelf / "one.txt").write_text("Title: The First Book\nCover: cover.png\n\nOnce upon a time.\n", encoding="utf-8")
    assert batch(shelf, out).exit_code == 0
    assert rows(batch(shelf, out).output)["one.txt"][-1] == "unchanged"
    Image.new("RGB", (160, 240), "maroon").save(cover)
    assert rows(batch(shelf, out).output)["one.txt"][-1] == "built"


def test_a_cover_that_is_a_link_pointed_at_another_picture_rebuilds_its_book(shelf, tmp_path):
    from PIL import Image

    out, art, cover = tmp_path / "out", shelf / "covers", shelf / "cover.png"
    art.mkdir()
    for colour in ("navy", "maroon"):
        Image.new("RGB", (160, 240), colour).save(art / f"{colour}.png")
    try:
        cover.symlink_to(art / "navy.png")
    except OSError:
        pytest.skip("this system does not let us make links")
    (shelf / "one.txt").write_text("Title: The First Book\nCover: cover.png\n\nOnce upon a time.\n", encoding="utf-8")
    assert batch(shelf, out).exit_code == 0
    assert rows(batch(shelf, out).output)["one.txt"][-1] == "unchanged"
    cover.unlink()
    cover.symlink_to(art / "maroon.png")
    assert rows(batch(shelf, out).output)["one.txt"][-1] == "built"


def test_a_failed_book_is_built_again_next_time_and_the_others_are_not(shelf, tmp_path):
    out = tmp_path / "out"
    (shelf / "empty.txt").write_text("  \n", encoding="utf-8")
    first = batch(shelf, out)
    assert first.exit_code == 1 and rows(first.output)["empty.txt"][-1].startswith("failed: ")
    second = batch(shelf, out)
    assert second.exit_code == 1
    assert [row[-1] for name, row in sorted(rows(second.output).items()) if name != "empty.txt"] == ["unchanged"] * 3
    assert second.output.strip().splitlines()[-1] == f"octavo: error: {shelf / 'empty.txt'}: is empty: there is no text to make a book of"


def test_two_batches_of_different_books_into_one_folder_keep_both_in_the_manifest(tmp_path):
    out = tmp_path / "out"
    commands = []
    for shelf_name in ("a", "b"):
        folder = tmp_path / shelf_name
        for number in range(3):
            (folder / f"{shelf_name}{number}.txt").parent.mkdir(exist_ok=True)
            (folder / f"{shelf_name}{number}.txt").write_text(f"Book {shelf_name} {number}\n\nText.\n", encoding="utf-8")
        commands.append([sys.executable, "-m", "octavo", "batch", str(folder), "-f", "epub", "--jobs", "1", "--out", str(out)])
    runs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for command in commands]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    books = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["books"]
    assert sorted(books) == [f"{name} (epub)" for name in ("a0", "a1", "a2", "b0", "b1", "b2")]


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_code_8(shelf, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("octavo.cluster.CONNECT_SECONDS", 1)
    result = batch(shelf, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 8, result.output
    assert result.output.strip().splitlines()[-1].startswith("octavo: error: tcp://127.0.0.1:9: cannot reach the Dask scheduler")


@pytest.mark.parametrize("shared_out", [False, True], ids=["books sent back", "shared output folder"])
def test_a_batch_on_a_dask_cluster_builds_the_same_books(shelf, tmp_path, shared_out):
    distributed = pytest.importorskip("distributed")
    assert batch(shelf, tmp_path / "local").exit_code == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        options = ["--scheduler", cluster.scheduler_address, *(["--shared-out"] if shared_out else [])]
        result = batch(shelf, tmp_path / "cluster", *options)
    assert result.exit_code == 0, result.output
    assert {row[-1] for row in rows(result.output).values()} == {"built"}
    for name in ("one.epub", "two.epub", "more/three.epub"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_a_batch_stopped_by_sigterm_stops_its_workers_at_once_and_leaves_no_half_written_file(tmp_path):
    import signal
    import time

    shelf, out = tmp_path / "shelf", tmp_path / "out"
    shelf.mkdir()
    chapter = "The keeper climbed the stair and looked out at the long grey water again. " * 60
    for number in range(4):
        (shelf / f"book{number}.txt").write_text(f"Book {number}\n\n" + "".join(f"Chapter {c}\n\n{chapter}\n\n" for c in range(1, 30)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "octavo", "batch", str(shelf), "-f", "pdf", "--jobs", "2", "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(out.glob(".*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.glob(".*.part")), "no book was being written"
    process.send_signal(signal.SIGTERM)
    stopped = time.monotonic()
    assert process.wait(timeout=60) == 143
    assert time.monotonic() - stopped < 10
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))


@pytest.mark.parametrize("command", [["batch", ".", "--jobs", "2"], ["build", "one.txt"]])
def test_no_temporary_files_are_left_behind(shelf, tmp_path, command):
    """WeasyPrint keeps a layout's fonts in a temporary folder, removed when its objects are collected:
    workers collect them before they end, and so does Octavo before it exits."""
    import os

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    finished = subprocess.run([sys.executable, "-m", "octavo", *command, "-f", "pdf", "-o", str(tmp_path / "out")], cwd=shelf,
                              capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temporary)})
    assert finished.returncode == 0, finished.stderr
    assert list((tmp_path / "out").rglob("*.pdf"))
    assert not list(temporary.iterdir())


@pytest.mark.parametrize("cpu_max, expected", [("max 100000\n", None), ("150000 100000\n", 1.5), ("50000 100000\n", 0.5)])
def test_a_containers_cpu_quota_bounds_the_default_jobs(tmp_path, monkeypatch, cpu_max, expected):
    import octavo.batch

    (tmp_path / "cpu.max").write_text(cpu_max)
    monkeypatch.setattr(octavo.batch, "_CPU_MAX", tmp_path / "cpu.max")
    monkeypatch.setattr(octavo.batch.os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert octavo.batch._cpu_quota() == expected
    assert octavo.batch.default_jobs() == {None: 8, 1.5: 2, 0.5: 1}[expected]


def test_a_cgroup_v1_quota_is_read_too(tmp_path, monkeypatch):
    import octavo.batch

    quota, period = tmp_path / "quota", tmp_path / "period"
    quota.write_text("300000\n"), period.write_text("100000\n")
    monkeypatch.setattr(octavo.batch, "_CPU_MAX", tmp_path / "absent")
    monkeypatch.setattr(octavo.batch, "_CFS", (quota, period))
    assert octavo.batch._cpu_quota() == 3
