"""Commands that maintain catalogs: extract, init, update, compile, stats."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from .options import add_jobs, add_json, add_languages

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="write locale/<document>.pot from the sources")
    add_jobs(p)
    p.set_defaults(run=run_extract)

    p = subparsers.add_parser("init", help="create catalogs for new languages")
    p.add_argument("languages", nargs="+", metavar="LANG", help="CLDR locale codes, e.g. es zh_Hans")
    add_jobs(p)
    p.set_defaults(run=run_init)

    p = subparsers.add_parser("update", help="extract, then merge templates into every catalog")
    add_languages(p, "only these languages")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary")
    add_jobs(p)
    p.set_defaults(run=run_update)

    p = subparsers.add_parser("compile", help="write .mo files next to the .po files")
    add_languages(p)
    p.set_defaults(run=run_compile)

    p = subparsers.add_parser("stats", help="translation progress per document and language")
    add_languages(p)
    add_json(p)
    p.set_defaults(run=run_stats)


def run_extract(args, project: Project) -> int:
    from .. import workflow
    changed = workflow.extract(project, jobs=args.jobs)
    for path in changed:
        print(f"wrote {project.relative(path)}")
    if not changed:
        print("templates are up to date")
    return 0


def run_init(args, project: Project) -> int:
    from .. import workflow
    result = workflow.init(project, args.languages, jobs=args.jobs)
    for path in result.created:
        print(f"created {project.relative(path)}")
    if not result.created:
        print("every catalog already exists; nothing created")
    if result.settings is not None:
        print(f"added {', '.join(result.added)} to the languages in {project.relative(result.settings)}")
    return 0


def run_update(args, project: Project) -> int:
    from .. import workflow
    outcome = workflow.update(project, args.languages or None, jobs=args.jobs, quiet=args.quiet)
    if args.quiet:
        return 0
    catalogs = {result.path for result in outcome.catalogs}
    for path in outcome.written:
        if path not in catalogs:
            print(f"wrote {project.relative(path)}")
    unchanged = 0
    for result in outcome.catalogs:
        report = result.report
        name = project.relative(result.path)
        if not result.written:
            unchanged += 1
            continue
        if not result.created and not report.changed and not result.from_memory:
            print(f"{name}: updated: comments, references or header only")
            continue
        state = "created" if result.created else "updated"
        print(f"{name}: {state}: {len(report.new)} new, {len(report.fuzzy)} fuzzy, "
              f"{len(report.obsolete)} obsolete" +
              (f", {len(report.revived)} revived" if report.revived else "") +
              (f", {len(report.reshaped)} plural made singular (fuzzy)" if report.reshaped else "") +
              (f", {result.from_memory} filled from memory (fuzzy)" if result.from_memory else ""))
        for change in report.fuzzy:
            print(f"    fuzzy: {change.word_diff()}")
        for msgid in report.reshaped:
            print(f"    fuzzy: a plural entry (msgid_plural, msgstr[n]) for a unit that has one form; its first "
                  f"form kept as its msgstr, every form in a translator comment: {msgid[:60]!r}")
    if unchanged:
        print(f"{unchanged} catalog{'s' if unchanged != 1 else ''} up to date")
    return 0


def run_compile(args, project: Project) -> int:
    from .. import workflow
    changed = workflow.compile_catalogs(project, args.languages or None)
    for path in changed:
        print(f"wrote {project.relative(path)}")
    return 0


def run_stats(args, project: Project) -> int:
    from ..stats import stats  # not workflow: a count kept in the data cache needs no catalog reader
    rows = stats(project, args.languages or None)
    if args.json:
        json.dump([row.as_dict() for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    header = ("document", "lang", "units", "words", "transl.", "fuzzy", "untr.", "obsol.", "% units", "% words",
              "review")
    table = [header] + [(r.document, r.language, r.units, r.source_words, r.translated, r.fuzzy,
                         r.untranslated, r.obsolete, f"{r.percent_translated:.1f}",
                         f"{r.percent_words:.1f}", r.review) for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        cells = [str(c).ljust(w) if i < 2 or i == len(header) - 1 else str(c).rjust(w)
                 for i, (c, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
    for r in rows:  # a sign-off that no longer holds says why
        if r.review == "draft" and r.review_note:
            print(f"{r.language}/{r.document}: draft: {r.review_note}")
    return 0
