"""Parse and validate the curated content YAML, naming the file and field of every error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import yaml

AUDIENCES = ("self", "family")
# The languages every topic is written in. English files (topics/<key>.yml) carry what both share (category,
# related topics); a translation (topics/<language>/<key>.yml) carries its own title, answers, plan step, sources
# and review date, written for its readers rather than translated word for word.
LANGUAGES = ("en", "es")
PRIMARY_LANGUAGE = "en"
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != PRIMARY_LANGUAGE)
CATEGORIES = ("safety", "learn", "loved_one")
RESOURCE_SCOPES = ("overdose", "suicide", "medical", "treatment", "general", "family")
# US numbers as people dial them: 911 / 988 style short codes, or 1-800-662-4357 style.
PHONE_RE = re.compile(r"^(\d{3}|1-\d{3}-\d{3}-\d{4}|\d{3}-\d{3}-\d{4})$")
TEXT_NUMBER_RE = re.compile(r"^(\d{3,6}|1-\d{3}-\d{3}-\d{4})$")
URL_RE = re.compile(r"^https://[^\s]+\.[^\s]+$")
KEY_RE = re.compile(r"^[a-z][a-z0-9_\-]*$")


class ContentError(Exception):
    """Raised when content files are invalid; ``errors`` lists every problem found."""

    def __init__(self, errors: List[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class SourceSpec:
    """A validated source entry."""

    key: str
    title: str
    publisher: str
    url: str
    # The language the page is written in, and for a page in another language than English, the English source
    # it is the agency's own version of ("nida-heroin-drugfacts-es" translates "nida-heroin-drugfacts"): a
    # translation of a topic must then cite that version, so Spanish readers get the Spanish page where it exists.
    language: str = PRIMARY_LANGUAGE
    translates: Optional[str] = None


@dataclass(frozen=True)
class AnswerSpec:
    """A validated answer for one audience."""

    audience: str
    short: str
    more: str


@dataclass(frozen=True)
class TopicSpec:
    """A validated topic file."""

    key: str
    title: str
    category: str
    related: Tuple[str, ...]
    last_reviewed: dt.date
    sources: Tuple[str, ...]
    answers: Tuple[AnswerSpec, ...]
    path: str = ""
    plan_step: Optional[str] = None
    language: str = PRIMARY_LANGUAGE


@dataclass(frozen=True)
class ResourceSpec:
    """A validated crisis or help resource."""

    key: str
    name: str
    description: str
    phone: Optional[str]
    text_number: Optional[str]
    url: Optional[str]
    hours: str
    languages: Tuple[str, ...]
    scope: Tuple[str, ...]
    priority: int
    last_checked: Optional[dt.date] = None  # when the line was last checked on the service's own site
    # {language: {"name", "description", "hours", "languages", "note"?}}: the same line for readers of another language
    # ("note": a few words the website widget shows beside the number, e.g. "oprima 2 para español").
    translations: Dict[str, Dict[str, Any]] = field(default_factory=dict, compare=False, hash=False)

    def in_language(self, language: Optional[str]) -> "ResourceSpec":
        """Return the line as readers of ``language`` see it (its words translated, its numbers shared)."""
        words = self.translations.get(language or PRIMARY_LANGUAGE)
        if not words:
            return self
        return dataclasses.replace(self, name=words["name"], description=words["description"], hours=words["hours"],
                                   languages=tuple(words.get("languages") or self.languages))


STATE_KINDS = ("state", "district", "territory")
STATE_CODE_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class StateSpec:
    """A validated US state, district or territory, with its own treatment resource if one was verified."""

    code: str
    name: str
    kind: str
    aliases: Tuple[str, ...] = ()
    resource_name: Optional[str] = None
    resource_url: Optional[str] = None
    resource_phone: Optional[str] = None
    resource_source: Optional[str] = None
    resource_checked: Optional[dt.date] = None  # the date of the official page the resource was seen on
    # {language: name} where the name differs in that language ("es": "Nueva York"); also recognised when typed
    names: Tuple[Tuple[str, str], ...] = ()


@dataclass
class ContentBundle:
    """Everything under data/content/, validated together."""

    sources: List[SourceSpec] = field(default_factory=list)
    resources: List[ResourceSpec] = field(default_factory=list)
    topics: List[TopicSpec] = field(default_factory=list)
    translations: List[TopicSpec] = field(default_factory=list)  # the other languages' versions of the topics
    states: List[StateSpec] = field(default_factory=list)
    states_source: str = ""
    states_reviewed: Optional[dt.date] = None

    def topic_files(self) -> List[TopicSpec]:
        """Every topic file, English and translations: what reviews, audits and sources apply to."""
        return self.topics + self.translations


class _Errors:
    def __init__(self) -> None:
        self.items: List[str] = []

    def add(self, path: str, where: str, message: str) -> None:
        self.items.append(f"{path}: {where}: {message}")


def _text(doc: Dict[str, Any], name: str, path: str, where: str, errors: _Errors) -> str:
    value = doc.get(name)
    if not isinstance(value, str) or not value.strip():
        errors.add(path, f"{where}{name}", "missing or empty text")
        return ""
    return value.strip()


def _read_yaml(path: Path, errors: _Errors) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.add(str(path), "file", f"not valid YAML ({exc.__class__.__name__}: {exc})")
    except UnicodeDecodeError:
        errors.add(str(path), "file", "not UTF-8 text")
    return None


def _parse_sources(path: Path, doc: Any, errors: _Errors) -> List[SourceSpec]:
    items = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        errors.add(str(path), "sources", "must be a list")
        return []
    out = []
    for i, item in enumerate(items):
        where = f"sources[{i}]."
        if not isinstance(item, dict):
            errors.add(str(path), f"sources[{i}]", "must be a mapping")
            continue
        key = _text(item, "key", str(path), where, errors)
        url = _text(item, "url", str(path), where, errors)
        if url and not URL_RE.match(url):
            errors.add(str(path), f"{where}url", f"not an https URL: {url!r}")
        language = item.get("language", PRIMARY_LANGUAGE)
        if language not in LANGUAGES:
            errors.add(str(path), f"{where}language", f"must be one of {', '.join(LANGUAGES)}, not {language!r}")
        translates = item.get("translates")
        if translates is not None and (not isinstance(translates, str) or language == PRIMARY_LANGUAGE):
            errors.add(str(path), f"{where}translates",
                       f"names the {PRIMARY_LANGUAGE} source this page is another language's version of; "
                       f"only a source with a language other than {PRIMARY_LANGUAGE!r} has one")
            translates = None
        out.append(
            SourceSpec(
                key=key,
                title=_text(item, "title", str(path), where, errors),
                publisher=_text(item, "publisher", str(path), where, errors),
                url=url,
                language=language if language in LANGUAGES else PRIMARY_LANGUAGE,
                translates=translates,
            )
        )
    by_key = {s.key: s for s in out}
    for i, src in enumerate(out):
        if src.translates is None:
            continue
        original = by_key.get(src.translates)
        if original is None or original.language != PRIMARY_LANGUAGE:
            errors.add(str(path), f"sources[{i}].translates",
                       f"{src.translates!r} is not a {PRIMARY_LANGUAGE} source in this file")
    for dup in _duplicates(f"{s.translates}/{s.language}" for s in out if s.translates):
        errors.add(str(path), "sources", f"two {dup.split('/')[1]} versions of {dup.split('/')[0]!r}")
    return out


def _date(value: Any, p: str, where: str, errors: _Errors, today: dt.date) -> Optional[dt.date]:
    if not isinstance(value, dt.date):
        errors.add(p, where, "missing or not a date (YYYY-MM-DD)")
        return None
    if value > today:
        errors.add(p, where, f"{value} is in the future")
    return value


def _parse_resources(path: Path, doc: Any, errors: _Errors, today: Optional[dt.date] = None) -> List[ResourceSpec]:
    today = today or dt.date.today()
    items = doc.get("resources") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        errors.add(str(path), "resources", "must be a list")
        return []
    out = []
    for i, item in enumerate(items):
        where = f"resources[{i}]."
        p = str(path)
        if not isinstance(item, dict):
            errors.add(p, f"resources[{i}]", "must be a mapping")
            continue
        phone = item.get("phone")
        text_number = item.get("text_number")
        url = item.get("url")
        if phone is not None and not PHONE_RE.match(str(phone)):
            errors.add(p, f"{where}phone", f"malformed phone number {phone!r} (use 911 or 1-800-662-4357 style)")
        if text_number is not None and not TEXT_NUMBER_RE.match(str(text_number)):
            errors.add(p, f"{where}text_number", f"malformed text number {text_number!r}")
        if url is not None and not URL_RE.match(str(url)):
            errors.add(p, f"{where}url", f"not an https URL: {url!r}")
        if phone is None and text_number is None and url is None:
            errors.add(p, where.rstrip("."), "needs at least one of phone, text_number, url")
        scope = item.get("scope") or []
        if not isinstance(scope, list) or not scope:
            errors.add(p, f"{where}scope", "must be a non-empty list")
            scope = []
        for s in scope:
            if s not in RESOURCE_SCOPES:
                errors.add(p, f"{where}scope", f"unknown scope {s!r} (one of {', '.join(RESOURCE_SCOPES)})")
        languages = item.get("languages") or []
        if not isinstance(languages, list) or not languages:
            errors.add(p, f"{where}languages", "must be a non-empty list")
            languages = []
        priority = item.get("priority", 100)
        if not isinstance(priority, int):
            errors.add(p, f"{where}priority", "must be a whole number")
            priority = 100
        translations: Dict[str, Dict[str, Any]] = {}
        for language in TRANSLATED:
            words = item.get(language)
            if not isinstance(words, dict):
                errors.add(p, f"{where}{language}", f"missing: the line's name, description, hours and languages in {language!r}")
                continue
            translations[language] = {k: _text(words, k, p, f"{where}{language}.", errors) for k in ("name", "description", "hours")}
            if words.get("note") is not None:
                translations[language]["note"] = _text(words, "note", p, f"{where}{language}.", errors)
            langs = words.get("languages")
            if not isinstance(langs, list) or not langs:
                errors.add(p, f"{where}{language}.languages", "must be a non-empty list")
            else:
                translations[language]["languages"] = [str(x) for x in langs]
        out.append(
            ResourceSpec(
                translations=translations,
                key=_text(item, "key", p, where, errors),
                name=_text(item, "name", p, where, errors),
                description=_text(item, "description", p, where, errors),
                phone=str(phone) if phone is not None else None,
                text_number=str(text_number) if text_number is not None else None,
                url=str(url) if url is not None else None,
                hours=_text(item, "hours", p, where, errors),
                languages=tuple(str(x) for x in languages),
                scope=tuple(str(x) for x in scope),
                priority=priority,
                last_checked=_date(item.get("last_checked"), p, f"{where}last_checked", errors, today),
            )
        )
    return out


def parse_resources(path: Path) -> List[ResourceSpec]:
    """Read and validate resources.yml on its own; raise ContentError listing every problem.

    For readers that need only the help lines and must not depend on the topic files (the widget server
    writes the emergency numbers into widget.js from here).
    """
    errors = _Errors()
    resources: List[ResourceSpec] = []
    if not path.exists():
        errors.add(str(path), "file", "missing")
    else:
        resources = _parse_resources(path, _read_yaml(path, errors), errors)
    for dup in _duplicates(r.key for r in resources):
        errors.add(str(path), "resources", f"duplicate key {dup!r}")
    if errors.items:
        raise ContentError(errors.items)
    return resources


def _parse_topic(path: Path, doc: Any, errors: _Errors, today: dt.date, needed_audience: bool = True) -> Optional[TopicSpec]:
    p = str(path)
    if not isinstance(doc, dict):
        errors.add(p, "file", "must be a mapping with topic, title, category, sources and answers")
        return None
    key = _text(doc, "topic", p, "", errors)
    if key and not KEY_RE.match(key):
        errors.add(p, "topic", f"not a valid intent name: {key!r}")
    category = doc.get("category")
    if category not in CATEGORIES:
        errors.add(p, "category", f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    reviewed = doc.get("last_reviewed")
    if not isinstance(reviewed, dt.date):
        errors.add(p, "last_reviewed", "missing or not a date (YYYY-MM-DD)")
        reviewed = today
    elif reviewed > today:
        errors.add(p, "last_reviewed", f"{reviewed} is in the future")
    sources = doc.get("sources")
    if not isinstance(sources, list) or not sources:
        errors.add(p, "sources", "missing: every answer must cite at least one public source")
        sources = []
    related = doc.get("related") or []
    if not isinstance(related, list):
        errors.add(p, "related", "must be a list of topic keys")
        related = []
    answers_doc = doc.get("answers")
    answers: List[AnswerSpec] = []
    if not isinstance(answers_doc, dict) or not answers_doc:
        errors.add(p, "answers", "missing: needs short and more text for at least one audience")
    else:
        for audience, body in answers_doc.items():
            if audience not in AUDIENCES:
                errors.add(p, f"answers.{audience}", f"unknown audience {audience!r} (one of {', '.join(AUDIENCES)})")
                continue
            if not isinstance(body, dict):
                errors.add(p, f"answers.{audience}", "must have short and more")
                continue
            answers.append(
                AnswerSpec(
                    audience=audience,
                    short=_text(body, "short", p, f"answers.{audience}.", errors),
                    more=_text(body, "more", p, f"answers.{audience}.", errors),
                )
            )
        needed = "family" if category == "loved_one" else "self"
        if needed_audience and needed not in answers_doc:
            errors.add(p, f"answers.{needed}", f"missing: a {category} topic needs an answer for audience {needed!r}")
    plan_step = doc.get("plan_step")
    if plan_step is not None and (not isinstance(plan_step, str) or not plan_step.strip()):
        errors.add(p, "plan_step", "must be non-empty text when given")
        plan_step = None
    return TopicSpec(
        plan_step=plan_step.strip() if plan_step else None,
        key=key,
        title=_text(doc, "title", p, "", errors),
        category=str(category),
        related=tuple(str(r) for r in related),
        last_reviewed=reviewed,
        sources=tuple(str(s) for s in sources),
        answers=tuple(answers),
        path=p,
    )


def _parse_translation(path: Path, doc: Any, language: str, errors: _Errors, today: dt.date) -> Optional[TopicSpec]:
    """Parse topics/<language>/<key>.yml: the shared fields come from the English file (see _cross_check)."""
    p = str(path)
    if not isinstance(doc, dict):
        errors.add(p, "file", "must be a mapping with topic, language, title, last_reviewed, sources and answers")
        return None
    if doc.get("language") != language:
        errors.add(p, "language", f"must be {language!r} (the folder it is in)")
    for shared in ("category", "related"):
        if shared in doc:
            errors.add(p, shared, "belongs in the English file only (both languages share it)")
    as_topic = {**doc, "category": "learn"}  # category is checked on the English file
    parsed = _parse_topic(path, as_topic, errors, today, needed_audience=False)
    return dataclasses.replace(parsed, language=language, category="") if parsed else None


def _parse_states(path: Path, doc: Any, errors: _Errors, today: dt.date) -> Tuple[List[StateSpec], str]:
    p = str(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("states"), list):
        errors.add(p, "states", "must be a list")
        return [], ""
    if not isinstance(doc.get("last_reviewed"), dt.date):
        errors.add(p, "last_reviewed", "missing or not a date (YYYY-MM-DD)")
    source = doc.get("source") if isinstance(doc.get("source"), str) else ""
    if not source:
        errors.add(p, "source", "missing: the source of the list of states")
    out = []
    for i, item in enumerate(doc["states"]):
        where = f"states[{i}]."
        if not isinstance(item, dict):
            errors.add(p, f"states[{i}]", "must be a mapping")
            continue
        code, name = _text(item, "code", p, where, errors), _text(item, "name", p, where, errors)
        if code and not STATE_CODE_RE.match(code):
            errors.add(p, f"{where}code", f"must be two capital letters: {code!r}")
        kind = item.get("kind")
        if kind not in STATE_KINDS:
            errors.add(p, f"{where}kind", f"must be one of {', '.join(STATE_KINDS)}")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            errors.add(p, f"{where}aliases", "must be a list of names")
            aliases = []
        names = []
        for language in TRANSLATED:
            if language in item:
                if isinstance(item[language], str) and item[language].strip():
                    names.append((language, item[language].strip()))
                else:
                    errors.add(p, f"{where}{language}", f"the name in {language!r}: missing or empty text")
        resource = item.get("resource")
        r: Dict[str, Any] = {}
        if resource is not None:
            if not isinstance(resource, dict):
                errors.add(p, f"{where}resource", "must be a mapping")
            else:
                r = {k: resource.get(k) for k in ("name", "url", "phone", "source")}
                r["checked"] = _date(resource.get("checked"), p, f"{where}resource.checked", errors, today)
                for k in ("name", "url", "source"):
                    if not isinstance(r[k], str) or not r[k].strip():
                        errors.add(p, f"{where}resource.{k}", "missing or empty text")
                if isinstance(r["url"], str) and not URL_RE.match(r["url"]):
                    errors.add(p, f"{where}resource.url", f"not an https URL: {r['url']!r}")
                if r["phone"] is not None and not PHONE_RE.match(str(r["phone"])):
                    errors.add(p, f"{where}resource.phone", f"not a US phone number: {r['phone']!r}")
        out.append(StateSpec(code, name, str(kind), tuple(a.strip() for a in aliases), r.get("name"), r.get("url"),
                             str(r["phone"]) if r.get("phone") else None, r.get("source"), r.get("checked"),
                             tuple(names)))
    return out, source


def parse_content(content_dir: Path, required_topics: Iterable[str] = (), today: Optional[dt.date] = None) -> ContentBundle:
    """Read and validate every content file; raise ContentError listing all problems.

    Args:
        content_dir: folder holding sources.yml, resources.yml and topics/*.yml.
        required_topics: topic keys that must each have a topic file.
        today: the date against which review dates are checked (default: today).
    """
    today = today or dt.date.today()
    errors = _Errors()
    bundle = ContentBundle()
    sources_path = content_dir / "sources.yml"
    resources_path = content_dir / "resources.yml"
    for path in (sources_path, resources_path):
        if not path.exists():
            errors.add(str(path), "file", "missing")
    if sources_path.exists():
        bundle.sources = _parse_sources(sources_path, _read_yaml(sources_path, errors), errors)
    if resources_path.exists():
        bundle.resources = _parse_resources(resources_path, _read_yaml(resources_path, errors), errors, today)
    states_path = content_dir / "states.yml"
    if states_path.exists():
        states_doc = _read_yaml(states_path, errors)
        bundle.states, bundle.states_source = _parse_states(states_path, states_doc, errors, today)
        if isinstance(states_doc, dict) and isinstance(states_doc.get("last_reviewed"), dt.date):
            bundle.states_reviewed = states_doc["last_reviewed"]
    topic_files = sorted((content_dir / "topics").glob("*.yml"))
    for path in topic_files:
        topic = _parse_topic(path, _read_yaml(path, errors), errors, today)
        if topic is not None:
            bundle.topics.append(topic)
    for language in TRANSLATED:
        for path in sorted((content_dir / "topics" / language).glob("*.yml")):
            translation = _parse_translation(path, _read_yaml(path, errors), language, errors, today)
            if translation is not None:
                bundle.translations.append(translation)

    _cross_check(bundle, content_dir, required_topics, errors)
    if errors.items:
        raise ContentError(errors.items)
    return bundle


def _cross_check(bundle: ContentBundle, content_dir: Path, required: Iterable[str], errors: _Errors) -> None:
    source_keys = {s.key for s in bundle.sources}
    source_language = {s.key: s.language for s in bundle.sources}
    topic_keys: Dict[str, str] = {}
    for s_dup in _duplicates(s.key for s in bundle.sources):
        errors.add(str(content_dir / "sources.yml"), "sources", f"duplicate key {s_dup!r}")
    for r_dup in _duplicates(r.key for r in bundle.resources):
        errors.add(str(content_dir / "resources.yml"), "resources", f"duplicate key {r_dup!r}")
    for topic in bundle.topics:
        if topic.key in topic_keys:
            errors.add(topic.path, "topic", f"duplicate topic {topic.key!r} (also in {topic_keys[topic.key]})")
        topic_keys[topic.key] = topic.path
        for src in topic.sources:
            if src not in source_keys:
                errors.add(topic.path, "sources", f"unknown source {src!r} (add it to sources.yml)")
            elif source_language[src] != topic.language:
                errors.add(topic.path, "sources", f"{src!r} is a {source_language[src]} page; the {topic.language} "
                                                  "answers cite pages their readers can read")
    for topic in bundle.topics:
        for rel in topic.related:
            if rel not in topic_keys:
                errors.add(topic.path, "related", f"unknown topic {rel!r}")
    _check_translations(bundle, content_dir, topic_keys, source_keys, errors)
    states_file = str(content_dir / "states.yml")
    for dup in _duplicates(st.code for st in bundle.states):
        errors.add(states_file, "states", f"duplicate code {dup!r}")
    for dup in _duplicates(n.lower() for st in bundle.states
                           for n in {st.name, *st.aliases, *(name for _, name in st.names)}):
        errors.add(states_file, "states", f"name or alias {dup!r} is used twice")
    for key in [bundle.states_source] * bool(bundle.states) + [st.resource_source for st in bundle.states if st.resource_source]:
        if key not in source_keys:
            errors.add(states_file, "source", f"unknown source {key!r} (add it to sources.yml)")
    for key in required:
        if key not in topic_keys:
            errors.add(str(content_dir / "topics" / f"{key}.yml"), "topic", f"missing topic {key!r}")


def _check_translations(bundle: ContentBundle, content_dir: Path, topic_keys: Dict[str, str], source_keys: set,
                        errors: _Errors) -> None:
    """Every topic exists in every language, with the same audiences; a translation has an English topic."""
    english = {t.key: t for t in bundle.topics}
    by_key = {s.key: s for s in bundle.sources}
    # (English source, language) -> the key of the agency's own version of that page in that language
    versions = {(s.translates, s.language): s.key for s in bundle.sources if s.translates}
    seen = set()
    for tr in bundle.translations:
        if (tr.key, tr.language) in seen:
            errors.add(tr.path, "topic", f"duplicate {tr.language} version of {tr.key!r}")
        seen.add((tr.key, tr.language))
        if Path(tr.path).stem != tr.key:
            errors.add(tr.path, "topic", f"{tr.key!r} must be in a file named {tr.key}.yml")
        if tr.key not in english:
            errors.add(tr.path, "topic", f"no English topic {tr.key!r} for this {tr.language} version")
            continue
        for src in tr.sources:
            if src not in source_keys:
                errors.add(tr.path, "sources", f"unknown source {src!r} (add it to sources.yml)")
            elif (src, tr.language) in versions:
                errors.add(tr.path, "sources", f"cite {versions[src, tr.language]!r}, the {tr.language} version of "
                                               f"{src!r}: readers get the page in their language where the agency has one")
            elif by_key[src].language not in (tr.language, PRIMARY_LANGUAGE):
                errors.add(tr.path, "sources", f"{src!r} is a {by_key[src].language} page, not {tr.language}")
        missing = {a.audience for a in english[tr.key].answers} - {a.audience for a in tr.answers}
        if missing:
            errors.add(tr.path, "answers", f"missing the {', '.join(sorted(missing))} answer the English file has")
        if bool(english[tr.key].plan_step) != bool(tr.plan_step):
            has = "has a plan_step" if english[tr.key].plan_step else "has no plan_step"
            errors.add(tr.path, "plan_step", f"the English file {has}: each language's plan must have the same steps")
    for language in TRANSLATED:
        for key, path in topic_keys.items():
            if (key, language) not in seen:
                errors.add(str(content_dir / "topics" / language / f"{key}.yml"), "topic",
                           f"missing the {language} version of {key!r} (every topic is written in {', '.join(LANGUAGES)})")


def _duplicates(keys: Iterable[str]) -> List[str]:
    seen, dups = set(), []
    for k in keys:
        if k in seen:
            dups.append(k)
        seen.add(k)
    return dups
