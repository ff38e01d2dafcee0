"""The content audit: what a clinician would refuse to sign, found before it reaches users.

Validation (bot/content/schema.py) says whether the content is well formed; the audit says whether it may still
be shown. It fails on an answer or resource past its review date, a source outside the allow-list of official
publishers, a claim still marked as needing a source, and a phone number that is not in the resource table - so
every number people are told to call comes from one place where it is dated and checked. The rules and their
numbers are in bot/content/policy.yml; docs/content-review.md explains them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

import yaml
from dateutil.relativedelta import relativedelta

from bot.content.loader import required_topics
from bot.content.phones import find_numbers, number_key
from bot.content.policy import Policy, load_policy
from bot.content.schema import ContentBundle, ContentError, parse_content


@dataclass(frozen=True)
class Finding:
    """One reason the content may not ship: where it is (file and field) and what is wrong."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass
class AuditReport:
    """What the audit looked at and what it found."""

    today: dt.date
    topics: int = 0
    topic_files: int = 0
    resources: int = 0
    sources: int = 0
    state_lines: int = 0
    findings: List[Finding] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the content."""
        return not self.findings

    def summary(self) -> str:
        """The printed report: what was checked, then every finding (or that there were none)."""
        lines = [
            f"Content audit on {self.today}: checked {self.topics} topics ({self.topic_files} files: every language), "
            f"{self.resources} resources, "
            f"{self.sources} sources and {self.state_lines} state lines."
        ]
        lines += [f"  note: {n}" for n in self.notes]
        if self.ok:
            lines.append("OK: no findings.")
        else:
            lines.append(f"FAILED: {len(self.findings)} finding(s):")
            lines += [f"  {f}" for f in self.findings]
        return "\n".join(lines)


def due_date(reviewed: dt.date, months: int) -> dt.date:
    """Return the day a review done on ``reviewed`` expires: the same day ``months`` calendar months later."""
    return reviewed + relativedelta(months=months)


def audit(content_dir: Path, today: Optional[dt.date] = None, domain_path: Optional[Path] = None,
          policy: Optional[Policy] = None) -> AuditReport:
    """Audit the content folder (and the static replies in ``domain_path``, if given) as of ``today``."""
    today = today or dt.date.today()
    policy = policy or load_policy()
    report = AuditReport(today)
    required = required_topics(domain_path) if domain_path else ()
    try:
        bundle = parse_content(content_dir, required, today=today)
    except ContentError as exc:
        report.findings += [Finding("content", f"invalid: {e}") for e in exc.errors]
        return report
    report.topics, report.resources, report.sources = len(bundle.topics), len(bundle.resources), len(bundle.sources)
    report.topic_files = len(bundle.topic_files())
    report.state_lines = sum(1 for st in bundle.states if st.resource_name)
    files = _Files(content_dir)
    report.findings += _review_dates(bundle, policy, today, files)
    report.findings += _source_domains(bundle, policy, files)
    report.findings += _source_needed(bundle, policy, files)
    report.findings += _phone_numbers(bundle, files, domain_path)
    state_findings, state_notes = _state_line_ages(bundle, policy, today, files)
    report.findings += state_findings
    report.notes += state_notes
    return report


@dataclass(frozen=True)
class _Files:
    content_dir: Path

    @property
    def sources(self) -> str:
        return str(self.content_dir / "sources.yml")

    @property
    def resources(self) -> str:
        return str(self.content_dir / "resources.yml")

    @property
    def states(self) -> str:
        return str(self.content_dir / "states.yml")


def _review_dates(bundle: ContentBundle, policy: Policy, today: dt.date, files: _Files) -> List[Finding]:
    out = []
    for topic in bundle.topic_files():
        due = due_date(topic.last_reviewed, policy.topic_months)
        if today > due:
            out.append(Finding(f"{topic.path}: last_reviewed", f"reviewed {topic.last_reviewed}, review was due {due} "
                               f"({policy.topic_months} months): review the answers and update the date"))
    for r in bundle.resources:
        due = due_date(r.last_checked, policy.resource_months)
        if today > due:
            out.append(Finding(f"{files.resources}: {r.key}.last_checked", f"checked {r.last_checked}, check was due "
                               f"{due} ({policy.resource_months} months): check it on the service's own site"))
    return out


def _source_domains(bundle: ContentBundle, policy: Policy, files: _Files) -> List[Finding]:
    cited_by_topics = {key for topic in bundle.topic_files() for key in topic.sources}
    out = []
    for source in bundle.sources:
        if policy.domain_of(source.url, policy.source_domains):
            continue
        if source.key not in cited_by_topics and policy.domain_of(source.url, policy.state_source_domains):
            continue  # a state government or state-funded service page, cited only for that state's own line
        out.append(Finding(f"{files.sources}: {source.key}.url",
                           f"{source.url} is not on an allowed publisher's domain (bot/content/policy.yml)"))
    return out


def _shown_texts(bundle: ContentBundle, files: _Files) -> Iterator[Tuple[str, str]]:
    """Yield (where, text) for every piece of content text people can see."""
    for topic in bundle.topic_files():
        yield f"{topic.path}: title", topic.title
        for a in topic.answers:
            yield f"{topic.path}: answers.{a.audience}.short", a.short
            yield f"{topic.path}: answers.{a.audience}.more", a.more
        if topic.plan_step:
            yield f"{topic.path}: plan_step", topic.plan_step
    for r in bundle.resources:
        yield f"{files.resources}: {r.key}.name", r.name
        yield f"{files.resources}: {r.key}.description", r.description
    for st in bundle.states:
        if st.resource_name:
            yield f"{files.states}: {st.code}.resource.name", st.resource_name


def _source_needed(bundle: ContentBundle, policy: Policy, files: _Files) -> List[Finding]:
    marker = policy.source_needed_marker.lower()
    out = []
    for where, text in _shown_texts(bundle, files):
        start = text.lower().find(marker)
        while start >= 0:
            claim = text[max(0, start - 80):start].strip().split("\n")[-1]
            out.append(Finding(where, f"claim marked {policy.source_needed_marker}: \"...{claim}\" - cite a source "
                               "that says it, or drop the claim"))
            start = text.lower().find(marker, start + 1)
    return out


def resource_table_numbers(bundle: ContentBundle) -> Dict[str, str]:
    """Return every number of the resource table (key -> where it is listed).

    A resource entry is checked as a whole on its ``last_checked`` date, so the numbers in its description (a
    TTY line, a Spanish text keyword) are in the table as much as its phone and text number. A state's own line
    is listed, with the date of the page it was seen on, in states.yml.
    """
    table: Dict[str, str] = {}
    for r in bundle.resources:
        for value in (r.phone, r.text_number):
            key = number_key(value) if value else None
            if key:
                table.setdefault(key, r.key)
        for mention in find_numbers(r.description):
            table.setdefault(mention.key, r.key)
    for st in bundle.states:
        key = number_key(st.resource_phone) if st.resource_phone else None
        if key:
            table.setdefault(key, f"states.yml {st.code}")
    return table


def _domain_texts(domain_path: Path) -> Iterator[Tuple[str, str]]:
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}
    for name, variations in (domain.get("responses") or {}).items():
        for i, variation in enumerate(variations or []):
            if isinstance(variation, dict) and isinstance(variation.get("text"), str):
                yield f"{domain_path}: responses.{name}[{i}].text", variation["text"]


def _phone_numbers(bundle: ContentBundle, files: _Files, domain_path: Optional[Path]) -> List[Finding]:
    table = resource_table_numbers(bundle)
    texts = list(_shown_texts(bundle, files))
    if domain_path and domain_path.exists():
        texts += list(_domain_texts(domain_path))
    out = []
    for where, text in texts:
        reported: Set[str] = set()
        for mention in find_numbers(text):
            if mention.key not in table and mention.key not in reported:
                reported.add(mention.key)
                out.append(Finding(where, f"phone number {mention.raw} is not in the resource table: add the line to "
                                   "resources.yml (checked on the service's own site) or take the number out"))
    return out


def _state_line_ages(bundle: ContentBundle, policy: Policy, today: dt.date, files: _Files) -> Tuple[List[Finding], List[str]]:
    """A state's line shows people the date of the page it was seen on. Past ``state_line_months`` the number is
    too stale to show (a finding); past a year, a note reminds us to look for a newer official page."""
    findings, notes = [], []
    for st in bundle.states:
        if not st.resource_checked:
            continue
        where = f"{files.states}: {st.code}.resource ({st.resource_phone or st.resource_url})"
        if today > due_date(st.resource_checked, policy.state_line_months):
            findings.append(Finding(where, f"was seen on a page dated {st.resource_checked}, more than "
                                           f"{policy.state_line_months} months ago: find a newer official page or take it out"))
        elif today > due_date(st.resource_checked, policy.topic_months):
            notes.append(f"{where} was seen on a page dated {st.resource_checked}, shown as "
                         f"\"checked {st.resource_checked:%B %Y}\": look for a newer official page")
    return findings, notes
