"""Which language a message is written in (English or Spanish), with the `lingua` detector.

A maintained statistical detector instead of a word list: it copes with missing accents and with short
messages, and says how sure it is. Short or mixed messages ("si", "ok", "my brother no respira") are left
undecided so that the conversation keeps the language it had.
"""

from __future__ import annotations

import functools
from typing import Optional

from lingua import Language, LanguageDetectorBuilder

LANGUAGES = {Language.ENGLISH: "en", Language.SPANISH: "es"}
# Below this confidence, or with fewer words, the message does not change the conversation's language.
MIN_CONFIDENCE = 0.75
MIN_WORDS = 2


@functools.lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str) -> Optional[str]:
    """Return "en" or "es" when the message is clearly in that language, else None."""
    if not isinstance(text, str) or len(text.split()) < MIN_WORDS:
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None
    best = values[0]
    return LANGUAGES.get(best.language) if best.value >= MIN_CONFIDENCE else None
