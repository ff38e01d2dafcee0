"""Safety corrections from the clinical review (issue 12): each corrected fact is in what people are shown."""

from __future__ import annotations

import yaml

from bot import settings

DOMAIN = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def _reply(name: str, lang: str = "en") -> str:
    for variant in DOMAIN["responses"][name]:
        conditions = {c["name"]: c["value"] for c in variant.get("condition", [])}
        if conditions.get("language", "en") == lang:
            return variant["text"]
    raise AssertionError(f"{name} has no {lang} variant")


def _topic(name: str) -> dict:
    return yaml.safe_load((settings.CONTENT_DIR / "topics" / f"{name}.yml").read_text(encoding="utf-8"))


def test_overdose_reply_says_cpr_and_that_good_samaritan_laws_may_protect():
    text = _reply("utter_crisis_overdose")
    assert "start CPR if they have no pulse, as the 911 dispatcher directs" in text
    assert "may protect" in text and "vary by state" in text


def test_suicide_reply_puts_911_first_for_someone_who_already_took_pills_and_asks_to_lock_up_medications():
    lines = _reply("utter_crisis_suicide").splitlines()
    assert "already taken pills" in lines[1] and "call 911 now" in lines[1] and "1-800-222-1222" in lines[1]
    assert "lock up medications, including opioids" in lines[-1]


def test_withdrawal_answer_says_when_withdrawal_is_dangerous():
    more = _topic("ask_withdrawal_symptoms")["answers"]["self"]["more"]
    for fact in ("alcohol or benzodiazepines", "seizures", "medetomidine", "dehydration", "Call 911"):
        assert fact in more


def test_only_methadone_and_buprenorphine_are_said_to_cut_overdose_deaths():
    short = _topic("ask_medications_overview")["answers"]["self"]["short"]
    assert "Methadone and buprenorphine cut the risk of overdose death" in short
    assert "naltrexone has not been shown to lower overdose deaths" in short


def test_spanish_crisis_replies_give_988_in_spanish_and_the_samhsa_helpline():
    for name in ("utter_crisis_overdose", "utter_crisis_suicide", "utter_crisis_medical"):
        text = _reply(name, "es")
        assert "911" in text and "oprima 2" in text and "1-800-662-4357" in text
    assert "AYUDA" in _reply("utter_crisis_suicide", "es") and "naloxona (Narcan)" in _reply("utter_crisis_overdose", "es")
