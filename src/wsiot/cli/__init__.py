"""The ``wsiot`` command line: one module per command group, over the library.

>>> from wsiot.cli import main
>>> main(["status", "20348", "--on", "2030-01-01"])  # doctest: +ELLIPSIS
Windows Server IoT 2022 ...
0
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from wsiot import __version__
from wsiot.cli import data, editions, fleet, servicing
from wsiot.cli.common import EXIT_OK, Parser, command_line_message
from wsiot.errors import WsiotError
from wsiot.render.text import terminal_safe

__all__ = ["build_parser", "main"]

_TOP_LEVEL_FLAGS = ("-h", "--help", "--version")
_GROUPS = (servicing, editions, fleet, data)


def build_parser() -> Parser:
    """The ``wsiot`` argument parser, each command group adding its commands."""
    parser = Parser(
        prog="wsiot",
        description="Windows Server IoT: lifecycle, editions and licence checks.",
        epilog="example: wsiot releases --on 2030-01-01",
    )
    parser.add_argument("--version", action="version", version=f"wsiot {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    for group in _GROUPS:
        group.add_commands(commands)
    return parser


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
        text = terminal_safe(command_line_message(exc))
        first = text.splitlines()[0] if text else type(exc).__name__
        rest = text.splitlines()[1:]
        sys.stderr.write(f"wsiot: {first}\n" + "".join(f"  {line.strip()}\n" for line in rest))
        return exc.exit_code
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
