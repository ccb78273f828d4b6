"""The admin blueprint. Every page needs a facilitator or an admin; a member gets 403."""
from flask import Blueprint, abort
from flask_login import current_user

from forum.permissions.admin import can_administer

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def facilitators_only():
    # The login gate has already sent anonymous visitors to /login.
    if not can_administer(current_user):
        abort(403)
