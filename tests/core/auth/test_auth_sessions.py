"""Mini App sessions in real Redis: opened, resolved, expired on the injected clock, closed."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from auth_people import ActorOf, NewPerson
from redis.asyncio import Redis

from core.auth.api import (
    DEFAULT_SESSION_TTL,
    close_session,
    grant_role,
    open_session,
    resolve_session,
    sign_in_with_session,
)
from core.auth.errors import SessionInvalid
from core.auth.policy import Actor, Role
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.uow import Database


async def test_a_session_resolves_until_it_expires(redis: Redis, clock: FrozenClock) -> None:
    session = await open_session(redis, clock, telegram_id=42, bot=BotRole.SELLER)
    assert session.expires_at == clock.now() + DEFAULT_SESSION_TTL == clock.now() + \
        timedelta(minutes=30)
    assert len(session.token) >= 40

    resolved = await resolve_session(redis, clock, session.token)
    assert (resolved.telegram_id, resolved.bot, resolved.expires_at) == (
        42, BotRole.SELLER, session.expires_at)

    clock.advance(DEFAULT_SESSION_TTL)
    with pytest.raises(SessionInvalid) as caught:
        await resolve_session(redis, clock, session.token)
    assert caught.value.code == "session_invalid"


async def test_redis_forgets_the_session_by_itself(redis: Redis, clock: FrozenClock) -> None:
    session = await open_session(redis, clock, telegram_id=42, bot=None,
                                 ttl=timedelta(minutes=5))
    key = "auth:session:" + hashlib.sha256(session.token.encode()).hexdigest()
    assert 290 <= await redis.ttl(key) <= 300
    assert session.token.encode() not in b"".join(await redis.keys("auth:session:*"))


@pytest.mark.parametrize("token", ["", "nope", "x" * 500])
async def test_unknown_tokens_are_refused(redis: Redis, clock: FrozenClock, token: str) -> None:
    with pytest.raises(SessionInvalid):
        await resolve_session(redis, clock, token)


async def test_a_closed_session_is_gone(redis: Redis, clock: FrozenClock) -> None:
    session = await open_session(redis, clock, telegram_id=42, bot=BotRole.CUSTOMER)
    await close_session(redis, session.token)
    with pytest.raises(SessionInvalid):
        await resolve_session(redis, clock, session.token)


async def test_roles_come_fresh_from_the_database_on_every_use(
    db: Database, redis: Redis, admin: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    person = await new_person("Вера")
    session = await open_session(redis, db.clock, telegram_id=person, bot=BotRole.SUPPORT)
    before = await sign_in_with_session(db, redis, session.token)
    assert before.user.first_name == "Вера"
    assert before.actor.via is BotRole.SUPPORT
    assert not before.actor.has(Role.SUPPORT)

    await grant_role(db, admin, person, Role.SUPPORT)

    after = await sign_in_with_session(db, redis, session.token)
    assert after.actor.has(Role.SUPPORT)


async def test_a_session_of_an_unknown_person_is_refused(
    db: Database, redis: Redis
) -> None:
    session = await open_session(redis, db.clock, telegram_id=7_299_999_999, bot=None)
    with pytest.raises(SessionInvalid):
        await sign_in_with_session(db, redis, session.token)
