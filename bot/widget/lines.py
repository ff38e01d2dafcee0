"""The phone numbers the widget shows, taken from the resource table (``data/content/resources.yml``).

The widget must show 911 and 988 even when the bot cannot be reached (the banner, the "connection lost"
notice, the crisis card's call buttons), so the numbers travel with ``widget.js`` itself rather than with a
reply. The widget server writes them into ``widget.js`` from the same table the bot's crisis replies list,
so a number is changed in one place and the JavaScript holds none of its own.

The table is written in English only (its names, hours and descriptions have no Spanish version), so the
Spanish widget's words for a line are kept here, by resource key (``SPANISH``): its Spanish name, its hours in
Spanish, and what a Spanish speaker needs to know ("oprima 2"). No number or link is written here. The
Spanish hours translate the table's hours as written today (``hours_en``); if the table's hours change, the
widget shows the table's own text instead of a translation that no longer says the same
(``tests/bot/widget/test_widget_lines.py`` fails so that the translation is updated).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Sequence

from bot import settings
from bot.content.schema import ResourceSpec, parse_resources
from bot.flows.lines import ROLES, lines_from

# What the widget calls each line -> the line's role in bot/flows/lines.py (which maps roles to resources.yml keys).
WIDGET_ROLES: Dict[str, str] = {
    "emergency": "emergency",  # the banner, the notice, the crisis card
    "crisis_line": "lifeline",  # the banner and the crisis card (call and text)
    "helpline": "helpline",  # the welcome message
}
# The Spanish widget's words for a line, by resource key (the names the bot's Spanish replies use, domain.yml);
# a name takes the line's number from the table ("{phone}").
SPANISH: Dict[str, Dict[str, str]] = {
    "emergency-911": {"name": "Servicios de emergencia", "hours_en": "24/7", "hours": "24/7"},
    "lifeline-988": {"name": "Línea {phone} de Prevención del Suicidio y Crisis", "hours_en": "24/7", "hours": "24/7",
                     "note": "oprima 2 para español"},
    "samhsa-helpline": {"name": "Línea Nacional de Ayuda de SAMHSA", "hours_en": "24/7, 365 days a year",
                        "hours": "24/7, los 365 días del año"},
}
# The table's language names in Spanish; Spanish first, as a Spanish speaker looks for it.
SPANISH_LANGUAGES: Dict[str, str] = {"Spanish": "español", "English": "inglés",
                                     "interpreters on request": "intérpretes si los pide"}
# The spot in widget.js that receives the lines; the file is not usable without it (see widget.js).
PLACEHOLDER = "/*@osb-lines*/null"
# What widget.js receives: role -> {name, phone, text, hours, languages, es: {name, hours, languages, note}}.
WidgetLines = Dict[str, Dict[str, Any]]


def widget_lines(resources: Sequence[ResourceSpec]) -> WidgetLines:
    """Return the lines the widget needs, by role, or raise ValueError naming the one that is missing.

    A widget without its emergency numbers must not start, so a missing line stops the server instead.
    """
    lines = lines_from(resources)
    by_key = {r.key: r for r in resources}
    out: WidgetLines = {}
    for role, line_role in WIDGET_ROLES.items():
        line = getattr(lines, line_role)
        if not line.phone:
            raise ValueError(f"resources.yml has no phone number for the {line_role} line; the widget shows it as its {role}")
        languages = by_key[ROLES[line_role]].languages
        out[role] = {"name": line.name, "phone": line.phone, "text": line.text_number, "hours": line.hours,
                     "languages": spoken(languages),
                     "es": spanish_words(ROLES[line_role], line.name, line.hours, languages, line.phone)}
    return out


def spoken(languages: Sequence[str], joiner: str = " and ") -> str:
    """'English and Spanish'; 'English, Spanish and interpreters on request'."""
    items = list(languages)
    return joiner.join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def spanish_words(key: str, name: str, hours: str, languages: Sequence[str], phone: str = "") -> Dict[str, str]:
    """Return the Spanish widget's {name, hours, languages, note} for the line ``key``.

    The table's own text stands where no Spanish fits (a new line, changed hours); a language the table names
    that has no Spanish name here is left out of the Spanish list.
    """
    words = SPANISH.get(key, {})
    ordered = sorted((lang for lang in languages if lang in SPANISH_LANGUAGES), key=lambda lang: lang != "Spanish")
    named = [("en " if lang in ("Spanish", "English") else "") + SPANISH_LANGUAGES[lang] for lang in ordered]
    return {
        "name": words["name"].format(phone=phone) if "name" in words else name,
        "hours": words["hours"] if words.get("hours_en") == hours else hours,
        "languages": spoken(named, " y "),
        "note": words.get("note", ""),
    }


def read_widget_lines(content_dir: Path = settings.CONTENT_DIR) -> WidgetLines:
    """Return the widget's lines from ``content_dir/resources.yml`` (ContentError or ValueError if unusable)."""
    return widget_lines(parse_resources(content_dir / "resources.yml"))


def inject_lines(script: bytes, lines: WidgetLines) -> bytes:
    """Return widget.js with ``lines`` written in at its placeholder (ASCII JSON: safe in any script)."""
    if PLACEHOLDER.encode() not in script:
        raise ValueError(f"widget.js has no {PLACEHOLDER} placeholder for the emergency numbers")
    return script.replace(PLACEHOLDER.encode(), json.dumps(lines, sort_keys=True).encode("ascii"), 1)
