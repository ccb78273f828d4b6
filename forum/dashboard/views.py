"""GET /: the member's dashboard, one panel per domain."""
from flask import Blueprint, render_template
from flask_login import current_user

from forum.meetings.panels import next_meeting_panel
from forum.moderation.panels import DASHBOARD_TEMPLATE as MODERATION_PANEL
from forum.moderation.panels import dashboard_panel as moderation_panel
from forum.pagecache import cached_page
from forum.sparring.panels import DASHBOARD_TEMPLATE as SPARRING_PANEL
from forum.sparring.panels import dashboard_panel as sparring_panel
from forum.threads.queries import dashboard_threads

bp = Blueprint("dashboard", __name__)

# (template, context function) pairs, in the order the panels appear.
PANELS: list[tuple[str, object]] = [
    ("threads/_dashboard.html", dashboard_threads),
    ("meetings/_dashboard_panel.html", next_meeting_panel),
    (SPARRING_PANEL, sparring_panel),
    (MODERATION_PANEL, moderation_panel),
]


@bp.get("/")
@cached_page
def index():
    panels = [(template, provide(current_user)) for template, provide in PANELS]
    return render_template("dashboard/index.html", panels=panels)
