"""wsiot edition, editions and qualify: editions for workloads, and licence qualification."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from wsiot.cli.common import (
    EXIT_NO,
    EXIT_OK,
    FORMATS,
    add_common,
    catalog_of,
    emit,
    vms_arg,
)
from wsiot.errors import NoEditionError
from wsiot.io.installed import read_features, read_installed
from wsiot.model.installed import InstalledSoftware
from wsiot.render.html import html_page
from wsiot.render.text import terminal_safe, wrap_report

__all__ = [
    "add_commands",
]


def _cmd_editions(args: argparse.Namespace, out: TextIO) -> int:
    catalog = catalog_of(args)
    records = []
    for edition in catalog.editions:
        record = edition.to_dict()
        record["limits"] = edition.limits
        record["releases"] = ", ".join(r.version for r in catalog.releases if r.offers(edition))
        records.append(record)
    columns = (("name", "Edition"), ("limits", "Limits"), ("releases", "Offered in"))
    emit(records, columns, args.format, out)
    return EXIT_OK


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
        rec = recommend_edition(args.workload, args.release, catalog=catalog_of(args), **requirements)
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

    appliance = load_appliance(args.profile)
    software = None
    for path in args.installed or ():
        found = read_installed(path)
        software = found if software is None else software + found
    if software is not None:
        appliance = appliance.with_installed(software)
    if args.features:
        roles = [name for path in args.features for name in read_features(path)]
        appliance = attrs.evolve(appliance, roles=(*(appliance.roles or ()), *roles))
    assessment = qualify(appliance, args.release, lenient=args.lenient,
                         strict=args.strict, catalog=catalog_of(args))
    if args.format == "table":
        out.write(terminal_safe(wrap_report(str(assessment))) + "\n")
        if software is not None:
            out.write(terminal_safe(wrap_report(_installed_lines(software))) + "\n")
    elif args.format == "html":
        installed = "" if software is None else software._repr_html_()
        title = f"{assessment.appliance.name}: {assessment.verdict}"
        out.write(html_page(title, assessment._repr_html_() + installed, _PAGE_CSS) + "\n")
    elif args.format == "json":
        record = assessment.to_dict()
        if software is not None:
            record["installed"] = _installed_record(software)
        json.dump(record, out, indent=2)
        out.write("\n")
    else:
        if args.format == "markdown":
            verdict = f"{assessment.appliance.name}: {assessment.verdict}"
            out.write(f"**{terminal_safe(verdict)}**\n\n")
        emit([r.to_dict() for r in assessment.results],
             [("rule", "Rule"), ("outcome", "Outcome"), ("reason", "Reason")], args.format, out)
    return EXIT_OK if assessment.eligible else EXIT_NO


_PAGE_CSS = ("body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1f2328}"
             "table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
             "th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;"
             "vertical-align:top}")


def _installed_lines(software: InstalledSoftware) -> str:
    """What the image's reports held, and what was not judged."""
    lines = [f"installed: {len(software.items)} item(s) read from {software.form} "
             f"({len(software.applications)} judged above, {len(software.libraries)} "
             f"libraries of applications not judged, {len(software.platform_parts)} platform "
             f"parts (drivers, updates, extensions) not judged), {len(software.unreadable)} "
             "entry(ies) unreadable"]
    lines += [f"  unreadable entry {n}: {bad}"
              for n, bad in enumerate(software.unreadable[:20], start=1)]
    if len(software.unreadable) > 20:
        lines.append(f"  ... and {len(software.unreadable) - 20} more")
    unnamed = software.unrecognised_identifiers
    if unnamed:
        lines.append(f"  {len(unnamed)} package identifier(s) wsiot's table does not name, "
                     f"judged by their text: {_listing(unnamed)}")
    primary = [str(item) for item in software.primary_function()]
    lines.append("  looks like the primary function: " + (_listing(primary) if primary else
                 "nothing (every item is platform software, a library or forbidden)"))
    return "".join(line + "\n" for line in lines)


def _listing(names: Sequence[str], most: int = 8) -> str:
    shown = ", ".join(terminal_safe(name) for name in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _installed_record(software: InstalledSoftware) -> dict[str, Any]:
    return {"form": software.form, "source": software.source, "items": len(software.items),
            "primary_function": [str(item) for item in software.primary_function()],
            "unrecognised_identifiers": list(software.unrecognised_identifiers),
            "libraries": [str(item) for item in software.libraries],
            "platform_parts": [str(item) for item in software.platform_parts],
            "unreadable": [{"position": b.position, "reason": b.reason}
                           for b in software.unreadable]}


def add_commands(commands: Any) -> None:
    """Add edition, editions and qualify to the ``wsiot`` sub-command parser."""
    edition = commands.add_parser(
        "edition",
        help="the edition to license for a workload, with its reasons (exit 1 if none fits)",
        epilog="example: wsiot edition nas --users 30 --release 2022",
    )
    edition.add_argument("workload", help="a workload name or alias: nas, pacs, ivr, ...")
    edition.add_argument("--users", type=int, metavar="N", help="number of users")
    edition.add_argument("--devices", type=int, metavar="N", help="number of devices")
    edition.add_argument("--vms", type=vms_arg, default=0, metavar="N",
                         help="virtual machines needed: a number or 'unlimited' (default 0)")
    edition.add_argument("--active-directory", action="store_true",
                         help="integrates with Active Directory")
    edition.add_argument("--network-services", action="store_true",
                         help="offers network infrastructure services (file, print, ...)")
    edition.add_argument("--peripherals", action="store_true",
                         help="needs a keyboard, monitor or mouse attached")
    edition.add_argument("--release", help="the target release (default: the newest)")
    edition.add_argument("--require", metavar="EDITION", help="an edition the appliance must use")
    add_common(edition, on=False)
    edition.set_defaults(run=_cmd_edition)

    editions = commands.add_parser(
        "editions", help="every edition, its limits and releases",
        epilog="example: wsiot editions --format json",
    )
    add_common(editions, on=False)
    editions.set_defaults(run=_cmd_editions)

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
    qualify.add_argument("--features", action="append", metavar="FILE",
                         help="the roles and features installed: Get-WindowsFeature saved as "
                              "JSON, CSV or its table; may be given again")
    qualify.add_argument("--installed", action="append", metavar="FILE",
                         help="what the image holds: an SBOM (CycloneDX, SPDX), a winget "
                              "export or PowerShell's program list; may be given again")
    qualify.add_argument("--format", choices=(*FORMATS, "html"), default="table",
                         help="output format; html: a page with every rule and installed item")
    add_common(qualify, on=False, fmt=False)
    qualify.set_defaults(run=_cmd_qualify)
