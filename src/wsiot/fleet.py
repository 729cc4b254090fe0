"""Fleet audits: the servicing status of every device in an inventory.

:func:`audit` streams: it reads (device, build[, date]) rows from any iterable
and yields one :class:`AuditRow` per device, so a million-row inventory never
sits in memory. A row whose build or date is bad yields a row with ``error``
set; one bad row never stops an audit and nothing is dropped. Each distinct
(build, date) pair is resolved once.

>>> from wsiot.fleet import audit
>>> run = audit([("nas-01", "10.0.20348.2762"), ("pbx-07", "10.0.17763.1"),
...              ("lab-3", "Windows 11")], on="2029-06-01")
>>> for row in run:
...     print(row.device, row.release, row.phase, row.days_left, row.error is not None)
nas-01 Windows Server IoT 2022 extended 865 False
pbx-07 Windows Server IoT 2019 ended -143 False
lab-3 None None None True
>>> run.summary().by_phase
{'extended': 1, 'ended': 1}

With ``wsiot[pandas]``, :func:`audit_frame` does the same to a DataFrame,
vectorised; on Dask, ``ddf.map_partitions(audit_frame, on=...)`` runs it on
every partition unchanged (see the fleet guide).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from .catalog import Catalog, resolve_catalog
from .dates import DateLike, lifecycle_day
from .errors import FleetError, WsiotError, describe
from .lifecycle import Phase, phase_on

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AUDIT_COLUMNS", "Audit", "AuditRow", "AuditSummary", "audit", "audit_frame"]

_CACHE_LIMIT = 65536  # distinct (build, date) pairs kept while streaming

AUDIT_COLUMNS = ("release", "phase", "days_left", "in_servicing", "error")
"""The columns :func:`audit_frame` adds."""


class AuditRow(NamedTuple):
    """The audit of one device; ``error`` is set (and the status fields None) for a bad row."""

    device: Any
    build: Any
    on: date | None
    release: str | None
    phase: str | None
    days_left: int | None
    in_servicing: bool | None
    error: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the date as ISO 8601)."""
        row = self._asdict()
        row["on"] = None if self.on is None else self.on.isoformat()
        return row


_Verdict = tuple[date | None, str | None, str | None, int | None, bool | None, str | None]


@attrs.frozen(kw_only=True)
class AuditSummary:
    """Counts over the rows audited so far; ``complete`` once the input is exhausted."""

    rows: int
    in_servicing: int
    by_phase: dict[str, int]
    by_release: dict[str, int]
    invalid: int
    complete: bool

    @property
    def not_in_servicing(self) -> int:
        """Valid rows whose release is not serviced on their date."""
        return self.rows - self.invalid - self.in_servicing

    def __str__(self) -> str:
        phases = ", ".join(f"{phase} {count}" for phase, count in self.by_phase.items())
        return (
            f"{self.rows} device(s): {self.in_servicing} in servicing, "
            f"{self.not_in_servicing} not, {self.invalid} invalid ({phases or 'no valid rows'})"
            + ("" if self.complete else " [incomplete]")
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"rows": self.rows, "in_servicing": self.in_servicing,
                "not_in_servicing": self.not_in_servicing, "invalid": self.invalid,
                "by_phase": dict(self.by_phase), "by_release": dict(self.by_release),
                "complete": self.complete}


class Audit:
    """A single-use stream of :class:`AuditRow` with a running :meth:`summary`."""

    def __init__(
        self,
        rows: Iterable[Any],
        on: DateLike | None,
        catalog: Catalog,
        include_esu: bool,
    ) -> None:
        self._rows = rows
        self._catalog = catalog
        self._include_esu = include_esu
        self._default_day = None if on is None else lifecycle_day(on)  # a bad one is the caller's
        # each distinct (date, build) resolves once to [verdict, rows counted]; entries are
        # folded into _folded when the cache is cleared, so memory stays bounded
        self._entries: list[list[Any]] = []
        self._folded: Counter[_Verdict] = Counter()
        self._started = False
        self._complete = False

    def __iter__(self) -> Iterator[AuditRow]:
        if self._started:
            raise FleetError("an audit streams its rows once; call audit() again to rerun it")
        self._started = True
        return self._stream()

    def run(self) -> AuditSummary:
        """Audit every row without keeping them; returns the summary."""
        deque(self, maxlen=0)
        return self.summary()

    def _verdict(self, build: Any, when: Any) -> _Verdict:
        try:
            day = self._default_day if when is None else lifecycle_day(when)
            if day is None:
                return (None, None, None, None, None, "no date: give on= or a date per row")
            release = self._catalog.release_for(build)
        except WsiotError as exc:
            return (None, None, None, None, None, str(exc))
        phase = phase_on(release, day)
        serviced = phase.is_serviced(include_esu=self._include_esu)
        until = release.esu_end if self._include_esu and release.esu_end else release.servicing_end
        return (day, release.name, phase.value, (until - day).days, serviced, None)

    def _entry(self, build: Any, when: Any) -> list[Any]:
        entry = [self._verdict(build, when), 0]
        self._entries.append(entry)
        return entry

    def _fold(self) -> None:
        for verdict, count in self._entries:
            self._folded[verdict] += count
        self._entries.clear()

    def _stream(self) -> Iterator[AuditRow]:
        by_day: dict[Any, dict[Any, list[Any]]] = {}
        make = tuple.__new__
        cached = 0
        for row in self._rows:
            try:
                if len(row) == 2:
                    device, build = row
                    when = None
                else:
                    device, build, when = row
                builds = by_day.get(when)
                if builds is None:
                    builds = by_day[when] = {}
                entry = builds.get(build)
            except (TypeError, ValueError):  # not a 2- or 3-item row, or an unhashable value
                bad: _Verdict = (None, None, None, None, None,
                                 f"bad row {describe(row)}: expected (device, build) or (device, build, date)")
                self._folded[bad] += 1
                first = row[0] if isinstance(row, tuple | list) and row else None
                yield make(AuditRow, (first, None, *bad))
                continue
            if entry is None:
                if cached >= _CACHE_LIMIT:
                    self._fold()
                    by_day.clear()
                    builds = by_day[when] = {}
                    cached = 0
                entry = builds[build] = self._entry(build, when)
                cached += 1
            entry[1] += 1
            yield make(AuditRow, (device, build) + entry[0])
        self._complete = True

    def summary(self) -> AuditSummary:
        """Counts over the rows audited so far."""
        counts = self._folded.copy()
        for verdict, count in self._entries:
            counts[verdict] += count
        by_phase: Counter[str] = Counter()
        by_release: Counter[str] = Counter()
        invalid = serviced = 0
        for (_, release, phase, _, in_servicing, error), count in counts.items():
            if error is not None or release is None or phase is None:
                invalid += count
                continue
            by_phase[phase] += count
            by_release[release] += count
            serviced += count if in_servicing else 0
        order = {phase.value: index for index, phase in enumerate(Phase)}
        return AuditSummary(
            rows=sum(counts.values()),
            in_servicing=serviced,
            by_phase=dict(sorted(by_phase.items(), key=lambda item: order[item[0]])),
            by_release=dict(by_release.most_common()),
            invalid=invalid,
            complete=self._complete,
        )


def audit(
    rows: Iterable[Any],
    on: DateLike | None = None,
    *,
    catalog: Catalog | None = None,
    include_esu: bool = False,
) -> Audit:
    """Stream the audit of ``rows``: (device, build) or (device, build, date) items.

    ``on`` is the day for rows without their own date. Iterate the result for
    one :class:`AuditRow` per input row, then call ``.summary()``; or call
    ``.run()`` for the summary alone. Raises :class:`~wsiot.FleetError` when
    ``rows`` is not iterable.
    """
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise FleetError(f"rows: expected an iterable of (device, build[, date]), got {describe(rows)}")
    return Audit(rows, on, resolve_catalog(catalog), include_esu)


# -- pandas ----------------------------------------------------------------------


def audit_frame(
    frame: pd.DataFrame,
    build: str = "build",
    on: DateLike | None = None,
    *,
    date_column: str | None = None,
    catalog: Catalog | None = None,
    include_esu: bool = False,
) -> pd.DataFrame:
    """``frame`` with the audit columns added (``AUDIT_COLUMNS``), vectorised.

    Each distinct build is parsed once; phases are computed on whole columns.
    ``release``, ``phase`` and ``error`` are categorical; ``days_left`` and
    ``in_servicing`` are nullable (missing on a row with an error).
    ``on`` is the day for every row, or ``date_column`` names a column of
    per-row dates (naive dates, or aware timestamps read against Microsoft's
    end instant). Rows with a bad build or date get ``error`` set. Works on an
    empty frame, so Dask can infer its output from it.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"device": ["a", "b"], "build": ["10.0.20348.1", "19045"]})
    >>> out = audit_frame(df, on="2030-01-01")
    >>> first = out.iloc[0]
    >>> first.release, first.phase, int(first.days_left), bool(first.in_servicing)
    ('Windows Server IoT 2022', 'extended', 651, True)
    >>> out.loc[1, "error"][:22], out.loc[1, "in_servicing"], out.loc[0, "error"]
    ("unknown build: '19045'", <NA>, nan)
    """
    import numpy as np
    import pandas as pandas_

    cat = resolve_catalog(catalog)
    if not isinstance(frame, pandas_.DataFrame):
        raise FleetError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    _require_column(frame, build)
    errors: dict[str, int] = {}

    # per distinct build (plus a last slot for a missing one): release dates and codes
    build_codes, build_values = pandas_.factorize(frame[build], use_na_sentinel=True)
    builds = len(build_values) + 1
    released = np.full(builds, np.datetime64("NaT"), dtype="datetime64[D]")
    mainstream, servicing, esu = released.copy(), released.copy(), released.copy()
    release_code = np.full(builds, -1, dtype=np.int64)
    build_error = np.full(builds, -1, dtype=np.int64)
    build_error[-1] = errors.setdefault("no build", len(errors))
    names: dict[str, int] = {}
    for index, value in enumerate(build_values):
        try:
            rel = cat.release_for(value)
        except WsiotError as exc:
            build_error[index] = errors.setdefault(str(exc), len(errors))
            continue
        release_code[index] = names.setdefault(rel.name, len(names))
        released[index] = np.datetime64(rel.released, "D")
        mainstream[index] = np.datetime64(rel.mainstream_end, "D")
        servicing[index] = np.datetime64(rel.servicing_end, "D")
        if rel.esu_end is not None:
            esu[index] = np.datetime64(rel.esu_end, "D")

    # per distinct day (plus a last slot for a missing one)
    day_codes, days, day_error = _days(frame, on, date_column, errors)

    # every output depends only on the (build, day) pair: resolve each distinct pair once
    # (code -1, a missing value, indexes the last slot)
    if day_codes is None:
        pair_codes, pair_build, pair_day = build_codes, np.arange(builds), np.zeros(builds, int)
    else:
        combined = (build_codes % builds) * len(days) + (day_codes % len(days))
        pair_codes, pairs = pandas_.factorize(combined)
        pair_build, pair_day = pairs // len(days), pairs % len(days)
    r, m, s, e = (released[pair_build], mainstream[pair_build], servicing[pair_build],
                  esu[pair_build])
    day = days[pair_day]
    error = np.where(build_error[pair_build] >= 0, build_error[pair_build], day_error[pair_day])
    invalid = error >= 0
    has_esu = ~np.isnat(e)
    in_esu = has_esu & (day > s) & (day <= e)
    phase = np.select([day < r, day <= m, day <= s, in_esu], [0, 1, 2, 3], default=4)
    phase[invalid] = -1
    until = np.where(has_esu, e, s) if include_esu else s
    serviced = (day >= r) & ((day <= s) | (in_esu & include_esu))
    days_left = (until - day).astype("timedelta64[D]").astype(np.int64)
    days_left[invalid] = 0
    release = np.where(invalid, -1, release_code[pair_build])

    from_codes: Any = pandas_.Categorical.from_codes  # the stubs reject int64 code arrays
    invalid_rows = invalid[pair_codes]
    result = frame.copy()
    result["release"] = from_codes(release[pair_codes], categories=list(names))
    result["phase"] = from_codes(phase[pair_codes], categories=[p.value for p in Phase])
    result["days_left"] = pandas_.arrays.IntegerArray(days_left[pair_codes], invalid_rows)
    result["in_servicing"] = pandas_.arrays.BooleanArray(serviced[pair_codes], invalid_rows)
    result["error"] = from_codes(error[pair_codes], categories=list(errors))
    return result


def _require_column(frame: pd.DataFrame, column: Any) -> None:
    try:
        present = column in frame.columns
    except TypeError:  # an unhashable name
        present = False
    if not present:
        raise FleetError(f"no column {describe(column)} in the frame; columns: {list(frame.columns)}")


def _days(
    frame: pd.DataFrame, on: DateLike | None, date_column: str | None, errors: dict[str, int]
) -> tuple[Any, Any, Any]:
    """Row codes into distinct days (None when one day serves all), the days, their errors."""
    import numpy as np
    import pandas as pandas_

    if date_column is None:
        if on is None:
            raise FleetError("give on= (one day for every row) or date_column= (a day per row)")
        return None, np.array([lifecycle_day(on)], dtype="datetime64[D]"), np.array([-1])
    _require_column(frame, date_column)
    codes, values = pandas_.factorize(frame[date_column], use_na_sentinel=True)
    days = np.full(len(values) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    problems = np.full(len(values) + 1, -1, dtype=np.int64)
    problems[-1] = errors.setdefault("no date", len(errors))
    for index, value in enumerate(values):
        try:
            moment = value.to_pydatetime() if isinstance(value, pandas_.Timestamp) else value
            days[index] = np.datetime64(lifecycle_day(moment), "D")
        except WsiotError as exc:
            problems[index] = errors.setdefault(str(exc), len(errors))
    return codes, days, problems
