"""The content audit fails on each thing a clinician would refuse to sign, and passes the real content today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml

from bot.cli import main
from bot.content.audit import audit, due_date
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)


def _source(key: str, url: str) -> Dict[str, str]:
    return {"key": key, "title": "A page", "publisher": "A publisher", "url": url}


def _resource(key: str = "helpline", phone: Optional[str] = "1-800-662-4357", checked: Any = dt.date(2026, 11, 20),
              description: str = "Free, confidential treatment referral.", text_number: Optional[str] = None) -> Dict[str, Any]:
    r = {"key": key, "name": "A helpline", "description": description, "phone": phone, "text_number": text_number,
         "url": "https://www.samhsa.gov/find-help/national-helpline", "hours": "24/7", "languages": ["English"],
         "scope": ["general"], "priority": 1, "last_checked": checked,
         "es": {"name": "Una línea de ayuda", "description": "Referidos a tratamiento, gratis y confidenciales.",
                "hours": "24/7", "languages": ["inglés"]}}
    return {k: v for k, v in r.items() if v is not None}


def _topic(key: str = "ask_methadone", reviewed: dt.date = dt.date(2026, 11, 20), sources=("nida-moud",),
           more: str = "Clinics also offer counseling.") -> Dict[str, Any]:
    return {"topic": key, "title": "Methadone", "category": "learn", "related": [], "last_reviewed": reviewed,
            "sources": list(sources), "answers": {"self": {"short": "Methadone is a medication.", "more": more}}}


def _spanish(topic: Dict[str, Any], reviewed: dt.date = dt.date(2026, 11, 25)) -> Dict[str, Any]:
    """The Spanish version of ``topic``, freshly reviewed, with the same sources and audiences."""
    answers = {aud: {"short": "La metadona es un medicamento.", "more": "Las clínicas también ofrecen consejería."}
               for aud in topic["answers"]}
    return {"topic": topic["topic"], "language": "es", "title": "Título", "last_reviewed": reviewed,
            "sources": list(topic["sources"]), "answers": answers}


def write_content(root: Path, topics: Optional[List[Dict[str, Any]]] = None,
                  resources: Optional[List[Dict[str, Any]]] = None,
                  sources: Optional[List[Dict[str, str]]] = None,
                  states: Optional[Dict[str, Any]] = None) -> Path:
    """Write a small, valid content folder (one source, one resource, one topic) with the given replacements."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "topics").mkdir(exist_ok=True)
    sources = sources if sources is not None else [
        _source("nida-moud", "https://nida.nih.gov/publications/research-reports/medications-to-treat-opioid-addiction")]
    (root / "sources.yml").write_text(yaml.safe_dump({"sources": sources}, sort_keys=False))
    resources = resources if resources is not None else [_resource()]
    (root / "resources.yml").write_text(yaml.safe_dump({"resources": resources}, sort_keys=False))
    (root / "topics" / "es").mkdir(exist_ok=True)
    for topic in topics if topics is not None else [_topic()]:
        (root / "topics" / f"{topic['topic']}.yml").write_text(yaml.safe_dump(topic, sort_keys=False))
        (root / "topics" / "es" / f"{topic['topic']}.yml").write_text(yaml.safe_dump(_spanish(topic), sort_keys=False))
    if states is not None:
        (root / "states.yml").write_text(yaml.safe_dump(states, sort_keys=False))
    return root


def _findings(content: Path, today: dt.date = TODAY, domain: Optional[Path] = None) -> List[str]:
    return [str(f) for f in audit(content, today=today, domain_path=domain).findings]


def test_small_clean_content_passes(tmp_path):
    report = audit(write_content(tmp_path / "c"), today=TODAY)
    assert report.ok, report.summary()
    assert (report.topics, report.resources, report.sources) == (1, 1, 1)
    assert report.summary().splitlines()[0] == (
        "Content audit on 2026-12-01: checked 1 topics (2 files: every language), 1 resources, 1 sources and 0 state lines.")
    assert report.summary().endswith("OK: no findings.")


def test_topic_past_its_12_month_review_fails(tmp_path):
    content = write_content(tmp_path / "c", topics=[_topic(reviewed=dt.date(2025, 11, 30))])
    (finding,) = _findings(content)
    assert "ask_methadone.yml: last_reviewed: reviewed 2025-11-30, review was due 2026-11-30" in finding


def test_review_is_due_12_calendar_months_later_and_not_a_day_earlier(tmp_path):
    content = write_content(tmp_path / "c", topics=[_topic(reviewed=dt.date(2025, 12, 1))])
    assert _findings(content, today=dt.date(2026, 12, 1)) == []
    assert len(_findings(content, today=dt.date(2026, 12, 2))) == 1
    assert due_date(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_resource_past_its_6_month_check_fails(tmp_path):
    content = write_content(tmp_path / "c", resources=[_resource(checked=dt.date(2026, 5, 31))])
    (finding,) = _findings(content)
    assert "resources.yml: helpline.last_checked: checked 2026-05-31, check was due 2026-11-30 (6 months)" in finding


def test_resource_without_a_checked_date_is_invalid(tmp_path):
    resource = _resource()
    del resource["last_checked"]
    (finding,) = _findings(write_content(tmp_path / "c", resources=[resource]))
    assert "resources[0].last_checked: missing or not a date" in finding


@pytest.mark.parametrize("url", [
    "https://www.example-rehab.com/heroin-detox",
    "https://samhsa.gov.example.com/page",       # the allowed name inside another domain
    "https://notsamhsa.gov/page",                 # a look-alike
])
def test_source_outside_the_allow_list_fails(tmp_path, url):
    content = write_content(tmp_path / "c", sources=[_source("nida-moud", url)])
    (finding,) = _findings(content)
    assert f"sources.yml: nida-moud.url: {url} is not on an allowed publisher's domain" in finding


@pytest.mark.parametrize("url", [
    "https://store.samhsa.gov/product/tip-63",   # a subdomain of an allowed publisher
    "https://www.cdc.gov/stop-overdose/",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC9588631",
    "https://www.acog.org/clinical",
])
def test_allowed_publishers_and_their_subdomains_pass(tmp_path, url):
    assert _findings(write_content(tmp_path / "c", sources=[_source("nida-moud", url)])) == []


def test_a_state_site_may_be_cited_for_a_state_line_but_not_by_an_answer(tmp_path):
    state_page = _source("hawaii-page", "https://health.hawaii.gov/substance-abuse/cares/")
    states = {"source": "nida-moud", "last_reviewed": dt.date(2026, 11, 23), "states": [
        {"code": "HI", "name": "Hawaii", "kind": "state",
         "resource": {"name": "Hawaii CARES", "url": "https://hicares.hawaii.gov/about/", "phone": "1-800-753-6879",
                      "source": "hawaii-page", "checked": dt.date(2024, 4, 1)}}]}
    nida = _source("nida-moud", "https://nida.nih.gov/x")
    ok = write_content(tmp_path / "ok", sources=[nida, state_page], states=states)
    assert _findings(ok) == []
    cited = write_content(tmp_path / "cited", sources=[nida, state_page], states=states,
                          topics=[_topic(sources=("nida-moud", "hawaii-page"))])
    (finding,) = _findings(cited)
    assert "hawaii-page.url: https://health.hawaii.gov/substance-abuse/cares/ is not on an allowed publisher's" in finding


def test_a_state_line_seen_on_a_page_older_than_three_years_is_not_shown(tmp_path):
    state_page = _source("ohio-page", "https://mha.ohio.gov/about-us/media-center/news/pr-04-21-2021")
    states = {"source": "nida-moud", "last_reviewed": dt.date(2026, 11, 23), "states": [
        {"code": "OH", "name": "Ohio", "kind": "state",
         "resource": {"name": "Ohio CareLine", "url": "https://mha.ohio.gov/", "phone": "1-800-720-9616",
                      "source": "ohio-page", "checked": dt.date(2021, 4, 21)}}]}
    content = write_content(tmp_path / "c", sources=[_source("nida-moud", "https://nida.nih.gov/x"), state_page], states=states)
    (finding,) = _findings(content)
    assert "OH.resource (1-800-720-9616)" in finding and "more than 36 months ago" in finding


def test_claim_marked_source_needed_fails(tmp_path):
    more = "Clinics also offer counseling. Most people feel better within a week [Source needed]. Ask the clinic."
    content = write_content(tmp_path / "c", topics=[_topic(more=more)])
    (finding,) = _findings(content)
    assert "ask_methadone.yml: answers.self.more: claim marked [source needed]" in finding
    assert "Most people feel better within a week" in finding


def test_phone_number_not_in_the_resource_table_fails(tmp_path):
    more = "Call the clinic line at (888) 555-0142 or the helpline at 1-800-662-4357."
    content = write_content(tmp_path / "c", topics=[_topic(more=more)])
    (finding,) = _findings(content)
    assert "answers.self.more: phone number (888) 555-0142 is not in the resource table" in finding


def test_a_table_number_written_another_way_passes(tmp_path):
    more = "Call (800) 662-4357 or 800.662.4357 any time."
    assert _findings(write_content(tmp_path / "c", topics=[_topic(more=more)])) == []


def test_short_codes_count_where_people_are_told_to_dial_or_text_them(tmp_path):
    resources = [_resource(), _resource("lifeline", phone="988", text_number="988")]
    fine = "Call or text 988. In 2024 about 2,000 people asked; wait 20-30 minutes."
    assert _findings(write_content(tmp_path / "a", resources=resources, topics=[_topic(more=fine)])) == []
    unknown = "You can also text HOME to 555123, or call 211."
    findings = _findings(write_content(tmp_path / "b", resources=resources, topics=[_topic(more=unknown)]))
    assert [f.split("phone number ")[1].split(" ")[0] for f in findings] == ["555123", "211"]


def test_number_in_a_resource_description_is_part_of_that_checked_entry(tmp_path):
    resource = _resource(description="Free referral. TTY 1-800-487-4889.")
    topic = _topic(more="Deaf or hard of hearing? TTY 1-800-487-4889.")
    assert _findings(write_content(tmp_path / "c", resources=[resource], topics=[topic])) == []
    # ... but a number shown only in an answer is not.
    assert len(_findings(write_content(tmp_path / "d", topics=[topic]))) == 1


def test_static_replies_in_the_domain_are_checked_for_numbers(tmp_path):
    content = write_content(tmp_path / "c")
    domain = tmp_path / "domain.yml"
    domain.write_text(yaml.safe_dump({"responses": {
        "utter_crisis_overdose": [{"text": "Call 911 now. Poison Control: 1-800-222-1222."}]}}))
    where = f"{domain}: responses.utter_crisis_overdose[0].text"
    rest = "is not in the resource table: add the line to resources.yml (checked on the service's own site) or take " \
           "the number out"
    assert _findings(content, domain=domain) == [f"{where}: phone number 911 {rest}",
                                                 f"{where}: phone number 1-800-222-1222 {rest}"]


def test_invalid_content_is_reported_not_audited(tmp_path):
    content = write_content(tmp_path / "c", topics=[_topic(sources=("no-such-source",))])
    findings = _findings(content)
    assert [f.split("/c/")[1].split(":")[0] for f in findings] == ["topics/ask_methadone.yml", "topics/es/ask_methadone.yml"]
    assert all(f.startswith("content: invalid: ") and "unknown source 'no-such-source'" in f for f in findings)


def test_command_exits_1_with_the_findings_and_0_when_clean(tmp_path, capsys):
    stale = write_content(tmp_path / "stale", topics=[_topic(reviewed=dt.date(2024, 1, 1))])
    assert main(["content", "audit", "--content-dir", str(stale), "--today", "2026-12-01", "--domain", ""]) == 1
    err = capsys.readouterr().err
    assert "FAILED: 1 finding(s):" in err and "last_reviewed: reviewed 2024-01-01" in err
    clean = write_content(tmp_path / "clean")
    assert main(["content", "audit", "--content-dir", str(clean), "--today", "2026-12-01", "--domain", ""]) == 0
    assert "OK: no findings." in capsys.readouterr().out


def test_command_rejects_a_malformed_date(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["content", "audit", "--content-dir", str(tmp_path), "--today", "12/01/2026"])
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_the_real_content_passes_today():
    report = audit(ROOT / "data" / "content", domain_path=ROOT / "domain.yml")
    assert report.ok, report.summary()
    assert report.topics >= 42 and report.resources >= 9
