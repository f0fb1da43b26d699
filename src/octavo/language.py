"""The language of a manuscript that does not name one: the one whose commonest words it uses most.

Typography, hyphenation and the EPUB's `dc:language` depend on it; a header's `Language:` always wins.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

# The commonest short words of each language, chosen so that few are shared between them.
_COMMON_WORDS = {
    "en": "the and of to in that was he it his with had for you not but she her they",
    "fr": "le la les et des est une que qui dans pour pas sur au du il elle ne se ce",
    "de": "der die und das nicht ist ich sie er ein eine zu den mit sich auf auch dem",
    "es": "el la los las que y en del se por con una para es su no al lo como",
    "it": "il di che la e per un una non con del della sono gli le si ha come",
    "nl": "de het een en van dat niet is ik op te zijn met voor hij maar die",
    "pt": "o a os as que de do da em um uma para com não no na se por",
}
_WORDS = {language: frozenset(words.split()) for language, words in _COMMON_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_WORDS = 20_000
_MINIMUM_HITS = 30  # fewer common words than this, and the text is too short to tell
_MARGIN = 1.5  # the winner must use this many times the common words of the runner-up


def guess_language(text: str) -> str | None:
    """A language tag (`de`) when the text is clearly in one of the languages above, else None."""
    last = next(islice(_WORD.finditer(text), _SAMPLE_WORDS - 1, None), None)
    words = Counter(_WORD.findall((text[: last.end()] if last else text).lower()))
    scores = sorted(((sum(words[w] for w in common), language) for language, common in _WORDS.items()), reverse=True)
    (best, language), (runner_up, _) = scores[0], scores[1]
    return language if best >= _MINIMUM_HITS and best >= _MARGIN * runner_up else None
