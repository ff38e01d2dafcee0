"""The phone numbers the widget shows, taken from the resource table (``data/content/resources.yml``).

The widget must show 911 and 988 even when the bot cannot be reached (the banner, the "connection lost"
notice, the crisis card's call buttons), so the numbers travel with ``widget.js`` itself rather than with a
reply. The widget server writes them into ``widget.js`` from the same table the bot's crisis replies list,
so a number is changed in one place and the JavaScript holds none of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Sequence

from bot import settings
from bot.content.schema import ResourceSpec, parse_resources
from bot.flows.lines import lines_from

# What the widget calls each line -> the line's role in bot/flows/lines.py (which maps roles to resources.yml keys).
WIDGET_ROLES: Dict[str, str] = {
    "emergency": "emergency",  # the banner, the notice, the crisis card
    "crisis_line": "lifeline",  # the banner and the crisis card (call and text)
    "helpline": "helpline",  # the welcome message
}
# The spot in widget.js that receives the lines; the file is not usable without it (see widget.js).
PLACEHOLDER = "/*@osb-lines*/null"


def widget_lines(resources: Sequence[ResourceSpec]) -> Dict[str, Dict[str, str]]:
    """Return the lines the widget needs, by role, or raise ValueError naming the one that is missing.

    A widget without its emergency numbers must not start, so a missing line stops the server instead.
    """
    lines = lines_from(resources)
    out = {}
    for role, line_role in WIDGET_ROLES.items():
        line = getattr(lines, line_role)
        if not line.phone:
            raise ValueError(f"resources.yml has no phone number for the {line_role} line; the widget shows it as its {role}")
        out[role] = {"name": line.name, "phone": line.phone, "text": line.text_number, "hours": line.hours}
    return out


def read_widget_lines(content_dir: Path = settings.CONTENT_DIR) -> Dict[str, Dict[str, str]]:
    """Return the widget's lines from ``content_dir/resources.yml`` (ContentError or ValueError if unusable)."""
    return widget_lines(parse_resources(content_dir / "resources.yml"))


def inject_lines(script: bytes, lines: Dict[str, Dict[str, str]]) -> bytes:
    """Return widget.js with ``lines`` written in at its placeholder (ASCII JSON: safe in any script)."""
    if PLACEHOLDER.encode() not in script:
        raise ValueError(f"widget.js has no {PLACEHOLDER} placeholder for the emergency numbers")
    return script.replace(PLACEHOLDER.encode(), json.dumps(lines, sort_keys=True).encode("ascii"), 1)
