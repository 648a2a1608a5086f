"""`locpipe serve`: the site and review pages on 127.0.0.1, rebuilt and
reloaded when files change; the Host check, the session token and the
output folder's walls."""

from __future__ import annotations

import http.client
import json
import time

import polib
import pytest

from conftest import SOURCE_DATE_EPOCH, copy_bundled_project, serving, tree_checksums
from pipeline.serve import allowed_host, output_file

SLUG = "cytokine-release-syndrome"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_bundled_project(tmp_path_factory.mktemp("serve") / "project", '["es", "ar"]')
    with pytest.MonkeyPatch.context() as patch:  # builds run in the server's thread, between tests too
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        with serving(root) as (port, workspace):
            yield root, port, workspace


def request(port: int, method: str, path: str, host: str | None = None, body: str | None = None,
            origin: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}", **({"Origin": origin} if origin else {})}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    data = body.encode("utf-8") if body is not None else b""
    connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    return response.status, response.read()


def wait_for_generation(workspace, after: int, timeout: float = 60) -> float:
    """Seconds until a rebuild after generation `after` finished."""
    started = time.monotonic()
    while workspace.state.generation <= after:
        assert time.monotonic() - started < timeout, "no rebuild"
        time.sleep(0.02)
    return time.monotonic() - started


def test_pages_are_served_with_the_script_that_reloads_them(served):
    root, port, _ = served
    status, body = request(port, "GET", f"/es/{SLUG}.html")
    assert status == 200 and b"Escalofr\xc3\xados" in body
    assert b"new EventSource('/_locpipe/events')" in body and body.rstrip().endswith(b"</html>")
    assert b"box.lang='en';box.dir='ltr';" in body  # the build's message is English on every page
    assert (root / "output" / "es" / f"{SLUG}.html").read_bytes() in body.replace(
        body[body.index(b"<script>(function(){var seen"):body.index(b"</script></body>") + 9], b"")


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "localhost", "127.0.0.1.nip.io:{port}",
                                  "[::1]:{port}"])
def test_a_request_for_another_host_is_refused(served, host):
    _, port, _ = served
    status, body = request(port, "GET", "/index.html", host=host.format(port=port))
    assert status == 421 and b"answers to 127.0.0.1" in body


def test_host_check_names_only_this_server():
    assert allowed_host("127.0.0.1:8000", 8000) and allowed_host("localhost:8000", 8000)
    assert not allowed_host(None, 8000) and not allowed_host("127.0.0.1", 8000)
    assert not allowed_host("attacker.example:8000", 8000)
    assert allowed_host("LOCALHOST:8000", 8000) and not allowed_host("localhost", 8080)
    assert allowed_host("localhost", 80) and allowed_host("127.0.0.1", 80) and allowed_host("127.0.0.1:80", 80)
    assert not allowed_host("evil.example", 80)


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_refused_cleanly(bundled_project, capsys, port):
    from conftest import run
    with pytest.raises(SystemExit) as exited:
        run(bundled_project, "serve", "--port", port)
    assert exited.value.code == 2
    assert "is not a port number (0 to 65535" in capsys.readouterr().err


@pytest.mark.parametrize("path", [
    "/../pyproject.toml", "/%2e%2e/pyproject.toml", "/%2E%2E%2Fpyproject.toml", "/es/..%2f..%2fpyproject.toml",
    "/%252e%252e/pyproject.toml", "//etc/passwd", "/%2Fetc%2Fpasswd", "/..%5cpyproject.toml",
    "/.locpipe-build.json", "/es/%00.html", "/outside/passwd", "/outside-file",
])
def test_nothing_outside_the_output_folder_is_served(served, path):
    root, port, _ = served
    output = root / "output"
    if not (output / "outside").is_symlink():
        (output / "outside").symlink_to("/etc")
        (output / "outside-file").symlink_to(root / "pyproject.toml")
    status, body = request(port, "GET", path)
    assert status == 404
    assert b"root:" not in body and b"[tool.locpipe]" not in body


def test_output_file_resolves_inside_the_folder_only(tmp_path):
    output = tmp_path / "output"
    (output / "es").mkdir(parents=True)
    (output / "es" / "a.html").write_text("a")
    (output / "index.html").write_text("i")
    (tmp_path / "secret").write_text("s")
    (output / "link").symlink_to(tmp_path / "secret")
    assert output_file(output, "/es/a.html") == (output / "es" / "a.html").resolve()
    assert output_file(output, "/") == (output / "index.html").resolve()
    for path in ("/../secret", "/%2e%2e/secret", "/link", "secret", "/es/../../secret"):
        assert output_file(output, path) is None, path


def test_a_sign_off_needs_a_post_with_the_session_token(served):
    root, port, workspace = served
    before = tree_checksums(root / "locale")
    path = f"/review/es/{SLUG}/sign"
    assert request(port, "GET", path + "?by=Mallory&role=medical")[0] == 404
    form = "by=Mallory&role=medical&seen=x"
    status, body = request(port, "POST", path, body=form)
    assert status == 403 and b"session token is missing or wrong" in body
    assert request(port, "POST", path, body=form + "&token=guess")[0] == 403
    assert request(port, "POST", path, host="evil.example:%d" % port, body=form + f"&token={workspace.token}")[0] == 421
    status, body = request(port, "POST", path, body=form + f"&token={workspace.token}",
                           origin="http://evil.example")
    assert status == 403 and b"this server's own pages only" in body
    status, body = request(port, "POST", path, body=form + f"&token={workspace.token}",
                           origin=f"http://127.0.0.1:{port}")
    assert status == 409 and b"changed on disk since the page was loaded; reload the page" in body
    assert tree_checksums(root / "locale") == before


def test_a_post_without_a_length_is_refused_without_waiting(served):
    _, port, _ = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST", f"/review/es/{SLUG}/sign", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{port}")
    connection.putheader("Content-Length", "-1")
    connection.endheaders()
    assert connection.getresponse().status == 411


def test_the_review_page_carries_the_token_and_the_catalog_it_shows(served):
    root, port, workspace = served
    status, body = request(port, "GET", f"/review/ar/{SLUG}")
    assert status == 200
    assert f'name="token" value="{workspace.token}"'.encode() in body
    assert b'lang="ar" dir="rtl"' in body and b'lang="en" dir="ltr"' in body
    assert "(<bdi dir=\"auto\">Core of «متلازمة".encode() in body  # a glossary note, isolated
    assert request(port, "GET", f"/review/fr/{SLUG}")[0] == 404
    assert request(port, "GET", "/review/es/..%2F..%2Fpyproject")[0] == 404


def test_a_saved_translation_reloads_open_pages(served):
    root, port, workspace = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/_locpipe/events", headers={"Host": f"127.0.0.1:{port}"})
    events = connection.getresponse()
    assert events.headers["Content-Type"] == "text/event-stream"

    def next_event() -> dict:
        while True:
            line = events.fp.readline().decode("utf-8")
            if line.startswith("data: "):
                return json.loads(line[6:])

    first = next_event()
    assert first == workspace.status()
    catalog = root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    saved = catalog.read_text(encoding="utf-8")
    catalog.write_text(saved.replace('msgstr "Escalofríos"', 'msgstr "Escalofríos fuertes"'), encoding="utf-8")
    changed = time.monotonic()
    event = next_event()
    latency = time.monotonic() - changed
    assert event["generation"] > first["generation"] and event["error"] == ""
    status, body = request(port, "GET", f"/es/{SLUG}.html")
    assert "Escalofríos fuertes".encode() in body
    print(f"saved .po to reload event: {latency:.2f} s")
    connection.close()
    generation = workspace.state.generation
    catalog.write_text(saved, encoding="utf-8")
    wait_for_generation(workspace, generation)


def test_a_failed_build_is_shown_and_the_previous_page_stays(served):
    root, port, workspace = served
    source = root / "source" / f"{SLUG}.md"
    saved = source.read_text(encoding="utf-8")
    _, page = request(port, "GET", f"/en/{SLUG}.html")
    generation = workspace.state.generation
    source.write_text(saved.replace("  - Chills", "  - Chills <b>now</b>"), encoding="utf-8")
    wait_for_generation(workspace, generation)
    error = workspace.state.error
    assert error.startswith(f"source/{SLUG}.md:69: error:"), error
    status, body = request(port, "GET", f"/en/{SLUG}.html")
    assert status == 200 and b"Chills" in body and b"<b>now</b>" not in body
    assert page[:page.index(b"<script>(function(){var seen")] == body[:body.index(b"<script>(function(){var seen")]
    _, review = request(port, "GET", "/review/")
    assert b"The last build failed" in review and f"source/{SLUG}.md:69".encode() in review
    generation = workspace.state.generation
    source.write_text(saved, encoding="utf-8")
    wait_for_generation(workspace, generation)
    assert workspace.state.error == ""


def test_the_server_listens_on_127_0_0_1_only(served):
    _, port, _ = served
    import socket
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for address in addresses:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=2).close()


def _replace_and_wait(workspace, path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    generation = workspace.state.generation
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    wait_for_generation(workspace, generation)


RELOADS = b"new EventSource('/_locpipe/events')"


def test_a_broken_catalog_is_a_row_with_its_error_and_its_pages_recover(served):
    root, port, workspace = served
    catalog = root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    saved = catalog.read_text(encoding="utf-8")
    line = saved[:saved.index('msgstr "Escalofríos"')].count("\n") + 1
    _replace_and_wait(workspace, catalog, 'msgstr "Escalofríos"', 'msgstr "Escalofríos')
    try:
        where = f"locale/es/LC_MESSAGES/{SLUG}.po:{line}: error:".encode()
        status, index = request(port, "GET", "/review/")
        assert status == 200 and where in index and RELOADS in index
        assert index.count(b"<tr><td>") == 2 and f'href="/review/ar/{SLUG}"'.encode() in index
        status, page = request(port, "GET", f"/review/es/{SLUG}")
        assert status == 422 and where in page and RELOADS in page
        assert request(port, "GET", f"/review/ar/{SLUG}")[0] == 200
        form = f"by=Ana&role=medical&seen=x&token={workspace.token}"
        status, page = request(port, "POST", f"/review/es/{SLUG}/sign", body=form)
        assert status in (409, 422) and where in page and RELOADS in page
    finally:
        _replace_and_wait(workspace, catalog, 'msgstr "Escalofríos\n', 'msgstr "Escalofríos"\n')
    assert catalog.read_text(encoding="utf-8") == saved
    assert request(port, "GET", f"/review/es/{SLUG}")[0] == 200


def test_a_missing_catalog_is_a_page_saying_how_to_make_it(served):
    root, port, workspace = served
    catalog = root / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    moved = catalog.with_name("moved-away.txt")
    generation = workspace.state.generation
    catalog.rename(moved)
    try:
        wait_for_generation(workspace, generation)
        status, page = request(port, "GET", f"/review/ar/{SLUG}")
        assert status == 404 and b"no catalog; run `locpipe init ar`" in page and RELOADS in page
        form = f"by=Ana&role=medical&seen=x&token={workspace.token}"
        status, page = request(port, "POST", f"/review/ar/{SLUG}/sign", body=form)
        assert status == 404 and b"no catalog; run `locpipe init ar`" in page and RELOADS in page
        status, index = request(port, "GET", "/review/")
        assert status == 200 and f"locale/ar/LC_MESSAGES/{SLUG}.po: error: no catalog".encode() in index
    finally:
        generation = workspace.state.generation
        moved.rename(catalog)
        wait_for_generation(workspace, generation)


def test_a_page_the_build_refused_says_why_and_reloads(served):
    root, port, workspace = served
    catalog = root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    _replace_and_wait(workspace, catalog, 'msgstr "Escalofríos"', 'msgstr "Escalofríos 3"')
    try:
        status, page = request(port, "GET", f"/es/{SLUG}.html")
        assert status == 404 and b"the last build refused this page" in page
        assert f"locale/es/LC_MESSAGES/{SLUG}.po:".encode() in page and b": error: number" in page
        assert RELOADS in page
    finally:
        _replace_and_wait(workspace, catalog, 'msgstr "Escalofríos 3"', 'msgstr "Escalofríos"')
    assert request(port, "GET", f"/es/{SLUG}.html")[0] == 200


def test_changed_settings_are_read_again_and_a_settings_error_is_shown(served, capsys):
    root, port, workspace = served
    settings = root / "pyproject.toml"
    saved = settings.read_text(encoding="utf-8")
    _replace_and_wait(workspace, settings, "require_review = false", "require_review = true")
    try:
        assert workspace.state.error == ""
        status, page = request(port, "GET", f"/es/{SLUG}.html")
        assert status == 404 and b"not reviewed" in page and RELOADS in page
        line = saved[:saved.index("require_review")].count("\n") + 1
        _replace_and_wait(workspace, settings, "require_review = true", "require_review = = true")
        assert f"pyproject.toml:{line}: error: invalid TOML".encode() in request(port, "GET", "/review/")[1]
        assert f"pyproject.toml:{line}: error: invalid TOML" in workspace.state.error
        said = _said_after(capsys, "invalid TOML")
        shown = [said_line for said_line in said.splitlines() if "invalid TOML" in said_line]
        assert shown and shown[0].startswith("not rebuilt: ") and f"pyproject.toml:{line}: error:" in shown[0]
    finally:
        generation = workspace.state.generation
        settings.write_text(saved, encoding="utf-8")
        wait_for_generation(workspace, generation)
    assert workspace.state.error == "" and request(port, "GET", f"/es/{SLUG}.html")[0] == 200


def _said_after(capsys, words: str, timeout: float = 10) -> str:
    """What the server printed once it printed `words` (its builder thread
    prints after the build's state is set)."""
    said, started = "", time.monotonic()
    while words not in said and time.monotonic() - started < timeout:
        said += capsys.readouterr().err
        time.sleep(0.02)
    return said


def test_changed_units_are_unknown_without_the_sign_off_record_that_matches(served):
    import re
    root, port, workspace = served
    catalog = root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    record = catalog.with_suffix(".review.json")
    saved = catalog.read_bytes()
    _, page = request(port, "GET", f"/review/es/{SLUG}")
    seen = re.search(rb'name="seen" value="([0-9a-f]{64})"', page).group(1).decode()
    generation = workspace.state.generation
    status, _ = request(port, "POST", f"/review/es/{SLUG}/sign",
                        body=f"by=Ana&role=medical&seen={seen}&token={workspace.token}")
    assert status == 303 and record.exists()
    try:
        wait_for_generation(workspace, generation)
        digest = polib.pofile(str(catalog)).metadata["X-Reviewed-Translations"]
        assert b"Signed off." in request(port, "GET", f"/review/es/{SLUG}?signed={digest}")[1]
        assert b"Signed off." not in request(port, "GET", f"/review/es/{SLUG}?signed=1")[1]
        _replace_and_wait(workspace, catalog, 'msgstr "Escalofríos"', 'msgstr "Escalofríos fuertes"')
        assert b"Signed off." not in request(port, "GET", f"/review/es/{SLUG}?signed={digest}")[1]

        def summary() -> str:
            _, page = request(port, "GET", f"/review/es/{SLUG}?show=changed")
            text = page.decode("utf-8")
            return text[text.index("<p>Catalog"):text.index("</p>", text.index("<p>Catalog"))]

        assert "translations changed since" in summary() and ", 1 changed since the last sign-off" in summary()
        record.rename(record.with_name("away.json"))
        shown = f"locale/es/LC_MESSAGES/{SLUG}.review.json"
        assert (f"which units changed since the last sign-off is unknown (the sign-off record {shown} is missing)"
                in summary()) and " 0 changed" not in summary()
        stale = json.loads(record.with_name("away.json").read_text(encoding="utf-8"))
        stale["units"] = stale["units"][1:]  # a record of another sign-off
        record.write_text(json.dumps(stale), encoding="utf-8")
        assert f"the sign-off record {shown} is not the record of this catalog&#39;s sign-off" in summary()
    finally:
        record.unlink(missing_ok=True)
        record.with_name("away.json").unlink(missing_ok=True)
        generation = workspace.state.generation
        catalog.write_bytes(saved)
        wait_for_generation(workspace, generation)
