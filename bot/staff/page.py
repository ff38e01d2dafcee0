"""The staff page's HTML: the login form, and the figures (chart, then the same numbers as a table) and review queue.

Plain HTML forms and no script at all, so the page's Content-Security-Policy can forbid every script. Every value
from the store is escaped; counts go through ``shown`` ("< 5" for 1-4), in tables as in charts.
"""

from __future__ import annotations

import base64
import threading
import datetime as dt
from collections import OrderedDict
from html import escape
from typing import Dict, Iterable, List, Optional, Sequence

from bot.staff import charts
from bot.staff.charts import shown
from bot.staff.labels import NOT_FOR_US
from bot.staff.usage import CRISIS_KINDS, FLOWS, Usage

FLOW_NAMES = {
    "loved_one_form": "Plan for helping a loved one",
    "level_of_care_form": "Which level of care",
    "find_treatment_form": "Find treatment by state",
}
CHANNEL_NAMES = {"rest": "website chat (rest)", "telegram": "Telegram", "slack": "Slack", "cmdline": "terminal (rasa shell)"}
QUEUE_LIMIT = 200


def _doc(title: str, body: str) -> str:
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"robots\" content=\"noindex\">"
        f"<title>{escape(title)}</title><link rel=\"stylesheet\" href=\"/staff/staff.css\"></head>\n"
        f"<body>{body}</body></html>\n"
    )


def login_page(message: str = "", period: str = "") -> str:
    """The form that asks for the staff token (the page itself answers 401 until it is given); ``period`` is the
    from/to query the page was asked with, kept through the sign-in."""
    note = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    keep = f'<input type="hidden" name="period" value="{escape(period)}">' if period else ""
    return _doc("Staff sign-in", (
        "<main class=\"login\"><h1>Staff page</h1>"
        "<p>This page is for the team that runs the assistant. Enter the staff token to see it.</p>"
        f"{note}<form method=\"post\" action=\"/staff/login\">{keep}"
        "<label for=\"token\">Staff token</label>"
        "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>"
        "<button type=\"submit\">Sign in</button></form></main>"
    ))


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    rows = list(rows)
    if not rows:
        return f'<p class="empty">{escape(caption)}: nothing in this period.</p>'
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return (f'<details class="numbers {cls}"><summary>The numbers</summary><table><caption>{escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></details>")


def _section(anchor: str, title: str, intro: str, chart: str, alt: str, table: str) -> str:
    return (f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{escape(title)}</h2>'
            f'<p class="intro">{escape(intro)}</p>{_img(chart, alt)}{table}</section>')


def _day(d: dt.date) -> str:
    return d.isoformat()


def _share(missed: int, total: int) -> str:
    if not total:
        return ""
    if 0 < missed < charts.SMALL:
        return "-"  # a share would give the small count away
    return f"{100.0 * missed / total:.0f}%"


_FIGURES_CACHE: "OrderedDict[str, str]" = OrderedDict()
_CACHE_SIZE = 16
_DRAWING = threading.Lock()


def figures(usage: Usage) -> str:
    """The charts, each followed by its numbers; the same figures are drawn once (drawing takes about 2 s)."""
    key = repr((usage.period, sorted(usage.conversations.items()), sorted(usage.messages.items()),
                sorted(usage.missed.items()), usage.topics.most_common(), sorted((k, sorted(v.items())) for k, v in usage.crisis.items()),
                sorted(usage.check_in_asked.items()), sorted(usage.check_in_answered.items()), sorted(usage.flows_started.items()),
                sorted(usage.flows_finished.items()), sorted(usage.channels.items())))
    with _DRAWING:  # the server is threaded; matplotlib and the cache are not made for that
        if key not in _FIGURES_CACHE:
            _FIGURES_CACHE[key] = _figures(usage)
            while len(_FIGURES_CACHE) > _CACHE_SIZE:
                _FIGURES_CACHE.popitem(last=False)
        _FIGURES_CACHE.move_to_end(key)
        return _FIGURES_CACHE[key]


def _figures(usage: Usage) -> str:
    days = usage.period.days
    active_days = [d for d in days if usage.messages.get(d)]
    out: List[str] = []
    out.append(_section(
        "volume", "Conversations and messages per day", "How many conversations had at least one message that day, and how many messages people sent.",
        charts.per_day(days, {"conversations": usage.conversations, "messages": usage.messages}, "Conversations and messages per day"),
        "Bar chart of conversations and messages per day; the numbers are in the table below.",
        _table("Conversations and messages per day", ["Day", "Conversations", "Messages"],
               [(_day(d), shown(usage.conversations.get(d, 0)), shown(usage.messages.get(d, 0))) for d in active_days]),
    ))
    top = usage.topics.most_common(12)
    out.append(_section(
        "topics", "Top topics", "The topics the assistant answered most often (by the intent it recognised).",
        charts.ranked(top, "Top topics", "answers"), "Bar chart of the most asked topics; the numbers are in the table below.",
        _table("Top topics", ["Topic (intent)", "Answers"], [(name, shown(n)) for name, n in top]),
    ))
    shares = {d: (usage.missed.get(d, 0), usage.messages.get(d, 0)) for d in days}
    total_missed, total = sum(usage.missed.values()), sum(usage.messages.values())
    out.append(_section(
        "missed", "Messages not understood",
        "Share of messages that got the 'please rephrase' reply, the out-of-scope reply or Rasa's fallback. "
        f"Whole period: {shown(total_missed)} of {shown(total)} messages"  # (escaped by _section)
        + (f" ({_share(total_missed, total)})." if _share(total_missed, total) not in ("", "-") else "."),
        charts.shares_per_day(days, shares, "Share of messages not understood, per day"),
        "Bar chart of the share of messages not understood per day; the numbers are in the table below.",
        _table("Messages not understood per day", ["Day", "Messages", "Not understood or out of scope", "Share"],
               [(_day(d), shown(shares[d][1]), shown(shares[d][0]), _share(*shares[d])) for d in active_days]),
    ))
    crisis_days = [d for d in days if any(usage.crisis[k].get(d) for k in CRISIS_KINDS)]
    out.append(_section(
        "crisis", "Crisis replies per day",
        "How often the crisis reply fired, by kind. 'Danger after the safety check' is when someone said yes to "
        "'are you or someone in danger?'.",
        charts.per_day(days, {k: usage.crisis[k] for k in CRISIS_KINDS}, "Crisis replies per day, by kind", stacked=True),
        "Stacked bar chart of crisis replies per day by kind; the numbers are in the table below.",
        _table("Crisis replies per day", ["Day", *CRISIS_KINDS],
               [(_day(d), *(shown(usage.crisis[k].get(d, 0)) for k in CRISIS_KINDS)) for d in crisis_days]),
    ))
    replies = {k: sum(usage.crisis[k].values()) for k in CRISIS_KINDS}
    out.append(_section(
        "check-in", "Crisis check-ins",
        "After a crisis reply the assistant checks in ('Are they breathing?', 'Are you safe right now?'). "
        "Asked: the check-in was sent. Answered: the person wrote back after it.",
        charts.compared(list(CRISIS_KINDS), {
            "crisis replies": [replies[k] for k in CRISIS_KINDS],
            "check-in asked": [usage.check_in_asked[k] for k in CRISIS_KINDS],
            "check-in answered": [usage.check_in_answered[k] for k in CRISIS_KINDS]}, "Crisis replies and check-ins"),
        "Bar chart of crisis replies, check-ins asked and check-ins answered by kind; the numbers are in the table below.",
        _table("Crisis replies and check-ins", ["Kind", "Crisis replies", "Check-in asked", "Check-in answered"],
               [(k, shown(replies[k]), shown(usage.check_in_asked[k]), shown(usage.check_in_answered[k]))
                for k in CRISIS_KINDS if replies[k]]),
    ))
    names = [FLOW_NAMES.get(f, f) for f in FLOWS]
    out.append(_section(
        "flows", "Guided conversations started and finished",
        "Finished: the person answered every question and got the result.",
        charts.compared(names, {"started": [usage.flows_started[f] for f in FLOWS],
                                "finished": [usage.flows_finished[f] for f in FLOWS]}, "Guided conversations"),
        "Bar chart of guided conversations started and finished; the numbers are in the table below.",
        _table("Guided conversations", ["Guided conversation", "Started", "Finished"],
               [(FLOW_NAMES.get(f, f), shown(usage.flows_started[f]), shown(usage.flows_finished[f]))
                for f in FLOWS if usage.flows_started[f] or usage.flows_finished[f]]),
    ))
    channels = [(CHANNEL_NAMES.get(name, name), n) for name, n in usage.channels.most_common()]
    out.append(_section(
        "channels", "Where messages came from", "Messages per channel.",
        charts.ranked(channels, "Messages per channel", "messages"),
        "Bar chart of messages per channel; the numbers are in the table below.",
        _table("Messages per channel", ["Channel", "Messages"], [(name, shown(n)) for name, n in channels]),
    ))
    return "".join(out)


def _options(choices: List[str], current: Optional[str]) -> str:
    opts = ['<option value="">choose…</option>',
            f'<option value="{NOT_FOR_US}"{" selected" if current == NOT_FOR_US else ""}>not for us</option>']
    opts += [f'<option value="{escape(c)}"{" selected" if c == current else ""}>{escape(c)}</option>' for c in choices]
    return "".join(opts)


def queue(usage: Usage, choices: List[str], csrf: str) -> str:
    """The review queue: messages not understood, newest first, each with a label form."""
    items = usage.queue[:QUEUE_LIMIT]
    p = usage.period
    more = (f"<p>Showing the newest {QUEUE_LIMIT} of {len(usage.queue)}. Choose a shorter period to see older ones.</p>"
            if len(usage.queue) > QUEUE_LIMIT else "")
    labelled = sum(1 for i in usage.queue if i.label)
    rows = []
    for item in items:
        state = "not labelled" if not item.label else ("not for us" if item.label == NOT_FOR_US else f"labelled {item.label}")
        rows.append(
            f'<tr id="m{item.event_id}" class="{"done" if item.label else "todo"}">'
            f'<td><time datetime="{item.at.isoformat()}">{item.at.strftime("%Y-%m-%d %H:%M")}</time></td>'
            f'<td class="text">{escape(item.text)}</td><td>{escape(item.reason)}</td>'
            f"<td>{escape(item.intent or '-')}</td><td>{item.confidence:.2f}</td>"
            f'<td><form method="post" action="/staff/label" class="label">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="event" value="{item.event_id}">'
            f'<input type="hidden" name="from" value="{p.first.isoformat()}"><input type="hidden" name="to" value="{p.last.isoformat()}">'
            f'<label class="vh" for="l{item.event_id}">Right intent</label>'
            f'<select id="l{item.event_id}" name="intent" required>{_options(choices, item.label)}</select>'
            f'<button type="submit">Save</button></form><span class="state">{escape(state)}</span>'
            f' <a href="/staff/story/{item.event_id}.yml">test story</a></td></tr>'
        )
    table = (
        "<table class=\"queue\"><caption>Messages to review, newest first</caption><thead><tr>"
        "<th scope=\"col\">When (UTC)</th><th scope=\"col\">Message (as stored, redacted)</th><th scope=\"col\">Why</th>"
        "<th scope=\"col\">Predicted intent</th><th scope=\"col\">Confidence</th><th scope=\"col\">Label</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows else "<p class=\"empty\">Nothing to review in this period.</p>"
    )
    return (
        '<section id="queue" aria-labelledby="queue-h"><h2 id="queue-h">Review queue</h2>'
        "<p class=\"intro\">Messages the assistant did not understand. Give each the intent it should have had, or "
        "'not for us' if the assistant should not answer it. "
        f"{len(usage.queue)} in this period, {labelled} labelled.</p>"
        '<p><a class="button" href="/staff/export.yml" download="reviewed.yml">Download the labelled examples (NLU YAML)</a> '
        "or run <code>python -m bot review export</code> to add them to data/nlu/reviewed.yml.</p>"
        f"{more}{table}</section>"
    )


def staff_page(usage: Usage, choices: List[str], csrf: str) -> str:
    """The whole page for one period."""
    p = usage.period
    total_messages = sum(usage.messages.values())
    period_form = (
        '<form method="get" action="/staff" class="period"><label for="from">From</label>'
        f'<input id="from" name="from" type="date" value="{p.first.isoformat()}">'
        f'<label for="to">to</label><input id="to" name="to" type="date" value="{p.last.isoformat()}">'
        '<button type="submit">Show</button></form>'
    )
    signout = (f'<form method="post" action="/staff/logout" class="signout"><input type="hidden" name="csrf" value="{escape(csrf)}">'
               '<button type="submit">Sign out</button></form>')
    nav = ('<nav aria-label="On this page"><a href="#volume">Volume</a> <a href="#topics">Topics</a> '
           '<a href="#missed">Not understood</a> <a href="#crisis">Crisis</a> <a href="#flows">Guided</a> '
           '<a href="#channels">Channels</a> <a href="#queue">Review queue</a></nav>')
    summary = (f'<p class="summary">{p.first.isoformat()} to {p.last.isoformat()} (UTC): '
               f"<strong>{escape(shown(usage.total_conversations))}</strong> conversations, <strong>{escape(shown(total_messages))}</strong> messages. "
               "Counts from 1 to 4 are shown as &lt; 5.</p>")
    return _doc("Staff page - how the assistant is used", (
        f'<header><h1>How the assistant is used</h1>{signout}</header><main>{period_form}{summary}{nav}'
        f"{figures(usage)}{queue(usage, choices, csrf)}</main>"
    ))
