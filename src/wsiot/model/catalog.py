"""The catalogue: :class:`Release`, :class:`Edition`, :class:`Catalog` and their lookups.

The embedded data lives in :mod:`wsiot.data.lifecycle`; this module turns it into typed,
immutable objects and answers lookups. Build your own :class:`Catalog` (or
load one with :func:`wsiot.io.formats.load_catalog`) to apply dates Microsoft changes
later, and pass it as ``catalog=`` to any function.

>>> import wsiot
>>> [r.version for r in wsiot.releases()][:3]
['2025', '2022', '2019']
>>> wsiot.release("windows-server-iot-2022").servicing_end
datetime.date(2031, 10, 14)
>>> wsiot.edition("storage-workgroup").max_users
50
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from wsiot.data import lifecycle as _data
from wsiot.data import products as _products
from wsiot.errors import (
    AmbiguousBuildError,
    CatalogError,
    UnknownBuildError,
    UnknownEditionError,
    UnknownReleaseError,
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
from wsiot.values.builds import Build, BuildLike, parse_build
from wsiot.values.dates import DateLike, lifecycle_moment
from wsiot.values.names import name_key, unknown_name_message

if TYPE_CHECKING:
    from wsiot.rules.patchlevel import UpdateHistory

__all__ = [
    "CATALOG_VERSION",
    "DATA_AS_OF",
    "Catalog",
    "Citation",
    "Discrepancy",
    "Edition",
    "EditionKind",
    "Release",
    "Releases",
    "Source",
    "Statuses",
    "check_catalog",
    "client_release_name",
    "default_catalog",
    "edition",
    "editions",
    "is_second_tuesday",
    "records",
    "release",
    "release_for",
    "releases",
    "releases_for",
    "resolve_catalog",
]

RELEASE_HEADERS = ("Release", "Build", "Available", "Mainstream end", "End of servicing")
"""The columns of a release in HTML tables."""
EDITION_HEADERS = ("Edition", "Purpose", "Limits")
"""The columns of an edition in HTML tables."""

CATALOG_VERSION = _data.CATALOG_VERSION
DATA_AS_OF = date.fromisoformat(_data.DATA_AS_OF)

_MEMO_LIMIT = 4096  # distinct raw build values remembered per catalogue

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


def _editions(values: Iterable[Edition]) -> Editions:
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


def _typed(*types: type, optional: bool = False) -> Any:
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
    editions: Editions = attrs.field(factory=Editions, converter=_editions)
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
        return phase_on(self, *lifecycle_moment(on))

    def is_in_servicing(self, on: DateLike, *, include_esu: bool = False) -> bool:
        """Whether this release is serviced on ``on`` (GA through end of servicing, inclusive)."""
        day, early = lifecycle_moment(on)
        return serviced_on(self, day, include_esu, early)

    def status_on(self, on: DateLike, *, include_esu: bool = False) -> ServicingStatus:
        """The :class:`~wsiot.ServicingStatus` of this release on ``on``."""
        day, early = lifecycle_moment(on)
        return status_on(self, day, include_esu=include_esu, early=early)

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


_CLIENT_RELEASES = dict(_products.CLIENT_RELEASES)


def client_release_name(build: int) -> str | None:
    """The Windows client release of a build number, where wsiot knows one.

    >>> client_release_name(17763)
    'Windows 10 1809 (LTSC 2019)'
    """
    return _CLIENT_RELEASES.get(build)


def is_second_tuesday(day: date) -> bool:
    """Whether ``day`` is the second Tuesday of its month (Microsoft's update day).

    >>> is_second_tuesday(date(2031, 10, 14)), is_second_tuesday(date(2031, 10, 7))
    (True, False)
    """
    return day.weekday() == 1 and 8 <= day.day <= 14


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
        for key in _edition_keys(edition):
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
        for key in _release_keys(rel):
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


def _release_keys(rel: Release) -> set[str]:
    return {name_key(k) for k in (rel.name, rel.version, rel.slug, *rel.aliases)}


def _edition_keys(edition: Edition) -> set[str]:
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
        day, early = lifecycle_moment(on)
        return Statuses(status_on(r, day, include_esu=include_esu, early=early) for r in self)

    def _repr_html_(self) -> str:
        return html_table(RELEASE_HEADERS, (r.html_row() for r in self))


class Statuses(tuple[ServicingStatus, ...]):
    """Servicing statuses in a tuple that renders as a table with coloured phases."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html_table(STATUS_HEADERS, (s.html_row() for s in self))


def _newest_first(releases: Iterable[Release]) -> Releases:
    if isinstance(releases, str | bytes) or not isinstance(releases, Iterable):
        raise CatalogError([f"releases: expected an iterable of wsiot.Release, got {describe(releases)}"])
    listed = tuple(releases)
    if not all(isinstance(r, Release) for r in listed):
        return Releases(listed)  # check_catalog reports each stranger with its index
    return Releases(sorted(listed, key=lambda r: -r.released.toordinal()))


def _same_answers(releases: Sequence[Release]) -> bool:
    first = releases[0]
    return all(
        (r.released, r.mainstream_end, r.servicing_end, r.esu_end)
        == (first.released, first.mainstream_end, first.servicing_end, first.esu_end)
        for r in releases
    )


@attrs.frozen(repr=False)
class Catalog:
    """An immutable, validated set of releases and editions, with lookups.

    Construction checks every rule of :func:`check_catalog` and raises
    :class:`~wsiot.CatalogError` listing all problems. Releases are kept
    newest first; without ``editions``, the catalogue holds those its
    releases offer.

    >>> import wsiot
    >>> cat = wsiot.default_catalog()
    >>> cat
    <Catalog 9 releases, 6 editions, data 2026.11.23 as of 2026-11-23>
    >>> cat.release_for("10.0.17763.5830").name
    'Windows Server IoT 2019'
    >>> [r.name for r in cat.releases_for(17763)]
    ['Windows Server IoT 2019', 'Windows Server IoT 2019 for Storage']
    """

    releases: Releases = attrs.field(converter=_newest_first)
    editions: Editions = attrs.field(factory=Editions, converter=_editions)
    version: str = "custom"
    as_of: date | None = None
    _by_key: dict[str, Release] = attrs.field(init=False, eq=False, factory=dict)
    _editions_by_key: dict[str, Edition] = attrs.field(init=False, eq=False, factory=dict)
    _by_kernel: dict[Build, tuple[Release, ...]] = attrs.field(init=False, eq=False, factory=dict)
    _single: dict[Build, Release | None] = attrs.field(init=False, eq=False, factory=dict)
    _by_number: dict[int, Build] = attrs.field(init=False, eq=False, factory=dict)
    _memo: dict[int | str, Release] = attrs.field(init=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        if not self.editions:
            offered = {e.name: e for r in self.releases if isinstance(r, Release)
                       for e in r.editions}
            object.__setattr__(self, "editions", Editions(offered.values()))
        problems = check_catalog(self.releases, self.editions)
        if problems:
            raise CatalogError(problems)
        for rel in self.releases:
            for key in _release_keys(rel):
                self._by_key[key] = rel
            self._by_kernel.setdefault(rel.kernel, ())
            self._by_kernel[rel.kernel] += (rel,)
        for edition in self.editions:
            for key in _edition_keys(edition):
                self._editions_by_key[key] = edition
        for kernel, candidates in self._by_kernel.items():
            self._single[kernel] = candidates[0] if _same_answers(candidates) else None
            try:
                if parse_build(kernel.build) == kernel:
                    self._by_number[kernel.build] = kernel
            except ValueError:
                pass  # a bare number that names no NT version: only full forms reach it

    # -- construction from rows (the embedded data and catalogue files) ----------

    @classmethod
    def from_rows(
        cls,
        releases: Iterable[Mapping[str, Any]],
        editions: Iterable[Mapping[str, Any]],
        sources: Mapping[str, Mapping[str, str]],
        *,
        version: str = "custom",
        as_of: date | str | None = None,
    ) -> Catalog:
        """A catalogue built from plain rows, shaped as in :mod:`wsiot.data.lifecycle`.

        Raises :class:`~wsiot.CatalogError` naming every row and key that is wrong.
        """
        from wsiot.values.rows import catalog_from_rows

        return catalog_from_rows(cls, releases, editions, sources, version=version, as_of=as_of)

    def to_rows(self) -> dict[str, Any]:
        """The catalogue as plain JSON-ready rows; :meth:`from_rows` reads them back."""
        sources: dict[str, dict[str, str]] = {}
        for rel in self.releases:
            for citation in rel.citations:
                for source in citation.sources:
                    sources[source.key] = {"title": source.title, "url": source.url}
            for discrepancy in rel.discrepancies:
                source = discrepancy.source
                sources[source.key] = {"title": source.title, "url": source.url}
        for ed in self.editions:
            for source in ed.sources:
                sources[source.key] = {"title": source.title, "url": source.url}
        return {
            "version": self.version,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "sources": dict(sorted(sources.items())),
            "editions": [ed.to_dict() for ed in self.editions],
            "releases": [rel.to_dict() for rel in self.releases],
        }

    # -- lookups -------------------------------------------------------------------

    def release(self, key: Release | str | int) -> Release:
        """The release named ``key``: its version ("2022"), name, slug or an alias.

        Matching ignores case, spaces, hyphens and underscores.
        """
        if isinstance(key, Release):
            return key
        if isinstance(key, int) and not isinstance(key, bool) and key.bit_length() < 32:
            key = str(key)
        if isinstance(key, str):
            found = self._by_key.get(name_key(key))
            if found is not None:
                return found
        raise UnknownReleaseError(
            unknown_name_message("release", key, [r.version for r in self.releases])
            + " Names and slugs work too."
        )

    def releases_for(self, build: BuildLike) -> tuple[Release, ...]:
        """Every release whose kernel is ``build`` (any form :func:`parse_build` takes).

        Raises :class:`~wsiot.UnknownBuildError` when no release has that build.
        """
        kernel = self._kernel_of(build)
        return self._by_kernel[kernel]

    def release_for(self, build: BuildLike) -> Release:
        """The single release for ``build``.

        A build shared by several releases (17763: IoT 2019 and IoT 2019 for
        Storage) gives the first of them in catalogue order when they all share
        the same lifecycle dates, so every servicing answer is the same
        whichever is meant. If their dates differed, it would raise
        :class:`~wsiot.AmbiguousBuildError`; :meth:`releases_for` gives all.
        """
        key: Any = build
        memoised = type(key) is str or type(key) is int
        if memoised:
            found = self._memo.get(key)
            if found is not None:
                return found
        kernel = self._kernel_of(build)
        single = self._single[kernel]
        if single is None:
            names = ", ".join(r.name for r in self._by_kernel[kernel])
            raise AmbiguousBuildError(
                f"build {kernel} belongs to releases with different dates ({names}); "
                "name the release or use releases_for()"
            )
        if memoised:
            # the catalogue is immutable, so an answer never goes stale; bounded, thread-safe
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = single
        return single

    def _kernel_of(self, build: BuildLike) -> Build:
        if type(build) is int and build in self._by_number:
            return self._by_number[build]
        if type(build) is Build:  # already parsed: its kernel by number, without a new Build
            kernel = self._by_number.get(build.build)
            if kernel is not None and (kernel.major, kernel.minor) == (build.major, build.minor):
                return kernel
        server_build = getattr(type(build), "_wsiot_server_build", None)
        if server_build is not None:  # SystemFacts: a client raises NotServerError here
            build = server_build(build)
        kernel = parse_build(build).kernel
        if kernel not in self._by_kernel:
            known = ", ".join(
                f"{k} ({rels[0].name})" for k, rels in self._by_kernel.items()
            )
            client = client_release_name(kernel.build)
            what = f"; it is {client}, a Windows client" if client else ""
            brief = (f"unknown build: {describe(build)} (kernel {kernel}) is no Windows Server "
                     f"IoT release in the catalogue{what}")
            raise UnknownBuildError(f"{brief}; known server builds: {known}", brief=brief)
        return kernel

    def edition(self, key: Edition | str) -> Edition:
        """The edition named ``key`` ("Storage Workgroup", "storage-workgroup", an alias)."""
        if isinstance(key, Edition):
            return key
        if isinstance(key, str):
            found = self._editions_by_key.get(name_key(key))
            if found is not None:
                return found
        raise UnknownEditionError(
            unknown_name_message("edition", key, [e.name for e in self.editions])
        )

    def __repr__(self) -> str:
        as_of = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        return (
            f"<Catalog {len(self.releases)} releases, {len(self.editions)} editions, "
            f"data {self.version}{as_of}>"
        )

    def _repr_html_(self) -> str:
        return html_table(RELEASE_HEADERS, (r.html_row() for r in self.releases))


@functools.cache
def default_catalog() -> Catalog:
    """The catalogue embedded in this version of wsiot (built once, on first use)."""
    return Catalog.from_rows(
        _data.RELEASES,
        _data.EDITIONS,
        _data.SOURCES,
        version=_data.CATALOG_VERSION,
        as_of=_data.DATA_AS_OF,
    )


def resolve_catalog(catalog: Catalog | None) -> Catalog:
    """``catalog``, or the embedded one for None; anything else raises CatalogError.

    >>> resolve_catalog(None) is default_catalog()
    True
    """
    if catalog is None:
        return default_catalog()
    if not isinstance(catalog, Catalog):
        raise CatalogError([f"catalog: expected a wsiot.Catalog or None, got {describe(catalog)}"])
    return catalog


def releases(*, catalog: Catalog | None = None) -> Releases:
    """Every release, newest first.

    >>> import wsiot
    >>> wsiot.releases()[0].name
    'Windows Server IoT 2025'
    """
    return resolve_catalog(catalog).releases


def release(key: Release | str | int, *, catalog: Catalog | None = None) -> Release:
    """The release named ``key`` (version, name, slug or alias, in any case).

    >>> import wsiot
    >>> wsiot.release("2019 for storage").slug
    'windows-server-iot-2019-for-storage'
    >>> wsiot.release("2021")
    Traceback (most recent call last):
      ...
    wsiot.errors.UnknownReleaseError: unknown release: '2021'; did you mean '2025' or '2022' or '2019'? Known: ...
    """
    return resolve_catalog(catalog).release(key)


def release_for(build: BuildLike, *, catalog: Catalog | None = None) -> Release:
    """The release a build belongs to; see :meth:`Catalog.release_for` for shared builds.

    >>> import wsiot
    >>> wsiot.release_for("10.0.20348.2762").name
    'Windows Server IoT 2022'
    """
    return resolve_catalog(catalog).release_for(build)


def releases_for(build: BuildLike, *, catalog: Catalog | None = None) -> tuple[Release, ...]:
    """Every release a build belongs to.

    >>> import wsiot
    >>> [r.version for r in wsiot.releases_for(9600)]
    ['Storage 2012 R2', 'Embedded 2012 R2']
    """
    return resolve_catalog(catalog).releases_for(build)


def editions(*, catalog: Catalog | None = None) -> Editions:
    """Every edition in the catalogue.

    >>> import wsiot
    >>> [e.name for e in wsiot.editions()]
    ['Standard', 'Datacenter', 'Essentials', 'Storage Standard', 'Storage Workgroup', 'Telecommunications']
    """
    return resolve_catalog(catalog).editions


def edition(key: Edition | str, *, catalog: Catalog | None = None) -> Edition:
    """The edition named ``key``, ignoring case, spaces and hyphens.

    >>> import wsiot
    >>> wsiot.edition("STORAGE workgroup").name
    'Storage Workgroup'
    """
    return resolve_catalog(catalog).edition(key)


def records(
    *, catalog: Catalog | None = None, on: DateLike | None = None,
    updates: UpdateHistory | None = None,
) -> list[dict[str, Any]]:
    """JSON-ready rows for every release (newest first); with ``on``, its status that day too.

    With ``on``, a release whose build the update data covers also gets the
    full build a patched device carries that day: ``latest_build``,
    ``latest_kb`` and ``latest_released``, from its newest monthly security
    update released by then (None before the first).

    >>> import wsiot
    >>> row = wsiot.records(on="2030-01-01")[1]
    >>> row["version"], row["servicing_end"], row["phase"], row["days_left"]
    ('2022', '2031-10-14', 'extended', 651)
    >>> row = wsiot.records(on="2024-12-01")[1]
    >>> row["latest_build"], row["latest_kb"], row["latest_released"]
    ('10.0.20348.2849', 'KB5046616', '2024-11-12')
    """
    rows = []
    day, early = (None, False) if on is None else lifecycle_moment(on)
    data = None
    if day is not None:
        from wsiot.rules.patchlevel import resolve_updates

        data = resolve_updates(updates)
    for rel in resolve_catalog(catalog).releases:
        row = rel.to_dict()
        if day is not None and data is not None:
            status = status_on(rel, day, early=early)
            row.update(on=day.isoformat(), phase=status.phase.value,
                       in_servicing=status.in_servicing, days_left=status.days_left)
            if rel.build in data.builds:
                latest = data.latest_security(rel.build, day, early)
                row.update(latest_build=None if latest is None else str(latest.build),
                           latest_kb=None if latest is None else latest.kb,
                           latest_released=None if latest is None else latest.released.isoformat())
        rows.append(row)
    return rows
