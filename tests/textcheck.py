"""Text read back from the books we make, and the manuscript's paragraphs to look for in it.

Comparison is on letters and digits only (NFKC, case-folded): typography may change quotes, dashes and
spaces, and the PDF hyphenates, but no letter of the manuscript may go missing or move.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# The markup of a manuscript: a label at the start of a paragraph, and a byline under the title.
LABEL = re.compile(
    r"^(?:A/N|AN\s*:|Note\s*:|Author['’]?s Note\s*:?|Disclaimer\s*:|Quote\s*:|Source\s*:"
    r"|(?i:by|von|par)(?:\s+(?=\S+(?:\s+\S+){0,3}$)|\s*$))"
)
# A byline on the line under the title, in the title's paragraph.
BYLINE_UNDER_TITLE = re.compile(r"\n(?i:by|von|par)\s+(?=\S+(?:\s+\S+){0,3}(?:\n|$))")
HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z ]*:\s")
# Project Gutenberg's wrapper is not the book; its volunteers' credits may move to the back matter.
GUTENBERG_START = re.compile(r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)
GUTENBERG_END = re.compile(r"^(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|End of (?:the )?Project Gutenberg)", re.M | re.I)
CREDIT = re.compile(r"^(?:Produced by|Transcribers?['’]?s? Notes?)", re.I)
CONTENTS_LABEL = re.compile(r"^(?:(?:table of )?contents|table des mati[èe]res|inhalt)\.?$", re.I)
PAGE_NUMBER = re.compile(r"(?:\s+|\s*(?:\.\s*){2,})\d+$")
# Text nearer than this to the top or bottom edge of a PDF page is a running head or a folio.
PAGE_MARGIN_PT = 50


@dataclass(frozen=True)
class ManuscriptParagraph:
    """A paragraph's letters; `movable` ones (notes, credits) may stand anywhere in the book; `lines`
    are the letters of each of its lines, page numbers aside (a printed contents list repeats them)."""

    letters: str
    movable: bool = False
    lines: tuple[str, ...] = ()
    contents: bool = False  # in a printed contents list: its lines need only stand somewhere in the book


def letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def manuscript_paragraphs(path: Path) -> list[ManuscriptParagraph]:
    """Each blank-line-separated paragraph of the manuscript's body: a leading YAML block or `Key: value`
    header is left out, and so are the labels themselves and Project Gutenberg's wrapper."""
    from octavo.read import read_manuscript

    text = read_manuscript(path)
    start = GUTENBERG_START.search(text)
    if start:
        end = GUTENBERG_END.search(text, start.end())
        text = text[start.end() : end.start() if end else len(text)]
    elif text.lstrip().startswith("---") and (fence := re.search(r"^---\s*\n.*?\n---\s*$", text, re.S | re.M)):
        text = text[fence.end() :]
    else:
        first = next((chunk for chunk in re.split(r"\n\s*\n", text) if chunk.strip()), "")
        if all(HEADER_LINE.match(line) for line in first.strip().splitlines()):
            text = text.replace(first, "", 1)
    paragraphs = []
    in_contents = False
    for block in re.split(r"\n[ \t]*\n(?:[ \t]*\n)+", text):
        chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", block) if chunk.strip()]
        credit = bool(chunks) and bool(CREDIT.match(chunks[0]))
        for chunk in chunks:
            label = LABEL.match(chunk)
            body = chunk[label.end() :] if label else chunk
            if not paragraphs:
                body = BYLINE_UNDER_TITLE.sub("\n", body, count=1)
            # A contents list runs from its label over paragraphs of short lines.
            in_contents = bool(CONTENTS_LABEL.match(body)) or (in_contents and all(len(line.split()) <= 15 for line in body.splitlines()))
            if letters(body) and not CONTENTS_LABEL.match(body):
                lines = tuple(letters(PAGE_NUMBER.sub("", line)) for line in body.splitlines())
                paragraphs.append(ManuscriptParagraph(letters(body), bool(label) or credit, lines, in_contents))
    return paragraphs


def missing_paragraphs(paragraphs: list[ManuscriptParagraph], book_letters: str) -> list[str]:
    """The paragraphs not found in the book's text: unmovable ones must come in order, movable ones
    may stand anywhere. A paragraph whose every line stands elsewhere in the book is a printed
    contents list, which the book replaces with its own."""
    missing, position = [], 0
    for paragraph in paragraphs:
        if paragraph.movable or paragraph.contents:
            if paragraph.letters not in book_letters and not (paragraph.contents and _is_contents_list(paragraph, book_letters)):
                missing.append(paragraph.letters)
            continue
        found = book_letters.find(paragraph.letters, position)
        if found >= 0:
            position = found + len(paragraph.letters)
        elif not _is_contents_list(paragraph, book_letters):
            missing.append(paragraph.letters)
    return missing


def _is_contents_list(paragraph: ManuscriptParagraph, book_letters: str) -> bool:
    """Whether the paragraph's lines stand elsewhere in the book, as headings (one in ten may differ:
    printed contents lists have their misprints, "The Bed Room" for the chapter's "The Red Room")."""
    lines = paragraph.lines
    unmatched = sum(line not in book_letters for line in lines)
    return len(lines) > 0 and unmatched <= len(lines) // 10


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
