"""`locpipe check`: translation checks, one finding a line."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from ..wording import counted

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="check translations: numbers, links, markup, glossary, ...")
    p.add_argument("languages", nargs="*", metavar="LANG", help="only these languages")
    p.add_argument("--json", action="store_true", help="print a JSON list of findings")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(run=run_check)


def run_check(args, project: Project) -> int:
    from ..checks import check_project
    findings = check_project(project, args.languages or None)
    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for finding in findings:
            print(finding)
        errors = sum(f.severity == "error" for f in findings)
        print(f"{counted(errors, 'error')}, {counted(len(findings) - errors, 'warning')}", file=sys.stderr)
    if any(f.severity == "error" for f in findings):
        return 1
    if args.strict and findings:
        return 1
    return 0
