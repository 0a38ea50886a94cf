"""Payments: sendInvoice, then the person pays: pre_checkout_query answered by the bot within
the deadline, then a successful_payment message; a refusal or silence means no payment."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import LabeledPrice
from telegram_sim import Sim, SimFailure, username

from sandbox.telegram import EmulatorHandle

PRICES = [
    LabeledPrice(label="Apples 1.5 kg", amount=22500),
    LabeledPrice(label="Delivery", amount=9900),
]


async def _invoice(bot: Bot, person: int, payload: str) -> int:
    message = await bot.send_invoice(
        person,
        title="Order #12",
        description="Fresh apples",
        payload=payload,
        currency="RUB",
        prices=PRICES,
        provider_token="sandbox-provider",
        need_phone_number=True,
    )
    return message.message_id


async def test_paid_invoice(polling: Bot, sim: Sim) -> None:
    name = await username(polling)
    person = await sim.person("Payer", phone="+79990000001")
    await sim.say(person, name, "/start")
    await sim.post("wait", user_id=person, bot=name, timeout=5)
    invoice_id = await _invoice(polling, person, "order:12")

    paid = await sim.post("pay", user_id=person, bot=name, message_id=invoice_id)
    assert paid["status"] == "paid"
    payment = paid["message"]["successful_payment"]
    assert payment["total_amount"] == 32400
    assert payment["invoice_payload"] == "order:12"
    assert payment["order_info"] == {"phone_number": "+79990000001"}
    thanks = await sim.post("wait", user_id=person, bot=name, timeout=5)
    assert thanks["messages"][-1]["text"] == "Paid 32400"

    with pytest.raises(SimFailure) as again:
        await sim.post("pay", user_id=person, bot=name, message_id=invoice_id)
    assert again.value.status == 409


async def test_declined_invoice(polling: Bot, sim: Sim) -> None:
    name = await username(polling)
    person = await sim.person("Unlucky")
    await sim.say(person, name, "/start")
    invoice_id = await _invoice(polling, person, "out-of-stock")
    declined = await sim.post("pay", user_id=person, bot=name, message_id=invoice_id)
    assert declined == {
        "status": "declined",
        "pre_checkout_query_id": declined["pre_checkout_query_id"],
        "error_message": "Out of stock",
    }
    chat = await sim.get("chat", user_id=person, bot=name, after=invoice_id)
    assert not any("successful_payment" in m for m in chat["messages"])


async def test_unanswered_pre_checkout_times_out(
    polling: Bot, sim: Sim, emulator: EmulatorHandle
) -> None:
    name = await username(polling)
    person = await sim.person("Patient")
    await sim.say(person, name, "/start")
    invoice_id = await _invoice(polling, person, "ignore")  # the bot stays silent
    options = emulator.state.options
    deadline, options.pre_checkout_timeout = options.pre_checkout_timeout, 0.3
    try:
        result = await sim.post("pay", user_id=person, bot=name, message_id=invoice_id)
    finally:
        options.pre_checkout_timeout = deadline
    assert result["status"] == "timeout"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await polling.answer_pre_checkout_query(result["pre_checkout_query_id"], ok=True)


async def test_invoice_link_and_pay_button(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    link = await bot.create_invoice_link(
        title="Top-up", description="Wallet", payload="topup:1", currency="RUB", prices=PRICES
    )
    invoice_id = await _invoice(bot, person, "order:13")

    async def confirm(count: int) -> None:
        offset = None
        for _ in range(count):
            while True:
                updates = await bot.get_updates(offset=offset, timeout=5)
                offset = updates[-1].update_id + 1 if updates else offset
                queries = [u.pre_checkout_query for u in updates if u.pre_checkout_query]
                if queries:
                    assert await bot.answer_pre_checkout_query(queries[-1].id, ok=True)
                    break

    answering = asyncio.create_task(confirm(2))
    by_link = await sim.post("pay", user_id=person, invoice_link=link)
    pressed = await sim.post(
        "press", user_id=person, bot=name, message_id=invoice_id, text="Pay 324.00 RUB"
    )
    await answering
    assert by_link["status"] == "paid"
    assert by_link["message"]["successful_payment"]["invoice_payload"] == "topup:1"
    assert pressed["payment"]["status"] == "paid"
