"""wsiot catalog and wsiot updates: the data wsiot answers from, exported and validated."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from wsiot.cli.common import (
    EXIT_NO,
    EXIT_OK,
    EXIT_USAGE,
    UPDATES_VARIABLE,
    Parser,
    add_common,
    add_updates_option,
    catalog_of,
    emit,
    updates_file,
    updates_of,
)
from wsiot.data.updates import HOTPATCH_AS_OF
from wsiot.errors import ProfileError, WsiotError, describe, printable
from wsiot.io.files import check_output
from wsiot.io.formats import dump_updates
from wsiot.io.microsoft import import_update_pages
from wsiot.model.catalog import Catalog
from wsiot.render.text import terminal_safe

__all__ = [
    "add_commands",
]


def _cmd_catalog_export(args: argparse.Namespace, out: TextIO) -> int:
    from wsiot.io.formats import catalog_document, dump_catalog

    catalog = catalog_of(args)
    if args.output:
        check_output(args.output, args.catalog)
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
              f"{len(catalog.editions)} editions, data {printable(catalog.version)})\n")
    return EXIT_OK


_UPDATE_COLUMNS = (("kb", "KB"), ("build", "Build"), ("released", "Released"),
                   ("kind", "Kind"), ("source", "Source"))


def _cmd_updates(args: argparse.Namespace, out: TextIO) -> int:
    words = list(args.words)
    action = words.pop(0) if words and words[0] in ("export", "validate", "list", "import",
                                                     "info") else "list"
    if action == "import":
        return _import_updates(args, words, out)
    if action == "info":
        return _updates_info(args, out)
    if action == "validate":
        if len(words) != 1:
            raise ProfileError("updates validate takes one FILE: wsiot updates validate updates.json")
        return _validate_updates(words[0], out)
    if len(words) > 1:
        raise ProfileError(f"updates takes at most one RELEASE, got {describe(' '.join(words))}")
    data = updates_of(args)
    if action == "export":
        if words:
            raise ProfileError("updates export takes no RELEASE: it writes all the update data")
        if args.output:
            check_output(args.output, args.updates)
            dump_updates(data, args.output)
            out.write(f"wrote {args.output}\n")
        else:
            json.dump(data.to_rows(), out, indent=2)
            out.write("\n")
        return EXIT_OK
    from wsiot.model.updates import updates as select

    catalog = catalog_of(args)
    chosen = select(words[0] if words else None, kind=args.kind, updates=data, catalog=catalog)
    if not chosen and words:
        release = catalog.release(words[0]) if _names_release(catalog, words[0]) else None
        covered = ", ".join(str(b) for b in data.builds)
        what = printable(words[0]) if release is None else f"{release.name} (build {release.build})"
        kind = "" if args.kind is None else f" of kind {args.kind}"
        sys.stderr.write(f"wsiot: no update{kind} of {what} in the update data; it covers "
                         f"builds {covered}\n")
        return EXIT_NO
    emit([u.to_dict() for u in chosen], _UPDATE_COLUMNS, args.format, out)
    return EXIT_OK


def _names_release(catalog: Catalog, word: str) -> bool:
    try:
        catalog.release(word)
    except WsiotError:
        return False
    return True


def _import_updates(args: argparse.Namespace, sources: list[str], out: TextIO) -> int:
    """Read Microsoft's pages, print the diff, write the result; a conflict fails."""
    if not sources:
        raise ProfileError("updates import takes one or more pages: saved files or https:// "
                           "addresses of Microsoft's update-history pages")
    if args.output:
        check_output(args.output, *sources, updates_file(args))
    result = import_update_pages(sources, base=updates_of(args), prefer_pages=args.prefer_page)
    out.write(terminal_safe(str(result)) + "\n")
    if result.conflicts and not args.prefer_page:
        sys.stderr.write(f"wsiot: {len(result.conflicts)} conflict(s) with the update data; "
                         "nothing written (give --prefer-page to take the pages' values)\n")
        return EXIT_USAGE
    if args.output:
        dump_updates(result.history, args.output)
        out.write(f"wrote {args.output}: {result.history.version}, complete through "
                  f"{result.history.covered_until}; use it with --updates or "
                  f"{UPDATES_VARIABLE}={args.output}\n")
    return EXIT_OK


def _updates_info(args: argparse.Namespace, out: TextIO) -> int:
    """Which update data is in use: its file, version, as-of date and source pages."""
    data, path = updates_of(args), updates_file(args)
    sources = sorted({u.source for u in data.updates if not u.source.startswith(
        "https://support.microsoft.com/help/")})
    out.write(f"update data: {printable(path) if path else 'embedded in wsiot'}\n"
              f"version:     {printable(data.version)}\n"
              f"complete through {data.covered_until}; the next Patch Tuesday it does not "
              f"cover: {data.uncovered_from}\n"
              + ("" if path else f"hotpatches complete through {HOTPATCH_AS_OF}\n")
              + f"{len(data.updates)} updates of builds {', '.join(str(b) for b in data.builds)}; "
              f"each cites its KB article"
              + ("" if not sources else ", or: " + ", ".join(printable(s) for s in sources))
              + "\n")
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
              f"{', '.join(str(b) for b in data.builds)}, data {printable(data.version)}, complete through "
              f"{data.covered_until})\n")
    return EXIT_OK


def add_commands(commands: Any) -> None:
    """Add catalog and updates to the ``wsiot`` sub-command parser."""
    catalog = commands.add_parser(
        "catalog", help="export the catalogue, or validate a catalogue file",
        epilog="example: wsiot catalog export --shape endoflife --output eol.json",
    )
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True,
                                              parser_class=Parser)
    export = catalog_commands.add_parser(
        "export", help="write the catalogue as JSON (wsiot or endoflife.date shape)",
        epilog="example: wsiot catalog export --output catalog.json",
    )
    export.add_argument("--shape", choices=("wsiot", "endoflife"), default="wsiot",
                        help="wsiot (everything, with sources) or endoflife (their record shape)")
    export.add_argument("--output", metavar="FILE", help="the file to write (default: stdout)")
    add_common(export, on=False, fmt=False)
    export.set_defaults(run=_cmd_catalog_export)
    validate = catalog_commands.add_parser(
        "validate", help="check a catalogue file; exit 0 valid, 1 with every problem listed",
        epilog="example: wsiot catalog validate my-catalog.json",
    )
    validate.add_argument("file", help="a catalogue JSON file (wsiot or endoflife.date shape)")
    validate.set_defaults(run=_cmd_catalog_validate)

    updates = commands.add_parser(
        "updates", help="list the cumulative updates of a release, export them, or validate "
                        "an update file",
        epilog="examples: wsiot updates 2022 --kind security | wsiot updates export --output "
               "updates.json | wsiot updates validate updates.json | wsiot updates import "
               "server2022.html --output updates.json",
    )
    updates.add_argument("words", nargs="*",
                         metavar="RELEASE | export | validate FILE | import PAGE... | info",
                         help="a release to list (default: all), 'export', 'validate FILE', "
                              "'import PAGE...' (Microsoft's update-history pages, saved or "
                              "https://) or 'info' (the data in use)")
    updates.add_argument("--prefer-page", action="store_true",
                         help="import: where a page disagrees with the data, take the page's")
    updates.add_argument("--kind", choices=("security", "preview", "out-of-band", "hotpatch",
                                            "release"), help="list only updates of this kind")
    updates.add_argument("--output", metavar="FILE", help="export: the file to write")
    add_updates_option(updates)
    add_common(updates, on=False)
    updates.set_defaults(run=_cmd_updates)
