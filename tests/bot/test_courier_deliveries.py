"""The courier bot's deliveries through the dispatcher: an offer's Accept and Decline (a late,
taken or someone else's offer gets an alert), the delivery card edited in place step by step
(picked up, the customer unreachable with the wait timer, back to the shop), the handover code
typed into the chat (not a code, a wrong one with the attempts left, the right one: delivered
with the earning; too many wrong ones lock it), and /deliveries."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import pytest
from aiogram.methods import DeleteMessage, EditMessageText, SendMessage
from aiogram.types import InlineKeyboardMarkup
from bot_fakes import Harness
from courier_delivery_world import (
    CUSTOMER_PHONE,
    DeliveryWorld,
    callback_answer,
    delivery_world,
)
from customer_chat import Chat, edits, sent
from redis.asyncio import Redis

from bot.courier.deliveries_callbacks import DeliveryOfferPress, DeliveryPress
from core.auth.api import load_actor
from core.logistics.api import (
    MAX_CODE_ATTEMPTS,
    OFFER_TTL,
    WAIT_FOR_CUSTOMER,
    courier_view,
    get_offer,
)
from core.logistics.schemas import DeliveryOut, DeliveryStatus, OfferStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture
def courier_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.COURIER)


@pytest.fixture
async def world(db: Database, redis: Redis, clock: FrozenClock) -> DeliveryWorld:
    return await delivery_world(db, redis, clock)


def _chat(bot: Harness, telegram_id: int, lang: str = "ru") -> Chat:
    return Chat(bot, telegram_id, language_code=lang, first_name="Марат")


def _buttons(message: SendMessage | EditMessageText) -> list[str]:
    """Callback data, or the URL of a link button, of every button in order."""
    markup = message.reply_markup
    if markup is None:
        return []
    assert isinstance(markup, InlineKeyboardMarkup)
    return [b.callback_data or b.url or "" for row in markup.inline_keyboard for b in row]


def _press(action: str, delivery: DeliveryOut) -> str:
    return DeliveryPress(action=action, delivery=delivery.id).pack()


async def _picked_up(bot: Harness, world: DeliveryWorld) -> tuple[int, DeliveryOut, Chat]:
    """A courier, a delivery assigned to him and picked up, and his chat with the bot."""
    marat = await world.courier()
    delivery = await world.assigned(marat)
    chat = _chat(bot, marat)
    await chat.press(_press("pickup", delivery))
    return marat, delivery, chat


async def _status(db: Database, courier_id: int, delivery: DeliveryOut) -> DeliveryStatus:
    view = await courier_view(db, await load_actor(db, courier_id), delivery.id)
    return view.status


def test_the_buttons_pack_as_the_notifications_send_them() -> None:
    some = uuid.uuid4()
    assert DeliveryOfferPress(action="accept", offer=some).pack() == f"dof:accept:{some.hex}"
    assert DeliveryOfferPress(action="decline", offer=some).pack() == f"dof:decline:{some.hex}"
    for action in ("show", "pickup", "handover", "unreachable", "return"):
        packed = DeliveryPress(action=action, delivery=some).pack()
        assert packed == f"dlv:{action}:{some.hex}"
        assert len(packed.encode()) <= 64


async def test_accept_takes_the_delivery_and_a_double_tap_changes_nothing(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat = await world.courier()
    order = await world.ready_order()
    offer = await world.offered(marat)

    calls = await _chat(courier_bot, marat).press(f"dof:accept:{offer.id.hex}")

    answer = callback_answer(calls)
    assert answer.text == translator.get("ru", "courier-offer-accepted", number=str(order.number))
    assert not answer.show_alert
    # The offer's message is core.communications' to edit ("taken"); the card comes from it too.
    assert not [r for r in calls if isinstance(r, EditMessageText | SendMessage)]
    delivery = await world.delivery(order.id)
    assert (delivery.status, delivery.courier_id) == (DeliveryStatus.ASSIGNED, marat)

    # A double tap is the same answer, and changes nothing.
    again = callback_answer(await _chat(courier_bot, marat).press(f"dof:accept:{offer.id.hex}"))
    assert (again.text, again.show_alert) == (answer.text, None)
    assert (await world.delivery(order.id)).courier_id == marat


async def test_decline_answers_at_once_and_the_offer_moves_on(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat = await world.courier()
    await world.ready_order()
    offer = await world.offered(marat)

    pressed = await _chat(courier_bot, marat, "en").press(f"dof:decline:{offer.id.hex}")
    answer = callback_answer(pressed)

    assert answer.text == translator.get("en", "courier-offer-declined")
    assert not answer.show_alert
    stored = await get_offer(db, world.support, offer.id)
    assert stored.status is OfferStatus.DECLINED

    # Changing one's mind afterwards is too late.
    late = callback_answer(await _chat(courier_bot, marat).press(f"dof:accept:{offer.id.hex}"))
    assert late.show_alert is True
    assert late.text == translator.get("ru", "error-delivery_offer_closed", status="declined")


async def test_a_late_or_someone_elses_offer_gets_an_alert(
    courier_bot: Harness,
    world: DeliveryWorld,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    marat, dima = await world.courier(), await world.courier("Дима", metres_away=None)
    order = await world.ready_order()
    offer = await world.offered(marat)

    stranger = callback_answer(await _chat(courier_bot, dima).press(f"dof:accept:{offer.id.hex}"))
    assert stranger.show_alert is True
    assert stranger.text == translator.get("ru", "error-permission_denied")

    clock.advance(OFFER_TTL)
    late = callback_answer(await _chat(courier_bot, marat).press(f"dof:accept:{offer.id.hex}"))
    assert late.show_alert is True
    assert late.text == translator.get("ru", "error-delivery_offer_expired")
    assert (await world.delivery(order.id)).courier_id is None


async def test_the_card_walks_from_pickup_to_the_code_in_place(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat = await world.courier()
    delivery = await world.assigned(marat)
    chat = _chat(courier_bot, marat)

    [card] = edits(await chat.press(_press("show", delivery)))
    assert card.message_id == 77
    assert f"Заказ №{delivery.order_number}" in card.text
    assert delivery.pickup_address in card.text
    assert "Москва, ул. Садовая, 5" in card.text
    assert "подъезд 2, этаж 3, кв. 41" in card.text
    assert CUSTOMER_PHONE in card.text
    point = delivery.dropoff_point
    assert f'href="https://yandex.ru/maps/?pt={point.lon:.6f},{point.lat:.6f}&amp;z=17' in (
        card.text
    )
    buttons = _buttons(card)
    assert buttons[0] == _press("pickup", delivery)
    assert buttons[1].startswith("https://yandex.ru/maps/?pt=")

    calls = await chat.press(_press("pickup", delivery))
    assert callback_answer(calls).text == translator.get("ru", "courier-picked-up")
    [card] = edits(calls)
    assert _buttons(card)[:2] == [_press("handover", delivery), _press("unreachable", delivery)]
    assert await _status(db, marat, delivery) is DeliveryStatus.PICKED_UP


async def test_handover_asks_for_the_code_and_delivers_with_the_earning(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat, delivery, chat = await _picked_up(courier_bot, world)

    [prompt] = edits(await chat.press(_press("handover", delivery)))
    assert translator.get("ru", "courier-handover-prompt") in prompt.text
    assert _buttons(prompt) == [_press("show", delivery)]

    typed = await chat.send("12")
    assert [r.message_id for r in typed if isinstance(r, DeleteMessage)]
    [prompt] = edits(typed)
    assert prompt.message_id == 77
    assert translator.get("ru", "courier-handover-not-a-code") in prompt.text

    code = await world.code(delivery.id)
    wrong = f"{(int(code) + 1) % 10_000:04d}"
    [prompt] = edits(await chat.send(wrong))
    left = MAX_CODE_ATTEMPTS - 1
    assert translator.get("ru", "courier-handover-wrong", left=left) in prompt.text
    assert await chat.state() is not None

    [done] = edits(await chat.send(code))
    assert done.message_id == 77
    assert delivery.earning is not None
    earned = translator.get("ru", "courier-delivery-done", amount=delivery.earning.format())
    assert done.text.splitlines()[1] == earned
    assert done.reply_markup is None
    assert await chat.state() is None
    assert await _status(db, marat, delivery) is DeliveryStatus.DELIVERED


async def test_too_many_wrong_codes_lock_the_handover(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat, delivery, chat = await _picked_up(courier_bot, world)
    await chat.press(_press("handover", delivery))
    wrong = f"{(int(await world.code(delivery.id)) + 1) % 10_000:04d}"

    for _ in range(MAX_CODE_ATTEMPTS - 1):
        await chat.send(wrong)
    [card] = edits(await chat.send(wrong))

    assert translator.get("ru", "courier-handover-locked") in card.text
    assert _press("handover", delivery) not in _buttons(card)
    assert await chat.state() is None
    assert await _status(db, marat, delivery) is DeliveryStatus.PICKED_UP


async def test_an_unreachable_customer_is_waited_for_then_the_order_goes_back(
    courier_bot: Harness,
    world: DeliveryWorld,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    marat, delivery, chat = await _picked_up(courier_bot, world)

    calls = await chat.press(_press("unreachable", delivery))
    waiting = await courier_view(db, await load_actor(db, marat), delivery.id)
    assert waiting.wait_until is not None
    until = re.search(r"\d\d:\d\d", callback_answer(calls).text or "")
    assert until is not None
    [card] = edits(calls)
    assert translator.get("ru", "courier-delivery-waiting", until=until.group()) in card.text
    assert _buttons(card)[:2] == [_press("handover", delivery), _press("return", delivery)]

    early = callback_answer(await chat.press(_press("return", delivery)))
    minutes = int(WAIT_FOR_CUSTOMER.total_seconds() // 60)
    assert early.show_alert is True
    assert early.text == translator.get("ru", "courier-return-too-early", minutes=minutes)
    assert await _status(db, marat, delivery) is DeliveryStatus.AWAITING_CUSTOMER

    clock.advance(WAIT_FOR_CUSTOMER)
    calls = await chat.press(_press("return", delivery))
    assert callback_answer(calls).text == translator.get("ru", "courier-returned")
    [card] = edits(calls)
    assert card.reply_markup is None
    assert await _status(db, marat, delivery) is DeliveryStatus.RETURNED


async def test_another_courier_cannot_press_the_card(
    courier_bot: Harness, world: DeliveryWorld, db: Database, translator: Translator
) -> None:
    marat, dima = await world.courier(), await world.courier("Дима", metres_away=None)
    delivery = await world.assigned(marat)

    for action in ("show", "pickup", "handover"):
        calls = await _chat(courier_bot, dima).press(_press(action, delivery))
        assert callback_answer(calls).show_alert is True, action
        assert not edits(calls)
    assert await _status(db, marat, delivery) is DeliveryStatus.ASSIGNED


async def test_deliveries_lists_a_card_per_delivery_in_hand(
    courier_bot: Harness, world: DeliveryWorld, translator: Translator
) -> None:
    marat = await world.courier()
    first, second = await world.assigned(marat), await world.assigned(marat)

    cards = sent(await _chat(courier_bot, marat).send("/deliveries"))

    assert [
        f"Заказ №{d.order_number}" in c.text for c, d in zip(cards, (first, second), strict=True)
    ] == [True, True]
    assert [_buttons(c)[0] for c in cards] == [_press("pickup", first), _press("pickup", second)]

    idle = await world.courier("Дима")
    [nothing] = sent(await _chat(courier_bot, idle, "en").send("/deliveries"))
    assert nothing.text == translator.get("en", "courier-deliveries-none")

    customer = await world.person("Вера")
    [refused] = sent(await _chat(courier_bot, customer).send("/deliveries"))
    assert refused.text == translator.get("ru", "courier-deliveries-couriers-only")


async def test_a_forged_button_is_refused_politely(
    courier_bot: Harness, world: DeliveryWorld, translator: Translator
) -> None:
    marat = await world.courier()
    delivery = await world.assigned(marat)

    for data in (f"dlv:fly:{delivery.id.hex}", "dlv:pickup:not-a-uuid", "dof:accept:zz"):
        answer = callback_answer(await _chat(courier_bot, marat).press(data))
        assert answer.show_alert is True, data
        assert answer.text == translator.get("ru", "courier-delivery-stale")
