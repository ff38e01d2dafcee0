"""The website widget in a real headless Chromium, against a real bot: what a visitor sees and can do."""

from __future__ import annotations

import pytest

from tests.bot.widget.browser import ask, open_page, serve_widget, stop_widget
from tests.servers import content_db, free_port, MODEL, ROOT, start_actions, start_rasa, trained_model

pytestmark = pytest.mark.model
SCREENSHOT = ROOT / "results" / "widget.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory, content_bundle):
    """The bot (Rasa + actions) and the demo page on another origin, as a real website would embed it."""
    trained_model()
    work = tmp_path_factory.mktemp("widget")
    db_url = content_db(work, content_bundle)
    ports = {"rasa": free_port(), "actions": free_port(), "site": free_port()}
    site_origin = f"http://127.0.0.1:{ports['site']}"
    actions = start_actions(ports["actions"], work / "actions.log", db_url)
    rasa = start_rasa(ports["rasa"], ports["actions"], work, MODEL, cors=site_origin)
    server = serve_widget(ports["site"], f"http://127.0.0.1:{ports['rasa']}")
    yield site_origin
    stop_widget(server)
    rasa.stop()
    actions.stop()


@pytest.fixture
def page(browser, site):
    """A fresh tab (fresh session storage) on the demo page."""
    with open_page(browser, site) as pg:
        yield pg


def test_demo_page_sends_a_content_security_policy(site):
    import urllib.request

    with urllib.request.urlopen(site + "/") as resp:
        csp = resp.headers["Content-Security-Policy"]
        page_html = resp.read().decode()
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert 'src="widget.js"' in page_html and "__BOT_URL__" not in page_html


def test_welcome_banner_and_accessibility_landmarks(page):
    log_text = page.inner_text(".osb-log")
    assert "I'm an AI assistant" in log_text and "not a clinician" in log_text and "not for emergencies" in log_text
    banner = page.inner_text(".osb-banner")
    assert "In danger? Call 911" in banner and "988" in banner
    assert page.get_attribute(".osb-banner a[href='tel:911']", "href") == "tel:911"
    assert page.get_attribute(".osb-log", "role") == "log"
    assert page.get_attribute(".osb-log", "aria-live") == "polite"
    assert page.get_attribute("#osb-input", "id") == page.get_attribute("label.osb-visually-hidden", "for")


def test_question_gets_the_answer_with_a_working_source_link_and_buttons(page):
    ask(page, "what is narcan", "Naloxone (Narcan) reverses an opioid overdose")
    last = page.locator(".osb-bot").last
    links = last.locator(".osb-bubble a[href^='https://']")
    assert links.count() >= 1
    assert links.first.get_attribute("rel") == "noopener noreferrer nofollow"
    assert page.locator(".osb-bot .osb-choice", has_text="Tell me more").count() >= 1
    assert page.locator(".osb-bot time").last.inner_text().strip() != ""
    bot_count = page.locator(".osb-bot").count()
    page.locator(".osb-choice", has_text="Tell me more").last.click()
    page.wait_for_function("document.querySelectorAll('.osb-user').length >= 2")
    assert page.locator(".osb-user .osb-bubble").last.inner_text() == "Tell me more"
    page.wait_for_function(f"document.querySelectorAll('.osb-bot').length > {bot_count}", timeout=30_000)
    assert "naloxone" in page.locator(".osb-bot .osb-bubble").last.inner_text().lower()


def test_crisis_message_shows_911_and_naloxone_in_a_crisis_card(page):
    ask(page, "my boyfriend overdosed and hes not breathing", "Call 911 now")
    card = page.get_by_role("alert", name="This may be an overdose. Call 911 now.")
    assert card.locator("a.osb-call[href='tel:911']").count() == 1  # the trained bot's reply carries the label
    assert "naloxone" in card.inner_text().lower()


def test_markup_in_messages_is_shown_as_text_and_never_runs(page):
    attack = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script><b>bold</b>"
    page.fill("#osb-input", attack)
    page.press("#osb-input", "Enter")
    page.wait_for_function("document.querySelectorAll('.osb-bot').length >= 2")
    assert page.locator(".osb-user .osb-bubble").last.inner_text() == attack
    assert page.locator(".osb-log img, .osb-log script, .osb-log b").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.evaluate("""() => {
        // A bot reply with markup and a javascript: link goes through the same renderer.
        window.sessionStorage.setItem('osb-widget-v1', JSON.stringify({sender: 'x', open: true, messages: [
          {from: 'bot', text: '<img src=x onerror="window.__pwned=3"> javascript:window.__pwned=4', at: new Date().toISOString()}]}));
    }""")
    page.reload()
    page.wait_for_selector(".osb-log .osb-bot")
    assert "<img src=x" in page.inner_text(".osb-log")
    assert page.locator(".osb-log img, .osb-log a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_reload_keeps_the_conversation(page):
    ask(page, "how long does withdrawal last", "withdrawal")
    before = page.locator(".osb-msg").count()
    page.reload()
    page.wait_for_selector(".osb-log .osb-msg")
    assert page.locator(".osb-msg").count() == before
    assert "how long does withdrawal last" in page.inner_text(".osb-log")
    ask(page, "tell me more", "")  # the same conversation continues on the server
    page.wait_for_function(f"document.querySelectorAll('.osb-msg').length > {before + 1}")


def test_keyboard_only_use(page):
    page.click("body")
    page.keyboard.press("Escape")  # nothing is focused in the panel: no effect
    page.focus(".osb-launcher")
    page.keyboard.press("Enter")  # closes the open panel
    assert page.is_hidden("#osb-panel")
    page.keyboard.press("Enter")  # opens it again and focuses the input
    assert page.evaluate("document.activeElement.id") == "osb-input"
    page.keyboard.type("what is methadone")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.osb-log').innerText.includes('Methadone')", timeout=30_000)
    page.keyboard.press("Escape")
    assert page.is_hidden("#osb-panel")
    assert page.evaluate("document.activeElement.className") == "osb-launcher"


def test_typing_indicator_shows_while_the_bot_answers(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1})
    page.fill("#osb-input", "what is methadone")
    page.press("#osb-input", "Enter")
    assert page.is_visible(".osb-typing") and page.inner_text(".osb-typing") == "Assistant is typing\u2026"
    assert page.get_attribute(".osb-log", "aria-busy") == "true"
    page.wait_for_function("document.querySelector('.osb-log').innerText.includes('Methadone')", timeout=30_000)
    assert page.is_hidden(".osb-typing")


def test_dropped_connection_shows_a_notice_and_the_message_is_delivered_later(page):
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.fill("#osb-input", "what is fentanyl")
    page.press("#osb-input", "Enter")
    page.wait_for_selector(".osb-notice:not([hidden])")
    assert "Connection lost" in page.inner_text(".osb-notice") and "911" in page.inner_text(".osb-notice")
    assert page.is_hidden(".osb-typing")
    page.unroute("**/webhooks/rest/webhook")
    page.wait_for_function("document.querySelectorAll('.osb-bot').length >= 2", timeout=30_000)
    assert "fentanyl" in page.locator(".osb-bot .osb-bubble").last.inner_text().lower()
    assert page.is_hidden(".osb-notice")


def test_fits_a_phone_screen_and_saves_a_screenshot(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, bypass_csp=True)
    pg = context.new_page()
    pg.goto(site + "/")
    pg.wait_for_selector(".osb-log .osb-bot")
    ask(pg, "what is naloxone", "Naloxone (Narcan)")
    box = pg.locator("#osb-panel").bounding_box()
    assert box["width"] == 375 and box["x"] == 0
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    context.close()


def test_only_the_configured_origin_may_call_the_bot_from_a_browser(site, browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(site + "/")
    bot_url = pg.get_attribute("script[data-bot-url]", "data-bot-url")
    call = """async (url) => {
        try { const r = await fetch(url + '/webhooks/rest/webhook', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                       body: JSON.stringify({sender: 'cors', message: 'hi'})});
              return r.status; } catch (e) { return 'blocked'; } }"""
    assert pg.evaluate(call, bot_url) == 200  # the demo page's own origin is allowed
    other = f"http://localhost:{site.rsplit(':', 1)[1]}"  # same server, but an origin not in --cors
    pg.goto(other + "/")
    assert pg.evaluate(call, bot_url) == "blocked"
    context.close()


def test_the_bot_follows_the_widgets_language_and_its_switch(browser, site):
    """The real pipeline: the metadata reaches the NLU (bot/nlu/language.py) and the switch payload sets the slot."""
    with open_page(browser, site, html_lang="es") as pg:  # a Spanish page; "hola" alone does not say its language
        ask(pg, "hola", "soy un asistente autom\u00e1tico")
        bots = pg.locator(".osb-bot").count()
        pg.click(".osb-lang")  # "English"
        pg.wait_for_function(f"document.querySelectorAll('.osb-bot').length > {bots}", timeout=30_000)
        ask(pg, "hola", "I'm an automated assistant")  # now the widget, and so the bot, is in English
        assert pg.locator(".osb-bot .osb-bubble").last.inner_text().find("asistente") < 0


SPANISH_CONVERSATION = ROOT / "results" / "widget-es-conversation.png"
SPANISH_TRANSCRIPT = ROOT / "results" / "widget-es-conversation.txt"


def test_a_spanish_conversation_topic_flow_crisis_and_back_to_topics(browser, site):
    """What issue 14 asks to see: a Spanish visitor gets a topic, a guided conversation, a crisis reply with its
    check-in, and topics again - every reply in Spanish. Saves a screenshot and the transcript in results/."""
    english = ("Sources:", "Tell me more", "Here's where", "More help", "Call 911 now", "Last reviewed")
    with open_page(browser, site, html_lang="es", viewport={"width": 420, "height": 900}) as pg:
        ask(pg, "que es la metadona y como funciona", "Fuentes")
        assert pg.locator(".osb-bot .osb-choice", has_text="Quiero saber más").count() >= 1
        ask(pg, "como busco tratamiento cerca de mi casa", "Fuentes")
        bots = pg.locator(".osb-bot").count()
        pg.locator(".osb-choice", has_text="Buscar por estado").last.click()
        pg.wait_for_function(
            f"[...document.querySelectorAll('.osb-bot')].slice({bots}).some(r => r.innerText.includes('estado o territorio'))",
            timeout=30_000)
        ask(pg, "vivo en nueva york", "Por dónde empezar en Nueva York")
        ask(pg, "ayuda mi hijo no respira y tiene los labios morados", "911")
        card = pg.locator(".osb-crisis").last
        assert card.locator("a.osb-call[href='tel:911']").inner_text() == "Llamar al 911"
        assert "naloxona" in pg.locator(".osb-bot").last.inner_text().lower() or "naloxona" in card.inner_text().lower()
        ask(pg, "si ya desperto y respira", "")
        ask(pg, "y como le hablo cuando este mejor", "Fuentes")
        bot_texts = pg.eval_on_selector_all(".osb-bot .osb-bubble, .osb-bot .osb-crisis", "els => els.map(e => e.innerText)")
        for text in bot_texts:
            assert not any(word in text for word in english), text
        SPANISH_CONVERSATION.parent.mkdir(exist_ok=True)
        pg.screenshot(path=str(SPANISH_CONVERSATION), full_page=True)
        SPANISH_TRANSCRIPT.write_text(pg.inner_text(".osb-log") + "\n", encoding="utf-8")
    assert SPANISH_CONVERSATION.stat().st_size > 10_000
