"""The only place that makes markup: the book's parts as XHTML sections, through one Jinja2 environment.

Both backends start here. The EPUB packages each part as a document of its own; the PDF lays out the
standalone HTML of the whole book, which `--format html` writes as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .fonts import book_faces
from .inline import plain_text
from .model import Book, Emph, Inline, LineBreak, Matter, Role, Section, Strong, Text
from .resources import resource_dir, stylesheet
from .typography import searchable

SHARED_CSS = "book.css"
PRINT_CSS = "print.css"
WEB_CSS = "web.css"
_UNTITLED_WORDS = 6


@dataclass(frozen=True)
class Part:
    """One part of the rendered book: a document of its own in the EPUB, a page run in the PDF. Its
    `nav_title` is what the table of contents lists, without the invisible line-breaking characters."""

    id: str
    matter: Matter
    nav_title: str
    markup: Markup
    role: Role | None = None  # None for the title page
    print_only: bool = False  # the half-title and the contents page: the EPUB has its own navigation

    @property
    def file_name(self) -> str:
        return f"text/{self.id}.xhtml"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(resource_dir("templates")),
        autoescape=select_autoescape(["html", "xhtml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["section_heading"] = section_heading
    env.globals["nav_title"] = nav_title
    env.globals["matter_kind"] = matter_kind
    env.filters["inlines"] = inline_markup
    env.filters["names"] = names
    env.filters["searchable"] = searchable
    return env


def inline_markup(nodes: tuple[Inline, ...]) -> Markup:
    """Inlines as markup: text escaped, emphasis in `em` and `strong`; anything else is a TypeError. A
    filter, not a template macro: every paragraph of the book goes through it, and Jinja's macro calls
    are slow."""
    return Markup("".join(map(_inline_markup, nodes)))


def _inline_markup(node: Inline) -> str:
    if isinstance(node, Text):
        return escape(node.text)
    if isinstance(node, Emph):
        return f"<em>{inline_markup(node.children)}</em>"
    if isinstance(node, Strong):
        return f"<strong>{inline_markup(node.children)}</strong>"
    if isinstance(node, LineBreak):
        return "<br/>"
    raise TypeError(f"not an inline: {node!r}")


def render_parts(book: Book, contents_links: bool | None = None) -> list[Part]:
    """The book's parts in book order: title page, copyright page, dedication, epigraph, the author's
    notes and other front matter, then body and back matter as the manuscript has them. For print
    (`contents_links` not None), a half-title opens the book and a contents page with page numbers (and
    links, if `contents_links`) follows the epigraph."""
    env = environment()
    parts = [Part("titlepage", Matter.FRONT, "Title Page", _render(env, "titlepage.html", book, None))]
    if book.section(Role.DISCLAIMER) is None:  # the copyright page, which a disclaimer otherwise opens
        parts.append(Part("imprint", Matter.FRONT, "Imprint", _render(env, "imprint.html", book, None), Role.DISCLAIMER))
    if book.meta.dedication:
        parts.append(Part("dedication", Matter.FRONT, "Dedication", _render(env, "dedication.html", book, None), Role.MATTER))
    sections = sorted(book.sections, key=_book_order)
    listed = len(parts) + sum(_book_order(section) < _AFTER_CONTENTS for section in sections)
    for section in sections:
        markup = _render(env, _TEMPLATES[section.role], book, section)
        parts.append(Part(section.id, section.matter, searchable(nav_title(book, section)), markup, section.role))
    if contents_links is None:
        return parts
    half_title = env.get_template("halftitle.html").render(book=book)
    return [Part("halftitle", Matter.FRONT, "Half Title", Markup(half_title), print_only=True), *parts[:listed],
            contents_part(book, parts[listed:], contents_links), *parts[listed:]]


def contents_part(book: Book, listed: list[Part], links: bool, pages: dict[str, int] | None = None) -> Part:
    """The printed contents page of the parts `listed` (linked if `links`), with the page each starts on:
    WeasyPrint's count, or as given in `pages` (part id -> page) for a book laid out in chunks."""
    contents = environment().get_template("contents.html").render(book=book, tree=nav_tree(listed), links=links, pages=pages)
    return Part("contents", Matter.FRONT, "Contents", Markup(contents), print_only=True)


# Front matter in the order books set it: the copyright page, the epigraph, then (after the contents
# page, in print) the author's notes and the rest in the manuscript's order.
_FRONT_ORDER = {Role.DISCLAIMER: 0, Role.EPIGRAPH: 1}
_AFTER_CONTENTS = (0, 2)
_MATTER_ORDER = {Matter.FRONT: 0, Matter.BODY: 1, Matter.BACK: 2}


def _book_order(section: Section) -> tuple[int, int]:
    front = _FRONT_ORDER.get(section.role, _AFTER_CONTENTS[1]) if section.matter is Matter.FRONT else 0
    return _MATTER_ORDER[section.matter], front


def nav_tree(parts: list[Part]) -> list[tuple[Part, list[Part]]]:
    """The table of contents: each part of the book with, for a part such as `BOOK I`, its chapters."""
    tree: list[tuple[Part, list[Part]]] = []
    for part in parts:
        if part.role is Role.CHAPTER and tree and tree[-1][0].role is Role.PART:
            tree[-1][1].append(part)
        else:
            tree.append((part, []))
    return tree


# Each template sets its section's epub:type and ARIA role.
_TEMPLATES = {
    Role.DISCLAIMER: "imprint.html",
    Role.EPIGRAPH: "epigraph.html",
    Role.NOTE: "note.html",
    Role.CHAPTER: "chapter.html",
    Role.PART: "part.html",
    Role.MATTER: "matter.html",
    Role.CREDITS: "credits.html",
}


def _render(env: Environment, template: str, book: Book, section: Section | None) -> Markup:
    return Markup(env.get_template(template).render(book=book, section=section))


def section_heading(book: Book, section: Section) -> str | None:
    """The heading a section shows: its own title, or for the sole untitled chapter the book's title."""
    if section.title:
        return section.title
    if section.role is Role.CHAPTER and len(book.chapters) == 1:
        return book.meta.title
    return None


def nav_title(book: Book, section: Section) -> str:
    """How a section is named in the table of contents and the PDF's bookmarks."""
    heading = section_heading(book, section)
    if heading and section.subtitle:
        return f"{heading}: {' · '.join(section.subtitle.splitlines())}"
    if heading:
        return heading
    if section.role is Role.EPIGRAPH:
        return "Epigraph"
    words = " ".join(plain_text(block.inlines) for block in section.blocks[:1] if hasattr(block, "inlines")).split()
    return " ".join(words[:_UNTITLED_WORDS]) + ("…" if len(words) > _UNTITLED_WORDS else "")


# Front and back matter that EPUB's structural vocabulary and DPUB-ARIA have a name for, by its title.
_MATTER_KINDS = {"preface": "preface", "foreword": "foreword", "afterword": "afterword", "postscript": "afterword",
                 "acknowledgements": "acknowledgments", "acknowledgments": "acknowledgments"}


def matter_kind(section: Section) -> str | None:
    """`preface`, `afterword`, ...: the epub:type (and, with `doc-`, the ARIA role) of a matter section."""
    return _MATTER_KINDS.get((section.title or "").strip().rstrip(".").lower())


def names(people: tuple[str, ...]) -> str:
    """"Ann", "Ann and Bo", "Ann, Bo and Cy"."""
    return " and ".join(filter(None, (", ".join(people[:-1]), people[-1]))) if people else ""


def epub_document(book: Book, part: Part) -> str:
    return environment().get_template("document.xhtml").render(book=book, part=part, stylesheet=SHARED_CSS)


def epub_nav(book: Book, parts: list[Part], pages: list, cover: Part) -> str:
    """The navigation document: contents, landmarks, and the print edition's pages when there are any."""
    files = {part.id: part.file_name for part in parts}
    page_list = [(f"{files[start.part]}#{start.id}", start.label) for start in pages]
    return environment().get_template("nav.xhtml").render(
        book=book, tree=nav_tree(parts), parts=parts, cover=cover, page_list=page_list, stylesheet=SHARED_CSS
    )


def cover_part(book: Book, cover) -> Part:
    """The EPUB's cover page (the PDF, an interior for print, has none)."""
    markup = Markup(environment().get_template("cover.html").render(book=book, cover=cover))
    return Part("cover", Matter.FRONT, "Cover", markup)


def standalone(book: Book, parts: list[Part], body_classes: tuple[str, ...] = (), page_rules: str = "") -> str:
    """One HTML file of the whole book, its stylesheets inlined: what the PDF backend lays out, and a
    web edition of the book on screen. `body_classes` switch on print options in the stylesheet;
    `page_rules` are the `@page` rules of the trim size and margins."""
    css = {name: Markup(stylesheet(file)) for name, file in (("shared_css", SHARED_CSS), ("print_css", PRINT_CSS), ("web_css", WEB_CSS))}
    return environment().get_template("book.html").render(book=book, parts=parts, font_faces=book_faces(), body_classes=body_classes,
                                                                page_rules=Markup(page_rules), **css)
