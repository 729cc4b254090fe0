"""Patch level: what a build misses on a day, and since when.

:func:`patch_status` gives the installed update, the newest security update
on a day, the security updates missing and since when.

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
from datetime import date
from typing import Any

import attrs

from wsiot.errors import NotYetReleasedError
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Release
from wsiot.model.update import UPDATE_HEADERS, Update, UpdateKind
from wsiot.model.updates import MEMO_LIMIT, UpdateHistory, full_build, resolve_updates
from wsiot.render.html import PATCH_COLOURS, html_block, html_table
from wsiot.values.builds import Build, BuildLike, parse_build, server_build
from wsiot.values.dates import DateLike, Moment, lifecycle_moment, next_patch_tuesday

__all__ = [
    "PatchStatus",
    "next_patch_tuesday",
    "patch_fields",
    "patch_status",
    "status_of",
]

def patch_fields(
    data: UpdateHistory, build: BuildLike, release: Release, when: Moment | date
) -> tuple[str | None, int | None, int | None, str]:
    """(installed KB, missing count, days overdue, state) of a build already resolved to
    ``release``: the patch columns of a fleet audit.

    A build without its UBR, or one the update data does not cover, is
    ``"unknown"`` with the other fields None; a UBR no update has (between two updates)
    names the update below it as ``"above KB..."``; a UBR of a client-only update
    series raises :class:`~wsiot.NotServerError`.

    >>> import wsiot
    >>> rel = wsiot.release_for(20348)
    >>> patch_fields(wsiot.default_updates(), "10.0.20348.2762", rel, date(2024, 12, 1))
    ('KB5044281', 1, 19, 'behind')
    >>> patch_fields(wsiot.default_updates(), "10.0.20348", rel, date(2024, 12, 1))
    (None, None, None, 'unknown')
    """
    full = server_build(build)
    if full.revision is None or full.build not in data.builds:
        return (None, None, None, "unknown")
    try:
        status = status_of(data, full, release,
                           when if isinstance(when, Moment) else Moment(when))
    except NotYetReleasedError:
        return (None, None, None, "unknown")
    kb = None if status.installed is None else (
        status.installed.title if status.exact else f"above {status.installed.title}")
    return (kb, len(status.missing), status.days_overdue, status.state)


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

    Past the data's end (``complete`` is False) the answer claims no more than
    the data knows: ``missing`` is a lower bound ("behind by at least N"),
    ``latest`` is the latest *known* security update, and ``uncovered_from``
    is the first Patch Tuesday the data does not cover.
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
    uncovered_from: date | None = None

    @property
    def complete(self) -> bool:
        """Whether the update data covers every Patch Tuesday up to ``on``."""
        return self.data_ends is None

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
        ends = (f"update data ends {self.data_ends}, before the Patch Tuesday of "
                f"{self.uncovered_from}")
        if self.current is None:
            return f"{head}unknown: {ends}; {has}."
        if self.current:
            return f"{head}current; {has}."
        kbs = ", ".join(u.title for u in self.missing[:5]) + (", ..." if len(self.missing) > 5 else "")
        assert self.latest is not None and self.overdue_since is not None
        if not self.complete:
            return (f"{head}behind by at least {len(self.missing)} security update(s) ({kbs}), "
                    f"overdue since {self.overdue_since} ({self.days_overdue} day(s)); {has}; "
                    f"latest known {self.latest.title} ({self.latest.build}); {ends}.")
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
            "complete": self.complete,
            "missing_is_lower_bound": not self.complete,
            "latest_is_latest_known": not self.complete,
            "uncovered_from": None if self.uncovered_from is None
            else self.uncovered_from.isoformat(),
            "summary": self.summary,
        }

    def _repr_html_(self) -> str:
        table = (html_table(UPDATE_HEADERS, (u.html_row() for u in self.missing))
                 if self.missing else "")
        return html_block(self.state, table, note=self.summary, colour=PATCH_COLOURS[self.state])


# -- the embedded data and the module-level functions ---------------------------------


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
    data = resolve_updates(updates)
    memo = catalog is None and type(build) is str and (type(on) is str or type(on) is date)
    if memo:
        found = data.memo.get((build, on))
        if type(found) is PatchStatus:
            return found
    cat = resolve_catalog(catalog)
    parsed = parse_build(build).server()  # parsed once, through the door's server rule
    release = cat.release_for(parsed)
    full = parsed if parsed.revision is not None else full_build(parsed)  # raises for a kernel
    result = status_of(data, full, release, lifecycle_moment(on))
    if memo:
        if len(data.memo) >= MEMO_LIMIT:
            data.memo.clear()
        data.memo[(build, on)] = result
    return result


def status_of(data: UpdateHistory, full: Build, release: Release, moment: Moment
              ) -> PatchStatus:
    """The :class:`PatchStatus` of a parsed full build already resolved to ``release``."""
    day, early = moment.day, moment.early
    series = data.series_of(full)
    revision = full.revision or 0
    at = bisect.bisect_right(series.revisions, revision) - 1
    installed = series.updates[at] if at >= 0 else None
    if installed is not None and (installed.released > day or (
            early and installed.released == day)):
        raise NotYetReleasedError(
            f"not yet released: {full} is {installed.title} ({installed.build}), released "
            f"{installed.released}, after {day}; no machine ran it that day")
    exact = installed is not None and installed.build.revision == revision
    find = bisect.bisect_left if early else bisect.bisect_right
    released = find(series.security_days, day)  # security updates out on this day
    latest = series.security[released - 1] if released else None  # as latest_security
    above = bisect.bisect_right(series.security_revisions, revision)
    missing = series.security[above:released]
    if installed is not None and missing:
        if installed.kind is UpdateKind.HOTPATCH:  # it carries its month's security fixes
            missing = tuple(u for u in missing if u.released > installed.released)
        elif installed.kb in data.reissued:  # its lower UBR misses nothing of itself
            missing = tuple(u for u in missing if u.kb != installed.kb)
        if installed.kind is UpdateKind.RELEASE:  # media published after them carries them
            missing = tuple(u for u in missing if u.released >= installed.released)
    if series.twice and len({u.kb for u in missing}) < len(missing):  # a KB of two UBRs: once
        newest = {u.kb: u for u in missing}
        missing = tuple(u for u in missing if newest[u.kb] is u)
    gap = data.uncovered_from
    uncovered = gap <= day if not early else gap < day
    if missing:
        current: bool | None = False
    else:
        current = None if uncovered else True
    return PatchStatus(
        build=full, release=release, on=day, installed=installed, exact=exact,
        latest=latest, missing=tuple(missing), current=current,
        data_ends=data.covered_until if uncovered else None,
        uncovered_from=gap if uncovered else None,
    )
