"""A tiny aiogram bot used by the emulator tests: it greets, echoes with an inline button,
answers the button by editing its message, and takes payments."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.methods import SendMessage
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    PreCheckoutQuery,
)

SHOUT = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Shout", callback_data="shout")]]
)


def echo_router() -> Router:
    """Handlers of the echo bot."""
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("Hi! Say something.")

    @router.message(F.text == "reply via webhook")
    async def webhook_reply(message: Message) -> SendMessage:
        # Returned, not awaited: in webhook mode aiogram puts it into the HTTP reply.
        return message.answer("Answered in the webhook reply")

    @router.message(F.successful_payment)
    async def paid(message: Message) -> None:
        assert message.successful_payment is not None
        await message.answer(f"Paid {message.successful_payment.total_amount}")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(
            f"<b>Echo:</b> {html.escape(message.text or '')}", parse_mode="HTML", reply_markup=SHOUT
        )

    @router.callback_query(F.data == "shout")
    async def shout(query: CallbackQuery) -> None:
        await query.answer("Shouted!")
        if isinstance(query.message, Message) and query.message.text:
            await query.message.edit_text(query.message.text.upper())

    @router.pre_checkout_query()
    async def check(query: PreCheckoutQuery) -> None:
        if query.invoice_payload == "out-of-stock":
            await query.answer(ok=False, error_message="Out of stock")
        elif query.invoice_payload != "ignore":
            await query.answer(ok=True)

    return router
