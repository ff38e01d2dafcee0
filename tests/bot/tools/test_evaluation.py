"""The evaluation keeps English and Spanish apart: Spanish batches in tests/blind/es/, scored on Spanish messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.tools.evaluation import Example, all_blind_batches, measure, spanish_sets


def _batch(path: Path, messages, folded=False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"writer": "test", "messages": messages}
    if folded:
        doc = {"folded_into_dev": "2026-12-01", **doc}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))


def test_folded_spanish_batches_are_the_spanish_dev_set_and_the_newest_unfolded_one_is_blind(tmp_path):
    _batch(tmp_path / "batch-01.yml", [{"text": "what is methadone", "intent": "ask_methadone"}])
    _batch(tmp_path / "es" / "batch-01.yml", [{"text": "que es la metadona", "intent": "ask_methadone", "lang": "es"}], folded=True)
    _batch(tmp_path / "es" / "batch-02.yml", [{"text": "mi hijo no respira", "intent": "crisis_overdose", "lang": "es"}])
    dev, blind = spanish_sets(tmp_path)
    assert [e.text for e in dev.examples] == ["que es la metadona"]
    assert blind.name == "blind es batch-02" and blind.examples[0].crisis == "overdose"
    assert [p.name for p in all_blind_batches(tmp_path)] == ["batch-01.yml", "batch-01.yml", "batch-02.yml"]


def test_no_spanish_batches_means_no_spanish_sets(tmp_path):
    assert spanish_sets(tmp_path) == (None, None)


def test_intent_accuracy_counts_the_language_asked_for_and_crisis_figures_count_every_message():
    examples = [Example("que es la metadona", "ask_methadone", None, lang="es"),
                Example("what is methadone", "ask_methadone", None),
                Example("mi hijo no respira", "crisis_overdose", "overdose", lang="es")]
    answers = {"que es la metadona": "ask_methadone", "what is methadone": "ask_cost", "mi hijo no respira": "crisis_overdose"}
    spanish = measure(examples, answers.get, lang="es")
    english = measure(examples, answers.get)
    assert (spanish.n_intent, spanish.accuracy) == (2, 1.0)
    assert (english.n_intent, english.accuracy) == (1, 0.0)
    assert spanish.recall_kind["overdose"] == english.recall_kind["overdose"] == 1.0
