"""Cumulative updates: :class:`Update`, :class:`UpdateHistory` and their lookups.

A full build carries its update build revision (UBR): ``10.0.20348.2762`` is
the October 2024 security update of Windows Server 2022. The history lives in
:mod:`wsiot.data.updates` (its own data version and as-of date); this module
turns it into objects and answers :func:`update_for` (the exact update of a
full build) and :func:`updates` (the updates of a release, newest first).
What a build misses on a day is :mod:`wsiot.rules.patchlevel`'s question.

>>> import wsiot
>>> wsiot.update_for("10.0.20348.2762").kb
'KB5044281'
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from wsiot.data import updates as _updates
from wsiot.errors import (
    NotServerError,
    UnknownReleaseError,
    UnknownUpdateError,
    UpdateDataError,
    WsiotError,
    describe,
)
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Release
from wsiot.model.rows import history_parts
from wsiot.model.update import (
    UPDATE_HEADERS,
    SeriesSplit,
    Update,
    UpdateKind,
    check_updates,
    update_kind,
)
from wsiot.render.html import html_table
from wsiot.values.builds import Build, BuildLike, server_build
from wsiot.values.dates import Moment, next_patch_tuesday
from wsiot.values.validators import wrong_argument

__all__ = [
    "MEMO_LIMIT",
    "UPDATES_AS_OF",
    "UPDATES_VERSION",
    "UpdateHistory",
    "UpdateSeries",
    "default_updates",
    "full_build",
    "resolve_updates",
    "update_for",
    "updates",
    "use_updates",
]

UPDATES_VERSION = _updates.UPDATES_VERSION
UPDATES_AS_OF = date.fromisoformat(_updates.UPDATES_AS_OF)
MEMO_LIMIT = 8192


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise UpdateDataError([f"expected a list, got {describe(values)}"])
    return tuple(values)


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_tuple(values))


class UpdateSeries:
    """One build's updates, oldest first, indexed for bisection: every update with its UBR,
    and the monthly security updates with their UBRs and days."""

    __slots__ = ("revisions", "security", "security_days", "security_revisions", "twice",
                 "updates")

    def __init__(self, items: list[Update]) -> None:
        items.sort(key=lambda u: u.build)
        self.updates = tuple(items)
        self.revisions = [u.build.revision or 0 for u in items]
        self.security = tuple(u for u in items if u.kind is UpdateKind.SECURITY)
        self.security_revisions = [u.build.revision or 0 for u in self.security]
        self.security_days = [u.released for u in self.security]
        # whether a KB was published for two UBRs of this build (counted once when missing)
        self.twice = len({u.kb for u in self.security}) < len(self.security)


@attrs.frozen(kw_only=True)
class UpdateHistory:
    """An immutable, validated set of updates, with lookups.

    >>> import wsiot
    >>> wsiot.default_updates()  # doctest: +ELLIPSIS
    <UpdateHistory ... updates of builds 14393, 17763, 20348, 26100, data 2026.11.23 as of 2026-08-11>
    """

    updates: tuple[Update, ...] = attrs.field(converter=_tuple)
    version: str = "custom"
    as_of: date | None = None
    splits: tuple[SeriesSplit, ...] = attrs.field(default=(), converter=_tuple)
    reissued: frozenset[str] = attrs.field(default=frozenset(), converter=_names)
    off_cycle: frozenset[str] = attrs.field(default=frozenset(), converter=_names)
    _series: dict[int, UpdateSeries] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _by_kb: dict[str, Update] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _splits: dict[int, SeriesSplit] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    memo: dict[tuple[object, object], object] = attrs.field(init=False, eq=False,
                                                           factory=dict, repr=False)
    """Answers the rules remember for this history (it never changes, so they never go stale)."""
    uncovered_from: date = attrs.field(init=False, eq=False, default=date.min, repr=False)
    """The first Patch Tuesday the data does not cover."""

    def __attrs_post_init__(self) -> None:
        if self.as_of is not None and type(self.as_of) is not date:
            raise UpdateDataError([f"as_of: expected a date or None, got {describe(self.as_of)}"])
        problems = check_updates(self.updates, as_of=self.as_of, reissued=self.reissued,
                                 off_cycle=self.off_cycle)
        if not self.updates:
            problems.append("no updates: update data needs at least one")
        for split in self.splits:
            if not isinstance(split, SeriesSplit):
                problems.append(f"splits: expected wsiot.SeriesSplit, got {describe(split)}")
        if problems:
            raise UpdateDataError(problems)
        ordered = sorted(self.updates, key=lambda u: (u.released, u.build), reverse=True)
        object.__setattr__(self, "updates", tuple(ordered))
        grouped: dict[int, list[Update]] = {}
        for update in ordered:
            grouped.setdefault(update.build.build, []).append(update)
            if update.kb is not None:
                self._by_kb.setdefault(update.kb, update)
        for number, items in grouped.items():
            self._series[number] = UpdateSeries(items)
        for split in self.splits:
            self._splits[split.build] = split
        object.__setattr__(self, "uncovered_from", next_patch_tuesday(self.covered_until))

    def series(self, build: int) -> UpdateSeries | None:
        """The update series of build number ``build``, or None when the data has none."""
        return self._series.get(build)

    @property
    def builds(self) -> tuple[int, ...]:
        """The build numbers the data covers, ascending."""
        return tuple(sorted(self._series))

    @property
    def newest(self) -> date:
        """The day of the newest update."""
        return self.updates[0].released

    @property
    def covered_until(self) -> date:
        """The last day the data is complete for: the as-of date, or the newest update's day."""
        return self.as_of if self.as_of is not None else self.newest

    # -- construction from rows ------------------------------------------------------

    @classmethod
    def from_rows(cls, data: Mapping[str, Any]) -> UpdateHistory:
        """Update data from plain rows: the shape :meth:`to_rows` and ``wsiot updates export``
        write. Raises :class:`~wsiot.UpdateDataError` naming every bad row."""
        return cls(**history_parts(data))

    def to_rows(self) -> dict[str, Any]:
        """The data as JSON-ready rows, oldest first; :meth:`from_rows` reads them back."""
        return {
            "version": self.version,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "reissued": sorted(self.reissued),
            "off_cycle": sorted(self.off_cycle),
            "splits": [s.to_dict() for s in self.splits],
            "updates": [u.to_dict() for u in reversed(self.updates)],
        }

    # -- lookups -------------------------------------------------------------------------

    def kb(self, number: str) -> Update:
        """The update published as KB ``number`` ("KB5044281" or "5044281")."""
        key = number.strip().upper() if isinstance(number, str) else ""
        if key and not key.startswith("KB"):
            key = "KB" + key
        found = self._by_kb.get(key)
        if found is None:
            raise UnknownUpdateError(f"unknown KB number {describe(number)}: no update in the "
                                     f"data (version {self.version}) has it")
        return found

    def update_for(self, build: BuildLike) -> Update:
        """The exact update of a full build; see :func:`wsiot.update_for`."""
        full = full_build(build)
        series = self.series_of(full)
        revision = full.revision or 0
        index = bisect.bisect_left(series.revisions, revision)
        if index < len(series.revisions) and series.revisions[index] == revision:
            return series.updates[index]
        below = series.updates[index - 1] if index else None
        above = series.updates[index] if index < len(series.updates) else None
        where = ", ".join(
            part for part in (
                f"after {below.title} ({below.build}, {below.released})" if below else "",
                f"before {above.title} ({above.build}, {above.released})" if above else
                f"newer than every update in the data (as of {self.covered_until})",
            ) if part)
        raise UnknownUpdateError(f"unknown update: {full} is no update in the data; it falls {where}")

    def series_of(self, full: Build) -> UpdateSeries:
        """The update series of ``full``'s build; raises UnknownUpdateError for a build the
        data does not cover and NotServerError for a UBR of a client-only series."""
        series = self._series.get(full.build)
        if series is None:
            known = ", ".join(str(b) for b in self.builds)
            raise UnknownUpdateError(f"no update data for build {full.build} ({full}); "
                                     f"the data covers builds {known}")
        split = self._splits.get(full.build)
        if split is not None and split.is_client_only(full.revision or 0):
            raise NotServerError(
                f"not a server: {full} is a {split.client} update level; since "
                f"{split.since} Windows Server updates of build {split.build} start at UBR "
                f"{split.server_from}")
        return series

    def latest_security(self, build: int, when: Moment | date) -> Update | None:
        """The newest monthly security update of build number ``build`` released by ``day``
        at ``when``, a day or a :class:`~wsiot.Moment`; None before the first or for a build
        not covered."""
        series = self._series.get(build)
        if series is None:
            return None
        day, early = (when.day, when.early) if isinstance(when, Moment) else (when, False)
        find = bisect.bisect_left if early else bisect.bisect_right
        released = find(series.security_days, day)
        return series.security[released - 1] if released else None

    def select(self, release: Release | None = None, kind: UpdateKind | str | None = None
               ) -> tuple[Update, ...]:
        """The updates of ``release`` (all without one) of ``kind``, newest first."""
        chosen = self.updates
        if release is not None:
            chosen = tuple(u for u in chosen if u.build.kernel == release.kernel)
        if kind is not None:
            wanted = update_kind(kind)
            chosen = tuple(u for u in chosen if u.kind is wanted)
        return chosen

    def __repr__(self) -> str:
        builds = ", ".join(str(b) for b in self.builds)
        as_of = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        return f"<UpdateHistory {len(self.updates)} updates of builds {builds}, data {self.version}{as_of}>"

    def _repr_html_(self) -> str:
        return html_table(UPDATE_HEADERS, (u.html_row() for u in self.updates))


@functools.cache
def default_updates() -> UpdateHistory:
    """The update data embedded in this version of wsiot (built once, on first use), read
    through the same rows as an update-data file, so both obey one schema."""
    sources = {key: row["url"] for key, row in _updates.SOURCES.items()}
    document = {
        "version": _updates.UPDATES_VERSION,
        "as_of": _updates.UPDATES_AS_OF,
        "reissued": sorted(_updates.REISSUED_KBS),
        "off_cycle": sorted(_updates.OFF_CYCLE_SECURITY),
        "splits": [{**row, "source": sources[row["source"]]}
                   for row in _updates.SERIES_SPLITS],
        "updates": [
            {"build": f"10.0.{row['build']}.{row['ubr']}", "kb": row["kb"],
             "released": row["released"], "kind": row["kind"],
             "source": sources[row["source"]] if row["source"]
             else _updates.KB_PAGE + (row["kb"] or "")[2:]}
            for row in _updates.UPDATES],
    }
    return UpdateHistory.from_rows(document)


_IN_USE: list[UpdateHistory] = []  # what use_updates chose; empty: the embedded data


def use_updates(data: UpdateHistory | None) -> None:
    """Make ``data`` the update data every function uses when no ``updates=`` is given (an
    explicit ``updates=`` still wins); None goes back to the embedded data.

    >>> import attrs, wsiot
    >>> refreshed = attrs.evolve(wsiot.default_updates(), version="refreshed")
    >>> use_updates(refreshed); resolve_updates(None).version
    'refreshed'
    >>> use_updates(None); resolve_updates(None) is default_updates()
    True
    """
    if data is not None and not isinstance(data, UpdateHistory):
        raise wrong_argument("updates", "a wsiot.UpdateHistory or None", data)
    _IN_USE[:] = [] if data is None else [data]


def resolve_updates(data: UpdateHistory | None) -> UpdateHistory:
    """``data``, or the data in use for None (see :func:`use_updates`; by default the
    embedded data); anything else raises InvalidArgumentError.

    >>> resolve_updates(None) is default_updates()
    True
    """
    if data is None:
        return _IN_USE[0] if _IN_USE else default_updates()
    if not isinstance(data, UpdateHistory):
        raise wrong_argument("updates", "a wsiot.UpdateHistory or None", data)
    return data


def update_for(build: BuildLike, *, updates: UpdateHistory | None = None) -> Update:
    """The update a full build carries.

    Raises :class:`~wsiot.UnknownUpdateError` for a UBR that no update in the
    data has (naming the updates either side) or a build without a UBR, and
    :class:`~wsiot.NotServerError` for a UBR of a client-only update series.

    >>> import wsiot
    >>> print(wsiot.update_for("10.0.17763.5830"))
    KB5039705 (10.0.17763.5830), out-of-band update of 2024-05-23
    >>> wsiot.update_for("10.0.20348.2763")
    Traceback (most recent call last):
      ...
    wsiot.errors.UnknownUpdateError: unknown update: 10.0.20348.2763 is no update in the data; it falls after KB5044281 (10.0.20348.2762, 2024-10-08), before KB5046698 (10.0.20348.2819, 2024-11-12)
    """
    return resolve_updates(updates).update_for(build)


def updates(
    release: Release | str | int | None = None,
    *,
    kind: UpdateKind | str | None = None,
    updates: UpdateHistory | None = None,
    catalog: Catalog | None = None,
) -> tuple[Update, ...]:
    """The updates, newest first: of one ``release`` (a name, version or build) and ``kind``.

    >>> import wsiot
    >>> [u.kb for u in wsiot.updates("2025", kind="security")][:2]
    ['KB5120233', 'KB5099536']
    """
    data = resolve_updates(updates)
    if release is None:
        return data.select(None, kind)
    cat = resolve_catalog(catalog)
    try:
        chosen = cat.release(release)
    except UnknownReleaseError:
        if isinstance(release, Release):  # pragma: no cover - a Release is always known
            raise
        try:  # a build in any form: 20348, "10.0.20348"
            chosen = cat.release_for(release)
        except WsiotError:
            raise UnknownReleaseError(
                f"unknown release: {describe(release)} names no release or build in the "
                f"catalogue; known: {', '.join(r.version for r in cat.releases)}") from None
    return data.select(chosen, kind)


def full_build(build: BuildLike) -> Build:
    """The server build of ``build`` with its update revision; a kernel alone raises
    :class:`~wsiot.UnknownUpdateError` saying where to read the UBR."""
    full = server_build(build)
    if full.revision is None:
        raise UnknownUpdateError(
            f"no update revision: {describe(build)} gives the kernel {full} without its UBR; "
            f"give the full build {full}.<UBR>, as winver, `ver` or the registry's UBR show it",
            brief=f"no update revision in {describe(build)}")
    return full
