"""forum.auth.tokens: single-use, expiring links whose plain text is never stored."""
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from forum.auth import tokens
from forum.auth.models import AuthToken
from forum.extensions import db

HOUR = timedelta(hours=1)


def _issue(member, purpose=tokens.RESET, ttl=HOUR):
    token = tokens.issue(member, purpose, ttl)
    db.session.commit()
    return token


def test_a_fresh_token_is_found_and_only_its_hash_is_stored(app, member):
    token = _issue(member)
    row = tokens.find_valid(token, tokens.RESET)
    assert row is not None and row.member_id == member.id
    stored = db.session.scalars(select(AuthToken.token_hash)).all()
    assert token not in stored
    assert len(stored[0]) == 64
    assert len(token) >= 40  # 32 random bytes, url-safe


def test_a_token_works_once(app, member):
    token = _issue(member)
    tokens.redeem(tokens.find_valid(token, tokens.RESET))
    db.session.commit()
    assert tokens.find_valid(token, tokens.RESET) is None


def test_a_token_expires(app, member):
    token = _issue(member)
    row = tokens.find_valid(token, tokens.RESET)
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert tokens.find_valid(token, tokens.RESET) is None


def test_a_token_is_only_good_for_its_purpose(app, member):
    token = _issue(member, tokens.INVITE)
    assert tokens.find_valid(token, tokens.RESET) is None
    assert tokens.find_valid(token, tokens.INVITE) is not None


def test_a_new_token_ends_the_earlier_ones_of_the_same_purpose(app, member):
    first = _issue(member)
    invitation = _issue(member, tokens.INVITE)
    second = _issue(member)
    assert tokens.find_valid(first, tokens.RESET) is None
    assert tokens.find_valid(second, tokens.RESET) is not None
    assert tokens.find_valid(invitation, tokens.INVITE) is not None


def test_another_members_new_token_leaves_mine_alone(app, member, other_member):
    mine = _issue(member)
    _issue(other_member)
    assert tokens.find_valid(mine, tokens.RESET).member_id == member.id


def test_garbage_tokens_are_not_found(app, member):
    _issue(member)
    for garbage in ("", "x", "a" * 201, "\udcff", "' OR 1=1 --", "%00"):
        assert tokens.find_valid(garbage, tokens.RESET) is None
