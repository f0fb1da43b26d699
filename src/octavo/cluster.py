"""Connecting to a Dask cluster, for `octavo batch --scheduler`. Dask is an optional extra
(`pip install 'octavo[cluster]'`), imported only here and only when a scheduler is named."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ClusterError

CONNECT_SECONDS = 10


@contextmanager
def connect(address: str) -> Iterator:
    """A `distributed.Client` of the scheduler at `address`, closed afterwards."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("Dask is not installed: pip install 'octavo[cluster]'", address) from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler: {error}", address) from None
    with client:
        yield client
