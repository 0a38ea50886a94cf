"""A newcomer applies to sell through the seller bot's dialog, run as the sandbox runs it, acting
only through the Telegram emulator; the application then waits in core.business for review."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from sim_client import Sim

from bot.seller.callbacks import SummaryAct, SummaryChoice, TaxChoice, TimezoneChoice
from core.auth.api import ensure_admins, load_actor, remember_user
from core.auth.schemas import TelegramProfile
from core.business.api import my_applications, reject_application
from core.business.schemas import BusinessStatus, TaxSystem
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database

_TAG = re.compile(r"<[^>]+>")
Expected = str | Callable[[str], bool]


def _company_inn(first_nine: str) -> str:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11 % 10
    return f"{first_nine}{check}"


# A valid company INN that nothing else in the test database uses.
INN = _company_inn("669000001")
REVIEWER = 880_055_5002


def plain(rendered_html: str) -> str:
    """What a person reads once Telegram has turned the HTML into entities."""
    return html.unescape(_TAG.sub("", rendered_html))


class Person:
    """Someone in their chat with one bot, waiting for the bot's answers as a person would."""

    def __init__(self, sim: Sim, user_id: int, bot: str) -> None:
        self.sim, self.user_id, self.bot = sim, user_id, bot

    async def expect(self, after: int, text: Expected) -> dict[str, Any]:
        """The bot's first message after ``after`` that reads ``text`` (or passes it, if it is a
        test), waiting for it."""
        wanted = text if callable(text) else text.__eq__
        seen: list[str] = []
        for _ in range(20):
            view = await self.sim.call("POST", "wait", user_id=self.user_id, bot=self.bot,
                                       after=after, timeout=10)
            assert not view.get("timed_out"), f"no {text!r}; the bot said {seen}"
            for message in view["messages"]:
                if message["message_id"] > after:
                    if wanted(message.get("text", "")):
                        return dict(message)
                    seen.append(message.get("text", ""))
                    after = message["message_id"]
        raise AssertionError(f"no {text!r}; the bot said {seen}")

    async def say(self, expected: Expected, **content: Any) -> dict[str, Any]:
        """Send a message (text, contact, location) and wait for the bot's ``expected`` one."""
        sent = await self.sim.call("POST", "send", user_id=self.user_id, bot=self.bot, **content)
        return await self.expect(sent["message"]["message_id"], expected)

    async def press(self, message: dict[str, Any], data: str, expected: Expected) -> dict[str, Any]:
        """Press the inline button ``data`` under ``message`` and wait for ``expected``."""
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        assert data in [b.get("callback_data") for b in buttons], buttons
        await self.sim.call("POST", "press", user_id=self.user_id, bot=self.bot,
                            message_id=message["message_id"], callback_data=data)
        return await self.expect(message["message_id"], expected)


@pytest.mark.usefixtures("running_bots")
async def test_a_newcomer_applies_through_the_seller_bot(
    sim: Sim, bot_usernames: dict[str, str], db: Database
) -> None:
    tr = Translator().get

    def ask(step: str, **args: Any) -> str:
        return plain(tr("ru", f"seller-ask-{step}", **args))

    # This person answers far faster than anyone types; Telegram's per-chat flood limit (about a
    # message a second) would refuse the bot's replies, so the emulator is told to lift it.
    await sim.call("POST", "limits", enabled=False)
    created = await sim.new_person(first_name="Вера", language_code="ru", phone="+79161234567")
    vera = Person(sim, created["user_id"], bot_usernames["seller"])

    await vera.say(ask("legal-name"), text="/apply")
    await vera.say(ask("inn"), text='ООО "Ягодка"')
    tax = await vera.say(ask("tax-system"), text=INN)
    await vera.press(tax, TaxChoice(system=TaxSystem.USN_INCOME).pack(), ask("phone"))
    await vera.say(ask("email"), contact=True)
    await vera.say(ask("shop-name"), text="vera@yagodka.ru")
    await vera.say(ask("location"), text="Ягодка на Арбате")
    await vera.say(ask("address"), location={"latitude": 55.7494, "longitude": 37.5912})
    zone = await vera.say(ask("timezone", zone="Europe/Moscow"), text="Москва, ул. Арбат, 10")
    await vera.press(zone, TimezoneChoice(name="Europe/Moscow").pack(), ask("hours"))
    await vera.say(ask("zone"), text="пн-пт 09:00-21:00 перерыв 14:00-15:00\nсб-вс 10:00-18:00")
    await vera.say(ask("min-order"), text="2,5")
    await vera.say(ask("delivery-fee"), text="1 000")
    await vera.say(ask("assembly"), text="149,90")

    title = plain(tr("ru", "seller-summary-title"))
    summary = await vera.say(lambda text: text.startswith(title), text="25")
    assert INN in summary["text"]
    await vera.press(summary, SummaryChoice(action=SummaryAct.CONFIRM).pack(),
                     plain(tr("ru", "seller-apply-sent")))

    [applied] = await my_applications(db, await load_actor(db, vera.user_id))
    assert applied.business.status is BusinessStatus.PENDING
    assert (applied.business.inn, applied.business.phone) == (INN, "+79161234567")
    [shop] = applied.shops
    assert (shop.name, shop.address) == ("Ягодка на Арбате", "Москва, ул. Арбат, 10")
    assert (shop.min_order, shop.delivery_fee, shop.assembly_minutes) == (
        Money(100_000), Money(14_990), 25)

    # Decided, so it does not linger in the review queue other tests in this database look at.
    await remember_user(db, TelegramProfile(REVIEWER, "Админ"))
    await ensure_admins(db, [REVIEWER])
    await reject_application(db, await load_actor(db, REVIEWER), applied.business.id,
                             "Проверочная заявка")
