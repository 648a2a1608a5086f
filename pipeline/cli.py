"""The `locpipe` command line: parses arguments and hands over to the
command modules, which call the pipeline. No logic of its own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .commands import build, catalogs, check, readability
from .errors import LocpipeError
from .project import Project

# One module per group of commands; each has register(subparsers).
COMMAND_MODULES = [catalogs, check, readability, build]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locpipe",
        description="Localization pipeline for patient-education documents.")
    parser.add_argument("--version", action="version", version=f"locpipe {__version__}")
    parser.add_argument("--project", metavar="DIR", type=Path, default=Path("."),
                        help="the content project (default: the current folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        project = Project(args.project)
        return int(args.run(args, project) or 0)
    except LocpipeError as exc:
        print(f"locpipe: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("locpipe: interrupted; files already written are complete, others unchanged",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
