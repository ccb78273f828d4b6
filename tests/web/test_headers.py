"""Security headers on every response, and cookies that scripts and other sites cannot use."""
import pytest


def _directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.strip().split(" ", 1)[0]: part.strip() for part in policy.split(";") if part.strip()}


def _assert_secure_headers(response):
    policy = response.headers.get("Content-Security-Policy", "")
    assert policy, response
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    directives = _directives(response)
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["script-src"] == "script-src 'self'"
    assert directives["default-src"] == "default-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_login_page_has_the_security_headers(client):
    response = client.get("/login")
    _assert_secure_headers(response)
    assert "no-store" in response.headers["Cache-Control"]


def test_the_dashboard_has_the_security_headers_and_is_not_cached(member_client):
    response = member_client.get("/")
    _assert_secure_headers(response)
    assert response.headers["Cache-Control"] == "private, no-store"


def test_error_pages_have_the_security_headers(client, member_client):
    _assert_secure_headers(client.get("/no/such/page"))
    _assert_secure_headers(member_client.get("/no/such/page"))
    _assert_secure_headers(member_client.get("/logout"))  # 405


def test_redirects_and_json_have_the_security_headers(client):
    _assert_secure_headers(client.get("/"))
    _assert_secure_headers(client.get("/healthz"))


def test_static_files_have_the_security_headers_and_may_be_cached(client):
    response = client.get("/static/css/forum.css")
    response.close()
    assert response.status_code == 200
    _assert_secure_headers(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_no_page_loads_anything_from_another_site(member_client):
    page = member_client.get("/").get_data(as_text=True)
    for marker in ('src="http', 'href="http', "src=\"//", "href=\"//", "<script>", "style=\""):
        assert marker not in page, marker


def test_hsts_only_over_https(member_client):
    assert "Strict-Transport-Security" not in member_client.get("/").headers
    response = member_client.raw.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def _session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    response = client.get("/login")  # the CSRF token starts the session
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


@pytest.fixture
def https_app(make_app):
    return make_app(PREFERRED_URL_SCHEME="https")


def test_the_session_cookie_is_secure_when_served_over_https(https_app):
    assert https_app.config["SESSION_COOKIE_SECURE"] is True
    assert https_app.config["REMEMBER_COOKIE_SECURE"] is True
    with https_app.test_client() as client:
        cookie = _session_cookie(client.get("/login", base_url="https://localhost"))
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
