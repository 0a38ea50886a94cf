"""The sender on real PostgreSQL, with a fake Telegram behind the port."""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections import Counter
from datetime import timedelta
from uuid import UUID

import pytest
from communications_doubles import FakeTelegram, MakeSender, NewPerson, fresh_id
from redis.asyncio import Redis

from core.communications.api import (
    get_notification,
    is_reachable,
    list_notifications,
    mark_reachable,
    mark_unreachable,
    notify,
    nudge_senders_through,
)
from core.communications.port import Blocked, Failed, RetryAfter, Sent
from core.communications.schemas import NotificationStatus
from core.communications.tasks import RETENTION, communications_housekeeping
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.tasks import TaskContext
from core.shared.uow import Database

SELLER = BotRole.SELLER
REMOVED = "notification-staff-removed"
BLOCKED = Blocked("Forbidden: bot was blocked by the user")


async def _queue(db: Database, person: int, shop: str = "Ягодка", key: str | None = None,
                 bot: BotRole = SELLER) -> UUID:
    made = await notify(db, person, bot, REMOVED, {"shop": shop}, key or f"test:{person}:{shop}")
    assert made is not None
    return made


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_sends_in_the_language_the_person_chose(
    db: Database, new_person: NewPerson, make_sender: MakeSender, telegram: FakeTelegram,
    translator: Translator, language: str,
) -> None:
    person = await new_person(language=language)
    made = await _queue(db, person, "Ягодка & Ко <1>")
    assert await make_sender().run_until_idle() == 1
    expected = translator.get(language, REMOVED, shop="Ягодка &amp; Ко &lt;1&gt;")
    assert telegram.calls[0].bot is SELLER
    assert telegram.texts_to(person) == [expected]
    sent = await get_notification(db, made)
    assert sent.status is NotificationStatus.SENT
    assert (sent.attempts, sent.telegram_message_id, sent.last_error) == (1, 1, None)
    assert sent.sent_at is not None


async def test_without_a_chosen_language_it_speaks_the_default(
    db: Database, new_person: NewPerson, make_sender: MakeSender, telegram: FakeTelegram,
    translator: Translator,
) -> None:
    undecided = await new_person()
    stranger = fresh_id()  # never wrote to a bot: no user row at all
    await _queue(db, undecided)
    await _queue(db, stranger)
    await make_sender().run_until_idle()
    assert telegram.texts_to(undecided) == [translator.get("ru", REMOVED, shop="Ягодка")]
    assert telegram.texts_to(stranger) == [translator.get("ru", REMOVED, shop="Ягодка")]
    english = make_sender(default_language="en")
    await _queue(db, stranger, "Другой")
    await english.run_until_idle()
    assert telegram.texts_to(stranger)[-1] == translator.get("en", REMOVED, shop="Другой")


async def test_the_language_is_read_when_sending_not_when_queueing(
    db: Database, new_person: NewPerson, make_sender: MakeSender, telegram: FakeTelegram,
    translator: Translator,
) -> None:
    from core.auth.api import set_language

    person = await new_person(language="ru")
    await _queue(db, person)
    await set_language(db, person, "en")
    await make_sender().run_until_idle()
    assert telegram.texts_to(person) == [translator.get("en", REMOVED, shop="Ягодка")]


async def test_one_persons_messages_go_out_in_order(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    person = fresh_id()
    shops = [f"Магазин {n}" for n in range(6)]
    for shop in shops:
        await _queue(db, person, shop)
    telegram.yields = 3
    await make_sender(batch_size=4).run_until_idle()
    assert telegram.texts_to(person) == [
        Translator().get("ru", REMOVED, shop=shop) for shop in shops
    ]


async def test_retry_after_is_honoured_and_costs_no_attempt(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = fresh_id()
    telegram.script[person] = [RetryAfter(30)]
    made = await _queue(db, person)
    sender = make_sender()
    assert await sender.run_until_idle() == 1
    waiting = await get_notification(db, made)
    assert waiting.status is NotificationStatus.QUEUED
    assert (waiting.attempts, waiting.next_attempt_at) == (0, clock.now() + timedelta(seconds=30))

    clock.advance(timedelta(seconds=29))
    assert await sender.run_until_idle() == 0
    assert len(telegram.calls) == 1
    clock.advance(timedelta(seconds=1))
    assert await sender.run_until_idle() == 1
    sent = await get_notification(db, made)
    assert (sent.status, sent.attempts, len(telegram.calls)) == (NotificationStatus.SENT, 1, 2)


async def test_transient_failures_back_off_then_give_up(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = fresh_id()
    telegram.script[person] = [Failed("TelegramServerError: Bad Gateway")] * 3
    made = await _queue(db, person)
    sender = make_sender(max_attempts=3, backoff_base=timedelta(seconds=10))
    await sender.run_until_idle()
    first = await get_notification(db, made)
    assert (first.status, first.attempts) == (NotificationStatus.QUEUED, 1)
    assert first.last_error == "TelegramServerError: Bad Gateway"
    delay = first.next_attempt_at - clock.now()
    assert timedelta(seconds=5) <= delay <= timedelta(seconds=10)
    assert await sender.run_until_idle() == 0  # not due yet

    for _ in range(2):
        clock.advance(timedelta(minutes=5))
        assert await sender.run_until_idle() == 1
    given_up = await get_notification(db, made)
    assert (given_up.status, given_up.attempts) == (NotificationStatus.FAILED, 3)
    clock.advance(timedelta(days=1))
    assert await sender.run_until_idle() == 0
    assert len(telegram.calls) == 3


async def test_a_port_that_raises_counts_as_a_transient_failure(
    db: Database, make_sender: MakeSender, clock: FrozenClock
) -> None:
    class Broken(FakeTelegram):
        async def send(self, *args: object, **kwargs: object) -> Sent:
            raise ConnectionResetError("peer went away")

    made = await _queue(db, fresh_id())
    await make_sender(Broken()).run_until_idle()
    row = await get_notification(db, made)
    assert (row.status, row.attempts) == (NotificationStatus.QUEUED, 1)
    assert row.last_error == "ConnectionResetError: peer went away"


async def test_a_permanent_failure_is_not_retried(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = fresh_id()
    telegram.script[person] = [Failed("TelegramBadRequest: can't parse entities", permanent=True)]
    made = await _queue(db, person)
    sender = make_sender()
    await sender.run_until_idle()
    clock.advance(timedelta(hours=1))
    await sender.run_until_idle()
    row = await get_notification(db, made)
    assert (row.status, row.attempts, len(telegram.calls)) == (NotificationStatus.FAILED, 1, 1)


async def test_an_unknown_template_fails_without_a_send(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    person = fresh_id()
    made = await notify(db, person, SELLER, "notification-no-such-thing", {}, "test:unknown")
    assert made is not None
    assert await make_sender().run_until_idle() == 1
    row = await get_notification(db, made)
    assert row.status is NotificationStatus.FAILED
    assert "notification-no-such-thing" in (row.last_error or "")
    assert telegram.calls == []


async def test_a_block_makes_the_person_unreachable_and_stops_retrying(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = fresh_id()
    telegram.script[person] = [BLOCKED]
    first = await _queue(db, person, "Первый")
    second = await _queue(db, person, "Второй")  # same batch, same person: no second try
    other_bot = await _queue(db, person, "Курьерам", bot=BotRole.COURIER)
    sender = make_sender()
    # One lane after the other: the script answers by chat, whichever bot asks first.
    assert await sender.run_until_idle(SELLER) == 2
    assert await sender.run_until_idle(BotRole.COURIER) == 1

    for made in (first, second):
        row = await get_notification(db, made)
        assert row.status is NotificationStatus.FAILED
        assert row.last_error == f"blocked: {BLOCKED.description}"
    assert (await get_notification(db, other_bot)).status is NotificationStatus.SENT
    assert [call.bot for call in telegram.calls] == [SELLER, BotRole.COURIER]
    assert not await is_reachable(db, person, SELLER)

    later = await _queue(db, person, "Третий")
    clock.advance(timedelta(days=1))
    assert await sender.run_until_idle() == 0
    assert (await get_notification(db, later)).status is NotificationStatus.FAILED
    assert len(telegram.calls) == 2

    await mark_reachable(db, person, SELLER)  # they wrote /start again
    back = await _queue(db, person, "Снова")
    await sender.run_until_idle()
    assert (await get_notification(db, back)).status is NotificationStatus.SENT


async def test_queued_notifications_fail_once_the_person_turns_unreachable(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    person = fresh_id()
    made = await _queue(db, person)
    await mark_unreachable(db, person, SELLER, "blocked the bot")
    assert await make_sender().run_until_idle() == 1
    row = await get_notification(db, made)
    assert row.status is NotificationStatus.FAILED
    assert row.last_error == "unreachable: blocked the bot"
    assert telegram.calls == []


# -- leases and concurrency ------------------------------------------------------------------


async def _crash_mid_send(make_sender: MakeSender) -> None:
    """A sender that claims the batch, starts sending and dies before recording anything."""
    stuck = FakeTelegram(hold=asyncio.Event())
    sending = asyncio.create_task(make_sender(stuck).send_batch())
    await stuck.entered.wait()
    sending.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sending


async def test_an_expired_lease_is_taken_over(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = fresh_id()
    made = await _queue(db, person)
    await _crash_mid_send(make_sender)
    held = await get_notification(db, made)
    assert (held.status, held.attempts) == (NotificationStatus.SENDING, 1)

    survivor = make_sender(lease=timedelta(minutes=2))
    assert await survivor.run_until_idle() == 0  # the lease still stands
    clock.advance(timedelta(minutes=2))
    assert await survivor.run_until_idle() == 1
    sent = await get_notification(db, made)
    assert (sent.status, sent.attempts) == (NotificationStatus.SENT, 2)
    assert len(telegram.texts_to(person)) == 1


async def test_a_send_that_keeps_crashing_the_sender_is_given_up(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    made = await _queue(db, fresh_id())
    for _ in range(2):
        await _crash_mid_send(make_sender)
        clock.advance(timedelta(minutes=2))
    assert await make_sender(max_attempts=2).run_until_idle() == 1
    row = await get_notification(db, made)
    assert (row.status, row.last_error) == (NotificationStatus.FAILED, "gave up after 2 attempts")
    assert telegram.calls == []


async def test_a_late_outcome_after_a_takeover_is_not_recorded(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    made = await _queue(db, fresh_id())
    slow = FakeTelegram(hold=asyncio.Event(), script={})
    slow.script[(await get_notification(db, made)).recipient_id] = [
        Failed("late", permanent=True)
    ]
    sending = asyncio.create_task(make_sender(slow).send_batch())
    await slow.entered.wait()
    clock.advance(timedelta(minutes=2))
    assert await make_sender().run_until_idle() == 1  # took over and sent
    assert slow.hold is not None
    slow.hold.set()
    await sending
    row = await get_notification(db, made)
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 2)


async def test_two_senders_never_send_the_same_notification_twice(
    db: Database, other_db: Database, make_sender: MakeSender, translator: Translator
) -> None:
    people = [fresh_id() for _ in range(40)]
    for person in people:
        await _queue(db, person, f"Магазин {person}")
    one, two = FakeTelegram(yields=2), FakeTelegram(yields=2)
    handled = await asyncio.gather(
        make_sender(one, batch_size=3).run_until_idle(),
        make_sender(two, database=other_db, batch_size=3).run_until_idle(),
    )
    assert sum(handled) == len(people)
    sent = Counter(call.chat_id for call in [*one.calls, *two.calls])
    assert sent == Counter(people)
    assert one.calls, "both senders should have taken a share"
    assert two.calls, "both senders should have taken a share"
    for person in people:
        [row] = await list_notifications(db, person)
        assert row.status is NotificationStatus.SENT


# -- running ---------------------------------------------------------------------------------


async def test_running_sender_wakes_on_a_nudge_and_stops_cleanly(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, redis: Redis,
    translator: Translator,
) -> None:
    nudge_senders_through(db, redis)
    # A poll this long would outlast the test: only the nudge can wake it in time.
    sender = make_sender(redis=redis, poll_seconds=60)
    running = asyncio.create_task(sender.run())
    try:
        await asyncio.wait_for(sender.nudges_ready.wait(), 5)
        person = fresh_id()
        await _queue(db, person, "<b>Ягодка</b>")
        await asyncio.wait_for(telegram.delivered.wait(), 5)
        assert telegram.texts_to(person) == [
            translator.get("ru", REMOVED, shop=html.escape("<b>Ягодка</b>", quote=False))
        ]
    finally:
        nudge_senders_through(db, None)
        sender.stop()
        await asyncio.wait_for(running, 5)


async def test_housekeeping_deletes_only_long_settled_notifications(
    db: Database, settings: Settings, redis: Redis, make_sender: MakeSender,
    telegram: FakeTelegram, clock: FrozenClock,
) -> None:
    sent, failed, queued = fresh_id(), fresh_id(), fresh_id()
    telegram.script[failed] = [Failed("bad request", permanent=True)]
    for person in (sent, failed):
        await _queue(db, person)
    await make_sender().run_until_idle()
    clock.advance(RETENTION)
    waiting = await _queue(db, queued)  # queued long after; and queued is never purged
    context = TaskContext(settings=settings, db=db, redis=redis)
    assert await communications_housekeeping(context) == 0  # settled exactly RETENTION ago
    clock.advance(timedelta(seconds=1))
    assert await communications_housekeeping(context) == 2
    assert await list_notifications(db, sent) == []
    assert await list_notifications(db, failed) == []
    assert (await get_notification(db, waiting)).status is NotificationStatus.QUEUED
    assert await communications_housekeeping(context) == 0
