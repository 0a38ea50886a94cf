"""Test doubles for communications: a Telegram at the port boundary, applications to approve."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from core.business.schemas import BusinessApplication, DayHours, ShopForm, TaxSystem, WeeklyHours
from core.communications.api import Sender
from core.communications.port import EditResult, Gone, SendResult, Sent
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.config import BotRole
from core.shared.money import Money

NewPerson = Callable[..., Awaitable[int]]
MakeSender = Callable[..., Sender]

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
# The users and notifications live for the whole session: every test person is new.
_ids = itertools.count(7_700_000_000)


def fresh_id() -> int:
    """A Telegram id nobody has used in this session."""
    return next(_ids)


@dataclass(frozen=True)
class Call:
    bot: BotRole
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edits: int | None = None  # the message an edit was for; None: a new message


@dataclass
class FakeTelegram:
    """Stands for Telegram behind the ``MessageSender`` port: records every call and answers
    from a per-chat script (default: sent). ``hold`` makes sends wait until it is set. It keeps
    what each message shows, so an edit of a message it never sent (or ``forget``) is Gone."""

    calls: list[Call] = field(default_factory=list)
    script: dict[int, list[SendResult]] = field(default_factory=dict)
    hold: asyncio.Event | None = None
    entered: asyncio.Event = field(default_factory=asyncio.Event)
    delivered: asyncio.Event = field(default_factory=asyncio.Event)
    yields: int = 0
    messages: dict[int, tuple[int, str, dict[str, Any] | None]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(
        self, bot: BotRole, chat_id: int, text: str, *, reply_markup: dict[str, Any] | None = None
    ) -> SendResult:
        self.calls.append(Call(bot, chat_id, text, reply_markup))
        self.entered.set()
        if self.hold is not None:
            await self.hold.wait()
        for _ in range(self.yields):  # let other senders interleave, as a network would
            await asyncio.sleep(0)
        outcomes = self.script.get(chat_id)
        result = outcomes.pop(0) if outcomes else Sent(next(self._ids))
        if isinstance(result, Sent):
            self.messages[result.message_id] = (chat_id, text, reply_markup)
            self.delivered.set()
        return result

    async def edit(
        self, bot: BotRole, chat_id: int, message_id: int, text: str, *,
        reply_markup: dict[str, Any] | None = None,
    ) -> EditResult:
        self.calls.append(Call(bot, chat_id, text, reply_markup, edits=message_id))
        outcomes = self.script.get(chat_id)
        if outcomes:
            return outcomes.pop(0)
        shown = self.messages.get(message_id)
        if shown is None or shown[0] != chat_id:
            return Gone("Bad Request: message to edit not found")
        # Telegram refuses an edit that changes nothing; the port reports it as done.
        self.messages[message_id] = (chat_id, text, reply_markup)
        self.delivered.set()
        return Sent(message_id)

    def shown(self, message_id: int) -> str:
        """What a message shows now."""
        return self.messages[message_id][1]

    def forget(self, message_id: int) -> None:
        """The person deleted the message."""
        del self.messages[message_id]

    def texts_to(self, chat_id: int) -> list[str]:
        return [call.text for call in self.calls if call.chat_id == chat_id]


def company_inn() -> str:
    digits = [7, 9, *(int(c) for c in f"{uuid.uuid4().int % 10_000_000:07d}")]
    check = sum(d * w for d, w in zip(digits, _W10, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def application(legal_name: str = 'ООО "Сад & огород"') -> BusinessApplication:
    point = Point(55.7539, 37.6208)
    return BusinessApplication(
        legal_name=legal_name,
        inn=company_inn(),
        tax_system=TaxSystem.USN_INCOME,
        phone="+7 912 345-67-89",
        email="owner@example.com",
        shop=ShopForm(
            name="Фрукты <у дома>",
            address="Москва, ул. Тверская, 1",
            point=point,
            timezone="Europe/Moscow",
            hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
            zone=radius_zone(point, 3_000),
            min_order=Money.rub(500),
            delivery_fee=Money.rub(99),
            assembly_minutes=20,
        ),
    )
