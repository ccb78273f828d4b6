"""The threads blueprint; its routes live in views.py and post_views.py."""
from flask import Blueprint

bp = Blueprint("threads", __name__)
