"""Read a manuscript file into normalised text: any common encoding, any line ending, NFC."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from .errors import DecodeError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that are invisible or illegal in XML: C0/C1 controls (but tab and newline), zero-width
# spaces that word processors leave behind, stray byte-order marks. Zero-width joiners stay: Persian,
# Indic scripts and emoji sequences need them.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\ufffe\uffff]")
# Single-byte encodings that a detector cannot tell apart on a short Western text; "save as text" on
# Windows writes cp1252, so it is the better guess among them.
_WESTERN_LOOKALIKES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_13", "iso8859_15",
    "mac_roman", "mac_latin2", "cp437", "cp775", "cp850", "cp852", "cp858",
}


# Files people give as a manuscript by mistake, by their first bytes.
_DOCUMENT_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a zip archive (an EPUB, a Word .docx or OpenDocument file)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a Word .doc document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def read_manuscript(path: Path) -> str:
    """The manuscript at `path` as text: decoded, LF line endings, tabs as spaces, NFC."""
    return normalise(decode(read_bytes(path), path))


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        raise InputError("is a folder, not a manuscript (use `octavo batch` for a folder)", path)
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError("cannot read the file: permission denied", path) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", path) from None


def decode(data: bytes, path: Path) -> str:
    """Decode by byte-order mark, then strict UTF-8, then charset-normalizer's best guess."""
    for signature, kind in _DOCUMENT_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"is {kind}, not a plain-text manuscript: save it as plain text (.txt) first", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _decode_error(data, error.start, path) from None
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    from charset_normalizer import from_bytes  # 20 ms to import: only for a file that is not UTF-8

    guess = from_bytes(data).best()
    if guess is not None and guess.encoding not in _WESTERN_LOOKALIKES:
        return str(guess)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    if guess is None:
        raise _decode_error(data, utf8_error.start, path)
    return str(guess)


def _decode_utf16_without_bom(data: bytes, path: Path) -> str:
    """Text with NUL bytes is UTF-16 when the NULs sit in every other byte (the high byte of Latin
    text); anything else with NULs is a binary file: a PDF, a zip, an image."""
    sample = data[:65536]
    high_byte_zero = {"utf-16-le": sample[1::2].count(0), "utf-16-be": sample[0::2].count(0)}
    encoding, zeros = max(high_byte_zero.items(), key=lambda item: item[1])
    if zeros < 0.9 * (len(sample) // 2):
        raise InputError("is a binary file, not a text manuscript", path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _decode_error(data, error.start, path) from None


def _decode_error(data: bytes, offset: int, path: Path) -> DecodeError:
    line = data.count(b"\n", 0, offset) + 1
    return DecodeError(f"cannot decode byte 0x{data[offset]:02x}: not text in any encoding Octavo knows", path, line)


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)
