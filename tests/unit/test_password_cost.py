"""Passwords are hashed with Argon2id at its recommended cost in production."""
import pytest
from argon2 import PasswordHasher

from forum.auth import passwords

pytestmark = pytest.mark.real_password_cost


def test_production_hashes_use_argon2id_defaults():
    stored = passwords.hash_password("a long enough password")
    assert stored.startswith("$argon2id$")
    defaults = PasswordHasher()
    assert f"m={defaults.memory_cost},t={defaults.time_cost},p={defaults.parallelism}" in stored
    assert passwords.verify_password(stored, "a long enough password")
    assert not passwords.verify_password(stored, "a wrong password")
    assert not passwords.verify_password(None, "a long enough password")
