"""Octavo: turn a plain-text manuscript into a real book, an EPUB 3 and a print-ready PDF."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("octavo")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"
