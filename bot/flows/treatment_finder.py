"""Builds the answer of the "finding treatment in my state" conversation from the content store."""

from __future__ import annotations

from typing import List

from bot.content.store import ContentStore, ResourceView, StateView
from bot.flows.lines import get_lines

# The resources every answer gives, in order (keys in data/content/resources.yml).
RESOURCE_KEYS = ("findtreatment-gov", "samhsa-helpline", "naloxone-otc")


LOCATOR_KEY = "findtreatment-gov"


def _resource_line(r: ResourceView, place: str) -> str:
    contact = ", ".join(x for x in (r.phone, r.url) if x)
    line = f"{r.name} ({contact}): {r.description}"
    if r.key == LOCATOR_KEY:
        line += f" Type a town or ZIP code in {place} to see the programs there."
    return line


def treatment_text(store: ContentStore, state: StateView) -> str:
    """Return where to look for treatment in ``state``: national locators, naloxone, and the state's own line.

    Raises:
        ContentUnavailable: when the store cannot be read.
    """
    by_key = {r.key: r for r in store.resources()}
    place = state.name
    lines: List[str] = [f"Here's where to start in {place}:"]
    for i, key in enumerate(k for k in RESOURCE_KEYS if k in by_key):
        lines.append(f"{i + 1}. {_resource_line(by_key[key], place)}")
    n = len(lines)
    if state.resource_url:
        phone = f", {state.resource_phone}" if state.resource_phone else ""
        # The date of the official page it was seen on, so people can judge how current the line is.
        checked = f", checked {state.resource_checked:%B %Y}" if state.resource_checked else ""
        lines.append(f"{n}. {place}'s own resource: {state.resource_name} ({state.resource_url}{phone}{checked}).")
    else:
        lines.append(
            f"{n}. {place}'s own treatment agency: I don't have a link for it that I've checked, so I won't guess one. "
            "The helpline above can connect you with it."
        )
    lines.append(f"If someone is in danger or may be overdosing, call {get_lines().emergency.phone}.")
    cited = [r.url for r in (by_key.get(k) for k in RESOURCE_KEYS) if r and r.url]
    if state.resource_source:
        cited.append(state.resource_source.url)
    lines.append("Sources: " + "; ".join(cited))
    if state.last_reviewed:
        lines.append(f"Last reviewed: {state.last_reviewed:%B %Y}. General information, not medical advice.")
    return "\n".join(lines)


def reask_text(answer: str) -> str:
    """Return the message for an answer that names no US state or territory."""
    shown = " ".join(answer.split())[:60]
    return (
        f"I couldn't match \"{shown}\" to a US state or territory. Please type the state's name or its two-letter "
        "abbreviation, for example Ohio or OH (Washington DC, Puerto Rico and the other territories work too)."
    )
