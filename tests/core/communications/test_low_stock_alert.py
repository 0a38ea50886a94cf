"""The low-stock alert: a shop's owners and managers hear in the seller bot that an offer runs
out, in their own language, with the quantity written for people; pickers and others do not."""

from __future__ import annotations

import html
import itertools
import uuid
from dataclasses import dataclass

import pytest
from communications_doubles import FakeTelegram, MakeSender, application
from sqlalchemy import text

from core.auth.api import (
    accept_invitation,
    create_invitation,
    ensure_admins,
    load_actor,
    remember_user,
    set_language,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, ProductForm, Unit
from core.communications import subscribers
from core.communications.api import list_notifications
from core.communications.schemas import NotificationOut
from core.inventory.api import reserve, set_low_stock_threshold, set_stock
from core.inventory.events import LowStock
from core.inventory.schemas import ReserveLine
from core.shared.config import BotRole
from core.shared.money import Money
from core.shared.outbox import Relay
from core.shared.uow import Database, Transaction
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm

pytestmark = pytest.mark.usefixtures("_quiet_outbox")

TEMPLATE = "notification-low-stock"
_people = itertools.count(7_830_300_000)


@pytest.fixture
async def _quiet_outbox(db: Database) -> None:
    # The relay below delivers whatever the session's outbox holds: only this test's events.
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))


@dataclass
class Shop:
    id: uuid.UUID
    name: str
    owner: Actor
    manager: int
    picker: int
    admin: Actor
    customer: int
    category_id: uuid.UUID

    async def offer(
        self, db: Database, name_ru: str, name_en: str, step_grams: int | None
    ) -> uuid.UUID:
        unit = Unit.PIECE if step_grams is None else Unit.WEIGHT
        product = await create_product(
            db,
            self.admin,
            ProductForm(self.category_id, name_ru, name_en, unit, step_grams=step_grams),
        )
        offer = await create_offer(db, self.owner, self.id, OfferForm(product.id, Money.rub(150)))
        return offer.id


async def _person(db: Database, name: str, language: str | None = None) -> int:
    telegram_id = next(_people)
    await remember_user(db, TelegramProfile(telegram_id, name))
    if language is not None:
        await set_language(db, telegram_id, language)
    return telegram_id


@pytest.fixture
async def shop(db: Database) -> Shop:
    admin_id = await _person(db, "Админ")
    await ensure_admins(db, [admin_id])
    admin = await load_actor(db, admin_id)
    owner_id = await _person(db, "Ольга")
    applied = await apply(db, await load_actor(db, owner_id), application())
    approved = await approve_application(db, admin, applied.business.id)
    shop = approved.shops[0]
    owner = await load_actor(db, owner_id)
    staff = {}
    for role, name, language in ((Role.MANAGER, "Mike", "en"), (Role.PICKER, "Пётр", None)):
        staff[role] = await _person(db, name, language)
        invited = await create_invitation(db, owner, role, shop_id=shop.id)
        await accept_invitation(db, invited.token, staff[role], via=BotRole.SELLER)
    category = await create_category(
        db, admin, CategoryForm(f"alerts-{uuid.uuid4().hex[:12]}", "Фрукты", "Fruit")
    )
    return Shop(
        shop.id,
        shop.name,
        owner,
        staff[Role.MANAGER],
        staff[Role.PICKER],
        admin,
        await _person(db, "Покупатель"),
        category.id,
    )


async def _alerts(db: Database, telegram_id: int) -> list[NotificationOut]:
    return [n for n in await list_notifications(db, telegram_id) if n.template == TEMPLATE]


async def test_owner_and_manager_hear_when_apples_run_low(
    db: Database, shop: Shop, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    offer_id = await shop.offer(db, "Яблоки Гренни Смит", "Granny Smith apples", step_grams=100)
    await set_stock(db, shop.owner, offer_id, 3_000)
    await set_low_stock_threshold(db, shop.owner, offer_id, 2_000)
    await Relay(db).run_until_idle()
    assert await _alerts(db, shop.owner.telegram_id) == []  # 3 kg is above the threshold

    await reserve(db, f"order-{uuid.uuid4()}", [ReserveLine(offer_id, 1_800)])
    await Relay(db).run_until_idle()

    [to_owner] = await _alerts(db, shop.owner.telegram_id)
    [to_manager] = await _alerts(db, shop.manager)
    for person in (shop.picker, shop.admin.telegram_id, shop.customer):
        assert await _alerts(db, person) == []
    assert to_owner.bot is to_manager.bot is BotRole.SELLER
    assert (
        to_owner.params
        == to_manager.params
        == {
            "name_ru": "Яблоки Гренни Смит",
            "name_en": "Granny Smith apples",
            "shop": shop.name,
            "left_ru": "1,2",
            "left_en": "1.2",
            "left_unit": "kg",
            "threshold_ru": "2",
            "threshold_en": "2",
            "threshold_unit": "kg",
        }
    )
    assert to_owner.dedup_key != to_manager.dedup_key

    await make_sender().run_until_idle()
    shop_html = html.escape(shop.name, quote=False)
    assert telegram.texts_to(shop.owner.telegram_id)[-1] == (
        f"Заканчивается: Яблоки Гренни Смит — осталось 1,2 кг (порог 2 кг)\nМагазин: {shop_html}"
    )
    assert telegram.texts_to(shop.manager)[-1] == (
        f"Running low: Granny Smith apples — 1.2 kg left (threshold 2 kg)\nShop: {shop_html}"
    )

    # Falling further is the same crossing: nobody is told twice.
    await reserve(db, f"order-{uuid.uuid4()}", [ReserveLine(offer_id, 500)])
    await Relay(db).run_until_idle()
    assert len(await _alerts(db, shop.owner.telegram_id)) == 1


async def test_piece_goods_and_grams_and_a_redelivered_event(db: Database, shop: Shop) -> None:
    lemons = await shop.offer(db, "Лимоны", "Lemons", step_grams=None)
    dill = await shop.offer(db, "Укроп", "Dill", step_grams=50)
    low_lemons = LowStock(offer_id=lemons, shop_id=shop.id, available=3, threshold=5)
    low_dill = LowStock(offer_id=dill, shop_id=shop.id, available=250, threshold=1_500)

    async def deliver(tx: Transaction) -> None:
        await subscribers.low_stock(tx, low_lemons)
        await subscribers.low_stock(tx, low_dill)

    for _ in range(2):  # at-least-once delivery: the effect must happen once
        await db.run(deliver)

    by_name = {n.params["name_en"]: n.params for n in await _alerts(db, shop.manager)}
    assert len(await _alerts(db, shop.manager)) == 2
    assert {key: by_name["Lemons"][key] for key in ("left_ru", "left_unit", "threshold_ru")} == {
        "left_ru": "3",
        "left_unit": "pcs",
        "threshold_ru": "5",
    }
    assert {
        key: by_name["Dill"][key]
        for key in (
            "left_ru",
            "left_en",
            "left_unit",
            "threshold_ru",
            "threshold_en",
            "threshold_unit",
        )
    } == {
        "left_ru": "250",
        "left_en": "250",
        "left_unit": "g",
        "threshold_ru": "1,5",
        "threshold_en": "1.5",
        "threshold_unit": "kg",
    }
    assert len(await _alerts(db, shop.owner.telegram_id)) == 2
    assert await _alerts(db, shop.picker) == []
