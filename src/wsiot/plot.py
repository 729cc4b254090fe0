"""A lifecycle timeline of every release (extra: ``pip install "wsiot[plot]"``).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from wsiot.plot import timeline
>>> figure = timeline(on="2026-11-23")
>>> len(figure.axes[0].patches) > 0
True
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

from wsiot.errors import InvalidDateError, describe
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.render.html import PATCH_COLOURS, PHASE_COLOURS
from wsiot.values.dates import DateLike, lifecycle_day
from wsiot.values.validators import wrong_argument

__all__ = ["patch_lag", "timeline"]


def timeline(
    *,
    on: DateLike | None = None,
    catalog: Catalog | None = None,
    ax: Any = None,
    title: str | None = "Windows Server IoT lifecycle",
) -> Any:
    """Draw every release's lifecycle as horizontal bars; returns the matplotlib Figure.

    Mainstream and extended support are bars in their phase colours, paid ESU
    (where recorded) a third; ``on`` adds a dashed line on that day, and the
    releases whose servicing has ended by then are drawn faded and labelled
    "ended". Pass ``ax`` to draw into existing axes. ``on`` must fall within a
    century of the catalogue's dates (:class:`~wsiot.InvalidDateError`); ``ax``
    must be matplotlib axes (:class:`~wsiot.InvalidArgumentError`).
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    to_number = cast(Callable[[date], float], mdates.date2num)
    cat = resolve_catalog(catalog)
    if ax is not None and not (hasattr(ax, "barh") and hasattr(ax, "figure")):
        raise wrong_argument("ax", "matplotlib Axes or None", ax)
    day = None if on is None else _plotted_day(on, cat)
    if ax is None:
        figure, ax = plt.subplots(figsize=(10, 0.45 * len(cat.releases) + 1.5))
    else:
        figure = ax.figure
    labels = []
    for row, release in enumerate(reversed(cat.releases)):
        ended = day is not None and release.last_serviced_day < day
        spans = [(release.released, release.mainstream_end, "mainstream"),
                 (release.mainstream_end + timedelta(days=1), release.servicing_end, "extended")]
        if release.esu_end is not None:
            spans.append((release.servicing_end + timedelta(days=1), release.esu_end, "esu"))
        for start, end, phase in spans:
            ax.barh(row, (end - start).days + 1, left=to_number(start), height=0.6,
                    color=PHASE_COLOURS[phase], alpha=0.35 if ended else 1.0,
                    hatch="//" if ended else None)
        labels.append(f"{release.version} ({release.build})" + (", ended" if ended else ""))
    ax.set_yticks(range(len(labels)), labels)
    ax.xaxis_date()
    handles: list[Any] = [Patch(color=PHASE_COLOURS[p], label=p)
                          for p in ("mainstream", "extended")]
    if any(r.esu_end for r in cat.releases):
        handles.append(Patch(color=PHASE_COLOURS["esu"], label="esu"))
    if day is not None:
        ax.axvline(to_number(day), color="black", linestyle="--", linewidth=1)
        handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1,
                              label=f"on {day.isoformat()}"))
        handles.append(Patch(facecolor="lightgrey", hatch="//", label="servicing ended"))
    ax.legend(handles=handles, loc="lower right", fontsize="small")
    if title:
        ax.set_title(title)
    figure.tight_layout()
    return figure


_CENTURY = timedelta(days=36525)


def _plotted_day(on: DateLike, cat: Catalog) -> date:
    day = lifecycle_day(on)
    first = min(r.released for r in cat.releases) - _CENTURY
    last = max(r.esu_end or r.servicing_end for r in cat.releases) + _CENTURY
    if not first <= day <= last:
        raise InvalidDateError(
            f"invalid date: {describe(on)} is outside the plotted range ({first} to {last})")
    return day


_LAG_MEASURES = {"missing_updates": "security updates missing",
                 "days_overdue": "days since the oldest missing update"}
_DAY_BINS = (0, 1, 31, 61, 91, 181, 366)


def patch_lag(
    frame: Any,
    *,
    by: str = "missing_updates",
    ax: Any = None,
    title: str | None = "How far the fleet is behind on security updates",
) -> Any:
    """Draw how many devices are how far behind; returns the matplotlib Figure.

    ``frame`` is the output of :func:`wsiot.fleet.audit_frame` (its
    ``missing_updates``, ``days_overdue`` and ``patch`` columns). ``by`` is
    ``"missing_updates"`` (one bar per count, 0 = current) or
    ``"days_overdue"`` (bars for 0, 1-30, 31-60, 61-90, 91-180, 181-365 and
    over 365 days). Current devices are green, behind ones red; devices whose
    patch level is unknown are counted in the legend, not drawn.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from wsiot.fleet import audit_frame
    >>> df = audit_frame(pd.DataFrame({"build": ["10.0.20348.2762", "10.0.20348.2849"]}),
    ...                  on="2024-12-01")
    >>> figure = patch_lag(df)
    >>> [int(bar.get_height()) for bar in figure.axes[0].patches]
    [1, 1]
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    if by not in _LAG_MEASURES:
        raise wrong_argument("by", f"one of {', '.join(_LAG_MEASURES)}", by)
    if ax is not None and not (hasattr(ax, "bar") and hasattr(ax, "figure")):
        raise wrong_argument("ax", "matplotlib Axes or None", ax)
    columns = getattr(frame, "columns", None)
    if columns is None or not {"patch", by} <= set(columns):
        raise wrong_argument("frame", f"the output of wsiot.fleet.audit_frame (columns patch "
                             f"and {by})", frame)
    known = frame[frame["patch"].isin(["current", "behind"])][by].astype("int64").tolist()
    unknown = int(frame["patch"].eq("unknown").sum())
    if by == "missing_updates":
        top = max(known, default=0)
        labels = [str(n) for n in range(top + 1)]
        counts = [known.count(n) for n in range(top + 1)]
        colours = [PATCH_COLOURS["current" if n == 0 else "behind"] for n in range(top + 1)]
    else:
        edges = (*_DAY_BINS, max([*known, _DAY_BINS[-1]]) + 1)
        labels = ["0"] + [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(edges[1:-1])]
        labels.append(f"over {_DAY_BINS[-1] - 1}")
        counts = [sum(1 for v in known if lo <= v < hi) for lo, hi in itertools.pairwise(edges)]
        colours = [PATCH_COLOURS["current"]] + [PATCH_COLOURS["behind"]] * (len(labels) - 1)
    if ax is None:
        figure, ax = plt.subplots(figsize=(max(6.0, 0.5 * len(labels) + 3), 4))
    else:
        figure = ax.figure
    bars = ax.bar(range(len(labels)), counts, color=colours)
    ax.bar_label(bars, fontsize="small")
    ax.set_ylim(0, max(counts, default=0) * 1.35 + 1)  # room for the labels and the legend
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlabel(_LAG_MEASURES[by])
    ax.set_ylabel("devices")
    handles = [Patch(color=PATCH_COLOURS["current"], label="current"),
               Patch(color=PATCH_COLOURS["behind"], label="behind")]
    if unknown:
        handles.append(Patch(color=PATCH_COLOURS["unknown"], label=f"unknown: {unknown} (not drawn)"))
    ax.legend(handles=handles, loc="upper right", fontsize="small")
    if title:
        ax.set_title(title)
    figure.tight_layout()
    return figure
