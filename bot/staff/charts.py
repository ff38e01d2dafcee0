"""The staff page's charts: matplotlib drawn on the server as SVG (no script, no CDN), one function per chart.

Counts under 5 are never drawn to scale or written out: their bars are hatched, drawn at one fixed height, and
labelled "< 5" (the same rule as the tables, ``shown``), so no single person can be picked out from a chart.
Each function returns the SVG text; the page embeds it as an image and puts a text table under it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Dict, List, Sequence, Tuple

SMALL = 5  # counts from 1 to SMALL - 1 are shown as "< 5"
SMALL_HEIGHT = 2.5  # the height at which such a count is drawn
PALETTE = ("#1b6ca8", "#e07b00", "#2a9d55", "#b8336a", "#6c5ba7", "#7f7f7f")  # distinct for colour-blind readers
HATCH = "////"


def shown(count: int) -> str:
    """A count as staff see it: "< 5" from 1 to 4, the number otherwise."""
    return f"< {SMALL}" if 0 < count < SMALL else str(count)


def _height(count: int) -> float:
    return SMALL_HEIGHT if 0 < count < SMALL else float(count)


def _figure(height: float = 3.2):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, height), dpi=100)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _count_axis(ax, horizontal: bool = False, small: bool = False) -> None:
    """Whole-number ticks, at least up to 6 so a "< 5" bar is clearly under the 5 line; a note when bars are hatched."""
    from matplotlib.ticker import MaxNLocator

    axis, (low, high) = (ax.xaxis, ax.get_xlim()) if horizontal else (ax.yaxis, ax.get_ylim())
    axis.set_major_locator(MaxNLocator(integer=True))
    (ax.set_xlim if horizontal else ax.set_ylim)(0, max(high, SMALL + 1))
    if small:
        ax.figure.text(0.99, 0.01, f"hatched: fewer than {SMALL} (not drawn to scale)", ha="right", va="bottom",
                       fontsize=7, color="#56606b")


def _svg(fig) -> str:
    """The figure as SVG, text drawn as paths (an SVG shown as an image cannot use the page's fonts)."""
    import matplotlib

    out = io.StringIO()
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    # Fixed margins, the left one wide enough for the longest label (tight_layout took half the drawing time).
    left = min(0.45, max(0.08, 0.012 + 0.0085 * max([len(t) for t in labels] + [0])))
    fig.subplots_adjust(left=left, right=0.95, top=0.88, bottom=0.2 if fig.get_figheight() < 3 else 0.14)
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "staff"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _bars(ax, x, counts: Sequence[int], colour: str, bottom=None, horizontal: bool = False, label: str = "", **kw):
    heights = [_height(c) for c in counts]
    draw = ax.barh if horizontal else ax.bar
    if horizontal:
        bars = draw(x, heights, color=colour, label=label, left=bottom, **kw)
    else:
        bars = draw(x, heights, color=colour, label=label, bottom=bottom, **kw)
    for bar, count in zip(bars, counts):
        if 0 < count < SMALL:
            bar.set_hatch(HATCH)
            bar.set_edgecolor("white")
    return bars, heights


def _legend(ax, names: List[str], **kw) -> None:
    """A legend of plain colours (a hatched first bar would otherwise make its series look small)."""
    from matplotlib.patches import Patch

    handles = [Patch(color=PALETTE[i % len(PALETTE)], label=name) for i, name in enumerate(names)]
    ax.legend(handles=handles, fontsize=8, frameon=False, **kw)


def _day_axis(ax, days: List[dt.date]) -> None:
    step = max(1, len(days) // 10)
    ax.set_xticks(range(0, len(days), step))
    ax.set_xticklabels([d.strftime("%b %d") for d in days[::step]], rotation=0, fontsize=8)


def per_day(days: List[dt.date], series: Dict[str, Dict[dt.date, int]], title: str, stacked: bool = False) -> str:
    """Bars per day for one or more series (side by side, or stacked), labelled with ``shown`` counts."""
    fig, ax = _figure()
    names = list(series)
    width = 0.8 if stacked else 0.8 / max(1, len(names))
    bottom = [0.0] * len(days)
    for i, name in enumerate(names):
        counts = [series[name].get(d, 0) for d in days]
        x = list(range(len(days))) if stacked else [j - 0.4 + width * (i + 0.5) for j in range(len(days))]
        bars, heights = _bars(ax, x, counts, PALETTE[i % len(PALETTE)], bottom=list(bottom) if stacked else None,
                              label=name, width=width)
        if len(days) <= 31:
            texts = ax.bar_label(bars, labels=[shown(c) if c else "" for c in counts], fontsize=7,
                                 label_type="center" if stacked else "edge", padding=0 if stacked else 1)
            if stacked:  # readable on a hatched bar
                for t in texts:
                    t.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1})
        if stacked:
            bottom = [b + h for b, h in zip(bottom, heights)]
    _day_axis(ax, days)
    _count_axis(ax, small=any(0 < c < SMALL for v in series.values() for c in v.values()))
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_ylabel("count")
    if len(names) > 1:
        _legend(ax, names, ncol=len(names), loc="upper left")
    return _svg(fig)


def shares_per_day(days: List[dt.date], shares: Dict[dt.date, Tuple[int, int]], title: str) -> str:
    """Per day, the share (per cent) of messages that were missed; days with 1-4 missed are hatched and "< 5"."""
    fig, ax = _figure()
    values, labels, small = [], [], []
    for d in days:
        missed, total = shares.get(d, (0, 0))
        is_small = 0 < missed < SMALL
        value = 0.0 if not total else 100.0 * missed / total
        values.append(SMALL_HEIGHT if is_small else value)
        labels.append("< 5" if is_small else (f"{value:.0f}%" if total else ""))
        small.append(is_small)
    bars = ax.bar(range(len(days)), values, color=PALETTE[1], width=0.8)
    for bar, is_small in zip(bars, small):
        if is_small:
            bar.set_hatch(HATCH)
            bar.set_edgecolor("white")
    if len(days) <= 31:
        ax.bar_label(bars, labels=labels, fontsize=7, padding=1)
    ax.set_ylim(0, max([10.0] + values) * 1.15)
    if any(small):
        fig.text(0.99, 0.01, f"hatched: fewer than {SMALL} messages not understood (share not shown)", ha="right",
                 va="bottom", fontsize=7, color="#56606b")
    ax.set_ylabel("% of messages")
    _day_axis(ax, days)
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig)


def ranked(items: List[Tuple[str, int]], title: str, xlabel: str = "count") -> str:
    """Horizontal bars, largest first (top topics, channels)."""
    fig, ax = _figure(height=max(2.2, 0.32 * len(items) + 1.0))
    names = [name for name, _ in items][::-1]
    counts = [count for _, count in items][::-1]
    bars, _ = _bars(ax, range(len(items)), counts, PALETTE[0], horizontal=True)
    ax.bar_label(bars, labels=[shown(c) for c in counts], fontsize=8, padding=2)
    ax.set_yticks(range(len(items)))
    ax.set_yticklabels(names, fontsize=8)
    _count_axis(ax, horizontal=True, small=any(0 < c < SMALL for c in counts))
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=11)
    if not items:
        ax.text(0.5, 0.5, "nothing in this period", ha="center", va="center", transform=ax.transAxes)
    return _svg(fig)


def compared(groups: List[str], series: Dict[str, List[int]], title: str) -> str:
    """Horizontal bars per group, one bar per series (flows started vs finished, crisis replies vs check-ins)."""
    fig, ax = _figure(height=max(2.2, 0.3 * len(groups) * len(series) + 1.0))
    height = 0.8 / max(1, len(series))
    for i, (name, counts) in enumerate(series.items()):
        y = [len(groups) - 1 - g + 0.4 - height * (i + 0.5) for g in range(len(groups))]  # first series on top
        bars, _ = _bars(ax, y, counts, PALETTE[i % len(PALETTE)], horizontal=True, label=name, height=height)
        ax.bar_label(bars, labels=[shown(c) for c in counts], fontsize=8, padding=2)
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(groups[::-1], fontsize=8)
    _count_axis(ax, horizontal=True, small=any(0 < c < SMALL for v in series.values() for c in v))
    ax.set_xlabel("count")
    _legend(ax, list(series), loc="lower right")
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig)
