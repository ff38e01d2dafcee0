"""The crisis moment in the widget, in Chromium: what a person in an emergency sees and can tap.

The replies come from the real REST channel, domain responses and content store, with the scripted bot of
``fake_bot.py`` choosing them, so these tests need no trained model (``test_widget_browser.py`` checks the
crisis card against the trained bot as well).
"""

from __future__ import annotations

import re

import pytest

from bot.widget.lines import read_widget_lines
from tests.bot.widget.browser import PHONE, ask, open_page, serve_widget, stop_widget
from tests.bot.widget.fake_bot import DOWN_PREFIX, OVERDOSE, OVERDOSE_ES, QUESTION, SUICIDE
from tests.servers import ROOT

SCREENSHOT = ROOT / "results" / "widget-crisis-card.png"
OVERDOSE_FIRST_LINE = "This may be an overdose. Call 911 now."
# Where the newest crisis card and its parts are, against the conversation panel that scrolls.
GEOMETRY = """() => {
    const log = document.querySelector('.osb-log');
    const card = [...document.querySelectorAll('.osb-crisis')].pop();
    const box = (el) => el.getBoundingClientRect();
    return {logTop: box(log).top, logBottom: box(log).bottom, cardTop: box(card).top,
            buttonsBottom: box(card.querySelector('.osb-crisis-actions')).bottom,
            moreBelow: log.scrollTop + log.clientHeight < log.scrollHeight - 1};
}"""
CARD_AT_TOP = f"() => {{ const g = ({GEOMETRY})(); return g.cardTop >= g.logTop && g.cardTop - g.logTop <= 16; }}"


@pytest.fixture
def phone(browser, fake_site):
    """The demo page on a phone-sized screen (390 x 844), where the open chat fills the screen."""
    with open_page(browser, fake_site, PHONE, is_mobile=True) as pg:
        yield pg


@pytest.fixture
def desktop(browser, fake_site):
    """The demo page on a desktop screen."""
    with open_page(browser, fake_site) as pg:
        yield pg


def call_links(card):
    """(text, href) of the card's call and text buttons, in order."""
    links = card.locator("a.osb-call")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def contrast(pg, selector: str) -> float:
    """WCAG contrast ratio of the element's text colour against its background colour."""
    colours = pg.eval_on_selector(selector, "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")

    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(c) for c in colours), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_crisis_reply_is_an_alert_card_with_large_call_and_text_buttons(phone):
    ask(phone, OVERDOSE, "awake and breathing")  # the whole turn: card, resources, check-in
    card = phone.get_by_role("alert", name=OVERDOSE_FIRST_LINE)  # read out at once, named by its first line
    assert card.count() == 1
    assert call_links(card) == [("Call 911", "tel:911"), ("Call 988", "tel:988"), ("Text 988", "sms:988")]
    for i in range(3):
        box = card.locator("a.osb-call").nth(i).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 90  # easy to hit with a shaking thumb
    assert "naloxone (Narcan)" in card.inner_text()
    assert contrast(phone, ".osb-crisis") >= 7 and contrast(phone, ".osb-call") >= 7  # WCAG AAA
    assert phone.get_by_role("alert").count() == 1  # the resources and the check-in are ordinary messages


def test_the_panel_shows_the_card_from_its_top_not_the_list_below_and_saves_a_screenshot(phone):
    ask(phone, OVERDOSE, "awake and breathing")
    g = phone.evaluate(GEOMETRY)
    assert g["logTop"] <= g["cardTop"] <= g["logTop"] + 16  # the first line is at the top of the panel
    assert g["buttonsBottom"] <= g["logBottom"]  # and the call buttons are in view with it
    assert g["moreBelow"]  # the resources and the check-in wait below; the panel did not jump to the end
    SCREENSHOT.parent.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_suicide_card_has_the_same_buttons_911_first_as_its_guidance(desktop):
    ask(desktop, SUICIDE, "is everyone safe")
    card = desktop.get_by_role("alert", name="I'm really glad you told me. You deserve support right now.")
    assert call_links(card) == [("Call 911", "tel:911"), ("Call 988", "tel:988"), ("Text 988", "sms:988")]
    assert "call 911 now" in card.inner_text()  # "If you've already taken pills ... call 911 now"


def test_spanish_crisis_reply_is_a_card_too_with_spanish_buttons_in_the_english_widget(desktop):
    ask(desktop, OVERDOSE_ES, "despierta y respirando")
    card = desktop.get_by_role("alert", name="Esto puede ser una sobredosis. Llame al 911 ahora.")
    assert call_links(card) == [("Llamar al 911", "tel:911"), ("Llamar al 988", "tel:988"), ("Texto al 988", "sms:988")]
    assert card.get_attribute("lang") == "es"  # read out in Spanish, in a widget that is in English
    assert desktop.get_attribute("#osb-input", "placeholder") == "Type your question\u2026"


def test_crisis_reply_the_channel_sends_when_the_bot_fails_is_a_card_too(desktop):
    ask(desktop, DOWN_PREFIX + OVERDOSE, "Call 911 now")
    card = desktop.get_by_role("alert", name=OVERDOSE_FIRST_LINE)
    assert call_links(card)[0] == ("Call 911", "tel:911")


def test_reload_keeps_the_card_and_shows_it_from_its_top(phone):
    ask(phone, OVERDOSE, "awake and breathing")
    phone.reload()
    phone.wait_for_function(CARD_AT_TOP)  # rendered, styled and scrolled to, as it was before the reload
    card = phone.get_by_role("region", name=OVERDOSE_FIRST_LINE)  # labelled, but not announced a second time
    assert call_links(card)[0] == ("Call 911", "tel:911")
    assert phone.get_by_role("alert").count() == 0


def test_ordinary_answer_is_a_bubble_whose_sources_fold_into_one_line(desktop):
    ask(desktop, QUESTION, "Naloxone (Narcan)")
    assert desktop.locator(".osb-crisis").count() == 0
    bubble = desktop.locator(".osb-bot .osb-bubble").last
    sources = bubble.locator("details.osb-sources")
    assert sources.get_attribute("open") is None
    assert re.fullmatch(r"Sources \(\d+\)", sources.locator("summary").inner_text())
    shown = bubble.inner_text()
    assert "https://" not in shown and "Last reviewed" in shown  # no raw URLs; the review date stays visible
    sources.locator("summary").click()
    link = sources.locator("a").first
    assert link.is_visible() and link.get_attribute("href").startswith("https://")
    assert ": " in link.inner_text() and "https://" not in link.inner_text()  # "Publisher: Title"


def test_without_the_bot_the_numbers_are_still_on_screen(desktop):
    desktop.route("**/webhooks/rest/webhook", lambda route: route.abort())
    desktop.fill("#osb-input", OVERDOSE)
    desktop.press("#osb-input", "Enter")
    desktop.wait_for_selector(".osb-notice:not([hidden])")
    assert "call 911 now" in desktop.inner_text(".osb-notice")
    banner = desktop.locator(".osb-banner")
    assert banner.locator("a[href='tel:911']").is_visible() and banner.locator("a[href='tel:988']").is_visible()


def test_the_widget_takes_its_numbers_from_the_resource_table(browser, fake_bot, tmp_path):
    table = (ROOT / "data" / "content" / "resources.yml").read_text(encoding="utf-8")
    changed = (table.replace('phone: "911"', 'phone: "112"').replace('phone: "988"\n    text_number: "988"',
                                                                  'phone: "999"\n    text_number: "99999"')
               .replace("phone: 1-800-662-4357", "phone: 1-800-555-0100"))
    (tmp_path / "resources.yml").write_text(changed, encoding="utf-8")
    lines = read_widget_lines(tmp_path)
    assert (lines["emergency"]["phone"], lines["crisis_line"]["text"], lines["helpline"]["phone"]) == (
        "112", "99999", "1-800-555-0100")
    port = fake_bot["site_ports"][1]
    server = serve_widget(port, fake_bot["url"], content_dir=tmp_path)
    try:
        with open_page(browser, f"http://127.0.0.1:{port}") as pg:
            assert pg.locator(".osb-banner a[href='tel:112']").count() == 1
            assert pg.locator(".osb-banner a[href='tel:999']").count() == 1
            assert "1-800-555-0100" in pg.inner_text(".osb-log")  # the welcome's helpline
            ask(pg, OVERDOSE, "awake and breathing")
            card = pg.get_by_role("alert")
            assert call_links(card) == [("Call 112", "tel:112"), ("Call 999", "tel:999"), ("Text 99999", "sms:99999")]
    finally:
        stop_widget(server)

