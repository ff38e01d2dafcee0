"""The content validator names the file and field of every problem, and accepts the real content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content.schema import ContentError, parse_content

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of data/content/."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", dest)
    return dest


def _edit(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def _errors(content_dir: Path, required=()) -> list:
    with pytest.raises(ContentError) as exc:
        parse_content(content_dir, required)
    return exc.value.errors


def test_real_content_is_valid_and_every_topic_cites_a_source(content_bundle):
    assert len(content_bundle.topics) >= 34
    for topic in content_bundle.topics:
        assert topic.sources, topic.key


def test_missing_topic_is_named(content_copy: Path):
    (content_copy / "topics" / "ask_methadone.yml").unlink()
    errors = _errors(content_copy, required=["ask_methadone"])
    assert any("ask_methadone.yml: topic: missing topic 'ask_methadone'" in e for e in errors)
    # Other topics pointed at it as related: that is named too.
    assert any("related: unknown topic 'ask_methadone'" in e for e in errors)


def test_unknown_source_is_named_with_file_and_field(content_copy: Path):
    path = content_copy / "topics" / "ask_detox.yml"
    _edit(path, lambda d: d.update(sources=["no-such-source"]))
    errors = _errors(content_copy)
    assert errors == [f"{path}: sources: unknown source 'no-such-source' (add it to sources.yml)"]


def test_topic_without_sources_is_rejected(content_copy: Path):
    path = content_copy / "topics" / "ask_detox.yml"
    _edit(path, lambda d: d.pop("sources"))
    assert any(e.startswith(f"{path}: sources: missing") for e in _errors(content_copy))


def test_malformed_phone_number_is_named(content_copy: Path):
    path = content_copy / "resources.yml"
    _edit(path, lambda d: d["resources"][0].update(phone="91-1"))
    errors = _errors(content_copy)
    assert any(e.startswith(f"{path}: resources[0].phone: malformed phone number '91-1'") for e in errors)


def test_unknown_audience_is_named(content_copy: Path):
    path = content_copy / "topics" / "ask_cost.yml"
    _edit(path, lambda d: d["answers"].update(teachers={"short": "x", "more": "y"}))
    errors = _errors(content_copy)
    assert any(e.startswith(f"{path}: answers.teachers: unknown audience 'teachers'") for e in errors)


def test_missing_short_text_is_named(content_copy: Path):
    path = content_copy / "topics" / "ask_cost.yml"
    _edit(path, lambda d: d["answers"]["self"].pop("short"))
    assert any(e.startswith(f"{path}: answers.self.short: missing") for e in _errors(content_copy))


def test_broken_yaml_is_reported_not_raised(content_copy: Path):
    path = content_copy / "topics" / "ask_cost.yml"
    path.write_text("topic: [unclosed\n")
    assert any(e.startswith(f"{path}: file: not valid YAML") for e in _errors(content_copy))


def test_future_review_date_is_rejected(content_copy: Path):
    import datetime as dt

    path = content_copy / "topics" / "ask_cost.yml"
    _edit(path, lambda d: d.update(last_reviewed=dt.date(2999, 1, 1)))
    assert any("last_reviewed: 2999-01-01 is in the future" in e for e in _errors(content_copy))


def test_state_table_errors_name_the_file_and_field(tmp_path):
    import shutil

    from bot.content.schema import ContentError, parse_content
    from tests.conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", content)
    (content / "states.yml").write_text(
        "source: census-state-codes\nstates:\n"
        "  - {code: oh, name: Ohio, kind: state}\n"
        "  - {code: OH, name: Ohio, kind: province}\n"
        "  - {code: TX, name: Texas, kind: state, resource: {name: X, url: http://x.example, source: nope}}\n"
    )
    with pytest.raises(ContentError) as exc:
        parse_content(content)
    text = "\n".join(exc.value.errors)
    assert "states[0].code: must be two capital letters" in text
    assert "states[1].kind: must be one of" in text
    assert "states[2].resource.url: not an https URL" in text
    assert "unknown source 'nope'" in text
    assert "'ohio' is used twice" in text


def test_resource_needs_a_last_checked_date(content_copy: Path):
    path = content_copy / "resources.yml"
    _edit(path, lambda d: d["resources"][0].pop("last_checked"))
    assert f"{path}: resources[0].last_checked: missing or not a date (YYYY-MM-DD)" in _errors(content_copy)


def test_state_resource_needs_the_date_of_the_page_it_was_seen_on(content_copy: Path):
    path = content_copy / "states.yml"
    doc = yaml.safe_load(path.read_text())
    i, state = next((i, s) for i, s in enumerate(doc["states"]) if s.get("resource"))
    state["resource"].pop("checked")
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert f"{path}: states[{i}].resource.checked: missing or not a date (YYYY-MM-DD)" in _errors(content_copy)


def test_every_topic_has_a_spanish_version_with_the_same_audiences(content_bundle):
    spanish = {t.key: t for t in content_bundle.translations if t.language == "es"}
    assert set(spanish) == {t.key for t in content_bundle.topics}
    for topic in content_bundle.topics:
        assert {a.audience for a in spanish[topic.key].answers} >= {a.audience for a in topic.answers}, topic.key


def test_a_topic_without_its_spanish_version_is_named(content_copy: Path):
    (content_copy / "topics" / "es" / "ask_kratom.yml").unlink()
    errors = _errors(content_copy)
    assert any("topics/es/ask_kratom.yml: topic: missing the es version of 'ask_kratom'" in e for e in errors)


def test_a_spanish_version_keeps_to_its_own_fields(content_copy: Path):
    path = content_copy / "topics" / "es" / "ask_cost.yml"
    _edit(path, lambda d: d.update(category="learn", language="en"))
    errors = _errors(content_copy)
    assert any("es/ask_cost.yml: category: belongs in the English file only" in e for e in errors)
    assert any("es/ask_cost.yml: language: must be 'es'" in e for e in errors)


def test_a_spanish_version_needs_every_audience_and_an_english_topic(content_copy: Path):
    _edit(content_copy / "topics" / "es" / "ask_detox.yml", lambda d: d["answers"].pop("family"))
    shutil.copy(content_copy / "topics" / "es" / "ask_cost.yml", content_copy / "topics" / "es" / "ask_unknown.yml")
    _edit(content_copy / "topics" / "es" / "ask_unknown.yml", lambda d: d.update(topic="ask_unknown"))
    errors = _errors(content_copy)
    assert any("es/ask_detox.yml: answers: missing the family answer the English file has" in e for e in errors)
    assert any("es/ask_unknown.yml: topic: no English topic 'ask_unknown'" in e for e in errors)


def test_a_plan_step_is_written_in_every_language_or_in_none(content_copy: Path):
    _edit(content_copy / "topics" / "es" / "ask_naloxone.yml", lambda d: d.pop("plan_step"))
    _edit(content_copy / "topics" / "es" / "ask_cost.yml", lambda d: d.update(plan_step="Pagar: pregunte por el seguro."))
    errors = _errors(content_copy)
    assert any("es/ask_naloxone.yml: plan_step: the English file has a plan_step" in e for e in errors)
    assert any("es/ask_cost.yml: plan_step: the English file has no plan_step" in e for e in errors)


def test_every_help_line_has_its_spanish_words(content_copy: Path):
    path = content_copy / "resources.yml"
    _edit(path, lambda d: (d["resources"][0].pop("es"), d["resources"][1]["es"].pop("hours")))
    errors = _errors(content_copy)
    assert f"{path}: resources[0].es: missing: the line's name, description, hours and languages in 'es'" in errors
    assert any(f"{path}: resources[1].es.hours" in e for e in errors)


def test_spanish_readers_see_the_same_line_with_spanish_words(content_bundle):
    lifeline = next(r for r in content_bundle.resources if r.key == "lifeline-988")
    spanish = lifeline.in_language("es")
    assert (spanish.phone, spanish.text_number, spanish.url) == (lifeline.phone, lifeline.text_number, lifeline.url)
    assert spanish.name == "988 Línea de Prevención del Suicidio y Crisis" and "marque 2" in spanish.description
    assert lifeline.in_language("en") is lifeline and lifeline.in_language(None) is lifeline


def _add_source(content_dir: Path, **source) -> None:
    _edit(content_dir / "sources.yml", lambda d: d["sources"].append(source))


# A Spanish version of a page that has none yet in sources.yml.
SPANISH_NIDA = dict(key="nida-test-es", title="El fentanilo", publisher="NIDA", url="https://nida.nih.gov/es/test",
                    language="es", translates="nida-fentanyl")


def test_a_spanish_answer_must_cite_the_spanish_version_of_a_page_where_there_is_one(content_copy: Path):
    _add_source(content_copy, **SPANISH_NIDA)
    path = content_copy / "topics" / "es" / "ask_about_heroin.yml"
    _edit(path, lambda d: d.update(sources=["nida-fentanyl"]))
    errors = _errors(content_copy)
    assert (f"{path}: sources: cite 'nida-test-es', the es version of 'nida-fentanyl': readers get the page "
            "in their language where the agency has one") in errors
    assert all("cite 'nida-test-es'" in e for e in errors)
    for other in (content_copy / "topics" / "es").glob("*.yml"):
        _edit(other, lambda d: d.update(sources=[("nida-test-es" if s == "nida-fentanyl" else s)
                                                 for s in d["sources"]]))
    parse_content(content_copy)  # with the Spanish page cited, the content is valid again


def test_an_english_answer_does_not_cite_a_spanish_page(content_copy: Path):
    _add_source(content_copy, **SPANISH_NIDA)
    path = content_copy / "topics" / "ask_about_heroin.yml"
    _edit(path, lambda d: d.update(sources=["nida-test-es"]))
    assert any(e.startswith(f"{path}: sources: 'nida-test-es' is a es page") for e in _errors(content_copy))


@pytest.mark.parametrize(
    "change,message",
    [
        (dict(translates="no-such-source"), "'no-such-source' is not a en source in this file"),
        (dict(language="fr"), "language: must be one of en, es, not 'fr'"),
        (dict(language="en"), "translates: names the en source this page is another language's version of"),
        (dict(translates="nida-heroin-drugfacts"), "two es versions of 'nida-heroin-drugfacts'"),
    ],
)
def test_a_translated_source_names_its_language_and_a_real_english_page(content_copy: Path, change, message):
    _add_source(content_copy, **{**SPANISH_NIDA, **change})
    assert any(message in e for e in _errors(content_copy)), _errors(content_copy)


def test_a_states_spanish_name_is_text_and_not_another_states_name(content_copy: Path):
    path = content_copy / "states.yml"
    _edit(path, lambda d: d["states"][0].update(es=""))
    assert any("states[0].es: the name in 'es': missing or empty text" in e for e in _errors(content_copy))
    _edit(path, lambda d: d["states"][0].update(es="Texas"))
    assert any("name or alias 'texas' is used twice" in e for e in _errors(content_copy))
