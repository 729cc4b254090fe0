"""Plain rows to catalogue objects, reporting every problem with its location.

Shared by the embedded data and catalogue files, so both obey the same schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from wsiot.errors import CatalogError, InvalidBuildError, UpdateDataError, describe
from wsiot.values.builds import Build, parse_build

if TYPE_CHECKING:
    from wsiot.model.catalog import Catalog
    from wsiot.model.release import Edition, Release, Source
    from wsiot.model.updates import UpdateHistory

_RELEASE_KEYS = frozenset(
    {
        "name", "version", "slug", "aliases", "kernel", "build", "released", "mainstream_end",
        "servicing_end", "esu_end", "editions", "equivalent_to", "link", "policy", "channel",
        "sources", "discrepancies", "notes",
    }
)
_EDITION_KEYS = frozenset(
    {
        "name", "slug", "kind", "purpose", "max_users", "max_devices", "max_vms",
        "network_services", "peripherals", "aliases", "sources",
    }
)
_DISCREPANCY_KEYS = frozenset({"field", "value", "source", "note"})
_MISSING = object()


class _Row:
    """Typed reads from one mapping; each bad read adds a problem and returns a stand-in."""

    def __init__(self, where: str, row: object, allowed: frozenset[str], problems: list[str]):
        self.where = where
        self.problems = problems
        if not isinstance(row, Mapping):
            problems.append(f"{where}: expected an object, got {type(row).__name__}")
            row = {}
        self.row: Mapping[str, Any] = row
        for key in sorted(set(row) - allowed, key=str):
            problems.append(f"{where}: unknown key {describe(key)} (allowed: {', '.join(sorted(allowed))})")

    def _fail(self, key: str, expected: str, value: object) -> None:
        shown = "missing" if value is _MISSING else f"got {describe(value)}"
        self.problems.append(f"{self.where}.{key}: expected {expected}, {shown}")

    def text(self, key: str, default: object = _MISSING) -> str:
        value = self.row.get(key, default)
        if not isinstance(value, str):
            self._fail(key, "a string", value)
            return ""
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.row.get(key)
        return None if value is None else self.text(key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.row.get(key, ())
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self._fail(key, "a list of strings", value)
            return ()
        return tuple(value)

    def day(self, key: str) -> date:
        value = self.row.get(key, _MISSING)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self._fail(key, "an ISO date string (YYYY-MM-DD)", value)
        return date.min

    def optional_day(self, key: str) -> date | None:
        return None if self.row.get(key) is None else self.day(key)

    def limit(self, key: str) -> int | None:
        value = self.row.get(key)
        if value is None:
            return None
        if type(value) is not int or value < 0:
            self._fail(key, "a whole number >= 0 or null", value)
            return None
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.row.get(key, default)
        if type(value) is not bool:
            self._fail(key, "true or false", value)
            return default
        return value


def _sources(raw: object, problems: list[str]) -> dict[str, Source]:
    from wsiot.model.release import Source

    if not isinstance(raw, Mapping):
        problems.append(f"sources: expected an object of key -> {{title, url}}, got {describe(raw)}")
        return {}
    found = {}
    for key, row in raw.items():
        reader = _Row(f"sources[{describe(key)}]", row, frozenset({"title", "url"}), problems)
        found[str(key)] = Source(key=str(key), title=reader.text("title"), url=reader.text("url"))
    return found


def _cite(where: str, keys: object, sources: Mapping[str, Source], problems: list[str]) -> tuple[Source, ...]:
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        problems.append(f"{where}: expected a list of source keys, got {describe(keys)}")
        return ()
    cited = []
    for key in keys:
        if key in sources:
            cited.append(sources[key])
        else:
            problems.append(f"{where}: unknown source {describe(key)} (known: {', '.join(sorted(sources))})")
    return tuple(cited)


def _edition(index: int, raw: object, sources: Mapping[str, Source], problems: list[str]) -> Edition | None:
    from wsiot.model.release import Edition, EditionKind

    where = f"editions[{index}]"
    row = _Row(where, raw, _EDITION_KEYS, problems)
    kind_text = row.text("kind")
    kinds = {kind.value: kind for kind in EditionKind}
    if kind_text and kind_text not in kinds:
        problems.append(f"{where}.kind: expected one of {', '.join(kinds)}, got {describe(kind_text)}")
    before = len(problems)
    edition = Edition(
        name=row.text("name"),
        kind=kinds.get(kind_text, EditionKind.GENERAL),
        purpose=row.text("purpose"),
        max_users=row.limit("max_users"),
        max_devices=row.limit("max_devices"),
        max_vms=row.limit("max_vms"),
        network_services=row.flag("network_services", True),
        peripherals=row.flag("peripherals", True),
        aliases=row.texts("aliases"),
        sources=_cite(f"{where}.sources", row.row.get("sources", ()), sources, problems),
    )
    return None if len(problems) > before or kind_text not in kinds else edition


def _kernel(where: str, row: _Row) -> Build:
    text = row.text("kernel")
    try:
        kernel = parse_build(text)
    except InvalidBuildError:
        row.problems.append(f"{where}.kernel: expected 'major.minor.build', got {describe(text)}")
        return Build(0, 0, 0)
    build = row.row.get("build", kernel.build)
    if build != kernel.build:
        row.problems.append(f"{where}.build: {describe(build)} does not match kernel {describe(text)}")
    return kernel


def _release(
    index: int,
    raw: object,
    sources: Mapping[str, Source],
    editions: Mapping[str, Edition],
    problems: list[str],
) -> Release | None:
    from wsiot.model.release import Citation, Discrepancy, Release
    from wsiot.values.names import name_key

    where = f"releases[{index}]"
    row = _Row(where, raw, _RELEASE_KEYS, problems)
    before = len(problems)
    offered = []
    for name in row.texts("editions"):
        if name_key(name) in editions:
            offered.append(editions[name_key(name)])
        else:
            problems.append(f"{where}.editions: unknown edition {describe(name)}")
    cited = row.row.get("sources", {})
    citations = []
    if isinstance(cited, Mapping):
        for field, keys in cited.items():
            citations.append(
                Citation(str(field), _cite(f"{where}.sources.{field}", keys, sources, problems))
            )
    else:
        problems.append(f"{where}.sources: expected an object of field -> source keys")
    discrepancies = []
    raw_discrepancies = row.row.get("discrepancies", ())
    if not isinstance(raw_discrepancies, list | tuple):
        problems.append(f"{where}.discrepancies: expected a list")
        raw_discrepancies = ()
    for number, item in enumerate(raw_discrepancies):
        spot = f"{where}.discrepancies[{number}]"
        entry = _Row(spot, item, _DISCREPANCY_KEYS, problems)
        source = _cite(f"{spot}.source", [entry.text("source")], sources, problems)
        field, value, note = entry.text("field"), entry.text("value"), entry.text("note", "")
        if source:
            discrepancies.append(Discrepancy(field, value, source[0], note))
    release = Release(
        name=row.text("name"),
        version=row.text("version"),
        slug=row.text("slug"),
        aliases=row.texts("aliases"),
        kernel=_kernel(where, row),
        released=row.day("released"),
        mainstream_end=row.day("mainstream_end"),
        servicing_end=row.day("servicing_end"),
        esu_end=row.optional_day("esu_end"),
        editions=offered,
        equivalent_to=row.optional_text("equivalent_to"),
        link=row.text("link", ""),
        policy=row.text("policy", "Fixed Lifecycle Policy"),
        channel=row.text("channel", "Long-Term Servicing Channel (LTSC)"),
        citations=citations,
        discrepancies=discrepancies,
        notes=row.texts("notes"),
    )
    return None if len(problems) > before else release


def catalog_from_rows(
    cls: type[Catalog],
    releases: Iterable[Mapping[str, Any]],
    editions: Iterable[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, str]],
    *,
    version: str = "custom",
    as_of: date | str | None = None,
) -> Catalog:
    """Build ``cls`` from rows, raising one CatalogError that lists every problem."""
    from wsiot.values.names import name_key

    problems: list[str] = []
    known_sources = _sources(sources, problems)
    built_editions = []
    by_name: dict[str, Edition] = {}
    for index, raw in enumerate(_listed("editions", editions, problems)):
        edition = _edition(index, raw, known_sources, problems)
        if edition is not None:
            built_editions.append(edition)
            for key in (edition.name, *edition.aliases):
                by_name[name_key(key)] = edition
    built_releases = [
        _release(index, raw, known_sources, by_name, problems)
        for index, raw in enumerate(_listed("releases", releases, problems))
    ]
    if not isinstance(version, str):
        problems.append(f"version: expected a string, got {describe(version)}")
    day = as_of
    if isinstance(as_of, str):
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            problems.append(f"as_of: expected an ISO date string, got {describe(as_of)}")
    elif as_of is not None and type(as_of) is not date:
        problems.append(f"as_of: expected an ISO date string, got {describe(as_of)}")
    if problems:
        # the rows that did parse are checked too, so one run reports every problem
        from wsiot.model.release import check_catalog

        problems += check_catalog(tuple(r for r in built_releases if r is not None),
                                  built_editions)
        raise CatalogError(problems)
    return cls(
        releases=tuple(r for r in built_releases if r is not None),
        editions=built_editions,
        version=version,
        as_of=day if isinstance(day, date) else None,
    )


def _listed(name: str, rows: object, problems: list[str]) -> tuple[object, ...]:
    if isinstance(rows, list | tuple):
        return tuple(rows)
    problems.append(f"{name}: expected a list, got {type(rows).__name__}")
    return ()


# -- update data ---------------------------------------------------------------------

_UPDATES_KEYS = frozenset({"version", "as_of", "reissued", "off_cycle", "splits", "updates"})
_UPDATE_KEYS = frozenset({"build", "kb", "released", "kind", "source"})
_SPLIT_KEYS = frozenset({"build", "shared_through", "server_from", "since", "client", "source"})


def updates_from_rows(cls: type[UpdateHistory], data: object) -> UpdateHistory:
    """Build ``cls`` from update rows, raising one UpdateDataError that lists every problem."""
    from wsiot.model.updates import SeriesSplit, Update, UpdateKind, check_updates

    problems: list[str] = []
    top = _Row("update data", data, _UPDATES_KEYS, problems)
    kinds = {kind.value: kind for kind in UpdateKind}
    built: list[Update] = []
    for index, raw in enumerate(_listed("updates", top.row.get("updates", []), problems)):
        where = f"updates[{index}]"
        row = _Row(where, raw, _UPDATE_KEYS, problems)
        before = len(problems)
        text = row.text("build")
        try:
            build = parse_build(text) if text else None
        except InvalidBuildError:
            build = None
        if text and (build is None or build.revision is None):
            problems.append(f"{where}.build: expected a full build 'major.minor.build.UBR', "
                            f"got {describe(text)}")
        kind = row.text("kind")
        if kind and kind not in kinds:
            problems.append(f"{where}.kind: expected one of {', '.join(kinds)}, got {describe(kind)}")
        update_kb, released, source = row.optional_text("kb"), row.day("released"), row.text("source")
        if len(problems) == before and build is not None:
            built.append(Update(build=build, kb=update_kb, released=released, kind=kinds[kind],
                                source=source))
    splits = []
    for index, raw in enumerate(_listed("splits", top.row.get("splits", []), problems)):
        row = _Row(f"splits[{index}]", raw, _SPLIT_KEYS, problems)
        before = len(problems)
        numbers = [row.limit(key) for key in ("build", "shared_through", "server_from")]
        if any(n is None for n in numbers):
            problems.append(f"splits[{index}]: build, shared_through and server_from are "
                            "whole numbers")
        split_since, client, source = row.day("since"), row.text("client"), row.text("source")
        if len(problems) == before:
            build_number, shared, server = (int(n or 0) for n in numbers)
            splits.append(SeriesSplit(build=build_number, shared_through=shared,
                                      server_from=server, since=split_since, client=client,
                                      source=source))
    version = top.text("version", "custom")
    as_of = top.optional_day("as_of")
    reissued, off_cycle = top.texts("reissued"), top.texts("off_cycle")
    if problems:
        problems += check_updates(built, as_of=as_of, reissued=reissued, off_cycle=off_cycle)
        raise UpdateDataError(problems)
    return cls(updates=built, version=version, as_of=as_of, splits=splits, reissued=reissued,
               off_cycle=off_cycle)
