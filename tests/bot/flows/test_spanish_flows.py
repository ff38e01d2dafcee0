"""The guided conversations in Spanish: the plan, the state search and the help lines, never half in English."""

from __future__ import annotations

from actions.crisis_resources import ActionCrisisResources
from actions.find_treatment import ActionFindTreatment
from actions.loved_one_form import ValidateLovedOneForm
from actions.loved_one_plan import ActionLovedOnePlan
from bot.flows.audience import loved_one_word
from bot.flows.us_states import resolve_state

ENGLISH_WORDS = ("Here is", "Sources:", "Someone to call", "If your", "Last reviewed", "call or text", "your loved one")


def _english_in(text):
    return [w for w in ENGLISH_WORDS if w in text]


async def test_the_spanish_plan_is_in_spanish_personal_and_sourced(store, dispatcher, tracker_for):
    slots = {"lo_person": "hijo", "lo_in_danger": False, "lo_noticed": "duerme todo el día", "lo_talked": True,
             "language": "es"}
    await ActionLovedOnePlan().run(dispatcher, tracker_for("deny", "todavía no", slots=slots), {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Este es un plan corto para ayudar a su hijo.")
    for needle in ("Siga hablando: ya sacó el tema", "Límites:", "Naloxona:", "Apoyo para usted:",
                   "Línea Nacional de Ayuda de SAMHSA, 1-800-662-4357", "llame al 911", "Fuentes:"):
        assert needle in text, needle
    assert "la vida a su hijo" in text  # "su ser querido" personalised
    assert not _english_in(text), _english_in(text)
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "Cómo hablar del tema", "Ayudar sin facilitar", "Buscar tratamiento"]


def test_a_spanish_answer_names_the_person_as_spanish_speakers_do():
    assert loved_one_word("mi hijo") == "hijo" and loved_one_word("Mi esposa") == "esposa"
    assert loved_one_word("una amiga") == "amiga"


def test_asking_for_oneself_is_redirected_in_spanish(dispatcher, tracker_for):
    tracker = tracker_for(None, "yo mismo", entities=[{"entity": "relation", "value": "self", "start": 0, "end": 8}],
                          slots={"language": "es"})
    assert ValidateLovedOneForm().validate_lo_person("self", dispatcher, tracker, {}) == {"lo_person": None}
    assert "por dónde empiezo" in dispatcher.messages[0]["text"]


def test_spanish_state_names_and_sentences_are_understood(store):
    states = store.states()
    for text, code in [("Nueva York", "NY"), ("vivo en carolina del norte", "NC"), ("estoy en Hawái", "HI"),
                       ("en tejas", "TX"), ("Pensilvania", "PA"), ("Puerto Rico", "PR"), ("el estado de Nuevo México", "NM"),
                       ("Distrito de Columbia", "DC")]:
        state = resolve_state(text, states)
        assert state is not None and state.code == code, (text, state)


async def test_the_state_search_answers_in_spanish(store, dispatcher, tracker_for):
    await ActionFindTreatment().run(dispatcher, tracker_for("inform", "texas", slots={"ft_state": "TX", "language": "es"}), {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Por dónde empezar en Texas:")
    assert "FindTreatment.gov (https://findtreatment.gov): El buscador confidencial de SAMHSA" in text
    assert "Línea Nacional de Ayuda de SAMHSA" in text and "llame al 911" in text and "Fuentes:" in text
    assert not _english_in(text), _english_in(text)
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][-1] == "Otro estado"


async def test_a_spanish_reply_names_the_state_as_spanish_readers_write_it(store, dispatcher, tracker_for):
    """"Nueva York" in Spanish, "New York" in English: a reply never mixes the two languages."""
    await ActionFindTreatment().run(dispatcher, tracker_for("inform", "nueva york", slots={"ft_state": "NY", "language": "es"}), {})
    await ActionFindTreatment().run(dispatcher, tracker_for("inform", "new york", slots={"ft_state": "NY", "language": "en"}), {})
    spanish, english = (m["text"] for m in dispatcher.messages)
    assert spanish.startswith("Por dónde empezar en Nueva York:") and "New York" not in spanish
    assert "Nueva York" not in english and "New York" in english
    assert resolve_state("vivo en Misuri", store.states()).code == "MO"  # the Spanish name is understood as typed


async def test_the_lines_after_a_spanish_crisis_reply_are_in_spanish(store, dispatcher, tracker_for):
    tracker = tracker_for("crisis_suicide", "ya no quiero vivir", slots={"language": "es"})
    await ActionCrisisResources().run(dispatcher, tracker, {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Más ayuda, a cualquier hora:")
    assert "988 Línea de Prevención del Suicidio y Crisis: llame al 988 o envíe un texto al 988" in text
    assert "AYUDA" in text and "(24/7; español, inglés)" in text
    assert not _english_in(text), _english_in(text)
