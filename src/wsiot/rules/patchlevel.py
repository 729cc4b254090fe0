"""Patch level: which cumulative update a build carries, and what it misses on a day.

A full build carries its update build revision (UBR): ``10.0.20348.2762`` is
the October 2024 security update of Windows Server 2022. The update history
lives in :mod:`wsiot.data.updates` (its own data version and as-of date); this
module turns it into :class:`Update` objects and answers:

* :func:`update_for`: the exact update of a full build;
* :func:`updates`: the updates of a release, newest first;
* :func:`patch_status`: the installed update, the newest security update on
  a day, the security updates missing and since when.

>>> import wsiot
>>> wsiot.update_for("10.0.20348.2762").kb
'KB5044281'
>>> status = wsiot.patch_status("10.0.20348.2762", "2024-12-01")
>>> [u.kb for u in status.missing], status.days_overdue, status.current
(['KB5046616'], 19, False)

Only monthly security updates are ever *missing*; previews, out-of-band
updates, hotpatches and general-availability builds count as installed levels.
A hotpatch carries the security fixes of its month, so a device on one misses
no security update released by that day.
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from wsiot.data import updates as _updates
from wsiot.errors import (
    InvalidArgumentError,
    NotServerError,
    UnknownReleaseError,
    UnknownUpdateError,
    UpdateDataError,
    WsiotError,
    describe,
)
from wsiot.model.catalog import Catalog, Release, is_second_tuesday, resolve_catalog
from wsiot.render.html import PATCH_COLOURS, Cell, html_block, html_table
from wsiot.values.builds import Build, BuildLike, parse_build
from wsiot.values.dates import DateLike, lifecycle_moment

__all__ = [
    "UPDATES_AS_OF",
    "UPDATES_VERSION",
    "PatchStatus",
    "SeriesSplit",
    "Update",
    "UpdateHistory",
    "UpdateKind",
    "check_updates",
    "default_updates",
    "next_patch_tuesday",
    "patch_fields",
    "patch_status",
    "resolve_updates",
    "update_for",
    "updates",
]

UPDATE_HEADERS = ("KB", "Build", "Released", "Kind")
"""The columns of an update in HTML tables."""

UPDATES_VERSION = _updates.UPDATES_VERSION
UPDATES_AS_OF = date.fromisoformat(_updates.UPDATES_AS_OF)

_KB_RE = re.compile(r"KB[0-9]{6,7}")
_MEMO_LIMIT = 8192


class UpdateKind(enum.Enum):
    """What kind of release an update is."""

    SECURITY = "security"
    PREVIEW = "preview"
    OUT_OF_BAND = "out-of-band"
    HOTPATCH = "hotpatch"
    RELEASE = "release"

    @property
    def label(self) -> str:
        """How a person reads the kind.

        >>> UpdateKind.SECURITY.label
        'monthly security update'
        """
        return _KIND_LABELS[self]


_KIND_LABELS = {
    UpdateKind.SECURITY: "monthly security update",
    UpdateKind.PREVIEW: "optional preview update",
    UpdateKind.OUT_OF_BAND: "out-of-band update",
    UpdateKind.HOTPATCH: "hotpatch update",
    UpdateKind.RELEASE: "general-availability build",
}


def _kind(value: UpdateKind | str) -> UpdateKind:
    if isinstance(value, UpdateKind):
        return value
    try:
        return UpdateKind(value)
    except ValueError:
        raise InvalidArgumentError(
            f"unknown update kind {describe(value)}; "
            f"known: {', '.join(k.value for k in UpdateKind)}"
        ) from None


@attrs.frozen(kw_only=True, repr=False)
class Update:
    """One update of a build: its full build, KB article, day and kind.

    A general-availability build has no KB (``kb`` is None).

    >>> import wsiot
    >>> u = wsiot.update_for("10.0.26100.32230")
    >>> u
    <Update KB5073379 10.0.26100.32230 2026-01-13 security>
    >>> print(u)
    KB5073379 (10.0.26100.32230), monthly security update of 2026-01-13
    """

    build: Build
    kb: str | None
    released: date
    kind: UpdateKind
    source: str

    @property
    def title(self) -> str:
        """The KB number, or "general availability" for a build without one."""
        return self.kb or "general availability"

    def __str__(self) -> str:
        what = f"{self.kind.label} of {self.released.isoformat()}"
        return f"{self.kb} ({self.build}), {what}" if self.kb else f"{self.build}, {what}"

    def __repr__(self) -> str:
        return f"<Update {self.title if self.kb else 'GA'} {self.build} {self.released} {self.kind.value}>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; the shape :func:`wsiot.io.formats.load_updates` reads."""
        return {"build": str(self.build), "kb": self.kb, "released": self.released.isoformat(),
                "kind": self.kind.value, "source": self.source}

    def html_row(self) -> tuple[object, ...]:
        """This update's cells under ``UPDATE_HEADERS``; the KB links to its source page
        when that is an http(s) address."""
        return (Cell(self.title, link=self.source), self.build, self.released.isoformat(),
                self.kind.label)

    def _repr_html_(self) -> str:
        return html_table(UPDATE_HEADERS, [self.html_row()])


@attrs.frozen(kw_only=True)
class SeriesSplit:
    """A build whose server and client updates took separate UBR series from one day.

    UBRs above ``shared_through`` and below ``server_from`` are the client's only.
    """

    build: int
    shared_through: int
    server_from: int
    since: date
    client: str
    source: str

    def is_client_only(self, revision: int) -> bool:
        """Whether ``revision`` belongs to the client series alone."""
        return self.shared_through < revision < self.server_from

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"build": self.build, "shared_through": self.shared_through,
                "server_from": self.server_from, "since": self.since.isoformat(),
                "client": self.client, "source": self.source}


def check_updates(
    items: Iterable[Update],
    *,
    as_of: date | None = None,
    reissued: Iterable[str] = (),
    off_cycle: Iterable[str] = (),
) -> list[str]:
    """Every rule the update data breaks, as readable problems (empty when sound).

    The rules: each build's UBRs are unique and rise with their dates; a KB
    number is unique (except ``reissued`` ones, published for two UBRs of one
    build); no update is dated after ``as_of``; a monthly security update
    falls on a second Tuesday (except ``off_cycle`` KBs); only a
    general-availability build has no KB. A general-availability build is
    dated by the day its media became available, so it may come after
    updates with higher UBRs.

    >>> import wsiot
    >>> check_updates(wsiot.default_updates().updates, as_of=wsiot.UPDATES_AS_OF,
    ...               reissued=wsiot.default_updates().reissued,
    ...               off_cycle=wsiot.default_updates().off_cycle)
    []
    """
    problems: list[str] = []
    reissued, off_cycle = set(reissued), set(off_cycle)
    seen_kb: dict[str, Update] = {}
    by_build: dict[int, list[Update]] = {}
    listed = list(items)
    ordered = sorted((u for u in listed if isinstance(u, Update)), key=lambda u: u.build)
    for update in [u for u in listed if not isinstance(u, Update)] + ordered:
        if not isinstance(update, Update):
            problems.append(f"expected a wsiot.Update, got {describe(update)}")
            continue
        name = f"{update.title} ({update.build})"
        if update.build.revision is None:
            problems.append(f"{name}: the build has no update revision (UBR)")
            continue
        if update.kb is None:
            if update.kind is not UpdateKind.RELEASE:
                problems.append(f"{name}: only a general-availability build has no KB number")
        elif not _KB_RE.fullmatch(update.kb):
            problems.append(f"{name}: KB number {describe(update.kb)} is not KB and 6 or 7 digits")
        elif update.kb in seen_kb:
            other = seen_kb[update.kb]
            if update.kb not in reissued or other.build.kernel != update.build.kernel:
                problems.append(f"{name}: KB number also given to {other.build}")
        else:
            seen_kb[update.kb] = update
        if as_of is not None and update.released > as_of:
            problems.append(f"{name}: released {update.released} after the data's as-of date "
                            f"{as_of}")
        reissue = (update.kb in reissued and update.kb in seen_kb
                   and seen_kb[update.kb] is not update)
        if (update.kind is UpdateKind.SECURITY and not is_second_tuesday(update.released)
                and update.kb not in off_cycle and not reissue):
            problems.append(f"{name}: a monthly security update released "
                            f"{update.released}, not on a second Tuesday")
        by_build.setdefault(update.build.build, []).append(update)
    for build, series in by_build.items():
        series.sort(key=lambda u: u.build)
        for before, after in itertools.pairwise(series):
            if before.build == after.build:
                problems.append(f"build {after.build}: given twice ({before.title}, {after.title})")
            elif UpdateKind.RELEASE in (before.kind, after.kind):
                continue  # media ships on its availability day, after updates of later UBRs
            elif after.released < before.released:
                problems.append(
                    f"build {build}: UBR {after.build.revision} ({after.released}) is dated before "
                    f"UBR {before.build.revision} ({before.released}); UBRs rise with dates")
    return problems


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise UpdateDataError([f"expected a list, got {describe(values)}"])
    return tuple(values)


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_tuple(values))


class _Series:
    """One build's updates, indexed for bisection."""

    __slots__ = ("revisions", "security", "security_days", "security_revisions", "updates")

    def __init__(self, items: list[Update]) -> None:
        items.sort(key=lambda u: u.build)
        self.updates = tuple(items)
        self.revisions = [u.build.revision or 0 for u in items]
        self.security = tuple(u for u in items if u.kind is UpdateKind.SECURITY)
        self.security_revisions = [u.build.revision or 0 for u in self.security]
        self.security_days = [u.released for u in self.security]


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
    _series: dict[int, _Series] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _by_kb: dict[str, Update] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _splits: dict[int, SeriesSplit] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _memo: dict[Any, Any] = attrs.field(init=False, eq=False, factory=dict, repr=False)
    _gap: date = attrs.field(init=False, eq=False, default=date.min, repr=False)
    _gap_start: date = attrs.field(init=False, eq=False, default=date.min, repr=False)

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
            self._series[number] = _Series(items)
        for split in self.splits:
            self._splits[split.build] = split
        # the first Patch Tuesday the data does not cover
        object.__setattr__(self, "_gap_start", self.covered_until)
        object.__setattr__(self, "_gap", next_patch_tuesday(self.covered_until))

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
        from wsiot.values.rows import updates_from_rows

        return updates_from_rows(cls, data)

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
        full = _full_build(build)
        series = self._series_of(full)
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

    def _series_of(self, full: Build) -> _Series:
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

    def latest_security(self, build: int, day: date, early: bool = False) -> Update | None:
        """The newest monthly security update of build number ``build`` released by ``day``
        (before it, when ``early``); None before the first or for a build not covered."""
        series = self._series.get(build)
        if series is None:
            return None
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
            wanted = _kind(kind)
            chosen = tuple(u for u in chosen if u.kind is wanted)
        return chosen

    def patch_status(self, build: BuildLike, on: DateLike, catalog: Catalog | None = None
                     ) -> PatchStatus:
        """The :class:`PatchStatus` of ``build`` on ``on``; see :func:`wsiot.patch_status`."""
        memo = catalog is None and type(build) is str and (type(on) is str or type(on) is date)
        if memo:
            found = self._memo.get((build, on))
            if found is not None:
                return found  # type: ignore[no-any-return]
        cat = resolve_catalog(catalog)
        parsed = None if hasattr(type(build), "_wsiot_server_build") else parse_build(build)
        if parsed is not None and parsed.revision is not None:
            full, release = parsed, cat.release_for(parsed)  # parsed once
        else:
            release = cat.release_for(build)  # the catalogue's errors first
            full = _full_build(build)
        day, early = lifecycle_moment(on)
        result = self._status(full, release, day, early)
        if memo:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[(build, on)] = result
        return result

    def _status(self, full: Build, release: Release, day: date, early: bool) -> PatchStatus:
        series = self._series_of(full)
        revision = full.revision or 0
        at = bisect.bisect_right(series.revisions, revision) - 1
        installed = series.updates[at] if at >= 0 else None
        exact = installed is not None and installed.build.revision == revision
        find = bisect.bisect_left if early else bisect.bisect_right
        released = find(series.security_days, day)  # security updates out on this day
        latest = series.security[released - 1] if released else None  # as latest_security
        above = bisect.bisect_right(series.security_revisions, revision)
        missing = series.security[above:released]
        if installed is not None and missing:
            if installed.kind is UpdateKind.HOTPATCH:  # it carries its month's security fixes
                missing = tuple(u for u in missing if u.released > installed.released)
            elif installed.kb in self.reissued:  # its lower UBR misses nothing of itself
                missing = tuple(u for u in missing if u.kb != installed.kb)
        gap = self._gap
        uncovered = gap <= day if not early else gap < day
        if missing:
            current: bool | None = False
        else:
            current = None if uncovered else True
        return PatchStatus(
            build=full, release=release, on=day, installed=installed, exact=exact,
            latest=latest, missing=tuple(missing), current=current,
            data_ends=self._gap_start if uncovered else None,
        )

    def __repr__(self) -> str:
        builds = ", ".join(str(b) for b in self.builds)
        as_of = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        return f"<UpdateHistory {len(self.updates)} updates of builds {builds}, data {self.version}{as_of}>"

    def _repr_html_(self) -> str:
        return html_table(UPDATE_HEADERS, (u.html_row() for u in self.updates))


def patch_fields(
    data: UpdateHistory, build: BuildLike, release: Release, day: date, early: bool = False
) -> tuple[str | None, int | None, int | None, str]:
    """(installed KB, missing count, days overdue, state) of a build already resolved to
    ``release``: the patch columns of a fleet audit.

    A build without its UBR, or one the update data does not cover, is
    ``"unknown"`` with the other fields None; a UBR of a client-only update
    series raises :class:`~wsiot.NotServerError`.

    >>> import wsiot
    >>> rel = wsiot.release_for(20348)
    >>> patch_fields(wsiot.default_updates(), "10.0.20348.2762", rel, date(2024, 12, 1))
    ('KB5044281', 1, 19, 'behind')
    >>> patch_fields(wsiot.default_updates(), "10.0.20348", rel, date(2024, 12, 1))
    (None, None, None, 'unknown')
    """
    server_build = getattr(type(build), "_wsiot_server_build", None)
    full = parse_build(build if server_build is None else server_build(build))
    if full.revision is None or full.build not in data._series:
        return (None, None, None, "unknown")
    status = data._status(full, release, day, early)
    kb = None if status.installed is None else status.installed.title
    return (kb, len(status.missing), status.days_overdue, status.state)


def next_patch_tuesday(after: date) -> date:
    """The first second Tuesday of a month strictly after ``after``.

    >>> next_patch_tuesday(date(2026, 8, 11))
    datetime.date(2026, 9, 8)
    """
    first = after.replace(day=1)
    while True:
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
        if tuesday > after:
            return tuesday
        first = (first + timedelta(days=32)).replace(day=1)


def _full_build(build: BuildLike) -> Build:
    server_build = getattr(type(build), "_wsiot_server_build", None)
    if server_build is not None:
        build = server_build(build)
    full = parse_build(build)
    if full.revision is None:
        raise UnknownUpdateError(
            f"no update revision: {describe(build)} gives the kernel {full} without its UBR; "
            f"give the full build, e.g. {full}.2762 (winver, `ver` or the registry's UBR)",
            brief=f"no update revision in {describe(build)}")
    return full


@attrs.frozen(kw_only=True)
class PatchStatus:
    """How patched a build is on one day.

    ``installed`` is the exact update of the build, or the newest one below its
    UBR (``exact`` says which); ``latest`` is the newest monthly security
    update released on or before ``on``; ``missing`` lists the security
    updates above the build released by then, oldest first. ``current`` is
    None when the update data ends before a Patch Tuesday that has passed on
    ``on`` and the build misses nothing the data knows (``data_ends`` says
    when it ends).
    """

    build: Build
    release: Release
    on: date
    installed: Update | None
    exact: bool
    latest: Update | None
    missing: tuple[Update, ...]
    current: bool | None
    data_ends: date | None = None

    @property
    def overdue_since(self) -> date | None:
        """The day the oldest missing update was released; None when none is missing."""
        return self.missing[0].released if self.missing else None

    @property
    def days_overdue(self) -> int:
        """Days since the oldest missing update was released; 0 when none is missing."""
        return (self.on - self.missing[0].released).days if self.missing else 0

    @property
    def state(self) -> str:
        """"current", "behind" or "unknown"."""
        return {True: "current", False: "behind", None: "unknown"}[self.current]

    @property
    def summary(self) -> str:
        """One line a person reads.

        >>> import wsiot
        >>> print(wsiot.patch_status("10.0.20348.2762", "2024-10-20").summary)
        10.0.20348.2762 (Windows Server IoT 2022) on 2024-10-20: current; installed KB5044281 (10.0.20348.2762), monthly security update of 2024-10-08.
        """
        head = f"{self.build} ({self.release.name}) on {self.on.isoformat()}: "
        if self.installed is None:
            has = "older than every update in the data"
        elif self.exact:
            has = f"installed {self.installed}"
        else:
            has = f"above {self.installed}"
        if self.current is None:
            return (f"{head}unknown: update data ends {self.data_ends}, before the Patch Tuesday "
                    f"of {next_patch_tuesday(self.data_ends or self.on)}; {has}.")
        if self.current:
            return f"{head}current; {has}."
        kbs = ", ".join(u.title for u in self.missing[:5]) + (", ..." if len(self.missing) > 5 else "")
        assert self.latest is not None and self.overdue_since is not None
        return (f"{head}behind by {len(self.missing)} security update(s) ({kbs}), overdue since "
                f"{self.overdue_since} ({self.days_overdue} day(s)); {has}; latest "
                f"{self.latest.title} ({self.latest.build}).")

    def __str__(self) -> str:
        return self.summary

    def __bool__(self) -> bool:
        return self.current is True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "build": str(self.build),
            "release": self.release.name,
            "on": self.on.isoformat(),
            "installed": None if self.installed is None else self.installed.to_dict(),
            "exact": self.exact,
            "latest": None if self.latest is None else self.latest.to_dict(),
            "missing": [u.to_dict() for u in self.missing],
            "overdue_since": None if self.overdue_since is None else self.overdue_since.isoformat(),
            "days_overdue": self.days_overdue,
            "current": self.current,
            "state": self.state,
            "data_ends": None if self.data_ends is None else self.data_ends.isoformat(),
            "summary": self.summary,
        }

    def _repr_html_(self) -> str:
        table = (html_table(UPDATE_HEADERS, (u.html_row() for u in self.missing))
                 if self.missing else "")
        return html_block(self.state, table, note=self.summary, colour=PATCH_COLOURS[self.state])


# -- the embedded data and the module-level functions ---------------------------------


@functools.cache
def default_updates() -> UpdateHistory:
    """The update data embedded in this version of wsiot (built once, on first use)."""
    sources = {key: row["url"] for key, row in _updates.SOURCES.items()}
    kinds = {kind.value: kind for kind in UpdateKind}
    items = [
        Update(build=Build(10, 0, build, revision), kb=kb, released=date.fromisoformat(day),
               kind=kinds[kind], source=sources[source] if source else _updates.KB_PAGE + (kb or "")[2:])
        for build, revision, kb, day, kind, source in _updates.UPDATES
        if kb is not None or source is not None
    ]
    splits = [
        SeriesSplit(build=int(row["build"]), shared_through=int(row["shared_through"]),  # type: ignore[call-overload]
                    server_from=int(row["server_from"]),  # type: ignore[call-overload]
                    since=date.fromisoformat(str(row["since"])), client=str(row["client"]),
                    source=sources[str(row["source"])])
        for row in _updates.SERIES_SPLITS
    ]
    return UpdateHistory(updates=items, version=UPDATES_VERSION, as_of=UPDATES_AS_OF,
                         splits=splits, reissued=_updates.REISSUED_KBS,
                         off_cycle=_updates.OFF_CYCLE_SECURITY)


def resolve_updates(data: UpdateHistory | None) -> UpdateHistory:
    """``data``, or the embedded update data for None; anything else raises UpdateDataError.

    >>> resolve_updates(None) is default_updates()
    True
    """
    if data is None:
        return default_updates()
    if not isinstance(data, UpdateHistory):
        raise UpdateDataError([f"updates: expected a wsiot.UpdateHistory or None, got {describe(data)}"])
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


def patch_status(
    build: BuildLike,
    on: DateLike,
    *,
    updates: UpdateHistory | None = None,
    catalog: Catalog | None = None,
) -> PatchStatus:
    """How patched ``build`` is on ``on``: installed, latest and missing security updates.

    ``current`` is True when no security update released by ``on`` is
    missing, False when one is (certain, whatever the data's age), and None
    when the update data ends before a Patch Tuesday that has passed by
    ``on``: a newer update may exist that wsiot does not know.

    >>> import wsiot
    >>> s = wsiot.patch_status("10.0.26100.32230", "2026-03-20")
    >>> s.installed.kb, s.latest.kb, [u.kb for u in s.missing], s.overdue_since
    ('KB5073379', 'KB5078740', ['KB5075899', 'KB5078740'], datetime.date(2026, 2, 10))
    >>> wsiot.patch_status("10.0.26100.33296", "2026-11-23").state
    'unknown'
    """
    return resolve_updates(updates).patch_status(build, on, catalog)

