"""How the three crisis detectors are combined (bot/safety/decision.py): any one is enough; the net may veto; unsure -> ask."""

from __future__ import annotations

import pytest

from bot.safety.net import get_safety_net
from bot.safety.classifier import CrisisScore
from bot.safety.decision import Thresholds, decide

T = Thresholds(crisis=0.6, ask=0.3, veto_ceiling=0.9, model=0.5, agree=0.3)
NONE = CrisisScore(0.0, None)


@pytest.fixture(scope="module")
def net():
    return get_safety_net()


def test_the_lexicon_alone_is_enough(net):
    d = decide(net.analyse("he is not breathing"), "ask_naloxone", NONE, False, T)
    assert (d.action, d.kind, d.source) == ("crisis", "overdose", "lexicon")


def test_the_model_is_enough_when_the_classifier_does_not_disagree(net):
    d = decide(net.analyse("life is pointless and i want out"), "crisis_suicide", CrisisScore(0.35, "suicide"), False, T, 0.8)
    assert (d.action, d.kind, d.source) == ("crisis", "suicide", "model")


def test_a_model_crisis_the_classifier_doubts_or_the_model_is_unsure_of_gets_the_check(net):
    text = "ok going to bed now, feeling calmer"
    assert decide(net.analyse(text), "crisis_suicide", CrisisScore(0.1, "suicide"), False, T, 0.9).action == "check"
    assert decide(net.analyse(text), "crisis_suicide", CrisisScore(0.5, "suicide"), False, T, 0.3).action == "check"


def test_the_classifier_alone_is_enough(net):
    d = decide(net.analyse("everything feels far away and the bottle is empty"), "report_relapse", CrisisScore(0.8, "suicide"), False, T)
    assert (d.action, d.kind, d.source) == ("crisis", "suicide", "classifier")


def test_a_middling_classifier_score_asks_instead(net):
    d = decide(net.analyse("things are bad tonight"), "report_craving", CrisisScore(0.4, "suicide"), False, T)
    assert d.action == "check"


def test_a_risk_word_in_a_message_the_model_did_not_understand_asks(net):
    text = "took all of them"
    d = decide(net.analyse(text), "out_of_scope", NONE, net.has_risk_word(text), T)
    assert d.action == "check"


def test_an_understood_calm_question_is_left_alone_even_with_a_risk_word(net):
    text = "can i take my pills with methadone"
    assert decide(net.analyse(text), "ask_methadone", CrisisScore(0.1, "overdose"), net.has_risk_word(text), T).action == "none"


def test_the_net_vetoes_an_idiom_over_the_model_and_a_middling_classifier(net):
    analysis = net.analyse("im not suicidal just tired of withdrawal")
    assert analysis.ruled_out()
    assert decide(analysis, "crisis_suicide", CrisisScore(0.7, "suicide"), True, T).action == "overrule"


def test_a_very_sure_classifier_beats_the_veto(net):
    analysis = net.analyse("my brother overdosed last year and i cant stop thinking about joining him")
    if not analysis.matches:
        assert decide(analysis, "report_grief", CrisisScore(0.95, "suicide"), True, T).action == "crisis"


def test_nobody_is_hurt_is_final_even_against_a_sure_classifier(net):
    analysis = net.analyse("blue lips and not breathing, those are the signs right? nobody is hurt, im teaching a class")
    assert decide(analysis, "ask_naloxone", CrisisScore(0.999, "overdose"), True, T).action == "none"


def test_saying_nobody_is_in_danger_turns_a_model_only_crisis_into_the_check(net):
    analysis = net.analyse("no hes breathing normal now, i was just asking in general")
    assert not analysis.matches and analysis.all_clear
    assert decide(analysis, "crisis_overdose", CrisisScore(0.95, "overdose"), True, T, 0.9).action == "check"


def test_an_all_clear_does_not_soften_a_crisis_the_net_found(net):
    analysis = net.analyse("hes fine now, but i took all my pills an hour ago")
    assert decide(analysis, "crisis_suicide", CrisisScore(0.95, "suicide"), True, T, 0.9).action == "crisis"
