"""Failures: a polite message in the person's language and one structured line for the operator."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import AnswerCallbackQuery, SendMessage
from aiogram.types import CallbackQuery, Message
from bot_fakes import Harness, texts
from structlog.testing import capture_logs

from core.shared.errors import CoreError, Forbidden
from core.shared.i18n import Translator


class ShopClosed(CoreError):
    code = "shop_closed_for_tests"  # a code with no message of its own


def _failing_router() -> Router:
    router = Router()

    @router.message(Command("forbidden"))
    async def forbidden(message: Message) -> None:
        raise Forbidden("not your shop")

    @router.message(Command("closed"))
    async def closed(message: Message) -> None:
        raise ShopClosed()

    @router.message(Command("boom"))
    async def boom(message: Message) -> None:
        raise RuntimeError("kaboom")

    @router.callback_query()
    async def press(callback: CallbackQuery) -> None:
        raise RuntimeError("button broke")

    return router


async def test_core_error_becomes_its_localized_message(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    customer.dispatcher.include_router(_failing_router())
    with capture_logs() as logs:
        sent = await customer.send("/forbidden", user_id=user_id, language_code="en")
    assert texts(sent) == [translator.get("en", "error-forbidden")]
    [record] = [r for r in logs if r["event"] == "bot.update_failed"]
    assert record["error_code"] == "forbidden"
    assert record["bot"] == "customer"
    assert record["bot_id"] == customer.bot.id
    assert record["user_id"] == user_id
    assert record["update_id"] == 1
    assert record["log_level"] == "warning"


async def test_core_error_without_a_message_gets_the_generic_one(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    customer.dispatcher.include_router(_failing_router())
    with capture_logs() as logs:
        sent = await customer.send("/closed", user_id=user_id, language_code="ru")
    assert texts(sent) == [translator.get("ru", "error-generic")]
    assert [r["error_code"] for r in logs if r["event"] == "bot.update_failed"] == [
        "shop_closed_for_tests"
    ]


async def test_unexpected_exception_apologises_and_the_chat_goes_on(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    customer.dispatcher.include_router(_failing_router())
    with capture_logs() as logs:
        sent = await customer.send("/boom", user_id=user_id, language_code="en")
    assert texts(sent) == [translator.get("en", "error-generic")]
    [record] = [r for r in logs if r["event"] == "bot.update_failed"]
    assert record["exception"] == "RuntimeError"
    assert record["error_code"] == "internal"
    assert record["log_level"] == "error"
    assert isinstance(record["exc_info"], RuntimeError)

    after = await customer.send("/help", user_id=user_id, language_code="en")
    assert texts(after) == [translator.get("en", "customer-help")]


async def test_a_failed_button_stops_its_spinner_and_explains(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    customer.dispatcher.include_router(_failing_router())
    with capture_logs():
        sent = await customer.press("something:else", user_id=user_id, language_code="ru")
    assert [type(r) for r in sent] == [AnswerCallbackQuery, SendMessage]
    assert texts(sent) == [translator.get("ru", "error-generic")]
