"""GET /search: the search page."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.search import hooks
from forum.search.forms import parse_search_args
from forum.search.service import all_phases, kinds_available, search

bp = Blueprint("search", __name__, url_prefix="/search")

KIND_LABELS = {
    "thread": _l("Tråde"),
    "post": _l("Svar"),
    "meeting": _l("Møder"),
    "sparring": _l("Sparring"),
}


@bp.record_once
def _wire(state) -> None:
    # Registering the blueprint turns on the index updates for every session.
    hooks.register()


@bp.get("", endpoint="search")
def search_page():
    kinds = kinds_available()
    phases = all_phases()
    search_request, ignored = parse_search_args(request.args, [phase.slug for phase in phases], kinds)
    page = search(current_user, search_request)
    # One link per phase for the results' phase tags, not one url_for per tag shown.
    phase_links = {
        phase.slug: url_for("search.search", q=search_request.q, phase=phase.slug, type=search_request.kind or "",
                            sort=search_request.sort)
        for phase in phases
    } if page.results else {}
    return render_template(
        "search/index.html", page=page, ignored=ignored, phases=phases, phase_links=phase_links,
        kinds=[(kind, KIND_LABELS[kind]) for kind in kinds],
    )
