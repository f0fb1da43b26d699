"""`--format html` is the very document the PDF backend lays out: WeasyPrint makes the same pages of it."""

from weasyprint import HTML

from conftest import SAMPLES
from octavo.html import inline_markup
from octavo.model import Emph, LineBreak, Strong, Text
from textcheck import pdf_page_zones

SAMPLE = next(p for p in SAMPLES if p.name == "the-lighthouse-almanac.txt")


def test_weasyprint_lays_out_the_html_as_octavo_does(built, tmp_path):
    outputs = built(SAMPLE)
    baseline = tmp_path / "baseline.pdf"
    HTML(filename=str(outputs["html"])).write_pdf(str(baseline))
    assert pdf_page_zones(baseline) == pdf_page_zones(outputs["pdf"])


def test_inlines_are_escaped_and_nested_as_markup():
    inlines = (Text('a < b & "c"'), Emph((Text("d"), Strong((Text("e"),)))), LineBreak(), Text("f"))
    assert inline_markup(inlines) == 'a &lt; b &amp; &#34;c&#34;<em>d<strong>e</strong></em><br/>f'
