"""A lifecycle timeline of every release (extra: ``pip install "wsiot[plot]"``).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from wsiot.plot import timeline
>>> figure = timeline(on="2026-11-23")
>>> len(figure.axes[0].patches) > 0
True
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

from .catalog import Catalog, resolve_catalog
from .dates import DateLike, lifecycle_day
from .errors import InvalidArgumentError, InvalidDateError, describe
from .render import PHASE_COLOURS

__all__ = ["timeline"]


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
        raise InvalidArgumentError(f"ax: expected matplotlib Axes or None, got {describe(ax)}")
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
