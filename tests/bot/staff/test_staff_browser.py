"""The staff page in a real headless Chromium: refused without the token, signed in, charts and queue shown, a
message labelled, the export downloaded; the widget's site cannot read it. Saves results/staff.png.

One test, as staff would go through it: each step waits for the state it means, and Chromium and the charts
are set up once."""

from __future__ import annotations

from typing import Iterator

import pytest
import yaml

from bot.staff.routes import StaffSite
from tests.bot.staff.conversations import NONSENSE, ODD, PERIOD
from tests.bot.staff.test_routes import Site
from tests.bot.widget.browser import serve_widget, stop_widget
from tests.servers import ROOT, free_port

TOKEN = "staff-browser-token-0123456789"
SCREENSHOT = ROOT / "results" / "staff.png"
CHARTS_DRAWN = """() => { const imgs = [...document.querySelectorAll('img.chart')];
    return imgs.length === 7 && imgs.every(i => i.complete && i.naturalWidth > 0); }"""


@pytest.fixture(scope="module")
def staff(tmp_path_factory) -> Iterator[str]:
    """The widget server with the staff page, over a store of its own (the test labels a message)."""
    from tests.bot.staff.conftest import _sqlite

    filled = _sqlite(tmp_path_factory.mktemp("staff-browser"))
    site = Site(StaffSite(TOKEN, filled.engine, threshold=0.25))
    yield f"http://127.0.0.1:{site.port}"
    site.close()
    filled.engine.dispose()


@pytest.fixture
def page(browser, staff):
    """A fresh browser tab; any script error or CSP violation on the staff page fails the test."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    problems = []
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    pg.on("console", lambda msg: problems.append(msg.text)
          if msg.type == "error" and pg.url.startswith(staff) and "401" not in msg.text else None)
    yield pg
    context.close()
    assert problems == [], f"errors on the page (a CSP violation shows here too): {problems}"


def test_staff_signs_in_reviews_a_message_and_downloads_the_export(page, staff, tmp_path):
    response = page.goto(f"{staff}/staff?from={PERIOD.first.isoformat()}&to={PERIOD.last.isoformat()}")
    assert response.status == 401
    assert page.is_visible("input#token") and "conversations" not in page.inner_text("body")

    page.fill("#token", "not the token, sorry")
    page.click("button[type=submit]")
    page.wait_for_selector("[role=alert]")
    assert page.inner_text("[role=alert]") == "That token is not right."

    page.fill("#token", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_function(CHARTS_DRAWN)  # signed in, on the period asked for
    assert page.input_value("#from") == PERIOD.first.isoformat() and page.input_value("#to") == PERIOD.last.isoformat()
    page.fill("#to", PERIOD.last.isoformat())
    page.click("form.period button")  # the period form
    page.wait_for_url(f"**/staff?from={PERIOD.first.isoformat()}&to={PERIOD.last.isoformat()}")
    page.wait_for_function(CHARTS_DRAWN)
    assert "14 conversations" in page.inner_text(".summary").replace("\n", " ")
    for heading in ("Conversations and messages per day", "Top topics", "Messages not understood",
                    "Crisis replies per day", "Crisis check-ins", "Guided conversations started and finished",
                    "Where messages came from", "Review queue"):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    page.click("#topics summary")  # the numbers under a chart
    assert page.get_by_role("table", name="Top topics").is_visible()

    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 4 and ODD in rows.first.inner_text()  # newest first
    row = page.locator("table.queue tbody tr", has_text=NONSENSE)
    assert "ask_cost" in row.inner_text() and "not labelled" in row.inner_text()
    row.locator("select").select_option("ask_kratom")
    row.get_by_role("button", name="Save").click()
    page.wait_for_function(f"""() => [...document.querySelectorAll('table.queue tbody tr')]
        .some(r => r.innerText.includes({NONSENSE!r}) && r.innerText.includes('labelled ask_kratom'))""")
    assert "1 labelled" in page.inner_text("#queue .intro")

    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 50_000

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the labelled examples (NLU YAML)").click()
    path = tmp_path / "reviewed.yml"
    info.value.save_as(path)
    exported = yaml.safe_load(path.read_text())
    assert exported["version"] == "3.1"
    assert exported["nlu"] == [{"intent": "ask_kratom", "examples": f"- {NONSENSE}\n"}]

    # A script on the widget's site (another origin) gets nothing, even with the staff cookie in this browser.
    port = free_port()
    widget = serve_widget(port, "http://127.0.0.1:1")
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        result = page.evaluate("""async (url) => {
            try { const r = await fetch(url, {credentials: 'include'}); return r.status + ' ' + (await r.text()).length; }
            catch (e) { return 'blocked'; } }""", staff + "/staff")
        assert result == "blocked"
    finally:
        stop_widget(widget)
