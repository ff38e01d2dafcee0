"""Level-of-care suggestions: the right levels, with reasons, never a diagnosis."""

from __future__ import annotations

from bot.level_of_care import QUESTIONS, plan_text, suggest


def _answers(**yes):
    base = {q: False for q in QUESTIONS}
    base["loc_home"] = True
    base.update(yes)
    return base


def _levels(answers):
    return [s.level for s in suggest(answers)]


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
    [php] = [s for s in suggest(_answers(loc_mental=True)) if s.level.startswith("Partial")]
    assert "treats both" in php.reasons[0]


def test_text_says_it_is_not_a_diagnosis_and_where_to_get_an_assessment():
    text = plan_text(_answers(loc_withdrawal=True))
    assert text.startswith("This is not a diagnosis")
    assert "FindTreatment.gov" in text and "1-800-662-4357" in text
    assert "1. Medically managed withdrawal" in text
