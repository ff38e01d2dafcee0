"""Level-of-care suggestions: the right levels, with reasons, never a diagnosis."""

from __future__ import annotations

import itertools

from bot.flows.level_of_care import QUESTIONS, plan_buttons, plan_text, suggest
from bot.flows.phrases import phrases

EN = phrases("en")


def _answers(**yes):
    base = {q: False for q in QUESTIONS}
    base["loc_home"] = True
    base.update(yes)
    return base


def _levels(answers):
    return [_level(s) for s in suggest(answers)]


def _level(s):
    return EN["loc_levels"][s.level]


def _reasons(s):
    return [EN["loc_reasons"][r] for r in s.reasons]


def test_stable_home_and_duties_point_to_outpatient_with_medication():
    levels = _levels(_answers(loc_duties=True))
    assert levels[0].startswith("Intensive outpatient")
    assert levels[-1].startswith("Medication for opioid use disorder")
    assert not any("Residential" in l or "detox" in l for l in levels)


def test_hard_withdrawal_puts_detox_first():
    assert "detox" in _levels(_answers(loc_withdrawal=True))[0]


def test_unsafe_home_and_medical_problems_point_to_residential_with_both_reasons():
    [residential] = [s for s in suggest(_answers(loc_home=False, loc_medical=True)) if s.topic == "ask_inpatient"]
    assert len(residential.reasons) == 2
    assert not any(l.startswith("Intensive outpatient") for l in _levels(_answers(loc_home=False)))


def test_mental_health_points_to_a_program_that_treats_both():
    [php] = [s for s in suggest(_answers(loc_mental=True)) if _level(s).startswith("Partial")]
    assert "treats both" in _reasons(php)[0]


def test_text_says_it_is_not_a_diagnosis_and_where_to_get_an_assessment():
    text = plan_text(_answers(loc_withdrawal=True))
    assert text.startswith("This is not a diagnosis")
    assert "FindTreatment.gov" in text and "1-800-662-4357" in text
    assert "1. Medically managed withdrawal" in text


def _all_answers():
    for bits in itertools.product([True, False], repeat=len(QUESTIONS)):
        yield dict(zip(QUESTIONS, bits))


def test_the_health_question_includes_pregnancy_so_a_yes_puts_pregnancy_advice_first_and_never_detox():
    for answers in _all_answers():
        if not answers["loc_medical"]:
            continue
        suggestions = suggest(answers)
        assert suggestions[0].topic == "ask_pregnancy", answers
        assert not any(_level(s).startswith("Medically managed withdrawal") for s in suggestions), answers
        for s in suggestions:
            assert "detox" not in _level(s) or "rather than detox" in _level(s), (answers, s.level)


def test_pregnancy_advice_names_both_medicines_newborn_withdrawal_and_priority_admission():
    text = plan_text(_answers(loc_withdrawal=True, loc_medical=True))
    first = text.splitlines()[1]
    assert first.startswith("1. With a pregnancy, methadone or buprenorphine together with prenatal care, rather than "
                            "detox first")
    assert "both medicines are recommended in pregnancy" in first
    assert "(NOWS or NAS), which is expected, and hospitals know how to treat it" in first
    assert "pregnant patients get priority admission to opioid treatment programs" in first
    assert "2. Starting buprenorphine or methadone right away, with medical care for withdrawal" in text
    assert "in pregnancy, starting one of these medicines is recommended over detox" in text


def test_every_suggestion_that_offers_detox_says_medication_comes_first_in_pregnancy():
    for answers in _all_answers():
        for s in suggest(answers):
            if "detox" in _level(s) and "rather than detox" not in _level(s):
                assert "if pregnant, ask for methadone or buprenorphine rather than detox" in _reasons(s), answers


def test_in_spanish_every_combination_is_told_in_spanish_with_the_same_advice():
    english_words = ("Based on your answers", "worth asking about", "With a pregnancy", "treatment", "withdrawal")
    for answers in _all_answers():
        text = plan_text(answers, "es")
        assert text.startswith("Esto no es un diagnóstico"), answers
        assert not any(w in text for w in english_words), (answers, text)
        assert "FindTreatment.gov" in text and "1-800-662-4357" in text
        assert len(text.splitlines()) == len(plan_text(answers).splitlines())
        if answers["loc_medical"]:
            assert text.splitlines()[1].startswith("1. Durante el embarazo, metadona o buprenorfina"), answers
    assert [b["payload"] for b in plan_buttons(_answers(loc_medical=True), "es")] == [
        b["payload"] for b in plan_buttons(_answers(loc_medical=True))]
    assert plan_buttons(_answers(loc_medical=True), "es")[0]["title"] == "Sobre el embarazo"
