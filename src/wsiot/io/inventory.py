"""Inventory columns: which column of an export is the device, its build and its product.

Fleet owners export inventories from their management tools; wsiot reads
those exports unrenamed. :func:`recognise_columns` maps a header to the
fields an audit reads, trying the export shapes in ``EXPORT_SHAPES`` (each
with the page that documents its columns), then wsiot's own names
(``device,build[,date]``), and a mapping the caller gives wins over both.

>>> from wsiot.io.inventory import recognise_columns
>>> found = recognise_columns(["Device ID", "Device Name", "OS Platform", "OS Build"])
>>> found.shape, found.device, found.build, found.product
('Defender for Endpoint device inventory', 'Device Name', 'OS Build', 'OS Platform')
>>> recognise_columns(["host", "ver"], columns="device=host,build=ver").build
'ver'

The audit day is never read from an export: "last check-in" and "last seen"
say when a device reported, not the day to audit on (give ``on=``, or name
a date column with ``date=``).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, TypeAlias

import attrs

from wsiot.errors import FleetError, ProfileError, WsiotError, describe, printable
from wsiot.io.files import StrPath, open_text, read_start
from wsiot.model.repeats import PARTS, RepeatedNames

Progress = Callable[[float, int], None]
"""A progress callback: the fraction of the file read and the rows so far."""

__all__ = [
    "COLUMN_FIELDS",
    "EXPORT_SHAPES",
    "OWN_COLUMNS",
    "PRODUCT_COLUMNS",
    "PROGRESS_EVERY",
    "ColumnMap",
    "ExportShape",
    "InventoryCounts",
    "InventoryRow",
    "Progress",
    "parse_columns",
    "product_columns",
    "read_inventory",
    "recognise_columns",
]

InventoryRow: TypeAlias = "tuple[str | int, str, str | None] | dict[str, str | int | None]"
"""A row :func:`read_inventory` yields: (device, build, date), or a mapping when product
columns are read too; the device is the row's number when the file names none."""

InventoryCounts: TypeAlias = "Counter[tuple[str, str | None]]"
"""Devices per (build, date) as :func:`read_inventory` counts them."""

COLUMN_FIELDS = ("device", "build", "date", "product")
"""The fields an audit reads from an inventory; ``product`` is the OS name or platform that
tells a server from a client."""

OWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "device": ("device", "device_id", "id", "name", "hostname"),
    "build": ("build", "version", "os_version", "os_build"),
    "date": ("date", "on", "day"),
    "product": ("os_name", "os", "caption", "product_name", "operating_system"),
}
"""wsiot's own column names for each field (case and surrounding spaces ignored)."""


@attrs.frozen(kw_only=True)
class ExportShape:
    """The columns one management tool's export gives each field, and where they are documented.

    Each field lists the header names that tool uses, best first; ``device``
    and ``build`` must both be present for a header to have this shape.
    """

    name: str
    device: tuple[str, ...]
    build: tuple[str, ...]
    product: tuple[str, ...] = ()
    source: str = ""


EXPORT_SHAPES: tuple[ExportShape, ...] = (
    ExportShape(
        name="Defender for Endpoint device inventory",
        device=("Device Name", "DeviceName", "computerDnsName"),
        build=("OS Build", "OSBuild", "osBuild"),
        product=("OS Platform", "OSPlatform", "osPlatform"),
        source="https://learn.microsoft.com/defender-endpoint/machines-view-overview",
    ),
    ExportShape(
        name="Intune device export",
        device=("Device name", "DeviceName"),
        build=("OS version", "OSVersion"),
        source="https://learn.microsoft.com/mem/intune/fundamentals/reports-export-graph-apis",
    ),
    ExportShape(
        name="Configuration Manager",
        device=("Name0", "Netbios_Name0", "Name"),
        build=("BuildExt", "Build01", "Version0", "BuildNumber0"),
        product=("Caption0", "Operating_System_Name_and0"),
        source="https://learn.microsoft.com/mem/configmgr/develop/core/understand/sqlviews/"
               "hardware-inventory-views-configuration-manager",
    ),
    ExportShape(
        name="Azure Resource Graph (Arc machines)",
        device=("name", "properties.displayName", "properties_displayName", "displayName"),
        build=("properties.osVersion", "properties_osVersion", "osVersion"),
        product=("properties.osSku", "properties_osSku", "osSku"),
        source="https://learn.microsoft.com/azure/azure-arc/servers/resource-graph-samples",
    ),
)
"""The export shapes wsiot recognises, in the order they are tried (Defender's export also
has an "OS Version" column, so it is tried before Intune's)."""


@attrs.frozen(kw_only=True)
class ColumnMap:
    """The column each field is read from (None where the inventory has none)."""

    build: str
    device: str | None = None
    date: str | None = None
    product: str | None = None
    shape: str = "wsiot columns"

    def option(self) -> str:
        """The ``--columns`` value that names these columns.

        >>> ColumnMap(build="OS version", device="Device name").option()
        'device=Device name,build=OS version'
        """
        return ",".join(f"{field}={getattr(self, field)}" for field in COLUMN_FIELDS
                        if getattr(self, field) is not None)


def parse_columns(text: str) -> dict[str, str]:
    """``"device=Device name,build=OS version"`` as a mapping of field to column.

    >>> parse_columns("build=OSVersion, device = DeviceName")
    {'build': 'OSVersion', 'device': 'DeviceName'}
    """
    if not isinstance(text, str):
        raise FleetError(f"columns: expected text such as 'device=Name,build=OS version', "
                         f"got {describe(text)}")
    found: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field, sep, column = part.partition("=")
        field, column = field.strip().casefold(), column.strip()
        if not sep or not column:
            raise FleetError(f"columns: {describe(part.strip())} is not FIELD=COLUMN; fields: "
                             f"{', '.join(COLUMN_FIELDS)}")
        if field not in COLUMN_FIELDS:
            raise FleetError(f"columns: unknown field {describe(field)}; fields: "
                             f"{', '.join(COLUMN_FIELDS)}")
        if field in found:
            raise FleetError(f"columns: {field} is given twice")
        found[field] = column
    return found


def _folded(header: Iterable[Any]) -> dict[str, str]:
    """Each header name by its folded form (case and surrounding spaces ignored); first wins."""
    names: dict[str, str] = {}
    for name in header:
        if isinstance(name, str):
            names.setdefault(name.strip().casefold(), name)
    return names


def _first(names: Mapping[str, str], wanted: Sequence[str]) -> str | None:
    return next((names[w.casefold()] for w in wanted if w.casefold() in names), None)


def recognise_columns(
    header: Sequence[Any], columns: Mapping[str, str] | str | None = None
) -> ColumnMap:
    """The :class:`ColumnMap` of an inventory with ``header``.

    ``columns`` (a mapping, or ``"device=...,build=..."`` text) names columns
    explicitly and wins; fields it leaves out are recognised. Raises
    :class:`~wsiot.FleetError` listing the columns found and a ``--columns``
    that would map them when no build column can be found, or when a named
    column is not in the header.

    >>> recognise_columns(["NAME", "Serial"])
    Traceback (most recent call last):
      ...
    wsiot.errors.FleetError: no build column among the columns found: 'NAME', 'Serial'; name them, e.g. --columns device=NAME,build=COLUMN (fields: device, build, date, product)
    """
    given = parse_columns(columns) if isinstance(columns, str) else dict(columns or {})
    unknown = sorted(set(given) - set(COLUMN_FIELDS))
    if unknown:
        raise FleetError(f"columns: unknown field(s) {', '.join(map(repr, unknown))}; fields: "
                         f"{', '.join(COLUMN_FIELDS)}")
    names = _folded(header)
    chosen: dict[str, str | None] = {}
    for field, column in given.items():
        found = names.get(str(column).strip().casefold())
        if found is None:
            raise FleetError(f"columns: no column {describe(column)} for {field}; columns found: "
                             f"{_listing(header)}")
        chosen[field] = found
    shape_name = "wsiot columns"
    for shape in EXPORT_SHAPES:
        device, build = _first(names, shape.device), _first(names, shape.build)
        if device is not None and build is not None:
            shape_name = shape.name
            chosen.setdefault("device", device)
            chosen.setdefault("build", build)
            chosen.setdefault("product", _first(names, shape.product))
            break
    for field, own in OWN_COLUMNS.items():
        if chosen.get(field) is None:
            chosen[field] = _first(names, own)
    if given and shape_name == "wsiot columns":
        shape_name = "named columns"
    build = chosen.get("build")
    if build is None:
        device = chosen.get("device") or _guess_device(header)
        raise FleetError(
            f"no build column among the columns found: {_listing(header)}; name them, e.g. "
            f"--columns device={device},build=COLUMN (fields: {', '.join(COLUMN_FIELDS)})")
    return ColumnMap(build=build, device=chosen.get("device"), date=chosen.get("date"),
                     product=chosen.get("product"), shape=shape_name)


def _guess_device(header: Sequence[Any]) -> str:
    texts = [h for h in header if isinstance(h, str) and h.strip()]
    return printable(texts[0].strip(), 40) if texts else "COLUMN"


def _listing(header: Sequence[Any], limit: int = 12) -> str:
    shown = ", ".join(describe(h) for h in list(header)[:limit])
    more = len(header) - limit
    return shown + (f" and {more} more" if more > 0 else "") if shown else "none"


PRODUCT_COLUMNS = {
    "product_name": OWN_COLUMNS["product"],
    "edition_id": ("edition_id", "editionid", "os_edition"),
    "product_type": ("product_type", "producttype", "os_product_type"),
    "sku": ("sku", "operating_system_sku", "operatingsystemsku", "os_sku"),
}
"""Optional columns that say whether a device is a server (see :class:`~wsiot.SystemFacts`);
a client on a build it shares with Windows Server becomes a ``not-server`` error row."""


def product_columns(header: Iterable[Any], found: ColumnMap | None
                     ) -> tuple[tuple[str, Any], ...]:
    """(fact, column) of each product fact the header holds: the recognised product column
    as the product name, and wsiot's own names for the edition, product type and SKU."""
    folded = {k.strip().casefold(): k for k in reversed(list(header)) if isinstance(k, str)}
    pairs = []
    if found is not None and found.product is not None:
        pairs.append(("product_name", found.product))
    for field, names in PRODUCT_COLUMNS.items():
        if field == "product_name":
            continue
        column = next((folded[n] for n in names if n in folded), None)
        if column is not None:
            pairs.append((field, column))
    return tuple(pairs)


PROGRESS_EVERY = 50_000  # rows between progress updates on a terminal


def read_inventory(path: StrPath, columns: Mapping[str, str] | str | None = None, *,
                   progress: Progress | None = None, counted: bool = False,
                   names: RepeatedNames | None = None
                   ) -> Iterator[InventoryRow] | InventoryCounts:
    """The rows of an inventory file, ready for :func:`wsiot.fleet.audit`.

    Reads a CSV as Windows and the management tools write it (UTF-8 with or
    without BOM, UTF-16 with BOM), recognises its header (see
    :func:`recognise_columns`; ``columns`` maps any other), and yields
    ``(device, build, date)`` tuples, or mappings when product columns tell a
    server from a client. The file and its header are checked before the first
    row is returned, so a bad inventory fails before any output. Blank lines
    are skipped; every other line is one row (a malformed one has no build and
    becomes an error row). ``progress(fraction, rows)`` is called every
    ``PROGRESS_EVERY`` rows. With ``counted``, devices per (build, date) come
    back as a ``Counter`` when every line is plain, for
    :func:`wsiot.fleet.audit_counts`; ``names`` then tallies the device names
    the counts leave out (rows returned one by one carry their own names).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "fleet.csv").write_text("device,build\\nnas-01,10.0.20348.2762\\n")
    >>> list(read_inventory(folder / "fleet.csv"))
    [('nas-01', '10.0.20348.2762', None)]
    """

    if _looks_like_json(path):
        return iter(_json_rows(path, columns))
    handle, size = open_text(path)
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in handle:
            consumed += len(line)
            yield line

    reader = csv.reader(handle if progress is None else lines(), delimiter=_delimiter(handle))
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
    except csv.Error as exc:
        handle.close()
        raise ProfileError(f"{path}: not a CSV file: {exc}") from None
    if header is None:
        handle.close()
        raise ProfileError(f"{path}: empty inventory; expected a header such as device,build,date")
    try:
        found = recognise_columns(header, columns)
    except WsiotError as exc:
        handle.close()
        raise FleetError(f"{path}: {exc}") from None
    build_at = header.index(found.build)
    device_at = None if found.device is None else header.index(found.device)
    date_at = None if found.date is None else header.index(found.date)
    products = [(field, header.index(column))
                for field, column in product_columns(header, found)]
    if counted and not products and progress is None:
        counts = _count(handle, reader, build_at, date_at,
                        None if names is None or device_at is None else (names, device_at))
        if counts is not None:
            return counts
        if names is not None:
            names.clear()
        return read_inventory(path, columns, progress=progress)  # a short or blank line: read by row

    def rows() -> Iterator[InventoryRow]:
        width = max(build_at, device_at or 0, date_at or 0, *(at for _, at in products)) + 1
        with handle:
            count = 0
            for record in _records(reader):
                if len(record) < width:  # a short line (or a blank one) reads as blank cells
                    if not any(cell.strip() for cell in record):
                        continue  # a blank line is no device
                    record = record + [""] * (width - len(record))
                elif not record[build_at].strip() and not any(c.strip() for c in record):
                    continue
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(consumed / max(size, 1), count)
                device = count if device_at is None else record[device_at]
                when = None
                if date_at is not None and record[date_at].strip():
                    when = record[date_at]
                if products:  # product facts decide server or client: read by name
                    row = {field: record[at] for field, at in products}
                    yield {**row, "device": device, "build": record[build_at], "date": when}
                else:  # a (device, build, date) tuple: the audit's quickest form
                    yield (device, record[build_at], when)

    return rows()


def _count(handle: IO[str], reader: Iterator[list[str]], build_at: int, date_at: int | None,
           names: tuple[RepeatedNames, int] | None = None) -> InventoryCounts | None:
    """Devices per (build, date), counted at C speed (device names noted in ``names``, when
    given, as they pass); None when a line is short, malformed or its build blank, which
    only the row-by-row reading judges."""
    from operator import itemgetter

    key = itemgetter(build_at) if date_at is None else itemgetter(build_at, date_at)
    records: Iterable[list[str]] = filter(None, reader)
    if names is not None:
        records = _noted(records, *names)
    with handle:
        try:
            counts: Counter[Any] = Counter(map(key, records))
        except (IndexError, csv.Error):  # a malformed line too is judged row by row
            return None
    merged: InventoryCounts = Counter()
    for found, count in counts.items():
        build, when = (found, None) if date_at is None else found
        if not build.strip():
            return None
        merged[(build, when if when and when.strip() else None)] += count
    return merged


def _noted(records: Iterable[list[str]], names: RepeatedNames, device_at: int
           ) -> Iterator[list[str]]:
    """The records, each one's device name noted on the way."""
    notes = [part.append for part in names.parts]
    mask, hash_ = PARTS - 1, hash
    for record in records:
        device = record[device_at]
        if not device.isspace():
            hashed = hash_(device)
            notes[hashed & mask](hashed)
        yield record


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The CSV records of ``reader``; a malformed one (a NUL byte, say) is a row with no build."""
    while True:
        try:
            yield from reader
            return
        except csv.Error:
            yield ["", "<malformed CSV line>"]


def _delimiter(handle: IO[str]) -> str:
    """The delimiter of a CSV's header line: a comma, or the semicolon or tab Excel writes in
    most European locales (the one the header holds most of); the stream is left where it was."""
    start = handle.tell()
    first = handle.readline()
    while first and not first.strip():
        first = handle.readline()
    handle.seek(start)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _looks_like_json(path: StrPath) -> bool:
    """Whether an inventory file holds JSON (an ``az graph query`` result) rather than CSV."""
    return read_start(path).lstrip().startswith(("{", "["))


def _json_rows(path: StrPath, columns: Mapping[str, str] | str | None) -> list[dict[str, Any]]:
    """Rows of a JSON inventory: ``az graph query`` output (``{"data": [...]}`` or a list),
    nested ``properties`` flattened to ``properties.osVersion``, header checked first."""
    from wsiot.io.files import read_json

    document = read_json(path)
    rows = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ProfileError(f"{path}: not an inventory: expected a list of objects or an "
                           '"az graph query" result with "data"')
    flat = [_flattened(row) for row in rows]
    header = list(dict.fromkeys(key for row in flat for key in row))
    try:
        recognise_columns(header, columns)
    except WsiotError as exc:
        raise FleetError(f"{path}: {exc}") from None
    return flat


def _flattened(row: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for inner, item in value.items():
                if not isinstance(item, dict | list):
                    flat[f"{key}.{inner}"] = item
        elif not isinstance(value, list):
            flat[key] = value
    return flat
