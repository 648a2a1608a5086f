"""`locpipe build`: publish localized HTML and text."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="render and publish every document in every language")
    p.add_argument("languages", nargs="*", metavar="LANG", help="only these languages")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="publish incomplete translations as previews, with a visible notice")
    p.add_argument("--jobs", "-j", type=int, metavar="N", default=None,
                   help="worker processes (default: the machine's cores)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary")
    p.set_defaults(run=run_build)

    p = subparsers.add_parser("screenshots", help="PNG screenshots of built pages (headless Chromium)")
    p.add_argument("languages", nargs="*", metavar="LANG", help="default: every built language")
    p.set_defaults(run=run_screenshots)


def run_build(args, project: Project) -> int:
    from ..publish import build
    result = build(project, allow_incomplete=args.allow_incomplete, jobs=args.jobs,
                   quiet=args.quiet, languages=args.languages or None)
    refused = [p for p in result.pages if p.status == "refused"]
    if not args.quiet:
        for page in refused:
            print(f"refused {page.language}/{page.document}: {page.reason}", file=sys.stderr)
        published = sum(p.status == "published" for p in result.pages)
        previews = sum(p.status == "preview" for p in result.pages)
        print(f"{published} published, {previews} previews, {len(refused)} refused; "
              f"{len(result.written)} files written, {result.skipped_documents} documents unchanged "
              f"-> {project.relative(project.output_dir)}/index.html")
    return 1 if refused else 0


def run_screenshots(args, project: Project) -> int:
    from ..browser import screenshots
    output = project.output_dir
    pages = sorted(p for p in output.glob("*/*.html")
                   if p.parent.name not in ("reports", "screenshots")
                   and (not args.languages or p.parent.name in args.languages))
    if not pages:
        print("no built pages; run `locpipe build` first", file=sys.stderr)
        return 1
    for path in screenshots(output, pages, project.output_path("screenshots")):
        print(f"wrote {project.relative(path)}")
    return 0
