"""Entity lexicon: a spaCy EntityRuler over a blank English pipeline, built from data/lexicon/entities.yml."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import spacy
import yaml

from bot import settings
from bot.safety.net import MAX_CHARS  # the one 2,000-character cap of the safety net and the channels

DEFAULT_LEXICON = settings.LEXICON_DIR / "entities.yml"


@dataclass(frozen=True)
class LexiconEntity:
    """An entity found in a message, with its canonical value and character offsets."""

    entity: str
    value: str
    start: int
    end: int
    text: str


class Lexicon:
    """Finds substances, medications and relations in text and normalises them to canonical values."""

    def __init__(self, spec: Dict[str, Dict[str, List[str]]]):
        self._nlp = spacy.blank("en")
        ruler = self._nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
        patterns = []
        for entity, values in spec.items():
            for canonical, phrases in values.items():
                for phrase in phrases:
                    # The id carries the canonical value so a match resolves without a second lookup.
                    patterns.append({"label": entity, "pattern": str(phrase).lower(), "id": str(canonical)})
        ruler.add_patterns(patterns)
        self.entities = tuple(spec)
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path = DEFAULT_LEXICON) -> "Lexicon":
        """Build a lexicon from a YAML file."""
        return cls(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

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


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """Return the process-wide lexicon built from data/lexicon/entities.yml."""
    return Lexicon.from_file()
