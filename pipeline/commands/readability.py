"""`locpipe readability`: reports for health-literacy reviewers."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from ..wording import counted

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("readability", help="readability reports for the source and every translation")
    p.add_argument("--lang", action="append", metavar="L", help="only this language (repeatable; en = source)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--max-grade", type=float, metavar="N",
                   help="exit 1 when an English source's Flesch-Kincaid grade exceeds N")
    p.set_defaults(run=run_readability)


def _document_reports(args) -> tuple[list[dict], dict[str, bytes]]:
    from .. import catalog as cat
    from ..catalog_io import read_catalog
    from ..readability import report_data, report_files  # textstat and its dictionaries
    from ..workflow import read_document_by_slug
    project, slug, languages = args
    document = read_document_by_slug(project, slug)
    results, files = [], {}
    for language in languages:
        translations = {}
        if language != "en":
            path = project.catalog_path(slug, language)
            if not path.exists():
                continue
            translations = cat.translations(read_catalog(path, project.relative(path)))
        results.append(report_data(project, document, language, translations))
        files.update(report_files(project, document, language, translations))
    return results, files


def _all_reports(project: Project, languages: list[str]) -> list[dict]:
    """Every report present in output/reports, in document and language
    order, so a run for one language keeps the others in the index."""
    slugs = {slug: i for i, slug in enumerate(project.slugs())}
    order = {language: i for i, language in enumerate(languages)}
    found = []
    for path in sorted(project.output_path("reports").glob("*/*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("document") in slugs and data.get("language") == path.parent.name:
            found.append(data)
    found.sort(key=lambda d: (slugs[d["document"]], order.get(d["language"], len(order)), d["language"]))
    return found


def run_readability(args, project: Project) -> int:
    from ..catalog_io import atomic_write_bytes
    from ..render.html import reports_index
    from ..workflow import map_jobs
    configured = ["en", *project.languages()]
    languages = project.selected_languages(args.lang or [], include_source=True) or configured
    if args.max_grade is not None and "en" not in languages:
        languages.insert(0, "en")  # the gate is on the English source
    results, files = [], {}
    for found, written in map_jobs(_document_reports, [(project, slug, languages) for slug in project.slugs()],
                                   None):
        results.extend(found)
        files.update(written)
    for name, data in sorted(files.items()):
        atomic_write_bytes(project.output_path(*name.split("/")), data)
    atomic_write_bytes(project.output_path("reports", "index.html"), reports_index(_all_reports(project, configured)))
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in results:
            scores = ", ".join(f"{k} {v}" for k, v in r["scores"].items()) or "no formula applies"
            noun = "character" if r.get("unit") == "characters" else "word"
            print(f"{r['document']} [{r['language']}]: {counted(r['words'], noun)}, "
                  f"{counted(r['sentences'], 'sentence')}; {scores}")
        print(f"reports in {project.relative(project.output_dir)}/reports/index.html")
    too_hard = [r for r in results if r["language"] == "en" and args.max_grade is not None
                and r["scores"].get("flesch_kincaid_grade", 0) > args.max_grade]
    for r in too_hard:
        print(f"{r['document']}: Flesch-Kincaid grade {r['scores']['flesch_kincaid_grade']} "
              f"exceeds {args.max_grade:g}", file=sys.stderr)
    return 1 if too_hard else 0
