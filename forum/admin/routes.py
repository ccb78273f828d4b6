"""Importing this module puts every admin page on the blueprint."""
from forum.admin import fee_views, member_views, phase_views, views  # noqa: F401
from forum.admin.blueprint import bp

__all__ = ["bp"]
