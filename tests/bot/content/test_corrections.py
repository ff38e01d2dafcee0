"""Safety corrections from the clinical review (issue 12): each corrected fact is in what people are shown."""

from __future__ import annotations

import re

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


def test_every_static_reply_and_form_question_has_a_spanish_variant_with_a_human_line():
    domain = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        spanish = [v for v in variants if {"type": "slot", "name": "language", "value": "es"} in (v.get("condition") or [])]
        assert len(spanish) == 1, name
        english = [v for v in variants if not v.get("condition")]
        for phone in ("911", "988", "1-800-662-4357"):  # the Spanish may add a line (988 in Spanish), never drop one
            assert phone not in english[0]["text"] or phone in spanish[0]["text"], (name, phone)
        assert [b["payload"] for b in spanish[0].get("buttons", [])] == [b["payload"] for b in english[0].get("buttons", [])], name


# --- Remaining corrections of issue 12, section 1 ---------------------------------------------------------------


def _answer_text(name: str, audience: str = "self") -> str:
    answer = _topic(name)["answers"][audience]
    return answer["short"] + "\n" + answer["more"]


def _sources() -> dict:
    doc = yaml.safe_load((settings.CONTENT_DIR / "sources.yml").read_text(encoding="utf-8"))
    return {s["key"]: s for s in doc["sources"]}


def test_detox_and_level_of_care_answers_do_not_send_a_pregnant_person_to_detox_first():
    for name, audience in [("ask_detox", "self"), ("ask_detox", "family"), ("ask_inpatient", "self"),
                           ("ask_treatment_options", "self"), ("ask_treatment_options", "family")]:
        text = _answer_text(name, audience)
        assert "pregnant" in text and "methadone" in text and "buprenorphine" in text, (name, audience)
        assert "priority admission to opioid treatment programs" in text, (name, audience)
        assert "acog-oud-pregnancy" in _topic(name)["sources"], name
    # The caveat is in the short answer people see first, not only behind "tell me more".
    assert "If you are pregnant, detox is not the recommended first step: starting methadone or buprenorphine is." in (
        _topic("ask_detox")["answers"]["self"]["short"])
    assert "If your loved one is pregnant, detox is not the recommended start: methadone or buprenorphine is." in (
        _topic("ask_detox")["answers"]["family"]["short"])
    assert "If you are pregnant, the recommended start is methadone or buprenorphine, not detox." in (
        _topic("ask_treatment_options")["answers"]["self"]["short"])
    # Newborn withdrawal is expected and treatable.
    more = _topic("ask_detox")["answers"]["self"]["more"]
    assert "(NOWS or NAS); this is expected, and hospital teams know how to treat it" in more
    assert {"medlineplus-nas", "samhsa-otp-rule"} <= set(_topic("ask_detox")["sources"])


def test_no_answer_lists_detox_as_the_first_and_most_intensive_level_of_care():
    short = _topic("ask_treatment_options")["answers"]["self"]["short"]
    assert "from most to least intensive: medically managed withdrawal (detox)" not in short


def test_cost_answer_says_medicaid_covers_all_three_medications_and_medicare_covers_otps():
    topic = _topic("ask_cost")
    short = topic["answers"]["self"]["short"]
    assert ("Every state Medicaid program must cover all three medications for opioid use disorder "
            "(methadone, buprenorphine and naltrexone)") in short
    assert "Medicare Part B covers care at opioid treatment programs, including methadone" in short
    assert {"cms-medicaid-moud", "medicare-oud"} <= set(topic["sources"])
    assert "no copayment for care at an opioid treatment program enrolled in Medicare" in topic["answers"]["self"]["more"]


def test_methadone_take_homes_follow_the_2024_rule_without_numbers_of_doses():
    topic = _topic("ask_methadone")
    short = topic["answers"]["self"]["short"]
    assert "Under federal rules revised in 2024" in short
    assert "take-home doses from the first weeks of treatment" in short
    assert "counseling is offered but is no longer a condition for getting the medication" in short
    text = short + topic["answers"]["self"]["more"]
    assert not re.search(r"\d+\s*(-\s*\d+\s*)?(take-home|doses?|days?)\b", text), "no numbers of doses or days"
    assert {"samhsa-otp-rule", "fr-otp-rule-2024"} <= set(topic["sources"])
    assert "Medicaid must cover methadone treatment" in topic["answers"]["self"]["more"]


def test_claims_without_a_supporting_source_are_gone():
    stages = _answer_text("ask_recovery_stages")
    assert not re.search(r"\b\d+\s*(to|-)\s*\d+\s*months\b|first year|weeks to months", stages)
    outpatient = _topic("ask_outpatient")
    short = outpatient["answers"]["self"]["short"]
    assert "partial hospitalization (PHP, or day treatment) means 20 or more hours of treatment a week" in short
    assert "intensive outpatient (IOP) means 9 or more hours a week for adults" in short
    assert not re.search(r"\d+-\d+ hours a day", short)
    assert "samhsa-tip47" in outpatient["sources"]
    assert "a year or more" not in _answer_text("ask_aftercare")
    craving = _answer_text("report_craving")
    assert "minutes" not in craving and "20-30" not in craving
    # NIDA's Principles say nothing about enabling: that answer now cites the VA's family-training course.
    enabling = _topic("ask_enabling")
    assert "nida-principles" not in enabling["sources"] and "va-craft-enabling" in enabling["sources"]
    intervention = _topic("ask_intervention")
    assert "pmc-craft-group" in intervention["sources"]
    assert "Surprise confrontations can backfire" not in _answer_text("ask_intervention", "family")


def test_moved_sources_point_at_the_current_official_pages():
    sources = _sources()
    assert sources["samhsa-moud"]["url"] == "https://www.samhsa.gov/substance-use/treatment/options"
    assert sources["samhsa-recovery"]["url"] == "https://www.samhsa.gov/substance-use/recovery"
    assert sources["medlineplus-nas"]["url"] == "https://medlineplus.gov/ency/article/007313.htm"
    for key in ("samhsa-moud", "samhsa-recovery", "fda-mat"):
        assert "store.samhsa.gov" not in sources[key]["url"]


# Wording meant for the person who uses: a parent asking about it must never be told to do these things.
PATIENT_ONLY = re.compile(
    r"you must be off|be off all opioids|your prescriber|your clinic|your dose|don't change it yourself"
    r"|medication if you use it|prescribes your medication|you fill it",
    re.IGNORECASE,
)


def test_family_members_are_never_given_instructions_meant_for_the_person_who_uses(store):
    for key in sorted(p.stem for p in (settings.CONTENT_DIR / "topics").glob("ask_*.yml")):
        # report_* topics are first-person reports, not questions a family asks about a topic
        answer = store.answer(key, "family")
        for part in (answer.short, answer.more):
            assert not PATIENT_ONLY.search(part), (key, answer.audience, PATIENT_ONLY.search(part).group(0))
    naltrexone = store.answer("ask_naltrexone", "family")
    assert naltrexone.audience == "family"
    assert "your loved one needs to have stopped all opioids for about 7-10 days" in naltrexone.short
