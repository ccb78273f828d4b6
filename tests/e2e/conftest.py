"""Browser tests: a real server on a free loopback port, driven in Debian's Chromium."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests import factories

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM = "/usr/bin/chromium"

# Collects Content-Security-Policy violations and uncaught errors on every page.
WATCHDOG = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "viewport": {"width": 1280, "height": 900}}


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


def _superseded(request) -> bool:
    """A request the browser itself dropped, not one that failed: a navigation replaced by the
    next one (a click right after a submit), or a preview fetch the page cancelled by going on."""
    return "ERR_ABORTED" in (request.failure or "")


@pytest.fixture
def page(page, live_server):
    """A page that fails the test on any CSP violation, JavaScript error or dialog."""
    problems = []
    page.add_init_script(WATCHDOG)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog fired: {dialog.message}"), dialog.dismiss()))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} ({request.failure})")
            if request.url.startswith(live_server.url) and not _superseded(request) else None)
    page.set_default_timeout(10_000)
    yield page
    try:
        violations = page.evaluate("() => window.__violations || []")
    except Exception:  # noqa: BLE001 - the page may be closed already
        violations = []
    problems.extend(f"CSP violation: {v}" for v in violations)
    assert not problems, problems


@pytest.fixture
def login(live_server):
    def log_in(page, email, password=factories.PASSWORD):
        page.goto(f"{live_server.url}/login")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()
        assert "/login" not in page.url, f"login as {email} failed"

    return log_in


@pytest.fixture
def axe_violations():
    """Serious and critical axe-core violations on the current page."""
    def audit(page):
        page.evaluate(AXE_SOURCE)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return audit
