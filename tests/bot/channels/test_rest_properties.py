"""Property-based: random text and random JSON never crash the REST channel, the safety net or the redactor."""

from __future__ import annotations

import asyncio
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.replies import CRISIS_FALLBACK_TEXT, CRISIS_FALLBACK_TEXT_ES, NO_REPLY_TEXT, no_reply_text
from bot.channels.rest import RequestProblem, SafeRestInput, parse_payload
from bot.safety.net import get_safety_net
from bot.nlu.entity_lexicon import get_lexicon
from bot.privacy.redaction import redact

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_body_is_parsed_or_refused_with_a_reason(body):
    try:
        payload = parse_payload(body)
    except RequestProblem as exc:
        assert str(exc)
    else:
        assert isinstance(payload["sender"], str) and isinstance(payload["message"], str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_message_gets_at_least_one_reply(text):
    async def silent_bot(message):
        return None

    replies = asyncio.run(SafeRestInput().answer(silent_bot, "prop-user", text))
    assert replies and all(isinstance(r["text"], str) and r["text"] for r in replies)
    if text.strip() and any(ch.isprintable() and not ch.isspace() for ch in text):
        # In the message's language when it is clearly Spanish, else English; always with the emergency lines.
        assert replies[-1]["text"] in (NO_REPLY_TEXT, no_reply_text("es"), *CRISIS_FALLBACK_TEXT.values(),
                                       *CRISIS_FALLBACK_TEXT_ES.values())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_safety_net_lexicon_and_redaction_never_crash(text):
    get_safety_net().analyse(text)
    for ent in get_lexicon().extract(text):
        assert text[ent.start : ent.end] == ent.text
    assert isinstance(redact(text), str)
