"""action_tell_me_more: the deeper answer of the last topic."""

from __future__ import annotations

from actions.tell_me_more import ActionTellMeMore


async def test_gives_the_deeper_answer_of_the_last_topic(store, dispatcher, tracker_for):
    tracker = tracker_for("tell_me_more", "tell me more", slots={"last_topic": "ask_naltrexone"})
    await ActionTellMeMore().run(dispatcher, tracker, {})
    [msg] = dispatcher.messages
    assert "release from jail or prison" in msg["text"]
    assert "Sources:" in msg["text"]
    assert "/tell_me_more" not in [b["payload"] for b in msg["buttons"]]


async def test_family_depth_uses_their_word(store, dispatcher, tracker_for):
    slots = {"last_topic": "ask_withdrawal_symptoms", "relation": "child", "loved_one": "daughter"}
    await ActionTellMeMore().run(dispatcher, tracker_for("tell_me_more", "more", slots=slots), {})
    assert "You can help your daughter" in dispatcher.messages[0]["text"]


async def test_without_a_topic_offers_the_menu(store, dispatcher, tracker_for):
    await ActionTellMeMore().run(dispatcher, tracker_for("tell_me_more", "more"), {})
    assert dispatcher.messages[1]["response"] == "utter_capabilities"


async def test_a_spanish_conversation_gets_the_deeper_answer_in_spanish(store, dispatcher, tracker_for):
    tracker = tracker_for("tell_me_more", "quiero saber mas", slots={"last_topic": "ask_naloxone", "language": "es"})
    await ActionTellMeMore().run(dispatcher, tracker, domain={})
    [msg] = dispatcher.messages
    assert msg["text"].startswith("Señales de sobredosis")
    assert "Fuentes:" in msg["text"] and "Última revisión:" in msg["text"]
    assert "/tell_me_more" not in [b["payload"] for b in msg["buttons"]]
