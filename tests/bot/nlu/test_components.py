"""The Rasa NLU components on real Message objects."""

from __future__ import annotations

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.classifier import CrisisClassifier
from bot.nlu.crisis_guard import CrisisGuard
from bot.nlu.language import LanguageDetector
from bot.nlu.lexicon_extractor import LexiconEntityExtractor


def _message(text, intent="ask_methadone", confidence=0.8, ranking=None):
    m = Message(data={TEXT: text})
    m.set(INTENT, {"name": intent, "confidence": confidence})
    m.set(INTENT_RANKING_KEY, ranking or [{"name": intent, "confidence": confidence}])
    return m


def test_guard_overrides_a_wrong_model_intent():
    [m] = CrisisGuard().process([_message("my friend isn't breathing", "ask_naloxone", 0.9)])
    assert m.get(INTENT) == {"name": "crisis_overdose", "confidence": 1.0}
    assert m.get(INTENT_RANKING_KEY)[0]["name"] == "crisis_overdose"
    assert m.get("crisis_guard")["kind"] == "overdose"


def test_guard_overrides_a_fallback():
    [m] = CrisisGuard().process([_message("i wanna end it all", "nlu_fallback", 1.0)])
    assert m.get(INTENT)["name"] == "crisis_suicide"


def test_guard_leaves_ordinary_messages_alone():
    [m] = CrisisGuard().process([_message("what is methadone")])
    assert m.get(INTENT)["name"] == "ask_methadone"


def test_guard_keeps_a_crisis_the_model_found_when_nothing_rules_it_out():
    [m] = CrisisGuard().process([_message("life is pointless and i want out", "crisis_suicide", 0.7)])
    assert m.get(INTENT)["name"] == "crisis_suicide"


def test_guard_overrules_a_model_crisis_the_lexicon_ruled_out():
    ranking = [{"name": "crisis_overdose", "confidence": 0.6}, {"name": "ask_family_support", "confidence": 0.3}]
    [m] = CrisisGuard().process([_message("my brother overdosed last year", "crisis_overdose", 0.6, ranking)])
    assert m.get(INTENT)["name"] == "ask_family_support"


def test_guard_ignores_messages_without_text():
    m = Message(data={})
    assert CrisisGuard().process([m]) == [m]


def test_extractor_adds_canonical_entities_with_offsets():
    m = Message(data={TEXT: "can my son get on subs"})
    [m] = LexiconEntityExtractor().process([m])
    ents = {(e["entity"], e["value"], e["start"], e["end"]) for e in m.get(ENTITIES)}
    assert ents == {("relation", "child", 7, 10), ("medication", "buprenorphine", 18, 22)}


def test_pii_masker_masks_before_understanding():
    from bot.nlu.pii_masker import PIIMasker

    [m] = PIIMasker().process([Message(data={TEXT: "what is suboxone? my cell is 555-123-4567"})])
    assert m.get(TEXT) == "what is suboxone? my cell is [phone]"


def _trained_guard():
    classifier = CrisisClassifier().fit(
        [
            ("i want to die", "crisis_suicide"),
            ("the bottle is empty and im so tired", "crisis_suicide"),
            ("the whole bottle is empty now", "crisis_suicide"),
            ("i swallowed every pill i had", "crisis_suicide"),
            ("nobody would miss me", "crisis_suicide"),
            ("he is not breathing", "crisis_overdose"),
            ("she is having a seizure", "crisis_medical"),
            ("what is methadone", "ask_methadone"),
            ("how long does withdrawal last", "ask_withdrawal_symptoms"),
            ("where are meetings", "ask_support_groups"),
            ("hello there", "greet"),
        ]
    )
    return CrisisGuard({"crisis_threshold": 0.5, "ask_threshold": 0.3}, classifier=classifier)


def test_guard_uses_the_classifier_when_lexicon_and_model_miss():
    [m] = _trained_guard().process([_message("the bottle is empty and im so tired of everything", "ask_methadone", 0.3)])
    assert m.get(INTENT)["name"] == "crisis_suicide"
    assert m.get("crisis_guard")["source"] == "classifier"
    assert m.get("crisis_guard")["held_intent"] == "ask_methadone"


def test_guard_asks_when_the_model_does_not_understand_a_message_with_a_risk_word():
    [m] = CrisisGuard().process([_message("took all of them", "out_of_scope", 0.6)])
    assert m.get(INTENT)["name"] == "check_danger"


def test_guard_marks_a_spanish_crisis_for_a_spanish_reply():
    [m] = CrisisGuard().process([_message("mi hermano no respira", "deny", 0.4)])
    assert m.get(INTENT)["name"] == "crisis_overdose"
    assert {"entity": "language", "value": "es"}.items() <= m.get(ENTITIES)[-1].items()


def test_language_detector_adds_the_language_entity_only_when_clear():
    [es] = LanguageDetector().process([Message(data={TEXT: "necesito ayuda con la abstinencia"})])
    assert es.get(ENTITIES)[0]["value"] == "es"
    [asked] = LanguageDetector().process([Message(data={TEXT: "español"})])
    assert [e["value"] for e in asked.get(ENTITIES) if e["entity"] == "language"] == ["es"]
    [short] = LanguageDetector().process([Message(data={TEXT: "ok"})])
    assert not short.get(ENTITIES)


def _languages(text, metadata=None):
    """The language entities LanguageDetector adds to a message carrying the channel's ``metadata``."""
    [m] = LanguageDetector().process([Message(data={TEXT: text, "metadata": metadata})])
    return [e["value"] for e in m.get(ENTITIES) or [] if e["entity"] == "language"]


def test_the_widgets_language_is_used_when_the_text_does_not_say():
    assert _languages("ok", {"language": "es"}) == ["es"]  # a short reply in the Spanish widget: Spanish
    assert _languages("sí", {"language": "en"}) == ["en"]  # and in the English widget: English
    assert _languages("ok") == [] and _languages("ok", None) == []  # other channels: the conversation keeps its language


def test_the_persons_own_words_win_over_the_widgets_language():
    assert _languages("necesito ayuda con la abstinencia", {"language": "en"}) == ["es"]
    assert _languages("how long does withdrawal last", {"language": "es"}) == ["en"]
    assert _languages("english please", {"language": "es"}) == ["en"]


def test_metadata_from_the_browser_is_checked():
    for metadata in ({"language": "fr"}, {"language": ["es"]}, {"lang": "es"}, "es", ["es"], {"language": "ES"}):
        assert _languages("ok", metadata) == [], metadata


def test_rasa_hands_the_channels_metadata_to_the_nlu_components():
    """The decision rests on this: Rasa 3.6 puts UserMessage.metadata on the NLU Message as "metadata"."""
    from rasa.core.channels.channel import UserMessage
    from rasa.graph_components.converters.nlu_message_converter import NLUMessageConverter

    [m] = NLUMessageConverter().convert_user_message([UserMessage("ok", metadata={"language": "es"})])
    assert m.get("metadata") == {"language": "es"}
    assert _languages(m.get(TEXT), m.get("metadata")) == ["es"]


def test_the_widgets_switch_payload_sets_the_language_from_the_payload_alone():
    """``/switch_language{"language": "es"}`` from the English widget: the payload's entity is the one kept."""
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.core.domain import Domain

    from bot.settings import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    message = Message(data={TEXT: '/switch_language{"language": "es"}', "metadata": {"language": "en"}})
    [m] = RegexMessageHandler().process(LanguageDetector().process([message]), domain)
    assert m.get(INTENT)["name"] == "switch_language"
    assert [(e["entity"], e["value"]) for e in m.get(ENTITIES)] == [("language", "es")]
