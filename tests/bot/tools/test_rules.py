"""Rules that follow from data are generated (bot/tools/rules.py), and the committed file matches the data."""

from __future__ import annotations

import yaml

from bot import settings
from bot.tools.rules import OUTPUT, build, expected_domain, expected_text, forms, out_of_date, topic_intents


def test_the_committed_rules_are_up_to_date():
    assert OUTPUT.read_text(encoding="utf-8") == expected_text(), "run `python -m bot rules` and commit the result"
    assert out_of_date() == [], "run `python -m bot rules` and commit the result"


def _guards(domain_text):
    domain = yaml.safe_load(domain_text)
    return {name: set(m.get("not_intent", [])) for name, slot in domain["slots"].items()
            for m in slot.get("mappings", []) if m.get("type") == "from_text"}


def test_a_new_topic_is_skipped_by_every_free_text_slot_once_the_rules_are_regenerated():
    text = (settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8")
    with_topic = text.replace("\nintents:\n", "\nintents:\n  - ask_new_topic\n", 1)
    assert all("ask_new_topic" not in skips for skips in _guards(with_topic).values())
    regenerated = _guards(expected_domain(with_topic))
    assert set(regenerated) == {"lo_person", "lo_noticed", "ft_state"}
    assert all("ask_new_topic" in skips for skips in regenerated.values())
    # nothing else in the domain changes
    assert [l for l in expected_domain(with_topic).splitlines() if "not_intent" not in l] == \
        [l for l in with_topic.splitlines() if "not_intent" not in l]


def test_a_state_answer_skips_every_topic_but_what_have_you_noticed_accepts_a_description():
    guards = _guards((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(topic_intents()) <= guards["ft_state"]
    assert "ask_signs_of_use" not in guards["lo_noticed"] and "ask_methadone" in guards["lo_noticed"]
    assert not {"affirm", "deny"} & guards["lo_person"]


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
