"""Static files under hashed names, cache headers and compression (test client)."""
import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli
import pytest

from tests import factories

STATIC = Path(__file__).resolve().parents[2] / "forum" / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')
BROWSING = {"Sec-Fetch-Site": "same-origin"}  # what a browser sends when a member follows a link


def _hashed_links(page: str) -> list[str]:
    return HASHED_LINK.findall(page)


def _link_to(client, name: str) -> str:
    """The URL the dashboard uses for static file `name` (e.g. css/forum.css)."""
    stem, _, suffix = name.rpartition(".")
    pattern = re.compile(rf"/static/{re.escape(stem)}\.[0-9a-f]{{12}}\.{suffix}")
    page = client.get("/").get_data(as_text=True)
    match = pattern.search(page)
    assert match, f"no hashed link to {name} in the dashboard"
    return match.group(0)


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    data = response.get_data()
    response.close()
    return response, data


def test_pages_link_static_files_by_hashed_name(member_client):
    page = member_client.get("/").get_data(as_text=True)
    links = _hashed_links(page)
    for name in ("dkfds/css/dkfds.min", "css/forum", "dkfds/js/dkfds.min", "js/forum"):
        assert any(re.fullmatch(rf"/static/{re.escape(name)}\.[0-9a-f]{{12}}\.(css|js)", link) for link in links), name
    assert "/static/css/forum.css" not in page and "/static/js/forum.js" not in page


def test_the_login_page_links_hashed_names_too(client):
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'href="/static/css/forum\.[0-9a-f]{12}\.css"', page)


def test_hashed_name_is_the_file_cached_for_a_year(member_client):
    url = _link_to(member_client, "css/forum.css")
    response, data = _get(member_client.raw, url)
    assert response.status_code == 200
    assert data == (STATIC / "css" / "forum.css").read_bytes()
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.mimetype == "text/css"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers
    assert "cookie" not in response.headers.get("Vary", "").lower()
    assert "Set-Cookie" not in response.headers


def test_plain_names_still_work_with_a_short_lifetime(client):
    response, data = _get(client, "/static/css/forum.css")
    assert response.status_code == 200 and data == (STATIC / "css" / "forum.css").read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    font = next((STATIC / "dkfds" / "fonts").rglob("*.woff2")).relative_to(STATIC).as_posix()
    response, data = _get(client, f"/static/{font}")
    assert response.status_code == 200 and data[:4] == b"wOF2"
    assert "immutable" not in response.headers["Cache-Control"]


def test_css_relative_urls_resolve_next_to_the_hashed_stylesheet(member_client):
    """dkfds.min.css names ../fonts and ../img: from its hashed name in the same folder they still load."""
    css_url = _link_to(member_client, "dkfds/css/dkfds.min.css")
    css = (STATIC / "dkfds" / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    references = {ref.strip("'\"") for ref in re.findall(r"url\(([^)]+)\)", css)}
    references = {ref for ref in references if not ref.startswith("data:")}
    assert len(references) > 50
    for ref in sorted(references):
        path = urlsplit(urljoin(f"http://localhost{css_url}", ref)).path
        response, _ = _get(member_client.raw, path)
        assert response.status_code == 200, (ref, path)


@pytest.mark.parametrize("path", [
    "/static/css/forum.000000000000.css",  # a made-up digest
    "/static/css/nothing.0123456789ab.css",  # a digest on a file that does not exist
    "/static/css/missing.css",
    "/static/dkfds/fonts",  # a folder
])
def test_unknown_names_are_404(client, path):
    response, _ = _get(client, path)
    assert response.status_code == 404


def test_a_real_digest_on_another_file_is_404(member_client):
    digest = _link_to(member_client, "css/forum.css").split(".")[-2]
    response, _ = _get(member_client.raw, f"/static/js/forum.{digest}.js")
    assert response.status_code == 404


@pytest.mark.parametrize("path", [
    "/static/../forum/config.py",
    "/static/%2e%2e/forum/config.py",
    "/static/..%2fforum%2fconfig.py",
    "/static/css/..%2f..%2fconfig.py",
    "/static/%2e%2e/%2e%2e/wsgi.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..%5c..%5cwsgi.py",
    "/static/css/forum.css%00.js",
    "/static/../forum/config.0123456789ab.py",
])
def test_path_traversal_is_refused(client, path):
    response = client.get(path, environ_overrides={"PATH_INFO": path.replace("%2e", ".")})
    body = response.get_data()
    response.close()
    if response.status_code == 308:  # werkzeug merges the slashes: still inside /static/
        assert urlsplit(response.headers["Location"]).path.startswith("/static/")
    else:
        assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in body and b"root:" not in body and b"create_app" not in body


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_static_text_is_compressed_and_decodes_to_the_same_bytes(member_client, encoding):
    url = _link_to(member_client, "dkfds/css/dkfds.min.css")
    original = (STATIC / "dkfds" / "css" / "dkfds.min.css").read_bytes()
    response, data = _get(member_client.raw, url, **{"Accept-Encoding": encoding})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert int(response.headers["Content-Length"]) == len(data) < len(original) / 3
    decoded = gzip.decompress(data) if encoding == "gzip" else brotli.decompress(data)
    assert decoded == original


def test_the_client_gets_the_encoding_it_prefers(client):
    def encoding_for(accept):
        response, _ = _get(client, "/static/js/forum.js", **{"Accept-Encoding": accept})
        return response.headers.get("Content-Encoding")

    assert encoding_for("gzip, deflate, br, zstd") == "br"
    assert encoding_for("gzip, deflate") == "gzip"
    assert encoding_for("br;q=0.5, gzip") == "gzip"
    assert encoding_for("br;q=0, *") == "gzip"
    assert encoding_for("deflate") is None
    assert encoding_for("identity") is None


def test_no_compression_without_accept_encoding(client):
    response, data = _get(client, "/static/js/forum.js")
    assert "Content-Encoding" not in response.headers
    assert data == (STATIC / "js" / "forum.js").read_bytes()
    assert "Accept-Encoding" in response.headers["Vary"]


def test_svg_icons_are_compressed_and_fonts_are_not(client):
    response, data = _get(client, "/static/dkfds/img/svg-icons/plus.svg", **{"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(data) == (STATIC / "dkfds" / "img" / "svg-icons" / "plus.svg").read_bytes()
    font = next((STATIC / "dkfds" / "fonts").rglob("*.woff2")).relative_to(STATIC).as_posix()
    response, _ = _get(client, f"/static/{font}", **{"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers


def test_compressed_static_files_answer_conditional_requests(member_client):
    url = _link_to(member_client, "css/forum.css")
    first, _ = _get(member_client.raw, url, **{"Accept-Encoding": "br"})
    gzipped, _ = _get(member_client.raw, url, **{"Accept-Encoding": "gzip"})
    assert first.headers["ETag"] != gzipped.headers["ETag"]  # one validator per encoding
    again, data = _get(member_client.raw, url, **{"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and data == b""


def test_head_of_a_hashed_file(member_client):
    url = _link_to(member_client, "js/forum.js")
    response = member_client.raw.head(url)
    response.close()
    assert response.status_code == 200 and response.get_data() == b""
    assert response.headers["Cache-Control"] == IMMUTABLE


# --- HTML pages ------------------------------------------------------------------------------

CSRF_VALUE = re.compile(rb'(name="csrf_token"[^>]*value=")[^"]+')


def _thread_page(member, member_client):
    thread = factories.make_thread(member, title="Sådan spreder vi velfærdsteknologi")
    for number in range(10):
        factories.make_reply(thread, member, body=f"Svar nummer {number}: vi prøvede det i tre kommuner.")
    return f"/threads/{thread.id}"


@pytest.mark.parametrize(("encoding", "decompress"), [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_html_is_compressed_when_the_member_browses(member_client, member, encoding, decompress):
    url = _thread_page(member, member_client)
    plain, plain_data = _get(member_client.raw, url, **BROWSING)
    compressed, data = _get(member_client.raw, url, **{"Accept-Encoding": encoding, **BROWSING})
    assert plain.status_code == compressed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert compressed.headers["Content-Encoding"] == encoding
    assert int(compressed.headers["Content-Length"]) == len(data) < len(plain_data) / 3
    for response in (plain, compressed):
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.headers["Cache-Control"] == "private, no-store"
    # The CSRF token is signed with the second it was made in; the rest of the page is the same.
    assert CSRF_VALUE.sub(rb"\1", decompress(data)) == CSRF_VALUE.sub(rb"\1", plain_data)


def test_html_is_not_compressed_without_accept_encoding(member_client, member):
    url = _thread_page(member, member_client)
    response, data = _get(member_client.raw, url, **BROWSING)
    assert "Content-Encoding" not in response.headers and b"<html" in data
    assert "Accept-Encoding" in response.headers["Vary"]


@pytest.mark.parametrize("site", ["cross-site", "same-site", None])
def test_html_requested_from_elsewhere_is_not_compressed(member_client, member, site):
    """BREACH needs many requests another site makes the member's browser send: those get no compression."""
    url = _thread_page(member, member_client)
    headers = {"Accept-Encoding": "gzip, br"}
    if site:
        headers["Sec-Fetch-Site"] = site
    response, data = _get(member_client.raw, url, **headers)
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert "Sådan spreder vi velfærdsteknologi".encode() in data
    assert "Sec-Fetch-Site" in response.headers["Vary"]


def test_typed_addresses_are_compressed(member_client):
    response, _ = _get(member_client.raw, "/", **{"Accept-Encoding": "gzip", "Sec-Fetch-Site": "none"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_small_pages_and_redirects_are_not_compressed(client):
    response, _ = _get(client, "/", **{"Accept-Encoding": "gzip", **BROWSING})
    assert response.status_code == 302 and "Content-Encoding" not in response.headers


def test_error_pages_are_compressed_too(member_client):
    response, data = _get(member_client.raw, "/no/such/page", **{"Accept-Encoding": "gzip", **BROWSING})
    assert response.status_code == 404
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(data)


def test_html_compression_can_be_turned_off(make_app, member):
    app = make_app(COMPRESS_HTML=False)
    from tests.conftest import FormClient

    client = FormClient(app.test_client())
    client.login(member.email)
    response, _ = _get(client.raw, "/", **{"Accept-Encoding": "gzip", **BROWSING})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers


def test_json_is_left_alone(client):
    response, data = _get(client, "/healthz", **{"Accept-Encoding": "gzip", **BROWSING})
    assert "Content-Encoding" not in response.headers and data.startswith(b"{")
