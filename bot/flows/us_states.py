"""Recognises the US state, DC or territory a user names: full names, abbreviations, aliases and typos."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Dict, Iterable, Optional

from bot.content.store import StateView

_PUNCT_RE = re.compile(r"[^a-z0-9 ]+")
_FILLER_RE = re.compile(r"\b(i am|i'm|im|i live|live|living|we are|we're|in|the|state of|from|near|at|my state is|its|it's"
                        # Spanish: "vivo en Texas", "estamos en el estado de Nueva York", "en tejas"
                        r"|vivo|vivimos|estoy|estamos|somos|en|el estado de|estado|el|desde|aqui|aca)\b")


def normalise(text: str) -> str:
    """Lower-case, drop punctuation ("N.Y." -> "ny") and filler words ("I live in ohio" -> "ohio")."""
    # Accents dropped first, so "Nueva York" matches however it is typed ("Hawái", "Misisipí").
    lowered = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode().replace(".", "")
    cleaned = _PUNCT_RE.sub(" ", lowered)
    cleaned = _FILLER_RE.sub(" ", cleaned)
    return " ".join(cleaned.split())


def _index(states: Iterable[StateView]) -> Dict[str, StateView]:
    names: Dict[str, StateView] = {}
    for st in states:
        for name in (st.name, *st.aliases, *(n for _, n in st.names)):
            names[normalise(name)] = st
        names.setdefault(st.code.lower(), st)
    return names


def resolve_state(text: str, states: Iterable[StateView]) -> Optional[StateView]:
    """Return the state ``text`` names, or None when it matches none clearly enough."""
    states = tuple(states)
    names = _index(states)
    bare = _PUNCT_RE.sub("", (text or "").lower().replace(".", "").strip())
    if len(bare) == 2:  # an abbreviation on its own: "IN" is Indiana, even though "in" is a filler word
        return next((st for st in states if st.code.lower() == bare), None)
    wanted = normalise(text or "")
    if not wanted:
        return None
    if wanted in names:
        return names[wanted]
    # Two-letter codes must match exactly ("or" and "in" are English words as well as codes).
    full_names = [n for n in names if len(n) > 2]
    # Typos: the closest name, if it is close enough ("pensylvania", "missisippi", "new yrok").
    match = difflib.get_close_matches(wanted, full_names, n=1, cutoff=0.8)
    if match:
        return names[match[0]]
    # A name inside a longer answer ("somewhere in rural ohio please"): the longest one wins.
    padded = f" {wanted} "
    inside = [n for n in full_names if f" {n} " in padded]
    if inside:
        return names[max(inside, key=len)]
    return None
