"""In Chromium: the dashboard loads its hashed CSS and JS, fonts and icons, compressed, with nothing failing."""
import re

import pytest

pytestmark = pytest.mark.e2e

HASHED = re.compile(r"/static/.+\.[0-9a-f]{12}\.(css|js)$")


def test_dashboard_loads_hashed_assets_fonts_and_icons(page, live_server, login, member):
    responses = []
    page.on("response", lambda response: responses.append(response))
    login(page, member.email)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.fonts.ready.then(() => document.fonts.status)") == "loaded"

    static = {r.url.removeprefix(live_server.url): r for r in responses if "/static/" in r.url}
    hashed = {url: r for url, r in static.items() if HASHED.search(url)}
    assert {re.sub(r"\.[0-9a-f]{12}", "", url) for url in hashed} >= {
        "/static/dkfds/css/dkfds.min.css", "/static/css/forum.css", "/static/dkfds/js/dkfds.min.js",
        "/static/js/forum.js"}
    for url, response in hashed.items():
        assert response.status == 200, url
        headers = response.all_headers()
        assert headers["cache-control"] == "public, max-age=31536000, immutable", url
        assert headers.get("content-encoding") in ("gzip", "br"), url  # Chromium asks for both
    fonts = [url for url in static if "/dkfds/fonts/" in url]
    assert fonts and all(static[url].status == 200 for url in fonts)

    # The design system's stylesheet was applied (its font and its icons, found through ../fonts and ../img).
    assert "IBM Plex Sans" in page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert page.evaluate("() => document.fonts.check('16px \"IBM Plex Sans\"')")
    # The dashboard HTML itself came compressed: the browser sent Sec-Fetch-Site for its own navigation.
    document = next(r for r in responses if r.url.rstrip("/") == live_server.url and r.request.resource_type == "document")
    assert document.all_headers().get("content-encoding") in ("gzip", "br")
    page.screenshot(path="/tmp/assets-dashboard.png", full_page=True)
