"""The fleet report: one self-contained HTML page a person reads, from an audit.

:func:`report` takes an audit (a stream of :class:`~wsiot.fleet.stream.AuditRow`) or
the frame :func:`~wsiot.fleet.audit_frame` returns, and gives a
:class:`FleetReport`: HTML with its charts drawn as inline SVG, no external
asset, readable offline, printed, at 1280 px and on a phone. A notebook shows
it as it is (``_repr_html_``); ``wsiot audit INVENTORY --report FILE`` writes
it. Rows are folded into counts and bounded lists as they stream, so a
million devices never sit in memory.

>>> from wsiot.fleet.stream import Verdict, summary_of, audit
>>> page = report(audit([("nas-01", "10.0.20348.2762"), ("lab", "x")], on="2026-11-23"))
>>> page.devices, page.invalid
(2, 1)
>>> "<svg" in page.html and "http" not in page.html.split("<body")[0]
True
"""

from __future__ import annotations

import heapq
import html
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from wsiot.errors import FleetError, WsiotError, describe
from wsiot.fleet.stream import ERROR_KINDS, PATCH_STATES, Audit, AuditRow, Verdict, summary_of
from wsiot.io.inventory import recognise_columns
from wsiot.model.applications import PRODUCTS_AS_OF, PRODUCTS_VERSION
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import Phase
from wsiot.model.release import Release
from wsiot.model.repeats import RepeatedNames, Repeats
from wsiot.model.updates import UpdateHistory, resolve_updates
from wsiot.render.html import PATCH_COLOURS, PHASE_COLOURS, html_page, html_table
from wsiot.values.dates import DateLike, lifecycle_day
from wsiot.values.validators import whole_number

__all__ = ["ENDING_WITHIN", "FleetReport", "ReportBuilder", "report"]

ENDING_WITHIN = 183
"""Days ahead a device counts as "ending soon" in a report (about six months)."""

_LIST_LIMIT = 50  # devices shown in each list; counts cover all of them
_LAG_BINS = ((0, 0, "0"), (1, 30, "1-30"), (31, 60, "31-60"), (61, 90, "61-90"),
             (91, 180, "91-180"), (181, 365, "181-365"), (366, None, "over 365"))
_ids = itertools.count()


class FleetReport:
    """A rendered fleet report: ``html`` and the counts it shows."""

    def __init__(self, page: str, devices: int, invalid: int) -> None:
        self.html = page
        self.devices = devices
        self.invalid = invalid

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<FleetReport {self.devices} device(s), {self.invalid} invalid>"


class ReportBuilder:
    """Folds audit rows, one :meth:`add` at a time, into a report's counts and bounded lists;
    :meth:`build` renders them. :func:`report` uses it; so does a caller that streams rows
    elsewhere too (``wsiot audit --rows --report``)."""

    def __init__(self, within: int = ENDING_WITHIN, limit: int = _LIST_LIMIT) -> None:
        if type(within) is not int or whole_number(within) is None:
            raise FleetError(f"within: expected a whole number of days >= 0, got "
                             f"{describe(within)}")
        self.within, self.limit = within, limit
        self.devices = self.invalid = 0
        self.phases: Counter[str] = Counter()
        self.releases: Counter[str] = Counter()
        self.patch: Counter[str] = Counter()
        self.lag: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.days: Counter[date] = Counter()
        self.act: list[tuple[Any, AuditRow]] = []  # bounded heaps of the most urgent devices
        self.ending: list[tuple[Any, AuditRow]] = []
        self.verdicts: Counter[Verdict] = Counter()
        self.bad: list[tuple[Any, ...]] = []
        self.ending_count = 0
        self.names = RepeatedNames()
        self.repeats: Repeats | None = None  # set by a caller that found them itself

    def add(self, row: AuditRow) -> None:
        self.devices += 1
        self.names.add(row.device)
        if row.error is not None or row.release is None:
            self.invalid += 1
            self.kinds[row.error_kind or "bad-row"] += 1
            if len(self.bad) < self.limit:
                self.bad.append((row.device, row.build, row.error_kind, row.error))
            return
        # every count depends only on the verdict, which many rows share: count verdicts
        self.verdicts[Verdict(*row[2:])] += 1
        n = -self.devices  # negated keys: the heap's root is the least urgent kept so far
        left = row.days_left or 0
        serviced = row.in_servicing
        # ended first, then ending soonest, then most behind, then input order
        key = (-1 if serviced else 0, -left if serviced else left, row.days_overdue or 0, n)
        if len(self.act) < self.limit:
            heapq.heappush(self.act, (key, row))
        elif key > self.act[0][0]:
            heapq.heapreplace(self.act, (key, row))
        if serviced and left <= self.within:
            self.ending_count += 1
            soon = (-left, n)
            if len(self.ending) < self.limit:
                heapq.heappush(self.ending, (soon, row))
            elif soon > self.ending[0][0]:
                heapq.heapreplace(self.ending, (soon, row))

    def build(
        self,
        on: DateLike | None = None,
        catalog: Catalog | None = None,
        updates: UpdateHistory | None = None,
        title: str = "Windows Server IoT fleet report",
    ) -> FleetReport:
        """The report of the rows added so far; ``on`` defaults to the day most were audited on."""
        self.fold()
        day = lifecycle_day(on) if on is not None else (
            self.days.most_common(1)[0][0] if self.days else None)
        page = _page(self, day, resolve_catalog(catalog), resolve_updates(updates), title)
        return FleetReport(page, self.devices, self.invalid)

    def fold(self) -> None:
        """Turn the verdict counts into the report's counts."""
        tally = summary_of(self.verdicts)  # the one way audits count phases, releases, patch
        self.phases.update(tally.by_phase)
        self.releases.update(tally.by_release)
        self.patch.update(tally.by_patch)
        for verdict, count in self.verdicts.items():
            if verdict.on is not None:
                self.days[verdict.on] += count
            if (verdict.patch or "unknown") != "unknown" and verdict.days_overdue is not None:
                self.lag[_lag_bin(verdict.days_overdue)] += count
        self.verdicts.clear()


def _lag_bin(days: int) -> str:
    for low, high, label in _LAG_BINS:
        if days >= low and (high is None or days <= high):
            return label
    return _LAG_BINS[-1][2]  # pragma: no cover - the last bin is open


def report(
    audited: Any,
    *,
    on: DateLike | None = None,
    catalog: Catalog | None = None,
    updates: UpdateHistory | None = None,
    within: int = ENDING_WITHIN,
    title: str = "Windows Server IoT fleet report",
) -> FleetReport:
    """The fleet report of ``audited``: an audit, AuditRows, or an ``audit_frame`` result.

    ``on`` is the day the timeline marks (default: the day most rows were
    audited on); ``within`` the days ahead a device counts as ending soon.
    Raises :class:`~wsiot.FleetError` for anything else.
    """
    builder = ReportBuilder(within)
    for row in _rows_of(audited):
        builder.add(row)
    if isinstance(audited, Audit):  # the audit noted its names, and may name them
        builder.repeats = audited.repeats()
    elif hasattr(audited, "itertuples") and builder.names.result():
        builder.repeats = builder.names.result(_frame_devices(audited))
    return builder.build(on, catalog, updates, title)


def _rows_of(audited: Any) -> Iterable[AuditRow]:
    columns = getattr(audited, "columns", None)
    if columns is not None and hasattr(audited, "itertuples"):
        needed = set(AuditRow._fields) - {"device", "build", "on"}
        if not needed <= set(columns):
            raise FleetError("frame: expected the output of wsiot.fleet.audit_frame; missing "
                             f"columns {sorted(needed - set(columns))}")
        return _frame_rows(audited)
    if isinstance(audited, str | bytes) or not isinstance(audited, Iterable):
        raise FleetError(f"expected an audit, audit rows or an audit_frame result, got "
                         f"{describe(audited)}")
    return (_checked(row) for row in audited)


def _checked(row: Any) -> AuditRow:
    if not isinstance(row, AuditRow):
        raise FleetError(f"expected wsiot.fleet.stream.AuditRow items, got {describe(row)}")
    return row


def _shown(shown: int, total: int) -> str:
    """How much of a list the page shows: "all 12", or "50 of 1,204; the rest left out"."""
    if shown >= total:
        return f"all {total:,}"
    return f"{shown:,} of {total:,}; {total - shown:,} more not listed"


def _day_or_none(value: Any) -> date | None:
    """A row's day, or None for a missing or bad one (its row already carries the error)."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return lifecycle_day(value)
    except WsiotError:
        return None


def _frame_devices(frame: Any) -> list[Any]:
    """A frame's device column, as :func:`_frame_rows` reads it."""
    try:
        device = recognise_columns(list(frame.columns)).device
    except FleetError:
        device = None
    return frame[device].tolist() if device else []


def _frame_rows(frame: Any) -> Iterable[AuditRow]:

    device: str | None = None
    build: str | None = None
    day: str | None = None
    try:  # the frame's own columns, named as the audit read them
        found = recognise_columns(list(frame.columns))
        device, build, day = found.device, found.build, found.date
    except FleetError:
        pass
    picked = frame[[c for c in AuditRow._fields if c in frame.columns and c not in
                    ("device", "build", "on")]].astype(object).where(lambda f: f.notna(), None)
    devices = frame[device].tolist() if device else range(len(frame))
    builds = frame[build].tolist() if build else [None] * len(frame)
    days: list[date | None] = [None] * len(frame)
    if day is not None:
        days = [_day_or_none(v) for v in frame[day].tolist()]
    for values, dev, b, d in zip(picked.itertuples(index=False, name=None), devices, builds,
                                 days, strict=True):
        fields = dict(zip(picked.columns, values, strict=True))
        yield AuditRow(device=dev, build=b, on=d, **fields)


# -- the page ------------------------------------------------------------------------------

_CSS = """
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0 auto;max-width:1200px;padding:1rem;color:#1f2328;background:#fff;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
.meta{color:#57606a;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.card{flex:1 1 9rem;border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem}
.card b{display:block;font-size:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1.5rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{color:#57606a;font-size:.9rem;text-align:left}
svg{max-width:100%;height:auto}svg text{font-family:inherit}
@media print{body{max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(caption: str, headers: list[str], rows: Iterable[Sequence[object]],
           numeric: tuple[int, ...] = ()) -> str:
    """A table of the page, scrolling sideways on a narrow screen."""
    return ("<div class='scroll'>" + html_table(headers, rows, caption=caption, numeric=numeric,
                                                 empty="none") + "</div>")


def _bars(label: str, items: list[tuple[str, int, str]]) -> str:
    """A horizontal bar chart as inline SVG, with a title and a text alternative."""
    ident = f"chart{next(_ids)}"
    width, row_height, left = 600, 26, 250
    height = max(1, len(items)) * row_height + 10
    top = max((count for _, count, _ in items), default=0) or 1
    parts = []
    for index, (name, count, colour) in enumerate(items):
        y = 5 + index * row_height
        length = round((width - left - 60) * count / top)
        parts.append(
            f"<text x='{left - 8}' y='{y + 17}' text-anchor='end' font-size='13'>{_e(name)}</text>"
            f"<rect x='{left}' y='{y + 3}' width='{max(length, 1)}' height='{row_height - 8}' "
            f"fill='{colour}'/><text x='{left + length + 6}' y='{y + 17}' font-size='13'>"
            f"{count:,}</text>")
    alternative = "; ".join(f"{name}: {count:,}" for name, count, _ in items) or "no devices"
    return (f"<svg role='img' aria-labelledby='{ident}t {ident}d' viewBox='0 0 {width} {height}'"
            f" width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg'>"
            f"<title id='{ident}t'>{_e(label)}</title><desc id='{ident}d'>{_e(alternative)}</desc>"
            + "".join(parts) + "</svg>")


def _timeline(releases: list[Release], day: date | None) -> str:
    """The lifecycle of the fleet's releases as inline SVG, with the report's day marked."""
    if not releases:
        return "<p>No release to draw.</p>"
    ident = f"chart{next(_ids)}"
    start = min(r.released for r in releases)
    end = max(r.servicing_end for r in releases)
    if day is not None:
        start, end = min(start, day), max(end, day)
    start, end = start - timedelta(days=180), end + timedelta(days=180)
    span = max((end - start).days, 1)
    width, left, row_height = 800, 260, 30
    height = len(releases) * row_height + 40

    def x(when: date) -> float:
        return float(round(left + (width - left - 10) * (when - start).days / span, 1))

    parts = []
    for year in range(start.year + 1, end.year + 1):
        tick = x(date(year, 1, 1))
        if (year - start.year) % max(1, (end.year - start.year) // 8) == 0:
            parts.append(f"<line x1='{tick}' x2='{tick}' y1='0' y2='{height - 20}' "
                         f"stroke='#d0d7de'/><text x='{tick}' y='{height - 5}' font-size='12' "
                         f"text-anchor='middle'>{year}</text>")
    for index, rel in enumerate(releases):
        y = 5 + index * row_height
        mainstream_end = rel.mainstream_end
        parts.append(
            f"<text x='{left - 8}' y='{y + 18}' text-anchor='end' font-size='13'>{_e(rel.name)}"
            f"</text><rect x='{x(rel.released)}' y='{y + 4}' height='{row_height - 10}' "
            f"width='{max(round(x(mainstream_end) - x(rel.released), 1), 1)}' "
            f"fill='{PHASE_COLOURS['mainstream']}'/><rect x='{x(mainstream_end)}' y='{y + 4}' "
            f"height='{row_height - 10}' "
            f"width='{max(round(x(rel.servicing_end) - x(mainstream_end), 1), 1)}'"
            f" fill='{PHASE_COLOURS['extended']}'/>")
    if day is not None:
        parts.append(f"<line x1='{x(day)}' x2='{x(day)}' y1='0' y2='{height - 20}' "
                     f"stroke='#1f2328' stroke-width='2' stroke-dasharray='5 3'/>")
    alternative = "; ".join(
        f"{r.name}: available {r.released}, mainstream to {r.mainstream_end}, serviced to "
        f"{r.servicing_end}" for r in releases) + (f"; the line marks {day}" if day else "")
    return (f"<svg role='img' aria-labelledby='{ident}t {ident}d' viewBox='0 0 {width} {height}'"
            f" width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg'>"
            f"<title id='{ident}t'>Lifecycle of the fleet's releases</title>"
            f"<desc id='{ident}d'>{_e(alternative)}</desc>" + "".join(parts) + "</svg>"
            "<p class='meta'>Green: mainstream support; blue: extended support; dashed line: "
            f"{_e(day) if day else 'no day'}.</p>")


def _page(folder: ReportBuilder, day: date | None, catalog: Catalog, updates: UpdateHistory,
          title: str) -> str:
    order = [p.value for p in Phase]
    phases = [(p, folder.phases[p], PHASE_COLOURS[p]) for p in order if folder.phases[p]]
    releases = [(name, count, "#0969da") for name, count in folder.releases.most_common()]
    known = {r.name: r for r in catalog.releases}
    fleet_releases = sorted((known[name] for name in folder.releases if name in known),
                            key=lambda r: r.released)
    serviced = sum(folder.phases[p.value] for p in Phase if p.is_serviced(include_esu=False))
    ending = sorted(folder.ending, key=lambda item: item[0], reverse=True)
    act = sorted(folder.act, key=lambda item: item[0], reverse=True)
    cards = [("devices", folder.devices), ("serviced", serviced),
             ("not serviced", folder.devices - folder.invalid - serviced),
             (f"ending within {folder.within} days", folder.ending_count),
             ("behind on updates", folder.patch["behind"]), ("invalid rows", folder.invalid)]
    sections = [
        f"<h1>{_e(title)}</h1>",
        f"<p class='meta'>Audited {folder.devices:,} device(s)"
        + (f" on {day.isoformat()}" if day else "") + ".</p>",
        "<div class='cards'>" + "".join(f"<div class='card'><b>{count:,}</b>{_e(name)}</div>"
                                        for name, count in cards) + "</div>",
        "<div class='grid'><section><h2>By phase</h2>" + _bars("Devices by lifecycle phase", phases)
        + "</section><section><h2>By release</h2>" + _bars("Devices by release", releases)
        + "</section></div>",
        "<h2>Lifecycle of the fleet's releases</h2>" + _timeline(fleet_releases, day),
    ]
    repeats = folder.repeats if folder.repeats is not None else folder.names.result()
    if repeats:
        sections.append("<p><strong>" + _e(f"Warning: {repeats}.") + "</strong> " + _e(
            "Each row counts as a device, so these devices are counted more than once.")
            + "</p>")
    past_end = day is not None and day >= updates.uncovered_from
    missing_header = "Missing updates (at least)" if past_end else "Missing updates"
    if past_end:
        sections.append(
            "<p><strong>" + _e(f"The update data ends {updates.covered_until}, before the "
                               f"Patch Tuesday of {updates.uncovered_from}, which this report's "
                               f"day ({day}) has passed.") + "</strong> "
            + _e("Counts of missing updates are lower bounds: more may exist that the data "
                 "does not know, and the latest update named is the latest known. Refresh "
                 "the data with wsiot updates import.") + "</p>")
    if folder.patch["behind"] or folder.patch["current"]:
        lag = [(label, folder.lag[label],
                PATCH_COLOURS["current"] if label == "0" else PATCH_COLOURS["behind"])
               for _, _, label in _LAG_BINS]
        states = ", ".join(f"{s} {folder.patch[s]:,}" for s in PATCH_STATES if folder.patch[s])
        sections.append("<h2>Patch lag</h2><p>" + _e(states) + ". Days since the oldest missing "
                        "security update:</p>" + _bars("Devices by days overdue", lag))
    if folder.patch["unknown"]:
        sections.append(
            "<p>" + _e(f"Patch level unknown for {folder.patch['unknown']:,} device(s). wsiot "
                       "says unknown, never a guess, when: the build has no update revision "
                       "(UBR), as some inventories give only 10.0.20348; the update data does "
                       "not cover the build; the audit day is past the update data's end "
                       f"({updates.covered_until}) and the build misses nothing the data "
                       "knows; or the device's level was released after its audit day.")
            + "</p>")
    sections.append(f"<h2>Ending within {folder.within} days</h2>" + _table(
        f"Serviced devices whose release ends within {folder.within} days, soonest first "
        f"({_shown(len(ending), folder.ending_count)})", ["Device", "Build", "Release", "Days left"],
        [(r.device, r.build, r.release, r.days_left) for _, r in ending], numeric=(3,)))
    sections.append("<h2>Act on first</h2>" + _table(
        f"Ended first, then ending soonest, then most behind "
        f"({_shown(len(act), folder.devices - folder.invalid)})",
        ["Device", "Build", "Release", "Phase", "Days left", missing_header, "Days overdue"],
        [(r.device, r.build, r.release, r.phase, r.days_left, r.missing_updates, r.days_overdue)
         for _, r in act], numeric=(4, 5, 6)))
    kinds = ", ".join(f"{ERROR_KINDS.get(k, k)} {c:,}" for k, c in folder.kinds.most_common())
    sections.append("<h2>Invalid rows</h2><p>" + _e(kinds or "none") + "</p>" + _table(
        f"Rows that could not be audited, with their reasons "
        f"({_shown(len(folder.bad), folder.invalid)})",
        ["Device", "Build", "Kind", "Reason"], folder.bad))
    as_of = catalog.as_of.isoformat() if catalog.as_of else "not given"
    sections.append(
        "<h2>Data used</h2>" + _table("The data this report was computed from",
                                      ["Data", "Version", "As of"],
                                      [("Lifecycle catalogue", catalog.version, as_of),
                                       ("Update history", updates.version, updates.covered_until),
                                       ("Application vocabulary", PRODUCTS_VERSION,
                                        PRODUCTS_AS_OF)]))
    body = "\n".join(sections)
    return html_page(title, body, _CSS)
