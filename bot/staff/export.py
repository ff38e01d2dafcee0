"""Turning reviewed conversations into training and test data: labelled messages as Rasa NLU YAML, and one
conversation as a test story.

The NLU file is written for ``data/nlu/`` (so ``make train`` and ``rasa data validate`` pick it up): examples
grouped by intent, "not for us" left out, and any example already in the training data skipped, whatever intent
it is under there (Rasa's validator fails on an example listed under two intents). An existing output file is
kept and added to, so exporting again never loses earlier reviews. The texts are as stored: redacted.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import yaml

from bot import settings
from bot.staff.labels import NOT_FOR_US

DEFAULT_OUT = settings.PROJECT_ROOT / "data" / "nlu" / "reviewed.yml"
TRAINING_DIR = settings.PROJECT_ROOT / "data"
DOMAIN = settings.PROJECT_ROOT / "domain.yml"
HEADER = ("# Messages staff labelled on the staff page (/staff), exported by `python -m bot review export`.\n"
          "# Texts are as stored: phone numbers, e-mails and street addresses already redacted.\n")
# Intents a person's message should never be trained as: Rasa's own, and the safety layer's decision.
NOT_LABELS = {"nlu_fallback", "check_danger"}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def label_choices(domain_path: Path = DOMAIN) -> List[str]:
    """The intents a message can be labelled with (the domain's, minus Rasa's fallback and the safety check)."""
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    names = [next(iter(i)) if isinstance(i, dict) else i for i in domain.get("intents", [])]
    return sorted(n for n in names if n not in NOT_LABELS)


def _key(text: str) -> str:
    """What makes two examples the same: annotation removed, case and spacing ignored."""
    return " ".join(_ANNOTATION.sub(r"\1", text).casefold().split())


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the training data is 15,000 examples
_FILE_CACHE: Dict[Tuple[str, float, int], List[Tuple[str, str]]] = {}


def _examples(path: Path) -> List[Tuple[str, str]]:
    """(intent, example text) of one Rasa NLU YAML file (read again only when the file changed)."""
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime, stat.st_size)
        if key in _FILE_CACHE:
            return _FILE_CACHE[key]
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError):
        return []
    found = []
    for item in data.get("nlu") or [] if isinstance(data, dict) else []:
        if isinstance(item, dict) and "intent" in item and isinstance(item.get("examples"), str):
            for line in item["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.append((item["intent"], line[2:].strip()))
    _FILE_CACHE[key] = found
    return found


def known_examples(training_dir: Path = TRAINING_DIR, skip: Optional[Path] = None) -> Dict[str, str]:
    """Every example in the training data: {normalised text: intent}."""
    known: Dict[str, str] = {}
    for path in sorted(training_dir.rglob("*.yml")):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        for intent, example in _examples(path):
            known.setdefault(_key(example), intent)
    return known


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    added: int
    skipped: int  # already in the training data, labelled twice, or not an intent of the domain
    not_for_us: int
    total: int


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_nlu(examples: Dict[str, List[str]]) -> str:
    """Rasa NLU YAML (version 3.1) with the examples grouped by intent, intents in name order."""
    lines = [HEADER.rstrip("\n"), 'version: "3.1"', "nlu:" if examples else "nlu: []"]
    for intent in sorted(examples):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend(f"    - {text}" for text in examples[intent])
    return "\n".join(lines) + "\n"


def new_examples(labelled: Iterable[Tuple[str, str]], known: Optional[Dict[str, str]] = None,
                 allowed: Optional[Iterable[str]] = None) -> Dict[str, List[str]]:
    """{intent: [text]} of the labelled (text, intent) pairs that are not in the training data yet.

    "not for us" is left out, and so is a label that is not an intent of the domain; when the same text was
    labelled twice, the later label wins.
    """
    allowed = set(allowed if allowed is not None else label_choices())
    known = known_examples() if known is None else known
    wanted: Dict[str, Tuple[str, str]] = {}  # normalised text -> (text, intent)
    for text, intent in labelled:
        text = _one_line(text)
        if not text or text.startswith("/"):
            continue
        if intent == NOT_FOR_US:
            wanted.pop(_key(text), None)
        elif intent in allowed:
            wanted[_key(text)] = (text, intent)
    grouped: Dict[str, List[str]] = {}
    for key, (text, intent) in wanted.items():
        if key not in known:
            grouped.setdefault(intent, []).append(text)
    return grouped


def export_nlu(labelled: Iterable[Tuple[str, str]], out: Path = DEFAULT_OUT, training_dir: Path = TRAINING_DIR,
               allowed: Optional[Iterable[str]] = None) -> ExportReport:
    """Add the labelled (text, intent) pairs that are new to the NLU file ``out`` (kept, and added to)."""
    labelled = list(labelled)
    current: Dict[str, List[str]] = {}
    for intent, example in _examples(out) if out.exists() else []:
        current.setdefault(intent, []).append(example)
    known = known_examples(training_dir, skip=out)
    known.update({_key(e): intent for intent, examples in current.items() for e in examples})
    added = new_examples(labelled, known, allowed)
    for intent, texts in added.items():
        current.setdefault(intent, []).extend(texts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_nlu(current), encoding="utf-8")
    count = sum(len(v) for v in added.values())
    not_for_us = sum(1 for _, intent in labelled if intent == NOT_FOR_US)
    return ExportReport(count, len(labelled) - count - not_for_us, not_for_us, sum(len(v) for v in current.values()))


def story_name(sender_id: str) -> str:
    """A story name that does not repeat the conversation's id (a messenger's user id can identify someone)."""
    return "reviewed conversation " + hashlib.sha256(sender_id.encode("utf-8")).hexdigest()[:10]


def _annotated(text: str, entities: List[Dict[str, Any]]) -> str:
    """The message with its entities marked the way test stories expect ([text]{"entity": ..., "value": ...})."""
    spans = sorted((e for e in entities if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
                    and 0 <= e["start"] < e["end"] <= len(text)), key=lambda e: e["start"])
    out, at = [], 0
    for e in spans:
        if e["start"] < at:
            continue  # overlapping: keep the first
        piece = text[e["start"]:e["end"]]
        mark: Dict[str, Any] = {"entity": e["entity"]}
        if str(e.get("value")) != piece:
            mark["value"] = e.get("value")
        for extra in ("role", "group"):
            if e.get(extra):
                mark[extra] = e[extra]
        out.append(text[at:e["start"]] + f"[{piece}]" + json.dumps(mark, ensure_ascii=False))
        at = e["end"]
    return "".join(out) + text[at:]


def story_steps(events: List[Tuple[int, Dict[str, Any]]], labels: Optional[Dict[int, str]] = None) -> List[Dict[str, Any]]:
    """Test-story steps from a conversation's stored (event id, event) pairs; a message staff labelled gets the
    label as its intent ("not for us" as out_of_scope)."""
    labels = labels or {}
    steps: List[Dict[str, Any]] = []
    for event_id, e in events:
        kind = e.get("event")
        if kind == "user":
            parse = e.get("parse_data") or {}
            text = e.get("text") or ""
            intent = labels.get(event_id) or (parse.get("intent") or {}).get("name")
            if intent == NOT_FOR_US:
                intent = "out_of_scope"
            step: Dict[str, Any] = {"user": _annotated(text, parse.get("entities") or []) if text else text}
            if text.startswith("/"):
                step = {"intent": intent}
            else:
                step["intent"] = intent
            steps.append(step)
        elif kind == "action" and e.get("name") not in (None, "action_listen", "action_session_start"):
            steps.append({"action": e["name"]})
        elif kind == "active_loop":
            steps.append({"active_loop": e.get("name")})
        elif kind == "slot" and e.get("name") != "session_started_metadata":
            if steps and "slot_was_set" in steps[-1]:  # slots set together, one step (as Rasa writes stories)
                steps[-1]["slot_was_set"].append({e["name"]: e.get("value")})
            else:
                steps.append({"slot_was_set": [{e["name"]: e.get("value")}]})
    return steps


class _Literal(str):
    """A user message, written as a YAML block (``user: |``) as in tests/test_stories.yml."""


class _StoryDumper(yaml.SafeDumper):
    pass


_StoryDumper.add_representer(_Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v) + "\n", style="|"))


def render_story(sender_id: str, events: List[Tuple[int, Dict[str, Any]]], labels: Optional[Dict[int, str]] = None) -> str:
    """One conversation as a Rasa test story file (tests/test_stories.yml format)."""
    steps = story_steps(events, labels)
    for step in steps:
        if "user" in step:
            step["user"] = _Literal(step["user"])
    body = yaml.dump({"version": "3.1", "stories": [{"story": story_name(sender_id), "steps": steps}]},
                     Dumper=_StoryDumper, sort_keys=False, allow_unicode=True, width=1000)
    return ("# A reviewed conversation exported by the staff page (`python -m bot review story`): check the\n"
            "# expected intents and actions before adding it to tests/test_stories.yml.\n" + body)
