"""Admins decide courier applications in the support bot: /couriers lists them, a card approves
or asks for the reason of a rejection; the alert's buttons work the same; others are refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bot_fakes import Harness
from courier_bot_helpers import admin_actor, alerts, buttons, courier_user_id
from customer_chat import Chat, edits, sent

from bot.support.couriers_callbacks import CourierReview, ReviewAct
from core.auth.api import load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database
from core.workforce.api import (
    courier_application,
    courier_applications,
    couriers_on_shift,
    register_courier,
)
from core.workforce.schemas import ApplicationStatus, Vehicle


@pytest.fixture
def support(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SUPPORT)


@pytest.fixture
async def admin(db: Database) -> Actor:
    return await admin_actor(db)


@pytest.fixture
async def applicant(db: Database) -> int:
    telegram_id = courier_user_id()
    await remember_user(db, TelegramProfile(telegram_id, "Марат"))
    await register_courier(
        db, await load_actor(db, telegram_id), "Марат Ибрагимов", "+79161234567", Vehicle.CAR
    )
    return telegram_id


def review(action: ReviewAct, courier: int = 0) -> CourierReview:
    return CourierReview(action=action, courier=courier)


async def _status(db: Database, admin: Actor, courier_id: int) -> ApplicationStatus:
    application = await courier_application(db, admin, courier_id)
    assert application is not None
    return application.status


async def test_an_admin_approves_from_the_list(
    support: Harness, admin: Actor, applicant: int, db: Database, translator: Translator
) -> None:
    chat = Chat(support, admin.telegram_id, language_code="en")
    [queue] = sent(await chat.send("/couriers"))
    pending = len(await courier_applications(db, admin))
    on_shift = len(await couriers_on_shift(db))
    assert queue.text.startswith(
        translator.get("en", "courier-admin-title", pending=pending, on_shift=on_shift)
    )
    item = (
        translator.get("en", "courier-admin-item", name="Марат Ибрагимов", vehicle="car"),
        review(ReviewAct.SHOW, applicant).pack(),
    )
    assert item in buttons(queue)

    [card] = edits(await chat.press(review(ReviewAct.SHOW, applicant)))
    assert "+79161234567" in card.text
    assert [data for _, data in buttons(card)] == [
        review(ReviewAct.APPROVE, applicant).pack(),
        review(ReviewAct.REJECT, applicant).pack(),
        review(ReviewAct.LIST).pack(),
    ]
    [approved] = edits(await chat.press(review(ReviewAct.APPROVE, applicant)))
    assert translator.get("en", "courier-admin-approved") in approved.text
    assert [data for _, data in buttons(approved)] == [review(ReviewAct.LIST).pack()]
    assert await _status(db, admin, applicant) is ApplicationStatus.APPROVED
    assert (await load_actor(db, applicant)).has(Role.COURIER)
    # A second tap (or a second admin's alert) changes nothing and fails nothing.
    [again] = edits(await chat.press(review(ReviewAct.APPROVE, applicant)))
    assert translator.get("en", "courier-admin-approved") in again.text


async def test_an_admin_rejects_with_a_reason(
    support: Harness, admin: Actor, applicant: int, db: Database, translator: Translator
) -> None:
    chat = Chat(support, admin.telegram_id)
    [prompt] = edits(await chat.press(review(ReviewAct.REJECT, applicant)))
    assert prompt.text == translator.get(
        "ru", "courier-admin-reject-prompt", name="Марат Ибрагимов"
    )
    [short] = sent(await chat.send("no"))
    assert short.text == translator.get(
        "ru", "error-invalid_courier_rejection", minimum=3, maximum=500
    )
    assert await _status(db, admin, applicant) is ApplicationStatus.PENDING
    [card] = sent(await chat.send("Нужен российский номер"))
    assert translator.get("ru", "courier-admin-rejected") in card.text
    assert (
        translator.get("ru", "courier-admin-card-reason", reason="Нужен российский номер")
        in card.text
    )
    assert await _status(db, admin, applicant) is ApplicationStatus.REJECTED
    assert await chat.state() is None


async def test_others_are_refused(
    support: Harness, applicant: int, db: Database, translator: Translator
) -> None:
    agent_id = courier_user_id()
    chat = Chat(support, agent_id)
    [reply] = sent(await chat.send("/couriers"))
    assert reply.text == translator.get("ru", "support-admin-only")
    requests = await chat.press(review(ReviewAct.APPROVE, applicant))
    assert alerts(requests) == [translator.get("ru", "support-admin-only")]
    admin = await admin_actor(db)
    assert await _status(db, admin, applicant) is ApplicationStatus.PENDING
