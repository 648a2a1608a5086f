"""A content project: its folders, settings and the files the pipeline uses.

Any folder with `source/` and `locale/` is a project. Settings come from
`locpipe.toml`, or from `[tool.locpipe]` in `pyproject.toml`; every setting
has a default, so a bare folder works.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import datacache
from .errors import LocpipeError, SettingsError
from .locales import normalise_language

UI_DOMAIN = "ui"
PUBLISHED = "published"  # what each translation was last published from (published.py)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_SLUG_BAD = re.compile(r"[/\\\x00-\x1f]")


def validate_language(code: str, where: str | None = None) -> str:
    """A CLDR locale code safe to use as a folder name; raises otherwise."""
    if _LANGUAGE.match(code) and normalise_language(code) != code:
        raise SettingsError(f"write the language code {code!r} as {normalise_language(code)!r}: "
                            "gettext folders use an underscore, CLDR's letter case", where)
    if not _LANGUAGE.match(code):
        raise SettingsError(f"invalid language code {code!r}: expected a CLDR locale such as "
                            "es, zh_Hans or pt_BR", where)
    if code in cldr_data_files():
        return code
    from babel import Locale, UnknownLocaleError  # babel's rules find zh_TW through likely subtags
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise SettingsError(f"language {code!r} is not a CLDR locale: use a code such as es, zh_Hans "
                            "or pt_BR", where) from None
    return code


@lru_cache(maxsize=1)
def cldr_data_files() -> frozenset[str]:
    """The locales babel has a CLDR data file for (es, zh_Hans, pt_BR, ...),
    listed without importing babel, which every command reading settings
    would otherwise do, for a tenth of the time `locpipe stats` takes.
    babel parses every one of these names as a locale."""
    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = os.path.join(list(spec.submodule_search_locations)[0], "locale-data")
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset()
    return frozenset(name[:-4] for name in names if name.endswith(".dat") and name != "root.dat")


def unconfigured_language(code: str, configured: list[str]) -> SettingsError:
    """The one error for a language the project does not have: it names the
    project's languages and the command that adds one."""
    shown = ", ".join(configured) or "none"
    return SettingsError(f"language {code!r} is not one of the project's languages ({shown}); "
                         f"add it with `locpipe init {code}`")


def validate_slug(slug: str, where: str | None = None) -> str:
    """A document slug safe to use as a file name inside output/."""
    if not slug or slug in (".", "..") or slug.startswith(".") or _SLUG_BAD.search(slug):
        raise SettingsError(f"unsafe document name {slug!r}: names may not contain path "
                            "separators or start with a dot", where)
    return slug


@dataclass
class Settings:
    """Project settings, with defaults for everything."""

    name: str = "locpipe"
    source_dir: str = "source"
    locale_dir: str = "locale"
    output_dir: str = "output"
    languages: list[str] | None = None  # None: every folder under locale/
    translatable_fields: list[str] = field(default_factory=lambda: ["title", "description", "category"])
    bugs_address: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    origin: str = ""

    def section(self, name: str) -> dict[str, Any]:
        """A sub-table of the settings, e.g. `publish` or `readability`."""
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise SettingsError(f"[{name}] must be a table", self.origin)
        return value


# Where settings are read from: the first of these files that exists, and
# the keys of the settings table in it.
SETTINGS_FILES = (("locpipe.toml", ()), ("pyproject.toml", ("tool", "locpipe")))


def settings_file(root: Path) -> tuple[Path, tuple[str, ...]] | None:
    """The project's settings file and the keys of its settings table."""
    for name, keys in SETTINGS_FILES:
        if (root / name).is_file():
            return root / name, keys
    return None


def load_settings(root: Path) -> Settings:
    found = settings_file(root)
    if found is None:
        return Settings(origin="")
    path, keys = found
    table: dict[str, Any] | None = _read_toml(path)
    for key in keys:
        table = table.get(key) if isinstance(table, dict) else None
    if table is None:
        return Settings(origin="")
    settings = Settings(raw=table, origin=str(path))
    for key, attr in (("name", "name"), ("source", "source_dir"), ("locale", "locale_dir"),
                      ("output", "output_dir"), ("bugs_address", "bugs_address")):
        if key in table:
            if not isinstance(table[key], str):
                raise SettingsError(f"setting {key!r} must be a string", path)
            setattr(settings, attr, table[key])
            _refuse_folder_outside(root, key, table[key], path)
    if "languages" in table:
        langs = table["languages"]
        if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            raise SettingsError("setting 'languages' must be a list of locale codes", path)
        settings.languages = [validate_language(x, str(path)) for x in langs]
    if "translatable_fields" in table:
        settings.translatable_fields = list(table["translatable_fields"])
    return settings


def _refuse_folder_outside(root: Path, key: str, value: str, path: Path) -> None:
    """A folder setting names a folder inside the project, not the project
    itself: locpipe reads and writes only the project's own files, and a
    build replaces its output folder whole."""
    base = os.path.normpath(root.resolve())
    folder = os.path.normpath(os.path.join(base, value))
    if folder == base or not folder.startswith(base.rstrip(os.sep) + os.sep):  # the line in locpipe's own table
        raise SettingsError(f"setting {key!r} must name a folder inside the project, not {value!r}",
                            path.name, settings_line(path, (key,)))


def with_languages_added(text: str, keys: tuple[str, ...], languages: list[str],
                         where: str | None = None) -> tuple[str, list[str]] | None:
    """The text of a settings file with `languages` added to the end of its
    `languages` list, every comment and other line kept as it was (tomlkit
    edits the parsed file, not a re-serialised table), and the languages
    added. None when the file has no list, as the project's languages are
    then its locale folders, or when it lists every one already."""
    import tomlkit  # only `init` edits settings
    from tomlkit.exceptions import TOMLKitError
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise SettingsError(f"invalid TOML: {exc}", where) from None
    table: Any = document
    for key in keys:
        table = table.get(key) if isinstance(table, dict) else None
    if not isinstance(table, dict) or "languages" not in table:
        return None
    listed = table["languages"]
    if not isinstance(listed, list):
        raise SettingsError("setting 'languages' must be a list of locale codes", where)
    missing = [code for code in dict.fromkeys(languages) if code not in listed]
    if not missing:
        return None
    listed.extend(missing)
    return tomlkit.dumps(document), missing


_TOML_HEADER = re.compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TOML_ASSIGNMENT = re.compile(rf"^\s*({_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*)\s*=")


def setting_line(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of a TOML file's text where the setting `keys` is (a
    table's [header], a key, or a dotted key that starts with them), for
    warnings that name a line; None where it is not found (tomllib and
    tomlkit keep no line numbers)."""
    def parts(dotted: str) -> tuple[str, ...]:
        return tuple(p.strip().strip("\"'") for p in re.findall(r""""[^"]*"|'[^']*'|[^.]+""", dotted))

    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(line)
        if header:
            table = parts(header.group(1))
            if table[:len(keys)] == keys:
                return number
        elif (assignment := _TOML_ASSIGNMENT.match(line)) and (table + parts(assignment.group(1)))[:len(keys)] == keys:
            return number
    return None


def settings_line(origin: str | Path, keys: tuple[str, ...]) -> int | None:
    """The line of setting `keys` (below the settings table) in the settings
    file `origin`, for errors that name a line."""
    if not origin:
        return None
    path = Path(origin)
    prefix = dict(SETTINGS_FILES).get(path.name, ())
    try:
        return setting_line(path.read_text(encoding="utf-8", errors="replace"), (*prefix, *keys))
    except OSError:
        return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        else:  # "(at end of document)": the last line
            line = max(1, path.read_bytes().rstrip(b"\n").count(b"\n") + 1)
        raise SettingsError(f"invalid TOML: {exc}", path, line) from None
    except OSError as exc:
        raise SettingsError(f"cannot read settings: {exc.strerror or exc}", path) from None


def _plain_name(name: str) -> bool:
    """A file or folder name that stays in the folder it is joined to: not
    empty (an absolute part starts with one), not '.' or '..'."""
    return name not in ("", ".", "..")


def _has_symlink(folder: Path, names: list[str]) -> bool:
    """Whether a symlink is met on the way from folder down through names."""
    path = str(folder)
    for name in names:
        path = os.path.join(path, name)
        if os.path.islink(path):
            return True
    return False


class Project:
    """Paths and settings of one content project."""

    def __init__(self, root: Path, settings: Settings | None = None):
        self.root = root.resolve()
        if not self.root.is_dir():
            raise LocpipeError("project folder does not exist", root)
        self.settings = settings or load_settings(self.root)
        self._output_dir_resolved: tuple[tuple[Path, str], Path] | None = None  # (root and setting, folder)

    @property
    def source_dir(self) -> Path:
        return self.root / self.settings.source_dir

    @property
    def locale_dir(self) -> Path:
        return self.root / self.settings.locale_dir

    @property
    def output_dir(self) -> Path:
        return self.root / self.settings.output_dir

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def source_files(self) -> list[Path]:
        if not self.source_dir.is_dir():
            raise LocpipeError("no source folder", self.relative(self.source_dir))
        files = sorted(p for p in self.source_dir.glob("*.md") if p.is_file())
        for path in files:
            validate_slug(path.stem, self.relative(path))
        return files

    def require_source(self) -> None:
        """A folder without source/ is not a project, most often because the
        command was run in another folder: say so, and how to name one."""
        if not self.source_dir.is_dir():
            where = "here" if self.root == Path.cwd().resolve() else f"in {self.root}"
            raise LocpipeError(f"no {self.settings.source_dir}/ folder {where}: "
                               "run locpipe in a project folder or pass --project DIR")

    def slugs(self) -> list[str]:
        return [p.stem for p in self.source_files()]

    def languages(self) -> list[str]:
        if self.settings.languages is not None:
            return list(self.settings.languages)
        if not self.locale_dir.is_dir():
            return []
        found = sorted(p.name for p in self.locale_dir.iterdir()
                       if p.is_dir() and not p.name.startswith("."))
        return [validate_language(code, self.relative(self.locale_dir / code)) for code in found]

    def selected_languages(self, codes: list[str], include_source: bool = False) -> list[str]:
        """The languages named on a command line, each one of the project's
        (or English, the source, where a command takes it); pt-BR is pt_BR."""
        configured = self.languages()
        allowed = (["en"] if include_source else []) + configured
        chosen = []
        for code in map(normalise_language, codes):
            if code not in allowed:
                validate_language(code)  # says what is wrong with a malformed or unknown code first
                raise unconfigured_language(code, configured)
            if code not in chosen:
                chosen.append(code)
        return chosen

    def template_path(self, domain: str) -> Path:
        return self.locale_dir / f"{domain}.pot"

    def catalog_path(self, domain: str, language: str) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{domain}.po"

    def glossary_path(self, language: str) -> Path:
        return self.locale_dir / language / "glossary.csv"

    def output_path(self, *parts: str) -> Path:
        """A path inside output/; refuses anything that would escape it.
        Names are checked as written and output/ is resolved once, as a
        build asks for thousands of paths; only a path through a symlink
        inside output/, which could lead anywhere, is resolved on disk."""
        names = [name for part in parts for name in part.split("/")]
        base = self._resolved_output_dir()
        target = base.joinpath(*names)
        if all(map(_plain_name, names)):
            if not _has_symlink(base, names):
                return target
            target = target.resolve()
            if target == base or base in target.parents:
                return target
        raise LocpipeError(f"refusing to write outside the output folder: {'/'.join(parts)}",
                           self.relative(self.output_dir))

    def _resolved_output_dir(self) -> Path:
        """output/ through any symlinks, resolved once for each setting of the folder."""
        key = (self.root, self.settings.output_dir)
        if self._output_dir_resolved is None or self._output_dir_resolved[0] != key:
            self._output_dir_resolved = (key, self.output_dir.resolve())
        return self._output_dir_resolved[1]

    def remove_abandoned_staging(self) -> None:
        """Remove the staged files and folders of commands that were killed
        before they finished (`fsio`): in the project folder, beside and in the output folder, in
        locale/, published/, source/ (where a build reads a file system's clock) and the data cache."""
        from . import fsio
        output = self.output_dir.resolve() if self.output_dir.is_symlink() else self.output_dir
        # its two folders only ($LOCPIPE_CACHE_DIR may be a shared one); named before the command sets it
        cache = datacache.cache_dir_for(self.root / datacache.PROJECT_FOLDER)
        sources = [self.source_dir] if os.path.realpath(self.source_dir) != str(self.root) else []  # a link to "."
        fsio.remove_abandoned([self.root, output.parent, *([cache, cache / "jinja"] if cache is not None else []),
                               *self._link_target_folders()],
                              [self.locale_dir, output, self.root / PUBLISHED, *sources])

    def _link_target_folders(self) -> list[Path]:
        """The folders that linked catalogs and settings lead to: a file
        written through a link is staged beside the file it leads to."""
        links = [os.path.join(folder, name) for folder, _, names in os.walk(self.locale_dir) for name in names]
        links += [str(self.root / name) for name in dict(SETTINGS_FILES)]
        return sorted({Path(os.path.realpath(link)).parent for link in links if os.path.islink(link)})

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the project's catalog lock, so two updates never interleave.
        filelock takes an OS lock on the file (flock, or LockFileEx on
        Windows), which the system releases if the process dies."""
        from filelock import FileLock, Timeout  # a twentieth of a second: only commands that write
        lock_path = self.locale_dir / ".locpipe.lock"
        lock = FileLock(lock_path)
        try:
            self.locale_dir.mkdir(parents=True, exist_ok=True)
            lock.acquire(blocking=False)
        except Timeout:
            raise LocpipeError("another locpipe command is updating these catalogs; "
                               "try again when it has finished", self.relative(lock_path)) from None
        except OSError as exc:
            raise LocpipeError(f"cannot lock the catalogs: {exc.strerror or exc}",
                               self.relative(lock_path)) from None
        try:
            yield
        finally:
            lock.release()


def domains(project: Project) -> list[str]:
    """The catalogs' domains: each document's, and the page strings'."""
    names = project.slugs()
    if project.template_path(UI_DOMAIN).exists() and UI_DOMAIN not in names:
        names.append(UI_DOMAIN)
    return names


def source_path(project: Project, domain: str) -> Path | None:
    """The English source a catalog translates; None for the page strings."""
    return None if domain == UI_DOMAIN else project.source_dir / f"{domain}.md"


def source_bytes(project: Project, domain: str) -> bytes | None:
    """The English a catalog translates; None for the page strings."""
    path = source_path(project, domain)
    try:
        return None if path is None else path.read_bytes()
    except FileNotFoundError:
        return None
