"""Nothing outside the book is fetched while its PDF is laid out."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from weasyprint.urls import FatalURLFetchingError

from octavo.pipeline import Format, build
from octavo.fetcher import BookFetcher


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}", requests
    httpd.shutdown()


def test_a_manuscript_that_names_a_url_fetches_nothing(server, tmp_path):
    url, requests = server
    manuscript = tmp_path / "hostile.txt"
    manuscript.write_text(
        f'Title: Hostile\n\n<img src="{url}/a.png"> <link rel="stylesheet" href="{url}/a.css"> '
        f'<img src="file:///etc/passwd"> ![x]({url}/b.png) {url}/c.png\n',
        encoding="utf-8",
    )
    (pdf,) = build(manuscript, (Format.PDF,), tmp_path / "out").files
    assert pdf.stat().st_size > 0 and requests == []


def test_the_fetcher_allows_only_data_and_the_books_folders(server, tmp_path):
    url, requests = server
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "inside.css").write_text("p {}", encoding="utf-8")
    (tmp_path.parent / "outside.css").write_text("p {}", encoding="utf-8")
    fetcher = BookFetcher([tmp_path / "art"])
    assert fetcher.fetch("data:text/css,p%7B%7D")
    assert fetcher.fetch((tmp_path / "art" / "inside.css").as_uri())
    for refused in (f"{url}/x.css", (tmp_path.parent / "outside.css").as_uri(), f"{(tmp_path / 'art').as_uri()}/../../outside.css", "file:///etc/passwd"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(refused)
    assert requests == []


def test_a_fetch_refused_during_layout_is_a_one_line_render_error(tmp_path, monkeypatch):
    """FatalURLFetchingError is a BaseException: it must still become Octavo's own error."""
    import octavo.pdf
    from octavo.errors import RenderError
    from octavo.pipeline import load_book

    def refuse(*arguments):
        raise FatalURLFetchingError("file:///etc/passwd is outside the book's folders")

    monkeypatch.setattr(octavo.pdf, "lay_out", refuse)
    manuscript = tmp_path / "story.txt"
    manuscript.write_text("Title: Story\n\nChapter 1\n\nText.\n", encoding="utf-8")
    with pytest.raises(RenderError, match="cannot lay out the PDF: file:///etc/passwd"):
        octavo.pdf.write_pdf(load_book(manuscript, "0"), tmp_path / "story.pdf", tmp_path)
