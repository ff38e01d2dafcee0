"""End to end over the REST channel: a real Rasa server, a real action server, a real content store.

The crisis reply must reach the user even when the action server is stopped or the database is unreachable.
"""

from __future__ import annotations

import pytest

from bot.channels.replies import EMPTY_MESSAGE_TEXT, NO_REPLY_TEXT
from tests.servers import content_db, free_port, MODEL, post_raw, send, start_actions, start_rasa, texts, trained_model

pytestmark = pytest.mark.model
UNREACHABLE_DB = "postgresql://postgres@127.0.0.1:1/nothing_listens_here"


@pytest.fixture(scope="module")
def stack(tmp_path_factory, content_bundle):
    """A Rasa server and an action server, with content in a fresh SQLite store."""
    trained_model()
    work = tmp_path_factory.mktemp("e2e")
    db_url = content_db(work, content_bundle)
    ports = {"rasa": free_port(), "actions": free_port()}
    state = {"work": work, "db_url": db_url, "ports": ports}
    state["actions"] = start_actions(ports["actions"], work / "actions.log", db_url)
    state["rasa"] = start_rasa(ports["rasa"], ports["actions"], work, MODEL)
    yield state
    state["rasa"].stop()
    state["actions"].stop()


def test_topic_question_gets_the_curated_answer_with_source(stack):
    replies = send(stack["ports"]["rasa"], "e2e-topic", "what is narcan")
    assert "Naloxone (Narcan) reverses an opioid overdose" in texts(replies)
    assert "Sources:" in texts(replies)
    assert any(b["payload"] == "/tell_me_more" for r in replies for b in r.get("buttons", []))


def test_greeting_says_ai_not_clinician_not_for_emergencies(stack):
    reply = texts(send(stack["ports"]["rasa"], "e2e-greet", "hi"))
    assert "AI" in reply and "not a doctor" in reply and "911" in reply and "988" in reply
    assert "1-800-662-4357" in reply


def test_malformed_requests_get_a_clean_400_and_empty_messages_an_answer(stack):
    port = stack["ports"]["rasa"]
    status, body = post_raw(port, b"{broken json")
    assert status == 400 and "JSON" in body["error"]
    status, body = post_raw(port, b'{"sender": "x", "message": 12}')
    assert status == 400 and "message" in body["error"]
    status, body = post_raw(port, b'{"sender": "x", "message": "   "}')
    assert status == 200 and body[0]["text"] == EMPTY_MESSAGE_TEXT


def test_overdose_gets_911_naloxone_resources_and_check_in(stack):
    port = stack["ports"]["rasa"]
    send(port, "e2e-crisis", "how does methadone work")
    reply = texts(send(port, "e2e-crisis", "my friend od'd and hes turning blue"))
    assert "Call 911 now" in reply and "naloxone" in reply.lower()
    assert "Never Use Alone" in reply  # the detailed resources from the content store
    assert "start CPR if they have no pulse" in reply and "may protect" in reply
    assert "is the person awake and breathing now?" in reply
    after = texts(send(port, "e2e-crisis", "yes"))
    # After the emergency: the next hours still matter.
    assert "30 to 90 minutes" in after and "recovery position" in after and "still need medical care" in after
    assert "Withdrawal after naloxone" in after


def test_swallowing_all_the_pills_gets_911_first_never_out_of_scope(stack):
    reply = texts(send(stack["ports"]["rasa"], "e2e-pills", "i took all my pills"))
    assert "outside what I can help with" not in reply
    assert "call 911 now" in reply and "988" in reply


def test_spanish_crisis_gets_the_spanish_reply(stack):
    port = stack["ports"]["rasa"]
    reply = texts(send(port, "e2e-es", "mi hermano no respira"))
    assert "Llame al 911 ahora" in reply and "naloxona (Narcan)" in reply
    assert "oprima 2" in reply and "AYUDA" in reply and "1-800-662-4357" in reply
    assert "despierta y respirando" in reply  # the check-in, in Spanish too
    assert "Call 911" not in reply and "breathing" not in reply  # one language per reply
    reply = texts(send(port, "e2e-es-suicide", "ya no quiero vivir"))
    assert "oprima 2" in reply and "AYUDA" in reply and "1-800-662-4357" in reply and "988" in reply


def test_unsure_message_gets_the_safety_check_and_no_carries_on(stack):
    port, who = stack["ports"]["rasa"], "e2e-check"
    reply = send(port, who, "should i call 911")
    text = texts(reply)
    assert "Is someone in danger right now" in text and "call 911" in text and "988" in text
    assert "/crisis_overdose" in [b["payload"] for r in reply for b in r.get("buttons", [])]
    assert "What would you like to know about?" in texts(send(port, who, "no"))


def test_danger_confirmed_after_the_safety_check_gets_crisis_guidance(stack):
    port, who = stack["ports"]["rasa"], "e2e-check-yes"
    send(port, who, "is this an emergency")
    reply = texts(send(port, who, "yes"))
    assert "call 911" in reply and "988" in reply and "is everyone safe right now?" in reply


@pytest.mark.parametrize(
    "text,needle",
    [
        ("what are fentanyl test strips", "Fentanyl test strips show whether fentanyl"),
        ("where can i get clean needles", "Syringe services programs"),
        ("is kratom safe for withdrawal", "The FDA has not approved kratom"),
        ("my brother gets out of prison next week", "the first weeks carry a very high overdose risk"),
        ("how do i take care of a tranq wound", "Xylazine"),
        ("my son died of an overdose last month", "I'm so sorry"),
    ],
)
def test_harm_reduction_and_life_situations_are_answered_not_out_of_scope(stack, text, needle):
    reply = texts(send(stack["ports"]["rasa"], f"e2e-new-{abs(hash(text))}", text))
    assert "outside what I can help with" not in reply
    assert needle in reply


def test_grief_gets_warmth_not_how_to_get_someone_into_treatment(stack):
    reply = texts(send(stack["ports"]["rasa"], "e2e-grief", "my son died of an overdose last month"))
    assert "I'm so sorry" in reply and "not your fault" in reply
    assert "Call 911 now" not in reply


def test_out_of_scope_reply_always_carries_911_and_988(stack):
    reply = texts(send(stack["ports"]["rasa"], "e2e-oos", "who won the football game last night"))
    assert "call 911" in reply and "988" in reply


def test_suicide_message_gets_988(stack):
    reply = texts(send(stack["ports"]["rasa"], "e2e-suicide", "everyone would be better off without me"))
    assert "Call or text 988" in reply and "741741" in reply


def test_loved_one_plan_with_a_question_in_the_middle(stack):
    port, who = stack["ports"]["rasa"], "e2e-plan"
    assert "who are you worried about?" in texts(send(port, who, "/make_plan"))
    assert "Is your daughter in danger right now" in texts(send(port, who, "my daughter"))
    interrupted = texts(send(port, who, "where can i get narcan"))
    assert "Naloxone (Narcan) reverses an opioid overdose" in interrupted
    assert interrupted.rstrip().endswith("talking about suicide?")  # the form asks again
    assert "What have you noticed" in texts(send(port, who, "no"))
    assert "Have you talked with your daughter" in texts(send(port, who, "she is never home and lies about money"))
    plan = texts(send(port, who, "not yet"))
    assert plan.startswith("Here is a short plan for helping your daughter.") and "1-800-662-4357" in plan


def test_crisis_inside_the_plan_wins_and_stop_leaves_politely(stack):
    port = stack["ports"]["rasa"]
    send(port, "e2e-plan-crisis", "/make_plan")
    send(port, "e2e-plan-crisis", "my husband")
    reply = texts(send(port, "e2e-plan-crisis", "he just collapsed and isnt breathing"))
    assert "Call 911 now" in reply and "is the person awake and breathing now?" in reply
    send(port, "e2e-plan-stop", "/make_plan")
    assert "we'll stop there" in texts(send(port, "e2e-plan-stop", "never mind"))
    assert "Naloxone (Narcan)" in texts(send(port, "e2e-plan-stop", "what is narcan"))


def test_level_of_care_questions_end_with_reasons(stack):
    port, who = stack["ports"]["rasa"], "e2e-loc"
    assert "Which level of care fits?" in str(send(port, who, "what kinds of treatment are there"))
    assert "six yes/no questions" in texts(send(port, who, "/choose_level_of_care"))
    answers = ["yes", "no", "yes", "no", "no", "yes"]  # withdrawal, medical, mental, safe home, history, duties
    for answer in answers[:-1]:
        send(port, who, answer)
    result = texts(send(port, who, answers[-1]))
    assert result.startswith("This is not a diagnosis")
    assert "Medically managed withdrawal" in result and "Residential" in result and "home isn't a safe" in result


def test_delete_my_data_erases_the_conversation_from_the_tracker_store(stack):
    import sqlite3

    port, who = stack["ports"]["rasa"], "e2e-delete"
    reply = texts(send(port, who, "what is suboxone? my cell is 555-123-4567"))
    assert "Buprenorphine (Suboxone" in reply  # a normal answer; only the stored copy is redacted

    def stored():
        with sqlite3.connect(stack["work"] / "tracker.db") as db:
            return db.execute("select count(*) from events where sender_id = ?", (who,)).fetchone()[0]

    with sqlite3.connect(stack["work"] / "tracker.db") as db:
        data = " ".join(r[0] for r in db.execute("select data from events where sender_id = ?", (who,)))
    assert "555-123-4567" not in data and "[phone]" in data
    assert stored() > 0
    assert "delete this whole conversation?" in texts(send(port, who, "please delete my messages"))
    assert "Okay, nothing was deleted" in texts(send(port, who, "no"))
    send(port, who, "delete my data")
    done = texts(send(port, who, "yes"))
    assert done.startswith("Done. I've deleted this conversation")
    assert stored() == 0
    assert "Hi, I'm an automated assistant" in texts(send(port, who, "hello"))  # a fresh start


def test_crisis_still_answered_when_the_database_is_unreachable(stack):
    stack["actions"].stop()
    stack["actions"] = start_actions(stack["ports"]["actions"], stack["work"] / "actions-nodb.log", UNREACHABLE_DB)
    reply = texts(send(stack["ports"]["rasa"], "e2e-nodb", "he isnt breathing"))
    assert "Call 911 now" in reply
    assert "Poison Control: 1-800-222-1222" in reply  # the built-in list the action falls back to
    topic = texts(send(stack["ports"]["rasa"], "e2e-nodb", "what is detox"))
    assert "can't reach my library of answers" in topic and "1-800-662-4357" in topic


def test_crisis_still_answered_when_the_action_server_is_down(stack):
    stack["actions"].stop()
    reply = texts(send(stack["ports"]["rasa"], "e2e-noactions", "i want to kill myself"))
    assert "Call or text 988" in reply and "911" in reply
    assert "is everyone safe right now?" in reply
    reply = texts(send(stack["ports"]["rasa"], "e2e-noactions", "my son is having a seizure"))
    assert "Call 911" in reply
    # A topic question needs the action server: the user is told, not left in silence.
    reply = texts(send(stack["ports"]["rasa"], "e2e-noactions-topic", "what is methadone"))
    assert reply == NO_REPLY_TEXT


def test_http_api_when_turned_on_requires_the_token(stack, tmp_path):
    import urllib.error
    import urllib.request

    port, token = free_port(), "test-api-token-0123456789"
    server = start_rasa(port, stack["ports"]["actions"], tmp_path, MODEL,
                        extra_args=["--enable-api", "--auth-token", token])
    try:
        url = f"http://127.0.0.1:{port}/conversations/api-user/tracker"
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(url, timeout=30)
        assert exc.value.code == 401
        with urllib.request.urlopen(f"{url}?token={token}", timeout=30) as resp:
            assert resp.status == 200
    finally:
        server.stop()
    assert token not in (tmp_path / "rasa.log").read_text(errors="replace")
