import pytest

from tests.fast_passwords import fast_passwords  # noqa: F401


@pytest.fixture(autouse=True)
def _cheap_hashing(fast_passwords):  # noqa: F811 - the fixture imported above
    """The hardening tests log in many times; they test access, not Argon2's cost."""
