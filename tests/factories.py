"""Builders of test data through the real services."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.members.models import Member
from forum.members.service import create_member
from forum.threads.models import Phase
from forum.threads.phase_data import PHASES
from forum.threads.service import reply, start_thread

PASSWORD = "correct horse battery"


def seed_phases() -> None:
    """The phases the first migration seeds; tests build the schema with create_all."""
    if db.session.scalar(select(Phase.id).limit(1)) is not None:
        return
    for position, (slug, label_da, label_en, description_da, description_en) in enumerate(PHASES, start=1):
        db.session.add(Phase(slug=slug, label_da=label_da, label_en=label_en,
                             description_da=description_da, description_en=description_en, position=position))


def make_member(email: str, name: str = "Test Medlem", organization: str = "Testkommune",
                role: str = "member", password: str = PASSWORD, **fields) -> Member:
    member = create_member(email=email, name=name, organization_name=organization, role=role, password=password)
    for key, value in fields.items():
        setattr(member, key, value)
    db.session.commit()
    return member


def make_thread(author: Member, title: str = "Digital post til borgere over 65", body: str = "Sådan gjorde vi.",
                phases=("tjek",), route=None, files=()):
    """A thread started through the real service (committed)."""
    return start_thread(author, title, body, phases, route, files=files)


def make_reply(thread, author: Member, body: str = "Tak for deling!", files=()):
    """A reply through the real service (committed; watchers are notified)."""
    return reply(thread, author, body, files=files)
