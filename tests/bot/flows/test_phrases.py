"""The words our code assembles into replies: every language says every phrase, with the same blanks to fill."""

from __future__ import annotations

import re
import string

from bot.content.schema import LANGUAGES
from bot.flows.phrases import PHRASES, phrases, say


def _flat(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, f"{prefix}{k}.")
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _flat(v, f"{prefix}{i}.")
    else:
        yield prefix.rstrip("."), value


def _blanks(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_every_language_has_every_phrase_with_the_same_blanks():
    english = dict(_flat(PHRASES["en"]))
    assert set(PHRASES) == set(LANGUAGES)
    for language in LANGUAGES:
        mine = dict(_flat(PHRASES[language]))
        assert set(mine) == set(english), (language, set(mine) ^ set(english))
        for key, text in mine.items():
            assert text.strip(), (language, key)
            assert _blanks(text) == _blanks(english[key]), (language, key)


def test_no_phrase_writes_a_phone_number_itself():
    # Numbers come from the resource table (bot/flows/lines.py), so a changed line is changed once.
    for language in LANGUAGES:
        for key, text in _flat(PHRASES[language]):
            assert not re.search(r"\b(911|988|741741|\d{3}-\d{3}-\d{4})\b", text), (language, key, text)


def test_an_unknown_language_gets_english_and_blanks_are_filled():
    assert phrases("fr") is PHRASES["en"] and phrases(None) is PHRASES["en"]
    assert say("es", "ft_intro", place="Texas") == "Por dónde empezar en Texas:"
