"""Adapters from the domains to index documents; each module registers its kinds.

Threads and posts are always there. Meetings and sparring requests are indexed when their
packages are installed (they were written alongside search); a missing one is skipped.
"""
import importlib
import logging

from forum.search.kinds import threads  # noqa: F401

logger = logging.getLogger(__name__)

for _name in ("meetings", "sparring"):
    try:
        importlib.import_module(f"forum.search.kinds.{_name}")
    except ImportError as error:  # the domain's models are not there yet
        logger.info("search: %s not indexed (%s)", _name, error)
