"""People for the order-by-weight e2e: someone in a bot of the Telegram emulator (send, press,
read the chat), a shop owned by such a person, and the seller's Mini App as its pages call the
API: over HTTP, with the initData the emulator signed when the owner opened it."""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from sim_client import Sim

from core.auth.api import load_actor
from core.auth.policy import Actor
from core.business.api import apply, approve_application
from core.business.schemas import BusinessApplication, ShopForm, TaxSystem
from core.geo.api import radius_zone
from core.shared.money import Money
from core.shared.uow import Database

# The catalog tests' shops, categories and customers (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))

from catalog_bot_helpers import (  # noqa: E402
    ADMIN,
    ROUND_THE_CLOCK,
    Shelf,
    new_category,
    new_customer,
    new_offer,
    place,
)

# The catalog helpers the test uses too, from here: importing this module puts them on the path.
__all__ = [
    "MiniApp",
    "Person",
    "Shelf",
    "buttons",
    "new_category",
    "new_customer",
    "new_offer",
    "owned_shop",
]

_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def buttons(message: dict[str, Any]) -> list[str]:
    """The texts of a message's inline buttons, row by row."""
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


class Person:
    """One person in one bot: sends, presses, and looks at the chat."""

    def __init__(self, sim: Sim, user_id: int, bot: str) -> None:
        self.sim, self.user_id, self.bot = sim, user_id, bot

    async def chat(self) -> dict[str, Any]:
        found: dict[str, Any] = await self.sim.call(
            "GET", f"chat?user_id={self.user_id}&bot={self.bot}"
        )
        return found

    async def say(self, words: str, starts: str) -> dict[str, Any]:
        """Send ``words``; the bot's answer that starts with ``starts``."""
        answers = await self.sim.reply_to(self.user_id, self.bot, words)
        [answer] = [a for a in answers if a.get("text", "").startswith(starts)]
        return answer

    async def press(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        """Press the button ``label``: the emulator's account of it (the bot's answer to a
        callback, or a Mini App opened with its signed initData)."""
        pressed: dict[str, Any] = await self.sim.call(
            "POST",
            "press",
            user_id=self.user_id,
            bot=self.bot,
            message_id=message["message_id"],
            text=label,
        )
        return pressed

    async def tap(
        self, message: dict[str, Any], label: str, *, new: bool = False
    ) -> dict[str, Any]:
        """Press the button ``label``; the message edited in place (or, with ``new``, the one
        sent after)."""
        before = await self.chat()
        last = max(m["message_id"] for m in before["messages"])
        await self.press(message, label)
        if new:
            [shown] = await self.sim.new_messages(self.user_id, self.bot, after=last)
            return shown
        view = await self.sim.call(
            "POST",
            "wait",
            user_id=self.user_id,
            bot=self.bot,
            after=last,
            since=before["revision"],
            timeout=10,
        )
        assert not view.get("timed_out"), f"nothing changed after pressing {label!r}"
        [shown] = [m for m in view["messages"] if m["message_id"] == message["message_id"]]
        return shown

    async def until(self, *parts: str, seconds: float = 20) -> dict[str, Any]:
        """The first message holding all ``parts``, once one does (the worker sends them)."""
        for _ in range(int(seconds / 0.1)):
            for message in (await self.chat())["messages"]:
                if all(part in message.get("text", "") for part in parts):
                    return message
            await asyncio.sleep(0.1)
        raise AssertionError(f"no message says {parts!r}")


def _company_inn() -> str:
    digits = [7, 7, *(random.randrange(10) for _ in range(7))]
    check = sum(d * w for d, w in zip(digits, _INN_WEIGHTS, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


async def owned_shop(db: Database, owner_id: int, name: str, *, min_order: Money) -> Shelf:
    """A shop open round the clock whose owner applied for it and was approved; its own place
    keeps other tests' shops out of its customers' catalog. Delivery 149 ₽, assembly 15 min."""
    where = place()
    form = ShopForm(
        name=name,
        address="Екатеринбург, ул. Малышева, 5",
        point=where,
        timezone="Europe/Moscow",
        hours=ROUND_THE_CLOCK,
        zone=radius_zone(where, 1_000),
        min_order=min_order,
        delivery_fee=Money.rub(149),
        assembly_minutes=15,
    )
    applied = await apply(
        db,
        Actor(owner_id),
        BusinessApplication(
            legal_name=f'ООО "{name}"',
            inn=_company_inn(),
            tax_system=TaxSystem.USN_INCOME,
            phone="+79123456781",
            email="garden@example.com",
            shop=form,
        ),
    )
    decided = await approve_application(db, ADMIN, applied.business.id)
    # The owner as every part of the system loads them: with the role approval gave them.
    return Shelf(decided.shops[0], await load_actor(db, owner_id), where)


class MiniApp:
    """A Mini App page opened in Telegram, calling the API as FG.api does: ``Authorization: tma
    <initData>`` on every request."""

    def __init__(self, http: aiohttp.ClientSession, origin: str, opened: dict[str, Any]) -> None:
        url = urlsplit(opened["url"])
        # Served where the test runs the web app; the path and query are the button's.
        self.http, self.origin = http, origin.rstrip("/")
        self.page = f"{url.path}?{url.query}" if url.query else url.path
        self.init_data: str = opened["init_data"]

    async def load_page(self) -> str:
        """The page's HTML, as the Telegram client loads it."""
        async with self.http.get(self.origin + self.page) as resp:
            assert resp.status == 200, resp.status
            return await resp.text()

    async def api(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        """Call /api/v1``path``; the JSON answer, which must be a success."""
        headers = {"Authorization": f"tma {self.init_data}", "Accept": "application/json"}
        async with self.http.request(
            method, f"{self.origin}/api/v1{path}", json=body, headers=headers
        ) as resp:
            payload: dict[str, Any] = await resp.json()
            assert resp.status == 200, (resp.status, payload)
            return payload
