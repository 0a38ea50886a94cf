"""Reading sim API requests (a JSON body, or the query string of a GET) and answering errors
as ``{"error": "..."}``."""

from __future__ import annotations

import base64
import binascii
import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from ..botapi.dispatch import STATE_KEY
from ..errors import TelegramError
from ..models import BotAccount, Person
from ..state import EmulatorState, SimError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Body:
    """The fields of one sim request, with type checks that name the field at fault."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    @classmethod
    async def read(cls, request: web.Request) -> Body:
        """The JSON object of a POST, or the query string of a GET."""
        if request.method == "GET":
            return cls(request.query)
        if not request.can_read_body:
            return cls({})
        try:
            data = await request.json()
        except ValueError:
            raise SimError("the body must be a JSON object") from None
        if not isinstance(data, dict):
            raise SimError("the body must be a JSON object")
        return cls(data)

    def raw(self, name: str) -> Any:
        """A field as given (None when absent)."""
        return self._data.get(name)

    def text(self, name: str, *, required: bool = False) -> str | None:
        """A string field."""
        value = self._data.get(name)
        if value is None or value == "":
            if required:
                raise SimError(f"{name} is required")
            return None
        if not isinstance(value, str):
            raise SimError(f"{name} must be a string")
        return value

    def integer(self, name: str, *, required: bool = False) -> int | None:
        """An integer field (query strings are converted)."""
        value = self._data.get(name)
        if value is None or value == "":
            if required:
                raise SimError(f"{name} is required")
            return None
        if isinstance(value, bool):
            raise SimError(f"{name} must be an integer")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SimError(f"{name} must be an integer") from None

    def number(self, name: str, default: float) -> float:
        """A number field."""
        value = self._data.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise SimError(f"{name} must be a number") from None

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean field (query strings: true/false/1/0)."""
        value = self._data.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def person(self, state: EmulatorState, name: str = "user_id") -> Person:
        """The person named by user_id."""
        user_id = self.integer(name, required=True)
        person = state.people.get(user_id or 0)
        if person is None:
            raise SimError(f"no person with user_id {user_id}", 404)
        return person

    def bot(self, state: EmulatorState, *, required: bool = True) -> BotAccount | None:
        """The bot named by its username in the field "bot"."""
        username = self.text("bot", required=required)
        if username is None:
            return None
        bot = state.bot_by_username(username)
        if bot is None:
            raise SimError(f"no bot @{username.lstrip('@')}", 404)
        return bot

    def required_bot(self, state: EmulatorState) -> BotAccount:
        """The bot named in "bot" (which must be given)."""
        bot = self.bot(state)
        assert bot is not None
        return bot

    def binary(self, name: str) -> bytes | None:
        """A base64 field (a data: URL is accepted too)."""
        value = self.text(name)
        if value is None:
            return None
        if value.startswith("data:"):
            value = value.split(",", 1)[-1]
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise SimError(f"{name} must be base64") from None


def sim_route(handler: Handler) -> Handler:
    """Answer SimError and TelegramError raised by a sim handler as {"error": ...}."""

    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except SimError as error:
            return web.json_response({"error": error.message}, status=error.status)
        except TelegramError as error:
            return web.json_response({"error": error.description}, status=400)

    return wrapped


def state_of(request: web.Request) -> EmulatorState:
    """The emulator state behind a request."""
    return request.app[STATE_KEY]
