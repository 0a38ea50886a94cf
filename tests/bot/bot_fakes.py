"""Telegram stand-ins for bot tests: a session recording what a bot sends, answering like the Bot
API, and builders of the updates a person would cause. A sandbox emulator replaces them for e2e."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    EditMessageText,
    GetMe,
    GetUpdates,
    SendDocument,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import Update

from core.shared.config import BotRole

DATE = 1767258000  # 2026-01-01 09:00 UTC, the FrozenClock's default
BOT_IDS = {BotRole.CUSTOMER: 7000001, BotRole.COURIER: 7000002, BotRole.SELLER: 7000003,
           BotRole.SUPPORT: 7000004}
TOKENS = {role: f"{bot_id}:TEST-{role.value}-token" for role, bot_id in BOT_IDS.items()}

_user_ids = itertools.count(910_000_000)


def bot_user(bot: Bot) -> dict[str, Any]:
    return {"id": bot.id, "is_bot": True, "first_name": "FruktGo", "username": f"fg{bot.id}_bot"}


class RecordingSession(BaseSession):
    """Records every Bot API call and answers it with a well-formed result.

    getUpdates waits for updates put into ``updates``, so a polling loop idles instead of spinning.
    """

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.closed = False
        # Calls of these types are refused like Telegram would: (HTTP status, description).
        self.refuse: dict[type[TelegramMethod[Any]], tuple[int, str]] = {}
        self._message_ids = itertools.count(1000)
        self._recorded = asyncio.Condition()

    async def close(self) -> None:
        self.closed = True

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - the signature is aiogram's
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError
        yield b""  # pragma: no cover

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None  # noqa: ASYNC109
    ) -> Any:
        async with self._recorded:
            self.requests.append(method)
            self._recorded.notify_all()
        if type(method) in self.refuse:
            status, description = self.refuse[type(method)]
            refusal = {"ok": False, "error_code": status, "description": description}
            return self.check_response(bot, method, status, json.dumps(refusal)).result
        if isinstance(method, GetUpdates):
            result: Any = [await self.updates.get()]
        else:
            result = self._result(bot, method)
        content = json.dumps({"ok": True, "result": result})
        return self.check_response(bot, method, 200, content).result

    def _result(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return bot_user(bot)
        if isinstance(method, SendMessage):
            return self._message(bot, method.chat_id, next(self._message_ids), method.text)
        if isinstance(method, EditMessageText) and method.message_id is not None:
            return self._message(bot, method.chat_id, method.message_id, method.text)
        if isinstance(method, SendDocument):
            message = self._message(bot, method.chat_id, next(self._message_ids), "")
            del message["text"]
            name = getattr(method.document, "filename", None)
            message["document"] = {"file_id": f"doc{message['message_id']}",
                                   "file_unique_id": f"udoc{message['message_id']}",
                                   "file_name": name}
            if method.caption is not None:
                message["caption"] = method.caption
            return message
        return True

    @staticmethod
    def _message(bot: Bot, chat_id: Any, message_id: int, text: str) -> dict[str, Any]:
        return {"message_id": message_id, "date": DATE, "text": text, "from": bot_user(bot),
                "chat": {"id": int(chat_id), "type": "private"}}

    def of(self, kind: type[TelegramMethod[Any]]) -> list[Any]:
        return [request for request in self.requests if isinstance(request, kind)]

    async def wait_for(self, kind: type[TelegramMethod[Any]], count: int = 1) -> list[Any]:
        """Wait until ``count`` requests of ``kind`` have been made (callers bound the wait)."""
        async with self._recorded:
            await self._recorded.wait_for(lambda: len(self.of(kind)) >= count)
        return self.of(kind)


def new_user_id() -> int:
    """A Telegram user id no other test uses (the users table lives for the whole session)."""
    return next(_user_ids)


def message_update(
    update_id: int,
    text: str,
    *,
    user_id: int,
    language_code: str | None = "ru",
    first_name: str = "Анна",
) -> Update:
    return Update.model_validate(message_update_json(
        update_id, text, user_id=user_id, language_code=language_code, first_name=first_name
    ))


def message_update_json(
    update_id: int,
    text: str,
    *,
    user_id: int,
    language_code: str | None = "ru",
    first_name: str = "Анна",
) -> dict[str, Any]:
    """A private text message as the Bot API sends it."""
    sender: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code is not None:
        sender["language_code"] = language_code
    return {
        "update_id": update_id,
        "message": {"message_id": update_id, "date": DATE, "text": text, "from": sender,
                    "chat": {"id": user_id, "type": "private", "first_name": first_name}},
    }


def callback_update(
    update_id: int,
    data: str,
    *,
    user_id: int,
    bot_id: int,
    message_id: int = 77,
    language_code: str | None = "ru",
) -> Update:
    sender: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Анна"}
    if language_code is not None:
        sender["language_code"] = language_code
    return Update.model_validate({
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": sender,
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": message_id, "date": DATE, "text": "…",
                        "from": {"id": bot_id, "is_bot": True, "first_name": "FruktGo"},
                        "chat": {"id": user_id, "type": "private"}},
        },
    })


@dataclass
class Harness:
    """One bot over a recording session, with helpers to talk to it as a person."""

    role: BotRole
    bot: Bot
    dispatcher: Dispatcher
    session: RecordingSession
    _update_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def next_update_id(self) -> int:
        return next(self._update_ids)

    async def feed(self, update: Update) -> list[Any]:
        """Feed one update; returns the Bot API calls it caused."""
        before = len(self.session.requests)
        await self.dispatcher.feed_update(self.bot, update)
        return self.session.requests[before:]

    async def send(self, text: str, *, user_id: int, language_code: str | None = "ru",
                   first_name: str = "Анна") -> list[Any]:
        return await self.feed(message_update(self.next_update_id(), text, user_id=user_id,
                                              language_code=language_code,
                                              first_name=first_name))

    async def press(self, data: str, *, user_id: int, language_code: str | None = "ru",
                    message_id: int = 77) -> list[Any]:
        return await self.feed(callback_update(self.next_update_id(), data, user_id=user_id,
                                               bot_id=self.bot.id, message_id=message_id,
                                               language_code=language_code))


def texts(requests: list[Any]) -> list[str]:
    """The texts of the messages sent or edited."""
    return [r.text for r in requests if isinstance(r, SendMessage | EditMessageText)]
