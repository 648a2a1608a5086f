"""`locpipe check`: translation checks, one finding a line."""

from __future__ import annotations

import difflib
import json
import sys
from typing import TYPE_CHECKING

from ..errors import LocpipeError
from ..wording import counted
from .options import add_json, add_languages

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="check translations: numbers, links, markup, glossary, ...")
    add_languages(p, "only these languages")
    add_json(p, "print a JSON list of findings")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--severity", choices=("error", "warning"), default="warning",
                   help="the least severe findings shown: error shows errors only (default: warning, all)")
    p.add_argument("--check", action="append", metavar="ID", dest="checks",
                   help="only this check (repeatable), e.g. negation, phone, untranslated")
    p.add_argument("--document", action="append", metavar="DOC", dest="documents",
                   help="only this document (repeatable): its file name in source/ without .md")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="one line per untranslated entry instead of one per catalog")
    p.set_defaults(run=run_check)


def run_check(args, project: Project) -> int:
    from ..checks import check_ids, selected_findings, summarised_untranslated
    from ..jobs import check_project
    from ..project import domains
    _require_known(args.checks or [], check_ids(), "check")
    _require_known(args.documents or [], sorted(domains(project)), "document")
    findings = selected_findings(check_project(project, args.languages or None),
                                 args.severity, args.checks, args.documents)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not args.verbose and not args.json:
        findings = summarised_untranslated(findings)
    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for finding in findings:
            print(finding)
        print(f"{counted(errors, 'error')}, {counted(warnings, 'warning')}", file=sys.stderr)
    if errors:
        return 1
    if args.strict and findings:
        return 1
    return 0


def _require_known(names: list[str], known: list[str], kind: str) -> None:
    """A misspelt `--check` or `--document` is an error, not an empty list
    that reads as "all is well"."""
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
            raise LocpipeError(f"no {kind} named {name!r}{hint}")
