"""The "finding treatment in my state" form: state validation and the answer."""

from __future__ import annotations

import asyncio

from rasa_sdk.events import SlotSet

from actions.find_treatment import ActionFindTreatment
from actions.find_treatment_form import ValidateFindTreatmentForm
from bot.content import store as content_store
from bot.content.store import ContentStore
from bot.content.db import create_db_engine


def test_a_misspelt_state_is_stored_as_its_code(store, dispatcher, tracker_for):
    result = ValidateFindTreatmentForm().validate_ft_state("Pensylvania", dispatcher, tracker_for(None, "Pensylvania"), {})
    assert result == {"ft_state": "PA"} and dispatcher.messages == []


def test_an_unknown_place_is_asked_again_clearly(store, dispatcher, tracker_for):
    result = ValidateFindTreatmentForm().validate_ft_state("Narnia", dispatcher, tracker_for(None, "Narnia"), {})
    assert result == {"ft_state": None}
    message = dispatcher.messages[0]["text"]
    assert "couldn't match \"Narnia\"" in message and "two-letter abbreviation" in message


def test_the_answer_names_the_state_and_clears_the_slot(store, dispatcher, tracker_for):
    tracker = tracker_for(None, "ohio", slots={"ft_state": "OH"})
    events = asyncio.run(ActionFindTreatment().run(dispatcher, tracker, {}))
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Here's where to start in Ohio:") and "1-800-662-4357" in text
    assert {"title": "Another state", "payload": "/find_treatment_by_state"} in dispatcher.messages[0]["buttons"]
    assert events == [SlotSet("ft_state", None)]


def test_with_the_database_down_the_user_still_gets_the_helpline(dispatcher, tracker_for):
    engine = create_db_engine("postgresql://postgres@127.0.0.1:1/nothing_listens_here")
    content_store.set_store(ContentStore(engine, ttl=0))
    try:
        result = ValidateFindTreatmentForm().validate_ft_state("ohio", dispatcher, tracker_for(None, "ohio"), {})
        assert result == {"ft_state": "unknown"}  # the form ends instead of asking forever
        asyncio.run(ActionFindTreatment().run(dispatcher, tracker_for(None, "ohio", slots=result), {}))
        assert "1-800-662-4357" in dispatcher.messages[-1]["text"] and "911" in dispatcher.messages[-1]["text"]
    finally:
        content_store.set_store(None)
        engine.dispose()
