"""Admin broadcasts: queued in batches at low priority, progress counted, cancel stops them."""

from __future__ import annotations

import html

import pytest
from communications_doubles import FakeTelegram, MakeSender, NewPerson

from core.auth.policy import Actor, Role
from core.communications import _broadcasts
from core.communications.api import (
    cancel_broadcast,
    create_broadcast,
    get_broadcast,
    list_broadcasts,
    list_notifications,
    mark_unreachable,
    queue_broadcasts,
)
from core.communications.errors import InvalidBroadcast
from core.communications.port import Blocked
from core.communications.schemas import (
    Audience,
    BroadcastForm,
    BroadcastProgress,
    BroadcastStatus,
    NotificationStatus,
    Priority,
)
from core.shared.config import BotRole
from core.shared.errors import CoreError, ErrorKind
from core.shared.uow import Database

CUSTOMER = BotRole.CUSTOMER
ADMIN = Actor(1000001, platform_roles=frozenset({Role.ADMIN}))
BLOCKED_ANSWER = Blocked("Forbidden: bot was blocked by the user")
TEXT = "Скидка 20% на яблоки <сегодня> & завтра"


def _to(*ids: int) -> BroadcastForm:
    return BroadcastForm(TEXT, CUSTOMER, Audience.IDS, recipient_ids=ids)


async def test_a_broadcast_reaches_its_list_and_counts_how_it_went(
    db: Database,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    reader, blocker, gone = [await new_person() for _ in range(3)]
    await mark_unreachable(db, gone, CUSTOMER, "Forbidden: bot was blocked by the user")
    telegram.script[blocker] = [BLOCKED_ANSWER]

    made = await create_broadcast(db, ADMIN, _to(reader, blocker, gone, reader))
    assert (made.status, made.total) == (BroadcastStatus.QUEUED, 3)
    assert made.progress == BroadcastProgress(queued=2, blocked=1)
    [row] = await list_notifications(db, reader)
    assert row.priority == Priority.BROADCAST

    assert await make_sender().run_until_idle() == 2
    assert telegram.texts_to(reader) == [html.escape(TEXT, quote=False)]
    done = await get_broadcast(db, ADMIN, made.id)
    assert done.progress == BroadcastProgress(sent=1, blocked=2)
    assert [b.id for b in await list_broadcasts(db, ADMIN)][0] == made.id


async def test_a_big_audience_is_queued_in_batches(
    db: Database,
    new_person: NewPerson,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_broadcasts, "BATCH", 2)
    people = [await new_person() for _ in range(5)]
    made = await create_broadcast(db, ADMIN, _to(*people))
    assert (made.status, made.total) == (BroadcastStatus.QUEUING, 2)
    assert await queue_broadcasts(db, batch=2) == 3
    again = await get_broadcast(db, ADMIN, made.id)
    assert (again.status, again.total, again.progress.queued) == (BroadcastStatus.QUEUED, 5, 5)
    assert await queue_broadcasts(db, batch=2) == 0  # a repeated run queues nobody twice


async def test_cancel_stops_what_has_not_gone_out(
    db: Database,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    people = [await new_person() for _ in range(4)]
    made = await create_broadcast(db, ADMIN, _to(*people))
    sender = make_sender(batch_size=1)
    assert await sender.send_batch() == 1
    canceled = await cancel_broadcast(db, ADMIN, made.id)
    assert canceled.status is BroadcastStatus.CANCELED
    assert canceled.progress == BroadcastProgress(sent=1, canceled=3)
    assert await sender.run_until_idle() == 0
    assert len(telegram.calls) == 1
    [row] = await list_notifications(db, people[-1])
    assert row.status is NotificationStatus.CANCELED
    # Twice is the same as once.
    assert (await cancel_broadcast(db, ADMIN, made.id)).progress == canceled.progress


async def test_everyone_known_is_a_customer_audience(db: Database, new_person: NewPerson) -> None:
    person = await new_person()
    made = await create_broadcast(db, ADMIN, BroadcastForm(TEXT, CUSTOMER, Audience.CUSTOMERS))
    await queue_broadcasts(db)
    assert (await get_broadcast(db, ADMIN, made.id)).status is BroadcastStatus.QUEUED
    [row] = await list_notifications(db, person)
    assert row.template == "broadcast-message"


@pytest.mark.parametrize(
    "form",
    [
        BroadcastForm("   ", CUSTOMER, Audience.IDS, recipient_ids=(1,)),
        BroadcastForm("x" * 4001, CUSTOMER, Audience.IDS, recipient_ids=(1,)),
        BroadcastForm(TEXT, CUSTOMER, Audience.IDS),
        BroadcastForm(TEXT, CUSTOMER, Audience.IDS, recipient_ids=(0,)),
        BroadcastForm(TEXT, CUSTOMER, Audience.SHOP),
        BroadcastForm(TEXT, CUSTOMER, Audience.CUSTOMERS, recipient_ids=(5,)),
    ],
)
async def test_a_bad_broadcast_is_refused(db: Database, form: BroadcastForm) -> None:
    with pytest.raises(InvalidBroadcast):
        await create_broadcast(db, ADMIN, form)


async def test_only_admins_broadcast(db: Database, new_person: NewPerson) -> None:
    person = await new_person()
    with pytest.raises(CoreError) as refused:
        await create_broadcast(db, Actor(person), _to(person))
    assert refused.value.kind is ErrorKind.FORBIDDEN
