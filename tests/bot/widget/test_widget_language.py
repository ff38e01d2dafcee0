"""The widget in English and Spanish, in Chromium: which language it opens in, the switch, and a bot that follows.

The widget's language is the visitor's choice in this tab, else the site's (``data-lang`` on the script tag, then
``<html lang>``), else the browser's, else English. A page that declares its language wins over the browser.
Every message carries the widget's language (``metadata``) and the switch sends ``/switch_language{...}``;
the scripted bot (``fake_bot.py``) chooses the reply's language with the real rule (``bot/nlu/language.py``).
"""

from __future__ import annotations

import json

import pytest

from bot.widget.lines import read_widget_lines
from tests.bot.widget.browser import PHONE, ask, open_page
from tests.bot.widget.fake_bot import DOWN_PREFIX, OVERDOSE_ES, QUESTION_ES
from tests.servers import ROOT

SCREENSHOT = ROOT / "results" / "widget-es.png"
LINES = read_widget_lines()
# Texts of the widget's own in each language, as a visitor or a screen reader meets them.
SPANISH_UI = {"placeholder": "Escriba su pregunta\u2026", "send": "Enviar", "switch": "English", "switch_lang": "en"}
ENGLISH_UI = {"placeholder": "Type your question\u2026", "send": "Send", "switch": "Espa\u00f1ol", "switch_lang": "es"}
SWITCHED_ES = "seguimos en espa\u00f1ol"  # utter_language_switched, Spanish
SWITCHED_EN = "continue in English"
DEFAULT_ES = "Perd\u00f3n, perd\u00ed el hilo"  # utter_default, Spanish: the bot's answer to a message it has no script for
DEFAULT_EN = "Sorry, I lost track"


def ui(pg) -> dict:
    """The widget's own texts on screen now."""
    switch = pg.locator(".osb-lang")
    return {"placeholder": pg.get_attribute("#osb-input", "placeholder"), "send": pg.inner_text(".osb-send"),
            "switch": switch.inner_text(), "switch_lang": switch.get_attribute("lang")}


def press_switch(pg, expect: str) -> dict:
    """Press the language switch from the keyboard; wait for the bot's whole reply showing ``expect``.

    Returns the JSON body the widget posted to the bot.
    """
    bots = pg.locator(".osb-bot").count()
    with pg.expect_request(lambda r: r.url.endswith("/webhooks/rest/webhook") and r.method == "POST") as request:
        pg.focus(".osb-lang")
        pg.keyboard.press("Enter")
    pg.wait_for_function(
        """([n, t]) => {
            const replies = [...document.querySelectorAll('.osb-bot')];
            return replies.length > n && document.querySelector('.osb-log').getAttribute('aria-busy') !== 'true'
                && replies.slice(n).some(r => r.innerText.includes(t));
        }""",
        arg=[bots, expect],
    )
    return json.loads(request.value.post_data)


def sent_with(pg, action) -> dict:
    """Run ``action`` (which sends one message) and return the JSON body the widget posted."""
    with pg.expect_request(lambda r: r.url.endswith("/webhooks/rest/webhook") and r.method == "POST") as request:
        action()
    return json.loads(request.value.post_data)


@pytest.fixture
def spanish_page(browser, fake_site):
    """The demo page declaring ``<html lang="es">``, on a desktop screen."""
    with open_page(browser, fake_site, html_lang="es") as pg:
        yield pg


def test_a_spanish_page_opens_the_widget_in_spanish(spanish_page):
    pg = spanish_page
    assert ui(pg) == SPANISH_UI
    welcome = pg.inner_text(".osb-log .osb-bot")
    assert "inteligencia artificial" in welcome and "No soy un profesional de salud" in welcome
    assert "no atiendo emergencias" in welcome and f"llame al {LINES['emergency']['phone']}" in welcome
    helpline = LINES["helpline"]
    assert f"L\u00ednea Nacional de Ayuda de SAMHSA, {helpline['phone']}" in welcome
    assert "gratis" in welcome and "espa\u00f1ol e ingl\u00e9s" in welcome
    assert "Hi." not in welcome and "English and Spanish" not in welcome
    banner = pg.inner_text(".osb-banner")
    assert banner.startswith("\u00bfEn peligro? Llame al 911") and "988" in banner and "In danger" not in banner
    assert pg.get_attribute(".osb-root", "lang") == "es"
    assert pg.get_attribute("#osb-panel", "aria-label") == pg.inner_text(".osb-title") == "Chat de apoyo sobre opioides"
    assert pg.get_attribute(".osb-close", "aria-label") == "Cerrar el chat"
    assert pg.get_attribute(".osb-log", "aria-label") == "Conversaci\u00f3n"
    assert pg.get_attribute(".osb-lang", "aria-label").startswith("English")  # the name starts with what it shows
    assert pg.inner_text("label[for='osb-input']") == "Su mensaje"


def test_the_browsers_language_counts_only_when_the_page_declares_none(browser, fake_site):
    with open_page(browser, fake_site, locale="es-US", html_lang=None) as pg:
        assert ui(pg) == SPANISH_UI
    with open_page(browser, fake_site, locale="es-US") as pg:  # the demo page says lang="en": the page wins
        assert ui(pg) == ENGLISH_UI
    with open_page(browser, fake_site, locale="fr-FR", html_lang="fr") as pg:  # neither es nor en: English
        assert ui(pg) == ENGLISH_UI
    with open_page(browser, fake_site, html_lang="es-MX") as pg:  # any Spanish
        assert ui(pg) == SPANISH_UI


def test_the_script_tags_data_lang_sets_the_widgets_language_over_the_pages(browser, fake_site):
    def with_data_lang(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(' data-open="true"', ' data-open="true" data-lang="es"'))

    with open_page(browser, fake_site) as pg:  # <html lang="en">
        assert ui(pg) == ENGLISH_UI
        pg.evaluate("() => sessionStorage.clear()")
        pg.route(fake_site + "/", with_data_lang)
        pg.reload()
        pg.wait_for_selector(".osb-log .osb-bot")
        assert ui(pg) == SPANISH_UI and "inteligencia artificial" in pg.inner_text(".osb-log")


def test_the_switch_changes_the_widget_tells_the_bot_and_is_kept_after_a_reload(browser, fake_site):
    with open_page(browser, fake_site) as pg:
        assert ui(pg) == ENGLISH_UI
        body = press_switch(pg, SWITCHED_ES)
        assert body["message"] == '/switch_language{"language":"es"}' and body["metadata"] == {"language": "es"}
        assert ui(pg) == SPANISH_UI
        assert pg.locator(".osb-user .osb-bubble").last.inner_text() == "Espa\u00f1ol"  # not the command
        assert "/switch_language" not in pg.inner_text(".osb-log")
        assert pg.evaluate("document.activeElement.className") == "osb-lang"  # the keyboard stays on the switch

        pg.reload()
        pg.wait_for_selector(".osb-log .osb-msg")
        assert ui(pg) == SPANISH_UI
        # A message that does not say its language is answered in the widget's: the metadata reached the bot.
        assert sent_with(pg, lambda: ask(pg, "ok", DEFAULT_ES))["metadata"] == {"language": "es"}

        body = press_switch(pg, SWITCHED_EN)
        assert body["message"] == '/switch_language{"language":"en"}'
        assert ui(pg) == ENGLISH_UI
        ask(pg, "ok", DEFAULT_EN)


def test_a_spanish_conversation(spanish_page):
    pg = spanish_page
    ask(pg, QUESTION_ES, "La naloxona (Narcan) revierte una sobredosis")
    answer = pg.locator(".osb-bot .osb-bubble").last
    assert answer.locator("details.osb-sources summary").inner_text().startswith("Fuentes (")
    ask(pg, "ok", DEFAULT_ES)  # too short to say its language: the widget's language decides
    ask(pg, OVERDOSE_ES, "despierta y respirando")
    card = pg.get_by_role("alert", name="Esto puede ser una sobredosis. Llame al 911 ahora.")
    links = card.locator("a.osb-call")
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["Llamar al 911", "Llamar al 988", "Texto al 988"]
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["tel:911", "tel:988", "sms:988"]
    assert links.first.get_attribute("aria-label") == "Llamar al 911 (Servicios de emergencia)"
    assert card.locator(".osb-crisis-actions").get_attribute("aria-label").startswith("Llame")
    assert "Call " not in pg.inner_text(".osb-log") and "Sources" not in pg.inner_text(".osb-log")


def test_without_the_bot_the_spanish_widget_still_shows_911_and_988(spanish_page):
    pg = spanish_page
    # The bot's conversation fails: the channel's own crisis reply is a Spanish card with the call buttons.
    ask(pg, DOWN_PREFIX + OVERDOSE_ES, "Llame al 911 ahora")
    card = pg.get_by_role("alert", name="Esto puede ser una sobredosis. Llame al 911 ahora.")
    assert card.locator("a.osb-call[href='tel:911']").inner_text() == "Llamar al 911"
    # Any other message the conversation could not answer: the channel's own reply, in Spanish too.
    ask(pg, DOWN_PREFIX + "hola", "Lo siento, ahora mismo tengo problemas para responder")
    # The bot cannot be reached at all: the notice and the banner, in Spanish, with the numbers.
    pg.route("**/webhooks/rest/webhook", lambda route: route.abort())
    pg.fill("#osb-input", OVERDOSE_ES)
    pg.press("#osb-input", "Enter")
    pg.wait_for_selector(".osb-notice:not([hidden])")
    notice = pg.inner_text(".osb-notice")
    assert notice.startswith("Se perdi\u00f3 la conexi\u00f3n") and "llame al 911 ahora" in notice
    banner = pg.locator(".osb-banner")
    assert banner.locator("a[href='tel:911']").is_visible() and banner.locator("a[href='tel:988']").is_visible()
    assert "oprima 2" in banner.inner_text()


def test_the_switch_works_while_the_bot_is_unreachable(browser, fake_site):
    with open_page(browser, fake_site) as pg:
        pg.route("**/webhooks/rest/webhook", lambda route: route.abort())
        pg.fill("#osb-input", "ok")
        pg.press("#osb-input", "Enter")
        pg.wait_for_selector(".osb-notice:not([hidden])")
        assert pg.inner_text(".osb-notice").startswith("Connection lost")
        pg.click(".osb-lang")
        assert ui(pg) == SPANISH_UI
        assert pg.inner_text(".osb-notice").startswith("Se perdi\u00f3 la conexi\u00f3n")  # the notice is translated too
        pg.unroute("**/webhooks/rest/webhook")
        # The kept message goes first, in the new language; then the switch the bot has not heard yet.
        pg.wait_for_function(f"document.querySelector('.osb-log').innerText.includes({json.dumps(SWITCHED_ES)})",
                             timeout=30_000)
        log = pg.inner_text(".osb-log")
        assert DEFAULT_ES in log and log.index(DEFAULT_ES) < log.index(SWITCHED_ES)


def test_a_phone_sized_spanish_conversation_and_its_screenshot(browser, fake_site):
    with open_page(browser, fake_site, PHONE, is_mobile=True, html_lang="es") as pg:
        ask(pg, QUESTION_ES, "La naloxona (Narcan)")
        box = pg.locator("#osb-panel").bounding_box()
        assert box["width"] == PHONE["width"] and box["x"] == 0
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        header = pg.locator(".osb-header")
        assert pg.locator(".osb-lang").is_visible() and pg.locator(".osb-close").is_visible()
        assert header.bounding_box()["height"] < 80  # title, switch and close fit on a phone
        SCREENSHOT.parent.mkdir(exist_ok=True)
        pg.screenshot(path=str(SCREENSHOT))
        assert SCREENSHOT.stat().st_size > 10_000
