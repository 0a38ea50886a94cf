"""The sender takes the most urgent notifications first: order news before a broadcast."""

from __future__ import annotations

from datetime import timedelta

from communications_doubles import FakeTelegram, MakeSender, NewPerson

from core.communications.api import get_notification, notify
from core.communications.schemas import NotificationStatus, Priority
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.uow import Database

SELLER = BotRole.SELLER
REMOVED = "notification-staff-removed"


async def test_order_news_goes_out_before_a_broadcast_queued_earlier(
    db: Database,
    clock: FrozenClock,
    new_person: NewPerson,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    fans = [await new_person() for _ in range(3)]
    for fan in fans:
        await notify(
            db,
            fan,
            SELLER,
            REMOVED,
            {"shop": "Акция"},
            f"prio:b:{fan}",
            priority=Priority.BROADCAST,
        )
    clock.advance(timedelta(seconds=5))
    buyer = await new_person()
    urgent = await notify(db, buyer, SELLER, REMOVED, {"shop": "Заказ"}, f"prio:o:{buyer}")
    assert urgent is not None
    assert (await get_notification(db, urgent)).priority == Priority.NORMAL

    sender = make_sender(batch_size=1)
    assert await sender.send_batch() == 1
    assert [call.chat_id for call in telegram.calls] == [buyer]
    # Then the broadcast, oldest first.
    assert await sender.run_until_idle() == 3
    assert [call.chat_id for call in telegram.calls] == [buyer, *fans]
    assert (await get_notification(db, urgent)).status is NotificationStatus.SENT
