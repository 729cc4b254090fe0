"""wsiot audit: a fleet inventory, counted or row by row, and its HTML report."""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from wsiot.cli.common import (
    EXIT_NO,
    EXIT_OK,
    add_common,
    add_updates_option,
    catalog_of,
    data_age_note,
    day_of,
    days_arg,
    emit,
    on_of,
    updates_of,
)
from wsiot.errors import InvalidArgumentError
from wsiot.fleet.rowfields import MappingColumns, row_device
from wsiot.fleet.stream import AuditRow, AuditSummary
from wsiot.io.files import check_output, write_text
from wsiot.io.inventory import read_inventory
from wsiot.model.repeats import RepeatedNames, Repeats
from wsiot.model.updates import UpdateHistory
from wsiot.render.text import terminal_safe

if TYPE_CHECKING:
    from wsiot.fleet.report import ReportBuilder

__all__ = [
    "add_commands",
]


def _progress_bar(fraction: float, rows: int, width: int = 30) -> str:
    """A one-line progress bar: ``[#########.........]  31%  500,000 rows``."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}  {rows:,} rows"


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.fleet.stream import audit

    progress = sys.stderr if sys.stderr.isatty() and not args.rows else None
    if args.no_default_date and args.on is not None:
        raise InvalidArgumentError(
            "--no-default-date and --on contradict each other: --on is the day for rows "
            "without a date; give one or the other")
    if args.report:  # before any work: the report never replaces an input, and can be written
        check_output(args.report, args.inventory, args.updates, args.catalog)
    when = None if args.no_default_date else on_of(args)
    day = None if when is None else day_of(args)
    catalog, updates = catalog_of(args), updates_of(args)
    counts_only = not args.rows and not args.report
    names = None if args.no_repeats else RepeatedNames()
    inventory = read_inventory(args.inventory, args.columns, counted=counts_only,
                               progress=None if progress is None else _progress_to(progress),
                               names=names)
    if isinstance(inventory, Counter):  # counts alone: each distinct row resolved once
        from wsiot.fleet.stream import audit_counts

        _note_data_age(day, updates)
        summary = audit_counts(inventory, when, catalog=catalog, include_esu=args.include_esu,
                               updates=updates)
        if names is not None:
            summary = attrs.evolve(summary, repeats=names.result(_devices_again(args)))
            _warn_repeats(args, summary)
        return _print_summary(args, out, summary)
    run = audit(inventory, when, catalog=catalog, include_esu=args.include_esu, updates=updates,
                columns=args.columns, repeats=not args.no_repeats)
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
    elif args.rows and args.format == "table":  # streams too, in 80 columns
        _write_row_table(stream, out)
    elif args.rows:
        emit([row.to_dict() for row in stream], [(f, f) for f in AuditRow._fields], args.format,
             out)
    else:
        collections.deque(stream, maxlen=0)
    summary = run.summary() if args.rows or folder is not None else run.run()
    if progress is not None:  # the bar's line, cleared for what follows
        progress.write("\r" + " " * 60 + "\r")
    if summary.repeats:  # named from the file, read a second time
        summary = attrs.evolve(summary, repeats=run.repeats(read_inventory(args.inventory,
                                                                           args.columns)))
    if folder is not None:  # the audit's answer, none when it did not count (--no-repeats)
        folder.repeats = summary.repeats or Repeats()
    _warn_repeats(args, summary, printed=not args.rows)
    if not args.rows:
        _print_summary(args, out, summary)
    if folder is not None:
        write_text(args.report, folder.build(day, catalog, updates).html)
        sys.stderr.write(f"wrote {args.report}\n")
    _note_data_age(day, updates)
    serviced = summary.invalid == 0 and summary.not_in_servicing == 0
    return EXIT_OK if serviced else EXIT_NO


# device, release, phase (or the error's kind), days left, patch: 76 characters a line
_ROW_TABLE = (("Device", 21), ("Release", 10), ("Phase", 20), ("Days left", 9), ("Patch", 8))


def _write_row_table(rows: Iterator[AuditRow], out: TextIO) -> None:
    """Every device on a line of at most 80 columns, written as it is audited (no row waits
    for the last one); ``--format csv`` or ``json`` gives every field."""
    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell[:width].ljust(width) for cell, (_, width)
                         in zip(cells, _ROW_TABLE, strict=True)).rstrip() + "\n"

    out.write(line([header for header, _ in _ROW_TABLE]))
    out.write(line(["-" * width for _, width in _ROW_TABLE]))
    for row in rows:
        release = (row.release or "").removeprefix("Windows Server IoT ").removeprefix(
            "Windows Storage Server ")
        phase = row.phase if row.error is None else f"error: {row.error_kind}"
        out.write(line([terminal_safe(" ".join(str(row.device).split())), release,
                        phase or "", "" if row.days_left is None else str(row.days_left),
                        row.patch or ""]))


def _note_data_age(day: date | None, updates: UpdateHistory) -> None:
    if day is not None and updates.uncovered_from <= day:
        data_age_note(updates.covered_until, updates.uncovered_from)


def _devices_again(args: argparse.Namespace) -> Iterator[Any]:
    """The inventory's device names, read a second time to name repeated ones."""
    columns = MappingColumns(args.columns)
    for row in read_inventory(args.inventory, args.columns):
        yield row_device(row, columns)


def _warn_repeats(args: argparse.Namespace, summary: AuditSummary, printed: bool = True
                  ) -> None:
    """A line on standard error for device names on more than one row, unless the printed
    summary already says so."""
    if summary.repeats and not (printed and args.format == "table"):
        sys.stderr.write(f"wsiot: warning: {terminal_safe(str(summary.repeats))}\n")


def _print_summary(args: argparse.Namespace, out: TextIO, summary: AuditSummary) -> int:
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


def _folded(rows: Iterator[AuditRow], folder: ReportBuilder) -> Iterator[AuditRow]:
    for row in rows:
        folder.add(row)
        yield row




def _progress_to(stream: TextIO) -> Any:
    """A progress callback drawing a bar on ``stream`` (the command clears it when done)."""
    def show(fraction: float, rows: int) -> None:
        stream.write("\r" + _progress_bar(fraction, rows))
        stream.flush()
    return show


def add_commands(commands: Any) -> None:
    """Add audit to the ``wsiot`` sub-command parser."""
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
    audit.add_argument("--within", type=days_arg, metavar="DAYS",
                       help="the report's 'ending soon' horizon (default 183 days)")
    audit.add_argument("--no-repeats", action="store_true",
                       help="do not look for device names on more than one row (faster)")
    audit.add_argument("--no-default-date", action="store_true",
                       help="rows without a date are errors instead of using --on/today")
    add_updates_option(audit)
    add_common(audit)
    audit.set_defaults(run=_cmd_audit)
