"""People and shops for the seller bot tests: a chat that can also send photos and jump to a step
of a dialog, valid INNs, and shops approved through core."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import time
from typing import Any

from aiogram.fsm.state import State
from customer_chat import Chat

from core.auth.api import ensure_admins, load_actor, remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application
from core.business.schemas import (
    BusinessApplication,
    DayHours,
    ShopForm,
    ShopOut,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.money import Money
from core.shared.uow import Database

MOSCOW = Point(55.7539, 37.6208)
_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
# One test database serves the whole session (and the e2e sandbox): every INN must be new.
_serial = itertools.count(4_100_000)


def _check(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def company_inn() -> str:
    """A valid 10-digit INN no other test uses."""
    digits = [int(c) for c in f"66{next(_serial):07d}"]
    return "".join(map(str, [*digits, _check(digits, _W10)]))


def individual_inn() -> str:
    """A valid 12-digit INN no other test uses."""
    digits = [int(c) for c in f"54{next(_serial):08d}"]
    digits.append(_check(digits, _W11))
    digits.append(_check(digits, _W12))
    return "".join(map(str, digits))


@dataclass
class SellerChat(Chat):
    """A person in the seller bot's chat."""

    async def send_photo(self, file_id: str) -> list[Any]:
        sizes = [{"file_id": f"{file_id}small", "file_unique_id": "s1", "width": 90,
                  "height": 90},
                 {"file_id": file_id, "file_unique_id": "s2", "width": 800, "height": 800}]
        return await self._message(photo=sizes)

    async def send_sticker(self) -> list[Any]:
        return await self._message(sticker={
            "file_id": "CAACAgIAAxkBAAIBsticker", "file_unique_id": "st1", "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False,
        })

    def _context(self) -> Any:
        return self.harness.dispatcher.fsm.get_context(self.harness.bot, self.user_id,
                                                       self.user_id)

    async def jump_to(self, step: State, draft: dict[str, Any]) -> None:
        """Put the dialog at ``step`` with ``draft`` answered, as if typed so far."""
        context = self._context()
        await context.set_state(step)
        await context.set_data({"draft": draft})

    async def draft(self) -> dict[str, Any]:
        return dict((await self._context().get_data()).get("draft") or {})


async def person(db: Database, first_name: str = "Анна", *, telegram_id: int) -> Actor:
    """Someone who has written to a bot, as core's policy sees them now."""
    await remember_user(db, TelegramProfile(telegram_id, first_name))
    return await load_actor(db, telegram_id)


def application(shop_name: str = "Фрукты у дома") -> BusinessApplication:
    """A valid application with a fresh INN."""
    shop = ShopForm(
        name=shop_name,
        address="Москва, ул. Тверская, 1",
        point=MOSCOW,
        timezone="Europe/Moscow",
        hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
        zone=radius_zone(MOSCOW, 3_000),
        min_order=Money.rub(500),
        delivery_fee=Money.rub(99),
        assembly_minutes=20,
    )
    return BusinessApplication(legal_name='ООО "Сад"', inn=company_inn(),
                               tax_system=TaxSystem.USN_INCOME, phone="+79123456789",
                               email="owner@sad.ru", shop=shop)


async def approved_shop(db: Database, owner_id: int, admin_id: int, name: str = "Фрукты у дома"
                        ) -> ShopOut:
    """A shop applied for by ``owner_id`` and approved: they own it, and it takes orders."""
    owner = await person(db, "Ольга", telegram_id=owner_id)
    await person(db, "Админ", telegram_id=admin_id)
    await ensure_admins(db, [admin_id])
    admin = await load_actor(db, admin_id)
    applied = await apply(db, owner, application(name))
    decided = await approve_application(db, admin, applied.business.id)
    return decided.shops[0]
