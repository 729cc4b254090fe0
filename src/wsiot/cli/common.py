"""What every command shares: exit codes, output formats, the options, the day and data in use.

This package may read the clock (``--on`` defaults to today), files and the
environment (``NO_COLOR``); the library below it never does.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

from wsiot.errors import InvalidBuildError, InvalidDateError, NotServerError, WsiotError, describe
from wsiot.io.formats import load_catalog, load_updates
from wsiot.model.catalog import Catalog, default_catalog
from wsiot.model.updates import UpdateHistory, default_updates
from wsiot.render.text import terminal_safe, text_table
from wsiot.values.dates import lifecycle_day
from wsiot.values.validators import whole_number

__all__ = [
    "EXIT_ENDING_SOON",
    "EXIT_NO",
    "EXIT_NOT_SERVER",
    "EXIT_OK",
    "EXIT_PATCH_OVERDUE",
    "EXIT_USAGE",
    "FORMATS",
    "UPDATES_VARIABLE",
    "WARN_DAYS",
    "Parser",
    "add_common",
    "add_servicing_options",
    "add_updates_option",
    "catalog_of",
    "command_line_message",
    "data_age_note",
    "day_of",
    "days_arg",
    "emit",
    "on_of",
    "phase_colour",
    "updates_file",
    "updates_of",
    "vms_arg",
]

FORMATS = ("table", "json", "csv", "markdown")
WARN_DAYS = 183  # colour a serviced release yellow within about six months of its end

# 0 yes; 1 answers "no": not serviced, not eligible, no edition fits, an invalid catalogue,
# a fleet with devices out of servicing; 3 is "yes, but ending soon"; 5 a patch overdue.
# An error that ends a command exits with its class's exit_code: 2 for bad input, 4 for a
# Windows client asked about as a server.
EXIT_OK, EXIT_NO, EXIT_ENDING_SOON, EXIT_PATCH_OVERDUE = 0, 1, 3, 5
EXIT_USAGE = WsiotError.exit_code
EXIT_NOT_SERVER = NotServerError.exit_code


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit 2."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


_RED, _YELLOW, _GREEN, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[0m"


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
            out.write("| " + " | ".join(_markdown_cell(cell) for cell in row) + " |\n")
        return
    styles = None
    if colour is not None and _use_colour(out):
        styles = [(colour(record), _RESET) for record in records]
    out.write(text_table(headers, rows, styles=styles) + "\n")


def _markdown_cell(cell: str) -> str:
    """A table cell on one line: a line break in a value never starts a row of its own."""
    return " ".join(cell.replace("|", "\\|").splitlines())


def phase_colour(record: dict[str, Any]) -> str:
    """The terminal colour of a release row: red ended, yellow ending soon, green serviced."""
    if not record["in_servicing"]:
        return _RED
    return _YELLOW if record["days_left"] <= WARN_DAYS else _GREEN


def data_age_note(ends: date | None, uncovered_from: date | None) -> None:
    """One line on stderr: the update data ends before a Patch Tuesday that has passed."""
    sys.stderr.write(f"wsiot: note: the update data ends {ends}; updates from the Patch "
                     f"Tuesday of {uncovered_from} on are unknown to it, so patch levels are "
                     "lower bounds or unknown\n")


def catalog_of(args: argparse.Namespace) -> Catalog:
    """The catalogue ``--catalog`` names, or the embedded one."""
    if getattr(args, "catalog", None):
        return load_catalog(args.catalog)
    return default_catalog()


def day_of(args: argparse.Namespace) -> date:
    """The day ``--on`` names, or today."""
    return date.today() if args.on is None else lifecycle_day(args.on)


def on_of(args: argparse.Namespace) -> date | str:
    """What ``--on`` says, as given (an instant keeps its "before the day starts"), or today."""
    if args.on is None:
        return date.today()
    lifecycle_day(args.on)  # a bad value fails here, before any work
    return str(args.on)


UPDATES_VARIABLE = "WSIOT_UPDATES"
"""The environment variable naming the update-data file every command uses by default."""


def updates_file(args: argparse.Namespace) -> str | None:
    """The update-data file in use: ``--updates``, else ``$WSIOT_UPDATES``, else None."""
    return getattr(args, "updates", None) or os.environ.get(UPDATES_VARIABLE) or None


def updates_of(args: argparse.Namespace) -> UpdateHistory:
    """The update data ``--updates`` names, else the file ``$WSIOT_UPDATES`` names, else the
    embedded data."""
    path = updates_file(args)
    return default_updates() if path is None else load_updates(path)


def days_arg(text: str) -> int:
    """A count of days on the command line: a whole number >= 0."""
    days = whole_number(text, high=999_999, text=True)
    if days is None:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of days from 0 to 999999, got {describe(text)}")
    return days


def vms_arg(text: str) -> int | str:
    """A count of virtual machines on the command line, or 'unlimited'."""
    if text == "unlimited":
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number or 'unlimited', got {describe(text)}") from None


def add_servicing_options(parser: argparse.ArgumentParser) -> None:
    """--warn-within and --include-esu."""
    parser.add_argument("--warn-within", type=days_arg, metavar="DAYS",
                        help="exit 3 if still serviced but ending within DAYS days")
    parser.add_argument("--include-esu", action="store_true",
                        help="count paid Extended Security Updates as servicing")


def add_updates_option(parser: argparse.ArgumentParser) -> None:
    """--updates FILE."""
    parser.add_argument("--updates", metavar="FILE",
                        help="an update data file (from 'wsiot updates export') to use instead")


def add_common(parser: argparse.ArgumentParser, *, on: bool = True, fmt: bool = True) -> None:
    """--on, --format and --catalog."""
    if on:
        parser.add_argument("--on", metavar="DATE", help="the day to ask about (default: today)")
    if fmt:
        parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--catalog", metavar="FILE", help="a catalogue JSON file to use instead")


_COMMAND_LINE_FORMS = {
    InvalidBuildError: "20348, 10.0.20348, 10.0.20348.2762, "
                       "'Microsoft Windows [Version 10.0.20348.2762]' or a media name",
    InvalidDateError: "2031-10-14, 2031-10-14T23:30-08:00 or '14 Oct 2031'",
}


def command_line_message(exc: WsiotError) -> str:
    """The error's message, naming the forms a command line can give instead of Python types."""
    for kind, forms in _COMMAND_LINE_FORMS.items():
        if isinstance(exc, kind) and exc.short != str(exc):
            return f"{exc.short}; give {forms}"
    return str(exc)


