"""Where a project's folders really are, and what may lie in what.

locpipe reads only the project's own files and replaces its output folder
whole, so each command first refuses a symlink that leads out of the
project, an output folder that shares a folder with source/, locale/ or
the data cache, and (for a build) an output folder it did not make.
Folders are compared where they really are, through links on their way.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from . import datacache
from .errors import LocpipeError, SettingsError
from .fsio import read_regular
from .project import PUBLISHED, SETTINGS_FILES, settings_line

if TYPE_CHECKING:
    from .project import Project

VERSION_CONTROL = (".git", ".hg", ".svn")
# files a repository keeps in an empty folder, which a build may replace with its output
PLACEHOLDERS = frozenset({".gitkeep", ".keep", ".gitignore", ".nojekyll", ".DS_Store", "Thumbs.db", "desktop.ini"})


def real(path: Path | str) -> Path:
    return Path(os.path.realpath(path))


def within(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` is `folder` or lies in it, where both really are."""
    inner, outer = real(path), real(folder)
    return inner == outer or outer in inner.parents


def overlap(a: Path | str, b: Path | str) -> bool:
    """Whether one folder is, holds or lies in the other."""
    return within(a, b) or within(b, a)


def refuse_links_outside(project: Project) -> None:
    """Sources, catalogs and published/ records are read only from inside
    the project: a symlink in source/, locale/ or published/ (or any of
    those folders itself, the output folder, the settings file or the
    data cache) that leads out of it is refused with its path,
    as a page would publish whatever file it leads to (/etc/passwd), and
    a build writes published/ records. Symlinks within the project are
    followed, but published/ and the output folder must not lead into
    each other: the records (whole catalogs, translators' names) would
    be deployed with the site, and `rm -rf output` would delete them."""
    seen: set[str] = set()
    for name in (*dict(SETTINGS_FILES), datacache.PROJECT_FOLDER, f"{datacache.PROJECT_FOLDER}/jinja"):
        _refuse_if_outside(project, str(project.root / name))
    _refuse_if_outside(project, str(project.output_dir))
    for folder in (project.source_dir, project.locale_dir, project.root / PUBLISHED):
        _refuse_if_outside(project, str(folder))
        _refuse_if_outside(project, os.path.realpath(folder), str(folder))  # a link on its way: "docs/src"
        if folder.name == PUBLISHED and os.path.lexists(folder):
            _refuse_if_output(project, folder)
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
            seen.add(os.path.realpath(dirpath))
            if folder.name == PUBLISHED:
                _refuse_if_output(project, Path(dirpath))
            for name in [*dirnames, *filenames]:
                _refuse_if_outside(project, os.path.join(dirpath, name))
            for name in filenames:
                _refuse_if_unreadable(project, os.path.join(dirpath, name))
            dirnames[:] = [d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) not in seen]


def refuse_misplaced_output(project: Project, writing: bool = False) -> None:
    """The output folder is a folder (or not there yet) inside the project
    (through links on its way: "site/out", site a link out) and shares no
    folder with the project's own, where they really are: a build replaces
    it whole, and an output that is (holds, lies in) locale/ would take the
    catalogs with it; one that is a file (the settings file) would be
    replaced by a folder. For a command `writing` the output, it is also a
    folder a build made (`refuse_foreign_output`)."""
    output = project.output_dir
    _refuse_if_outside(project, os.path.realpath(output), str(output))
    if os.path.exists(output) and not os.path.isdir(output):
        _refuse_output_setting(project, f"the output folder ({project.relative(output)}) is a file, not a folder: a "
                                        "build would replace it with the site; give the output a folder of its own")
    owned = {"source": project.source_dir, "locale": project.locale_dir,
             "the records of what was published": project.root / PUBLISHED,  # never deployed with the site
             "the data cache": project.root / datacache.PROJECT_FOLDER,
             **{name: project.root / name for name in VERSION_CONTROL}}
    chosen = datacache.cache_dir_for(project.root / datacache.PROJECT_FOLDER)
    # $LOCPIPE_CACHE_DIR may hold the project (a CI workspace): its entries are its own files and jinja/
    shared = chosen is not None and (within(chosen, output) or within(output, chosen / "jinja") or
                                     real(chosen) == real(output))
    for name, folder in [*owned.items(), *([("the data cache", chosen)] if shared else [])]:
        if overlap(output, folder):
            _refuse_output_setting(project, f"the output folder ({project.relative(output)}) overlaps {name} "
                                            f"({project.relative(folder)}): a build replaces its output whole; give "
                                            "the output a folder of its own")
    for name in ("source", "locale", "the records of what was published"):
        if "LOCPIPE_CACHE_DIR" in os.environ and chosen is not None and within(chosen, owned[name]):
            raise SettingsError(f"the data cache (LOCPIPE_CACHE_DIR={chosen}) lies in {name} "  # its pickles there
                                f"({project.relative(owned[name])}): give it a folder of its own")
    if writing:
        refuse_foreign_output(project)


def refuse_foreign_output(project: Project) -> None:
    """An output folder that is there already and that no build made (it
    has neither the build's state nor a manifest locpipe wrote) holds
    someone's files, which a first build would write its pages over
    (`output = "docs"`, the project's documentation, has an index.html).
    A folder with nothing in it but a placeholder (.gitkeep, .DS_Store), or
    but the reports of `locpipe readability`, is taken. Once a build made
    the folder, the files it did not write are kept in it (a CNAME)."""
    output = project.output_dir
    if built_by_locpipe(output):
        return
    try:
        names = set(os.listdir(output))
    except OSError:  # not there yet (a first build), or no folder: the build says so where it matters
        return
    if names - PLACEHOLDERS == {"reports"} and _reports_only(output / "reports"):
        return  # `locpipe readability` wrote its reports there before any build
    if names - PLACEHOLDERS:
        _refuse_output_setting(project, f"the output folder ({project.relative(output)}) holds files no build made "
                                        f"({_example(output, names - PLACEHOLDERS)}), which a build would write its "
                                        "pages over: give the output a folder of its own, or empty this one (files "
                                        "put in it after the first build are kept)")


def _example(output: Path, names: set[str]) -> str:
    """One of a foreign folder's names, as the refusal shows it: a build's
    own file names there are said to be no build's file, and why."""
    from .publish.state import STATE_FILE
    regular = {STATE_FILE: "a file that cannot be read", "manifest.json": "a manifest locpipe did not write"}
    for name in sorted(names & regular.keys()):
        try:
            mode = os.lstat(output / name).st_mode
        except OSError:
            continue
        kind = next((kind for test, kind in _KINDS if test(mode)), None)
        return f"{name!r} is {kind or regular[name]}"
    return f"such as {min(names)!r}"


_KINDS = ((stat.S_ISLNK, "a link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


# the first bytes of the manifest a build writes (manifest.manifest_bytes), and as git's autocrlf checks it out
_MANIFEST_HEADS = (b'{\n  "build": {\n    "id": "', b'{\r\n  "build": {\r\n    "id": "')


def built_by_locpipe(output: Path) -> bool:
    """Whether the folder holds a build's state (a regular file by its
    name, even damaged) or a manifest that begins as locpipe's does (a web
    app's own manifest.json is none; a folder or a dangling link by either
    name is neither)."""
    from .publish.state import STATE_FILE
    return _head(output / STATE_FILE) is not None or \
        (_head(output / "manifest.json") or b"").startswith(_MANIFEST_HEADS)


def _head(path: Path, size: int = 64) -> bytes | None:
    """The first bytes of a regular file, None for anything else: opened
    without following a link or waiting on a FIFO, and never read whole."""
    try:
        return read_regular(path, follow=False, limit=size)
    except OSError:
        return None


_REPORTS_HEAD = b"<title>Readability reports</title>"


def _reports_only(reports: Path) -> bool:
    """A reports/ folder as `locpipe readability` leaves it: its index
    (render.html.reports_index) and, in folders of languages, each
    document's reports; nothing else but placeholders (a .DS_Store that
    Finder leaves)."""
    if _REPORTS_HEAD not in (_head(reports / "index.html", 2048) or b""):
        return False
    try:
        entries = [(folder, set(names) - PLACEHOLDERS) for folder, _, names in os.walk(reports)]
    except OSError:
        return False
    return all(folder == str(reports) and names == {"index.html"} or
               os.path.dirname(folder) == str(reports) and all(_REPORT_NAME.match(n) for n in names)
               for folder, names in entries)


_REPORT_NAME = re.compile(r"^[^.][^/]*\.(?:json|html|csv)$")


def _refuse_output_setting(project: Project, message: str) -> None:
    """Refuse where the output was chosen: the settings' `output` line, or
    the folder itself where the settings leave it at its default."""
    origin = project.settings.origin
    if "output" in project.settings.raw and origin:
        raise SettingsError(message, project.relative(Path(origin)), settings_line(origin, ("output",)))
    raise SettingsError(message, project.relative(project.output_dir))


def _refuse_if_output(project: Project, path: Path) -> None:
    if overlap(path, project.output_dir):
        raise LocpipeError(f"leads into the output folder ({project.relative(project.output_dir)}): published/ "
                           "records must stay out of the deployed site", project.relative(path))


def _refuse_if_unreadable(project: Project, path: str) -> None:
    """A file name that is not UTF-8 could be neither shown nor written
    into a catalog's references; a FIFO or a device would make the
    command wait for ever on reading it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise LocpipeError("the file name is not valid UTF-8: rename the file",
                           project.relative(Path(shown))) from None
    with contextlib.suppress(OSError):  # gone, or a dangling link: the commands say so where it matters
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise LocpipeError("not a regular file (a FIFO, a socket or a device): locpipe reads only "
                               "files", project.relative(Path(path)))


def _refuse_if_outside(project: Project, path: str, shown: str | None = None) -> None:
    """A symlink at `path` that leads out of the project; with `shown`,
    `path` is where `shown` really is, through links on its way."""
    if shown is not None or os.path.islink(path):
        target = real(path)
        if target != project.root and project.root not in target.parents:
            raise LocpipeError(f"a symlink to {target}, outside the project: locpipe reads only the "
                               "project's own files", project.relative(Path(shown or path)))
