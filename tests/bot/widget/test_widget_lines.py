"""The widget's emergency numbers come from the resource table, and a widget without them is never served."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from bot.content.schema import parse_resources
from bot.settings import CONTENT_DIR
from bot.flows.lines import ROLES
from bot.widget.lines import PLACEHOLDER, WIDGET_ROLES, read_widget_lines, spanish_words
from bot.widget.server import STATIC_DIR, make_server, render_file, write_files
from tests.bot.widget.browser import serve_widget, stop_widget
from tests.servers import free_port


def table_numbers():
    """Every phone and text number in data/content/resources.yml."""
    resources = parse_resources(CONTENT_DIR / "resources.yml")
    return {n for r in resources for n in (r.phone, r.text_number) if n}


def test_the_widget_source_holds_no_number_of_its_own():
    source = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    written_in = [n for n in table_numbers() if re.search(rf"(?<![\d-]){re.escape(n)}(?![\d-])", source)]
    assert written_in == [], f"widget.js writes out {written_in}: take them from LINES (the resource table)"
    assert PLACEHOLDER in source


def test_the_served_widget_carries_the_tables_911_988_and_helpline():
    port = free_port()
    server = serve_widget(port, "http://127.0.0.1:1")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/widget.js") as resp:
            served = resp.read().decode("utf-8")
    finally:
        stop_widget(server)
    lines = json.loads(re.search(r"var LINES = (\{.*?\});", served).group(1))
    by_key = {r.key: r for r in parse_resources(CONTENT_DIR / "resources.yml")}
    assert lines["emergency"]["phone"] == by_key[ROLES[WIDGET_ROLES["emergency"]]].phone == "911"
    assert lines["crisis_line"]["phone"] == lines["crisis_line"]["text"] == "988"
    assert lines["helpline"]["phone"] == by_key[ROLES[WIDGET_ROLES["helpline"]]].phone
    assert PLACEHOLDER not in served


def test_a_table_without_the_emergency_line_stops_the_widget_server(tmp_path):
    table = (CONTENT_DIR / "resources.yml").read_text(encoding="utf-8")
    (tmp_path / "resources.yml").write_text(table.replace("key: emergency-911", "key: emergency-services"), "utf-8")
    with pytest.raises(ValueError, match="emergency-911"):
        make_server("127.0.0.1", free_port(), "http://127.0.0.1:1", content_dir=tmp_path)


def test_files_written_for_another_site_carry_the_numbers(tmp_path):
    write_files(tmp_path / "site")
    written = (tmp_path / "site" / "widget.js").read_text(encoding="utf-8")
    assert written == render_file("widget.js", "", read_widget_lines()).decode("utf-8")
    assert '"phone": "911"' in written and (tmp_path / "site" / "widget.css").exists()


def test_a_raw_copy_of_widget_js_does_not_start_and_tells_the_site_why(browser, fake_site):
    context = browser.new_context()
    pg = context.new_page()
    raw = str(STATIC_DIR / "widget.js")
    pg.route("**/widget.js", lambda route: route.fulfill(path=raw, content_type="text/javascript"))
    with pg.expect_console_message(lambda m: m.type == "error" and "without its emergency numbers" in m.text):
        pg.goto(fake_site + "/")
    assert pg.locator(".osb-root").count() == 0  # no chat that could not show 911 and 988
    context.close()


def test_the_spanish_widget_shows_each_lines_own_spanish_words_from_the_table():
    lines = read_widget_lines()
    assert {role: line["es"]["name"] for role, line in lines.items()} == {
        "emergency": "Servicios de emergencia", "crisis_line": "988 Línea de Prevención del Suicidio y Crisis",
        "helpline": "Línea Nacional de Ayuda de SAMHSA"}
    assert lines["helpline"]["languages"] == "English and Spanish"
    assert lines["helpline"]["es"]["languages"] == "español e inglés"
    assert lines["helpline"]["es"]["hours"] == "24/7, los 365 días del año"
    assert lines["crisis_line"]["es"]["note"] == "oprima 2 para español"
    assert {role: line["phone"] for role, line in lines.items()} == {
        "emergency": "911", "crisis_line": "988", "helpline": "1-800-662-4357"}


def test_a_line_without_a_note_has_none():
    by_key = {r.key: r for r in parse_resources(CONTENT_DIR / "resources.yml")}
    assert spanish_words(by_key["samhsa-helpline"])["note"] == ""
    assert spanish_words(by_key["never-use-alone"])["languages"] == "inglés"


def test_the_demo_page_declares_the_language_asked_for():
    lines = read_widget_lines()
    for page_lang, declared in [(None, b'<html lang="en">'), ("es", b'<html lang="es">'), ("es-MX", b'<html lang="es-MX">'),
                                ("", b"<html>"), ('"><script>', b'<html lang="en">')]:
        page = render_file("index.html", "http://127.0.0.1:1", lines, page_lang)
        assert declared in page and page.count(b"<html") == 1, page_lang
    port = free_port()
    server = serve_widget(port, "http://127.0.0.1:1")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?lang=es") as resp:
            assert b'<html lang="es">' in resp.read()
    finally:
        stop_widget(server)
