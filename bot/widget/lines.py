"""The phone numbers the widget shows, taken from the resource table (``data/content/resources.yml``).

The widget must show 911 and 988 even when the bot cannot be reached (the banner, the "connection lost"
notice, the crisis card's call buttons), so the numbers travel with ``widget.js`` itself rather than with a
reply. The widget server writes them into ``widget.js`` from the same table the bot's crisis replies list,
so a number is changed in one place and the JavaScript holds none of its own.

The Spanish widget's words for a line (its name, hours, languages and a short note such as "oprima 2 para
español") are the line's own Spanish words in the table (``es:`` in resources.yml), so they too are written once.
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
                     "es": spanish_words(by_key[ROLES[line_role]])}
    return out


def spoken(languages: Sequence[str], joiner: str = " and ") -> str:
    """'English and Spanish'; 'English, Spanish and interpreters on request'."""
    items = list(languages)
    return joiner.join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def spanish_words(resource: ResourceSpec) -> Dict[str, str]:
    """Return the Spanish widget's {name, hours, languages, note} for a line, from the table's ``es:`` words."""
    words = resource.translations.get("es", {})
    spanish = resource.in_language("es")
    last = spanish.languages[-1] if spanish.languages else ""
    joiner = " e " if last.lower().startswith(("i", "hi")) else " y "  # "español e inglés"
    return {"name": spanish.name, "hours": spanish.hours, "languages": spoken(spanish.languages, joiner),
            "note": words.get("note", "")}


def read_widget_lines(content_dir: Path = settings.CONTENT_DIR) -> WidgetLines:
    """Return the widget's lines from ``content_dir/resources.yml`` (ContentError or ValueError if unusable)."""
    return widget_lines(parse_resources(content_dir / "resources.yml"))


def inject_lines(script: bytes, lines: WidgetLines) -> bytes:
    """Return widget.js with ``lines`` written in at its placeholder (ASCII JSON: safe in any script)."""
    if PLACEHOLDER.encode() not in script:
        raise ValueError(f"widget.js has no {PLACEHOLDER} placeholder for the emergency numbers")
    return script.replace(PLACEHOLDER.encode(), json.dumps(lines, sort_keys=True).encode("ascii"), 1)
