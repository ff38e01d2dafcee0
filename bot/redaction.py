"""Redacts phone numbers, e-mail addresses and street addresses from text before it is stored."""

from __future__ import annotations

import re
from typing import Any

_STREET_SUFFIX = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|"
    r"circle|cir|highway|hwy|parkway|pkwy|trail|trl|square|sq"
)
# Words that end a would-be street name ("19 and lives on 5th avenue" is an age, then a street).
_NOT_A_STREET_WORD = r"and|or|on|in|at|is|are|was|the|to|of|with|by|lives|live|living|years|year|days|old|but|so"
PATTERNS = (
    ("[email]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # US numbers with 10 digits (optionally +1); short codes such as 911 and 988 stay readable.
    ("[phone]", re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])")),
    ("[phone]", re.compile(r"(?<![\w-])\d{3}[\s.-]\d{4}(?![\w-])")),
    ("[address]", re.compile(
        rf"\b\d{{1,6}}\s+(?:(?!(?:{_NOT_A_STREET_WORD})\b)[A-Za-z0-9.'-]+\s+){{0,4}}(?:{_STREET_SUFFIX})\b\.?"
        rf"(?:\s*(?:apt|unit|#)\s*\w+)?",
        re.IGNORECASE,
    )),
)


def redact(text: Any) -> Any:
    """Return ``text`` with phone numbers, e-mails and street addresses replaced; non-strings unchanged."""
    if not isinstance(text, str):
        return text
    for label, pattern in PATTERNS:
        text = pattern.sub(label, text)
    return text
