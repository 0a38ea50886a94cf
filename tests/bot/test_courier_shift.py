"""/shift in the courier bot: the card edited in place by its buttons, the first point asked
for when a shift starts, refusals shown on the card, and planned shifts added and removed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from aiogram.methods import SendMessage
from aiogram.types import ReplyKeyboardMarkup
from bot_fakes import Harness
from courier_bot_helpers import admin_actor, approved_courier, buttons, courier_user_id
from customer_chat import Chat, answered_first, edits, sent

from bot.courier.callbacks import Join, PlanAct, PlanPress, ShiftAct, ShiftPress
from bot.courier.states import PlanForm
from core.auth.policy import Actor
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database
from core.workforce.api import (
    get_courier,
    my_shift,
    planned_shifts,
    set_active_deliveries,
    start_shift,
)
from core.workforce.schemas import CourierStatus

# The FrozenClock starts on Thursday 1 January 2026 at 12:00 in Moscow.
TODAY, TOMORROW = "2026-01-01", "2026-01-02"


@pytest.fixture
def courier_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.COURIER)


@pytest.fixture
async def courier(db: Database) -> Actor:
    return await approved_courier(db, await admin_actor(db))


@pytest.fixture
def chat(courier_bot: Harness, courier: Actor) -> Chat:
    return Chat(courier_bot, courier.telegram_id)


def actions(message: object) -> list[str]:
    return [data for _, data in buttons(message)]  # type: ignore[arg-type]


def press(action: ShiftAct) -> str:
    return ShiftPress(action=action).pack()


async def test_the_card_follows_the_shift(
    chat: Chat, courier: Actor, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    [card] = sent(await chat.send("/shift"))
    assert translator.get("ru", "courier-shift-status", status="offline") in card.text
    assert actions(card) == [press(ShiftAct.START), press(ShiftAct.PLAN), press(ShiftAct.REFRESH)]

    started = await chat.press(ShiftPress(action=ShiftAct.START))
    assert answered_first(started)
    [card] = edits(started)
    assert translator.get("ru", "courier-shift-status", status="available") in card.text
    assert translator.get("ru", "courier-shift-since", time="12:00") in card.text
    assert translator.get("ru", "courier-shift-live-hint") in card.text
    assert actions(card)[:2] == [press(ShiftAct.BREAK), press(ShiftAct.END)]
    [point] = sent(started)
    assert point.text == translator.get("ru", "courier-shift-send-first-point")
    assert isinstance(point.reply_markup, ReplyKeyboardMarkup)
    assert point.reply_markup.keyboard[0][0].request_location
    assert (await get_courier(db, courier.telegram_id)).status is CourierStatus.AVAILABLE

    clock.advance(timedelta(minutes=45))
    [card] = edits(await chat.press(ShiftPress(action=ShiftAct.BREAK)))
    assert translator.get("ru", "courier-shift-break-since", time="12:45") in card.text
    assert actions(card)[:2] == [press(ShiftAct.RESUME), press(ShiftAct.END)]
    [card] = edits(await chat.press(ShiftPress(action=ShiftAct.RESUME)))
    assert translator.get("ru", "courier-shift-status", status="available") in card.text
    [card] = edits(await chat.press(ShiftPress(action=ShiftAct.END)))
    assert translator.get("ru", "courier-shift-status", status="offline") in card.text
    assert (
        translator.get("ru", "courier-shift-hours", today="0:45", week="0:45", limit=10)
        in card.text
    )
    assert (await get_courier(db, courier.telegram_id)).status is CourierStatus.OFFLINE


async def test_a_refusal_is_shown_on_the_card(
    chat: Chat, courier: Actor, db: Database, translator: Translator
) -> None:
    await start_shift(db, courier)
    await set_active_deliveries(db, courier.telegram_id, 1)
    [card] = edits(await chat.press(ShiftPress(action=ShiftAct.END)))
    assert translator.get("ru", "error-courier_busy", count=1) in card.text
    assert translator.get("ru", "courier-shift-status", status="delivering") in card.text
    assert press(ShiftAct.END) not in actions(card)  # nothing to end while delivering


async def test_the_day_spent_hides_the_start_button(
    chat: Chat, courier: Actor, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    await start_shift(db, courier)
    clock.advance(timedelta(hours=10))
    await chat.press(ShiftPress(action=ShiftAct.END))
    [card] = sent(await chat.send("/shift"))
    assert translator.get("ru", "courier-shift-limit-reached", hours=10) in card.text
    assert press(ShiftAct.START) not in actions(card)
    [refused] = edits(await chat.press(ShiftPress(action=ShiftAct.START)))  # an older card
    assert translator.get("ru", "error-shift_limit_reached", hours=10) in refused.text
    assert not (await my_shift(db, courier)).courier.on_shift


async def test_someone_not_yet_a_courier_is_shown_where_they_stand(
    courier_bot: Harness, translator: Translator
) -> None:
    stranger = Chat(courier_bot, courier_user_id())
    [reply] = sent(await stranger.send("/shift"))
    assert reply.text == translator.get("ru", "courier-start", name="Анна")
    assert actions(reply) == [Join().pack()]
    [stats] = sent(await stranger.send("/stats"))
    assert stats.text == reply.text


async def test_stats_show_hours_and_deliveries(
    chat: Chat, courier: Actor, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    await start_shift(db, courier)
    clock.advance(timedelta(hours=1, minutes=5))
    [stats] = sent(await chat.send("/stats"))
    assert (
        translator.get("ru", "courier-stats-hours", today="1:05", week="1:05", limit=10)
        in stats.text
    )
    assert (
        translator.get("ru", "courier-stats-deliveries", done=0, returned=0, earnings="0,00\u00a0₽")
        in stats.text
    )


async def test_planning_a_shift_with_buttons(
    chat: Chat, courier: Actor, db: Database, translator: Translator
) -> None:
    [plans] = edits(await chat.press(ShiftPress(action=ShiftAct.PLAN)))
    assert translator.get("ru", "courier-plan-empty") in plans.text
    [days] = edits(await chat.press(PlanPress(action=PlanAct.ADD)))
    day_buttons = [data for data in actions(days) if data.startswith("cpln:day:")]
    assert len(day_buttons) == 7
    assert day_buttons[0] == PlanPress(action=PlanAct.DAY, day=TODAY).pack()
    [slots] = edits(await chat.press(PlanPress(action=PlanAct.DAY, day=TOMORROW)))
    assert PlanPress(action=PlanAct.SLOT, day=TOMORROW, start=20, end=24).pack() in actions(slots)

    added = await chat.press(PlanPress(action=PlanAct.SLOT, day=TOMORROW, start=20, end=24))
    [listed] = edits(added)
    assert translator.get("ru", "courier-plan-added") in listed.text
    assert "Завтра 20:00–24:00" in listed.text
    [planned] = await planned_shifts(db, courier)
    assert planned.duration == timedelta(hours=4)

    # The same slot again overlaps: the slots stay, with the reason.
    [again] = edits(
        await chat.press(PlanPress(action=PlanAct.SLOT, day=TOMORROW, start=20, end=24))
    )
    assert (
        translator.get("ru", "error-planned_shifts_overlap", starts="20:00", ends="00:00")
        in again.text
    )
    # Only the offered ranges count: forged callback data plans nothing.
    await chat.press(PlanPress(action=PlanAct.SLOT, day=TOMORROW, start=0, end=23))
    assert len(await planned_shifts(db, courier)) == 1

    remove = PlanPress(action=PlanAct.REMOVE, shift=planned.id)
    assert remove.pack() in actions(listed)
    [removed] = edits(await chat.press(remove))
    assert translator.get("ru", "courier-plan-removed") in removed.text
    [twice] = edits(await chat.press(remove))
    assert translator.get("ru", "courier-plan-already-removed") in twice.text
    assert await planned_shifts(db, courier) == []
    [card] = edits(await chat.press(PlanPress(action=PlanAct.BACK)))
    assert translator.get("ru", "courier-shift-title") in card.text


async def test_planning_a_shift_with_a_typed_range(
    chat: Chat, courier: Actor, db: Database, translator: Translator
) -> None:
    [prompt] = edits(await chat.press(PlanPress(action=PlanAct.CUSTOM, day=TOMORROW)))
    assert prompt.text == translator.get("ru", "courier-plan-type-range", day="Завтра")
    assert await chat.state() == PlanForm.time_range.state
    [unreadable] = sent(await chat.send("с утра"))
    assert unreadable.text == translator.get("ru", "error-time_range_unreadable")
    [too_long] = sent(await chat.send("08:00-19:00"))
    assert too_long.text == translator.get("ru", "error-planned_shift_times_invalid", hours=10)
    [listed] = sent(await chat.send("10:00-18:30"))
    assert isinstance(listed, SendMessage)
    assert "Завтра 10:00–18:30" in listed.text
    assert await chat.state() is None
    assert len(await planned_shifts(db, courier)) == 1


async def test_a_forged_day_is_refused(chat: Chat, translator: Translator) -> None:
    requests = await chat.press("cpln:day:yesterday:0:0:")
    assert [r.text for r in requests if getattr(r, "show_alert", False)] == [
        translator.get("ru", "courier-dialog-expired")
    ]
