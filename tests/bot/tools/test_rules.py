"""Rules that follow from data are generated (bot/tools/rules.py), and the committed file matches the data."""

from __future__ import annotations

import yaml

from bot import settings
from bot.tools.rules import OUTPUT, build, expected_text, forms, topic_intents


def test_the_committed_rules_are_up_to_date():
    assert OUTPUT.read_text(encoding="utf-8") == expected_text(), "run `python -m bot rules` and commit the result"


def test_every_topic_is_answered_at_any_time_and_during_every_form():
    rules = build(topic_intents(), forms())
    topics = topic_intents()
    assert "ask_xylazine" in topics and "report_grief" in topics and "crisis_overdose" not in topics
    for topic in topics:
        answered = [r for r in rules if r["steps"][0] == {"intent": topic} and r["steps"][1] == {"action": "action_answer_topic"}]
        assert len(answered) == 1 + len(forms()), topic


def test_a_crisis_during_a_form_ends_it_and_overdose_asks_about_breathing():
    rules = build(["ask_methadone"], ["loved_one_form"])
    [rule] = [r for r in rules if r.get("condition") and r["steps"][0] == {"intent": "crisis_overdose"}]
    actions = [s.get("action") for s in rule["steps"] if "action" in s]
    assert actions == ["utter_crisis_overdose", "action_deactivate_loop", "action_crisis_resources", "utter_ask_breathing"]


def test_free_text_form_slots_never_swallow_a_crisis_or_the_safety_check():
    domain = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    must_skip = {"crisis_overdose", "crisis_suicide", "crisis_medical", "check_danger"}
    for name, slot in domain["slots"].items():
        for mapping in slot.get("mappings", []):
            if mapping.get("type") == "from_text":
                missing = must_skip - set(mapping.get("not_intent", []))
                assert not missing, f"slot {name} would take these intents as its answer: {sorted(missing)}"
