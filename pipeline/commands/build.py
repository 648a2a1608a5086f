"""`locpipe build`: publish localized HTML and text."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..wording import counted, refusal
from .options import add_jobs, add_languages

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="render and publish every document in every language")
    add_languages(p, "only these languages")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="publish incomplete translations as previews, with a visible notice")
    add_jobs(p)
    p.add_argument("--pdf", action="store_true",
                   help="print-ready PDFs too (as the setting formats = [..., \"pdf\"] does)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary")
    p.add_argument("--verify", action="store_true",
                   help="then read every file the manifest lists and compare it with the size and SHA-256 "
                        "listed; exit 2 for any that differs (a page edited by hand)")
    p.set_defaults(run=run_build, unchanged=run_unchanged_build, writes_output=True)

    p = subparsers.add_parser("screenshots", help="PNG screenshots of built pages (headless Chromium) "
                              "and of the first page of each PDF (pdftoppm)")
    add_languages(p, "default: every built language")
    p.add_argument("--review", action="store_true",
                   help="the review pages of `locpipe serve` too (review-<lang>-<document>.png)")
    p.set_defaults(run=run_screenshots, writes_output=True)


def run_build(args, project: Project) -> int:
    from .. import datacache
    from ..publish.build import build
    from ..publish.settings import PublishSettings
    from .readability import settings_warnings
    PublishSettings.from_project(project, args.pdf)  # bad settings stop the build before anything is written
    for warning in settings_warnings(project):
        print(warning, file=sys.stderr)
    result = build(project, allow_incomplete=args.allow_incomplete, jobs=args.jobs,
                   quiet=args.quiet, languages=args.languages or None, pdf=args.pdf)
    datacache.prune_stale(datacache.cache_dir())  # the command that fills the data cache: once a day
    return _summary(args, project, result)


def run_unchanged_build(args, project: Project) -> int | None:
    """A build's answer when a walk of the project finds nothing changed
    since the last one (publish/stamp.py), before the checks of every
    file that the long way makes; None to go the long way."""
    import os

    from .. import datacache
    if args.languages or os.path.islink(project.root / datacache.PROJECT_FOLDER):
        return None
    datacache.use_project_cache(project.root / datacache.PROJECT_FOLDER)
    from ..publish.build import unchanged_build
    from .readability import settings_warnings
    result = unchanged_build(project, allow_incomplete=args.allow_incomplete, pdf=args.pdf)
    if result is None:
        return None
    for warning in settings_warnings(project):
        print(warning, file=sys.stderr)
    return _summary(args, project, result)


def _summary(args, project: Project, result) -> int:
    """What the command line says of a build: each page not published as
    it is, and the counts; with --verify, each file of the output that is
    not what the manifest lists (exit 2)."""
    if args.verify:
        from ..publish.writers import verify_output
        problems = verify_output(project)
        for path, problem in problems:
            print(f"{project.relative(path)}: error: {problem}", file=sys.stderr)
        if problems:
            return 2
    refused = [p for p in result.pages if p.status == "refused"]
    for page in result.pages:  # the index does not say why; only this does, --quiet or not
        if page.status == "refused":
            print(f"refused {page.language}/{page.document}: {refusal(page)}", file=sys.stderr)
        elif page.status == "outdated":
            print(f"outdated {page.language}/{page.document}: its version for the English of "
                  f"{page.matches.updated or page.matches.source_sha256[:12]} stays online (outdated "
                  f"since {page.matches.outdated_since}); the catalog: {refusal(page)}", file=sys.stderr)
    unchecked = unchecked_languages(sorted({page.language for page in result.pages}))
    if args.quiet:  # a page that passed checks that did not run is never passed over in silence
        for line in unchecked:
            print(line, file=sys.stderr)
    else:
        for page in result.pages:
            if page.status == "preview":
                print(f"preview {page.language}/{page.document}: {page.reason}", file=sys.stderr)
            if page.review_note and page.review_note not in page.reason:
                print(f"draft {page.language}/{page.document}: {page.review_note}; shown as a draft",
                      file=sys.stderr)
        published = sum(p.status == "published" for p in result.pages)
        previews = sum(p.status == "preview" for p in result.pages)
        output = project.relative(project.output_dir)
        outdated = sum(p.status == "outdated" for p in result.pages)
        print(f"{published} published, {counted(previews, 'preview')}, {outdated} outdated, {len(refused)} refused; "
              f"{counted(len(result.written), 'file')} written, "
              f"{counted(result.skipped_documents, 'document')} unchanged -> {output}/index.html")
        print(f"readability reports: {output}/reports/index.html")
        for line in unchecked:
            print(line)
    return 1 if refused else 0


def unchecked_languages(languages: list[str]) -> list[str]:
    """A line for each language whose meaning checks could not run for want
    of word lists: its pages passed checks that did not look at negations,
    limits, units, times or urgency."""
    from ..datacache import cached, code_fingerprint
    return cached("unchecked-languages", f"{code_fingerprint()}:{languages}", lambda: _unchecked(languages))


def _unchecked(languages: list[str]) -> list[str]:
    from ..checks import missing_data_checks
    lines = []
    for language in languages:
        missing = missing_data_checks(language)
        if missing:
            lines.append(f"{language}: no word lists for {', '.join(missing)}: those checks did not run "
                         f"(add pipeline/checks/data/{language.split('_')[0]}.toml)")
    return lines


def run_screenshots(args, project: Project) -> int:
    """Screenshots of the built pages. A page the last build refused has none;
    asked for by language, that is a problem found (exit 1), as it was for
    the build: the command line was right, the translation is not."""
    from ..browser import screenshots
    from ..publish.state import last_build
    output = project.output_dir
    refused = [page for page in last_build(project) if page.status == "refused"
               and (not args.languages or page.language in args.languages)]
    unpublished = {f"{page.language}/{page.document}.html" for page in refused}
    pages = sorted(p for p in output.glob("*/*.html")
                   if p.parent.name not in ("reports", "screenshots")
                   and (not args.languages or p.parent.name in args.languages)
                   and f"{p.parent.name}/{p.name}" not in unpublished)
    for page in refused:
        print(f"{page.language}/{page.document} was refused by the last build, so it has no page to "
              f"screenshot: {refusal(page)}", file=sys.stderr)
    if not pages and not refused:
        print("no built pages; run `locpipe build` first", file=sys.stderr)
        return 1
    from ..render.pdf import first_page_png
    for pdf in (page.with_suffix(".pdf") for page in pages):
        if pdf.is_file():
            target = project.output_path("screenshots", f"{pdf.parent.name}-{pdf.stem}-pdf.png")
            target.parent.mkdir(parents=True, exist_ok=True)
            print(f"wrote {project.relative(first_page_png(pdf, target))}")
    if pages:
        for path in screenshots(output, pages, project.output_path("screenshots")):
            print(f"wrote {project.relative(path)}")
    if args.review:
        for path in review_screenshots(project, [code for code in args.languages or project.languages()
                                                 if code != "en"]):
            print(f"wrote {project.relative(path)}")
    return 1 if refused and args.languages else 0


def review_screenshots(project: Project, languages: list[str]) -> list:
    """The review page of each document and language, as `locpipe serve`
    shows it, for the README and for reviewers' records."""
    import tempfile
    from pathlib import Path

    from ..browser import screenshots
    from ..serve import review_html
    with tempfile.TemporaryDirectory(prefix="locpipe-review-") as folder:
        pages = []
        for language in languages:
            for slug in project.slugs():
                if project.catalog_path(slug, language).exists():
                    page = Path(folder) / f"review-{language}" / f"{slug}.html"
                    page.parent.mkdir(exist_ok=True)
                    page.write_bytes(review_html(project, language, slug, token=""))
                    pages.append(page)
        return screenshots(Path(folder), pages, project.output_path("screenshots"))
