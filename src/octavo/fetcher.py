"""What WeasyPrint may fetch while it lays out a book: `data:` URLs and files in the book's own folders.

WeasyPrint's documentation warns that `file://` URLs can leak local files and that a URL fetcher must be
restricted. A book's markup never carries the manuscript's text as markup, but this makes certain that
nothing outside the book is read and nothing is fetched from a network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class BookFetcher(URLFetcher):
    """Fetches `data:` URLs and files under `folders`; anything else stops the layout."""

    def __init__(self, folders: list[Path]):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True)
        self._folders = tuple(folder.resolve() for folder in folders)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data" or (scheme == "file" and self._inside(url)):
            return super().fetch(url, headers)
        raise FatalURLFetchingError(f"the book refers to {url}, outside its own files")

    def _inside(self, url: str) -> bool:
        path = Path(url2pathname(urlparse(url).path)).resolve()  # resolved: no ../ or symlink climbs out
        return any(path.is_relative_to(folder) for folder in self._folders)
