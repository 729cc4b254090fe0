"""Releases and editions: the cited facts of each, and the rules a set of them must keep.

>>> import wsiot
>>> wsiot.release("2022").servicing_end.isoformat()
'2031-10-14'
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from wsiot.errors import (
    CatalogError,
    describe,
)
from wsiot.model.lifecycle import (
    STATUS_HEADERS,
    Phase,
    ServicingStatus,
    phase_on,
    serviced_on,
    status_on,
)
from wsiot.render.html import html_table
from wsiot.values.builds import Build
from wsiot.values.dates import DateLike, is_second_tuesday, lifecycle_moment
from wsiot.values.names import name_key
from wsiot.values.validators import Validator

if TYPE_CHECKING:
    pass

__all__ = [
    "DATED_FIELDS",
    "EDITION_HEADERS",
    "END_FIELDS",
    "RELEASE_HEADERS",
    "Citation",
    "Discrepancy",
    "Edition",
    "EditionKind",
    "Editions",
    "Release",
    "Releases",
    "Source",
    "Statuses",
    "as_editions",
    "check_catalog",
    "edition_keys",
    "release_keys",
]

RELEASE_HEADERS = ("Release", "Build", "Available", "Mainstream end", "End of servicing")
"""The columns of a release in HTML tables."""
EDITION_HEADERS = ("Edition", "Purpose", "Limits")
"""The columns of an edition in HTML tables."""

DATED_FIELDS = ("released", "mainstream_end", "servicing_end", "esu_end")
END_FIELDS = ("mainstream_end", "servicing_end", "esu_end")


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class Editions(tuple["Edition", ...]):
    """Editions in a tuple that also renders as a table in notebooks.

    >>> import wsiot
    >>> "<table" in wsiot.editions()._repr_html_()
    True
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html_table(EDITION_HEADERS, (e.html_row() for e in self))


def as_editions(values: Iterable[Edition]) -> Editions:
    """``values`` as :class:`Editions`; anything but an iterable of editions is a CatalogError."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise CatalogError([f"editions: expected an iterable of wsiot.Edition, got {describe(values)}"])
    return Editions(values)


def _citations(values: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(values)


def _discrepancies(values: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(values)


@attrs.frozen
class Source:
    """A public document that states facts in the catalogue."""

    key: str
    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "url": self.url}


@attrs.frozen
class Citation:
    """The sources that state one field of a release."""

    field: str
    sources: tuple[Source, ...] = attrs.field(converter=_sources)


@attrs.frozen
class Discrepancy:
    """A value another source gives for a field, recorded but not used."""

    field: str
    value: str
    source: Source
    note: str


class EditionKind(enum.Enum):
    """The purpose an edition is licensed for."""

    GENERAL = "general"
    STORAGE = "storage"
    TELECOMMUNICATIONS = "telecommunications"
    SMALL_BUSINESS = "small-business"


def _typed(*types: type, optional: bool = False) -> Validator:
    """An attrs validator raising CatalogError (not TypeError) for a value of the wrong type."""
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) not in types:
            owner = type(instance).__name__
            raise CatalogError([f"{owner}.{attribute.name}: expected {names}, got {describe(value)}"])

    return check


def _limit(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _typed(int, optional=True)(instance, attribute, value)
    if isinstance(value, int) and value < 0:
        raise CatalogError([f"{type(instance).__name__}.{attribute.name}: must be >= 0, got {value}"])


@attrs.frozen(kw_only=True, repr=False)
class Edition:
    """A Windows Server IoT edition: its purpose and its limits.

    A limit of None means none applies. ``network_services`` and
    ``peripherals`` say whether the edition allows offering network
    infrastructure services and attaching keyboard, monitor or mouse.

    >>> import wsiot
    >>> wsiot.edition("Storage Workgroup")
    <Edition 'Storage Workgroup'>
    """

    name: str = attrs.field(validator=_typed(str))
    kind: EditionKind = attrs.field(validator=_typed(EditionKind))
    purpose: str = attrs.field(validator=_typed(str))
    max_users: int | None = attrs.field(default=None, validator=_limit)
    max_devices: int | None = attrs.field(default=None, validator=_limit)
    max_vms: int | None = attrs.field(default=None, validator=_limit)
    unlimited_vms: bool = attrs.field(default=False, validator=_typed(bool))
    """Whether one licence covers any number of virtual machines. With neither this nor
    ``max_vms``, no virtualisation rights are recorded, and no VM need is assumed to fit."""
    network_services: bool = attrs.field(default=True, validator=_typed(bool))
    peripherals: bool = attrs.field(default=True, validator=_typed(bool))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)

    @property
    def slug(self) -> str:
        """The name in lower case with hyphens: ``storage-workgroup``."""
        return name_key(self.name).replace(" ", "-")

    @property
    def limits(self) -> str:
        """The edition's limits in plain words, or ``"none"``."""
        parts = []
        if self.max_users is not None:
            parts.append(f"at most {self.max_users} users")
        if self.max_devices is not None:
            parts.append(f"at most {self.max_devices} devices")
        if self.max_vms is not None:
            parts.append(f"{self.max_vms} virtual machines per licence")
        elif self.unlimited_vms:
            parts.append("unlimited virtual machines per licence")
        if not self.network_services:
            parts.append("no network infrastructure services")
        if not self.peripherals:
            parts.append("no keyboard, monitor or mouse")
        return "; ".join(parts) or "none"

    def __repr__(self) -> str:
        return f"<Edition {self.name!r}>"

    def __str__(self) -> str:
        return self.name

    def html_row(self) -> tuple[object, ...]:
        """This edition's cells under ``EDITION_HEADERS``."""
        return (self.name, self.purpose, self.limits)

    def _repr_html_(self) -> str:
        return html_table(EDITION_HEADERS, [self.html_row()])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "name": self.name,
            "slug": self.slug,
            "kind": self.kind.value,
            "purpose": self.purpose,
            "max_users": self.max_users,
            "max_devices": self.max_devices,
            "max_vms": self.max_vms,
            "unlimited_vms": self.unlimited_vms,
            "network_services": self.network_services,
            "peripherals": self.peripherals,
            "aliases": list(self.aliases),
            "sources": [source.key for source in self.sources],
        }


@attrs.frozen(kw_only=True, repr=False)
class Release:
    """A Windows Server IoT (or predecessor) release and its lifecycle dates.

    ``released`` is general availability; ``mainstream_end`` and
    ``servicing_end`` (the end of extended support) are last serviced days.
    ``esu_end`` is the last day of paid Extended Security Updates, if any.

    >>> import wsiot
    >>> r = wsiot.release("2019")
    >>> r
    <Release 'Windows Server IoT 2019' 10.0.17763, 2019-03-04..2029-01-09>
    >>> r.is_in_servicing("2029-01-09"), r.is_in_servicing("2029-01-10")
    (True, False)
    >>> [e.name for e in r.editions]
    ['Datacenter', 'Essentials', 'Standard', 'Telecommunications']
    """

    name: str = attrs.field(validator=_typed(str))
    version: str = attrs.field(validator=_typed(str))
    slug: str = attrs.field(validator=_typed(str))
    kernel: Build = attrs.field(validator=_typed(Build))
    released: date = attrs.field(validator=_typed(date))
    mainstream_end: date = attrs.field(validator=_typed(date))
    servicing_end: date = attrs.field(validator=_typed(date))
    esu_end: date | None = attrs.field(default=None, validator=_typed(date, optional=True))
    editions: Editions = attrs.field(factory=Editions, converter=as_editions)
    equivalent_to: str | None = None
    link: str = ""
    policy: str = "Fixed Lifecycle Policy"
    channel: str = "Long-Term Servicing Channel (LTSC)"
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    discrepancies: tuple[Discrepancy, ...] = attrs.field(default=(), converter=_discrepancies)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    @property
    def build(self) -> int:
        """The build number, such as 20348."""
        return self.kernel.build

    @property
    def kernel_version(self) -> str:
        """The kernel version, such as ``"10.0.20348"``."""
        return str(self.kernel)

    @property
    def last_serviced_day(self) -> date:
        """The end of servicing; ESU, being paid and opt-in, is not counted."""
        return self.servicing_end

    def sources_of(self, field: str) -> tuple[Source, ...]:
        """The sources that state ``field`` (such as ``"servicing_end"``).

        >>> import wsiot
        >>> [s.key for s in wsiot.release("2025").sources_of("servicing_end")]
        ['lc:windows-server-2025', 'eol']
        """
        for citation in self.citations:
            if citation.field == field:
                return citation.sources
        return ()

    def offers(self, edition: Edition | str) -> bool:
        """Whether this release is offered in ``edition`` (an Edition or its name)."""
        key = name_key(edition.name if isinstance(edition, Edition) else edition)
        return any(
            key == name_key(offered.name) or key in map(name_key, offered.aliases)
            for offered in self.editions
        )

    def phase_on(self, on: DateLike) -> Phase:
        """The lifecycle :class:`~wsiot.Phase` of this release on ``on``."""
        moment = lifecycle_moment(on)
        return phase_on(self, moment)

    def is_in_servicing(self, on: DateLike, *, include_esu: bool = False) -> bool:
        """Whether this release is serviced on ``on`` (GA through end of servicing, inclusive)."""
        moment = lifecycle_moment(on)
        return serviced_on(self, moment, include_esu)

    def status_on(self, on: DateLike, *, include_esu: bool = False) -> ServicingStatus:
        """The :class:`~wsiot.ServicingStatus` of this release on ``on``."""
        moment = lifecycle_moment(on)
        return status_on(self, moment, include_esu=include_esu)

    def __repr__(self) -> str:
        return (
            f"<Release {self.name!r} {self.kernel_version}, "
            f"{self.released.isoformat()}..{self.servicing_end.isoformat()}>"
        )

    def __str__(self) -> str:
        return self.name

    def html_row(self) -> tuple[object, ...]:
        """This release's cells under ``RELEASE_HEADERS``."""
        return (self.name, self.kernel_version, self.released, self.mainstream_end,
                self.servicing_end)

    def _repr_html_(self) -> str:
        return html_table(RELEASE_HEADERS, [self.html_row()])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the catalogue file's release row)."""
        return {
            "name": self.name,
            "version": self.version,
            "slug": self.slug,
            "aliases": list(self.aliases),
            "kernel": self.kernel_version,
            "build": self.build,
            "released": self.released.isoformat(),
            "mainstream_end": self.mainstream_end.isoformat(),
            "servicing_end": self.servicing_end.isoformat(),
            "esu_end": None if self.esu_end is None else self.esu_end.isoformat(),
            "editions": [edition.name for edition in self.editions],
            "equivalent_to": self.equivalent_to,
            "link": self.link,
            "policy": self.policy,
            "channel": self.channel,
            "sources": {c.field: [s.key for s in c.sources] for c in self.citations},
            "discrepancies": [
                {"field": d.field, "value": d.value, "source": d.source.key, "note": d.note}
                for d in self.discrepancies
            ],
            "notes": list(self.notes),
        }


def check_catalog(releases: Iterable[Release], editions: Iterable[Edition] = ()) -> list[str]:
    """Every rule the catalogue breaks, as readable problems (an empty list when sound).

    The rules: there is at least one release (a catalogue may hold no edition:
    edition questions then find none); each release's
    dates run GA <= mainstream end <= end of servicing <= ESU end; every end
    date is a second Tuesday; names, versions, slugs and aliases are printable,
    non-empty and unique; a build number has one kernel version; the editions a
    release offers are in the catalogue; edition names are unique.

    >>> import wsiot
    >>> check_catalog(wsiot.releases(), wsiot.editions())
    []
    """
    if isinstance(releases, str | bytes) or not isinstance(releases, Iterable):
        return [f"releases: expected an iterable of wsiot.Release, got {describe(releases)}"]
    if isinstance(editions, str | bytes) or not isinstance(editions, Iterable):
        return [f"editions: expected an iterable of wsiot.Edition, got {describe(editions)}"]
    releases = tuple(releases)
    editions = tuple(editions)
    problems = [f"releases[{i}]: expected a wsiot.Release, got {describe(r)}"
                for i, r in enumerate(releases) if not isinstance(r, Release)]
    problems += [f"editions[{i}]: expected a wsiot.Edition, got {describe(e)}"
                 for i, e in enumerate(editions) if not isinstance(e, Edition)]
    if problems:
        return problems
    if not releases:
        problems.append("the catalogue holds no release (it needs at least one)")
    for thing, names in [*((f"release {describe(r.name)}", (r.name, r.version, r.slug, *r.aliases))
                           for r in releases),
                         *((f"edition {describe(e.name)}", (e.name, *e.aliases))
                           for e in editions)]:
        for name in names:
            if not name.strip() or not name.isprintable():
                problems.append(f"{thing}: name {describe(name)} is empty or holds control "
                                "characters or lone surrogates")
    known_editions: dict[str, str] = {}
    for edition in editions:
        for key in edition_keys(edition):
            if key in known_editions and known_editions[key] != edition.name:
                problems.append(
                    f"edition {describe(edition.name)}: name {describe(key)} is also used by "
                    f"{describe(known_editions[key])}"
                )
            elif key in known_editions:
                problems.append(f"edition {describe(edition.name)} is listed twice")
            known_editions[key] = edition.name
    seen_keys: dict[str, str] = {}
    kernels: dict[int, tuple[str, Build]] = {}
    for rel in releases:
        where = f"release {describe(rel.name)}"
        chain = [(f, getattr(rel, f)) for f in DATED_FIELDS if getattr(rel, f) is not None]
        for (first, early), (second, late) in itertools.pairwise(chain):
            if early > late:
                problems.append(f"{where}: {first} {early} is after {second} {late}")
        for field in END_FIELDS:
            day = getattr(rel, field)
            if day is not None and not is_second_tuesday(day):
                problems.append(
                    f"{where}: {field} {day} is not a second Tuesday "
                    f"(Microsoft ends lifecycles on its monthly update day)"
                )
        for key in release_keys(rel):
            if key in seen_keys and seen_keys[key] != rel.name:
                problems.append(f"{where}: name {describe(key)} is also used by {describe(seen_keys[key])}")
            elif key in seen_keys:
                problems.append(f"{where} is listed twice")
            seen_keys[key] = rel.name
        if rel.kernel.revision is not None:
            problems.append(f"{where}: kernel {rel.kernel} must not carry an update revision")
        if rel.build in kernels and kernels[rel.build][1] != rel.kernel:
            other, kernel = kernels[rel.build]
            problems.append(
                f"{where}: build {rel.build} has kernel {rel.kernel}, but {describe(other)} gives {kernel}"
            )
        kernels.setdefault(rel.build, (rel.name, rel.kernel))
        if editions:
            for offered in rel.editions:
                if name_key(offered.name) not in known_editions:
                    problems.append(f"{where}: offers {describe(offered.name)}, not in the editions")
    return problems


def release_keys(rel: Release) -> set[str]:
    """The lookup keys a release answers to: its names, version, slug and aliases."""
    return {name_key(k) for k in (rel.name, rel.version, rel.slug, *rel.aliases)}


def edition_keys(edition: Edition) -> set[str]:
    """The lookup keys an edition answers to: its name, slug and aliases."""
    return {name_key(k) for k in (edition.name, *edition.aliases)}


class Releases(tuple[Release, ...]):
    """Releases in a tuple that also renders as a table in notebooks.

    >>> import wsiot
    >>> rels = wsiot.releases()
    >>> isinstance(rels, tuple), len(rels)
    (True, 9)
    >>> [s.phase.value for s in rels.on("2030-01-01")][:3]
    ['extended', 'extended', 'ended']
    """

    __slots__ = ()

    def on(self, on: DateLike, *, include_esu: bool = False) -> Statuses:
        """The servicing status of every release on one day."""
        moment = lifecycle_moment(on)
        return Statuses(status_on(r, moment, include_esu=include_esu) for r in self)

    def _repr_html_(self) -> str:
        return html_table(RELEASE_HEADERS, (r.html_row() for r in self))


class Statuses(tuple[ServicingStatus, ...]):
    """Servicing statuses in a tuple that renders as a table with coloured phases."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html_table(STATUS_HEADERS, (s.html_row() for s in self))



