"""Plain rows to catalogue and update objects, reporting every problem with its location.

:meth:`Catalog.from_rows <wsiot.Catalog.from_rows>` and
:meth:`UpdateHistory.from_rows <wsiot.UpdateHistory.from_rows>` read through here, so
the embedded data and files obey one schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from wsiot.errors import CatalogError, InvalidBuildError, UpdateDataError, describe
from wsiot.model.release import (
    Citation,
    Discrepancy,
    Edition,
    EditionKind,
    Release,
    Source,
    check_catalog,
)
from wsiot.model.update import SeriesSplit, Update, UpdateKind, check_updates
from wsiot.values.builds import Build, parse_build
from wsiot.values.names import name_key
from wsiot.values.validators import RowReader, listed

__all__ = [
    "catalog_parts",
    "history_parts",
]

_RELEASE_KEYS = frozenset(
    {
        "name", "version", "slug", "aliases", "kernel", "build", "released", "mainstream_end",
        "servicing_end", "esu_end", "editions", "equivalent_to", "link", "policy", "channel",
        "sources", "discrepancies", "notes",
    }
)
_EDITION_KEYS = frozenset(
    {
        "name", "slug", "kind", "purpose", "max_users", "max_devices", "max_vms", "unlimited_vms",
        "network_services", "peripherals", "aliases", "sources",
    }
)
_DISCREPANCY_KEYS = frozenset({"field", "value", "source", "note"})


def _sources(raw: object, problems: list[str]) -> dict[str, Source]:
    if not isinstance(raw, Mapping):
        problems.append(f"sources: expected an object of key -> {{title, url}}, got {describe(raw)}")
        return {}
    found = {}
    for key, row in raw.items():
        reader = RowReader(f"sources[{describe(key)}]", row, frozenset({"title", "url"}), problems)
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
    where = f"editions[{index}]"
    row = RowReader(where, raw, _EDITION_KEYS, problems)
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
        unlimited_vms=row.flag("unlimited_vms", False),
        network_services=row.flag("network_services", True),
        peripherals=row.flag("peripherals", True),
        aliases=row.texts("aliases"),
        sources=_cite(f"{where}.sources", row.row.get("sources", ()), sources, problems),
    )
    return None if len(problems) > before or kind_text not in kinds else edition


def _kernel(where: str, row: RowReader) -> Build:
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
    where = f"releases[{index}]"
    row = RowReader(where, raw, _RELEASE_KEYS, problems)
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
        entry = RowReader(spot, item, _DISCREPANCY_KEYS, problems)
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


def catalog_parts(
    releases: Iterable[Mapping[str, Any]],
    editions: Iterable[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, str]],
    *,
    version: str = "custom",
    as_of: date | str | None = None,
) -> tuple[tuple[Release, ...], list[Edition], str, date | None]:
    """The (releases, editions, version, as_of) that rows describe, raising one CatalogError
    that lists every problem."""
    problems: list[str] = []
    known_sources = _sources(sources, problems)
    built_editions = []
    by_name: dict[str, Edition] = {}
    for index, raw in enumerate(listed("editions", editions, problems)):
        edition = _edition(index, raw, known_sources, problems)
        if edition is not None:
            built_editions.append(edition)
            for key in (edition.name, *edition.aliases):
                by_name[name_key(key)] = edition
    built_releases = [
        _release(index, raw, known_sources, by_name, problems)
        for index, raw in enumerate(listed("releases", releases, problems))
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
        problems += check_catalog(tuple(r for r in built_releases if r is not None),
                                  built_editions)
        raise CatalogError(problems)
    return (tuple(r for r in built_releases if r is not None), built_editions, version,
            day if isinstance(day, date) else None)


# -- update data ---------------------------------------------------------------------

_UPDATES_KEYS = frozenset({"version", "as_of", "reissued", "off_cycle", "splits", "updates"})
_UPDATE_KEYS = frozenset({"build", "kb", "released", "kind", "source"})
_SPLIT_KEYS = frozenset({"build", "shared_through", "server_from", "since", "client", "source"})


def history_parts(data: object) -> dict[str, Any]:
    """The fields of an UpdateHistory that update rows describe, raising one UpdateDataError
    that lists every problem."""
    problems: list[str] = []
    top = RowReader("update data", data, _UPDATES_KEYS, problems)
    kinds = {kind.value: kind for kind in UpdateKind}
    built: list[Update] = []
    for index, raw in enumerate(listed("updates", top.row.get("updates", []), problems)):
        where = f"updates[{index}]"
        row = RowReader(where, raw, _UPDATE_KEYS, problems)
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
    for index, raw in enumerate(listed("splits", top.row.get("splits", []), problems)):
        row = RowReader(f"splits[{index}]", raw, _SPLIT_KEYS, problems)
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
    return {"updates": built, "version": version, "as_of": as_of, "splits": splits,
            "reissued": reissued, "off_cycle": off_cycle}
