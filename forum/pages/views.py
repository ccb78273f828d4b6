"""Static information pages: the accessibility statement."""
from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/tilgaengelighed")
def accessibility():
    return render_template("pages/accessibility.html")
