"""A thin client of the Telegram emulator's /sim API, acting as people in e2e tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import aiohttp

# Every emulator numbers its people from the same start, but all e2e tests share one database:
# ids from one counter keep a person's stored choices (language...) from leaking between tests.
_person_ids = itertools.count(7_900_000_000)


@dataclass
class Sim:
    """A thin client of the emulator's /sim API."""

    http: aiohttp.ClientSession
    url: str

    async def call(self, method: str, path: str, **body: Any) -> Any:
        async with self.http.request(method, f"{self.url}/sim/{path}", json=body or None) as resp:
            payload = await resp.json()
            assert resp.status == 200, payload
            return payload

    async def send(self, user_id: int, bot: str, text: str) -> dict[str, Any]:
        return await self.call("POST", "send", user_id=user_id, bot=bot, text=text)

    async def new_person(self, **fields: Any) -> dict[str, Any]:
        """Create a person (``first_name``, ``language_code``, ``phone``...) with a fresh id."""
        return await self.call("POST", "users", user_id=next(_person_ids), **fields)

    async def reply_to(self, user_id: int, bot: str, text: str) -> list[dict[str, Any]]:
        """Send ``text`` and return the bot's messages posted in answer."""
        return await self.answer(user_id, bot, {"text": text})

    async def answer(
        self, user_id: int, bot: str, body: dict[str, Any], *, expect: int = 1
    ) -> list[dict[str, Any]]:
        """Send a message (text, location, contact...); return the bot's ``expect``+ answers."""
        sent = await self.call("POST", "send", user_id=user_id, bot=bot, **body)
        return await self.new_messages(
            user_id, bot, after=sent["message"]["message_id"], since=sent["revision"],
            expect=expect,
        )

    async def new_messages(
        self, user_id: int, bot: str, *, after: int, since: int | None = None, expect: int = 1
    ) -> list[dict[str, Any]]:
        """Wait until the bot posts ``expect`` messages after message ``after`` (edits of older
        messages do not count) and return them all."""
        for _ in range(20):
            view = await self.call(
                "POST", "wait", user_id=user_id, bot=bot, after=after, since=since, timeout=10
            )
            assert not view.get("timed_out"), f"{bot} posted nothing after message {after}"
            answers = [m for m in view["messages"] if m["message_id"] > after]
            if len(answers) >= expect:
                return answers
            since = view["revision"]
        raise AssertionError(f"{bot} kept editing but posted nothing after message {after}")
