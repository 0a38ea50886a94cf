"""i18n glue: the language a person is spoken to in, and the ``t`` callable handlers receive."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from core.auth.schemas import UserOut
from core.shared.i18n import Translator, supported_language


class Tr:
    """A translator bound to one language; escapes text arguments for Telegram's HTML mode."""

    __slots__ = ("lang", "translator")

    def __init__(self, translator: Translator, lang: str) -> None:
        self.translator = translator
        self.lang = lang

    def __call__(self, key: str, **args: object) -> str:
        # Bot texts go out with parse_mode=HTML; a name like "<Ann>" must not become markup.
        safe = {name: html.escape(v, quote=False) if isinstance(v, str) else v
                for name, v in args.items()}
        return self.translator.get(self.lang, key, **safe)

    def using(self, lang: str) -> Tr:
        """The same translator speaking ``lang``."""
        return Tr(self.translator, lang)


def choose_language(user: UserOut | None, from_user: User | None, default: str) -> str:
    """The user's chosen language, else Telegram's language if we speak it, else the default."""
    if user is not None and user.language:
        return user.language
    telegram = supported_language(from_user.language_code) if from_user is not None else None
    return telegram or default


class I18nMiddleware(BaseMiddleware):
    """Puts ``lang`` and ``t`` (a :class:`Tr`) into the handler data."""

    def __init__(self, translator: Translator, default_language: str) -> None:
        self._translator = translator
        self._default = default_language

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        lang = choose_language(data.get("user"), data.get("event_from_user"), self._default)
        data["lang"] = lang
        data["t"] = Tr(self._translator, lang)
        return await handler(event, data)
