"""`python -m octavo`: the same command line as `octavo`."""

from .cli import app

app(prog_name="octavo")
