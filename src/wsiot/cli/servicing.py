"""wsiot releases, status, inspect and timeline: servicing on a day."""

from __future__ import annotations

import argparse
import io
from typing import Any, TextIO

from wsiot.cli.common import (
    EXIT_ENDING_SOON,
    EXIT_NO,
    EXIT_NOT_SERVER,
    EXIT_OK,
    EXIT_PATCH_OVERDUE,
    add_common,
    add_servicing_options,
    add_updates_option,
    catalog_of,
    data_age_note,
    day_of,
    days_arg,
    emit,
    on_of,
    phase_colour,
    updates_of,
)
from wsiot.errors import InvalidArgumentError, ProfileError, WsiotError, describe
from wsiot.io.files import check_output, write_bytes
from wsiot.io.machine import read_system_facts
from wsiot.model.catalog import Catalog
from wsiot.model.lifecycle import status_on
from wsiot.model.system import SystemFacts
from wsiot.render.text import terminal_safe, wrap_report
from wsiot.rules.patchlevel import PatchStatus, patch_status
from wsiot.rules.servicing import records
from wsiot.values.dates import Moment, lifecycle_moment

__all__ = [
    "add_commands",
]

_RELEASE_COLUMNS = (
    ("version", "Release"),
    ("build", "Build"),
    ("released", "Available"),
    ("mainstream_end", "Mainstream"),
    ("servicing_end", "Serviced to"),
    ("phase", "Phase {on}"),
)


def _cmd_releases(args: argparse.Namespace, out: TextIO) -> int:
    day = day_of(args)
    rows = records(catalog=catalog_of(args), on=on_of(args))
    columns = [(key, header.format(on=day.isoformat())) for key, header in _RELEASE_COLUMNS]
    emit(rows, columns, args.format, out, colour=phase_colour)
    return EXIT_OK


def _patch_of(args: argparse.Namespace, catalog: Catalog, moment: Moment
              ) -> PatchStatus | None:
    """The build's patch status, or None when its update revision is not given."""
    from wsiot.values.builds import parse_build

    build = parse_build(args.build)
    data = updates_of(args)
    if build.revision is None or build.build not in data.builds:
        if args.max_patch_age is not None:
            why = ("the full build with its update revision: "
                   f"{build}.<UBR>, as winver or `ver` show it" if build.revision is None else
                   f"update data for build {build.build}; the data covers "
                   f"{', '.join(str(b) for b in data.builds)}")
            raise InvalidArgumentError(f"--max-patch-age needs {why}; got {describe(args.build)}")
        return None
    return patch_status(args.build, on_of(args), updates=data, catalog=catalog)


def _cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    catalog = catalog_of(args)
    moment = Moment(day_of(args)) if args.on is None else lifecycle_moment(args.on)
    release = catalog.release_for(args.build)
    status = status_on(release, moment, include_esu=args.include_esu)
    patch = _patch_of(args, catalog, moment)
    if patch is not None and not patch.complete:
        data_age_note(patch.data_ends, patch.uncovered_from)
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
             f"  {'latest:   ' if patch.complete else 'latest known:'} "
             f"{patch.latest if patch.latest else 'none released by then'}"]
    if patch.missing:
        least = "" if patch.complete else "at least "
        lines.append(f"  missing:   {least}{len(patch.missing)} security update(s), overdue since "
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
            "update_data_ends": None if patch.data_ends is None else patch.data_ends.isoformat(),
            "missing_is_lower_bound": not patch.complete,
            "latest_is_latest_known": not patch.complete}


def _cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.errors import NotServerError

    if args.source is None:
        from wsiot.local import system_facts

        facts = system_facts()
    else:
        facts = read_system_facts(args.source, catalog=catalog_of(args))
    catalog = catalog_of(args)
    moment = Moment(day_of(args)) if args.on is None else lifecycle_moment(args.on)
    record = facts.to_dict()
    try:
        release = catalog.release_for(facts)
    except NotServerError as exc:
        record.update(release=None, in_servicing=None, summary=exc.short)
        code = EXIT_NOT_SERVER
    else:
        status = status_on(release, moment, include_esu=args.include_esu)
        record.update(release=release.name, in_servicing=status.in_servicing,
                      summary=status.summary)
        code = EXIT_OK if status.in_servicing else EXIT_NO
        if code == EXIT_OK and args.warn_within is not None and \
                status.days_left < args.warn_within:
            code = EXIT_ENDING_SOON
        patch = _facts_patch(args, facts, catalog)
        if patch is not None:
            record.update(_patch_record(patch))
    if args.format == "table":
        rows = [{"fact": f.name, "value": f.value, "source": f.source} for f in facts.facts]
        emit(rows, [("fact", "Fact"), ("value", "Value"), ("source", "Read from")], "table", out)
        out.write(terminal_safe(wrap_report(str(record["summary"]))) + "\n")
        if code != EXIT_NOT_SERVER and patch is not None:
            out.write(_patch_lines(patch))
    else:
        emit([record], [(k, k) for k in record], args.format, out)
    return code


def _facts_patch(args: argparse.Namespace, facts: SystemFacts, catalog: Catalog
                 ) -> PatchStatus | None:
    """The patch level of a machine whose facts give the full build, as ``status`` shows it."""
    data = updates_of(args)
    if facts.build.revision is None or facts.build.build not in data.builds:
        return None
    try:
        patch = patch_status(facts.build, on_of(args), updates=data, catalog=catalog)
    except WsiotError:  # a level released after the day asked: no patch level to show
        return None
    if not patch.complete:
        data_age_note(patch.data_ends, patch.uncovered_from)
    return patch


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise WsiotError('wsiot timeline needs matplotlib: pip install "wsiot[plot]"') from None
    matplotlib.use("Agg")
    from wsiot.plot import timeline

    output = check_output(args.output, args.catalog)
    figure = timeline(on=day_of(args), catalog=catalog_of(args))
    image = io.BytesIO()
    try:
        figure.savefig(image, dpi=args.dpi, format=output.suffix.lstrip(".").lower() or "png")
    except (OSError, ValueError) as exc:
        raise ProfileError(f"{args.output}: cannot draw the timeline: {exc}") from None
    write_bytes(output, image.getvalue())
    out.write(f"wrote {args.output}\n")
    return EXIT_OK


def add_commands(commands: Any) -> None:
    """Add releases, status, inspect and timeline to the ``wsiot`` sub-command parser."""
    releases = commands.add_parser(
        "releases",
        help="every release and its phase on a day",
        epilog="example: wsiot releases --on 2030-01-01 --format markdown",
    )
    add_common(releases)
    releases.set_defaults(run=_cmd_releases)

    status = commands.add_parser(
        "status",
        help="the servicing status and patch level of a build "
             f"(exit 0 serviced, 1 not, 3 ending soon, {EXIT_PATCH_OVERDUE} patch overdue)",
        epilog="example: wsiot status 10.0.20348.2762 --on 2031-10-14 --max-patch-age 30",
    )
    status.add_argument("build", help="a build in any form: 20348, 10.0.20348.2762, ...")
    add_servicing_options(status)
    status.add_argument("--max-patch-age", type=days_arg, metavar="DAYS",
                        help=f"exit {EXIT_PATCH_OVERDUE} if a security update has been missing "
                             "for more than DAYS days (needs the full build with its UBR)")
    add_updates_option(status)
    add_common(status)
    status.set_defaults(run=_cmd_status)

    inspect = commands.add_parser(
        "inspect",
        help="what this machine (or a saved report) is: server or client, edition, servicing "
             "(exit 0 serviced, 1 not, 3 ending soon, 4 not a server)",
        epilog="example: wsiot inspect --from registry.json --on 2030-01-01",
    )
    inspect.add_argument("--from", dest="source", metavar="FILE",
                         help="a saved report: registry values, WMI or Get-ComputerInfo JSON, or "
                              "systeminfo text (list or CSV); default: this machine (Windows)")
    add_servicing_options(inspect)
    add_updates_option(inspect)
    add_common(inspect)
    inspect.set_defaults(run=_cmd_inspect)

    timeline = commands.add_parser(
        "timeline", help="draw every release's lifecycle to an image (needs wsiot[plot])",
        epilog="example: wsiot timeline --output lifecycle.png --on 2026-11-23",
    )
    timeline.add_argument("--output", required=True, metavar="FILE",
                          help="the image to write (.png, .svg, .pdf)")
    timeline.add_argument("--dpi", type=int, default=100, help="resolution (default 100)")
    add_common(timeline, fmt=False)
    timeline.set_defaults(run=_cmd_timeline)
