"""Reading: every common encoding and line ending gives the same text; what is not text is a clear error."""

import pytest

from octavo.errors import DecodeError, InputError
from octavo.read import read_manuscript

TEXT = "Café “naïve” — Ünïcödé\nsecond line\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a byte-order mark
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "crlf", "cr"],
)
def test_encodings_and_line_endings(tmp_path, encoded):
    path = tmp_path / "m.txt"
    path.write_bytes(encoded)
    assert read_manuscript(path) == TEXT


def test_cp1252_and_latin1(tmp_path):
    path = tmp_path / "m.txt"
    prose = "Le café était fermé ; « Où êtes-vous ? » demanda-t-elle à l’hôtelière. " * 20
    path.write_bytes(prose.replace("’", "'").encode("cp1252"))
    assert read_manuscript(path) == prose.replace("’", "'")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_short_western_text_in_a_single_byte_encoding(tmp_path, encoding):
    path = tmp_path / "m.txt"
    prose = "Café au lait\n\nNaïve text, said the señor. Très bien!\n"
    path.write_bytes(prose.encode(encoding))
    assert read_manuscript(path) == prose


def test_curly_quotes_saved_as_cp1252(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes("“A naïve café,” she said — it’s true…".encode("cp1252"))
    assert read_manuscript(path) == "“A naïve café,” she said — it’s true…"


def test_normalised_to_nfc_without_invisible_characters(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("Cafe\u0301\u200b and\ttab\x07 \U0001f469\u200d\U0001f52c", encoding="utf-8")
    assert read_manuscript(path) == "Café and    tab \U0001f469\u200d\U0001f52c"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_manuscript(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_manuscript(tmp_path)


@pytest.mark.parametrize("data", [b"\x7fELF\x02\x01\x01\x00\x00\x00binary\x00stream", b"\x00\x00\x01\x00\x01\x00 an icon \x00"])
def test_binary_files_are_refused(tmp_path, data):
    path = tmp_path / "m.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary"):
        read_manuscript(path)


def test_utf16_that_does_not_decode_names_the_line(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes(b"\xff\xfe" + "ok\nline two\n".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(DecodeError) as error:
        read_manuscript(path)
    assert error.value.line == 3
