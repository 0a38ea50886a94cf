"""A person who blocks a bot is unreachable in it at once; writing to it again undoes that."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.types import Update
from bot_fakes import DATE, Harness
from structlog.testing import capture_logs

from core.communications.api import get_notification, is_reachable, notify
from core.communications.schemas import NotificationStatus
from core.shared.config import BotRole
from core.shared.uow import Database


def member(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember of the statuses used here ("kicked" also says until when: 0 is forever)."""
    return {"user": user, "status": status} | ({"until_date": 0} if status == "kicked" else {})


def membership_update(
    harness: Harness, user_id: int, old: str, new: str, *, chat: dict[str, Any] | None = None
) -> Update:
    person = {"id": user_id, "is_bot": False, "first_name": "Анна", "language_code": "ru"}
    me = {"id": harness.bot.id, "is_bot": True, "first_name": "FruktGo"}
    return Update.model_validate({
        "update_id": harness.next_update_id(),
        "my_chat_member": {
            "chat": chat or {"id": user_id, "type": "private", "first_name": "Анна"},
            "from": person,
            "date": DATE,
            "old_chat_member": member(me, old),
            "new_chat_member": member(me, new),
        },
    })


async def test_blocking_the_bot_makes_the_person_unreachable_in_it_only(
    harness_for: Callable[[BotRole], Harness], db: Database, user_id: int
) -> None:
    courier = harness_for(BotRole.COURIER)
    await courier.send("/start", user_id=user_id)

    with capture_logs() as logs:
        answered = await courier.feed(membership_update(courier, user_id, "member", "kicked"))

    assert answered == []  # nobody to answer: they have just blocked us
    assert not await is_reachable(db, user_id, BotRole.COURIER)
    assert await is_reachable(db, user_id, BotRole.CUSTOMER)
    assert any(r["event"] == "bot.blocked_by_person" and r["user_id"] == user_id for r in logs)
    queued = await notify(db, user_id, BotRole.COURIER, "courier-help", {}, f"blocked:{user_id}")
    assert queued is not None
    notification = await get_notification(db, queued)
    assert notification.status is NotificationStatus.FAILED
    assert notification.last_error == "unreachable: blocked the bot"


async def test_unblocking_makes_the_person_reachable_again(
    harness_for: Callable[[BotRole], Harness], db: Database, user_id: int
) -> None:
    seller = harness_for(BotRole.SELLER)
    await seller.feed(membership_update(seller, user_id, "member", "kicked"))
    assert not await is_reachable(db, user_id, BotRole.SELLER)

    await seller.feed(membership_update(seller, user_id, "kicked", "member"))

    assert await is_reachable(db, user_id, BotRole.SELLER)


async def test_membership_changes_in_groups_do_not_touch_reachability(
    harness_for: Callable[[BotRole], Harness], db: Database, user_id: int
) -> None:
    support = harness_for(BotRole.SUPPORT)
    group = {"id": -1_009_100_000_000 - user_id % 1_000_000, "type": "supergroup",
             "title": "Staff"}
    await support.feed(membership_update(support, user_id, "member", "kicked", chat=group))
    assert await is_reachable(db, user_id, BotRole.SUPPORT)
