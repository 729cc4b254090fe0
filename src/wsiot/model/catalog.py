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

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from wsiot.data import lifecycle as _data
from wsiot.errors import (
    AmbiguousBuildError,
    CatalogError,
    UnknownBuildError,
    UnknownEditionError,
    UnknownReleaseError,
    describe,
)
from wsiot.model.release import (
    RELEASE_HEADERS,
    Edition,
    Editions,
    Release,
    Releases,
    as_editions,
    check_catalog,
    edition_keys,
    release_keys,
)
from wsiot.model.rows import catalog_parts
from wsiot.render.html import html_table
from wsiot.values.builds import Build, BuildLike, client_release_name, parse_build, server_build
from wsiot.values.names import name_key, unknown_name_message
from wsiot.values.validators import wrong_argument

if TYPE_CHECKING:
    pass

__all__ = [
    "CATALOG_VERSION",
    "DATA_AS_OF",
    "Catalog",
    "default_catalog",
    "edition",
    "editions",
    "release",
    "release_for",
    "releases",
    "releases_for",
    "resolve_catalog",
]

CATALOG_VERSION = _data.CATALOG_VERSION
DATA_AS_OF = date.fromisoformat(_data.DATA_AS_OF)

_MEMO_LIMIT = 4096  # distinct raw build values remembered per catalogue



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
    editions: Editions = attrs.field(factory=Editions, converter=as_editions)
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
            for key in release_keys(rel):
                self._by_key[key] = rel
            self._by_kernel.setdefault(rel.kernel, ())
            self._by_kernel[rel.kernel] += (rel,)
        for edition in self.editions:
            for key in edition_keys(edition):
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
        rows, named, version, day = catalog_parts(releases, editions, sources, version=version,
                                                  as_of=as_of)
        return cls(releases=rows, editions=named, version=version, as_of=day)

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
        key = build if type(build) is str or type(build) is int else None
        if key is not None:
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
        if key is not None:
            # the catalogue is immutable, so an answer never goes stale; bounded, thread-safe
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = single
        return single

    def _kernel_of(self, build: BuildLike) -> Build:
        if type(build) is int and build in self._by_number:
            return self._by_number[build]
        if type(build) is Build:  # already parsed: its kernel by number, without a new Build
            build.server()  # the door's rule: a build marked client stops here
            kernel = self._by_number.get(build.build)
            if kernel is not None and (kernel.major, kernel.minor) == (build.major, build.minor):
                return kernel
        kernel = server_build(build).kernel
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
    """``catalog``, or the embedded one for None; anything else raises InvalidArgumentError.

    >>> resolve_catalog(None) is default_catalog()
    True
    """
    if catalog is None:
        return default_catalog()
    if not isinstance(catalog, Catalog):
        raise wrong_argument("catalog", "a wsiot.Catalog or None", catalog)
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

