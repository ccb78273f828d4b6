"""Outbox, in-app notifications, mention links, mail delivery and digests."""
from forum.notify import mentions  # noqa: F401 - registers the session hooks for @mentions
