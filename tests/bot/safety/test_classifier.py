"""The crisis classifier: trained on crisis examples against everything else; a crisis in any clause counts."""

from __future__ import annotations

import pytest

from bot.safety.classifier import CrisisClassifier, CrisisScore

TRAIN = [
    ("i want to die", "crisis_suicide"),
    ("i am going to kill myself tonight", "crisis_suicide"),
    ("i swallowed all my pills", "crisis_suicide"),
    ("nobody would miss me if i was gone", "crisis_suicide"),
    ("he is not breathing", "crisis_overdose"),
    ("she wont wake up and her lips are blue", "crisis_overdose"),
    ("my friend is turning blue after using", "crisis_overdose"),
    ("he is having a seizure", "crisis_medical"),
    ("crushing chest pain and sweating", "crisis_medical"),
    ("what is methadone", "ask_methadone"),
    ("how long does withdrawal last", "ask_withdrawal_symptoms"),
    ("where can i find a meeting", "ask_support_groups"),
    ("how much does rehab cost", "ask_cost"),
    ("my son uses heroin how do i help him", "ask_help_loved_one"),
    ("what does suboxone do", "ask_buprenorphine"),
    ("hello", "greet"),
    ("thanks", "thank"),
]


@pytest.fixture(scope="module")
def clf():
    return CrisisClassifier().fit(TRAIN)


def test_crisis_messages_score_higher_than_calm_ones(clf):
    assert clf.score("i want to die tonight").probability > clf.score("what is methadone exactly").probability


def test_the_kind_follows_the_words(clf):
    assert clf.score("he is not breathing at all").kind == "overdose"
    assert clf.score("i want to kill myself").kind == "suicide"


def test_a_crisis_clause_inside_a_long_calm_message_keeps_its_score(clf):
    alone = clf.score("i want to die").probability
    long = "withdrawal has been rough this week and rehab costs a lot. i want to die. what is methadone"
    assert clf.score(long).probability >= alone - 0.05
    assert clf.score(long).probability > clf.score("withdrawal has been rough this week and rehab costs a lot. what is methadone").probability


def test_untrained_or_empty_input_scores_zero():
    assert CrisisClassifier().score("i want to die") == CrisisScore(0.0, None)
    assert CrisisClassifier().fit(TRAIN).score("   ") == CrisisScore(0.0, None)


def test_one_and_two_word_messages_are_left_to_the_lexicon_and_the_model(clf):
    assert clf.score("no") == CrisisScore(0.0, None)
    assert clf.score("not breathing") == CrisisScore(0.0, None)


def test_training_needs_both_crisis_and_other_examples():
    with pytest.raises(ValueError):
        CrisisClassifier().fit([("what is methadone", "ask_methadone")])



def test_the_calm_clauses_of_a_calm_message_are_learnt_as_calm():
    # A clause is scored on its own, so a calm message's clauses are trained as calm: "how many should i keep
    # at home" must not inherit the score of "how many would it take" (0.31 here when only whole messages were
    # trained, 0.13 with their clauses).
    train = TRAIN + [
        ("how many would it take to never wake up", "crisis_suicide"),
        ("how many pills would it take to end it", "crisis_suicide"),
        ("i want to take all of them and never wake up", "crisis_suicide"),
        ("getting narcan for the house, nothing happened. how many should i keep at home", "ask_naloxone"),
    ]
    clf = CrisisClassifier().fit(train)
    assert clf.score("we bought narcan. how many should i keep at home").probability < 0.2
