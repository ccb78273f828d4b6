"""Friendly Danish error pages, and no input that makes a 500."""
import pytest
from flask import abort

from forum.extensions import limiter
from forum.members.service import create_member, find_member_by_email


def _is_friendly_danish_page(response, heading):
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert '<html lang="da">' in page
    assert f"<h1>{heading}</h1>" in page
    assert "Traceback" not in page
    assert 'class="skipnav"' in page  # the full layout, not a bare Werkzeug page
    return page


def test_404_for_anonymous_visitors(client):
    response = client.get("/findes/ikke")
    assert response.status_code == 404
    page = _is_friendly_danish_page(response, "Siden findes ikke")
    assert 'href="/login"' in page


def test_404_for_members_links_to_the_dashboard(member_client):
    response = member_client.get("/findes/ikke")
    assert response.status_code == 404
    page = _is_friendly_danish_page(response, "Siden findes ikke")
    assert "Gå til forsiden" in page


def test_405(member_client):
    response = member_client.get("/logout")
    assert response.status_code == 405
    _is_friendly_danish_page(response, "Det kan man ikke her")
    assert "POST" in response.headers["Allow"]


@pytest.fixture
def app_with_test_routes(make_app):
    """An app with routes that fail on purpose, added before its first request."""
    application = make_app(PROPAGATE_EXCEPTIONS=False)

    def forbidden():
        abort(403)

    def crash():
        raise RuntimeError("boom")

    def crash_after_write():
        create_member(email="halfway@aarhus.dk", name="Halvvejs", organization_name="Aarhus Kommune")
        raise RuntimeError("after a flush")

    application.add_url_rule("/test/forbidden", "test_forbidden", forbidden)
    application.add_url_rule("/test/crash", "test_crash", crash)
    application.add_url_rule("/test/crash-after-write", "test_crash_after_write", crash_after_write)
    limiter.reset()
    with application.app_context():
        yield application


@pytest.fixture
def test_routes_client(app_with_test_routes, member):
    from tests.conftest import FormClient

    client = FormClient(app_with_test_routes.test_client())
    client.login(member.email)
    return client


def test_403(test_routes_client):
    response = test_routes_client.get("/test/forbidden")
    assert response.status_code == 403
    _is_friendly_danish_page(response, "Det har du ikke adgang til")


def test_500_is_friendly_and_logged(test_routes_client, app_with_test_routes, caplog):
    response = test_routes_client.get("/test/crash")
    assert response.status_code == 500
    page = _is_friendly_danish_page(response, "Der skete en fejl hos os")
    assert "boom" not in page
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_after_a_500_the_half_done_work_is_rolled_back_and_the_next_request_works(test_routes_client):
    assert test_routes_client.get("/test/crash-after-write").status_code == 500
    assert find_member_by_email("halfway@aarhus.dk") is None
    response = test_routes_client.get("/")
    assert response.status_code == 200
    assert "Velkommen" in response.get_data(as_text=True)


def test_413_above_max_content_length(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    client.get("/login")
    response = client.post("/login", {"email": "a@aarhus.dk", "password": "x" * (limit + 1)})
    assert response.status_code == 413
    _is_friendly_danish_page(response, "Filen eller teksten er for stor")


def test_413_for_members_too(member_client, app):
    response = member_client.post("/profile", {"bio": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413


def test_429_page(client, member):
    for _ in range(10):
        client.post("/login", {"email": member.email, "password": "wrong password"})
    response = client.post("/login", {"email": member.email, "password": "wrong password"})
    assert response.status_code == 429
    _is_friendly_danish_page(response, "For mange forsøg")


@pytest.mark.parametrize(
    "body",
    [
        b"email=%FF%FE&password=%C3%28&csrf_token=%FF",  # percent-encoded bytes that are not UTF-8
        b"\xff\xfe\x00email=x",  # raw bytes that are not UTF-8
        b"email=" + b"%" * 50,  # broken escapes
        b"&&&===&",
    ],
)
def test_bodies_that_are_not_utf8_get_400_not_500(client, body):
    client.get("/login")
    response = client.raw.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400)


def test_a_non_utf8_body_with_a_valid_token_is_not_a_500(client):
    client.get("/login")
    body = f"csrf_token={client.token}&email=%FF%FE%40a.dk&password=%C3%28".encode()
    response = client.raw.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400)


def test_a_broken_multipart_body_is_not_a_500(client):
    client.get("/login")
    response = client.raw.post("/login", data=b"--x\r\nbroken", content_type="multipart/form-data; boundary=x")
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/members/99999", "/members/0", "/members/-1", "/members/abc",
                                  "/members?page=-5", "/members?page=abc", "/members?page=99999999999999999999"])
def test_odd_urls_give_404_or_a_page_never_500(member_client, path):
    assert member_client.get(path).status_code in (200, 404)
