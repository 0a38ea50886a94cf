"""The support bot's /deliveries through the dispatcher: the deliveries that need a person (at
risk, or searching for a courier), [Assign a courier] listing the couriers on shift nearest to
the shop first, and a tap assigning the delivery through core; a delivery dealt with meanwhile,
a courier who cannot take it and someone who is not support are answered with an alert."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import InlineKeyboardMarkup
from bot_fakes import Harness
from courier_delivery_world import DeliveryWorld, callback_answer, delivery_world
from customer_chat import Chat, edits, sent
from redis.asyncio import Redis

from bot.support.deliveries_screens import SupportAssign, SupportDeliveries, SupportPickCourier
from core.logistics.api import flag_at_risk
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database
from core.workforce.schemas import Vehicle


@pytest.fixture
def support_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SUPPORT)


@pytest.fixture
async def world(db: Database, redis: Redis, clock: FrozenClock) -> DeliveryWorld:
    return await delivery_world(db, redis, clock)


def _chat(bot: Harness, telegram_id: int, lang: str = "ru") -> Chat:
    return Chat(bot, telegram_id, language_code=lang, first_name="Света")


def _buttons(message: SendMessage | EditMessageText) -> list[tuple[str, str]]:
    markup = message.reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    return [(b.text, b.callback_data or "") for row in markup.inline_keyboard for b in row]


def _pick(delivery: DeliveryOut) -> str:
    return SupportPickCourier(delivery=delivery.id).pack()


async def test_deliveries_lists_those_waiting_for_a_courier_and_those_at_risk(
    support_bot: Harness,
    world: DeliveryWorld,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    marat = await world.courier(metres_away=None)
    searching = await world.delivery((await world.ready_order()).id)
    on_its_way = await world.assigned(marat)
    chat = _chat(support_bot, world.support.telegram_id)

    [board] = sent(await chat.send("/deliveries"))
    assert translator.get("ru", "support-deliveries-title", count=1) in board.text
    assert f"№{searching.order_number}" in board.text
    assert f"№{on_its_way.order_number}" not in board.text
    assert [data for _, data in _buttons(board)] == [
        _pick(searching),
        SupportDeliveries().pack(),
    ]

    # At the promised time both are late: listed with a mark; only the searching one may be
    # given to a courier by hand.
    clock.advance(on_its_way.promised_at - clock.now())
    await flag_at_risk(db)
    [board] = edits(await chat.press(SupportDeliveries()))
    assert translator.get("ru", "support-deliveries-title", count=2) in board.text
    assert [line[:2] for line in board.text.splitlines() if "№" in line] == ["⚠️", "⚠️"]
    assert f"№{on_its_way.order_number}" in board.text
    assert [data for _, data in _buttons(board)] == [
        _pick(searching),
        SupportDeliveries().pack(),
    ]


async def test_assigning_lists_couriers_nearest_first_and_gives_the_delivery(
    support_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    near = await world.courier("Марат", metres_away=300)
    far = await world.courier("Олег", Vehicle.CAR, metres_away=2_500)
    unplaced = await world.courier("Дима", Vehicle.FOOT, metres_away=None)
    delivery = await world.delivery((await world.ready_order()).id)
    chat = _chat(support_bot, world.support.telegram_id)

    calls = await chat.press(_pick(delivery))
    [couriers] = edits(calls)
    assert f"№{delivery.order_number}" in couriers.text
    buttons = _buttons(couriers)
    mine = [
        (text, data)
        for text, data in buttons
        if data.startswith("sda:") and int(data.rsplit(":", 1)[1]) in (near, far, unplaced)
    ]
    assert [data for _, data in mine] == [
        SupportAssign(delivery=delivery.id, courier=courier).pack()
        for courier in (near, far, unplaced)
    ]
    assert mine[0][0] == "Марат · 🚲 · 300 м · в работе 0/2"
    assert mine[1][0] == "Олег · 🚗 · 2,5 км · в работе 0/3"
    assert mine[2][0] == "Дима · 🚶 · 📍? · в работе 0/1"
    assert buttons[-1][1] == SupportDeliveries().pack()

    done = await chat.press(SupportAssign(delivery=delivery.id, courier=far))
    assert callback_answer(done).text == translator.get("ru", "support-deliveries-assigned-toast")
    [outcome] = edits(done)
    assert "Олег" in outcome.text
    assigned = await world.delivery(delivery.order_id)
    assert (assigned.status, assigned.courier_id) == (DeliveryStatus.ASSIGNED, far)

    # Another agent's older list: the delivery is taken now.
    late = await chat.press(_pick(delivery))
    assert callback_answer(late).show_alert is True
    assert callback_answer(late).text == translator.get("ru", "support-deliveries-gone")


async def test_a_courier_who_cannot_take_it_is_refused_with_an_alert(
    support_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    resting = await world.courier("Дима", shift=False)
    delivery = await world.delivery((await world.ready_order()).id)

    calls = await _chat(support_bot, world.support.telegram_id).press(
        SupportAssign(delivery=delivery.id, courier=resting)
    )

    assert callback_answer(calls).show_alert is True
    assert callback_answer(calls).text == translator.get("ru", "error-delivery_courier_unavailable")
    assert (await world.delivery(delivery.order_id)).courier_id is None


async def test_only_support_and_admins_see_deliveries(
    support_bot: Harness, world: DeliveryWorld, translator: Translator
) -> None:
    marat = await world.courier()
    delivery = await world.delivery((await world.ready_order()).id)
    stranger = _chat(support_bot, marat, "en")

    [refused] = sent(await stranger.send("/deliveries"))
    assert refused.text == translator.get("en", "support-deliveries-only")
    for data in (_pick(delivery), SupportAssign(delivery=delivery.id, courier=marat).pack()):
        calls = await stranger.press(data)
        assert callback_answer(calls).show_alert is True, data
        assert not edits(calls)
    assert (await world.delivery(delivery.order_id)).courier_id is None

    # An admin may.
    [board] = sent(await _chat(support_bot, world.admin.telegram_id).send("/deliveries"))
    assert f"№{delivery.order_number}" in board.text
