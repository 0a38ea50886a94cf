"""What support and operators read of the notifications: a person's history with how each went
and which bots cannot reach them, and each bot's backlog."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from communications_doubles import FakeTelegram, MakeSender, NewPerson, fresh_id
from sqlalchemy import text

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.communications.api import (
    mark_reachable,
    mark_unreachable,
    notification_backlog,
    notify,
    person_notifications,
)
from core.communications.errors import InvalidNotification
from core.communications.port import Blocked, Failed
from core.communications.schemas import BotBacklog, NotificationStatus, Reachability
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.uow import Database

CUSTOMER, COURIER, SELLER, SUPPORT_BOT = (
    BotRole.CUSTOMER, BotRole.COURIER, BotRole.SELLER, BotRole.SUPPORT
)
AGENT = Actor(7_699_999_001, platform_roles=frozenset({Role.SUPPORT}))
ADMIN = Actor(7_699_999_002, platform_roles=frozenset({Role.ADMIN}))
TEMPLATE = "notification-staff-removed"
BLOCKED = "Forbidden: bot was blocked by the user"


async def _queue(db: Database, person: int, bot: BotRole, key: str) -> UUID:
    made = await notify(db, person, bot, TEMPLATE, {"shop": "Ягодка"}, f"lookup:{person}:{key}")
    assert made is not None
    return made


@pytest.mark.parametrize(
    "actor",
    [
        Actor(7_699_999_003),
        Actor(7_699_999_004, platform_roles=frozenset({Role.COURIER})),
        Actor(7_699_999_005, shops={UUID(int=5): Role.OWNER}),
    ],
    ids=["customer", "courier", "shop owner"],
)
async def test_only_support_and_admins_may_look(db: Database, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        await person_notifications(db, actor, fresh_id())
    # Not even their own: this is the staff's view, with the sender's errors in it.
    with pytest.raises(PermissionDenied):
        await person_notifications(db, actor, actor.telegram_id)


async def test_support_sees_a_persons_notifications_newest_first(
    db: Database, clock: FrozenClock, new_person: NewPerson
) -> None:
    person, someone_else = await new_person(), await new_person()
    first = await _queue(db, person, CUSTOMER, "first")
    clock.advance(timedelta(minutes=1))
    second = await _queue(db, person, SELLER, "second")
    clock.advance(timedelta(minutes=1))
    third = await _queue(db, person, CUSTOMER, "third")
    await _queue(db, someone_else, CUSTOMER, "theirs")

    for actor in (AGENT, ADMIN):
        found = await person_notifications(db, actor, person)
        assert found.recipient_id == person
        assert [n.id for n in found.notifications] == [third, second, first]
    newest = found.notifications[0]
    assert (newest.template, newest.bot, newest.status) == (
        TEMPLATE, CUSTOMER, NotificationStatus.QUEUED
    )
    assert (newest.attempts, newest.last_error, newest.sent_at) == (0, None, None)
    assert newest.created_at == clock.now()

    in_customer = await person_notifications(db, AGENT, person, bot=CUSTOMER)
    assert [n.id for n in in_customer.notifications] == [third, first]
    in_seller = await person_notifications(db, AGENT, person, bot=SELLER)
    assert [n.id for n in in_seller.notifications] == [second]
    assert (await person_notifications(db, AGENT, person, bot=COURIER)).notifications == ()


async def test_the_limit_keeps_the_newest_and_never_exceeds_a_hundred(
    db: Database, clock: FrozenClock, new_person: NewPerson
) -> None:
    person = await new_person()
    made = []
    for number in range(102):
        made.append(await _queue(db, person, CUSTOMER, str(number)))
        clock.advance(timedelta(seconds=1))
    newest_first = made[::-1]

    two = await person_notifications(db, AGENT, person, limit=2)
    assert [n.id for n in two.notifications] == newest_first[:2]
    at_least_one = await person_notifications(db, AGENT, person, limit=0)
    assert [n.id for n in at_least_one.notifications] == newest_first[:1]
    capped = await person_notifications(db, AGENT, person, limit=1000)
    assert [n.id for n in capped.notifications] == newest_first[:100]


async def test_how_sending_went_and_which_bots_cannot_reach_them(
    db: Database,
    clock: FrozenClock,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    person = await new_person()
    sent = await _queue(db, person, CUSTOMER, "sent")
    await make_sender().run_until_idle()
    telegram.script[person] = [Blocked(BLOCKED)]
    blocked_at = clock.now()
    blocked = await _queue(db, person, SELLER, "blocked")
    await make_sender().run_until_idle()
    clock.advance(timedelta(hours=1))
    telegram.script[person] = [Failed("Bad Request: message is too long", permanent=True)]
    refused = await _queue(db, person, COURIER, "refused")
    await make_sender().run_until_idle()
    never_tried = await _queue(db, person, SELLER, "never-tried")

    found = await person_notifications(db, AGENT, person)

    by_id = {n.id: n for n in found.notifications}
    assert by_id[sent].status is NotificationStatus.SENT
    assert by_id[sent].sent_at is not None
    assert by_id[sent].telegram_message_id is not None
    assert by_id[blocked].status is NotificationStatus.FAILED
    assert by_id[blocked].last_error == f"blocked: {BLOCKED}"
    assert (by_id[refused].status, by_id[refused].attempts) == (NotificationStatus.FAILED, 1)
    assert by_id[refused].last_error == "Bad Request: message is too long"
    # Queued after the seller bot was blocked: failed at once, saying why.
    assert by_id[never_tried].status is NotificationStatus.FAILED
    assert (by_id[never_tried].attempts, by_id[never_tried].last_error) == (
        0, f"unreachable: {BLOCKED}"
    )
    assert found.reachability == (
        Reachability(CUSTOMER, reachable=True),
        Reachability(COURIER, reachable=True),
        Reachability(SELLER, reachable=False, reason=BLOCKED, since=blocked_at),
        Reachability(SUPPORT_BOT, reachable=True),
    )

    await mark_reachable(db, person, SELLER)
    await mark_unreachable(db, person, SUPPORT_BOT, "Forbidden: bot can't initiate conversation")
    again = await person_notifications(db, AGENT, person, bot=CUSTOMER)
    assert [n.id for n in again.notifications] == [sent]
    # Reachability is about the person, whichever bot the list was narrowed to.
    assert [(r.bot, r.reachable, r.reason) for r in again.reachability] == [
        (CUSTOMER, True, None),
        (COURIER, True, None),
        (SELLER, True, None),
        (SUPPORT_BOT, False, "Forbidden: bot can't initiate conversation"),
    ]


async def test_someone_nothing_was_sent_to_has_an_empty_history(db: Database) -> None:
    stranger = fresh_id()
    found = await person_notifications(db, AGENT, stranger)
    assert found.notifications == ()
    assert all(r.reachable for r in found.reachability)
    assert [r.bot for r in found.reachability] == list(BotRole)


@pytest.mark.parametrize("recipient_id", [0, -5, True])
async def test_a_recipient_that_is_no_telegram_id_is_refused(
    db: Database, recipient_id: int
) -> None:
    with pytest.raises(InvalidNotification):
        await person_notifications(db, AGENT, recipient_id)


# -- the backlog -------------------------------------------------------------------------------
# The communications conftest empties the notifications before each test: these counts are
# the whole table's.


async def test_the_backlog_counts_what_each_bot_could_send_now_and_its_lag(
    db: Database, clock: FrozenClock, new_person: NewPerson, make_sender: MakeSender
) -> None:
    assert await notification_backlog(db) == tuple(
        BotBacklog(bot, due=0, oldest_due_seconds=0.0) for bot in BotRole
    )
    person = await new_person()
    await _queue(db, person, COURIER, "old")
    clock.advance(timedelta(seconds=90))
    await _queue(db, person, COURIER, "new")
    await _queue(db, person, SELLER, "seller")
    clock.advance(timedelta(seconds=30))

    lanes = {lane.bot: lane for lane in await notification_backlog(db)}

    assert lanes[COURIER] == BotBacklog(COURIER, due=2, oldest_due_seconds=120.0)
    assert lanes[SELLER] == BotBacklog(SELLER, due=1, oldest_due_seconds=30.0)
    assert lanes[CUSTOMER] == BotBacklog(CUSTOMER, due=0, oldest_due_seconds=0.0)

    await make_sender().run_until_idle()
    assert {lane.due for lane in await notification_backlog(db)} == {0}


async def test_the_backlog_leaves_out_what_is_settled_or_not_due_yet(
    db: Database, clock: FrozenClock, new_person: NewPerson
) -> None:
    person, blocker = await new_person(), await new_person()
    await mark_unreachable(db, blocker, CUSTOMER, BLOCKED)
    await _queue(db, blocker, CUSTOMER, "failed-at-once")
    later = await _queue(db, person, CUSTOMER, "retry-later")
    held = await _queue(db, person, CUSTOMER, "held")
    lapsed = await _queue(db, person, CUSTOMER, "lapsed")
    now = clock.now()
    # As the sender leaves them: a retry due in a minute, a row it is sending under a live
    # lease, and one whose sender died (its lease ran out ten seconds ago: due again).
    async with db.engine.begin() as conn:
        await conn.execute(
            text("UPDATE notifications SET next_attempt_at = :at WHERE id = :id"),
            {"id": later, "at": now + timedelta(minutes=1)},
        )
        await conn.execute(
            text("UPDATE notifications SET status = 'sending', next_attempt_at = :at "
                 "WHERE id = :id"),
            [{"id": held, "at": now + timedelta(seconds=30)},
             {"id": lapsed, "at": now - timedelta(seconds=10)}],
        )

    lanes = {lane.bot: lane for lane in await notification_backlog(db)}

    assert lanes[CUSTOMER] == BotBacklog(CUSTOMER, due=1, oldest_due_seconds=10.0)
    clock.advance(timedelta(minutes=2))
    lanes = {lane.bot: lane for lane in await notification_backlog(db)}
    assert lanes[CUSTOMER] == BotBacklog(CUSTOMER, due=3, oldest_due_seconds=130.0)
