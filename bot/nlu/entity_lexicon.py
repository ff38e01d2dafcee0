"""Entity lexicon: one spaCy EntityRuler per language, each over a blank pipeline of its own language.

English words are in data/lexicon/entities.yml, Spanish words in data/lexicon/entities_es.yml, with the same
entities and canonical values. Each file is matched by a tokenizer of its language (Spanish splits "¿mi hijo?" and
"del" as Spanish does), the way the safety net (bot/safety/net.py) builds one detector per language. Every message
goes through both, as people mix languages ("mi son esta en subs"); a span both find is kept once.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Sequence

import spacy
import yaml

from bot import settings
from bot.safety.net import MAX_CHARS  # the one 2,000-character cap of the safety net and the channels

LEXICONS = {"en": settings.LEXICON_DIR / "entities.yml", "es": settings.LEXICON_DIR / "entities_es.yml"}


@dataclass(frozen=True)
class LexiconEntity:
    """An entity found in a message, with its canonical value and character offsets."""

    entity: str
    value: str
    start: int
    end: int
    text: str


def _variants(phrase: str) -> Iterable[str]:
    """The phrase as listed and without its accents, as people type on phones ("mamá" -> "mama", "compañero" ->
    "companero"); the same stripping as the safety net's ``normalize``."""
    lowered = str(phrase).lower()
    plain = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return (lowered, plain) if plain != lowered else (lowered,)


class Lexicon:
    """Finds substances, medications and relations in text of one language and normalises them to canonical values."""

    def __init__(self, spec: Mapping[str, Mapping[str, List[str]]], lang: str = "en"):
        self.lang = lang
        self._nlp = spacy.blank(lang)
        ruler = self._nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
        patterns = []
        for entity, values in spec.items():
            for canonical, phrases in values.items():
                for phrase in phrases:
                    for variant in _variants(phrase):
                        # The id carries the canonical value so a match resolves without a second lookup.
                        patterns.append({"label": entity, "pattern": variant, "id": str(canonical)})
        ruler.add_patterns(patterns)
        self.entities = tuple(spec)
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path, lang: str = "en") -> "Lexicon":
        """Build a lexicon from a YAML file."""
        return cls(yaml.safe_load(Path(path).read_text(encoding="utf-8")), lang)

    def extract(self, text: str) -> List[LexiconEntity]:
        """Return the entities in ``text`` in order of appearance."""
        if not text or not text.strip():
            return []
        with self._lock:
            doc = self._nlp(text[:MAX_CHARS])
        return [
            LexiconEntity(ent.label_, ent.ent_id_, ent.start_char, ent.end_char, ent.text)
            for ent in doc.ents
        ]


class Lexicons:
    """Every language's lexicon run on a message, their entities merged into one list."""

    def __init__(self, lexicons: Sequence[Lexicon]):
        self._lexicons = tuple(lexicons)
        self.languages = tuple(lex.lang for lex in self._lexicons)

    @classmethod
    def from_files(cls, files: Dict[str, Path] = LEXICONS) -> "Lexicons":
        """Build one lexicon per language from its file."""
        return cls([Lexicon.from_file(path, lang) for lang, path in files.items()])

    def extract(self, text: str) -> List[LexiconEntity]:
        """Return the entities every language finds in ``text``, in order; where two overlap the longer wins."""
        found = sorted((e for lex in self._lexicons for e in lex.extract(text)),
                       key=lambda e: (e.start, -(e.end - e.start)))
        kept: List[LexiconEntity] = []
        for ent in found:
            if kept and ent.start < kept[-1].end:
                continue  # inside (or overlapping) a span already kept: the same words, found again
            kept.append(ent)
        return kept


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicons:
    """Return the process-wide lexicons built from data/lexicon/entities.yml and entities_es.yml."""
    return Lexicons.from_files()
