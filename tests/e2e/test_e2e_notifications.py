"""Notifications end to end: an admin's decision reaches the applicant in the seller bot through
the real worker (outbox relay + sender + aiogram) and the Telegram emulator; people who block
the bot are found out and not written to again until they come back."""

from __future__ import annotations

import asyncio
import html
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import time

import aiohttp
import pytest
from aiogram import Bot
from sim_client import Sim

from bot.common.sender import AiogramSender
from core.auth.api import ensure_admins, load_actor, remember_user, set_language
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application, reject_application
from core.business.schemas import (
    BusinessApplication,
    DayHours,
    ShopForm,
    TaxSystem,
    WeeklyHours,
)
from core.communications.api import is_reachable, list_notifications, mark_unreachable
from core.communications.port import Blocked, Failed, RetryAfter, Sent
from core.communications.schemas import NotificationStatus
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from fruktgo.bots import create_bot
from sandbox.telegram.server import start_emulator

SELLER = BotRole.SELLER
_TAG = re.compile(r"<[^>]+>")
_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def plain(rendered_html: str) -> str:
    """What a person reads once Telegram has turned the HTML into entities."""
    return html.unescape(_TAG.sub("", rendered_html))


def _company_inn() -> str:
    digits = [7, 8, *(int(c) for c in f"{uuid.uuid4().int % 10_000_000:07d}")]
    check = sum(d * w for d, w in zip(digits, _W10, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def _application(legal_name: str, shop_name: str) -> BusinessApplication:
    point = Point(55.7539, 37.6208)
    return BusinessApplication(
        legal_name=legal_name, inn=_company_inn(), tax_system=TaxSystem.USN_INCOME,
        phone="+7 912 345-67-89", email="seller@example.com",
        shop=ShopForm(
            name=shop_name, address="Москва, ул. Тверская, 1", point=point,
            timezone="Europe/Moscow", hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
            zone=radius_zone(point, 3_000), min_order=Money.rub(500),
            delivery_fee=Money.rub(99), assembly_minutes=20,
        ),
    )


async def _until(check: Callable[[], Awaitable[bool]], what: str, seconds: float = 15) -> None:
    """Poll ``check`` until it holds: the worker's outcome is a database row, not an event."""
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(what)


async def _person(sim: Sim, db: Database, name: str, language: str) -> int:
    person: int = (await sim.new_person(first_name=name, language_code=language))[
        "user_id"
    ]
    await remember_user(db, TelegramProfile(person, name, language_code=language))
    return person


async def _admin(sim: Sim, db: Database) -> Actor:
    admin = await _person(sim, db, "Admin", "ru")
    await ensure_admins(db, [admin])
    return await load_actor(db, admin)


@pytest.mark.usefixtures("worker")
async def test_the_verdict_reaches_the_applicant_and_a_blocker_is_not_retried(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    translator = Translator()
    seller = bot_usernames["seller"]
    admin = await _admin(sim, core_db)
    olga = await _person(sim, core_db, "Olga", "en")
    await set_language(core_db, olga, "en")
    boris = await _person(sim, core_db, "Борис", "ru")
    for person in (olga, boris):  # they applied through the seller bot, so they started it
        await sim.send(person, seller, "/start")
    await sim.call("POST", "block", user_id=boris, bot=seller)

    approved = await apply(core_db, await load_actor(core_db, olga),
                           _application('ООО "Olga & Co"', "Olga's <Fruit>"))
    rejected = await apply(core_db, await load_actor(core_db, boris),
                           _application("ИП Борисов", "Овощи"))
    await approve_application(core_db, admin, approved.business.id)
    await reject_application(core_db, admin, rejected.business.id, "Нет выписки из ЕГРИП")

    # Applying tells every admin in the session's database (hundreds by now, in other tests'
    # names) in the support bot; the verdict goes out in the seller bot's own lane.
    view = await sim.call("POST", "wait", user_id=olga, bot=seller, timeout=15)
    assert not view.get("timed_out"), "the approval never reached the seller bot chat"
    expected = translator.get(
        "en", "notification-business-approved",
        legal_name=html.escape('ООО "Olga & Co"', quote=False),
        shops=html.escape("Olga's <Fruit>", quote=False),
    )
    assert [m["text"] for m in view["messages"]] == [plain(expected)]

    async def olga_recorded() -> bool:  # Telegram answers before the sender records it
        return [n.status for n in await list_notifications(core_db, olga)] == [
            NotificationStatus.SENT
        ]

    await _until(olga_recorded, "the sent notification should be recorded")
    [told] = await list_notifications(core_db, olga)
    assert told.telegram_message_id == view["messages"][0]["message_id"]

    async def boris_settled() -> bool:
        return [n.status for n in await list_notifications(core_db, boris)] == [
            NotificationStatus.FAILED
        ]

    await _until(boris_settled, "the notification to a blocker should fail")
    [refused] = await list_notifications(core_db, boris)
    assert refused.attempts == 1
    assert refused.last_error is not None
    assert refused.last_error.startswith("blocked:")
    assert not await is_reachable(core_db, boris, SELLER)
    chat = await sim.call("GET", f"chat?user_id={boris}&bot={seller}")
    assert [m["text"] for m in chat["messages"]] == ["/start"]


@pytest.mark.usefixtures("running_bots")
async def test_writing_to_the_bot_again_makes_a_person_reachable(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    seller = bot_usernames["seller"]
    person = await _person(sim, core_db, "Lena", "en")
    # What the sender records on a 403; the person then unblocks the bot and writes /start.
    await mark_unreachable(core_db, person, SELLER, "Forbidden: bot was blocked by the user")
    await mark_unreachable(core_db, person, BotRole.CUSTOMER, "Forbidden: bot was blocked")
    await sim.reply_to(person, seller, "/start")
    assert await is_reachable(core_db, person, SELLER)
    assert not await is_reachable(core_db, person, BotRole.CUSTOMER)  # only the bot written to


@pytest.mark.usefixtures("running_bots")
async def test_blocking_the_bot_is_known_before_anything_is_sent(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    seller = bot_usernames["seller"]
    person = await _person(sim, core_db, "Vera", "en")
    await sim.reply_to(person, seller, "/start")

    await sim.call("POST", "block", user_id=person, bot=seller)

    async def blocked() -> bool:  # Telegram's my_chat_member reaches the running bot
        return not await is_reachable(core_db, person, SELLER)

    await _until(blocked, "blocking the bot should make the person unreachable in it")
    assert await is_reachable(core_db, person, BotRole.CUSTOMER)

    await sim.call("POST", "unblock", user_id=person, bot=seller)

    async def unblocked() -> bool:
        return await is_reachable(core_db, person, SELLER)

    await _until(unblocked, "unblocking the bot should make the person reachable again")


# -- the aiogram sender against the emulator -------------------------------------------------


@pytest.fixture
async def seller_bot(settings: Settings) -> AsyncIterator[tuple[Sim, Bot, str]]:
    """An emulator with one seller bot and aiogram's client for it, built as the worker does."""
    emulator = await start_emulator(port=0)
    credentials = emulator.register_bot("notify_test_bot")
    client = create_bot(settings.model_copy(update={"telegram_api_url": emulator.url}),
                        credentials.token)
    async with aiohttp.ClientSession() as http:
        yield Sim(http, emulator.url), client, credentials.username
    await client.session.close()
    await emulator.close()


async def test_the_aiogram_sender_reports_telegrams_answers(
    seller_bot: tuple[Sim, Bot, str],
) -> None:
    sim, client, username = seller_bot
    sender = AiogramSender({SELLER: client})
    person = (await sim.new_person(first_name="Ира"))["user_id"]
    await sim.send(person, username, "/start")

    markup = {"inline_keyboard": [[{"text": "Открыть", "url": "https://example.com/"}]]}
    sent = await sender.send(SELLER, person, "<b>Готово</b> &amp; всё", reply_markup=markup)
    assert isinstance(sent, Sent)
    chat = await sim.call("GET", f"chat?user_id={person}&bot={username}")
    [message] = [m for m in chat["messages"] if m["message_id"] == sent.message_id]
    assert message["text"] == "Готово & всё"
    assert message["entities"][0]["type"] == "bold"
    assert message["reply_markup"] == markup

    async def fault(code: int, **extra: object) -> None:
        # Sim.call takes the HTTP method as ``method``: post the body itself.
        body = {"bot": username, "method": "sendMessage", "error_code": code, "times": 1, **extra}
        async with sim.http.post(f"{sim.url}/sim/faults", json=body) as response:
            assert response.status == 200, await response.text()

    await fault(429, retry_after=7)
    assert await sender.send(SELLER, person, "x") == RetryAfter(7)
    await fault(500, description="Internal Server Error")
    server_error = await sender.send(SELLER, person, "x")
    assert isinstance(server_error, Failed)
    assert not server_error.permanent
    bad_html = await sender.send(SELLER, person, "<b>unclosed")
    assert isinstance(bad_html, Failed)
    assert bad_html.permanent
    assert "can't parse entities" in bad_html.error
    bad_markup = await sender.send(SELLER, person, "x", reply_markup={"nonsense": 1})
    assert isinstance(bad_markup, Failed)
    assert bad_markup.permanent
    assert await sender.send(BotRole.COURIER, person, "x") == Failed(
        "no courier bot is configured in this process"
    )

    await sim.call("POST", "block", user_id=person, bot=username)
    blocked = await sender.send(SELLER, person, "x")
    assert blocked == Blocked("Forbidden: bot was blocked by the user")
