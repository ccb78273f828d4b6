"""A cheap Argon2 for tests that create many members (the real parameters cost ~0.1-0.7 s a hash).

Use in a test module with `pytestmark = pytest.mark.usefixtures("fast_passwords")` after
`from tests.fast_passwords import fast_passwords  # noqa: F401`.
"""
import pytest
from argon2 import PasswordHasher

from forum.auth import passwords

_CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
_CHEAP_DUMMY = _CHEAP.hash("not-a-real-password")


@pytest.fixture
def fast_passwords(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", _CHEAP)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", _CHEAP_DUMMY)
