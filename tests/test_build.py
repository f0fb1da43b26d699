"""Outputs are written atomically: a failed build leaves the previous good file, or nothing."""

import pytest

from octavo.atomic import atomic_target


def test_a_failed_write_keeps_the_previous_output_and_leaves_no_temporary(tmp_path):
    book = tmp_path / "book.epub"
    book.write_bytes(b"the previous good book")
    with pytest.raises(RuntimeError):
        with atomic_target(book) as temporary:
            temporary.write_bytes(b"half a bo")
            raise RuntimeError("killed half-way")
    assert book.read_bytes() == b"the previous good book"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_a_finished_write_replaces_the_output(tmp_path):
    book = tmp_path / "sub" / "book.epub"
    with atomic_target(book) as temporary:
        temporary.write_bytes(b"new")
    assert book.read_bytes() == b"new"
    assert [p.name for p in book.parent.iterdir()] == ["book.epub"]
