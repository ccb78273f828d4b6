"""seed_spreading adds shared innovations with reuse at different phases, once."""
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from forum.auth import passwords
from forum.demo.members import seed_members
from forum.demo.spreading import seed_spreading
from forum.demo.threads import seed_threads
from forum.extensions import db
from forum.spreading.models import ReuseRecord, ReuseStep
from forum.threads.models import Thread


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2 at full strength costs most of these tests' time; they test reuse, not hashing."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def counts():
    return (db.session.scalar(select(func.count(Thread.id)).where(Thread.route == "share")),
            db.session.scalar(select(func.count(ReuseRecord.id))),
            db.session.scalar(select(func.count(ReuseStep.id))))


def test_seed_spreading_is_idempotent_and_spread_over_phases(app):
    seed_members()
    db.session.commit()
    seed_threads()
    db.session.commit()
    seed_spreading()
    first = counts()
    assert first[0] >= 5 and first[1] >= 10
    phases = set(db.session.scalars(select(ReuseRecord.phase_id)))
    assert len(phases) >= 3
    seed_spreading()
    assert counts() == first
    for record in db.session.scalars(select(ReuseRecord)):
        assert record.created_at <= record.moved_at
        assert record.thread.created_at < record.created_at
