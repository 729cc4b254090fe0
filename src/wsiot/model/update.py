"""One cumulative update: :class:`Update`, its :class:`UpdateKind`, the client and server
:class:`SeriesSplit` of a build, and the rules a set of updates keeps (:func:`check_updates`).

>>> import wsiot
>>> wsiot.update_for("10.0.20348.2762").title
'KB5044281'
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from wsiot.errors import (
    InvalidArgumentError,
    describe,
)
from wsiot.render.html import Cell, html_table
from wsiot.values.builds import Build
from wsiot.values.dates import is_second_tuesday

__all__ = ["UPDATE_HEADERS", "SeriesSplit", "Update", "UpdateKind", "check_updates", "update_kind"]

UPDATE_HEADERS = ("KB", "Build", "Released", "Kind")
"""The columns of an update in HTML tables."""


_KB_RE = re.compile(r"KB[0-9]{6,7}")


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


def update_kind(value: UpdateKind | str) -> UpdateKind:
    """The :class:`UpdateKind` named ``value`` (its value or label); UpdateDataError otherwise."""
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


