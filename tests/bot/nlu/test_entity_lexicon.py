"""Entity lexicon: street and brand names normalise to one canonical value."""

from __future__ import annotations

import pytest

from bot.flows.audience import audience_for, loved_one_word
from bot.nlu.entity_lexicon import get_lexicon


@pytest.mark.parametrize(
    "text,entity,value",
    [
        ("is suboxone safe", "medication", "buprenorphine"),
        ("how long on subs", "medication", "buprenorphine"),
        ("bupe or methadone", "medication", "buprenorphine"),
        ("where to get narcan", "medication", "naloxone"),
        ("the vivitrol shot", "medication", "naltrexone"),
        ("he is using dope", "substance", "heroin"),
        ("she was on fent", "substance", "fentanyl"),
        ("my son uses", "relation", "child"),
        ("my boy is using", "relation", "child"),
        ("my wife", "relation", "partner"),
        ("I want to quit myself", "relation", "self"),
    ],
)
def test_lexicon_normalises(text, entity, value):
    found = [(e.entity, e.value) for e in get_lexicon().extract(text)]
    assert (entity, value) in found


def test_offsets_point_at_the_users_words():
    text = "Is Suboxone OK for my Daughter?"
    ents = get_lexicon().extract(text)
    assert [text[e.start : e.end] for e in ents] == ["Suboxone", "Daughter"]


def test_ambiguous_street_word_alone_is_not_an_entity():
    assert get_lexicon().extract("he is a good boy") == []


def test_audience_and_loved_one_word():
    assert audience_for("child") == "family"
    assert audience_for("self") == "self"
    assert audience_for(None, "loved_one") == "family"
    assert loved_one_word("my boy") == "boy"
    assert loved_one_word("Son") == "son"
