"""The Bot API methods the emulator knows, by case-insensitive name (as Telegram matches them).

Method modules register themselves with ``@method``; importing ``botapi.methods`` (which
``botapi.dispatch`` does) loads them all."""

from __future__ import annotations

from collections.abc import Callable

from .call import MethodHandler

_METHODS: dict[str, tuple[str, MethodHandler]] = {}

# Methods that post a message count against the flood limits.
SENDING_METHODS = frozenset(
    name.lower()
    for name in (
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendLocation",
        "sendContact",
        "sendInvoice",
        "forwardMessage",
        "copyMessage",
    )
)


def method(name: str) -> Callable[[MethodHandler], MethodHandler]:
    """Register a coroutine as the handler of a Bot API method."""

    def register(handler: MethodHandler) -> MethodHandler:
        _METHODS[name.lower()] = (name, handler)
        return handler

    return register


def lookup(name: str) -> tuple[str, MethodHandler] | None:
    """The canonical name and handler of a method, if the emulator implements it."""
    return _METHODS.get(name.lower())
