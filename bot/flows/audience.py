"""Decides whether a reply is for the person using or for a family member or friend."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

FAMILY_RELATIONS = {"child", "partner", "parent", "sibling", "friend"}


def audience_for(relation: Optional[str], category: Optional[str] = None) -> str:
    """Return "family" when the user asks about someone else (or a loved-one topic), else "self"."""
    if relation in FAMILY_RELATIONS or category == "loved_one":
        return "family"
    return "self"


def loved_one_word(entity_text: Optional[str]) -> Optional[str]:
    """Return the user's word for the person ("my son" -> "son"), or None for the user themself."""
    if not entity_text:
        return None
    word = " ".join(entity_text.strip().lower().split())
    # English and Spanish ("mi hijo" -> "hijo", as "su hijo" reads in a Spanish plan).
    for prefix in ("my ", "our ", "a ", "an ", "the ", "your ", "mi ", "mis ", "nuestro ", "nuestra ", "un ", "una ",
                   "el ", "la ", "su "):
        if word.startswith(prefix):
            word = word[len(prefix) :]
    return word or None


def relation_in_message(text: str, entities: List[Dict[str, Any]]) -> Tuple[Optional[str], Optional[str]]:
    """Return (relation, the user's word) for the first relation entity in a parsed message, or (None, None)."""
    for ent in entities or []:
        if ent.get("entity") == "relation" and "start" in ent and "end" in ent:
            return ent.get("value"), loved_one_word((text or "")[ent["start"] : ent["end"]])
    return None, None
