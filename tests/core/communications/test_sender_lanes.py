"""The sender's lanes: each bot works its own queue, so one bot's backlog never delays another's
messages, and within a bot one slow chat never stalls the others."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from communications_doubles import FakeTelegram, MakeSender, NewPerson
from redis.asyncio import Redis

from core.communications._limits import Limits, RateLimits
from core.communications.api import Sender, list_notifications, notify, nudge_senders_through
from core.communications.schemas import NotificationStatus, Priority
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database

CUSTOMER = BotRole.CUSTOMER
SELLER = BotRole.SELLER
REMOVED = "notification-staff-removed"


def _limits(redis: Redis, limits: Limits) -> RateLimits:
    return RateLimits(redis, limits, prefix=f"test:lanes:{uuid.uuid4().hex}")


async def _until(check: Callable[[], bool], seconds: float = 4) -> None:
    for _ in range(int(seconds / 0.01)):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


@asynccontextmanager
async def _sending(sender: Sender, telegram: FakeTelegram, db: Database) -> AsyncIterator[None]:
    """The sender running on nudges, its first message already in flight; stopped after."""
    running = asyncio.create_task(sender.run())
    try:
        await asyncio.wait_for(sender.nudges_ready.wait(), 5)
        await asyncio.wait_for(telegram.entered.wait(), 5)
        yield
    finally:
        nudge_senders_through(db, None)
        sender.stop()
        await asyncio.wait_for(running, 5)


async def test_a_backlog_in_one_bot_does_not_delay_another_bots_message(
    db: Database, redis: Redis, new_person: NewPerson, make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    # A broadcast in the customer bot at 10 a second: two seconds of work for 20 people.
    fans = [await new_person() for _ in range(20)]
    for fan in fans:
        await notify(db, fan, CUSTOMER, REMOVED, {"shop": "Акция"}, f"lanes:b:{fan}",
                     priority=Priority.BROADCAST)
    nudge_senders_through(db, redis)
    # The poll would outlast the test: only the nudge can wake the seller's lane in time.
    sender = make_sender(redis=redis, poll_seconds=60, batch_size=60,
                         limits=_limits(redis, Limits(per_bot_per_second=10, bot_burst=1)))
    async with _sending(sender, telegram, db):
        seller = await new_person()
        await notify(db, seller, SELLER, REMOVED, {"shop": "Заказ"}, f"lanes:o:{seller}")
        await _until(lambda: bool(telegram.texts_to(seller)))
        # It went out while the broadcast was still being worked, not after it.
        assert sum(call.bot is CUSTOMER for call in telegram.calls) < len(fans) // 2
        await _until(lambda: len(telegram.calls) == len(fans) + 1)
    for person in (*fans, seller):
        [row] = await list_notifications(db, person)
        assert row.status is NotificationStatus.SENT


async def test_a_slow_chat_does_not_stall_its_bots_lane(
    db: Database, redis: Redis, new_person: NewPerson, make_sender: MakeSender,
    telegram: FakeTelegram, translator: Translator,
) -> None:
    # Eight messages to one chat at five a second: about a second and a half of it.
    slow = await new_person()
    for n in range(8):
        await notify(db, slow, SELLER, REMOVED, {"shop": f"№{n}"}, f"lanes:s:{slow}:{n}")
    nudge_senders_through(db, redis)
    sender = make_sender(redis=redis, poll_seconds=60, batch_size=60,
                         limits=_limits(redis, Limits(per_chat_per_second=5, chat_burst=1)))
    async with _sending(sender, telegram, db):
        other = await new_person()
        await notify(db, other, SELLER, REMOVED, {"shop": "Заказ"}, f"lanes:q:{other}")
        # One more for the slow chat, queued while the lane is still sending it the others.
        await notify(db, slow, SELLER, REMOVED, {"shop": "№8"}, f"lanes:s:{slow}:8")
        await _until(lambda: bool(telegram.texts_to(other)))
        assert len(telegram.texts_to(slow)) < 6
        await _until(lambda: len(telegram.texts_to(slow)) == 9)
    # The slow chat's messages went out in the order they were queued.
    assert telegram.texts_to(slow) == [
        translator.get("ru", REMOVED, shop=f"№{n}") for n in range(9)
    ]
    assert {row.status for row in await list_notifications(db, slow)} == {NotificationStatus.SENT}


async def test_a_lane_still_takes_the_most_urgent_first(
    db: Database, new_person: NewPerson, make_sender: MakeSender, telegram: FakeTelegram,
) -> None:
    fans = [await new_person() for _ in range(4)]
    for fan in fans:
        await notify(db, fan, SELLER, REMOVED, {"shop": "Акция"}, f"lanes:pb:{fan}",
                     priority=Priority.BROADCAST)
    buyers = [await new_person() for _ in range(2)]
    for buyer in buyers:
        await notify(db, buyer, SELLER, REMOVED, {"shop": "Заказ"}, f"lanes:po:{buyer}")
    assert await make_sender(batch_size=2).run_until_idle(SELLER) == 6
    assert [call.chat_id for call in telegram.calls] == [*buyers, *fans]


async def test_a_batch_or_a_lane_of_one_bot_leaves_the_others_queued(
    db: Database, new_person: NewPerson, make_sender: MakeSender, telegram: FakeTelegram,
) -> None:
    customer, seller = await new_person(), await new_person()
    await notify(db, customer, CUSTOMER, REMOVED, {"shop": "А"}, f"lanes:c:{customer}")
    await notify(db, seller, SELLER, REMOVED, {"shop": "Б"}, f"lanes:s:{seller}")
    sender = make_sender()
    assert await sender.send_batch(SELLER) == 1
    assert await sender.run_until_idle(SELLER) == 0
    assert [(call.bot, call.chat_id) for call in telegram.calls] == [(SELLER, seller)]
    assert await sender.run_until_idle() == 1  # every lane
    assert [call.bot for call in telegram.calls] == [SELLER, CUSTOMER]


async def test_one_person_with_many_messages_does_not_fill_the_lane(
    db: Database, redis: Redis, new_person: NewPerson, make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    # Twelve messages to one chat at five a second, and room for exactly twelve in flight: were
    # they claimed together, nobody else in the bot would get a message for over two seconds.
    slow = await new_person()
    for n in range(12):
        await notify(db, slow, SELLER, REMOVED, {"shop": f"№{n}"}, f"lanes:f:{slow}:{n}")
    nudge_senders_through(db, redis)
    sender = make_sender(redis=redis, poll_seconds=60, batch_size=12,
                         limits=_limits(redis, Limits(per_chat_per_second=5, chat_burst=1)))
    async with _sending(sender, telegram, db):
        other = await new_person()
        await notify(db, other, SELLER, REMOVED, {"shop": "Заказ"}, f"lanes:f:{other}")
        await _until(lambda: bool(telegram.texts_to(other)))
        assert len(telegram.texts_to(slow)) <= 4
        await _until(lambda: len(telegram.texts_to(slow)) == 12)
    assert [row.status for row in await list_notifications(db, slow)] == [
        NotificationStatus.SENT
    ] * 12


async def test_stopping_puts_what_has_not_gone_out_back_in_the_queue(
    db: Database, redis: Redis, new_person: NewPerson, make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    slow = await new_person()
    for n in range(3):
        await notify(db, slow, SELLER, REMOVED, {"shop": f"№{n}"}, f"lanes:x:{slow}:{n}")
    # One a second: the second message would wait a second for its slot, the third two.
    sender = make_sender(redis=redis, poll_seconds=60,
                         limits=_limits(redis, Limits(per_chat_per_second=1, chat_burst=1)))
    running = asyncio.create_task(sender.run())
    await asyncio.wait_for(telegram.entered.wait(), 5)
    sender.stop()
    await asyncio.wait_for(running, 1.5)  # not the two seconds the rest would take

    rows = await list_notifications(db, slow)
    sent = [row for row in rows if row.status is NotificationStatus.SENT]
    back = [row for row in rows if row.status is NotificationStatus.QUEUED]
    assert len(sent) + len(back) == 3
    assert len(sent) == len(telegram.texts_to(slow)) >= 1
    assert back, "the rest should be back in the queue"
    assert all(row.attempts == 0 for row in back)  # the attempt was given back
    # The next sender sends them, in order after the first.
    assert await make_sender().run_until_idle(SELLER) == len(back)
    assert len(telegram.texts_to(slow)) == 3
