"""The moderation blueprint; routes live in thread_views.py and views.py."""
from flask import Blueprint

bp = Blueprint("moderation", __name__)
