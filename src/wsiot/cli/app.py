"""The ``wsiot`` command line: a thin shell over the core.

This module may read the clock (``--on`` defaults to today), files and the
environment (``NO_COLOR``); the core modules never do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, TextIO

from wsiot import __version__
from wsiot.errors import (
    FleetError,
    InvalidArgumentError,
    InvalidBuildError,
    InvalidDateError,
    NoEditionError,
    ProfileError,
    WsiotError,
    describe,
)
from wsiot.model.catalog import Catalog, default_catalog
from wsiot.model.lifecycle import status_on
from wsiot.model.updates import UpdateHistory, default_updates
from wsiot.render.text import terminal_safe, text_table, wrap_report
from wsiot.rules.patchlevel import PatchStatus, patch_status
from wsiot.rules.servicing import records
from wsiot.values.dates import lifecycle_day, lifecycle_moment

__all__ = ["main"]

FORMATS = ("table", "json", "csv", "markdown")
WARN_DAYS = 183  # colour a serviced release yellow within about six months of its end

_TOP_LEVEL_FLAGS = ("-h", "--help", "--version")

# 1 answers "no": not serviced, not eligible, no edition fits, an invalid catalogue, a
# fleet with devices out of servicing. 2 is bad input. 3 is "yes, but ending soon".
EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_ENDING_SOON = 0, 1, 2, 3
EXIT_NOT_SERVER = 4  # inspect: the machine is a Windows client, not Windows Server
EXIT_PATCH_OVERDUE = 5  # status --max-patch-age: a security update has been missing too long

_RED, _YELLOW, _GREEN, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[0m"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit 2."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# -- output -------------------------------------------------------------------


def _use_colour(stream: TextIO) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def emit(
    records: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    out: TextIO,
    *,
    colour: Callable[[dict[str, Any]], str] | None = None,
) -> None:
    """Write ``records`` as a table, JSON, CSV or Markdown; ``columns`` are (key, header)."""
    if fmt == "json":
        json.dump(list(records), out, indent=2)
        out.write("\n")
        return
    headers = [header for _, header in columns]
    rows = [["" if r.get(key) is None else terminal_safe(str(r.get(key))) for key, _ in columns]
            for r in records]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        writer.writerows(rows)
        out.write(buffer.getvalue())
        return
    if fmt == "markdown":
        out.write("| " + " | ".join(headers) + " |\n")
        out.write("|" + "|".join("---" for _ in headers) + "|\n")
        for row in rows:
            out.write("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |\n")
        return
    styles = None
    if colour is not None and _use_colour(out):
        styles = [(colour(record), _RESET) for record in records]
    out.write(text_table(headers, rows, styles=styles) + "\n")


def _phase_colour(record: dict[str, Any]) -> str:
    if not record["in_servicing"]:
        return _RED
    return _YELLOW if record["days_left"] <= WARN_DAYS else _GREEN


# -- commands -----------------------------------------------------------------


def _catalog(args: argparse.Namespace) -> Catalog:
    if getattr(args, "catalog", None):
        from wsiot.io.formats import load_catalog

        return load_catalog(args.catalog)
    return default_catalog()


def _day(args: argparse.Namespace) -> date:
    return date.today() if args.on is None else lifecycle_day(args.on)


_RELEASE_COLUMNS = (
    ("version", "Release"),
    ("build", "Build"),
    ("released", "Available"),
    ("mainstream_end", "Mainstream"),
    ("servicing_end", "Serviced to"),
    ("phase", "Phase {on}"),
)


def _cmd_releases(args: argparse.Namespace, out: TextIO) -> int:
    day = _day(args)
    rows = records(catalog=_catalog(args), on=day)
    columns = [(key, header.format(on=day.isoformat())) for key, header in _RELEASE_COLUMNS]
    emit(rows, columns, args.format, out, colour=_phase_colour)
    return EXIT_OK


def _updates(args: argparse.Namespace) -> UpdateHistory:
    if getattr(args, "updates", None):
        from wsiot.io.formats import load_updates

        return load_updates(args.updates)
    return default_updates()


def _patch_of(args: argparse.Namespace, catalog: Catalog, day: date, early: bool
              ) -> PatchStatus | None:
    """The build's patch status, or None when its update revision is not given."""
    from wsiot.values.builds import parse_build

    build = parse_build(args.build)
    data = _updates(args)
    if build.revision is None or build.build not in data.builds:
        if args.max_patch_age is not None:
            why = ("the full build with its update revision (UBR), e.g. "
                   f"{build}.2762" if build.revision is None else
                   f"update data for build {build.build}; the data covers "
                   f"{', '.join(str(b) for b in data.builds)}")
            raise InvalidArgumentError(f"--max-patch-age needs {why}; got {describe(args.build)}")
        return None
    return patch_status(args.build, args.on if early else day, updates=data, catalog=catalog)


def _cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _catalog(args)
    day, early = (_day(args), False) if args.on is None else lifecycle_moment(args.on)
    release = catalog.release_for(args.build)
    status = status_on(release, day, include_esu=args.include_esu, early=early)
    patch = _patch_of(args, catalog, day, early)
    if args.format == "table":
        out.write(status.summary + "\n")
        if patch is not None:
            out.write(_patch_lines(patch))
    else:
        record = status.to_dict()
        if patch is not None:
            record.update(_patch_record(patch))
        emit([record], [(k, k) for k in record], args.format, out)
    if not status.in_servicing:
        return EXIT_NO
    if (patch is not None and args.max_patch_age is not None
            and patch.days_overdue > args.max_patch_age):
        return EXIT_PATCH_OVERDUE
    if args.warn_within is not None and status.days_left < args.warn_within:
        return EXIT_ENDING_SOON
    return EXIT_OK


def _patch_lines(patch: PatchStatus) -> str:
    installed = "older than every update in the data" if patch.installed is None else (
        str(patch.installed) if patch.exact else f"above {patch.installed}")
    lines = [f"patch level: {patch.state}"
             + (f" (update data ends {patch.data_ends})" if patch.data_ends else ""),
             f"  installed: {installed}",
             f"  latest:    {patch.latest if patch.latest else 'none released by then'}"]
    if patch.missing:
        lines.append(f"  missing:   {len(patch.missing)} security update(s), overdue since "
                     f"{patch.overdue_since} ({patch.days_overdue} day(s))")
        lines += [f"    {update}" for update in patch.missing]
    return "".join(line + "\n" for line in lines)


def _patch_record(patch: PatchStatus) -> dict[str, Any]:
    return {"patch": patch.state,
            "installed_kb": None if patch.installed is None else patch.installed.title,
            "installed_exact": patch.exact,
            "latest_kb": None if patch.latest is None else patch.latest.kb,
            "latest_build": None if patch.latest is None else str(patch.latest.build),
            "missing": " ".join(u.title for u in patch.missing),
            "missing_updates": len(patch.missing),
            "overdue_since": None if patch.overdue_since is None else patch.overdue_since.isoformat(),
            "days_overdue": patch.days_overdue,
            "update_data_ends": None if patch.data_ends is None else patch.data_ends.isoformat()}


def _facts_from_file(path: str) -> Any:
    """SystemFacts from a saved report: JSON of registry values, WMI or Get-ComputerInfo,
    or systeminfo text; the kind is told by its keys or its shape."""
    from wsiot.io.files import parse_json, read_text
    from wsiot.model.system import SystemFacts

    text = read_text(path)
    if not text.lstrip().startswith(("{", "[")):
        return SystemFacts.from_systeminfo(text)
    document = parse_json(text, path)
    table = document[0] if isinstance(document, list) and len(document) == 1 else document
    keys = set(table) if isinstance(table, dict) else set()
    if keys & {"CurrentBuild", "CurrentBuildNumber"}:
        return SystemFacts.from_registry(table)
    if keys & {"OsVersion", "OsBuildNumber", "WindowsEditionId"}:
        return SystemFacts.from_computer_info(table)
    if keys & {"Version", "BuildNumber", "OperatingSystemSKU"}:
        return SystemFacts.from_wmi(table)
    raise ProfileError(
        f"{path}: not a report wsiot reads: expected registry values (CurrentBuild, ...), "
        "Win32_OperatingSystem properties (Version, ...), Get-ComputerInfo (OsVersion, ...) "
        "or systeminfo text")


def _cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.errors import NotServerError

    if args.source is None:
        from wsiot.local import system_facts

        facts = system_facts()
    else:
        facts = _facts_from_file(args.source)
    catalog = _catalog(args)
    day, early = (_day(args), False) if args.on is None else lifecycle_moment(args.on)
    record = facts.to_dict()
    try:
        release = catalog.release_for(facts)
    except NotServerError as exc:
        record.update(release=None, in_servicing=None, summary=exc.short)
        code = EXIT_NOT_SERVER
    else:
        status = status_on(release, day, include_esu=args.include_esu, early=early)
        record.update(release=release.name, in_servicing=status.in_servicing,
                      summary=status.summary)
        code = EXIT_OK if status.in_servicing else EXIT_NO
        if code == EXIT_OK and args.warn_within is not None and \
                status.days_left < args.warn_within:
            code = EXIT_ENDING_SOON
    if args.format == "table":
        rows = [{"fact": f.name, "value": f.value, "source": f.source} for f in facts.facts]
        emit(rows, [("fact", "Fact"), ("value", "Value"), ("source", "Read from")], "table", out)
        out.write(terminal_safe(wrap_report(str(record["summary"]))) + "\n")
    else:
        emit([record], [(k, k) for k in record], args.format, out)
    return code


def _cmd_editions(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _catalog(args)
    records = []
    for edition in catalog.editions:
        record = edition.to_dict()
        record["limits"] = edition.limits
        record["releases"] = ", ".join(r.version for r in catalog.releases if r.offers(edition))
        records.append(record)
    columns = (("name", "Edition"), ("limits", "Limits"), ("releases", "Offered in"))
    emit(records, columns, args.format, out)
    return EXIT_OK


def _days(text: str) -> int:
    """A count of days on the command line: a whole number >= 0."""
    if not text.strip().isdigit() or len(text.strip()) > 6:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of days from 0 to 999999, got {describe(text)}")
    return int(text)


def _vms(text: str) -> int | str:
    if text == "unlimited":
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number or 'unlimited', got {describe(text)}") from None


def _cmd_edition(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.rules.editions import recommend_edition

    requirements = {
        "users": args.users,
        "devices": args.devices,
        "virtual_machines": args.vms,
        "active_directory": args.active_directory,
        "network_services": args.network_services,
        "peripherals": args.peripherals,
        "edition": args.require,
    }
    try:
        rec = recommend_edition(args.workload, args.release, catalog=_catalog(args), **requirements)
    except NoEditionError as exc:
        sys.stderr.write(f"wsiot: {terminal_safe(str(exc))}\n")
        return EXIT_NO
    if args.format == "json":
        json.dump(rec.to_dict(), out, indent=2)
        out.write("\n")
    elif args.format == "table":
        out.write(terminal_safe(wrap_report(str(rec))) + "\n")
    else:
        records = [{"edition": rec.edition.name, "chosen": True, "reason": "; ".join(rec.reasons)}]
        records += [{"edition": r.edition.name, "chosen": False, "reason": r.reason}
                    for r in rec.rejected]
        emit(records, [("edition", "Edition"), ("chosen", "Chosen"), ("reason", "Reason")],
             args.format, out)
    return EXIT_OK


def _cmd_qualify(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.io.formats import load_appliance
    from wsiot.rules.qualification import qualify

    assessment = qualify(load_appliance(args.profile), args.release, lenient=args.lenient,
                         strict=args.strict, catalog=_catalog(args))
    if args.format == "table":
        out.write(terminal_safe(wrap_report(str(assessment))) + "\n")
    elif args.format == "json":
        json.dump(assessment.to_dict(), out, indent=2)
        out.write("\n")
    else:
        if args.format == "markdown":
            verdict = f"{assessment.appliance.name}: {assessment.verdict}"
            out.write(f"**{terminal_safe(verdict)}**\n\n")
        emit([r.to_dict() for r in assessment.results],
             [("rule", "Rule"), ("outcome", "Outcome"), ("reason", "Reason")], args.format, out)
    return EXIT_OK if assessment.eligible else EXIT_NO


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise WsiotError('wsiot timeline needs matplotlib: pip install "wsiot[plot]"') from None
    matplotlib.use("Agg")
    from wsiot.plot import timeline

    figure = timeline(on=_day(args), catalog=_catalog(args))
    try:
        figure.savefig(args.output, dpi=args.dpi)
    except (OSError, ValueError) as exc:
        raise ProfileError(f"{args.output}: cannot write the timeline: {exc}") from None
    out.write(f"wrote {args.output}\n")
    return EXIT_OK


def _cmd_catalog_export(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.io.formats import catalog_document, dump_catalog

    catalog = _catalog(args)
    if args.output:
        dump_catalog(catalog, args.output, shape=args.shape)
        out.write(f"wrote {args.output}\n")
        return EXIT_OK
    json.dump(catalog_document(catalog, args.shape), out, indent=2)
    out.write("\n")
    return EXIT_OK


def _cmd_catalog_validate(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.errors import CatalogError
    from wsiot.io.formats import load_catalog

    try:
        catalog = load_catalog(args.file)
    except CatalogError as exc:
        out.write(f"{args.file}: {len(exc.problems)} problem(s)\n")
        out.write("".join(f"  - {problem}\n" for problem in exc.problems))
        return EXIT_NO
    out.write(f"{args.file}: valid ({len(catalog.releases)} releases, "
              f"{len(catalog.editions)} editions, data {catalog.version})\n")
    return EXIT_OK


_UPDATE_COLUMNS = (("kb", "KB"), ("build", "Build"), ("released", "Released"),
                   ("kind", "Kind"), ("source", "Source"))


def _cmd_updates(args: argparse.Namespace, out: TextIO) -> int:
    words = list(args.words)
    action = words.pop(0) if words and words[0] in ("export", "validate", "list") else "list"
    if action == "validate":
        if len(words) != 1:
            raise ProfileError("updates validate takes one FILE: wsiot updates validate updates.json")
        return _validate_updates(words[0], out)
    if len(words) > 1:
        raise ProfileError(f"updates takes at most one RELEASE, got {describe(' '.join(words))}")
    data = _updates(args)
    if action == "export":
        if words:
            raise ProfileError("updates export takes no RELEASE: it writes all the update data")
        from wsiot.io.formats import dump_updates

        if args.output:
            dump_updates(data, args.output)
            out.write(f"wrote {args.output}\n")
        else:
            json.dump(data.to_rows(), out, indent=2)
            out.write("\n")
        return EXIT_OK
    from wsiot.model.updates import updates as select

    chosen = select(words[0] if words else None, kind=args.kind, updates=data,
                    catalog=_catalog(args))
    emit([u.to_dict() for u in chosen], _UPDATE_COLUMNS, args.format, out)
    return EXIT_OK


def _validate_updates(path: str, out: TextIO) -> int:
    from wsiot.errors import UpdateDataError
    from wsiot.io.formats import load_updates

    try:
        data = load_updates(path)
    except UpdateDataError as exc:
        out.write(f"{path}: {len(exc.problems)} problem(s)\n")
        out.write("".join(f"  - {problem}\n" for problem in exc.problems))
        return EXIT_NO
    out.write(f"{path}: valid ({len(data.updates)} updates of builds "
              f"{', '.join(str(b) for b in data.builds)}, data {data.version}, complete through "
              f"{data.covered_until})\n")
    return EXIT_OK


PROGRESS_EVERY = 50_000  # rows between progress updates on a terminal


def _progress_bar(fraction: float, rows: int, width: int = 30) -> str:
    """A one-line progress bar: ``[#########.........]  31%  500,000 rows``."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}  {rows:,} rows"


def _inventory_rows(path: str, progress: TextIO | None, columns: str | None = None,
                    *, counted: bool = False) -> Any:
    """(device, build[, date]) tuples from an inventory CSV, with a progress line on a terminal.

    The file and its header are checked before the first row is returned, so
    a bad inventory fails before any output. Blank lines are skipped; every
    other line is one row.
    """
    from wsiot.fleet.stream import product_columns
    from wsiot.io.files import open_text
    from wsiot.io.inventory import recognise_columns

    handle, size = open_text(path)
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in handle:
            consumed += len(line)
            yield line

    reader = csv.reader(handle if progress is None else lines())
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
        counts = _count(handle, reader, build_at, date_at)
        if counts is not None:
            return counts
        return _inventory_rows(path, progress, columns)  # a short or blank line: read by row

    def rows() -> Iterator[Any]:
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
                    progress.write("\r" + _progress_bar(consumed / max(size, 1), count))
                    progress.flush()
                device = count if device_at is None else record[device_at]
                when = None
                if date_at is not None and record[date_at].strip():
                    when = record[date_at]
                if products:  # product facts decide server or client: read by name
                    row = {field: record[at] for field, at in products}
                    yield {**row, "device": device, "build": record[build_at], "date": when}
                else:  # a (device, build, date) tuple: the audit's quickest form
                    yield (device, record[build_at], when)
            if progress is not None:
                progress.write("\r" + " " * 60 + "\r")

    return rows()


def _count(handle: Any, reader: Iterator[list[str]], build_at: int, date_at: int | None
           ) -> Counter[Any] | None:
    """Devices per (build, date), counted at C speed; None when a line is short, malformed or
    its build blank, which only the row-by-row reading judges."""
    from operator import itemgetter

    key = itemgetter(build_at) if date_at is None else itemgetter(build_at, date_at)
    with handle:
        try:
            counts: Counter[Any] = Counter(map(key, filter(None, reader)))
        except (IndexError, csv.Error):  # a malformed line too is judged row by row
            return None
    merged: Counter[Any] = Counter()
    for found, count in counts.items():
        build, when = (found, None) if date_at is None else found
        if not build.strip():
            return None
        merged[(build, when if when and when.strip() else None)] += count
    return merged


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The CSV records of ``reader``; a malformed one (a NUL byte, say) is a row with no build."""
    while True:
        try:
            yield from reader
            return
        except csv.Error:
            yield ["", "<malformed CSV line>"]


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.fleet.stream import AuditRow, audit

    progress = sys.stderr if sys.stderr.isatty() and not args.rows else None
    day = None if args.on is None and args.no_default_date else _day(args)
    catalog, updates = _catalog(args), _updates(args)
    counts_only = not args.rows and not args.report
    inventory = _inventory_rows(args.inventory, progress, args.columns, counted=counts_only)
    if isinstance(inventory, Counter):  # counts alone: each distinct row resolved once
        from wsiot.fleet.stream import audit_counts

        return _print_summary(args, out, audit_counts(
            inventory, day, catalog=catalog, include_esu=args.include_esu, updates=updates))
    run = audit(inventory, day, catalog=catalog, include_esu=args.include_esu, updates=updates)
    folder = None
    if args.report:
        from wsiot.fleet.report import ENDING_WITHIN, ReportBuilder

        folder = ReportBuilder(ENDING_WITHIN if args.within is None else args.within)
    stream: Iterator[AuditRow] = iter(run) if args.rows or folder is not None else iter(())
    if folder is not None:
        stream = _folded(stream, folder)
    if args.rows and args.format == "csv":  # streams: a million rows never sit in memory
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AuditRow._fields)
        writer.writerows(["" if v is None else terminal_safe(str(v)) for v in row.to_dict().values()]
                         for row in stream)
        summary = run.summary()
    elif args.rows:
        emit([row.to_dict() for row in stream], [(f, f) for f in AuditRow._fields], args.format,
             out)
        summary = run.summary()
    else:
        for _ in stream:
            pass
        summary = run.summary() if folder is not None else run.run()
        _print_summary(args, out, summary)
    if folder is not None:
        from wsiot.io.files import write_text

        write_text(args.report, folder.build(day, catalog, updates).html)
        sys.stderr.write(f"wrote {args.report}\n")
    serviced = summary.invalid == 0 and summary.not_in_servicing == 0
    return EXIT_OK if serviced else EXIT_NO


def _print_summary(args: argparse.Namespace, out: TextIO, summary: Any) -> int:
    """Print an audit summary in the chosen format; the exit code it means."""
    from wsiot.fleet.stream import ERROR_KINDS

    if args.format == "json":
        json.dump(summary.to_dict(), out, indent=2)
        out.write("\n")
    else:
        counts = [{"group": "phase", "name": k, "devices": v} for k, v in summary.by_phase.items()]
        counts += [{"group": "release", "name": k, "devices": v}
                   for k, v in summary.by_release.items()]
        counts += [{"group": "invalid", "name": ERROR_KINDS[kind], "devices": count}
                   for kind, count in summary.invalid_by_kind.items()]
        counts += [{"group": "patch", "name": state, "devices": count}
                   for state, count in summary.by_patch.items()]
        if args.format == "table":
            out.write(str(summary) + "\n\n")
        emit(counts, [("group", "Group"), ("name", "Name"), ("devices", "Devices")],
             args.format, out)
    serviced = summary.invalid == 0 and summary.not_in_servicing == 0
    return EXIT_OK if serviced else EXIT_NO


def _folded(rows: Iterator[Any], folder: Any) -> Iterator[Any]:
    for row in rows:
        folder.add(row)
        yield row


# -- the parser -----------------------------------------------------------------


def _add_servicing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warn-within", type=_days, metavar="DAYS",
                        help="exit 3 if still serviced but ending within DAYS days")
    parser.add_argument("--include-esu", action="store_true",
                        help="count paid Extended Security Updates as servicing")


def _add_updates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--updates", metavar="FILE",
                        help="an update data file (from 'wsiot updates export') to use instead")


def _add_common(parser: argparse.ArgumentParser, *, on: bool = True, fmt: bool = True) -> None:
    if on:
        parser.add_argument("--on", metavar="DATE", help="the day to ask about (default: today)")
    if fmt:
        parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--catalog", metavar="FILE", help="a catalogue JSON file to use instead")


def build_parser() -> argparse.ArgumentParser:
    """The ``wsiot`` argument parser."""
    parser = _Parser(
        prog="wsiot",
        description="Windows Server IoT: lifecycle, editions and licence checks.",
        epilog="example: wsiot releases --on 2030-01-01",
    )
    parser.add_argument("--version", action="version", version=f"wsiot {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    releases = commands.add_parser(
        "releases",
        help="every release and its phase on a day",
        epilog="example: wsiot releases --on 2030-01-01 --format markdown",
    )
    _add_common(releases)
    releases.set_defaults(run=_cmd_releases)

    status = commands.add_parser(
        "status",
        help="the servicing status and patch level of a build "
             f"(exit 0 serviced, 1 not, 3 ending soon, {EXIT_PATCH_OVERDUE} patch overdue)",
        epilog="example: wsiot status 10.0.20348.2762 --on 2031-10-14 --max-patch-age 30",
    )
    status.add_argument("build", help="a build in any form: 20348, 10.0.20348.2762, ...")
    _add_servicing_options(status)
    status.add_argument("--max-patch-age", type=_days, metavar="DAYS",
                        help=f"exit {EXIT_PATCH_OVERDUE} if a security update has been missing "
                             "for more than DAYS days (needs the full build with its UBR)")
    _add_updates_option(status)
    _add_common(status)
    status.set_defaults(run=_cmd_status)

    edition = commands.add_parser(
        "edition",
        help="the edition to license for a workload, with its reasons (exit 1 if none fits)",
        epilog="example: wsiot edition nas --users 30 --release 2022",
    )
    edition.add_argument("workload", help="a workload name or alias: nas, pacs, ivr, ...")
    edition.add_argument("--users", type=int, metavar="N", help="number of users")
    edition.add_argument("--devices", type=int, metavar="N", help="number of devices")
    edition.add_argument("--vms", type=_vms, default=0, metavar="N",
                         help="virtual machines needed: a number or 'unlimited' (default 0)")
    edition.add_argument("--active-directory", action="store_true",
                         help="integrates with Active Directory")
    edition.add_argument("--network-services", action="store_true",
                         help="offers network infrastructure services (file, print, ...)")
    edition.add_argument("--peripherals", action="store_true",
                         help="needs a keyboard, monitor or mouse attached")
    edition.add_argument("--release", help="the target release (default: the newest)")
    edition.add_argument("--require", metavar="EDITION", help="an edition the appliance must use")
    _add_common(edition, on=False)
    edition.set_defaults(run=_cmd_edition)

    qualify = commands.add_parser(
        "qualify",
        help="assess an appliance profile against the licence rules (exit 0 eligible, 1 not)",
        epilog="example: wsiot qualify our-nas.toml --release 2022",
    )
    qualify.add_argument("profile", help="an appliance profile, TOML or JSON")
    qualify.add_argument("--release", help="the target release (default: the profile's)")
    qualify.add_argument("--strict", action="store_true",
                         help="an application wsiot does not recognise makes its rule unknown")
    qualify.add_argument("--lenient", action="store_true",
                         help="unknown facts do not block eligibility (still listed)")
    _add_common(qualify, on=False)
    qualify.set_defaults(run=_cmd_qualify)

    timeline = commands.add_parser(
        "timeline", help="draw every release's lifecycle to an image (needs wsiot[plot])",
        epilog="example: wsiot timeline --output lifecycle.png --on 2026-11-23",
    )
    timeline.add_argument("--output", required=True, metavar="FILE",
                          help="the image to write (.png, .svg, .pdf)")
    timeline.add_argument("--dpi", type=int, default=100, help="resolution (default 100)")
    _add_common(timeline, fmt=False)
    timeline.set_defaults(run=_cmd_timeline)

    catalog = commands.add_parser(
        "catalog", help="export the catalogue, or validate a catalogue file",
        epilog="example: wsiot catalog export --shape endoflife --output eol.json",
    )
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True,
                                              parser_class=_Parser)
    export = catalog_commands.add_parser(
        "export", help="write the catalogue as JSON (wsiot or endoflife.date shape)",
        epilog="example: wsiot catalog export --output catalog.json",
    )
    export.add_argument("--shape", choices=("wsiot", "endoflife"), default="wsiot",
                        help="wsiot (everything, with sources) or endoflife (their record shape)")
    export.add_argument("--output", metavar="FILE", help="the file to write (default: stdout)")
    _add_common(export, on=False, fmt=False)
    export.set_defaults(run=_cmd_catalog_export)
    validate = catalog_commands.add_parser(
        "validate", help="check a catalogue file; exit 0 valid, 1 with every problem listed",
        epilog="example: wsiot catalog validate my-catalog.json",
    )
    validate.add_argument("file", help="a catalogue JSON file (wsiot or endoflife.date shape)")
    validate.set_defaults(run=_cmd_catalog_validate)

    audit = commands.add_parser(
        "audit",
        help="audit a fleet inventory CSV (exit 0 all serviced, 1 otherwise)",
        epilog="example: wsiot audit inventory.csv --on 2030-01-01 --format json",
    )
    audit.add_argument("inventory", help="a CSV with a header: device,build[,date], or an "
                                         "export of Intune, Defender for Endpoint, "
                                         "Configuration Manager or Azure Resource Graph")
    audit.add_argument("--columns", metavar="FIELD=COLUMN,...",
                       help="name the columns of any other inventory: "
                            "device=...,build=...,date=...,product=...")
    audit.add_argument("--rows", action="store_true", help="print every device, not only counts")
    audit.add_argument("--include-esu", action="store_true",
                       help="count paid Extended Security Updates as servicing")
    audit.add_argument("--report", metavar="FILE.html",
                       help="also write a self-contained HTML report a person reads")
    audit.add_argument("--within", type=_days, metavar="DAYS",
                       help="the report's 'ending soon' horizon (default 183 days)")
    audit.add_argument("--no-default-date", action="store_true",
                       help="rows without a date are errors instead of using --on/today")
    _add_updates_option(audit)
    _add_common(audit)
    audit.set_defaults(run=_cmd_audit)

    inspect = commands.add_parser(
        "inspect",
        help="what this machine (or a saved report) is: server or client, edition, servicing "
             "(exit 0 serviced, 1 not, 3 ending soon, 4 not a server)",
        epilog="example: wsiot inspect --from registry.json --on 2030-01-01",
    )
    inspect.add_argument("--from", dest="source", metavar="FILE",
                         help="a saved report: registry values, WMI or Get-ComputerInfo JSON, or "
                              "systeminfo text (list or CSV); default: this machine (Windows)")
    _add_servicing_options(inspect)
    _add_common(inspect)
    inspect.set_defaults(run=_cmd_inspect)

    updates = commands.add_parser(
        "updates", help="list the cumulative updates of a release, export them, or validate "
                        "an update file",
        epilog="examples: wsiot updates 2022 --kind security | wsiot updates export --output "
               "updates.json | wsiot updates validate updates.json",
    )
    updates.add_argument("words", nargs="*", metavar="RELEASE | export | validate FILE",
                         help="a release to list (default: all), 'export' or 'validate FILE'")
    updates.add_argument("--kind", choices=("security", "preview", "out-of-band", "hotpatch",
                                            "release"), help="list only updates of this kind")
    updates.add_argument("--output", metavar="FILE", help="export: the file to write")
    _add_updates_option(updates)
    _add_common(updates, on=False)
    updates.set_defaults(run=_cmd_updates)

    editions = commands.add_parser(
        "editions", help="every edition, its limits and releases",
        epilog="example: wsiot editions --format json",
    )
    _add_common(editions, on=False)
    editions.set_defaults(run=_cmd_editions)
    return parser


_COMMAND_LINE_FORMS = {
    InvalidBuildError: "20348, 10.0.20348, 10.0.20348.2762, "
                       "'Microsoft Windows [Version 10.0.20348.2762]' or a media name",
    InvalidDateError: "2031-10-14, 2031-10-14T23:30-08:00 or '14 Oct 2031'",
}


def _command_line_message(exc: WsiotError) -> str:
    """The error's message, naming the forms a command line can give instead of Python types."""
    for kind, forms in _COMMAND_LINE_FORMS.items():
        if isinstance(exc, kind) and exc.short != str(exc):
            return f"{exc.short}; give {forms}"
    return str(exc)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = sys.stdout if out is None else out
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0].startswith("-") and words[0] not in _TOP_LEVEL_FLAGS):
        words.insert(0, "releases")  # the main job: the release table
    args = build_parser().parse_args(words)
    try:
        code: int = args.run(args, out)
    except BrokenPipeError:  # the reader (say, `| head`) closed early: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except WsiotError as exc:
        text = terminal_safe(_command_line_message(exc))
        first = text.splitlines()[0] if text else type(exc).__name__
        rest = text.splitlines()[1:]
        sys.stderr.write(f"wsiot: {first}\n" + "".join(f"  {line.strip()}\n" for line in rest))
        return EXIT_USAGE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
