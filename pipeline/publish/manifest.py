"""output/manifest.json: every file of a build with its kind, the build's
identifier and time, and the files earlier builds published that this one
does not, so a deploy script can delete them (pure functions)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
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


def build_id(files: list[dict]) -> str:
    """Names the site a build made: the same files with the same bytes give
    the same identifier, on any machine and at any time."""
    listing = "".join(f"{entry['path']}\0{entry['sha256']}\n" for entry in sorted(files, key=lambda e: e["path"]))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]


def previous_paths(previous: object) -> list[str]:
    """The files a previous manifest lists (a list of entries before builds
    had identifiers)."""
    entries = previous.get("files", []) if isinstance(previous, dict) else previous
    return [entry["path"] for entry in entries or [] if isinstance(entry, dict) and "path" in entry]


def manifest(files: list[dict], previous: object, time: dt.datetime) -> dict:
    """The manifest of a build whose files are `files` (each with its path,
    sha256 and what the build knows of it); `previous` is the manifest the
    output holds. `removed` accumulates: every file an earlier build of this
    output published (the previous manifest's files and its `removed`) that
    this one does not, so a deploy that skipped builds still deletes it. A
    build that makes the same site keeps the previous manifest, its time and
    its `removed` list: it is the same build."""
    files = [{**entry, "kind": file_kind(entry["path"])} for entry in files]
    identifier = build_id(files)
    if isinstance(previous, dict) and previous.get("build", {}).get("id") == identifier \
            and previous.get("files") == files:
        return previous
    listed = {entry["path"] for entry in files}
    earlier = previous.get("removed", []) if isinstance(previous, dict) else []
    return {"build": {"id": identifier, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ")},
            "files": files,
            "removed": sorted((set(previous_paths(previous)) | {p for p in earlier if isinstance(p, str)}) - listed)}


def manifest_bytes(data: dict) -> bytes:
    """The manifest as its file holds it: indented, with each file (and
    each removed path) on a line of its own. A library's manifest lists
    60,000 files, and json's indented encoder, written in Python, held
    about 375 MB of pieces to write them one key per line; written here a
    line at a time into one buffer."""
    out = io.BytesIO()
    for index, (key, value) in enumerate(data.items()):
        out.write(f"{',' if index else '{'}\n  {json.dumps(key, ensure_ascii=False)}: ".encode("utf-8"))
        if isinstance(value, list) and value:
            for number, item in enumerate(value):
                line = json.dumps(item, ensure_ascii=False, separators=(", ", ": "))
                out.write(f"{',' if number else '['}\n    {line}".encode("utf-8"))
            out.write(b"\n  ]")
        else:
            out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ").encode("utf-8"))
    out.write(b"\n}\n" if data else b"{}\n")
    return out.getvalue()


def manifest_files(documents: list[DocumentRecord], indexes: dict[str, tuple[str, int]]) -> list[dict]:
    """The manifest's entry for every file of the documents' pages and of
    the indexes (name -> sha256, size). An outdated translation names the
    English it matches."""
    files = []
    for d in documents:
        for p in d.pages:
            extra = {"matches_source_sha256": p.matches.source_sha256, "matches_updated": p.matches.updated,
                     "outdated_since": p.matches.outdated_since} if p.matches else {}
            files += [{"document": d.slug, "language": p.language, "status": p.status,
                       "source_sha256": d.source_sha256, "percent_translated": p.percent,
                       "review_status": p.review, **extra,
                       **({"catalog_sha256": p.catalog_sha256} if p.catalog_sha256 else {}),
                       "path": name, "sha256": f.sha256, "size": f.size}
                      for name, f in sorted(p.files.items())]
    files += [{"document": None, "language": None, "status": "index", "path": name, "sha256": sha256, "size": size}
              for name, (sha256, size) in sorted(indexes.items())]
    return files
