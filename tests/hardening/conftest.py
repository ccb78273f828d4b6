import gc
import warnings

import pytest

from tests.fast_passwords import fast_passwords  # noqa: F401
from tests.hardening import summary


@pytest.fixture(scope="session", autouse=True)
def _fresh_counters():
    summary.start_session()


@pytest.fixture(autouse=True)
def _cheap_hashing(fast_passwords):  # noqa: F811 - the fixture imported above
    """The hardening tests log in many times; they test access, not Argon2's cost."""


@pytest.fixture(autouse=True)
def _close_search_index(app):
    """Close the app's search index (and collect what it left) when each test ends.

    Found by these tests: the searcher's Whoosh segment files stay open until the garbage
    collector closes them, and the ResourceWarning then fails whichever test runs at that
    moment (on PostgreSQL usually the next one's setup). Reported to the search owner.
    """
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        for index in app.extensions.pop("search_index", {}).values():
            index.close()
        gc.collect()
