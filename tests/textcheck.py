"""Text read back from the books we make, and the manuscript's paragraphs to look for in it.

Comparison is on letters and digits only (NFKC, case-folded): typography may change quotes, dashes and
spaces, and the PDF hyphenates, but no letter of the manuscript may go missing or move.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

# The markup of a manuscript: a label at the start of a paragraph, and a byline under the title.
LABEL = re.compile(r"^(?:A/N|AN\s*:|Author['’]?s Note\s*:?|Disclaimer\s*:|Quote\s*:|Source\s*:|by\s+(?=\S+(?:\s+\S+){0,3}$))")
HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z ]*:\s")
# Text nearer than this to the top or bottom edge of a PDF page is a running head or a folio.
PAGE_MARGIN_PT = 50


def letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def manuscript_paragraphs(path: Path) -> list[tuple[bool, str]]:
    """(labelled, letters) for each blank-line-separated paragraph of the manuscript's body: a leading
    YAML block or `Key: value` header is left out, and so are the labels themselves."""
    from octavo.read import read_manuscript

    text = read_manuscript(path)
    chunks = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    if chunks and chunks[0].strip().startswith("---"):
        fence = re.search(r"^---\s*\n.*?\n---\s*$", text, re.S | re.M)
        chunks = [chunk for chunk in re.split(r"\n\s*\n", text[fence.end():]) if chunk.strip()]
    elif chunks and all(HEADER_LINE.match(line) for line in chunks[0].strip().splitlines()):
        chunks = chunks[1:]
    paragraphs = []
    for chunk in chunks:
        body = chunk.strip()
        label = LABEL.match(body)
        body = body[label.end():] if label else body
        if letters(body):
            paragraphs.append((bool(label), letters(body)))
    return paragraphs


def missing_paragraphs(paragraphs: list[tuple[bool, str]], book_letters: str) -> list[str]:
    """The paragraphs not found in the book's text: unlabelled ones must come in order, labelled ones
    (which the book moves to its front or back matter) may stand anywhere."""
    missing, position = [], 0
    for labelled, paragraph in paragraphs:
        if labelled:
            if paragraph not in book_letters:
                missing.append(paragraph)
            continue
        found = book_letters.find(paragraph, position)
        if found < 0:
            missing.append(paragraph)
        else:
            position = found + len(paragraph)
    return missing


def epub_letters(path: Path) -> str:
    """The letters of an EPUB's spine documents in reading order."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        hrefs = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
        texts = []
        for itemref in opf.iter("{*}itemref"):
            if itemref.get("linear") == "no":
                continue
            document = etree.fromstring(archive.read(base + hrefs[itemref.get("idref")]))
            body = document.find("{http://www.w3.org/1999/xhtml}body")
            texts.append(" ".join(body.itertext()))
    return letters(" ".join(texts))


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each PDF page inside its text block: running heads and folios left out."""
    return [zones["body"] for zones in pdf_page_zones(path)]


def pdf_page_zones(path: Path) -> list[dict[str, str]]:
    """Each PDF page's text, split into its `head` (top margin), `body` and `foot` (bottom margin)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        height = float(page.mediabox.height)
        zones = {"head": [], "body": [], "foot": []}

        def keep(text, cm, tm, font, size, zones=zones, height=height):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            zone = "foot" if y <= PAGE_MARGIN_PT else "head" if y >= height - PAGE_MARGIN_PT else "body"
            zones[zone].append(text)

        page.extract_text(visitor_text=keep)
        pages.append({zone: "".join(texts) for zone, texts in zones.items()})
    return pages
