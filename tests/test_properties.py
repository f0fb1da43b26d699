"""Property tests (issue 8): a generated manuscript, of random structure and words in many scripts and
markup characters, either builds an EPUB and a PDF in which every word survives in order, or fails with
a clean `OctavoError`; and the EPUB passes EPUBCheck. The generator and the check are in
`manuscripts_strategy.py`, shared with `bench/properties.py`, which runs the same property 10,000 times.

The 210 examples are split into six shards that pytest-xdist runs side by side (about 2 min 45 s on two
CPUs), each under a fixed seed of its own, so that they draw different manuscripts, and the same ones
every run. EPUBCheck starts a JVM and takes several seconds a book, so it checks only the built books of
about one example in `EPUBCHECK_ONE_IN` (8 books in all), chosen by the text itself, so that Hypothesis
gets the same answer when it runs an example again.
"""

import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, seed, settings

from manuscripts_strategy import PROFILE, check_manuscript, describe, manuscripts

SHARDS = 6
EXAMPLES_PER_SHARD = 35
EPUBCHECK_ONE_IN = 40


def _shard(number: int):
    @pytest.mark.xdist_group(f"properties-{number}")
    @settings(settings.get_profile(PROFILE), max_examples=EXAMPLES_PER_SHARD)
    @seed(number)
    @given(manuscripts())
    def test(text):
        epubcheck = zlib.crc32(text.encode("utf-8", "surrogatepass")) % EPUBCHECK_ONE_IN == 0
        with tempfile.TemporaryDirectory(prefix="octavo-property-") as folder:
            outcome = check_manuscript(text, Path(folder), epubcheck=epubcheck)
        assert outcome.holds, describe(text, outcome)

    test.__name__ = test.__qualname__ = f"test_a_manuscript_builds_a_valid_book_with_every_word_or_fails_cleanly_{number}"
    return test


for _number in range(SHARDS):
    _test = _shard(_number)
    globals()[_test.__name__] = _test
