"""The checkout dialog's state: the FSM states and the choices made so far (kept as FSM data in
Redis, so a restart loses nothing). The next step is the first one not yet chosen, so a change made
from the summary leads straight back to it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from aiogram.fsm.state import State, StatesGroup

from bot.customer.checkout_callbacks import CheckoutStep
from core.orders.schemas import (
    CheckoutForm,
    DeliverySlot,
    PaymentMethod,
    SubstitutionPreference,
)


class Checkout(StatesGroup):
    """``choosing``: buttons lead; ``comment``: a typed comment is awaited too."""

    choosing = State()
    comment = State()


@dataclass(frozen=True, slots=True)
class Draft:
    """What the customer chose so far in the checkout of one shop's cart."""

    shop_id: uuid.UUID
    message_id: int | None = None  # the dialog's one message
    address_id: uuid.UUID | None = None
    when_chosen: bool = False
    slot: DeliverySlot | None = None  # None with ``when_chosen``: as soon as possible
    payment: PaymentMethod | None = None
    substitution: SubstitutionPreference | None = None
    overrides: dict[uuid.UUID, SubstitutionPreference] = field(default_factory=dict)
    comment: str | None = None
    comment_done: bool = False
    key: str | None = None  # the idempotency key, made when the summary is first shown

    def next_step(self) -> CheckoutStep:
        """The first step still to choose; the summary when all are chosen."""
        if self.address_id is None:
            return CheckoutStep.ADDRESS
        if not self.when_chosen:
            return CheckoutStep.WHEN
        if self.payment is None:
            return CheckoutStep.PAYMENT
        if self.substitution is None:
            return CheckoutStep.SUBSTITUTION
        if not self.comment_done:
            return CheckoutStep.COMMENT
        return CheckoutStep.SUMMARY

    def with_key(self) -> Draft:
        """The draft with an idempotency key: its own, or a new one."""
        return self if self.key is not None else replace(self, key=uuid.uuid4().hex)

    def preference(self, offer_id: uuid.UUID) -> SubstitutionPreference:
        """What happens to ``offer_id``'s line when it is missing."""
        default = self.substitution or SubstitutionPreference.CALL
        return self.overrides.get(offer_id, default)

    def form(self) -> CheckoutForm:
        """The checkout form core takes; only for a complete draft."""
        assert self.address_id is not None
        assert self.key is not None
        return CheckoutForm(
            shop_id=self.shop_id,
            address_id=self.address_id,
            idempotency_key=self.key,
            payment_method=self.payment or PaymentMethod.CASH,
            slot=self.slot,
            comment=self.comment,
            substitutions=dict(self.overrides),
            default_substitution=self.substitution or SubstitutionPreference.CALL,
        )

    def to_data(self) -> dict[str, Any]:
        """JSON-friendly FSM data."""
        return {
            "shop": str(self.shop_id),
            "message_id": self.message_id,
            "address": None if self.address_id is None else str(self.address_id),
            "when_chosen": self.when_chosen,
            "slot": None
            if self.slot is None
            else [self.slot.start.isoformat(), self.slot.end.isoformat()],
            "payment": None if self.payment is None else self.payment.value,
            "substitution": None if self.substitution is None else self.substitution.value,
            "overrides": {str(k): v.value for k, v in self.overrides.items()},
            "comment": self.comment,
            "comment_done": self.comment_done,
            "key": self.key,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft | None:
        """The draft kept in ``data``; None when there is none (or it cannot be read)."""
        try:
            slot = data.get("slot")
            payment = data.get("payment")
            substitution = data.get("substitution")
            address = data.get("address")
            return cls(
                shop_id=uuid.UUID(data["shop"]),
                message_id=data.get("message_id"),
                address_id=None if address is None else uuid.UUID(address),
                when_chosen=bool(data.get("when_chosen")),
                slot=None
                if slot is None
                else DeliverySlot(datetime.fromisoformat(slot[0]), datetime.fromisoformat(slot[1])),
                payment=None if payment is None else PaymentMethod(payment),
                substitution=None if substitution is None else SubstitutionPreference(substitution),
                overrides={
                    uuid.UUID(k): SubstitutionPreference(v)
                    for k, v in (data.get("overrides") or {}).items()
                },
                comment=data.get("comment"),
                comment_done=bool(data.get("comment_done")),
                key=data.get("key"),
            )
        except (KeyError, TypeError, ValueError, IndexError):
            return None
