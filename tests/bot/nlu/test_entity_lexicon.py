"""Entity lexicon: street and brand names normalise to one canonical value."""

from __future__ import annotations

import pytest
import yaml

from bot.flows.audience import audience_for, loved_one_word
from bot.nlu.entity_lexicon import LEXICONS, Lexicon, get_lexicon


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
        # Spanish, as people type it: accents or none, street names, Spanglish.
        ("mi hijo usa chiva", "relation", "child"),
        ("mi hijo usa chiva", "substance", "heroin"),
        ("mi mamá toma pastillas para el dolor", "relation", "parent"),
        ("mi mama toma pastillas para el dolor", "substance", "prescription opioids"),
        ("donde consigo naloxona", "medication", "naloxone"),
        ("el narcán funciona con fentanilo?", "substance", "fentanyl"),
        ("mi novio esta en la clinica de metadona", "medication", "methadone"),
        ("mi novio esta en la clinica de metadona", "relation", "partner"),
        ("¿la buprenorfina es segura en el embarazo?", "medication", "buprenorphine"),
        ("mi compañero de trabajo usa las azules", "relation", "friend"),
        ("mi companero de trabajo usa las azules", "substance", "fentanyl"),
        ("la xilacina causa heridas?", "substance", "xylazine"),
        ("my son esta en subs", "medication", "buprenorphine"),
        ("my son esta en subs", "relation", "child"),
    ],
)
def test_lexicon_normalises(text, entity, value):
    found = [(e.entity, e.value) for e in get_lexicon().extract(text)]
    assert (entity, value) in found


def test_each_language_has_its_own_pipeline_and_the_same_entities():
    """Spanish words are matched by a Spanish tokenizer, and both files name the same canonical values."""
    assert get_lexicon().languages == ("en", "es")
    english, spanish = (Lexicon.from_file(LEXICONS[lang], lang) for lang in ("en", "es"))
    assert english._nlp.lang == "en" and spanish._nlp.lang == "es"
    specs = {lang: yaml.safe_load(path.read_text(encoding="utf-8")) for lang, path in LEXICONS.items()}
    assert {e: set(v) for e, v in specs["es"].items()} == {e: set(v) for e, v in specs["en"].items()}
    # Spanish words are not in the English file any more: the English pipeline alone finds no "hijo".
    assert english.extract("mi hijo usa chiva") == []


def test_a_word_both_languages_know_is_found_once():
    ents = get_lexicon().extract("mi hijo esta en suboxone")
    assert [(e.text, e.value) for e in ents] == [("hijo", "child"), ("suboxone", "buprenorphine")]


def test_spanish_offsets_point_at_the_users_words():
    text = "¿Mi Hija puede tomar Narcán?"
    assert [text[e.start : e.end] for e in get_lexicon().extract(text)] == ["Hija", "Narcán"]


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
