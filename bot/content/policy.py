"""The content governance policy (bot/content/policy.yml) as one typed object.

The review intervals, the publisher allow-list, the "[source needed]" marker and the reviewer roles are kept as
data in one file so that changing the policy is a reviewed one-line edit, and the audit, the review table and
the docs cannot disagree about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit

import yaml

POLICY_PATH = Path(__file__).with_name("policy.yml")


@dataclass(frozen=True)
class Policy:
    """How content is reviewed: intervals, allowed source domains, the source-needed marker, reviewer roles."""

    topic_months: int
    resource_months: int
    state_line_months: int
    source_needed_marker: str
    source_domains: Tuple[str, ...]
    state_source_domains: Tuple[str, ...]
    roles: Mapping[str, str]
    every_topic: Tuple[str, ...]
    also: Mapping[str, Tuple[str, ...]]

    def domain_of(self, url: str, domains: Tuple[str, ...]) -> Optional[str]:
        """Return the allow-listed domain ``url`` is on (itself or a subdomain), or None."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        for domain in domains:
            if host == domain or host.endswith("." + domain):
                return domain
        return None

    def roles_for(self, topic: str) -> Tuple[str, ...]:
        """Return the role keys that must review ``topic``, in the order the policy lists them."""
        extra = [role for role, topics in self.also.items() if topic in topics]
        return tuple(dict.fromkeys([*self.every_topic, *extra]))


def load_policy(path: Path = POLICY_PATH) -> Policy:
    """Read the policy file; raise ValueError naming what is wrong with it."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    months = doc.get("review_months") or {}
    roles: Dict[str, str] = dict(doc.get("roles") or {})
    every = tuple(doc.get("every_topic") or ())
    also = {role: tuple(topics or ()) for role, topics in (doc.get("also") or {}).items()}
    problems = [f"review_months.{k} must be a positive whole number" for k in ("topic", "resource", "state_line")
                if not isinstance(months.get(k), int) or months[k] <= 0]
    problems += [f"unknown role {r!r} (define it under roles)" for r in (*every, *also) if r not in roles]
    if not str(doc.get("source_needed_marker") or "").strip():
        problems.append("source_needed_marker is missing")
    if not doc.get("source_domains"):
        problems.append("source_domains is empty")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Policy(
        topic_months=months["topic"],
        resource_months=months["resource"],
        state_line_months=months["state_line"],
        source_needed_marker=str(doc["source_needed_marker"]).strip(),
        source_domains=tuple(str(d).lower() for d in doc["source_domains"]),
        state_source_domains=tuple(str(d).lower() for d in doc.get("state_source_domains") or ()),
        roles=roles,
        every_topic=every,
        also=also,
    )
