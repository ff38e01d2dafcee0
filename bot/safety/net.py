"""Deterministic crisis detection: spaCy Matcher/PhraseMatcher over the curated lexicons in data/lexicon/.

This is the safety net that does not depend on the trained model: one detector per language
(``crisis.yml`` for English, ``crisis_es.yml`` for Spanish), both run on every message so that Spanglish
is covered, each looking at every clause of a long message. It is pure Python so that it can be used by
the Rasa NLU component, by the channels when the conversation cannot run, by the evaluation and by tests.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot import settings

KINDS: Tuple[str, ...] = ("overdose", "suicide", "medical")
THIRD_PERSON = {"he", "she", "they", "hes", "shes", "theyre", "him", "her", "them", "his", "friend", "someone"}
NEGATIONS = {"not", "never", "no", "dont", "didnt", "wont", "nt", "isnt", "arent", "aint", "nobody", "noone", "nunca"}
# "not ok", "not fine", "no estoy bien": a negation that describes how someone is, not one that denies the trigger
NOT_NEGATING_AFTER = {"ok", "okay", "fine", "good", "alright", "well", "safe", "bien"}
DEFAULT_LEXICON = settings.LEXICON_DIR / "crisis.yml"
LEXICONS = {"en": settings.LEXICON_DIR / "crisis.yml", "es": settings.LEXICON_DIR / "crisis_es.yml"}
# The most words a clause may have to count as the date of the clause before it ("all in the past", "hace dos anos").
MAX_DATING_WORDS = 6
# A long message is looked at clause by clause: a crisis anywhere in it is a crisis, and a question or a
# past event in one clause must not excuse a crisis stated in another ("he od'd last year, but right now
# i took all my pills"). Clauses end at these punctuation marks and before these words.
CLAUSE_PUNCT = [".", "!", "?", ",", ";", ":", "…"]
CLAUSE_WORDS = {"but", "pero", "though", "although", "anyway", "anyways", "aunque"}
# Keep the matcher's input bounded: a crisis is stated early, and huge messages must stay cheap.
MAX_CHARS = 2000

# "my brother overdosed in 2019": a year dates the event as much as "last year" does.
_YEAR = re.compile(r"\b(?:in|since|back in|during|of) (?:19|20)\d\d\b")

_OVERDOSE_SLANG = [
    # "od'd", "od'ed", "oded", "o.d.'d"; not "odd" ("sleeping at odd hours")
    (re.compile(r"\bo\.?d\.?(?:(?:'|’)e?d|ed)\b"), "overdosed"),
    (re.compile(r"\bo\.?d\.?(?:'|’)?ing\b"), "overdosing"),
    (re.compile(r"\bo\.?d\b"), "overdose"),
]


@dataclass(frozen=True)
class CrisisMatch:
    """A crisis the detector found: its kind and the words that triggered it."""

    kind: str
    trigger: str
    lang: str = "en"  # the lexicon that matched: a Spanish match is answered in Spanish

    @property
    def intent(self) -> str:
        """The taxonomy intent this match maps to."""
        return f"crisis_{self.kind}"


def normalize(text: str, keywords: Sequence[str] = ()) -> str:
    """Lowercase and simplify text the way the lexicons are written (see the header of crisis.yml).

    Accents are dropped ("está" -> "esta", "año" -> "ano"): people type Spanish on phones without them, so
    the Spanish lexicon is written without them too. A line break ends a clause like a full stop.
    """
    text = unicodedata.normalize("NFKD", (text or "")[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).replace("\n", " . ")
    text = "".join(ch if ch.isprintable() else " " for ch in text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    for pattern, repl in _OVERDOSE_SLANG:
        text = pattern.sub(repl, text)
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # won't -> wont, he's -> hes
    text = re.sub(r"(.)\1{2,}", r"\1", text)  # helppp -> help
    if keywords:
        text = re.sub(r"[a-z]{5,}", lambda m: _correct(m.group(0), keywords), text)
    return re.sub(r"\s+", " ", text).strip()


def _correct(word: str, keywords: Sequence[str]) -> str:
    if word in keywords:
        return word
    for kw in keywords:
        if abs(len(kw) - len(word)) <= 1 and _within_one_edit(word, kw):
            return kw
    return word


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


@Language.component("clause_breaks")
def clause_breaks(doc: Doc) -> Doc:
    """Start a new clause before "but" / "pero" (the sentencizer before it has split at punctuation)."""
    for token in doc[1:]:
        if token.lower_ in CLAUSE_WORDS:
            token.is_sent_start = True
    return doc


class CrisisDetector:
    """Finds overdose, suicide and medical-emergency language in a message, in one language."""

    def __init__(self, lexicon: Dict, lang: str = "en"):
        self.lang = lang
        self._nlp = spacy.blank(lang)
        # Text is normalised without apostrophes ("cant", "gonna"); keep such words whole so that
        # token patterns can name them, instead of spaCy's split ("ca" + "nt").
        self._nlp.tokenizer.rules = {k: v for k, v in self._nlp.tokenizer.rules.items() if not k.isalpha()}
        self._nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        # Each clause is a "sentence" to spaCy: question and past markers only count in their own clause.
        self._nlp.add_pipe("sentencizer", config={"punct_chars": CLAUSE_PUNCT})
        self._nlp.add_pipe("clause_breaks")
        self._nlp.initialize()
        self._keywords = tuple(lexicon.get("keywords", ()))
        self._conditional = {k for k in KINDS if lexicon.get(k, {}).get("conditional")}
        self._phrases = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        self._patterns = Matcher(self._nlp.vocab)
        self._negatable = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        self._exclusions = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        for kind in KINDS:
            spec = lexicon.get(kind, {})
            self._phrases.add(kind, [self._nlp.make_doc(normalize(p)) for p in spec.get("phrases", [])])
            patterns = spec.get("patterns", [])
            if patterns:
                self._patterns.add(kind, patterns)
            negatable = spec.get("negatable", [])
            if negatable:
                self._negatable.add(kind, [self._nlp.make_doc(normalize(p)) for p in negatable])
        self._exclusion_texts = [normalize(p) for p in lexicon.get("exclusions", [])]
        self._exclusions.add("exclusion", [self._nlp.make_doc(p) for p in self._exclusion_texts])
        self._question_markers = [normalize(m) for m in lexicon.get("question_markers", [])]
        self._past_markers = [normalize(m) for m in lexicon.get("past_markers", [])]
        # Words that look like a past date but say how long something has gone on ("desde hace anos": for years).
        self._ongoing_markers = [normalize(m) for m in lexicon.get("ongoing_markers", [])]
        self._all_clear = [normalize(m) for m in lexicon.get("all_clear", [])]
        self._urgency = [normalize(m) for m in lexicon.get("urgency_words", [])]
        self._intent_markers = [normalize(m) for m in lexicon.get("intent_markers", [])]
        self._weak = {normalize(w) for w in lexicon.get("overdose", {}).get("weak", [])}
        self._risk_words = [normalize(w) for w in lexicon.get("risk_words", [])]
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path = DEFAULT_LEXICON, lang: str = "en") -> "CrisisDetector":
        """Build a detector from a lexicon YAML file."""
        return cls(yaml.safe_load(Path(path).read_text(encoding="utf-8")), lang)

    def detect(self, text: str) -> Optional[CrisisMatch]:
        """Return the most urgent crisis in ``text``, or None."""
        found = self.analyse(text).matches
        return found[0] if found else None

    def has_risk_word(self, text: str) -> bool:
        """True when ``text`` holds a word that can signal danger (pills, took, die, cut...): worth asking about."""
        if not isinstance(text, str) or not text.strip():
            return False
        padded = " " + normalize(text, self._keywords) + " "
        for idiom in self._exclusion_texts:  # "dying for a cigarette" holds "dying" but no risk
            padded = padded.replace(f" {idiom} ", " ")
        return _contains_any(padded, self._risk_words)

    def analyse(self, text: str) -> "CrisisAnalysis":
        """Return the crises found in ``text`` and the crisis words that context ruled out."""
        if not isinstance(text, str) or not text.strip():
            return CrisisAnalysis((), frozenset())
        norm = normalize(text, self._keywords)
        with self._lock:  # spaCy matchers are not documented as thread-safe
            doc = self._nlp(norm)
            spans = [(self._nlp.vocab.strings[m], s, e) for m, s, e in self._phrases(doc)]
            spans += [(self._nlp.vocab.strings[m], s, e) for m, s, e in self._patterns(doc)]
            excluded = [(s, e) for _, s, e in self._exclusions(doc)]
            negatable = {(self._nlp.vocab.strings[m], s, e) for m, s, e in self._negatable(doc)}
        hits: Dict[str, List[str]] = {}
        kept: List[Tuple[str, int, int]] = []
        vetoed: set = set()
        for kind, start, end in sorted(spans, key=lambda x: (KINDS.index(x[0]), x[1])):
            if any(s < end and start < e for s, e in excluded):
                vetoed.add((kind, "exclusion"))
                continue
            if _negated(doc, kind, start, end, negatable):
                vetoed.add((kind, "negation"))
                continue
            if kind in self._conditional and not self._urgent(doc, start):
                reason = self._asked_about(doc, start)
                if reason:
                    vetoed.add((kind, reason))
                    continue
            if kind == "overdose" and self._planned(doc, start):
                # A plan to overdose is suicidal intent, not an overdose in progress.
                kind = "suicide"
            hits.setdefault(kind, []).append(doc[start:end].text)
            kept.append((kind, start, end))
        if "overdose" in hits and "medical" in hits and all(t in self._weak for t in hits["overdose"]):
            del hits["overdose"]
        suicide_spans = [(s, e) for k, s, e in kept if k == "suicide"]
        if "overdose" in hits and suicide_spans and all(
            any(s < e2 and s2 < e for s2, e2 in suicide_spans) for k, s, e in kept if k == "overdose"
        ):
            # "how many would it take to not wake up": the overdose words are part of a suicidal statement.
            del hits["overdose"]
        matches = tuple(CrisisMatch(kind, hits[kind][0], self.lang) for kind in KINDS if kind in hits)
        return CrisisAnalysis(matches, frozenset(vetoed), _contains_any(" " + doc.text + " ", self._all_clear))

    def _urgent(self, doc: Doc, start: int) -> bool:
        """True when an urgency word stands in the trigger's own clause ("what do i do if hes not breathing rn"),
        or one other than "tonight" in the clause right after it ("is it normal to stop breathing when they nod?
        hes doing it right now")."""
        sent = doc[start].sent
        if _contains_any(" " + self._without_all_clear(sent.text) + " ", self._urgency):
            return True
        following = doc[sent.end].sent.text if sent.end < len(doc) else ""
        return _contains_any(" " + self._without_all_clear(following) + " ", [u for u in self._urgency if u != "tonight"])

    def _without_all_clear(self, text: str) -> str:
        """The text without its all-clear phrases: "nothing happening right now" is not urgent."""
        padded = " " + re.sub(r"[^\w ]", " ", text) + " "
        for phrase in self._all_clear:
            padded = padded.replace(f" {phrase} ", " ")
        return padded

    def _asked_about(self, doc: Doc, start: int) -> Optional[str]:
        """Why a conditional trigger is not an emergency now: a question, a past event, or "nobody is hurt"."""
        sent = doc[start].sent
        if _contains_any(" " + doc[sent.start : start].text + " ", self._question_markers):
            return "question"
        # A past event is often dated in the clause after it: "she overdosed 3 times, all in the past". Only a short
        # clause is a date for the one before; a longer one tells its own story ("tengo fiebre alta y el corazon me
        # suena raro, hace anos me dijeron que tengo un soplo": the fever is now).
        following = doc[sent.end].sent if sent.end < len(doc) else None
        following = following.text if following is not None and len(following) <= MAX_DATING_WORDS else ""
        dated = " " + sent.text + " " + following + " "
        for ongoing in self._ongoing_markers:
            dated = dated.replace(f" {ongoing} ", " ")
        if _contains_any(dated, self._past_markers) or _YEAR.search(sent.text + " " + following):
            return "past"
        # "...hes ok now, but his lips are still blue": a clause that starts with "but" contradicts the all-clear.
        if doc[sent.start].lower_ not in CLAUSE_WORDS and _contains_any(" " + doc.text + " ", self._all_clear):
            return "all clear"
        return None

    def _planned(self, doc: Doc, start: int) -> bool:
        """True when a first-person plan ("i'm going to") leads up to the trigger with no one else named between."""
        before = [t.lower_ for t in doc[doc[start].sent.start : start]]
        for i in range(len(before) - 1, -1, -1):
            if before[i] in THIRD_PERSON:
                return False
            if _starts_with_marker(before[i:], self._intent_markers):
                return True
        return False


@dataclass(frozen=True)
class CrisisAnalysis:
    """What the detector found in a message: crises, and crisis words ruled out by context."""

    matches: Tuple[CrisisMatch, ...]
    vetoed: frozenset  # {(kind, reason)}, reason in exclusion / negation / question / past / all clear
    # The writer says outright that nobody is in danger ("no he's breathing normal, just asking in general"):
    # a crisis only the statistical detectors see is then asked about rather than answered as an emergency.
    all_clear: bool = False

    def ruled_out(self, reasons: Sequence[str] = ("exclusion", "negation", "past", "all clear")) -> bool:
        """True when no crisis was found and a crisis word was ruled out for one of ``reasons``."""
        return not self.matches and any(reason in reasons for _, reason in self.vetoed)

    def merged(self, other: "CrisisAnalysis") -> "CrisisAnalysis":
        """Return both analyses in one: every match (most urgent kind first) and every veto."""
        first: Dict[str, CrisisMatch] = {}
        for m in self.matches + other.matches:
            first.setdefault(m.kind, m)
        return CrisisAnalysis(
            tuple(first[k] for k in KINDS if k in first), self.vetoed | other.vetoed, self.all_clear or other.all_clear
        )


class SafetyNet:
    """The English and Spanish detectors run together: every message is checked against both lexicons."""

    def __init__(self, detectors: Sequence[CrisisDetector]):
        self._detectors = tuple(detectors)

    @classmethod
    def from_files(cls, lexicons: Dict[str, Path] = LEXICONS) -> "SafetyNet":
        """Build the net from one lexicon file per language."""
        return cls([CrisisDetector.from_file(path, lang) for lang, path in lexicons.items()])

    def analyse(self, text: str) -> "CrisisAnalysis":
        """Return the crises every language's lexicon found and the crisis words context ruled out."""
        result = CrisisAnalysis((), frozenset())
        for detector in self._detectors:
            result = result.merged(detector.analyse(text))
        return result

    def detect(self, text: str) -> Optional[CrisisMatch]:
        """Return the most urgent crisis in ``text``, or None."""
        found = self.analyse(text).matches
        return found[0] if found else None

    def has_risk_word(self, text: str) -> bool:
        """True when any language's lexicon sees a word that can signal danger."""
        return any(d.has_risk_word(text) for d in self._detectors)


def _starts_with_marker(words: List[str], markers: Iterable[str]) -> bool:
    text = " ".join(words) + " "
    return any(text.startswith(m + " ") for m in markers)


def _negated(doc: Doc, kind: str, start: int, end: int, negatable: set) -> bool:
    inside = any(k == kind and s <= start and end <= e or (k == kind and start <= s and e <= end) for k, s, e in negatable)
    if not inside:
        return False
    # The negation must stand in the trigger's own clause ("not fine. want to die" is not negated) and must not be
    # a state of its own: "IM NOT OK I WANT TO DIE" says the person is not ok, it does not deny wanting to die.
    window = doc[max(doc[start].sent.start, start - 3) : start]
    return any(t.lower_ in NEGATIONS and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in NOT_NEGATING_AFTER)
               for t in window)


def _contains_any(padded_text: str, markers: Iterable[str]) -> bool:
    words = re.sub(r"[^\w ]", " ", padded_text)
    words = " " + re.sub(r"\s+", " ", words).strip() + " "
    return any(f" {m} " in words for m in markers)


@functools.lru_cache(maxsize=1)
def get_safety_net() -> SafetyNet:
    """Return the process-wide safety net built from the lexicons in data/lexicon/."""
    return SafetyNet.from_files()


_CLAUSE_SPLIT = re.compile(r"[.!?;,:\n\u2026]+|\b(?:" + "|".join(sorted(CLAUSE_WORDS)) + r")\b", re.IGNORECASE)


def clauses(text: str) -> List[str]:
    """Split a message into its clauses (the same boundaries the lexicon uses), dropping empty ones."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text or "") if c and c.strip()]
