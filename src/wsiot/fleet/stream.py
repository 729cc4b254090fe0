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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

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
from wsiot.fleet.rowfields import (
    MappingColumns,
    build_with_products,
    none_if_blank,
    row_device,
)
from wsiot.io.inventory import (
    OWN_COLUMNS,
    PRODUCT_COLUMNS,
    parse_columns,
    product_columns,
)
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import Phase, phase_on
from wsiot.model.repeats import PARTS, RepeatedNames, Repeats, repeats_in
from wsiot.model.updates import UpdateHistory, resolve_updates
from wsiot.rules.patchlevel import patch_fields
from wsiot.values.dates import DateLike, lifecycle_moment
from wsiot.values.validators import flag

__all__ = [
    "AUDIT_COLUMNS",
    "ERROR_KINDS",
    "INVENTORY_COLUMNS",
    "PATCH_STATES",
    "PRODUCT_COLUMNS",
    "Audit",
    "AuditRow",
    "AuditSummary",
    "Verdict",
    "audit",
    "audit_counts",
    "build_with_products",
    "error_kind_of",
    "failed",
    "none_if_blank",
    "product_columns",
    "summary_of",
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

def error_kind_of(exc: WsiotError) -> str:
    """The ``error_kind`` of an audit row failing with ``exc`` (see ``ERROR_KINDS``)."""
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


class Verdict(NamedTuple):
    """What an audit answers for one (build, day): every field of an :class:`AuditRow` but
    the device and its build. Many rows share one, so it is resolved and counted once."""

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


def failed(error: str, kind: str) -> Verdict:
    """The verdict of a row that cannot be audited."""
    return Verdict(None, None, None, None, None, error, kind)


def summary_of(counts: Mapping[Verdict, int], complete: bool = True,
               repeats: Repeats | None = None) -> AuditSummary:
    """The :class:`AuditSummary` of verdicts and how many rows each has: the one way audits,
    counts and reports tally."""
    by_phase: Counter[str] = Counter()
    by_release: Counter[str] = Counter()
    invalid = serviced = 0
    kinds: Counter[str] = Counter()
    patches: Counter[str] = Counter()
    for verdict, count in counts.items():
        if verdict.error is not None or verdict.release is None or verdict.phase is None:
            invalid += count
            kinds[verdict.error_kind or "bad-row"] += count
            continue
        patches[verdict.patch or "unknown"] += count
        by_phase[verdict.phase] += count
        by_release[verdict.release] += count
        serviced += count if verdict.in_servicing else 0
    order = {phase.value: index for index, phase in enumerate(Phase)}
    return AuditSummary(
        rows=sum(counts.values()),
        in_servicing=serviced,
        by_phase=dict(sorted(by_phase.items(), key=lambda item: order[item[0]])),
        by_release=dict(by_release.most_common()),
        invalid=invalid,
        complete=complete,
        invalid_by_kind={kind: kinds[kind] for kind in ERROR_KINDS if kinds[kind]},
        by_patch={state: patches[state] for state in PATCH_STATES if patches[state]},
        repeats=repeats,
    )


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
    repeats: Repeats | None = None
    """Device names on more than one row; None when not counted (an audit started with
    ``repeats=False``, a summary taken before the last row, or counts without names)."""

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
            + (f"\n  warning: {self.repeats}" if self.repeats else "")
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"rows": self.rows, "in_servicing": self.in_servicing,
                "not_in_servicing": self.not_in_servicing, "invalid": self.invalid,
                "by_phase": dict(self.by_phase), "by_release": dict(self.by_release),
                "invalid_by_kind": dict(self.invalid_by_kind), "by_patch": dict(self.by_patch),
                "repeats": None if self.repeats is None else self.repeats.to_dict(),
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
        repeats: bool = True,
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
        self._folded: Counter[Verdict] = Counter()
        self._started = False
        self._complete = False
        # rows held in a list or tuple are counted when the repeats are asked for, from the
        # rows themselves (exactly, at C speed); other rows are noted as they stream by
        self._check_repeats = repeats
        self._held = isinstance(rows, list | tuple)
        self._names = RepeatedNames() if repeats and not self._held else None
        self._plain = True  # every row so far a tuple or a list: its device is its first item
        self._repeats: Repeats | None = None

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

    def _verdict(self, build: Any, when: Any, products: Any = None) -> Verdict:
        if build is None or (type(build) is str and not build.strip()):
            return failed("no build", "no-build")
        try:  # the build first, as audit_frame does: its error says more than a date's
            identity = build_with_products(build, products)
            release = self._catalog.release_for(identity)
            moment = self._default_day if when is None else lifecycle_moment(when)
            if moment is None:
                return failed("no date: give on= or a date per row", "no-date")
            patch = patch_fields(self._updates, identity, release, moment)
        except WsiotError as exc:
            return failed(exc.short, error_kind_of(exc))
        day = moment.day
        phase = phase_on(release, moment)
        serviced = phase.is_serviced(include_esu=self._include_esu)
        until = release.esu_end if self._include_esu and release.esu_end else release.servicing_end
        return Verdict(day, release.name, phase.value, (until - day).days, serviced, None, None,
                       *patch)

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
        columns = MappingColumns(self._columns)
        tuple_, len_, str_, hash_ = tuple, len, str, hash  # locals: the loop is hot
        # noting each device name: its hash, appended to one of the parts (see RepeatedNames)
        names = self._names
        notes = None if names is None else [part.append for part in names.parts]
        mask = PARTS - 1
        entry: list[Any] | None
        for row in self._rows:
            # the common case first: a (device, build, date) tuple whose pair is resolved
            if type(row) is tuple_ and len_(row) == 3:
                device, build, when = row
                if notes is not None and (type(device) is str_ or isinstance(device, str_)) \
                        and not device.isspace():
                    hashed = hash_(device)
                    notes[hashed & mask](hashed)
                try:  # only str builds are keys as they are
                    entry = by_day[when][build]
                except (KeyError, TypeError):  # new, or unhashable: the general path says so
                    pass
                else:
                    entry[1] += 1
                    if emit:
                        yield make(AuditRow, (device, build) + entry[0])
                    continue
            try:
                products = None
                if type(row) is tuple and len(row) == 3:
                    device, build, when = row
                elif type(row) is not tuple_ and type(row) is not list:
                    self._plain = False  # a mapping, a str or another sequence
                    if isinstance(row, Mapping):
                        device, build, when, products = columns.read(row)
                    elif isinstance(row, str | bytes):
                        raise TypeError
                    elif len(row) == 2:
                        device, build = row
                        when = None
                    else:
                        device, build, when = row
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
                if names is not None and (type(row) is not tuple_ or len_(row) != 3):
                    names.add(device)  # the fast path above noted a 3-tuple's device
            except (TypeError, ValueError):  # not a 2- or 3-item row, or an unhashable value
                device = row_device(row, columns)
                if names is not None and not (type(row) is tuple_ and len_(row) == 3):
                    names.add(device)
                bad = failed(f"bad row {describe(row)}: expected (device, build), "
                             "(device, build, date) or a mapping with a build column", "bad-row")
                self._folded[bad] += 1
                yield make(AuditRow, (device, None, *bad))
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
        # the repeats once every row is in: counting them costs time in proportion to the
        # rows, which a progress display asking for a summary every few rows would repeat
        return summary_of(counts, self._complete,
                          self.repeats() if self._complete and self._check_repeats else None)

    def repeats(self, again: Iterable[Any] | None = None) -> Repeats:
        """The device names on more than one row among the rows audited so far (none when the
        audit was started with ``repeats=False``), the first few named.

        Rows given as a list or tuple are counted from the rows themselves, exactly, when
        asked; other rows are noted as they stream by, and ``again``, the same rows a second
        time, names the first few (``wsiot audit`` reads its file twice when it finds
        repeats)."""
        if not self._check_repeats:
            return Repeats()
        if again is None and self._repeats is not None:
            return self._repeats
        columns = MappingColumns(self._columns)
        if isinstance(self._rows, list | tuple):
            rows = self._rows if self._complete else self._rows[: self._rows_so_far()]
            found = repeats_in(self._devices(rows, columns))
        else:
            assert self._names is not None
            found = self._names.result(
                None if again is None else (row_device(row, columns) for row in again))
        if self._complete and (again is None or self._held):
            self._repeats = found
        return found

    def _devices(self, rows: Sequence[Any], columns: MappingColumns) -> list[Any]:
        """The device of each held row: its first item, at C speed, while every row is a tuple
        or a list with one; else each row read as the audit read it."""
        if self._plain:
            try:
                return list(map(itemgetter(0), rows))
            except IndexError:  # an empty row: read one by one
                pass
        return [row_device(row, columns) for row in rows]

    def _rows_so_far(self) -> int:
        return sum(self._folded.values()) + sum(int(count) for _, count in self._entries)


def audit(
    rows: Iterable[Any],
    on: DateLike | None = None,
    *,
    catalog: Catalog | None = None,
    include_esu: bool = False,
    updates: UpdateHistory | None = None,
    columns: Mapping[str, str] | str | None = None,
    repeats: bool = True,
) -> Audit:
    """Stream the audit of ``rows``: (device, build) or (device, build, date) items.

    ``on`` is the day for rows without their own date. Iterate the result for
    one :class:`AuditRow` per input row, then call ``.summary()``; or call
    ``.run()`` for the summary alone. Mapping rows (``csv.DictReader``) are
    read by column name: wsiot's own names, the exports of Intune, Defender for
    Endpoint, Configuration Manager and Azure Resource Graph (see
    :mod:`wsiot.io.inventory`), or ``columns`` (``{"device": ..., "build": ...}``
    or ``"device=...,build=..."``). The patch columns come from
    ``updates`` (the embedded data by default). The summary of the whole input also
    counts device names on more than one row (:class:`~wsiot.model.repeats.Repeats`;
    see :meth:`Audit.repeats`); ``repeats=False`` skips that. Raises
    :class:`~wsiot.FleetError` when ``rows`` is not iterable or ``columns`` is
    malformed.
    """
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise FleetError(f"rows: expected an iterable of (device, build[, date]), got {describe(rows)}")
    if isinstance(columns, str):  # a bad mapping is the caller's error, raised here
        columns = parse_columns(columns)
    return Audit(rows, on, resolve_catalog(catalog), include_esu, updates, columns,
                 flag(repeats, "repeats"))


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
    ``collections.Counter``. Counts carry no device names, so ``repeats`` is
    None (not counted); count names with :class:`~wsiot.RepeatedNames` as the rows are read
    (as :func:`~wsiot.read_inventory` does with ``names=``).

    >>> summary = audit_counts({"10.0.20348.2762": 3, ("19045", None): 1}, on="2030-01-01")
    >>> summary.rows, summary.in_servicing, summary.invalid
    (4, 3, 1)
    """
    if not isinstance(counts, Mapping):
        raise FleetError(f"counts: expected a mapping of build (or (build, date)) to devices, "
                         f"got {describe(counts)}")
    run = Audit((), on, resolve_catalog(catalog), include_esu, updates, repeats=False)
    for key, count in counts.items():
        if type(count) is not int or count < 0:
            raise FleetError(f"counts: expected a whole number of devices for {describe(key)}, "
                             f"got {describe(count)}")
        build, when = key if type(key) is tuple and len(key) == 2 else (key, None)
        try:
            run._entry(build, when)[1] = count
        except TypeError:  # an unhashable build: a malformed row, counted as such
            run._folded[failed(f"bad row {describe(key)}", "bad-row")] += count
    run._started = run._complete = True
    return run.summary()

