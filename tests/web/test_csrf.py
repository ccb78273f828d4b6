"""Every state change needs the session's CSRF token: without it, or with a wrong one, 400 and nothing changes.

Walks `app.url_map`, so POST endpoints other helpers add are covered without a change here.
"""
from sqlalchemy import func, select

from forum.extensions import db
from tests.url_walk import call, routes

# Endpoints that take a POST without a CSRF token, each with the reason. Empty: there are none.
EXEMPT: dict[str, str] = {}


def _row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def _state_changing_routes(app):
    return [route for route in routes(app, methods=("POST", "PUT", "PATCH", "DELETE"))
            if route.endpoint not in EXEMPT]


def test_there_are_post_endpoints_to_check(app):
    endpoints = {route.endpoint for route in _state_changing_routes(app)}
    assert {"auth.login", "auth.logout", "members.own_profile"} <= endpoints


def test_every_post_endpoint_refuses_a_missing_csrf_token(app, facilitator_client):
    before = _row_counts()
    accepted = [f"{route} -> {response.status_code}" for route in _state_changing_routes(app)
                if (response := call(facilitator_client, route, data={}, csrf=False)).status_code != 400]
    assert not accepted, "accepted without CSRF token:\n" + "\n".join(accepted)
    db.session.expire_all()
    assert _row_counts() == before
    assert facilitator_client.get("/").status_code == 200  # /logout did not log out either


def test_every_post_endpoint_refuses_a_wrong_csrf_token(app, facilitator_client):
    before = _row_counts()
    forged = "IjA1ZDk2ZTZlNGU5ZmI0ZjQ1ZTA5ZGY2YWQ1NGI4ZTkxNWZlZDI0MmYi.Z2x7Bw.forged-signature"
    accepted = [f"{route} -> {response.status_code}" for route in _state_changing_routes(app)
                if (response := call(facilitator_client, route, data={"csrf_token": forged})).status_code != 400]
    assert not accepted, "accepted with a forged CSRF token:\n" + "\n".join(accepted)
    db.session.expire_all()
    assert _row_counts() == before


def test_another_sessions_token_is_a_wrong_token(make_client, member, other_member):
    mallory = make_client(other_member)
    alice = make_client(member)
    response = alice.post("/profile", {"name": "Overtaget", "language": "da", "csrf_token": mallory.token})
    assert response.status_code == 400
    db.session.expire_all()
    assert member.name == "Alice Andersen"


def test_the_400_page_is_friendly_and_danish(member_client):
    response = member_client.post("/profile", {"name": "X"}, csrf=False)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Formularen var udløbet eller ufuldstændig" in page


def test_the_profile_form_with_its_token_works(member_client, member):
    response = member_client.post("/profile", {"name": "Alice A. Andersen", "language": "da"})
    assert response.status_code == 302
    db.session.expire_all()
    assert member.name == "Alice A. Andersen"
