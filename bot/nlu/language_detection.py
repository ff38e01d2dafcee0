"""Which language a message is written in (English or Spanish), with the `lingua` detector.

A maintained statistical detector instead of a word list: it copes with missing accents and with short
messages, and says how sure it is. Short or mixed messages ("si", "ok", "my brother no respira") are left
undecided so that the conversation keeps the language it had.

A person can also ask for a language in so many words ("español", "in english please"): those requests are
matched whole (``requested_language``), so a word inside a sentence ("no entiendo el inglés de mi hijo") does
not switch anything.
"""

from __future__ import annotations

import functools
import re
import unicodedata
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


# Whole messages that ask for a language (written without accents; "por favor" / "please" may follow).
LANGUAGE_REQUESTS = {
    "es": ("espanol", "en espanol", "spanish", "in spanish", "habla espanol", "hablas espanol", "hablan espanol",
           "se habla espanol", "puede hablar en espanol", "no hablo ingles", "no entiendo ingles", "quiero espanol"),
    "en": ("english", "in english", "ingles", "en ingles", "do you speak english", "speak english",
           "can we talk in english", "switch to english"),
}
_POLITE = re.compile(r"\s+(por favor|porfa|please|pls|plz)$")


def requested_language(text: str) -> Optional[str]:
    """Return "es" or "en" when the whole message asks for that language, else None."""
    if not isinstance(text, str):
        return None
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    plain = _POLITE.sub("", re.sub(r"[^\w\s]", " ", plain).strip()).strip()
    plain = re.sub(r"\s+", " ", plain)
    for lang, requests in LANGUAGE_REQUESTS.items():
        if plain in requests:
            return lang
    return None
