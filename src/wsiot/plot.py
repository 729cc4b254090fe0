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
    (where recorded) a third; ``on`` adds a vertical marker on that day. Pass
    ``ax`` to draw into existing axes.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    to_number = cast(Callable[[date], float], mdates.date2num)
    cat = resolve_catalog(catalog)
    if ax is None:
        figure, ax = plt.subplots(figsize=(10, 0.45 * len(cat.releases) + 1.5))
    else:
        figure = ax.figure
    labels = []
    for row, release in enumerate(reversed(cat.releases)):
        spans = [(release.released, release.mainstream_end, "mainstream"),
                 (release.mainstream_end + timedelta(days=1), release.servicing_end, "extended")]
        if release.esu_end is not None:
            spans.append((release.servicing_end + timedelta(days=1), release.esu_end, "esu"))
        for start, end, phase in spans:
            ax.barh(row, (end - start).days + 1, left=to_number(start), height=0.6,
                    color=PHASE_COLOURS[phase])
        labels.append(f"{release.version} ({release.build})")
    ax.set_yticks(range(len(labels)), labels)
    ax.xaxis_date()
    handles = [Patch(color=PHASE_COLOURS[p], label=p) for p in ("mainstream", "extended")]
    if any(r.esu_end for r in cat.releases):
        handles.append(Patch(color=PHASE_COLOURS["esu"], label="esu"))
    if on is not None:
        day: date = lifecycle_day(on)
        ax.axvline(to_number(day), color="black", linestyle="--", linewidth=1)
        handles.append(Patch(color="black", label=f"on {day.isoformat()}"))
    ax.legend(handles=handles, loc="lower right", fontsize="small")
    if title:
        ax.set_title(title)
    figure.tight_layout()
    return figure
