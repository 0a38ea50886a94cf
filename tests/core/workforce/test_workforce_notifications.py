"""What people hear of workforce's events (core.communications): admins of an application, with
buttons, edited once decided; the applicant of the decision; a courier of a shift ended for them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text
from workforce_people import ActorOf, NewPerson, profile

from core.auth.policy import Actor
from core.communications.api import list_notifications
from core.communications.schemas import NotificationOut
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.outbox import Relay
from core.shared.uow import Database
from core.workforce.api import (
    approve_courier,
    end_shift,
    end_shifts_over_limit,
    register_courier,
    reject_courier,
    start_shift,
)
from core.workforce.schemas import Vehicle


async def _markup(db: Database, notification: NotificationOut) -> Any:
    async with db.engine.connect() as conn:
        return (
            await conn.execute(
                text("SELECT reply_markup FROM notifications WHERE id = :id"),
                {"id": notification.id},
            )
        ).scalar_one()


async def _apply(db: Database, new_person: NewPerson, actor_of: ActorOf) -> int:
    person = await new_person()
    await register_courier(db, await actor_of(person), *profile(Vehicle.CAR))
    await Relay(db).run_until_idle()
    return person


async def test_admins_hear_of_an_application_with_buttons_and_of_the_decision(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor
) -> None:
    person = await _apply(db, new_person, actor_of)
    [alert] = await list_notifications(db, admin.telegram_id, bot=BotRole.SUPPORT)
    assert alert.template == "notification-courier-applied"
    assert alert.params == {
        "name": "Марат Ибрагимов",
        "phone": "+79161234567",
        "vehicle": "car",
        "state": "new",
        "by": "",
        "by_known": "no",
        "reason": "",
    }
    assert alert.thread is not None
    assert alert.thread.startswith(f"courier:{person}:application:")
    assert alert.thread_seq == 1
    assert await _markup(db, alert) == {
        "inline_keyboard": [
            [
                {
                    "text_key": "notification-courier-btn-approve",
                    "callback_data": f"cwr:approve:{person}",
                },
                {
                    "text_key": "notification-courier-btn-reject",
                    "callback_data": f"cwr:reject:{person}",
                },
            ]
        ]
    }

    await approve_courier(db, admin, person)
    await Relay(db).run_until_idle()
    decided, _ = await list_notifications(db, admin.telegram_id, bot=BotRole.SUPPORT)
    assert (decided.thread, decided.thread_seq) == (alert.thread, 2)
    assert decided.params["state"] == "approved"
    assert (decided.params["by"], decided.params["by_known"]) == ("Павел", "yes")
    assert await _markup(db, decided) is None
    [told] = await list_notifications(db, person)
    assert (told.bot, told.template) == (BotRole.COURIER, "notification-courier-approved")


async def test_the_applicant_hears_why_they_were_rejected(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor
) -> None:
    person = await _apply(db, new_person, actor_of)
    await reject_courier(db, admin, person, "Нужен паспорт")
    await Relay(db).run_until_idle()
    [told] = await list_notifications(db, person)
    assert (told.bot, told.template) == (BotRole.COURIER, "notification-courier-rejected")
    assert told.params == {"reason": "Нужен паспорт"}
    decided, _ = await list_notifications(db, admin.telegram_id, bot=BotRole.SUPPORT)
    assert (decided.params["state"], decided.params["reason"]) == ("rejected", "Нужен паспорт")


async def test_a_courier_hears_of_a_shift_ended_for_them_only(
    db: Database, courier: Actor, clock: FrozenClock
) -> None:
    await start_shift(db, courier)
    clock.advance(timedelta(hours=1))
    await end_shift(db, courier)  # they pressed the button: nothing to tell
    await Relay(db).run_until_idle()
    assert await list_notifications(db, courier.telegram_id) == []
    await start_shift(db, courier)
    clock.advance(timedelta(hours=9, minutes=1))
    await end_shifts_over_limit(db)
    await Relay(db).run_until_idle()
    [told] = await list_notifications(db, courier.telegram_id)
    assert (told.bot, told.template) == (BotRole.COURIER, "notification-shift-ended")
    assert told.params == {"reason": "limit", "hours": 10}
