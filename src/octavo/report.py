"""What `octavo inspect` reports: the structure Octavo found in a manuscript, as plain data.

The dictionary `summary()` returns is the `--json` contract other tools rely on: keep its keys.
"""

from __future__ import annotations

from .html import nav_title
from .inline import plain_text
from .model import Aside, Book, Matter, Paragraph, Quotation, Role, Section


def summary(book: Book) -> dict:
    epigraph = book.section(Role.EPIGRAPH)
    quotation = next((b for b in epigraph.blocks if isinstance(b, Quotation)), None) if epigraph else None
    return {
        "title": book.meta.title,
        "subtitle": book.meta.subtitle,
        "authors": list(book.meta.authors),
        "language": book.meta.language,
        "identifier": book.meta.identifier,
        "front_matter": [_matter_entry(book, s) for s in book.matter(Matter.FRONT)],
        "back_matter": [_matter_entry(book, s) for s in book.matter(Matter.BACK)],
        "epigraph": (
            {"text": "\n\n".join(plain_text(p.inlines) for p in quotation.paragraphs), "source": plain_text(quotation.source) or None}
            if quotation
            else None
        ),
        "chapters": [
            {
                "title": nav_title(book, s),
                "words": words(s),
                "scene_breaks": s.scene_breaks,
                "notes": sum(isinstance(block, Aside) for block in s.blocks),
                "line": s.line or None,
            }
            for s in book.chapters
        ],
        "parts": [{"title": nav_title(book, s), "line": s.line or None} for s in book.sections if s.role is Role.PART],
        "words": book_words(book),
        "findings": [{"line": f.line or None, "what": f.what, "rule": f.rule} for f in book.findings],
    }


def _matter_entry(book: Book, section: Section) -> dict:
    return {"role": section.role.value, "title": nav_title(book, section), "words": words(section)}


def book_words(book: Book) -> int:
    return sum(words(s) for s in book.sections)


def words(section: Section) -> int:
    return sum(_block_words(block) for block in section.blocks)


def _block_words(block) -> int:
    if isinstance(block, Paragraph):
        return len(plain_text(block.inlines).split())
    if isinstance(block, Aside):
        return sum(_block_words(p) for p in block.paragraphs)
    if isinstance(block, Quotation):
        return sum(_block_words(p) for p in block.paragraphs) + len(plain_text(block.source).split())
    return 0
