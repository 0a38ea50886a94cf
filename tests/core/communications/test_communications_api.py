"""Queueing notifications: dedup, validation, reachability, the nudge after commit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from communications_doubles import NewPerson, fresh_id
from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from core.communications._nudge import NUDGE_CHANNEL
from core.communications.api import (
    get_notification,
    is_reachable,
    list_notifications,
    mark_reachable,
    mark_unreachable,
    notification_counts,
    notify,
    nudge_senders_through,
)
from core.communications.errors import InvalidNotification, NotificationNotFound
from core.communications.schemas import NotificationStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.ids import new_id
from core.shared.uow import Database, Transaction

SELLER = BotRole.SELLER
TEMPLATE = "notification-staff-removed"


async def test_notify_queues_a_notification_for_the_sender(
    db: Database, new_person: NewPerson, clock: FrozenClock
) -> None:
    person = await new_person()
    made = await notify(db, person, SELLER, TEMPLATE, {"shop": "Ягодка"}, "test:queued")
    assert made is not None
    [listed] = await list_notifications(db, person)
    assert listed == await get_notification(db, made)
    assert (listed.bot, listed.template, listed.params) == (SELLER, TEMPLATE, {"shop": "Ягодка"})
    assert listed.status is NotificationStatus.QUEUED
    assert (listed.attempts, listed.next_attempt_at, listed.sent_at) == (0, clock.now(), None)
    assert (await notification_counts(db))["queued"] == 1


async def test_a_repeated_dedup_key_queues_nothing(db: Database, new_person: NewPerson) -> None:
    person = await new_person()
    first = await notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "event-1:subscriber")
    again = await notify(db, person, SELLER, TEMPLATE, {"shop": "B"}, "event-1:subscriber")
    assert first is not None
    assert again is None
    assert [n.params for n in await list_notifications(db, person)] == [{"shop": "A"}]


async def test_notify_joins_the_callers_transaction(db: Database, new_person: NewPerson) -> None:
    person = await new_person()

    async def change_then_fail(tx: Transaction) -> None:
        await notify(tx.db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:rolled-back")
        raise RuntimeError("the caller's change failed")

    with pytest.raises(RuntimeError):
        await db.run(change_then_fail)
    assert await list_notifications(db, person) == []


async def test_concurrent_repeats_queue_one_notification(
    db: Database, new_person: NewPerson
) -> None:
    person = await new_person()
    made = await asyncio.gather(*(
        notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:raced") for _ in range(8)
    ))
    assert sum(1 for m in made if m is not None) == 1
    assert len(await list_notifications(db, person)) == 1


@pytest.mark.parametrize(("template", "params", "dedup_key"), [
    ("Not A Key", {}, "k"),
    ("notification-x", {"n": True}, "k"),
    ("notification-x", {"n": None}, "k"),
    ("notification-x", {"n": ["a"]}, "k"),
    ("notification-x", {"bad name": "a"}, "k"),
    ("notification-x", {}, ""),
    ("notification-x", {}, "k" * 201),
])
async def test_bad_notifications_are_refused(
    db: Database, template: str, params: dict[str, object], dedup_key: str
) -> None:
    with pytest.raises(InvalidNotification):
        await notify(db, fresh_id(), SELLER, template, params, dedup_key)  # type: ignore[arg-type]


async def test_a_recipient_must_be_a_telegram_id(db: Database) -> None:
    with pytest.raises(InvalidNotification):
        await notify(db, 0, SELLER, TEMPLATE, {}, "test:nobody")


async def test_an_unreachable_person_fails_at_once_in_that_bot_only(db: Database) -> None:
    person = fresh_id()
    await mark_unreachable(db, person, SELLER, "Forbidden: bot was blocked by the user")
    assert not await is_reachable(db, person, SELLER)
    assert await is_reachable(db, person, BotRole.CUSTOMER)

    failed = await notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:unreachable")
    queued = await notify(db, person, BotRole.CUSTOMER, TEMPLATE, {"shop": "A"}, "test:other-bot")
    assert failed is not None
    assert queued is not None
    failed_one = await get_notification(db, failed)
    assert failed_one.status is NotificationStatus.FAILED
    assert failed_one.last_error == "unreachable: Forbidden: bot was blocked by the user"
    assert (await get_notification(db, queued)).status is NotificationStatus.QUEUED


async def test_mark_reachable_clears_it_and_says_whether_it_had_to(db: Database) -> None:
    person = fresh_id()
    assert await mark_reachable(db, person, SELLER) is False
    await mark_unreachable(db, person, SELLER, "blocked")
    await mark_unreachable(db, person, SELLER, "blocked again")  # a repeat is fine
    assert await mark_reachable(db, person, SELLER) is True
    assert await is_reachable(db, person, SELLER)
    made = await notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:back")
    assert made is not None
    assert (await get_notification(db, made)).status is NotificationStatus.QUEUED


async def test_an_unknown_notification_is_not_found(db: Database) -> None:
    with pytest.raises(NotificationNotFound):
        await get_notification(db, new_id())


# -- the nudge -----------------------------------------------------------------------------


@pytest.fixture
async def nudges(db: Database, redis: Redis) -> AsyncIterator[PubSub]:
    nudge_senders_through(db, redis)
    pubsub = redis.pubsub()
    await pubsub.subscribe(NUDGE_CHANNEL)
    confirmed = await pubsub.get_message(timeout=2)
    assert confirmed is not None
    assert confirmed["type"] == "subscribe"
    yield pubsub
    nudge_senders_through(db, None)
    await pubsub.aclose()  # type: ignore[no-untyped-call]


async def _nudges_received(pubsub: PubSub) -> int:
    # A nudge is published before the command returns (after its commit): a short read
    # finds it, and a later empty read means none came.
    count = 0
    while (message := await pubsub.get_message(timeout=0.2)) is not None:
        count += message["type"] == "message"
    return count


async def test_a_commit_that_queued_nudges_the_senders_once(
    db: Database, nudges: PubSub
) -> None:
    person = fresh_id()

    async def queue_two(tx: Transaction) -> None:
        await notify(tx.db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:nudge-1")
        await notify(tx.db, person, SELLER, TEMPLATE, {"shop": "B"}, "test:nudge-2")

    await db.run(queue_two)
    assert await _nudges_received(nudges) == 1


async def test_a_rollback_or_a_repeat_nudges_nobody(db: Database, nudges: PubSub) -> None:
    person = fresh_id()
    await notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:nudge-once")
    assert await _nudges_received(nudges) == 1
    await notify(db, person, SELLER, TEMPLATE, {"shop": "A"}, "test:nudge-once")

    async def fail(tx: Transaction) -> None:
        await notify(tx.db, person, SELLER, TEMPLATE, {"shop": "B"}, "test:nudge-rollback")
        raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await db.run(fail)
    assert await _nudges_received(nudges) == 0


async def test_redis_down_does_not_fail_the_command(db: Database) -> None:
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    nudge_senders_through(db, dead)
    try:
        made = await notify(db, fresh_id(), SELLER, TEMPLATE, {"shop": "A"}, "test:redis-down")
    finally:
        nudge_senders_through(db, None)
        await dead.aclose()
    assert made is not None
