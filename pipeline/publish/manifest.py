"""output/manifest.json: every file of a build with its kind, the build's
identifier and time, and the files earlier builds published that this one
does not, so a deploy script can delete them (pure functions)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .state import DocumentRecord

REPORTS = "reports/"  # reviewers' readability reports: not part of the site


def file_kind(path: str) -> str:
    """page, text, pdf, report, index or sitemap."""
    if path.startswith(REPORTS):
        return "report"
    if path == "sitemap.xml":
        return "sitemap"
    if "/" not in path:
        return "index"
    return {".html": "page", ".txt": "text", ".pdf": "pdf"}.get(path[path.rfind("."):], "page")


def build_time(epoch: str | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now."""
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def build_id(files: Iterable[dict]) -> str:
    """Names the site a build made: the same files with the same bytes give
    the same identifier, on any machine and at any time."""
    return _identifier([(entry["path"], entry["sha256"]) for entry in files])


def _identifier(pairs: list[tuple[str, str]]) -> str:
    listing = "".join(f"{path}\0{sha256}\n" for path, sha256 in sorted(pairs, key=lambda pair: pair[0]))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]


def previous_paths(previous: object) -> list[str]:
    """The files a previous manifest lists (a list of entries before builds
    had identifiers)."""
    entries = previous.get("files", []) if isinstance(previous, dict) else previous
    return [entry["path"] for entry in entries or [] if isinstance(entry, dict) and output_name(entry.get("path"))]


def output_name(name: object) -> bool:
    """A name of a file inside the output, as a manifest lists it
    ("es/x.html"): a path edited into a manifest that leads out of it
    ("../pyproject.toml", "/etc/hostname") is never carried into the next
    manifest's `removed`, which a deployment deletes."""
    return isinstance(name, str) and "\\" not in name and "\0" not in name and \
        all(part not in ("", ".", "..") for part in name.split("/"))


@dataclass
class PreviousManifest:
    """What a build needs of the manifest the output holds: its build, the
    paths it lists as files and as removed, and its bytes. Read without
    holding its entries: a library's manifest lists 60,000 files, which
    json.loads makes about 150 MB of dicts."""

    build: dict = field(default_factory=dict)
    paths: set[str] = field(default_factory=set)
    removed: list[str] = field(default_factory=list)
    data: bytes = b""


def read_previous(data: bytes) -> PreviousManifest:
    """The previous manifest from its bytes: a line at a time where it has
    the layout `manifest_bytes` writes, else parsed whole (a manifest of an
    older locpipe, or edited by hand); empty where it is no manifest."""
    try:
        return _read_lines(data) if data.startswith(b'{\n  "build": ') else _read_whole(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        try:
            return _read_whole(data)
        except (ValueError, TypeError, AttributeError):
            return PreviousManifest()


def _read_whole(data: bytes) -> PreviousManifest:
    parsed = json.loads(data)
    if not isinstance(parsed, (dict, list)):
        return PreviousManifest()
    earlier = parsed.get("removed", []) if isinstance(parsed, dict) else []
    build = parsed.get("build", {}) if isinstance(parsed, dict) else {}
    return PreviousManifest(build if isinstance(build, dict) else {}, set(previous_paths(parsed)),
                            [p for p in earlier if output_name(p)] if isinstance(earlier, list) else [], data)


def _read_lines(data: bytes) -> PreviousManifest:
    """One JSON value per line of the files and removed lists; the build's
    lines up to the files'. Anything else is a ValueError (read whole)."""
    head, _, rest = data.partition(b'\n  "files": [')
    build = json.loads(head[len(b'{\n  "build": '):].rstrip(b",")) if rest else None
    if not isinstance(build, dict):
        raise ValueError("no build")
    previous, section = PreviousManifest(build, data=data), "files"
    for line in io.BytesIO(rest):
        line = line.strip().rstrip(b",")
        if line in (b"", b"]", b"}"):
            continue
        if line.startswith(b'"removed": ['):
            section = "removed"
            if line.endswith(b"[]"):
                continue
            if line != b'"removed": [':
                raise ValueError(line)
            continue
        value = json.loads(line)
        if section == "files":
            if output_name(value["path"]):  # a path only: one edited into a number, or out of the output, is none
                previous.paths.add(value["path"])
        elif output_name(value):
            previous.removed.append(value)
    return previous


def manifest_entries(documents: list[DocumentRecord], indexes: dict[str, tuple[str, int]]) -> Iterator[dict]:
    """The manifest's entry for every file of the documents' pages and of
    the indexes (name -> sha256, size), one at a time. An outdated
    translation names the English it matches."""
    for d in documents:
        for p in d.pages:
            extra = {"matches_source_sha256": p.matches.source_sha256, "matches_updated": p.matches.updated,
                     "outdated_since": p.matches.outdated_since} if p.matches else {}
            for name, f in sorted(p.files.items()):
                yield {"document": d.slug, "language": p.language, "status": p.status,
                       "source_sha256": d.source_sha256, "percent_translated": p.percent,
                       "review_status": p.review, **extra,
                       **({"catalog_sha256": p.catalog_sha256} if p.catalog_sha256 else {}),
                       "path": name, "sha256": f.sha256, "size": f.size, "kind": file_kind(name)}
    for name, (sha256, size) in sorted(indexes.items()):
        yield {"document": None, "language": None, "status": "index", "path": name, "sha256": sha256, "size": size,
               "kind": file_kind(name)}


def manifest_pairs(documents: list[DocumentRecord], indexes: dict[str, tuple[str, int]]) -> Iterator[tuple[str, str]]:
    """(path, sha256) of every entry manifest_entries gives, in its order,
    without making the entries: what the build's identifier is made of."""
    for d in documents:
        for p in d.pages:
            for name, f in sorted(p.files.items()):
                yield name, f.sha256
    for name, (sha256, _) in sorted(indexes.items()):
        yield name, sha256


@dataclass
class DocumentEntries:
    """The manifest's part that the documents make, ready before the index
    files are: their entries as the files list writes them, their (path,
    sha256) pairs in the same order, and what the manifest needs of the
    manifest the output holds. Made in another process while this one
    renders the indexes, and small to hand back: the previous manifest's
    bytes as their digest, its paths as those no document lists now."""

    lines: bytes
    pairs: list[tuple[str, str]]
    previous_build: dict
    previous_removed: list[str]
    previous_sha256: str
    earlier: set[str]  # the previous manifest's files and removed files that no document lists


def document_entries(documents: list[DocumentRecord], previous: bytes) -> DocumentEntries:
    """The documents' part of the manifest; `previous`, the bytes of the
    manifest the output holds."""
    pairs = list(manifest_pairs(documents, {}))
    read = read_previous(previous)
    listed = {path for path, _ in pairs}
    return DocumentEntries(_lines(manifest_entries(documents, {})), pairs, read.build, read.removed,
                           hashlib.sha256(read.data).hexdigest(), (read.paths | set(read.removed)) - listed)


def _lines(entries: Iterable[dict]) -> bytes:
    return ",\n    ".join(map(_encode_line, entries)).encode("utf-8")


@dataclass
class EncodedEntries:
    """Entries of a list of the manifest, encoded as `manifest_bytes`
    writes them."""

    lines: bytes


def manifest(documents: DocumentEntries, indexes: dict[str, tuple[str, int]], time: dt.datetime) -> bytes:
    """The manifest of a build whose documents' part is `documents` and
    whose index files are `indexes` (name -> sha256, size); its entries are
    the documents' and then the index files'.
    `removed` accumulates: every file an earlier build of this output
    published (the previous manifest's files and its `removed`) that this
    one does not, so a deploy that skipped builds still deletes it. A build
    that makes the same site keeps the previous manifest, its time and its
    `removed` list: it is the same build."""
    pairs = documents.pairs + [pair for pair in manifest_pairs([], indexes)]
    index_lines = _lines(manifest_entries([], indexes))
    files = EncodedEntries(b",\n    ".join(part for part in (documents.lines, index_lines) if part))
    identifier = _identifier(pairs)
    if documents.previous_build.get("id") == identifier:
        same = manifest_bytes({"build": documents.previous_build, "files": files,
                               "removed": documents.previous_removed})
        if hashlib.sha256(same).hexdigest() == documents.previous_sha256:
            return same
    removed = sorted(documents.earlier - set(indexes))
    return manifest_bytes({"build": {"id": identifier, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ")},
                           "files": files, "removed": removed})


_encode_line = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # one encoder, not one a line


def manifest_bytes(data: dict) -> bytes:
    """The manifest as its file holds it: indented, with each file (and
    each removed path) on a line of its own. A library's manifest lists
    60,000 files, and json's indented encoder, written in Python, held
    about 375 MB of pieces to write them one key per line; written here a
    line at a time into one buffer, from lists or iterators."""
    out = io.BytesIO()
    for index, (key, value) in enumerate(data.items()):
        out.write(f"{',' if index else '{'}\n  {json.dumps(key, ensure_ascii=False)}: ".encode("utf-8"))
        if isinstance(value, EncodedEntries):
            out.write(b"[\n    " + value.lines + b"\n  ]" if value.lines else b"[]")
        elif isinstance(value, (list, Iterator)):
            number = -1
            for number, item in enumerate(value):
                line = _encode_line(item)
                out.write(f"{',' if number else '['}\n    {line}".encode("utf-8"))
            out.write(b"\n  ]" if number >= 0 else b"[]")
        else:
            out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ").encode("utf-8"))
    out.write(b"\n}\n" if data else b"{}\n")
    return out.getvalue()
