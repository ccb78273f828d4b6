"""The members-only gate: every endpoint but a short allowlist sends anonymous visitors to log in.

The tests walk `app.url_map`, so endpoints added later are covered without a change here.
"""
from urllib.parse import urlsplit

import pytest

from forum.auth.gate import PUBLIC_ENDPOINTS
from tests.url_walk import call, routes

# SPEC §1: the login page, the application form, password reset, invitation acceptance, /healthz and
# static files. Anything else on this list must say why it needs no login.
EXPECTED_PUBLIC = {
    "static",
    "health.healthz",
    "auth.login",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.accept_invitation",
    "members.apply",
    # The accessibility statement, linked from the footer of the login page: no member content.
    "pages.accessibility",
    # A calendar program (Outlook, Google) fetches the feed without a session; the secret token in
    # the URL is the credential.
    "meetings.calendar_feed",
}


def _goes_to_login(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/login"


def test_the_allowlist_is_short_and_known():
    unexplained = PUBLIC_ENDPOINTS - EXPECTED_PUBLIC
    assert not unexplained, f"public endpoints nobody explained in EXPECTED_PUBLIC: {sorted(unexplained)}"


def test_the_allowlist_names_only_real_endpoints(app):
    # members.apply and meetings.calendar_feed come from other packages; once they exist they must be real.
    missing = {endpoint for endpoint in PUBLIC_ENDPOINTS if endpoint not in app.view_functions}
    assert missing <= {"members.apply", "meetings.calendar_feed"}, sorted(missing)


def test_every_other_endpoint_sends_anonymous_visitors_to_login(app, client):
    client.get("/login")  # an anonymous session with a valid CSRF token, so POSTs reach the gate
    private = [route for route in routes(app) if route.endpoint not in PUBLIC_ENDPOINTS]
    assert any(route.endpoint == "dashboard.index" for route in private)
    open_doors = [f"{route} -> {response.status_code}" for route in private
                  if not _goes_to_login(response := call(client, route))]
    assert not open_doors, "reachable without login:\n" + "\n".join(open_doors)


def test_the_login_redirect_keeps_the_path_as_next(client):
    response = client.get("/members/1")
    assert response.headers["Location"] == "/login?next=/members/1"


def test_anonymous_post_without_csrf_token_is_refused_too(app, client):
    response = client.post("/profile", {"name": "Mallory"}, csrf=False)
    assert response.status_code in (302, 400)
    assert response.status_code == 400 or _goes_to_login(response)


def test_allowlisted_endpoints_answer_without_login(app, client):
    public = [route for route in routes(app, methods=("GET",)) if route.endpoint in PUBLIC_ENDPOINTS]
    assert {route.endpoint for route in public} >= {"static", "health.healthz", "auth.login"}
    for route in public:
        response = call(client, route)
        assert not _goes_to_login(response), str(route)
        assert response.status_code < 500, f"{route} -> {response.status_code}"


@pytest.mark.parametrize("path", ["/login", "/password/forgot", "/healthz", "/static/css/forum.css", "/tilgaengelighed"])
def test_the_public_pages_answer_200(client, path):
    response = client.get(path)
    response.close()
    assert response.status_code == 200


def test_unknown_urls_are_404_not_a_login_redirect(client):
    assert client.get("/no/such/page").status_code == 404


def test_a_logged_in_member_passes_the_gate(member_client):
    assert member_client.get("/").status_code == 200
    assert member_client.get("/members").status_code == 200


def test_a_logged_in_member_gets_no_500_from_any_get_endpoint(app, member_client):
    broken = [f"{route} -> {response.status_code}" for route in routes(app, methods=("GET",))
              if (response := call(member_client, route)).status_code >= 500]
    assert not broken, "\n".join(broken)


def test_a_facilitator_gets_no_500_from_any_get_endpoint(app, facilitator_client):
    broken = [f"{route} -> {response.status_code}" for route in routes(app, methods=("GET",))
              if (response := call(facilitator_client, route)).status_code >= 500]
    assert not broken, "\n".join(broken)
