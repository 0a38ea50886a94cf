"""What orders tell people, over a whole order's life on real PostgreSQL: the customer's one live
status message (edited, never repeated) ending in a receipt with the final price, the alerts to
the shop's staff (and nobody else) edited once the order is taken or canceled, and substitute
proposals answered by the customer or by the clock."""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from aiogram.filters.callback_data import CallbackData
from sqlalchemy import text

# Orders' tests build shops, offers and orders; share their helpers (test folders are not
# packages, see tests/core/orders/conftest.py).
_CORE_TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_CORE_TESTS / "catalog"))
sys.path.insert(0, str(_CORE_TESTS / "orders"))

from catalog_factories import ADMIN, SellerShop, far_point, new_category, piece_form, weight_form  # noqa: E402
from communications_doubles import FakeTelegram, MakeSender, company_inn  # noqa: E402
from order_flow_helpers import Buyer, buyer, courier, order_of  # noqa: E402

from core.auth.api import (  # noqa: E402
    accept_invitation,
    create_invitation,
    load_actor,
    remember_user,
    set_language,
)
from core.auth.policy import Actor, Role  # noqa: E402
from core.auth.schemas import TelegramProfile  # noqa: E402
from core.business.api import apply, approve_application  # noqa: E402
from core.business.schemas import (  # noqa: E402
    BusinessApplication,
    DayHours,
    ShopForm,
    TaxSystem,
    WeeklyHours,
)
from core.catalog.api import create_product  # noqa: E402
from core.catalog.schemas import CategoryOut  # noqa: E402
from core.communications.api import list_notifications  # noqa: E402
from core.communications.schemas import NotificationOut, NotificationStatus  # noqa: E402
from core.geo.api import radius_zone  # noqa: E402
from core.inventory.api import set_stock  # noqa: E402
from core.orders.api import (  # noqa: E402
    accept_order,
    answer_substitute,
    assign_courier,
    cancel_order,
    complete_order,
    get_order,
    mark_delivered,
    mark_picked_up,
    mark_ready,
    propose_substitute,
    record_actual,
    reject_order,
    resolve_overdue_proposals,
    start_assembly,
)
from core.orders.schemas import CancelReason, OrderOut, SubstitutionPreference  # noqa: E402
from core.shared.clock import FrozenClock  # noqa: E402
from core.shared.config import BotRole  # noqa: E402
from core.shared.money import Money  # noqa: E402
from core.shared.outbox import Relay  # noqa: E402
from core.shared.uow import Database  # noqa: E402
from core.storefront.api import create_offer  # noqa: E402
from core.storefront.schemas import OfferForm, OfferOut  # noqa: E402

pytestmark = pytest.mark.usefixtures("_quiet_outbox")

CUSTOMER, SELLER = BotRole.CUSTOMER, BotRole.SELLER
STATUS, ALERT, SUBSTITUTE = (
    "notification-order-status",
    "notification-order-shop",
    "notification-order-substitute",
)
PUBLIC_URL = "https://fruktgo.example"
_people = itertools.count(7_880_500_000)


class CustomerOrderPress(CallbackData, prefix="cord"):
    action: str
    order: UUID


class OrderPress(CallbackData, prefix="ord"):
    action: str
    order: UUID


class SubstitutePress(CallbackData, prefix="csub"):
    answer: str
    line: UUID


@pytest.fixture
async def _quiet_outbox(db: Database) -> None:
    # The relay below delivers whatever the session's outbox holds: only this test's events.
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))


@dataclass(frozen=True)
class Staffed:
    seller: SellerShop
    manager: Actor
    picker: Actor

    @property
    def staff_ids(self) -> set[int]:
        return {self.seller.owner.telegram_id, self.manager.telegram_id, self.picker.telegram_id}


async def _person(db: Database, name: str, language: str | None = None) -> int:
    telegram_id = next(_people)
    await remember_user(db, TelegramProfile(telegram_id, name))
    if language is not None:
        await set_language(db, telegram_id, language)
    return telegram_id


async def _staffed_shop(db: Database, name: str) -> Staffed:
    """An approved shop whose owner, manager (English) and picker really hold their roles."""
    point = far_point()
    owner_id = await _person(db, "Ольга")
    applied = await apply(
        db,
        await load_actor(db, owner_id),
        BusinessApplication(
            legal_name='ООО "Сад"',
            inn=company_inn(),
            tax_system=TaxSystem.USN_INCOME,
            phone="+7 912 345-67-89",
            email="owner@example.com",
            shop=ShopForm(
                name=name,
                address="Владивосток, ул. Светланская, 5",
                point=point,
                timezone="Europe/Moscow",
                hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
                zone=radius_zone(point, 3_000),
                min_order=Money.rub(300),
                delivery_fee=Money.rub(99),
                assembly_minutes=20,
            ),
        ),
    )
    approved = await approve_application(db, ADMIN, applied.business.id)
    shop = approved.shops[0]
    owner = await load_actor(db, owner_id)
    staff: dict[Role, Actor] = {}
    for role, first_name, language in ((Role.MANAGER, "Mike", "en"), (Role.PICKER, "Пётр", None)):
        person = await _person(db, first_name, language)
        invited = await create_invitation(db, owner, role, shop_id=shop.id)
        await accept_invitation(db, invited.token, person, via=SELLER)
        staff[role] = await load_actor(db, person)
    return Staffed(SellerShop(shop, owner, point), staff[Role.MANAGER], staff[Role.PICKER])


async def _offer(
    db: Database,
    shop: SellerShop,
    category: CategoryOut,
    name_ru: str,
    name_en: str,
    price: Money,
    *,
    weight: bool,
    stock: int,
) -> OfferOut:
    make = weight_form if weight else piece_form
    product = await create_product(
        db, shop.owner, make(category.id, name_ru=name_ru, name_en=name_en), shop_id=shop.id
    )
    made = await create_offer(db, shop.owner, shop.id, OfferForm(product.id, price))
    await set_stock(db, shop.owner, made.id, stock)
    return made


@dataclass(frozen=True)
class World:
    shop: Staffed
    outsider: Staffed  # another shop's staff: they hear nothing of this shop's orders
    customer: Buyer
    apples: OfferOut
    milk: OfferOut
    bananas: OfferOut
    pears: OfferOut


@pytest.fixture
async def world(db: Database) -> World:
    shop = await _staffed_shop(db, "Фрукты & овощи")
    outsider = await _staffed_shop(db, "Другая лавка")
    category = await new_category(db)
    seller = shop.seller
    return World(
        shop=shop,
        outsider=outsider,
        customer=await buyer(db, seller),
        apples=await _offer(
            db,
            seller,
            category,
            "Яблоки Гала",
            "Gala apples",
            Money.rub(189),
            weight=True,
            stock=5_000,
        ),
        milk=await _offer(
            db, seller, category, "Молоко", "Milk", Money.rub(89), weight=False, stock=10
        ),
        bananas=await _offer(
            db, seller, category, "Бананы", "Bananas", Money.rub(40), weight=False, stock=5
        ),
        pears=await _offer(
            db, seller, category, "Груши", "Pears", Money.rub(60), weight=False, stock=5
        ),
    )


async def _relay_and_send(db: Database, make_sender: MakeSender) -> None:
    await Relay(db).run_until_idle()
    await make_sender(public_url=PUBLIC_URL).run_until_idle()


async def _mine(db: Database, person: int, template: str) -> list[NotificationOut]:
    """The person's notifications from ``template``, oldest first."""
    return [n for n in reversed(await list_notifications(db, person)) if n.template == template]


def _buttons(markup: dict[str, Any] | None) -> list[str]:
    rows = (markup or {}).get("inline_keyboard", [])
    return [
        button.get("callback_data") or button["web_app"]["url"] for row in rows for button in row
    ]


def _alerts_to(telegram: FakeTelegram, person: int, order: OrderOut) -> list[Any]:
    """What the seller bot told the person about ``order`` (not the shop's approval...)."""
    return [
        call
        for call in telegram.calls
        if call.chat_id == person
        and call.bot is SELLER
        and (
            f"№{order.number} " in call.text
            or f"#{order.number} " in call.text
            or f"№{order.number}<" in call.text
            or f"#{order.number}<" in call.text
        )
    ]


def _status_messages(telegram: FakeTelegram, person: int) -> list[Any]:
    return [
        call
        for call in telegram.calls
        if call.chat_id == person and call.bot is CUSTOMER and "🛒" in call.text
    ]


async def test_a_whole_order_life_edits_one_status_message_and_ends_in_a_receipt(
    db: Database, world: World, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    me = world.customer
    order = await order_of(
        db, world.shop.seller, me, (world.apples, 500), (world.milk, 2), (world.bananas, 1)
    )
    await _relay_and_send(db, make_sender)

    [placed] = await _mine(db, me.id, STATUS)
    assert placed.thread == f"order:{order.id}:status"
    assert placed.params["status"] == "placed"
    assert placed.params["amount"] == [{"kind": "estimate", "total": "411,50\u00a0₽"}]
    [first] = _status_messages(telegram, me.id)
    assert first.edits is None
    assert "Заказ №" in first.text
    assert "Сумма ≈ 411,50\u00a0₽, итог после взвешивания" in first.text
    cancel, show = _buttons(first.reply_markup)
    assert CustomerOrderPress.unpack(cancel) == CustomerOrderPress(action="cancel", order=order.id)
    assert CustomerOrderPress.unpack(show) == CustomerOrderPress(action="show", order=order.id)
    assert [row[0]["text"] for row in first.reply_markup["inline_keyboard"]] == [
        "Отменить заказ",
        "Подробнее",
    ]

    # The alert reaches this shop's owner, manager and picker, in their languages; no outsider.
    for person in world.outsider.staff_ids:
        assert await _mine(db, person, ALERT) == []
    for person in world.shop.staff_ids:
        [alert] = await _mine(db, person, ALERT)
        assert alert.params["state"] == "new"
        assert alert.thread == f"order:{order.id}:shop"
    [to_manager] = _alerts_to(telegram, world.shop.manager.telegram_id, order)
    assert to_manager.text.startswith(f"🆕 <b>New order #{order.number}</b> · Фрукты &amp; овощи")
    assert "• Gala apples — 500 g ≈ 94,50\u00a0₽" in to_manager.text
    accept, reject, board = _buttons(to_manager.reply_markup)
    assert OrderPress.unpack(accept) == OrderPress(action="accept", order=order.id)
    assert OrderPress.unpack(reject) == OrderPress(action="reject", order=order.id)
    assert accept == f"ord:accept:{order.id.hex}"
    assert board == (
        f"{PUBLIC_URL}/app/seller/orders?shop={world.shop.seller.id}&order={order.id}&lang=en"
    )

    # The manager takes it: every alert is edited to say so, without buttons.
    await accept_order(db, world.shop.manager, order.id)
    await _relay_and_send(db, make_sender)
    to_owner = _alerts_to(telegram, world.shop.seller.owner.telegram_id, order)
    assert [call.edits is None for call in to_owner] == [True, False]
    assert to_owner[-1].text.startswith(f"✅ <b>Заказ №{order.number} принят</b>")
    assert "Принял(а): Mike" in to_owner[-1].text
    assert to_owner[-1].reply_markup is None

    # Assembly: apples weigh a little more, bananas are missing and pears proposed instead.
    await start_assembly(db, world.shop.picker, order.id)
    lines = {line.offer_id: line for line in order.lines}
    await record_actual(db, world.shop.picker, order.id, lines[world.apples.id].id, 512)
    proposed = await propose_substitute(
        db, world.shop.picker, order.id, lines[world.bananas.id].id, world.pears.id, 1
    )
    await _relay_and_send(db, make_sender)
    [substitute_line] = [line for line in proposed.lines if line.replaces_line_id is not None]
    [question] = await _mine(db, me.id, SUBSTITUTE)
    assert question.thread == f"order:{order.id}:sub:{substitute_line.id}"
    asked = [call for call in telegram.calls if call.chat_id == me.id and "Бананы" in call.text]
    assert asked[-1].edits is None  # a message of its own, not the live status
    assert asked[-1].text == (
        f"🔄 Заказ №{order.number}: нет «Бананы» — заменить на «Груши» 1 шт. за 60,00\u00a0₽? "
        "Ответьте до 12:05."
    )
    yes, no = _buttons(asked[-1].reply_markup)
    assert SubstitutePress.unpack(yes) == SubstitutePress(answer="yes", line=substitute_line.id)
    assert no == f"csub:no:{substitute_line.id.hex}"

    await answer_substitute(db, me.actor, order.id, substitute_line.id, accept=True)
    await _relay_and_send(db, make_sender)
    answered = [call for call in telegram.calls if call.chat_id == me.id and "Бананы" in call.text]
    [question, _] = await _mine(db, me.id, SUBSTITUTE)
    assert question.telegram_message_id is not None
    assert answered[-1].edits == question.telegram_message_id
    assert answered[-1].text.startswith(f"✅ Заказ №{order.number}: вместо «Бананы» положим")
    assert answered[-1].reply_markup is None

    # Ready: the live message becomes a receipt with the final price.
    ready = await mark_ready(db, world.shop.picker, order.id)
    await _relay_and_send(db, make_sender)
    receipt = _status_messages(telegram, me.id)[-1].text
    assert "• Яблоки Гала 512 г × 189,00\u00a0₽/кг = 96,77\u00a0₽ (заказано 500 г)" in receipt
    assert "• Молоко 2 шт. × 89,00\u00a0₽ = 178,00\u00a0₽" in receipt
    assert "• Груши 1 шт. × 60,00\u00a0₽ = 60,00\u00a0₽ (замена «Бананы»)" in receipt
    assert ready.final_total == Money(43_377)
    assert "Товары: 334,77\u00a0₽\nДоставка: 99,00\u00a0₽\n<b>Итого: 433,77\u00a0₽</b>" in receipt
    assert "Это на 22,27\u00a0₽ больше оценки (411,50\u00a0₽)." in receipt
    assert "итог после взвешивания" not in receipt

    # Courier, delivery, done: still the same message, now offering to order again.
    runner = courier()
    await assign_courier(db, None, order.id, runner.telegram_id)
    await mark_picked_up(db, runner, order.id)
    await mark_delivered(db, runner, order.id)
    await complete_order(db, me.actor, order.id)
    await _relay_and_send(db, make_sender)

    messages = _status_messages(telegram, me.id)
    message_id = (await _mine(db, me.id, STATUS))[0].telegram_message_id
    assert message_id is not None
    assert messages[0].edits is None
    assert {call.edits for call in messages[1:]} == {message_id}
    final = telegram.shown(message_id)
    assert "🎉 Заказ завершён, спасибо!" in final
    assert "<b>Итого: 433,77\u00a0₽</b>" in final
    assert "Привезём" not in final
    assert _buttons(messages[-1].reply_markup) == [
        f"cord:show:{order.id.hex}",
        f"cord:reorder:{order.id.hex}",
    ]
    # Four steps relayed at once each show the order as it is now; only one of them is sent.
    told = await _mine(db, me.id, STATUS)
    assert [n.params["status"] for n in told] == [
        "placed",
        "accepted",
        "assembling",
        "ready",
        *["completed"] * 4,
    ]
    assert [n.status for n in told[4:]].count(NotificationStatus.SENT) == 1
    assert [n.status for n in told[4:]].count(NotificationStatus.SUPERSEDED) == 3
    assert len(messages) == 5


async def test_a_canceled_order_says_who_canceled_and_why_everywhere(
    db: Database,
    world: World,
    make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    me = world.customer
    order = await order_of(db, world.shop.seller, me, (world.milk, 4))
    await _relay_and_send(db, make_sender)
    await reject_order(db, world.shop.manager, order.id, CancelReason.TOO_BUSY, "Нет сборщиков")
    await _relay_and_send(db, make_sender)

    [_, canceled] = _status_messages(telegram, me.id)
    assert canceled.edits is not None
    assert "❌ Заказ отменён" in canceled.text
    assert "Магазин отменил заказ. Причина: магазин перегружен заказами." in canceled.text
    assert "Комментарий: Нет сборщиков" in canceled.text
    assert "Сумма" not in canceled.text
    assert _buttons(canceled.reply_markup) == [
        f"cord:show:{order.id.hex}",
        f"cord:reorder:{order.id.hex}",
    ]
    picker_calls = _alerts_to(telegram, world.shop.picker.telegram_id, order)
    assert picker_calls[-1].edits is not None
    assert picker_calls[-1].text.startswith(f"❌ <b>Заказ №{order.number} отменён</b>")
    assert "Отменил магазин: магазин перегружен заказами" in picker_calls[-1].text
    assert picker_calls[-1].reply_markup is None

    # The customer's own cancel reads as theirs, and nobody outside the shop hears of either.
    mine = await order_of(db, world.shop.seller, me, (world.milk, 4))
    await cancel_order(db, me.actor, mine.id)
    await _relay_and_send(db, make_sender)
    # Placed and canceled were relayed together: both show the order as it is, canceled.
    told = [n for n in await _mine(db, me.id, STATUS) if n.thread == f"order:{mine.id}:status"]
    assert [n.params["canceled"] for n in told] == [
        [{"party": "customer", "reason": "customer_request"}]
    ] * 2
    assert "Вы отменили заказ." in telegram.texts_to(me.id)[-1]
    for person in world.outsider.staff_ids:
        assert await _mine(db, person, ALERT) == []


async def test_an_unanswered_substitute_follows_the_preference_and_says_so(
    db: Database,
    world: World,
    make_sender: MakeSender,
    telegram: FakeTelegram,
    clock: FrozenClock,
) -> None:
    me = world.customer
    await set_language(db, me.id, "en")
    order: OrderOut = await order_of(
        db,
        world.shop.seller,
        me,
        (world.milk, 4),
        (world.bananas, 1),
        substitutions={world.bananas.id: SubstitutionPreference.CALL},
    )
    await accept_order(db, world.shop.picker, order.id)
    await start_assembly(db, world.shop.picker, order.id)
    bananas = next(line for line in order.lines if line.offer_id == world.bananas.id)
    await propose_substitute(
        db,
        world.shop.picker,
        order.id,
        bananas.id,
        world.pears.id,
        2,
        answer_within=timedelta(minutes=3),
    )
    await _relay_and_send(db, make_sender)
    clock.advance(timedelta(minutes=4))
    assert await resolve_overdue_proposals(db) == 1
    await _relay_and_send(db, make_sender)

    [asked, decided] = [
        call for call in telegram.calls if call.chat_id == me.id and "Bananas" in call.text
    ]
    assert "Please answer by 12:03." in asked.text
    assert decided.edits is not None
    assert decided.text == (
        f"➖ Order #{order.number}: “Bananas” was left out, no substitute. "
        "(No answer in time — decided by your substitution preference.)"
    )
    now = await get_order(db, me.actor, order.id)
    assert {line.status.value for line in now.lines if line.offer_id != world.milk.id} == {
        "removed"
    }
