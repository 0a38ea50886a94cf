"""A person pays an invoice: pre_checkout_query within the deadline, then successful_payment."""

from __future__ import annotations

import secrets
import time

from ..conversation import Conversation
from ..ids import new_query_id
from ..models import JSON, BotAccount, Invoice, PendingQuery, Person, StoredMessage
from ..posting import post_from_person
from ..state import EmulatorState, SimError
from .chats import answer_within, person_conversation


def _invoice_target(
    state: EmulatorState,
    person: Person,
    bot: BotAccount | None,
    message_id: int | None,
    invoice_link: str | None,
    chat_id: int | None,
) -> tuple[Invoice, BotAccount, Conversation, StoredMessage | None]:
    if invoice_link:
        invoice = state.invoice_links.get(invoice_link.rsplit("$", 1)[-1])
        if invoice is None:
            raise SimError("unknown invoice link", 404)
        owner = state.bots[invoice.bot_id]
        return invoice, owner, state.private_conversation(owner, person), None
    if message_id is None:
        raise SimError("give message_id of an invoice or invoice_link")
    conversation, _ = person_conversation(state, person, bot, chat_id)
    stored = conversation.find(message_id)
    if stored is None or stored.invoice is None:
        raise SimError(f"message {message_id} is not an invoice", 404)
    if stored.invoice.paid:
        raise SimError("this invoice is already paid", 409)
    return stored.invoice, state.bots[stored.invoice.bot_id], conversation, stored


def _order_info(person: Person, invoice: Invoice) -> JSON:
    info: JSON = {}
    if invoice.extra.get("need_name") in (True, "true"):
        info["name"] = " ".join(filter(None, [person.first_name, person.last_name]))
    if invoice.extra.get("need_phone_number") in (True, "true") and person.phone:
        info["phone_number"] = person.phone
    return info


async def pay(
    state: EmulatorState,
    person: Person,
    bot: BotAccount | None,
    *,
    message_id: int | None = None,
    invoice_link: str | None = None,
    chat_id: int | None = None,
) -> JSON:
    """A person pays an invoice: pre_checkout_query, then (if confirmed) successful_payment."""
    invoice, owner, conversation, _ = _invoice_target(
        state, person, bot, message_id, invoice_link, chat_id
    )
    if person.id in owner.blocked_by:
        raise SimError("this person has blocked the bot; /sim/unblock first", 409)
    deadline = state.options.pre_checkout_timeout
    query = PendingQuery(
        id=new_query_id(),
        bot_id=owner.id,
        user_id=person.id,
        expires_at=time.monotonic() + deadline,
        invoice=invoice,
    )
    state.pre_checkouts[query.id] = query
    payload: JSON = {
        "id": query.id,
        "from": person.user_json(),
        "currency": invoice.currency,
        "total_amount": invoice.total_amount,
        "invoice_payload": invoice.payload,
    }
    order_info = _order_info(person, invoice)
    if order_info:
        payload["order_info"] = order_info
    conversation.person_acted()
    state.deliver(owner, "pre_checkout_query", payload)
    answer = await answer_within(query.answer, deadline)
    state.pre_checkouts.pop(query.id, None)
    if answer is None:
        return {"status": "timeout", "pre_checkout_query_id": query.id}
    if not answer["ok"]:
        return {
            "status": "declined",
            "pre_checkout_query_id": query.id,
            "error_message": answer.get("error_message"),
        }
    payment: JSON = {
        "currency": invoice.currency,
        "total_amount": invoice.total_amount,
        "invoice_payload": invoice.payload,
        "telegram_payment_charge_id": "sandbox_tg_" + secrets.token_hex(8),
        "provider_payment_charge_id": "sandbox_provider_" + secrets.token_hex(8),
    }
    if order_info:
        payment["order_info"] = order_info
    if message_id is not None:
        invoice.paid = True
    stored = post_from_person(state, person, conversation, {"successful_payment": payment})
    return {"status": "paid", "pre_checkout_query_id": query.id, "message": stored.data}
