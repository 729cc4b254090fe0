"""Fleet audits: the servicing status of every device in an inventory.

:func:`audit` streams: it reads (device, build[, date]) rows from any iterable
and yields one :class:`AuditRow` per device, so a million-row inventory never
sits in memory. A row whose build or date is bad yields a row with ``error``
set; one bad row never stops an audit and nothing is dropped. Each distinct
(build, date) pair is resolved once.

>>> from wsiot.fleet.stream import audit
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
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from wsiot.errors import (
    FleetError,
    InvalidBuildError,
    InvalidDateError,
    InvalidSystemFactsError,
    NotServerError,
    WsiotError,
    describe,
)
from wsiot.io.inventory import OWN_COLUMNS, ColumnMap, parse_columns, recognise_columns
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import Phase, phase_on
from wsiot.model.updates import UpdateHistory, resolve_updates
from wsiot.rules.patchlevel import patch_fields
from wsiot.values.dates import DateLike, lifecycle_moment

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUDIT_COLUMNS",
    "ERROR_KINDS",
    "INVENTORY_COLUMNS",
    "PATCH_STATES",
    "PRODUCT_COLUMNS",
    "Audit",
    "AuditRow",
    "AuditSummary",
    "audit",
    "audit_counts",
    "audit_frame",
    "product_columns",
]

_CACHE_LIMIT = 65536  # distinct (build, date) pairs kept while streaming
_TYPED = object()  # tags the memo key of a build that is not a str

AUDIT_COLUMNS = ("release", "phase", "days_left", "in_servicing", "error", "error_kind",
                 "installed_kb", "missing_updates", "days_overdue", "patch")
"""The columns :func:`audit_frame` adds."""

PATCH_STATES = ("current", "behind", "unknown")
"""A device's ``patch``: no security update missing, some missing, or not known (a build
without its UBR, a build the update data does not cover, or data older than the day)."""

ERROR_KINDS = {
    "invalid-build": "malformed build",
    "unknown-build": "no Windows Server IoT release",
    "not-server": "a Windows client, not a server",
    "invalid-facts": "contradictory product facts",
    "invalid-date": "bad date",
    "no-build": "no build",
    "no-date": "no date",
    "bad-row": "malformed row",
}
"""Why a row could not be audited: each ``error_kind`` and how a summary names it."""

INVENTORY_COLUMNS = {field: OWN_COLUMNS[field] for field in ("device", "build", "date")}
"""wsiot's own column names for each field (case and surrounding spaces ignored), first match
wins; exports of management tools are recognised too (see :mod:`wsiot.io.inventory`)."""

PRODUCT_COLUMNS = {
    "product_name": OWN_COLUMNS["product"],
    "edition_id": ("edition_id", "editionid", "os_edition"),
    "product_type": ("product_type", "producttype", "os_product_type"),
    "sku": ("sku", "operating_system_sku", "operatingsystemsku", "os_sku"),
}
"""Optional columns that say whether a device is a server (see :class:`~wsiot.SystemFacts`);
a client on a build it shares with Windows Server becomes a ``not-server`` error row."""


def _error_kind(exc: WsiotError) -> str:
    if isinstance(exc, NotServerError):
        return "not-server"
    if isinstance(exc, InvalidSystemFactsError):
        return "invalid-facts"
    if isinstance(exc, InvalidDateError):
        return "invalid-date"
    if isinstance(exc, InvalidBuildError):
        return "invalid-build"
    if isinstance(exc, LookupError):
        return "unknown-build"
    return "invalid-build"  # pragma: no cover - release_for raises only the kinds above


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
    error_kind: str | None = None
    installed_kb: str | None = None
    missing_updates: int | None = None
    days_overdue: int | None = None
    patch: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the date as ISO 8601)."""
        row = self._asdict()
        row["on"] = None if self.on is None else self.on.isoformat()
        return row


_Verdict = tuple[
    date | None, str | None, str | None, int | None, bool | None, str | None, str | None,
    str | None, int | None, int | None, str | None,
]
_NO_PATCH = (None, None, None, None)


@attrs.frozen(kw_only=True)
class AuditSummary:
    """Counts over the rows audited so far; ``complete`` once the input is exhausted."""

    rows: int
    in_servicing: int
    by_phase: dict[str, int]
    by_release: dict[str, int]
    invalid: int
    complete: bool
    invalid_by_kind: dict[str, int] = attrs.field(factory=dict)
    by_patch: dict[str, int] = attrs.field(factory=dict)

    @property
    def not_in_servicing(self) -> int:
        """Valid rows whose release is not serviced on their date."""
        return self.rows - self.invalid - self.in_servicing

    def __str__(self) -> str:
        phases = ", ".join(f"{phase} {count}" for phase, count in self.by_phase.items())
        kinds = ", ".join(f"{ERROR_KINDS[kind]} {count}"
                          for kind, count in self.invalid_by_kind.items())
        return (
            f"{self.rows} device(s): {self.in_servicing} in servicing, "
            f"{self.not_in_servicing} not, {self.invalid} invalid ({phases or 'no valid rows'})"
            + ("" if self.complete else " [incomplete]")
            + (f"\n  invalid: {kinds}" if kinds else "")
            + ("\n  patch level: " + ", ".join(f"{state} {count}"
                                              for state, count in self.by_patch.items())
               if self.by_patch else "")
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"rows": self.rows, "in_servicing": self.in_servicing,
                "not_in_servicing": self.not_in_servicing, "invalid": self.invalid,
                "by_phase": dict(self.by_phase), "by_release": dict(self.by_release),
                "invalid_by_kind": dict(self.invalid_by_kind), "by_patch": dict(self.by_patch),
                "complete": self.complete}


class Audit:
    """A single-use stream of :class:`AuditRow` with a running :meth:`summary`."""

    def __init__(
        self,
        rows: Iterable[Any],
        on: DateLike | None,
        catalog: Catalog,
        include_esu: bool,
        updates: UpdateHistory | None = None,
        columns: Mapping[str, str] | str | None = None,
    ) -> None:
        self._rows = rows
        self._columns = columns
        self._catalog = catalog
        self._updates = resolve_updates(updates)
        self._include_esu = include_esu
        # a bad default day is the caller's error, raised here
        self._default_day = None if on is None else lifecycle_moment(on)
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
        if self._started:
            raise FleetError("an audit streams its rows once; call audit() again to rerun it")
        self._started = True
        deque(self._stream(emit=False), maxlen=0)
        return self.summary()

    def _verdict(self, build: Any, when: Any, products: Any = None) -> _Verdict:
        if build is None or (type(build) is str and not build.strip()):
            return (None, None, None, None, None, "no build", "no-build", *_NO_PATCH)
        try:  # the build first, as audit_frame does: its error says more than a date's
            identity = _identity(build, products)
            release = self._catalog.release_for(identity)
            moment = self._default_day if when is None else lifecycle_moment(when)
            if moment is None:
                return (None, None, None, None, None, "no date: give on= or a date per row",
                        "no-date", *_NO_PATCH)
            day, early = moment.day, moment.early
            patch = patch_fields(self._updates, identity, release, day, early)
        except WsiotError as exc:
            return (None, None, None, None, None, exc.short, _error_kind(exc), *_NO_PATCH)
        phase = phase_on(release, day, early)
        serviced = phase.is_serviced(include_esu=self._include_esu)
        until = release.esu_end if self._include_esu and release.esu_end else release.servicing_end
        return (day, release.name, phase.value, (until - day).days, serviced, None, None, *patch)

    def _entry(self, build: Any, when: Any, products: Any = None) -> list[Any]:
        entry = [self._verdict(build, when, products), 0]
        self._entries.append(entry)
        return entry

    def _fold(self) -> None:
        for verdict, count in self._entries:
            self._folded[verdict] += count
        self._entries.clear()

    def _stream(self, emit: bool = True) -> Iterator[AuditRow]:
        """The audit's rows; with ``emit`` False, counts them and yields only bad rows."""
        by_day: dict[Any, dict[Any, list[Any]]] = {}
        make = tuple.__new__
        cached = 0
        columns = _MappingColumns(self._columns)
        tuple_, len_ = tuple, len  # locals: the loop is hot
        for row in self._rows:
            # the common case first: a (device, build, date) tuple whose pair is resolved
            if type(row) is tuple_ and len_(row) == 3:
                device, build, when = row
                builds = by_day.get(when)
                if builds is not None:
                    try:
                        entry = builds.get(build)  # only str builds are keys as they are
                    except TypeError:  # unhashable: the general path below says so
                        entry = None
                    if entry is not None:
                        entry[1] += 1
                        if emit:
                            yield make(AuditRow, (device, build) + entry[0])
                        continue
            try:
                products = None
                if type(row) is tuple and len(row) == 3:
                    device, build, when = row
                elif isinstance(row, Mapping):
                    device, build, when, products = columns.read(row)
                elif isinstance(row, str | bytes):
                    raise TypeError
                elif len(row) == 2:
                    device, build = row
                    when = None
                else:
                    device, build, when = row
                builds = by_day.get(when)
                if builds is None:
                    builds = by_day[when] = {}
                # str builds are keys as they are (only a str equals a str); any other type is
                # tagged with its type, so equal values (20348, 20348.0, True) never share
                key: Any = build if type(build) is str else (_TYPED, type(build), build)
                if products is not None:
                    key = (_TYPED, key, products)
                entry = builds.get(key)
            except (TypeError, ValueError):  # not a 2- or 3-item row, or an unhashable value
                bad: _Verdict = (None, None, None, None, None,
                                 f"bad row {describe(row)}: expected (device, build), "
                                 "(device, build, date) or a mapping with a build column",
                                 "bad-row", *_NO_PATCH)
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
                entry = builds[key] = self._entry(build, when, products)
                cached += 1
            entry[1] += 1
            if emit:
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
        kinds: Counter[str] = Counter()
        patches: Counter[str] = Counter()
        for (_, release, phase, _, in_servicing, error, kind, *_, patch), count in counts.items():
            if error is not None or release is None or phase is None:
                invalid += count
                kinds[kind or "bad-row"] += count
                continue
            patches[patch or "unknown"] += count
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
            invalid_by_kind={kind: kinds[kind] for kind in ERROR_KINDS if kinds[kind]},
            by_patch={state: patches[state] for state in PATCH_STATES if patches[state]},
        )


class _MappingColumns:
    """Reads (device, build, date, products) from mapping rows by column name, once per key set."""

    def __init__(self, columns: Mapping[str, str] | str | None = None) -> None:
        self._columns = columns
        self._keys: tuple[Any, ...] | None = None
        self._map: ColumnMap | None = None
        self._products: tuple[tuple[str, Any], ...] = ()

    def read(self, row: Mapping[Any, Any]) -> tuple[Any, Any, Any, Any]:
        keys = tuple(row)
        if keys != self._keys:
            self._keys = keys
            try:
                self._map = recognise_columns(keys, self._columns)
            except WsiotError:
                self._map = None
            self._products = product_columns(keys, self._map)
        found = self._map
        if found is None:
            raise ValueError("no build column")
        value = row[found.date] if found.date is not None else None
        if isinstance(value, str) and not value.strip():
            value = None
        products = tuple((field, _blank_none(row[key])) for field, key in self._products)
        return ((None if found.device is None else row[found.device]), row[found.build], value,
                products if any(v is not None for _, v in products) else None)


def product_columns(header: Iterable[Any], found: ColumnMap | None
                     ) -> tuple[tuple[str, Any], ...]:
    """(fact, column) of each product fact the header holds: the recognised product column
    as the product name, and wsiot's own names for the edition, product type and SKU."""
    folded = {k.strip().casefold(): k for k in reversed(list(header)) if isinstance(k, str)}
    pairs = []
    if found is not None and found.product is not None:
        pairs.append(("product_name", found.product))
    for field, names in PRODUCT_COLUMNS.items():
        if field == "product_name":
            continue
        column = next((folded[n] for n in names if n in folded), None)
        if column is not None:
            pairs.append((field, column))
    return tuple(pairs)


def _blank_none(value: Any) -> Any:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _identity(build: Any, products: tuple[tuple[str, Any], ...] | None) -> Any:
    """The build to resolve: ``build`` itself, or SystemFacts when product facts came with it."""
    if products is None:
        return build
    from wsiot.model.system import SystemFacts

    return SystemFacts.from_values(build, **dict(products), source="inventory")


def audit(
    rows: Iterable[Any],
    on: DateLike | None = None,
    *,
    catalog: Catalog | None = None,
    include_esu: bool = False,
    updates: UpdateHistory | None = None,
    columns: Mapping[str, str] | str | None = None,
) -> Audit:
    """Stream the audit of ``rows``: (device, build) or (device, build, date) items.

    ``on`` is the day for rows without their own date. Iterate the result for
    one :class:`AuditRow` per input row, then call ``.summary()``; or call
    ``.run()`` for the summary alone. Mapping rows (``csv.DictReader``) are
    read by column name: wsiot's own names, the exports of Intune, Defender for
    Endpoint, Configuration Manager and Azure Resource Graph (see
    :mod:`wsiot.io.inventory`), or ``columns`` (``{"device": ..., "build": ...}``
    or ``"device=...,build=..."``). The patch columns come from
    ``updates`` (the embedded data by default). Raises
    :class:`~wsiot.FleetError` when ``rows`` is not iterable or ``columns`` is
    malformed.
    """
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise FleetError(f"rows: expected an iterable of (device, build[, date]), got {describe(rows)}")
    if isinstance(columns, str):  # a bad mapping is the caller's error, raised here
        columns = parse_columns(columns)
    return Audit(rows, on, resolve_catalog(catalog), include_esu, updates, columns)


def audit_counts(
    counts: Mapping[Any, int],
    on: DateLike | None = None,
    *,
    catalog: Catalog | None = None,
    include_esu: bool = False,
    updates: UpdateHistory | None = None,
) -> AuditSummary:
    """The summary of an inventory already counted: ``{build: devices}`` or
    ``{(build, date): devices}`` (a date of None takes ``on``).

    The same summary :func:`audit` gives for those rows, each distinct key
    resolved once: the quickest way to audit a file read with
    ``collections.Counter``.

    >>> summary = audit_counts({"10.0.20348.2762": 3, ("19045", None): 1}, on="2030-01-01")
    >>> summary.rows, summary.in_servicing, summary.invalid
    (4, 3, 1)
    """
    if not isinstance(counts, Mapping):
        raise FleetError(f"counts: expected a mapping of build (or (build, date)) to devices, "
                         f"got {describe(counts)}")
    run = Audit((), on, resolve_catalog(catalog), include_esu, updates)
    for key, count in counts.items():
        if type(count) is not int or count < 0:
            raise FleetError(f"counts: expected a whole number of devices for {describe(key)}, "
                             f"got {describe(count)}")
        build, when = key if type(key) is tuple and len(key) == 2 else (key, None)
        try:
            run._entry(build, when)[1] = count
        except TypeError:  # an unhashable build: a malformed row, counted as such
            run._folded[(None, None, None, None, None, f"bad row {describe(key)}", "bad-row",
                         *_NO_PATCH)] += count
    run._started = run._complete = True
    return run.summary()


# -- pandas ----------------------------------------------------------------------


def audit_frame(
    frame: pd.DataFrame,
    build: str = "build",
    on: DateLike | None = None,
    *,
    date_column: str | None = None,
    product_columns: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
    include_esu: bool = False,
    updates: UpdateHistory | None = None,
    columns: Mapping[str, str] | str | None = None,
) -> pd.DataFrame:
    """``frame`` with the audit columns added (``AUDIT_COLUMNS``), vectorised.

    Each distinct build is parsed once; phases are computed on whole columns.
    ``release``, ``phase`` and ``error`` are categorical; ``days_left`` and
    ``in_servicing`` are nullable (missing on a row with an error).
    ``on`` is the day for every row, or ``date_column`` names a column of
    per-row dates (naive dates, or aware timestamps read against Microsoft's
    end instant). ``product_columns`` maps product facts (``product_name``,
    ``edition_id``, ``product_type``, ``sku``; see ``PRODUCT_COLUMNS``) to
    column names: a client on a build it shares with Windows Server is then a
    ``not-server`` row. Rows with a bad build or date get ``error`` set. Works
    on an empty frame, so Dask can infer its output from it.

    ``columns`` names the columns of an export (``{"build": "OS version"}`` or
    ``"build=OS version,product=OS Platform"``); without it, a frame with no
    ``build`` column is read as the export it looks like (see
    :mod:`wsiot.io.inventory`). The patch columns come from ``updates``.

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
    data = resolve_updates(updates)
    if not isinstance(frame, pandas_.DataFrame):
        raise FleetError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    if columns is not None or (build == "build" and "build" not in frame.columns):
        found = recognise_columns(list(frame.columns), columns)
        build, date_column = found.build, date_column or found.date
        if found.product is not None and not product_columns:
            product_columns = {"product_name": found.product}
    _require_column(frame, build)
    products = dict(product_columns or {})
    unknown = sorted(set(products) - set(PRODUCT_COLUMNS))
    if unknown:
        raise FleetError(f"product_columns: unknown product facts {unknown}; "
                         f"known: {', '.join(PRODUCT_COLUMNS)}")
    for column in products.values():
        _require_column(frame, column)
    errors: dict[tuple[str, str], int] = {}

    # per distinct build (plus a last slot for a missing one): release dates and codes
    build_codes, build_values = _factorize(frame[build])
    if products:  # a distinct build is then a distinct (build, product facts) combination
        build_codes, build_values = _identities(frame, build, products)
    builds = len(build_values) + 1
    released = np.full(builds, np.datetime64("NaT"), dtype="datetime64[D]")
    mainstream, servicing, esu = released.copy(), released.copy(), released.copy()
    release_code = np.full(builds, -1, dtype=np.int64)
    build_error = np.full(builds, -1, dtype=np.int64)
    build_error[-1] = errors.setdefault(("no build", "no-build"), len(errors))
    names: dict[str, int] = {}
    resolved: dict[int, tuple[Any, Any]] = {}  # build index -> (identity, release)
    for index, value in enumerate(build_values):
        if value is None:  # a missing build among product facts
            build_error[index] = build_error[-1]
            continue
        try:
            identity = (_identity(value.build, value.products) if isinstance(value, _Identity)
                        else _integral(value))
            rel = cat.release_for(identity)
        except WsiotError as exc:
            build_error[index] = errors.setdefault((exc.short, _error_kind(exc)), len(errors))
            continue
        resolved[index] = (identity, rel)
        release_code[index] = names.setdefault(rel.name, len(names))
        released[index] = np.datetime64(rel.released, "D")
        mainstream[index] = np.datetime64(rel.mainstream_end, "D")
        servicing[index] = np.datetime64(rel.servicing_end, "D")
        if rel.esu_end is not None:
            esu[index] = np.datetime64(rel.esu_end, "D")

    # per distinct day (plus a last slot for a missing one)
    day_codes, days, early_days, day_error = _days(frame, on, date_column, errors)

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
    day, early = days[pair_day], early_days[pair_day]
    error = np.where(build_error[pair_build] >= 0, build_error[pair_build], day_error[pair_day])
    patch = _patch_columns(data, resolved, pair_build, day, early, error, errors)
    invalid = error >= 0
    has_esu = ~np.isnat(e)
    started = (day > r) | ((day == r) & ~early)
    in_esu = has_esu & (day > s) & (day <= e)
    phase = np.select([~started, day <= m, day <= s, in_esu], [0, 1, 2, 3], default=4)
    phase[invalid] = -1
    until = np.where(has_esu, e, s) if include_esu else s
    serviced = started & ((day <= s) | (in_esu & include_esu))
    days_left = (until - day).astype("timedelta64[D]").astype(np.int64)
    days_left[invalid] = 0
    release = np.where(invalid, -1, release_code[pair_build])

    from_codes: Any = pandas_.Categorical.from_codes  # the stubs reject int64 code arrays
    invalid_rows = invalid[pair_codes]
    kinds = list(ERROR_KINDS)
    kind_of_error = np.array([kinds.index(kind) for _, kind in errors] + [-1], dtype=np.int64)
    result = frame.copy()
    result["release"] = from_codes(release[pair_codes], categories=list(names))
    result["phase"] = from_codes(phase[pair_codes], categories=[p.value for p in Phase])
    result["days_left"] = pandas_.arrays.IntegerArray(days_left[pair_codes], invalid_rows)
    result["in_servicing"] = pandas_.arrays.BooleanArray(serviced[pair_codes], invalid_rows)
    result["error"] = from_codes(error[pair_codes], categories=[text for text, _ in errors])
    result["error_kind"] = from_codes(kind_of_error[error[pair_codes]], categories=kinds)
    kb_code, missing, overdue, state, kb_names = patch
    unknown_patch = (state < 0) | (state == PATCH_STATES.index("unknown"))
    result["installed_kb"] = from_codes(kb_code[pair_codes], categories=kb_names)
    result["missing_updates"] = pandas_.arrays.IntegerArray(missing[pair_codes],
                                                            unknown_patch[pair_codes])
    result["days_overdue"] = pandas_.arrays.IntegerArray(overdue[pair_codes],
                                                         unknown_patch[pair_codes])
    result["patch"] = from_codes(state[pair_codes], categories=list(PATCH_STATES))
    return result


def _patch_columns(
    data: UpdateHistory,
    resolved: dict[int, tuple[Any, Any]],
    pair_build: Any,
    day: Any,
    early: Any,
    error: Any,
    errors: dict[tuple[str, str], int],
) -> tuple[Any, Any, Any, Any, list[str]]:
    """Per (build, day) pair: installed KB code, missing count, days overdue and state code.

    A UBR of a client-only series makes its pair a ``not-server`` error (``error`` is
    updated in place)."""
    import numpy as np

    pairs = len(pair_build)
    kb_code = np.full(pairs, -1, dtype=np.int64)
    missing = np.zeros(pairs, dtype=np.int64)
    overdue = np.zeros(pairs, dtype=np.int64)
    state = np.full(pairs, -1, dtype=np.int64)
    kb_names: dict[str, int] = {}
    for pair in range(pairs):
        if error[pair] >= 0:
            continue
        identity, rel = resolved[int(pair_build[pair])]
        try:
            kb, count, days, status = patch_fields(data, identity, rel, day[pair].item(),
                                                   bool(early[pair]))
        except WsiotError as exc:
            error[pair] = errors.setdefault((exc.short, _error_kind(exc)), len(errors))
            continue
        state[pair] = PATCH_STATES.index(status)
        if kb is not None:
            kb_code[pair] = kb_names.setdefault(kb, len(kb_names))
        missing[pair], overdue[pair] = count or 0, days or 0
    return kb_code, missing, overdue, state, list(kb_names)


def _identities(frame: Any, build: str, products: dict[str, str]) -> tuple[Any, list[Any]]:
    """Codes of each row's (build, product facts) and the distinct ones, as SystemFacts."""
    import pandas as pandas_


    columns = [build, *products.values()]
    codes, uniques = pandas_.MultiIndex.from_frame(frame[columns].astype(object)).factorize()
    values: list[Any] = []
    for unique in uniques:
        raw, *facts = (None if _missing(v) else _integral(v) for v in unique)
        if raw is None:
            values.append(None)
            continue
        given = {field: _blank_none(v) for field, v in zip(products, facts, strict=True)}
        if not any(v is not None for v in given.values()):
            values.append(raw)
            continue
        values.append(_Identity(_integral(raw), tuple(given.items())))
    return codes, values


def _missing(value: Any) -> bool:
    """None, NaN, NA or NaT: a cell with no value."""
    import pandas as pandas_

    try:
        return bool(pandas_.isna(value))
    except (TypeError, ValueError):  # a value pandas cannot judge (a list, say)
        return False


class _Identity(NamedTuple):
    """A build and the product facts that came with it, resolved by ``_resolve``."""

    build: Any
    products: tuple[tuple[str, Any], ...]


def _factorize(column: Any) -> tuple[Any, Any]:
    """Codes and distinct values of a column of any dtype, missing values coded -1."""
    import pandas as pandas_

    if isinstance(column.dtype, pandas_.CategoricalDtype):
        column = column.astype(object)  # categories that hold no row would be values too
    codes, values = pandas_.factorize(column, use_na_sentinel=True)
    return codes, list(values)


def _integral(value: Any) -> Any:
    """A float that holds a whole number (a build column with a blank cell is float64) as int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _require_column(frame: pd.DataFrame, column: Any) -> None:
    try:
        present = column in frame.columns
    except TypeError:  # an unhashable name
        present = False
    if not present:
        raise FleetError(f"no column {describe(column)} in the frame; columns: {list(frame.columns)}")


def _days(
    frame: pd.DataFrame,
    on: DateLike | None,
    date_column: str | None,
    errors: dict[tuple[str, str], int],
) -> tuple[Any, Any, Any, Any]:
    """Row codes into distinct days (None when one day serves all), the days, whether each
    moment comes before its day starts, and their errors."""
    import numpy as np

    if date_column is None:
        if on is None:
            raise FleetError("give on= (one day for every row) or date_column= (a day per row)")
        moment = lifecycle_moment(on)
        day, early = moment.day, moment.early
        return (None, np.array([day], dtype="datetime64[D]"), np.array([early]),
                np.array([-1]))
    _require_column(frame, date_column)
    codes, values = _factorize(frame[date_column])
    days = np.full(len(values) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    early_days = np.zeros(len(values) + 1, dtype=bool)
    problems = np.full(len(values) + 1, -1, dtype=np.int64)
    problems[-1] = errors.setdefault(("no date", "no-date"), len(errors))
    for index, value in enumerate(values):
        try:
            moment = lifecycle_moment(value)
            day, early = moment.day, moment.early
        except WsiotError as exc:
            problems[index] = errors.setdefault((exc.short, "invalid-date"), len(errors))
            continue
        days[index], early_days[index] = np.datetime64(day, "D"), early
    return codes, days, early_days, problems

