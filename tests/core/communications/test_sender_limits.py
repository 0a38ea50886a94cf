"""Telegram's flood limits kept by the sender: shared buckets in Redis, a local fallback, pauses
on 429, and sends against the emulator with its limits on that never meet a 429."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiogram import Bot
from communications_doubles import FakeTelegram, MakeSender, NewPerson
from redis.asyncio import Redis

from bot.common.sender import AiogramSender
from core.communications._limits import Limits, RateLimits
from core.communications.api import list_notifications, notify
from core.communications.port import RetryAfter
from core.communications.schemas import NotificationStatus
from core.shared.config import BotRole, Settings
from core.shared.uow import Database
from fruktgo.bots import create_bot
from sandbox.telegram.server import EmulatorHandle, start_emulator
from sandbox.telegram.state import EmulatorOptions

SELLER = BotRole.SELLER
COURIER = BotRole.COURIER
REMOVED = "notification-staff-removed"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _prefix() -> str:
    return f"test:rate:{uuid.uuid4().hex}"


async def test_local_buckets_allow_a_burst_then_space_sends_per_bot() -> None:
    clock = FakeClock()
    limits = RateLimits(limits=Limits(per_bot_per_second=10, bot_burst=3), clock=clock)
    waits = [await limits.acquire(SELLER, 100 + n, max_wait=5) for n in range(6)]
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3:] == pytest.approx([0.1, 0.2, 0.3])
    # Another bot has a bucket of its own.
    assert await limits.acquire(COURIER, 100, max_wait=5) == 0.0


async def test_local_buckets_keep_one_message_a_second_per_chat() -> None:
    clock = FakeClock()
    limits = RateLimits(limits=Limits(chat_burst=2), clock=clock)
    waits = [await limits.acquire(SELLER, 42, max_wait=5) for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.0, 1.0, 2.0])
    clock.now += 10  # the bucket fills up again
    assert await limits.acquire(SELLER, 42, max_wait=5) == 0.0


async def test_a_group_gets_twenty_a_minute() -> None:
    clock = FakeClock()
    limits = RateLimits(limits=Limits(group_burst=1), clock=clock)
    assert await limits.acquire(SELLER, -1001, max_wait=5) == 0.0
    # The next slot is three seconds off: too far, so it is not reserved.
    assert await limits.acquire(SELLER, -1001, max_wait=1) == pytest.approx(3.0)
    assert await limits.acquire(SELLER, -1001, max_wait=5) == pytest.approx(3.0)


async def test_a_pause_holds_the_bot_and_a_far_slot_is_not_reserved() -> None:
    clock = FakeClock()
    limits = RateLimits(clock=clock)
    await limits.pause(SELLER, 4)
    assert await limits.acquire(SELLER, 1, max_wait=1) == pytest.approx(4.0)
    assert await limits.acquire(COURIER, 1, max_wait=1) == 0.0
    clock.now += 4
    assert await limits.acquire(SELLER, 1, max_wait=1) == 0.0


async def test_redis_buckets_are_shared_between_processes(redis: Redis) -> None:
    prefix = _prefix()
    tight = Limits(per_bot_per_second=2, bot_burst=2)
    one, two = RateLimits(redis, tight, prefix=prefix), RateLimits(redis, tight, prefix=prefix)
    assert await one.acquire(SELLER, 1, max_wait=5) == 0.0
    assert await two.acquire(SELLER, 2, max_wait=5) == 0.0
    # The bucket both draw from is empty now: the third slot is about half a second off.
    third = await one.acquire(SELLER, 3, max_wait=5)
    assert 0.3 < third <= 0.5
    fourth = await two.acquire(SELLER, 4, max_wait=5)
    assert fourth > third
    assert await two.acquire(COURIER, 4, max_wait=5) == 0.0


async def test_redis_pause_reaches_every_process(redis: Redis) -> None:
    prefix = _prefix()
    one, two = RateLimits(redis, prefix=prefix), RateLimits(redis, prefix=prefix)
    await one.pause(SELLER, 30)
    await two.pause(SELLER, 2)  # a shorter pause does not cut the longer one
    assert await two.acquire(SELLER, 7, max_wait=5) > 25
    assert await two.acquire(COURIER, 7, max_wait=5) == 0.0


async def test_without_redis_each_process_keeps_its_own_buckets() -> None:
    away = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        limits = RateLimits(away, Limits(chat_burst=1), prefix=_prefix())
        assert await limits.acquire(SELLER, 5, max_wait=5) == 0.0
        assert 0.9 < await limits.acquire(SELLER, 5, max_wait=5) <= 1.0
    finally:
        await away.aclose()


async def test_a_429_pauses_the_bot_and_gives_the_attempt_back(
    db: Database,
    redis: Redis,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    person = await new_person()
    await notify(db, person, SELLER, REMOVED, {"shop": "Ягодка"}, f"limits:{person}")
    telegram.script[person] = [RetryAfter(7)]
    limits = RateLimits(redis, prefix=_prefix())
    assert await make_sender(limits=limits).run_until_idle() == 1
    [row] = await list_notifications(db, person)
    assert (row.status, row.attempts) == (NotificationStatus.QUEUED, 0)
    assert await limits.acquire(SELLER, person + 1, max_wait=1) > 5
    assert await limits.acquire(COURIER, person, max_wait=1) == 0.0


async def test_a_slot_too_far_off_puts_the_message_back_without_a_call(
    db: Database,
    redis: Redis,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    person = await new_person()
    await notify(db, person, SELLER, REMOVED, {"shop": "Ягодка"}, f"limits-far:{person}")
    limits = RateLimits(redis, prefix=_prefix())
    await limits.pause(SELLER, 60)
    await make_sender(limits=limits, max_slot_wait=1).run_until_idle()
    assert telegram.calls == []
    [row] = await list_notifications(db, person)
    assert (row.status, row.attempts) == (NotificationStatus.QUEUED, 0)
    assert row.last_error is not None
    assert row.last_error.startswith("retry after")
    # Our own wait is not Telegram's 429: the pause was not lengthened to this row's wait.
    assert await limits.acquire(SELLER, person, max_wait=100) < 61


@dataclass
class Emulated:
    emulator: EmulatorHandle
    client: Bot


@pytest.fixture
async def emulated(settings: Settings) -> AsyncIterator[Emulated]:
    """The emulator with Telegram's limits on, and the seller bot's aiogram client to it."""
    options = EmulatorOptions()
    options.require_start = False
    emulator = await start_emulator(port=0, options=options)
    credentials = emulator.register_bot("limits_test_bot")
    client = create_bot(
        settings.model_copy(update={"telegram_api_url": emulator.url}), credentials.token
    )
    yield Emulated(emulator, client)
    await client.session.close()
    await emulator.close()


async def _queued_in_emulator(
    db: Database, emulated: Emulated, new_person: NewPerson, count: int, key: str
) -> list[int]:
    """``count`` people the emulator knows, each with a seller-bot message queued."""
    people = []
    for _ in range(count):
        person = await new_person()
        emulated.emulator.add_user("Вера", user_id=person)
        await notify(db, person, SELLER, REMOVED, {"shop": "Ягодка"}, f"{key}:{person}")
        people.append(person)
    return people


async def test_sends_within_the_emulators_limits_meet_no_429(
    db: Database,
    redis: Redis,
    new_person: NewPerson,
    make_sender: MakeSender,
    emulated: Emulated,
) -> None:
    # 45 people at once is more than the bot's 30 a second; one person gets 5 in a row,
    # more than a chat's burst.
    people = await _queued_in_emulator(db, emulated, new_person, 45, "em")
    for n in range(5):
        await notify(db, people[0], SELLER, REMOVED, {"shop": f"№{n}"}, f"em:{people[0]}:{n}")
    port = AiogramSender({SELLER: emulated.client})
    sender = make_sender(port, limits=RateLimits(redis, prefix=_prefix()), batch_size=60)
    assert await sender.run_until_idle() == 50
    for person in people:
        rows = await list_notifications(db, person)
        assert {row.status for row in rows} == {NotificationStatus.SENT}
    assert emulated.emulator.state.stats.errors[429] == 0


async def test_without_limits_the_emulator_answers_429(
    db: Database,
    new_person: NewPerson,
    make_sender: MakeSender,
    emulated: Emulated,
) -> None:
    # The check above means something: the same load unlimited is refused in part.
    await _queued_in_emulator(db, emulated, new_person, 45, "em-free")
    port = AiogramSender({SELLER: emulated.client})
    await make_sender(port, batch_size=60).send_batch()
    assert emulated.emulator.state.stats.errors[429] > 0


async def test_a_batch_asking_at_once_is_served_by_redis_with_few_connections(
    settings: Settings,
) -> None:
    client = Redis.from_url(str(settings.redis_url), max_connections=2)
    try:
        prefix = _prefix()
        limits = RateLimits(client, prefix=prefix)
        waits = await asyncio.gather(*(limits.acquire(SELLER, 500 + n, 10) for n in range(60)))
        assert sorted(waits)[-1] > 1.5  # 60 slots at 30 a second
        # Another process sees the same reservations: they are in Redis, not in this one.
        assert await RateLimits(client, prefix=prefix).acquire(SELLER, 9, max_wait=10) > 1.5
    finally:
        await client.aclose()
