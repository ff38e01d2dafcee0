"""Find the phone numbers a text shows people, in a form that compares equal however they were written.

Full numbers ("1-800-662-4357", "(808) 832-3100", "800.327.5050") are found and normalised by Google's
libphonenumber (the ``phonenumbers`` package), which knows US numbering plans better than any regex of ours
would. Short codes (911, 988, 211, text lines such as 741741) are a different matter: libphonenumber calls many
3-6 digit strings valid short numbers, years like 2024 among them, so a short code counts only where the text
tells someone to dial or text it ("call or text 988", "text HOME to 741741", "llame al 911").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional

import phonenumbers

REGION = "US"

# A short code is 3-6 digits (or N-1-1 spelt "2-1-1") standing alone within a few words after a verb of dialling
# or texting (English and Spanish, as the answers are written), with no digit or full stop in between.
_SHORT_CODE = re.compile(
    r"\b(?:call|calling|dial|text|texting|phone|llame|llamar|marque|envíe|envie|texto)\b"
    r"[^\d.\n]{0,30}?(?<![\d-])(\d-1-1|\d{3,6})(?![\d-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneMention:
    """A number as written in the text, and the key it compares by (E.164 for full numbers, digits for short codes)."""

    raw: str
    key: str


def number_key(value: str) -> Optional[str]:
    """Return the comparison key of a number written on its own (a resource's phone field), or None if it is none."""
    digits = re.sub(r"\D", "", value)
    if 3 <= len(digits) <= 6:
        return digits
    try:
        parsed = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def find_numbers(text: str) -> List[PhoneMention]:
    """Return every phone number and dialled short code in ``text``, in order of appearance."""
    found = []
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.POSSIBLE):
        spans.append((match.start, match.end))
        key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        raw = match.raw_string if ")" in match.raw_string else match.raw_string.lstrip("(")
        found.append((match.start, PhoneMention(raw, key)))
    for match in _SHORT_CODE.finditer(text):
        start, end = match.span(1)
        if not any(s <= start < e for s, e in spans):
            found.append((start, PhoneMention(match.group(1), match.group(1).replace("-", ""))))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]
