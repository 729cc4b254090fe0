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

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from .catalog import Catalog, default_catalog
from .dates import DateLike, lifecycle_day
from .errors import WsiotError
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
        self._on = on
        self._catalog = catalog
        self._include_esu = include_esu
        self._counts: Counter[_Verdict] = Counter()
        self._started = False
        self._complete = False
        self._default_day: date | None = None
        if on is not None:
            self._default_day = lifecycle_day(on)  # a bad default date is the caller's error

    def __iter__(self) -> Iterator[AuditRow]:
        if self._started:
            raise WsiotError("an audit streams its rows once; call audit() again to rerun it")
        self._started = True
        return self._stream()

    def run(self) -> AuditSummary:
        """Audit every row without keeping them; returns the summary."""
        for _ in self:
            pass
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

    def _stream(self) -> Iterator[AuditRow]:
        cache: dict[tuple[Any, Any], _Verdict] = {}
        counts = self._counts
        make = tuple.__new__
        for row in self._rows:
            try:
                if len(row) == 2:
                    device, build = row
                    when = None
                else:
                    device, build, when = row
                key = (build, when)
                verdict = cache.get(key)
            except (TypeError, ValueError):  # not a 2- or 3-item row, or an unhashable value
                bad: _Verdict = (None, None, None, None, None,
                                 f"bad row {row!r}: expected (device, build) or (device, build, date)")
                counts[bad] += 1
                first = row[0] if isinstance(row, tuple | list) and row else None
                yield make(AuditRow, (first, None, *bad))
                continue
            if verdict is None:
                verdict = self._verdict(build, when)
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[key] = verdict
            counts[verdict] += 1
            yield make(AuditRow, (device, build, *verdict))
        self._complete = True

    def summary(self) -> AuditSummary:
        """Counts over the rows audited so far."""
        by_phase: Counter[str] = Counter()
        by_release: Counter[str] = Counter()
        invalid = serviced = 0
        for (_, release, phase, _, in_servicing, error), count in self._counts.items():
            if error is not None or release is None or phase is None:
                invalid += count
                continue
            by_phase[phase] += count
            by_release[release] += count
            serviced += count if in_servicing else 0
        order = {phase.value: index for index, phase in enumerate(Phase)}
        return AuditSummary(
            rows=sum(self._counts.values()),
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
    ``.run()`` for the summary alone.
    """
    return Audit(rows, on, default_catalog() if catalog is None else catalog, include_esu)


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

    cat = default_catalog() if catalog is None else catalog
    if build not in frame.columns:
        raise WsiotError(f"no column {build!r} in the frame; columns: {list(frame.columns)}")
    codes, uniques = pandas_.factorize(frame[build], use_na_sentinel=True)
    size = len(uniques) + 1  # the last slot stands for a missing build
    released = np.full(size, np.datetime64("NaT"), dtype="datetime64[D]")
    mainstream, servicing, esu = released.copy(), released.copy(), released.copy()
    release_code = np.full(size, -1, dtype=np.int64)
    error_code = np.full(size, -1, dtype=np.int64)
    release_names: dict[str, int] = {}
    error_texts: dict[str, int] = {"no build": 0}
    error_code[-1] = 0
    for index, value in enumerate(uniques):
        try:
            rel = cat.release_for(value)
        except WsiotError as exc:
            error_code[index] = error_texts.setdefault(str(exc), len(error_texts))
            continue
        release_code[index] = release_names.setdefault(rel.name, len(release_names))
        released[index] = np.datetime64(rel.released, "D")
        mainstream[index] = np.datetime64(rel.mainstream_end, "D")
        servicing[index] = np.datetime64(rel.servicing_end, "D")
        if rel.esu_end is not None:
            esu[index] = np.datetime64(rel.esu_end, "D")
    take = np.where(codes < 0, size - 1, codes)

    day, day_error = _day_column(frame, on, date_column, error_texts)
    row_error = error_code[take]
    row_error = np.where(row_error < 0, day_error, row_error)
    invalid = row_error >= 0

    r, m, s, e = released[take], mainstream[take], servicing[take], esu[take]
    has_esu = ~np.isnat(e)
    in_esu = has_esu & (day > s) & (day <= e)
    phase = np.select([day < r, day <= m, day <= s, in_esu], [0, 1, 2, 3], default=4)
    phase[invalid] = -1
    until = np.where(has_esu, e, s) if include_esu else s
    serviced = (day >= r) & ((day <= s) | (in_esu & include_esu))
    days_left = (until - day).astype("timedelta64[D]").astype(np.int64)
    days_left[invalid] = 0

    from_codes: Any = pandas_.Categorical.from_codes  # the stubs reject int64 code arrays
    result = frame.copy()
    result["release"] = from_codes(
        np.where(invalid, -1, release_code[take]), categories=list(release_names))
    result["phase"] = from_codes(phase, categories=[p.value for p in Phase])
    result["days_left"] = pandas_.arrays.IntegerArray(days_left, invalid)
    result["in_servicing"] = pandas_.arrays.BooleanArray(serviced, invalid)
    result["error"] = from_codes(row_error, categories=list(error_texts)).remove_unused_categories()
    return result


def _day_column(
    frame: pd.DataFrame, on: DateLike | None, date_column: str | None, errors: dict[str, int]
) -> tuple[Any, Any]:
    """Per-row lifecycle days (datetime64[D]) and error codes into ``errors`` (-1 where fine)."""
    import numpy as np
    import pandas as pandas_

    n = len(frame)
    if date_column is None:
        if on is None:
            raise WsiotError("give on= (one day for every row) or date_column= (a day per row)")
        day = np.datetime64(lifecycle_day(on), "D")
        return np.full(n, day, dtype="datetime64[D]"), np.full(n, -1, dtype=np.int64)
    if date_column not in frame.columns:
        raise WsiotError(f"no column {date_column!r} in the frame; columns: {list(frame.columns)}")
    codes, uniques = pandas_.factorize(frame[date_column], use_na_sentinel=True)
    size = len(uniques) + 1  # the last slot stands for a missing date
    days = np.full(size, np.datetime64("NaT"), dtype="datetime64[D]")
    problems = np.full(size, -1, dtype=np.int64)
    problems[-1] = errors.setdefault("no date", len(errors))
    for index, value in enumerate(uniques):
        try:
            moment = value.to_pydatetime() if isinstance(value, pandas_.Timestamp) else value
            days[index] = np.datetime64(lifecycle_day(moment), "D")
        except WsiotError as exc:
            problems[index] = errors.setdefault(str(exc), len(errors))
    take = np.where(codes < 0, size - 1, codes)
    return days[take], problems[take]
