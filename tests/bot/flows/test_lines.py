"""One source for the numbers people see outside a content answer: the resource table, and the domain's crisis replies."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from bot import settings
from bot.channels import replies
from bot.content.phones import find_numbers, number_key
from bot.content.schema import parse_resources
from bot.flows.lines import crisis_reply, get_lines, lines_from

ROOT = settings.PROJECT_ROOT
# A phone number written out in code: 911 / 988 standing alone, a 1-800 style number, or a text short code.
NUMBER_IN_CODE = re.compile(r"""["'][^"'\n]*(?<![\w-])(?:911|988|1-\d{3}-\d{3}-\d{4}|741741|838255)(?![\w-])""")


def test_a_changed_number_in_the_table_changes_what_the_channels_and_flows_say(tmp_path):
    table = (settings.CONTENT_DIR / "resources.yml").read_text(encoding="utf-8")
    (tmp_path / "resources.yml").write_text(table.replace("1-800-662-4357", "1-800-555-0199"), "utf-8")
    lines = lines_from(parse_resources(tmp_path / "resources.yml"))
    assert lines.helpline.phone == "1-800-555-0199" and "1-800-555-0199" in lines.helpline_sentence()
    assert get_lines().helpline.phone == "1-800-662-4357"
    assert get_lines().helpline.phone in replies.NO_REPLY_TEXT and get_lines().emergency.phone in replies.RATE_LIMITED_TEXT


def test_a_table_without_a_line_a_reply_needs_stops_at_start_up(tmp_path):
    table = (settings.CONTENT_DIR / "resources.yml").read_text(encoding="utf-8")
    (tmp_path / "resources.yml").write_text(table.replace("key: poison-control", "key: poison-help"), "utf-8")
    with pytest.raises(ValueError, match="poison-control"):
        lines_from(parse_resources(tmp_path / "resources.yml"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_channels_own_crisis_replies_are_the_domains_words(lang):
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    fallback = replies.CRISIS_FALLBACK_TEXT_ES if lang == "es" else replies.CRISIS_FALLBACK_TEXT
    for intent, text in fallback.items():
        assert text in [v["text"] for v in domain["responses"][f"utter_{intent}"]]
        assert text == crisis_reply(intent, lang)
    assert "Llame al 911" in replies.CRISIS_FALLBACK_TEXT_ES["crisis_overdose"]


def test_every_number_in_the_domains_crisis_replies_is_in_the_table():
    table = {number_key(r.phone) for r in parse_resources(settings.CONTENT_DIR / "resources.yml") if r.phone}
    table |= {number_key(r.text_number) for r in parse_resources(settings.CONTENT_DIR / "resources.yml") if r.text_number}
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        if name.startswith("utter_crisis_"):
            for variant in variants:
                for mention in find_numbers(variant["text"]):
                    assert mention.key in table, (name, mention.raw)


def _strings_people_may_see(path):
    """The string literals of a Python file, without docstrings (they document, nobody is shown them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


# Staff tools: their output labels name 911/988 as figures, and nobody in crisis reads them.
STAFF_TOOLS = {"bot/tools/evaluation.py", "bot/content/schema.py", "bot/content/phones.py", "bot/content/audit.py"}


def test_no_emergency_or_help_number_is_written_into_python_or_javascript():
    found = []
    for path in sorted((ROOT / "bot").rglob("*.py")) + sorted((ROOT / "actions").rglob("*.py")):
        if str(path.relative_to(ROOT)) in STAFF_TOOLS:
            continue
        for lineno, value in _strings_people_may_see(path):
            if NUMBER_IN_CODE.search(repr(value)):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {value[:80]!r}")
    for path in (ROOT / "bot" / "widget" / "static").glob("*.js"):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip().startswith(("//", "*", "/*")) and NUMBER_IN_CODE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()[:80]}")
    assert not found, "numbers written into code instead of read from data/content/resources.yml:\n" + "\n".join(found)
