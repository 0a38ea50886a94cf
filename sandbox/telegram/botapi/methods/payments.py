"""sendInvoice, createInvoiceLink, answerPreCheckoutQuery (within 10 seconds)."""

from __future__ import annotations

import secrets
import time
from typing import Any

from ...errors import QUERY_TOO_OLD, bad_request
from ...markup import ReplyMarkup
from ...models import JSON, Invoice
from ...posting import post_from_bot
from ..call import Call
from ..common import reply_markup, resolve_reply, resolve_target, resolve_thread, without_none
from ..registry import method

CURRENCIES = frozenset(
    {
        "AED",
        "AMD",
        "AUD",
        "AZN",
        "BRL",
        "BYN",
        "CAD",
        "CHF",
        "CNY",
        "CZK",
        "EUR",
        "GBP",
        "GEL",
        "HKD",
        "ILS",
        "INR",
        "JPY",
        "KGS",
        "KRW",
        "KZT",
        "MDL",
        "NOK",
        "PLN",
        "RUB",
        "SEK",
        "TJS",
        "TRY",
        "UAH",
        "USD",
        "UZS",
        "XTR",
    }
)
_ZERO_DECIMALS = frozenset({"JPY", "KRW", "XTR"})
_OPTIONAL = (
    "max_tip_amount",
    "suggested_tip_amounts",
    "provider_data",
    "photo_url",
    "need_name",
    "need_phone_number",
    "need_email",
    "need_shipping_address",
    "send_phone_number_to_provider",
    "send_email_to_provider",
    "is_flexible",
)


def _prices(raw: Any) -> list[JSON]:
    if not isinstance(raw, list) or not raw:
        raise bad_request("can't parse prices JSON object")
    prices: list[JSON] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise bad_request("can't parse prices JSON object")
        try:
            amount = int(item["amount"])
        except (KeyError, TypeError, ValueError):
            raise bad_request("can't parse prices JSON object") from None
        prices.append({"label": item["label"], "amount": amount})
    return prices


def read_invoice(call: Call) -> Invoice:
    """The invoice a sendInvoice or createInvoiceLink call describes, checked."""
    params = call.params
    title = params.string("title") or ""
    description = params.string("description") or ""
    payload = params.string("payload") or ""
    currency = (params.string("currency") or "").upper()
    if not 1 <= len(title) <= 32:
        raise bad_request("INVOICE_TITLE_INVALID" if title else "title is empty")
    if not 1 <= len(description) <= 255:
        raise bad_request("INVOICE_DESCRIPTION_INVALID" if description else "description is empty")
    if not 1 <= len(payload.encode()) <= 128:
        raise bad_request("INVOICE_PAYLOAD_INVALID" if payload else "payload is empty")
    if currency not in CURRENCIES:
        raise bad_request("CURRENCY_INVALID")
    prices = _prices(params.array("prices"))
    provider_token = params.string("provider_token") or ""
    if currency == "XTR" and (len(prices) != 1 or provider_token):
        raise bad_request("CURRENCY_TOTAL_AMOUNT_INVALID")
    invoice = Invoice(
        bot_id=call.bot.id,
        title=title,
        description=description,
        payload=payload,
        currency=currency,
        prices=prices,
        provider_token=provider_token,
        start_parameter=params.string("start_parameter") or "",
        extra=without_none({key: params.raw(key) for key in _OPTIONAL}),
    )
    if invoice.total_amount <= 0:
        raise bad_request("CURRENCY_TOTAL_AMOUNT_INVALID")
    return invoice


def pay_label(invoice: Invoice) -> str:
    """The text of the default Pay button, e.g. "Pay 150.00 RUB"."""
    if invoice.currency == "XTR":
        return f"Pay ⭐️{invoice.total_amount}"
    if invoice.currency in _ZERO_DECIMALS:
        return f"Pay {invoice.total_amount} {invoice.currency}"
    return f"Pay {invoice.total_amount / 100:.2f} {invoice.currency}"


@method("sendInvoice")
async def send_invoice(call: Call) -> JSON:
    """An invoice message; without reply_markup it gets a single Pay button."""
    target = resolve_target(call)
    invoice = read_invoice(call)
    thread = resolve_thread(call, target)
    reply = resolve_reply(call, target)
    markup = reply_markup(call, target)
    if markup is None:
        markup = ReplyMarkup(
            "inline", {"inline_keyboard": [[{"text": pay_label(invoice), "pay": True}]]}
        )
    elif markup.kind != "inline":
        raise bad_request("inline keyboard expected")
    stored = post_from_bot(
        call.state,
        call.bot,
        target.conversation,
        {"invoice": invoice.json()},
        thread=thread,
        reply_to=reply,
        markup=markup,
        invoice=invoice,
    )
    return stored.data


@method("createInvoiceLink")
async def create_invoice_link(call: Call) -> str:
    """A t.me link to an invoice (Mini Apps open it with openInvoice)."""
    invoice = read_invoice(call)
    slug = secrets.token_urlsafe(16)
    call.state.invoice_links[slug] = invoice
    return f"https://t.me/${slug}"


@method("answerPreCheckoutQuery")
async def answer_pre_checkout_query(call: Call) -> bool:
    """Confirm (ok) or refuse (error_message) a payment, within 10 seconds of the query."""
    params = call.params
    query_id = params.string("pre_checkout_query_id", required="query is empty")
    assert query_id is not None
    query = call.state.pre_checkouts.get(query_id)
    expired = (
        query is not None and query.expires_at is not None and query.expires_at < time.monotonic()
    )
    if query is None or query.bot_id != call.bot.id or query.answer.done() or expired:
        raise bad_request(QUERY_TOO_OLD)
    ok = params.boolean("ok")
    error_message = params.string("error_message")
    if not ok and not error_message:
        raise bad_request("ERROR_MESSAGE_EMPTY")
    query.answer.set_result({"ok": ok, "error_message": error_message})
    del call.state.pre_checkouts[query_id]
    return True
