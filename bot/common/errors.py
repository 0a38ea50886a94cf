"""Failed updates: the person gets a polite message in their language, the operator one log line.

Registered on the Dispatcher's ``errors`` observer, which aiogram's outermost middleware feeds with
any exception raised while handling an update (our own middlewares included). Returning a value
marks the error as handled, so polling and webhooks carry on and the conversation stays usable.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import structlog
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Chat, ErrorEvent, User

from bot.common.i18n import Tr, choose_language
from core.shared.config import BotRole
from core.shared.errors import CoreError
from core.shared.i18n import Translator, error_key

log = structlog.get_logger(__name__)

GENERIC_ERROR_KEY = "error-generic"


def apology(t: Tr, error: BaseException) -> str:
    """The text a person sees for ``error``: its own message if it is a known CoreError."""
    if isinstance(error, CoreError):
        key = error_key(error.code)
        if t.translator.knows(key):
            return t(key, **error.params)
    return t(GENERIC_ERROR_KEY)


def setup_error_handling(
    dispatcher: Dispatcher, role: BotRole, translator: Translator, default_language: str
) -> None:
    """Register the error handler of one bot."""

    async def on_error(failure: ErrorEvent, bot: Bot, **data: Any) -> bool:
        error = failure.exception
        update = failure.update
        from_user: User | None = data.get("event_from_user")
        fields: dict[str, Any] = {
            "bot": role.value,
            "bot_id": bot.id,
            "update_id": update.update_id,
            "user_id": from_user.id if from_user else None,
        }
        if isinstance(error, CoreError):
            log.warning("bot.update_failed", error_code=error.code, error=error.message, **fields)
        else:
            log.error("bot.update_failed", error_code="internal", exception=type(error).__name__,
                      exc_info=error, **fields)
        t: Tr | None = data.get("t")
        if t is None:  # the failure came before the i18n middleware ran
            t = Tr(translator, choose_language(data.get("user"), from_user, default_language))
        await _tell(bot, update.callback_query.id if update.callback_query else None,
                    data.get("event_chat"), data.get("event_thread_id"), apology(t, error),
                    fields)
        return True

    dispatcher.errors.register(on_error)


async def _tell(
    bot: Bot,
    callback_query_id: str | None,
    chat: Chat | None,
    thread_id: int | None,
    text: str,
    fields: dict[str, Any],
) -> None:
    if callback_query_id is not None:
        # Stops the button's spinner if the handler failed before answering; a second answer
        # is refused by Telegram, which is fine.
        with suppress(TelegramAPIError):
            await bot.answer_callback_query(
                callback_query_id, text=text if chat is None else None, show_alert=chat is None
            )
    if chat is None:
        return
    try:
        await bot.send_message(chat.id, text, message_thread_id=thread_id)
    except TelegramAPIError as exc:
        log.warning("bot.apology_failed", reason=str(exc), **fields)
