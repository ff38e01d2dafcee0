"""Recognising the state a user names, and the state table in the content store."""

from __future__ import annotations

import pytest

from bot.flows.us_states import resolve_state
from bot.flows.treatment_finder import treatment_text


@pytest.mark.parametrize(
    "typed, code",
    [("Ohio", "OH"), ("oh", "OH"), ("IN", "IN"), ("N.Y.", "NY"), ("new yrok", "NY"), ("pensylvania", "PA"),
     ("Missisippi", "MS"), ("washington", "WA"), ("Washington DC", "DC"), ("d.c.", "DC"), ("I live in west virginia", "WV"),
     ("virgina", "VA"), ("puerto rico", "PR"), ("Guam", "GU"), ("usvi", "VI"), ("arkansas", "AR"), ("kansas", "KS"),
     ("tenessee", "TN"), ("somewhere in rural ohio please", "OH"), ("new mexico", "NM")],
)
def test_names_abbreviations_and_misspellings_are_recognised(store, typed, code):
    state = resolve_state(typed, store.states())
    assert state is not None and state.code == code


@pytest.mark.parametrize("typed", ["narnia", "mexico", "asdf", "", "   ", "yes", "<script>", "1234", "x" * 5000])
def test_anything_else_is_not_a_state(store, typed):
    assert resolve_state(typed, store.states()) is None


def test_the_table_covers_50_states_dc_and_5_territories(store):
    kinds = [s.kind for s in store.states()]
    assert len(kinds) == 56 and kinds.count("state") == 50 and kinds.count("district") == 1 and kinds.count("territory") == 5


def test_answer_names_the_state_and_gives_locator_helpline_and_naloxone(store):
    texas = next(s for s in store.states() if s.code == "TX")
    text = treatment_text(store, texas)
    assert text.startswith("Here's where to start in Texas:")
    assert "https://findtreatment.gov" in text and "1-800-662-4357" in text and "over the counter" in text
    assert "I won't guess one" in text  # no unverified state link is ever invented
    assert "call 911" in text and "Sources:" in text and "Last reviewed: November 2026" in text
    assert "Type a town or ZIP code in Texas" in text


def test_a_state_with_its_own_line_shows_it_with_the_checked_date(store):
    hawaii = next(s for s in store.states() if s.code == "HI")
    text = treatment_text(store, hawaii)
    assert ("4. Hawaii's own resource: Hawaii CARES, the Department of Health's line for substance use treatment and "
            "recovery support referrals (https://hicares.hawaii.gov/about/, 1-800-753-6879, checked April 2024).") in text
    assert "I won't guess one" not in text
    assert text.split("Sources: ")[1].split("\n")[0].endswith("https://health.hawaii.gov/substance-abuse/cares/")


def test_every_state_line_names_its_checked_month_and_official_source(store):
    with_line = [s for s in store.states() if s.resource_url]
    assert with_line, "no state has its own line"
    for state in with_line:
        text = treatment_text(store, state)
        assert f"checked {state.resource_checked:%B %Y})." in text and state.resource_source.url in text


def test_a_state_without_a_line_stays_as_before(store):
    alabama = next(s for s in store.states() if s.code == "AL")
    assert alabama.resource_url is None and alabama.resource_checked is None
    text = treatment_text(store, alabama)
    assert ("4. Alabama's own treatment agency: I don't have a link for it that I've checked, so I won't guess one. "
            "The helpline above can connect you with it.") in text
    assert "checked" not in text.replace("I've checked", "")
