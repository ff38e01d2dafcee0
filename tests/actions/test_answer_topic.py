"""action_answer_topic: the curated answer, its citation, follow-ups and audience."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answer_topic import ActionAnswerTopic
from bot.content import store as content_store
from bot.content.loader import required_topics
from bot.content.store import ContentStore
from bot.content.db import create_db_engine
from tests.conftest import ROOT


async def _run(tracker, dispatcher):
    return await ActionAnswerTopic().run(dispatcher, tracker, domain={})


async def test_answers_with_citation_review_date_and_buttons(store, dispatcher, tracker_for):
    events = await _run(tracker_for("ask_naloxone", "what is narcan"), dispatcher)
    [msg] = dispatcher.messages
    assert "Naloxone (Narcan) reverses an opioid overdose" in msg["text"]
    assert "Sources: Centers for Disease Control and Prevention (CDC)" in msg["text"]
    assert "Last reviewed: November 2026" in msg["text"]
    payloads = [b["payload"] for b in msg["buttons"]]
    assert payloads[0] == "/tell_me_more"
    assert 3 <= len(payloads) <= 4 and "/ask_signs_of_use" in payloads
    assert SlotSet("last_topic", "ask_naloxone") in events


@pytest.mark.parametrize("topic", required_topics(ROOT / "domain.yml"))
async def test_every_topic_intent_gets_an_answer(store, dispatcher, tracker_for, topic):
    await _run(tracker_for(topic, "question"), dispatcher)
    [msg] = dispatcher.messages
    assert "Sources:" in msg["text"] and "Last reviewed:" in msg["text"]
    assert msg["buttons"]


async def test_question_about_a_son_gets_the_family_answer_in_their_words(store, dispatcher, tracker_for):
    text = "my son is dope sick what is happening"
    tracker = tracker_for(
        "ask_withdrawal_symptoms", text, entities=[{"entity": "relation", "value": "child", "start": 3, "end": 6}]
    )
    events = await _run(tracker, dispatcher)
    reply = dispatcher.messages[0]["text"]
    assert "You can help your son" not in reply  # that is in the deeper answer
    assert "Withdrawal often looks like a severe flu" in reply
    assert SlotSet("loved_one", "son") in events


async def test_loved_one_topic_uses_the_remembered_word(store, dispatcher, tracker_for):
    tracker = tracker_for("ask_help_loved_one", "how do i help", slots={"relation": "partner", "loved_one": "wife"})
    await _run(tracker, dispatcher)
    assert "caring about your wife is where help starts" in dispatcher.messages[0]["text"]


async def test_first_person_question_gets_the_self_answer(store, dispatcher, tracker_for):
    await _run(tracker_for("ask_withdrawal_symptoms", "what does withdrawal feel like"), dispatcher)
    assert dispatcher.messages[0]["text"].startswith("Opioid withdrawal often feels like a very bad flu")


async def test_unknown_intent_asks_to_rephrase(store, dispatcher, tracker_for):
    await _run(tracker_for("greet", "hi"), dispatcher)
    assert dispatcher.messages[0]["response"] == "utter_ask_rephrase"


async def test_database_down_gives_a_clear_message_with_the_helpline(tmp_path, dispatcher, tracker_for):
    (tmp_path / "db").mkdir()
    content_store.set_store(ContentStore(create_db_engine(f"sqlite:///{tmp_path / 'db'}"), ttl=0))
    try:
        events = await _run(tracker_for("ask_detox", "what is detox"), dispatcher)
    finally:
        content_store.set_store(None)
    [msg] = dispatcher.messages
    assert "can't reach my library of answers" in msg["text"]
    assert "1-800-662-4357" in msg["text"] and "911" in msg["text"]
    assert events == []


async def test_a_spanish_conversation_gets_the_spanish_answer_with_spanish_footer_and_buttons(store, dispatcher, tracker_for):
    tracker = tracker_for("ask_naloxone", "que es el narcan", slots={"language": "es"})
    await _run(tracker, dispatcher)
    [msg] = dispatcher.messages
    assert msg["text"].startswith("La naloxona (Narcan) revierte una sobredosis")
    # CDC's own Spanish page on naloxone, not its English one
    assert "\nFuentes: Centros para el Control y la Prevención de Enfermedades (CDC)" in msg["text"]
    assert "cdc.gov/stop-overdose/es/caring/la-naloxona-y-su-poder-de-salvar-vidas.html" in msg["text"]
    assert "Última revisión: diciembre 2026. Información general, no es consejo médico." in msg["text"]
    assert "Sources:" not in msg["text"] and "Last reviewed" not in msg["text"]
    assert msg["buttons"][0] == {"title": "Quiero saber más", "payload": "/tell_me_more"}
    spanish_titles = {b["title"] for b in msg["buttons"][1:]}
    english_titles = {t for _, t in store.answer("ask_naloxone").related}
    assert spanish_titles and not spanish_titles & english_titles


async def test_a_topic_with_a_guided_conversation_offers_it_in_the_conversations_language(store, dispatcher, tracker_for):
    await _run(tracker_for("ask_find_treatment", "donde busco tratamiento", slots={"language": "es"}), dispatcher)
    buttons = {b["payload"]: b["title"] for b in dispatcher.messages[0]["buttons"]}
    assert buttons["/find_treatment_by_state"] == "Buscar por estado" and buttons["/tell_me_more"] == "Quiero saber más"
    dispatcher.messages.clear()
    await _run(tracker_for("ask_find_treatment", "where do i find treatment"), dispatcher)
    assert "/find_treatment_by_state" in [b["payload"] for b in dispatcher.messages[0]["buttons"]]
