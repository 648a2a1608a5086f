"""Commands that exchange translations with other tools: XLIFF for CAT
tools, translation memory as TMX and .po compendia."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="write catalogs for CAT tools (XLIFF)")
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    x = formats.add_parser("xliff", help="one XLIFF file per document and language")
    x.add_argument("languages", nargs="*", metavar="LANG", help="only these languages")
    x.add_argument("--version", choices=["1.2", "2.1"], default="1.2", help="XLIFF version (default 1.2)")
    x.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the .xlf files")
    x.set_defaults(run=run_export_xliff)

    p = subparsers.add_parser("import", help="read translations back from CAT tools (XLIFF)")
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    x = formats.add_parser("xliff", help="XLIFF 1.2 or 2.x files made by `export xliff`")
    x.add_argument("files", nargs="+", type=Path, metavar="FILE")
    x.set_defaults(run=run_import_xliff)

    p = subparsers.add_parser("memory", help="translation memory: import TMX or .po compendia, export TMX")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    m = actions.add_parser("import", help="add TMX 1.4b files or .po compendia to locale/<lang>/memory.tmx")
    m.add_argument("files", nargs="+", type=Path, metavar="FILE")
    m.set_defaults(run=run_memory_import)
    m = actions.add_parser("export", help="the language's memory (catalogs and imported) as TMX 1.4b")
    m.add_argument("language", metavar="LANG")
    m.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    m.set_defaults(run=run_memory_export)


def run_export_xliff(args, project: Project) -> int:
    from ..project import UI_DOMAIN
    languages = args.languages or project.languages()
    _refuse_project_files(project, args.output)
    for language in languages:  # and each file, which may be a link into the project already there
        for domain in [*project.slugs(), UI_DOMAIN]:
            _refuse_project_files(project, args.output / f"{domain}.{language}.xlf")
    from .. import interchange
    for path in interchange.export_xliff(project, languages, args.version, args.output):
        print(f"wrote {path}")
    return 0


def run_import_xliff(args, project: Project) -> int:
    from .. import interchange
    result = interchange.import_xliff(project, args.files)
    refused = 0
    for catalog, report in result.reports:
        for message in report.kept + report.skipped + report.refused:
            print(message, file=sys.stderr)
        refused += len(report.refused)
        print(f"{catalog}: {report.changed} unit(s) changed, {report.changed_source} fuzzy "
              f"(English changed since export), {len(report.kept)} kept, "
              f"{len(report.skipped)} skipped (English no longer in the document), {len(report.refused)} refused")
    for path in result.written:
        print(f"wrote {project.relative(path)}")
    return 1 if refused else 0


def run_memory_import(args, project: Project) -> int:
    from .. import interchange
    result = interchange.import_memory(project, args.files)
    for message in result.refused:
        print(message, file=sys.stderr)
    for language, count in result.added.items():
        print(f"{language}: {count} pair(s) added to {project.relative(interchange.memory_path(project, language))}")
    print(f"{len(result.refused)} pair(s) not imported: the checks found errors" if result.refused
          else "every pair passed the checks")
    return 0


def run_memory_export(args, project: Project) -> int:
    _refuse_project_files(project, args.output)
    from .. import interchange
    language = project.selected_languages([args.language])[0]
    path, count = interchange.export_memory(project, language, args.output)
    print(f"wrote {path}: {count} pair(s)")
    return 0


def _refuse_project_files(project: Project, path: Path) -> None:
    """An export is written beside the project's files, never over or among
    them: `-o locale/es/LC_MESSAGES/x.po` would replace a translator's
    catalog with TMX, and an export in output/ would be published or
    removed by the next build. Compared where the path really leads;
    before the exchange modules load (and fill the data cache)."""
    from ..datacache import PROJECT_FOLDER
    from ..errors import LocpipeError
    from ..placement import real, within
    from ..project import PUBLISHED, SETTINGS_FILES
    owned = [project.source_dir, project.locale_dir, project.root / PUBLISHED, project.output_dir,
             project.root / PROJECT_FOLDER, project.root / ".git"]
    for folder in owned:
        if within(path, folder):
            raise LocpipeError(f"an export is not written into the project's {project.relative(folder)}/ folder: "
                               "choose a path outside source/, locale/, published/ and the output", str(path))
    if real(path) in {real(project.root / name) for name in dict(SETTINGS_FILES)}:
        raise LocpipeError("an export does not replace the project's settings file", str(path))
