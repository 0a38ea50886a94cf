"""Helpers for the Telegram emulator tests: a sim API client, test options, a tiny PNG."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import aiohttp
from aiogram import Bot

from sandbox.telegram import EmulatorOptions


def fast_options(*, limits: bool = False) -> EmulatorOptions:
    """Options for tests: limits as asked, short waits and retry pauses."""
    options = EmulatorOptions(
        callback_answer_wait=2.0,
        pre_checkout_timeout=3.0,
        webhook_retry_initial=0.05,
        webhook_retry_max=0.2,
    )
    options.limits.enabled = limits
    return options


def png(width: int = 4, height: int = 3) -> bytes:
    """A tiny valid PNG image."""
    rows = b"".join(b"\x00" + b"\x20\xa0\x40" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class SimFailure(AssertionError):
    """A sim call answered with an error status."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"sim answered {status}: {body}")
        self.status = status
        self.body = body


class Sim:
    """The sim API, called over HTTP as tests and tools call it."""

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http

    async def call(self, verb: str, path: str, /, **fields: Any) -> Any:
        """Call /sim/<path>; raise SimFailure unless it answers 200."""
        if verb == "GET":
            params = {key: str(value) for key, value in fields.items() if value is not None}
            request = self.http.get(f"/sim/{path}", params=params)
        else:
            request = self.http.request(verb, f"/sim/{path}", json=fields)
        async with request as response:
            body = await response.json()
            if response.status != 200:
                raise SimFailure(response.status, body)
            return body

    async def post(self, path: str, /, **fields: Any) -> Any:
        """POST /sim/<path> with a JSON body."""
        return await self.call("POST", path, **fields)

    async def get(self, path: str, /, **params: Any) -> Any:
        """GET /sim/<path> with query parameters."""
        return await self.call("GET", path, **params)

    async def person(self, first_name: str = "Anna", **fields: Any) -> int:
        """A new person; returns the user id."""
        answer = await self.post("users", first_name=first_name, **fields)
        return int(answer["user_id"])

    async def say(self, user_id: int, bot: str, text: str, **fields: Any) -> dict[str, Any]:
        """The person writes text to the bot; returns the person's Message."""
        answer = await self.post("send", user_id=user_id, bot=bot, text=text, **fields)
        return dict(answer["message"])


async def username(bot: Bot) -> str:
    """The bot's username."""
    me = await bot.me()
    assert me.username is not None
    return me.username
