"""docs/content-review.md carries the generated review tables, and they match the content."""

from __future__ import annotations

from bot.content.policy import load_policy
from bot.content.review_table import DOC_PATH, expected_document, render, updated
from bot.content.schema import parse_content
from tests.conftest import ROOT


def test_the_review_tables_in_the_doc_are_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == expected_document(ROOT / "data" / "content"), (
        "docs/content-review.md is out of date: run `.venv/bin/python -m bot content review-table`")


def test_every_topic_has_a_row_with_its_reviewers_and_date():
    bundle = parse_content(ROOT / "data" / "content")
    table = render(bundle, load_policy())
    for topic in bundle.topics:
        assert f"| `{topic.key}` | {topic.title} |" in table and str(topic.last_reviewed) in table
    assert "| `ask_xylazine` | " in table
    row = next(line for line in table.splitlines() if line.startswith("| `ask_xylazine`"))
    assert "clinician, peer, harm-reduction worker" in row
    row = next(line for line in table.splitlines() if line.startswith("| `ask_methadone`"))
    assert "clinician, peer |" in row and "harm-reduction" not in row


def test_only_the_text_between_the_markers_is_replaced():
    doc = DOC_PATH.read_text(encoding="utf-8")
    new = updated(doc, "NEW TABLE")
    assert "NEW TABLE" in new and new.startswith(doc.split("<!-- review-table:start")[0])
    assert updated(new, "NEW TABLE") == new
