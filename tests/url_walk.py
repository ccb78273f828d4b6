"""Every route of the app as concrete URLs, for the tests that walk `app.url_map`.

URL parameters are filled generically so that endpoints other helpers add are covered
without touching these tests: integers with 1, everything else with "x".
"""
from __future__ import annotations

from dataclasses import dataclass

from werkzeug.routing import IntegerConverter, Rule

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    url: str

    def __str__(self) -> str:
        return f"{self.method} {self.url} ({self.endpoint})"


def sample_value(rule: Rule, argument: str):
    return 1 if isinstance(rule._converters.get(argument), IntegerConverter) else "x"


def url_for_rule(rule: Rule) -> str:
    values = {argument: sample_value(rule, argument) for argument in rule.arguments}
    _, url = rule.build(values, append_unknown=False)
    return url


def routes(app, methods=METHODS) -> list[Route]:
    found = []
    for rule in app.url_map.iter_rules():
        url = url_for_rule(rule)
        for method in sorted(rule.methods & set(methods)):
            found.append(Route(rule.endpoint, method, url))
    return sorted(found, key=lambda route: (route.url, route.method))


def call(client, route: Route, **kwargs):
    """Send `route` through a FormClient (POSTs carry the client's CSRF token unless csrf=False)."""
    if route.method == "GET":
        response = client.get(route.url)
    elif route.method == "POST":
        response = client.post(route.url, **kwargs)
    else:
        response = getattr(client.raw, route.method.lower())(route.url)
    response.get_data()  # buffer the body, then let go of files (static) at once
    response.close()
    return response
