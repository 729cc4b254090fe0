"""Update data refreshed from Microsoft's pages: what is new, what they confirm, and where
they disagree with the data wsiot has.

The base data follows the Windows Server release-information page, which the documented
rule puts first; a history page that gives a KB another UBR or day is a *conflict*: the
base row stays (unless asked to prefer the page) and both values are reported, never
silently replaced. Rows are attributed by their OS build, never by the page they came from,
and only the server builds wsiot models are taken (a Windows 10 or Windows 11 build on a
shared page is skipped).

>>> import wsiot
>>> from wsiot.model.update_pages import update_entries
>>> page = "July 14, 2026\\u2014KB5099536 (OS Build 26100.33158)"
>>> result = import_updates(update_entries(page, "https://example.test/2025"))
>>> [str(u.build) for u in result.confirmed]
['10.0.26100.33158']
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wsiot.data import updates as _updates
from wsiot.model.update import Update, check_updates
from wsiot.model.update_pages import PageEntry
from wsiot.model.updates import UpdateHistory, resolve_updates

__all__ = ["SERVER_BUILDS", "Conflict", "UpdateImport", "import_updates"]

SERVER_BUILDS = frozenset({14393, 17763, 20348, 26100})
"""The build numbers of the Windows Server releases whose updates wsiot models."""


@attrs.frozen
class Conflict:
    """A page entry that disagrees with the base data about one KB or UBR."""

    base: Update
    page: Update

    def __str__(self) -> str:
        return (f"{self.base.title}: the data has {self.base.build} of {self.base.released} "
                f"({self.base.kind.value}); {self.page.source} has {self.page.build} of "
                f"{self.page.released} ({self.page.kind.value})")


@attrs.frozen
class UpdateImport:
    """What an import found: the resulting history, and the diff against the base."""

    history: UpdateHistory
    new: tuple[Update, ...]
    confirmed: tuple[Update, ...]
    conflicts: tuple[Conflict, ...]
    skipped: int
    """Entries of builds wsiot does not model (clients, other versions)."""
    refused: tuple[tuple[Update, str], ...] = ()
    """New rows that break a rule the data keeps, each with the rule's words."""
    known: tuple[tuple[Conflict, str], ...] = ()
    """Disagreements the data already records (``wsiot.data.updates.DISCREPANCIES``), each
    with its note: reported, never a failure."""

    def __str__(self) -> str:
        lines = [f"{len(self.new)} new, {len(self.confirmed)} confirmed, "
                 f"{len(self.conflicts)} conflicting, {len(self.known)} known discrepancies, "
                 f"{len(self.refused)} refused; {self.skipped} entries of other builds skipped"]
        lines += [f"  new: {u.title} {u.build} {u.released} {u.kind.value}" for u in self.new]
        lines += [f"  conflict: {c}" for c in self.conflicts]
        lines += [f"  known: {c.page.title} {c.page.build}: {note}" for c, note in self.known]
        lines += [f"  refused: {u.title} {u.build} {u.released}: {why}" for u, why in self.refused]
        return "\n".join(lines)


def import_updates(entries: Iterable[PageEntry], base: UpdateHistory | None = None, *,
                   prefer_pages: bool = False) -> UpdateImport:
    """The base history (default: the embedded one) with the server updates the pages add.

    ``prefer_pages`` replaces a conflicting base row with the page's; without it the base
    row stays. The result's as-of date moves to the newest Patch Tuesday on which every
    modelled build has a security update in the result."""
    data = resolve_updates(base)
    by_build = {u.build: u for u in data.updates}
    by_kb: dict[str, list[Update]] = {}
    for update in data.updates:
        if update.kb is not None:
            by_kb.setdefault(update.kb, []).append(update)
    new: dict[tuple[str, object], Update] = {}
    confirmed: dict[tuple[str, object], Update] = {}
    conflicts: dict[tuple[str, object], Conflict] = {}
    skipped = 0
    for entry in entries:
        for build in entry.builds:
            if build.build not in SERVER_BUILDS or build.client is not None:
                skipped += 1
                continue
            page = Update(build=build, kb=entry.kb, released=entry.day, kind=entry.kind,
                          source=entry.source)
            key = (entry.kb, build)
            known = by_build.get(build)
            same_kb = by_kb.get(entry.kb, [])
            if known is not None and known.kb == entry.kb and known.released == entry.day:
                confirmed.setdefault(key, known)
            elif known is not None:
                conflicts.setdefault(key, Conflict(known, page))
            elif same_kb and entry.kb not in data.reissued:
                conflicts.setdefault(key, Conflict(same_kb[0], page))
            else:
                new.setdefault(key, page)
    rows = list(data.updates)
    if prefer_pages:
        replaced = {c.base for c in conflicts.values()}
        rows = [u for u in rows if u not in replaced] + [c.page for c in conflicts.values()]
    accepted, refused = [], []
    for update in sorted(new.values(), key=lambda u: (u.released, u.build)):
        problems = check_updates((*rows, update), as_of=None, reissued=data.reissued,
                                 off_cycle=data.off_cycle)
        if problems:  # it breaks a rule the data keeps (UBRs rise with dates, ...)
            refused.append((update, problems[0]))
        else:
            rows.append(update)
            accepted.append(update)
    as_of = max([data.covered_until, *(u.released for u in accepted)])
    history = UpdateHistory(
        updates=tuple(rows), version=f"{data.version}+pages" if accepted or prefer_pages
        else data.version,
        as_of=as_of, splits=data.splits, reissued=data.reissued, off_cycle=data.off_cycle)
    recorded = {(row["kb"], f"10.0.{row['build']}", row["released"]): row["note"]
                for row in _updates.DISCREPANCIES}
    noted: list[tuple[Conflict, str]] = []
    for conflict in conflicts.values():
        note = recorded.get((conflict.page.kb or "", str(conflict.page.build),
                             conflict.page.released.isoformat()))
        if note is not None:
            noted.append((conflict, note))
    unknown = tuple(c for c in conflicts.values() if c not in {c for c, _ in noted})
    return UpdateImport(history=history, new=tuple(accepted), confirmed=tuple(confirmed.values()),
                        conflicts=unknown, skipped=skipped, refused=tuple(refused),
                        known=tuple(noted))

