"""Every endpoint x every role against the documented outcome (access_table.TABLE).

Walks `app.url_map`: an endpoint missing from the table fails with its name. Real objects stand
behind every URL (world.py). Another member's private thing is 404 with exactly the body of an id
that does not exist, so neither the status nor the message tells that it is there.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.hardening import summary, world
from tests.hardening.access_table import ROLES, TABLE
from tests.url_walk import routes

TOKEN = re.compile(rb'(name="csrf_token"[^>]*value="|<meta name="csrf-token" content=")[^"]+"')
HANDLED_POST = {200, 302, 303, 400, 409, 422}


def _body(response) -> bytes:
    # The page embeds the session's CSRF token (signed with a timestamp): not part of the message.
    return TOKEN.sub(rb"\1-", response.get_data())


def _outcome_of(response, method: str):
    status = response.status_code
    if status in (301, 302, 303):
        path = urlsplit(response.headers["Location"]).path
        if path == "/login":
            return "login"
        return "ok" if method == "POST" else "redirect"
    if status in (403, 404):
        return status
    if method == "GET":
        return "ok" if status == 200 else status
    return "ok" if status in HANDLED_POST else status


def _clients(w, make_client):
    members = {"owner": w.owner, "other": w.other, "facilitator": w.facilitator, "admin": w.admin}
    clients = {"anon": make_client()}
    clients["anon"].get("/login")
    clients.update({role: make_client(member) for role, member in members.items()})
    return clients, members


def _send(client, method, url):
    response = client.get(url) if method == "GET" else client.post(url, {})
    response.get_data()
    response.close()
    return response


def _unknown(url: str, w) -> str:
    """The same URL with every id in its path replaced by one that does not exist."""
    return re.sub(r"/\d+(?=/|\.ics|$)", f"/{world.UNKNOWN_ID}", url.split("?")[0])


def test_every_endpoint_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(TABLE))
    assert not missing, "endpoints nobody reviewed (add them to tests/hardening/access_table.py): " + ", ".join(missing)
    gone = sorted(set(TABLE) - endpoints)
    assert not gone, f"the table names endpoints that no longer exist: {gone}"
    methods = {(route.endpoint, route.method) for route in routes(app, methods=("GET", "POST"))}
    covered = {(endpoint, case.method) for endpoint, cases in TABLE.items() for case in cases}
    assert not sorted(methods - covered), f"methods without a case: {sorted(methods - covered)}"


def test_access_matrix(app, make_client):
    w = world.build()
    clients, members = _clients(w, make_client)
    wrong, checks = [], 0
    gets = [(e, c) for e, cases in TABLE.items() for c in cases if c.method == "GET"]
    posts = [(e, c) for e, cases in TABLE.items() for c in cases if c.method == "POST"]
    for endpoint, case in gets + posts:
        # Refusals first: they change nothing, so every role sees the same objects.
        for role in sorted(ROLES, key=lambda r: case.outcome[r] == "ok"):
            url = case.url(w, role)
            response = _send(clients[role], case.method, url)
            checks += 1
            got, want = _outcome_of(response, case.method), case.outcome[role]
            if got != want:
                wrong.append(f"{case.method} {url} [{endpoint}: {case.label}] as {role}: "
                             f"expected {want}, got {response.status_code} {response.headers.get('Location', '')}")
            elif want == 404 and re.search(r"/\d+", url):
                # Flash messages of earlier POSTs (whose redirects we do not follow) show on the next
                # page: ask once to use them up, then compare the real and the unknown id.
                _send(clients[role], case.method, _unknown(url, w))
                response = _send(clients[role], case.method, url)
                unknown = _send(clients[role], case.method, _unknown(url, w))
                if unknown.status_code != 404 or _body(unknown) != _body(response):
                    wrong.append(f"{url} as {role}: the 404 differs from the one for an unknown id "
                                 f"({_unknown(url, w)} -> {unknown.status_code})")
            if endpoint == "auth.logout" and role != "anon":
                clients[role].login(members[role].email)
    summary.record("access_matrix_checks", checks)
    summary.record("access_matrix_endpoints", len(TABLE))
    assert not wrong, f"{len(wrong)} of {checks} endpoint x role checks wrong:\n" + "\n".join(wrong)


def test_unknown_ids_are_404_for_everyone_allowed_to_ask(app, make_client):
    """Every URL with an id, with ids that do not exist: 404 (a facilitator-only URL may say 403 to a member)."""
    w = world.build()
    clients, _ = _clients(w, make_client)
    wrong, checks = [], 0
    for endpoint, cases in TABLE.items():
        for case in cases:
            url = case.url(w, "owner")
            if _unknown(url, w) == url.split("?")[0]:
                continue  # no id in the path (the calendar feed's token is checked below)
            unknown = _unknown(url, w)
            for role in ("owner", "other", "facilitator", "admin"):
                response = _send(clients[role], case.method, unknown)
                checks += 1
                allowed = {404, 403} if case.outcome[role] == 403 else {404}
                if response.status_code not in allowed:
                    wrong.append(f"{case.method} {unknown} [{endpoint}] as {role}: {response.status_code}")
    unknown_token = _send(clients["anon"], "GET", "/calendar/" + "x" * 43 + ".ics")
    assert unknown_token.status_code == 404
    summary.record("unknown_id_checks", checks + 1)
    assert not wrong, "\n".join(wrong)
