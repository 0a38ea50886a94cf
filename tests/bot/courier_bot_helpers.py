"""People for the courier bot tests: Telegram ids of their own range (the users table lives for
the whole session), an admin, and couriers approved through core."""

from __future__ import annotations

import itertools
from typing import Any

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage

from core.auth.api import ensure_admins, grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.shared.uow import Database
from core.workforce.api import register_courier
from core.workforce.schemas import Vehicle

_ids = itertools.count(7_915_000_000)


def courier_user_id() -> int:
    """A Telegram id no other test uses."""
    return next(_ids)


async def admin_actor(db: Database) -> Actor:
    telegram_id = courier_user_id()
    await remember_user(db, TelegramProfile(telegram_id, "Павел"))
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


async def approved_courier(db: Database, admin: Actor, vehicle: Vehicle = Vehicle.BICYCLE) -> Actor:
    """Someone given the courier role whose profile is complete."""
    telegram_id = courier_user_id()
    await remember_user(db, TelegramProfile(telegram_id, "Марат"))
    await grant_role(db, admin, telegram_id, Role.COURIER)
    courier = await load_actor(db, telegram_id)
    await register_courier(db, courier, "Марат Ибрагимов", "+79161234567", vehicle)
    return courier


def alerts(requests: list[Any]) -> list[str | None]:
    """The texts of callback answers shown as alerts."""
    return [r.text for r in requests if isinstance(r, AnswerCallbackQuery) and r.show_alert]


def last_text(requests: list[Any]) -> str:
    """The text of the last message sent or edited."""
    return [r.text for r in requests if isinstance(r, SendMessage | EditMessageText)][-1]


def buttons(message: SendMessage | EditMessageText) -> list[tuple[str, str]]:
    """Inline buttons as (text, callback data)."""
    markup = message.reply_markup
    assert markup is not None
    return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]  # type: ignore[union-attr]
