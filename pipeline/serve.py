"""`locpipe serve`: the built site and the review pages on 127.0.0.1,
rebuilt when a source, catalog, glossary, template or setting changes.

Pure parts first (what a request may read, what it must carry), then the
review pages and the HTTP server; the watcher and the builder are in
`watch.py`. Open pages learn of
each rebuild through server-sent events and reload; a build that fails
leaves the previous output in place and shows its error, with file and
line, on every page.

Security: the server listens on 127.0.0.1 only; every request must name it
as its Host (a web page on another name that resolves to 127.0.0.1, DNS
rebinding, gets 421); state changes only by POST with the session's token,
which only the server's own pages hold; files are served only from inside
the output folder, after decoding and resolving symlinks.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import LocpipeError, os_error_text
from .project import Project
from .watch import Workspace, start_rebuilding

ADDRESS = "127.0.0.1"
EVENTS = "/_locpipe/events"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                 ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".pdf": "application/pdf",
                 ".png": "image/png", ".svg": "image/svg+xml", ".css": "text/css; charset=utf-8"}
_REVIEW = re.compile(r"^/review/([A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*)/([^/]+?)(/sign)?$")


def allowed_host(host: str | None, port: int) -> bool:
    """Whether a request's Host names this server: 127.0.0.1 or localhost,
    with its port (which browsers leave out when it is 80, HTTP's own).
    Any other name, even one resolving here, is refused."""
    if host is None:
        return False
    names = (ADDRESS, "localhost")
    return host.lower() in {f"{name}:{port}" for name in names} | (set(names) if port == 80 else set())


def output_file(output: Path, url_path: str) -> Path | None:
    """The file of the output folder a URL path names, or None: never one
    outside it (`..`, encoded or not, an absolute path, a symlink leading
    out), never a hidden one (the build state), never a staged one."""
    path = unquote(url_path)
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    base = output.resolve()
    target = base.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if base not in resolved.parents or not resolved.is_file():
        return None
    return resolved


def same_token(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def reload_script(generation: int) -> str:
    """The script added to every page served: reload when a rebuild has
    finished, show the build error instead when it failed. A review page
    with a sign-off being typed is not reloaded; it says the files changed."""
    return ("<script>(function(){var seen=" + str(generation) + ";"
            "var box=document.getElementById('locpipe-build');"
            "if(!box){box=document.createElement('div');box.id='locpipe-build';box.setAttribute('role','alert');"
            "box.lang='en';box.dir='ltr';"
            "box.style.cssText='position:sticky;bottom:0;background:#fff3cd;color:#000;padding:.5em;"
            "font:1rem/1.4 monospace;white-space:pre-wrap;border-top:3px solid #8a6d00';"
            "box.hidden=true;document.body.appendChild(box);}"
            "var events=new EventSource('" + EVENTS + "');"
            "events.onmessage=function(m){var s=JSON.parse(m.data);"
            "if(s.error){box.textContent='Build failed; this is the previous page.\\n'+s.error;box.hidden=false;}"
            "else{box.hidden=true;}"
            "if(s.generation===seen||s.error){return;}"
            "var form=document.querySelector('form[data-dirty]');"
            "if(form){box.textContent='The files changed since this page was loaded: reload it to see the "
            "changes before you sign.';box.hidden=false;return;}"
            "location.reload();};})();</script>")


def with_reload(html: bytes, generation: int) -> bytes:
    script = reload_script(generation).encode("utf-8")
    at = html.rfind(b"</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


# -- the review pages -----------------------------------------------------------

def review_html(project: Project, language: str, document: str, token: str, show: str = "all",
                message: str = "", build_error: str = "", signed: str = "") -> bytes:
    """A document's review page in one language, from the files as they are
    now. `signed`, the translations digest of a sign-off just made, says
    "Signed off." while that sign-off is the one that holds."""
    from .glossary import read_glossary
    from .jobs import catalog_review, check_catalog, read_document_by_slug
    from .locales import bcp47, english_name, text_direction
    from .po import decode_catalog, parse_catalog
    from .render.html import environment
    from .review import sha256
    from .review_page import review_page
    from .review import REVIEWED, covered_units
    from .signoff import record_path, signoff_record
    path = project.catalog_path(document, language)
    shown = project.relative(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingCatalog(f"no catalog; run `locpipe init {language}`", shown) from None
    po = parse_catalog(decode_catalog(data, shown), shown)
    state = catalog_review(project, document, po)
    units, unknown = covered_units(signoff_record(project, document, language), state.signoff,
                                   project.relative(record_path(project, document, language)))
    page = review_page(read_document_by_slug(project, document), language, text_direction(language), po,
                       check_catalog(project, document, language, po, path), read_glossary(project, language),
                       units, state, shown, sha256(data), lambda text: readability_notes(text, language),
                       units_unknown=unknown)
    if signed and state.status == REVIEWED and state.signoff is not None and state.signoff.translations == signed:
        message = message or "Signed off."
    rows = [row for row in page.rows if show == "all" or show == "errors" and row.has_error
            or show == "fuzzy" and row.state == "fuzzy" or show == "changed" and row.changed]
    from .review import ROLES
    return environment().get_template("review/page.html").render(
        page=page, rows=rows, show=show, token=token, message=message, build_error=build_error,
        lang=bcp47(language), language_name=english_name(language), roles=ROLES).encode("utf-8")


def error_findings(project: Project, language: str, document: str) -> list[str]:
    """The check errors on a document's catalog, with file and line: why
    the build refused its page. None when the catalog cannot be read (the
    build error says why)."""
    from .jobs import check_catalog
    from .po import read_catalog
    path = project.catalog_path(document, language)
    try:
        po = read_catalog(path, project.relative(path))
        return [str(finding) for finding in check_catalog(project, document, language, po, path)
                if finding.severity == "error"]
    except (LocpipeError, OSError):
        return []


def readability_notes(text: str, language: str) -> tuple[str, ...]:
    """What the readability report says of a translated unit's sentences."""
    from .readability.analysis import unit_reading
    return tuple(f"{kind}: {message}" for kind, _, message in unit_reading(text, language).findings)


class MissingCatalog(LocpipeError):
    """A review page of a catalog not made yet: 404, with how to make it."""


@dataclass(frozen=True)
class IndexRow:
    """One catalog on the review index: its review state, or why it cannot
    be read now (a syntax error with file and line, a missing catalog)."""
    document: str
    language: str
    state: object = None  # review.ReviewState
    error: str = ""


def index_rows(project: Project) -> list[IndexRow]:
    """Every document in every language, one row each: a broken or missing
    catalog is a row with its error, never the end of the list."""
    from .jobs import catalog_review
    from .po import read_catalog
    rows = []
    for language in project.languages():
        for document in project.slugs():
            path = project.catalog_path(document, language)
            shown = project.relative(path)
            if not path.exists():
                rows.append(IndexRow(document, language, error=str(MissingCatalog(
                    f"no catalog; run `locpipe init {language}`", shown))))
                continue
            try:
                po = read_catalog(path, shown)
                rows.append(IndexRow(document, language, catalog_review(project, document, po)))
            except LocpipeError as exc:
                rows.append(IndexRow(document, language, error=str(exc)))
            except OSError as exc:
                rows.append(IndexRow(document, language, error=os_error_text(exc, shown)))
    return rows


def review_index_html(project: Project, build_error: str = "") -> bytes:
    from .locales import english_name
    from .render.html import environment
    return environment().get_template("review/index.html").render(
        rows=index_rows(project), language_name=english_name, build_error=build_error).encode("utf-8")


# -- the server ---------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server_version = "locpipe"
    workspace: Workspace  # set on the class made for each server

    def log_message(self, format, *args) -> None:  # one line per request would bury the build messages
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("X-Frame-Options", "DENY")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        self._send(status, f"{status.value} {status.phrase}: {why}\n".encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        if allowed_host(self.headers.get("Host"), self.workspace.port):
            return True
        self._refuse(HTTPStatus.MISDIRECTED_REQUEST, f"this server answers to {ADDRESS}:{self.workspace.port} only")
        return False

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        workspace = self.workspace
        if url.path == EVENTS:
            return self._events()
        try:
            if url.path in ("/review", "/review/"):
                return self._html(review_index_html(workspace.project, workspace.state.error))
            found = _REVIEW.match(url.path)
            if found and not found.group(3):
                language, document = self._review_target(found)
                if language is None:
                    return
                show = parse_qs(url.query).get("show", ["all"])[0]
                signed = parse_qs(url.query).get("signed", [""])[0]
                return self._html(review_html(workspace.project, language, document, workspace.token,
                                              show if show in ("all", "errors", "fuzzy", "changed") else "all",
                                              build_error=workspace.state.error, signed=signed))
        except MissingCatalog as exc:
            return self._error(HTTPStatus.NOT_FOUND, str(exc))
        except LocpipeError as exc:
            return self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc))
        except OSError as exc:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, os_error_text(exc))
        target = output_file(workspace.project.output_dir, url.path)
        if target is None and url.path == "/favicon.ico":  # the site has none; a 404 is a console error
            return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        if target is None:
            refused = workspace.refused.get(url.path.removesuffix(".html"))
            if refused:
                language, document = url.path.removesuffix(".html").strip("/").split("/", 1)
                lines = "\n".join(error_findings(workspace.project, language, document))
                return self._error(HTTPStatus.NOT_FOUND, f"the last build refused this page: {refused}"
                                   + (f"\n{lines}" if lines else ""), "This page was refused")
            if url.path.endswith(("/", ".html")):
                return self._error(HTTPStatus.NOT_FOUND, "no such page in the output folder", "No such page")
            return self._refuse(HTTPStatus.NOT_FOUND, "no such page in the output folder")
        try:
            body = target.read_bytes()
        except OSError as exc:  # removed by a rebuild since it was found
            return self._error(HTTPStatus.NOT_FOUND, os_error_text(exc, url.path), "No such page")
        if target.suffix == ".html":
            body = with_reload(body, workspace.state.generation)
        self._send(HTTPStatus.OK, body, CONTENT_TYPES.get(target.suffix, "application/octet-stream"))

    def _html(self, body: bytes, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, with_reload(body, self.workspace.state.generation))

    def _error(self, status: HTTPStatus, message: str, title: str = "Cannot show this page") -> None:
        """An error as a page that reloads itself after the next build, so
        that it recovers once the file is fixed."""
        self._html(_error_page(message, title, self.workspace.state.error), status)

    def _review_target(self, found) -> tuple[str | None, str]:
        project = self.workspace.project
        language, document = found.group(1), unquote(found.group(2))
        if language not in project.languages() or document not in project.slugs():
            self._refuse(HTTPStatus.NOT_FOUND, "no such document or language in this project")
            return None, document
        return language, document

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        found = _REVIEW.match(url.path)
        if not found or not found.group(3):
            return self._refuse(HTTPStatus.NOT_FOUND, "nothing to post to here")
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            return self._refuse(HTTPStatus.LENGTH_REQUIRED, "a sign-off says how long it is")
        if int(length) > 65536:
            return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "a sign-off is a few lines")
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(int(length)).decode("utf-8", "replace"),
                                                           keep_blank_values=True).items()}
        origin = self.headers.get("Origin")
        if origin is not None and not allowed_host(origin.removeprefix("http://"), self.workspace.port):
            return self._refuse(HTTPStatus.FORBIDDEN, "a sign-off is posted from this server's own pages only")
        if not same_token(form.get("token"), self.workspace.token):
            return self._refuse(HTTPStatus.FORBIDDEN, "the session token is missing or wrong; "
                                "reload the review page from this server")
        language, document = self._review_target(found)
        if language is None:
            return
        from .signoff import sign
        try:
            result = sign(self.workspace.project, language, document, form.get("by", ""), form.get("role", ""),
                 form.get("comment", ""), form.get("seen", ""))
        except (LocpipeError, OSError) as exc:
            why = str(exc) if isinstance(exc, LocpipeError) else os_error_text(exc)
            status = (HTTPStatus.CONFLICT if isinstance(exc, LocpipeError) and "changed on disk" in exc.message
                      else HTTPStatus.NOT_FOUND if isinstance(exc, LocpipeError) and exc.message.startswith("no catalog")
                      else HTTPStatus.UNPROCESSABLE_ENTITY)
            try:
                page = review_html(self.workspace.project, language, document, self.workspace.token, message=why)
            except (LocpipeError, OSError) as again:
                shown = str(again) if isinstance(again, LocpipeError) else os_error_text(again)
                message = why if shown == why else f"Not signed off: {why}\n{shown}"
                return self._error(status, message, "Not signed off")
            return self._html(page, status)
        self._send(HTTPStatus.SEE_OTHER, b"", headers={
            "Location": f"/review/{language}/{document}?signed={result.signoff.translations}"})

    def _events(self) -> None:
        """Server-sent events: the build state now, then at each rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        workspace = self.workspace
        sent = None
        try:
            while not workspace.stopping.is_set():
                with workspace.changed:
                    if sent == workspace.state.generation:
                        workspace.changed.wait(timeout=15)
                    status = workspace.status()
                if status["generation"] == sent:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(f"retry: 500\ndata: {json.dumps(status)}\n\n".encode("utf-8"))
                    sent = status["generation"]
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _error_page(message: str, title: str = "Cannot show this page", build_error: str = "") -> bytes:
    from html import escape
    failed = (f'<p>The last build failed:</p><pre>{escape(build_error)}</pre>'
              if build_error and build_error not in message else "")
    return (f'<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'</head><body><main><h1>{escape(title)}</h1><pre>{escape(message)}</pre>{failed}'
            '<p>This page reloads itself when the files change. '
            '<a href="/review/">Reviews</a> · <a href="/">The built site</a></p></main></body></html>').encode("utf-8")


def serve(project: Project, port: int = 8000, ready=None) -> int:
    """Serve until interrupted. `ready(server)` is called once listening."""
    workspace = Workspace(project, port)
    handler = type("WorkspaceHandler", (Handler,), {"workspace": workspace})
    try:
        server = ThreadingHTTPServer((ADDRESS, port), handler)
    except OSError as exc:
        raise LocpipeError(f"cannot listen on {ADDRESS}:{port}: {exc.strerror or exc}; try --port") from None
    server.daemon_threads = True
    workspace.port = server.server_address[1]
    start_rebuilding(workspace)
    print(f"serving {project.relative(project.output_dir)}/ and the review pages on "
          f"http://{ADDRESS}:{workspace.port}/ (review: http://{ADDRESS}:{workspace.port}/review/); "
          "Ctrl-C stops", flush=True)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        workspace.stopping.set()
        with workspace.changed:
            workspace.changed.notify_all()
        server.server_close()
    return 0
