"""The emergency and help lines people are shown outside a content answer, read from the resource table.

A number changes in one place: ``data/content/resources.yml``. The static crisis replies of ``domain.yml``
(``utter_crisis_*``) keep their numbers written out, because they must work with the action server and the
database down; the content audit and ``tests/bot/flows/test_lines.py`` fail when they disagree with the table.
Everything else that shows a number - the channels' own replies when the conversation cannot run, the
"more help" list when the content store is down, the endings of the guided conversations, the widget -
takes it from here. The table is read from the file, not the content store, for the same reason: these
lines are shown exactly when something else is broken.

The crisis replies a channel sends itself (the conversation failed, but the safety net saw a crisis) are the
domain's own ``utter_crisis_*`` texts, so the words people see in an emergency are written once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import settings
from bot.content.schema import ResourceSpec, parse_resources
from bot.flows.phrases import say

# A line's role -> its key in resources.yml. A missing line stops whoever needs it at start-up.
ROLES: Dict[str, str] = {
    "emergency": "emergency-911",
    "lifeline": "lifeline-988",
    "crisis_text": "crisis-text-line",
    "poison": "poison-control",
    "never_use_alone": "never-use-alone",
    "helpline": "samhsa-helpline",
}


@dataclass(frozen=True)
class Line:
    """One help line as people dial or text it."""

    name: str
    phone: str
    text_number: str
    hours: str
    names: Tuple[Tuple[str, str], ...] = ()  # (language, name) for readers of other languages

    def name_in(self, language: Optional[str]) -> str:
        """Return the line's name as readers of ``language`` know it ("988 Línea de Prevención del Suicidio y Crisis")."""
        return dict(self.names).get(language or "", self.name)


@dataclass(frozen=True)
class Lines:
    """The lines by role; each field is named as in ``ROLES``."""

    emergency: Line
    lifeline: Line
    crisis_text: Line
    poison: Line
    never_use_alone: Line
    helpline: Line

    def safety_sentence(self, language: Optional[str] = None) -> str:
        """'If someone is in danger, call 911. For thoughts of suicide, call or text 988.' in ``language``."""
        return say(language, "safety_sentence", emergency=self.emergency.phone, lifeline=self.lifeline.phone)

    def helpline_sentence(self, language: Optional[str] = None) -> str:
        """The human line every reply offers: SAMHSA's National Helpline, in ``language``."""
        return say(language, "helpline_sentence", helpline=self.helpline.phone)


def lines_from(resources) -> Lines:  # type: ignore[no-untyped-def]
    """Return the lines by role from parsed resources; ValueError names a role the table lacks."""
    by_key: Dict[str, ResourceSpec] = {r.key: r for r in resources}
    out = {}
    for role, key in ROLES.items():
        r = by_key.get(key)
        if r is None or not (r.phone or r.text_number):
            raise ValueError(f"resources.yml has no line {key!r} with a number; it is shown as the {role} line")
        names = tuple((lang, words["name"]) for lang, words in r.translations.items())
        out[role] = Line(r.name, r.phone or "", r.text_number or "", r.hours, names)
    return Lines(**out)


@functools.lru_cache(maxsize=4)
def get_lines(content_dir: Path = settings.CONTENT_DIR) -> Lines:
    """Return the lines from ``content_dir/resources.yml`` (read once per process)."""
    return lines_from(parse_resources(Path(content_dir) / "resources.yml"))


@functools.lru_cache(maxsize=4)
def crisis_reply(intent: str, lang: str = "en", domain_path: Optional[Path] = None) -> str:
    """Return the domain's static crisis reply ``utter_<intent>`` (the Spanish variant for ``lang`` "es")."""
    domain = yaml.safe_load(Path(domain_path or settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    variants = domain["responses"][f"utter_{intent}"]
    for variant in variants:
        conditions = variant.get("condition") or []
        if lang == "es" and any(c.get("name") == "language" and c.get("value") == "es" for c in conditions):
            return variant["text"]
    return next(v["text"] for v in variants if not v.get("condition"))
