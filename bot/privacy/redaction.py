"""Redacts phone numbers, e-mail addresses and street addresses from text before it is stored.

Phone numbers are found by Google's libphonenumber (``phonenumbers.PhoneNumberMatcher``, US region, the
POSSIBLE leniency so that a 7-digit local number counts too): it knows the ways people write numbers
("(617) 555-0100", "+1 617.555.0100", "6175550100") better than a pattern of ours. Short codes such as 911 and
988 are not personal and stay readable. E-mail and street addresses keep their own patterns.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

REGION = "US"

_STREET_SUFFIX = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|"
    r"circle|cir|highway|hwy|parkway|pkwy|trail|trl|square|sq"
)
# Words that end a would-be street name ("19 and lives on 5th avenue" is an age, then a street).
_NOT_A_STREET_WORD = r"and|or|on|in|at|is|are|was|the|to|of|with|by|lives|live|living|years|year|days|old|but|so"
PATTERNS = (
    ("[email]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
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
    text = _redact_phones(text)
    for label, pattern in PATTERNS:
        text = pattern.sub(label, text)
    return text


def _redact_phones(text: str) -> str:
    matches = list(phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.POSSIBLE))
    for match in reversed(matches):
        text = text[: match.start] + "[phone]" + text[match.end :]
    return text
