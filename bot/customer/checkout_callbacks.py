"""Callback data of the checkout dialog. All of it is user input: the dialog's own state (in the
FSM) says which shop and which choices are under way, and core checks everything again."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.customer.catalog_callbacks import ShortId


class CheckoutAction(StrEnum):
    START = "go"  # from the cart; ``ref``: the shop
    ADDRESS = "adr"  # ``ref``: the address
    ASAP = "now"
    SLOTS = "sl"  # a page of slots
    SLOT = "at"  # ``value``: the slot's start in minutes since the epoch
    PAY = "pay"  # ``value``: the payment method
    SUBSTITUTE = "sub"  # ``value``: the preference for the whole order
    LINES = "ln"  # the per-line preferences, a page of them
    LINE = "li"  # ``ref``: the offer whose preference moves on to the next one
    LINES_DONE = "lnd"
    KEEP_COMMENT = "ck"
    NO_COMMENT = "nc"
    STEP = "st"  # ``value``: the step to go back to from the summary
    CONFIRM = "ok"  # ``ref``: the idempotency key shown with the summary
    QUIT = "q"  # back to the cart


class CheckoutStep(StrEnum):
    ADDRESS = "address"
    WHEN = "when"
    PAYMENT = "payment"
    SUBSTITUTION = "substitution"
    COMMENT = "comment"
    SUMMARY = "summary"


class CheckoutPress(CallbackData, prefix="co"):
    """A button of the checkout dialog."""

    action: CheckoutAction
    ref: ShortId | None = None
    value: str = ""
    page: int = 0
