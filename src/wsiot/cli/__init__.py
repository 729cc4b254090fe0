"""The command line: ``wsiot`` and ``python -m wsiot``."""

from wsiot.cli.app import main

__all__ = ["main"]
