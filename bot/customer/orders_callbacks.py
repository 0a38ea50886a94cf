"""Callback data of the customer's orders. All of it is user input: handlers ask core, which checks
that the order is the presser's.

``CustomerOrderPress`` and ``SubstitutePress`` are a contract with the live status message and the
substitute proposal that core.communications sends (``cord:<action>:<order hex>``,
``csub:<yes|no>:<line hex>``): their prefixes and fields must not change. The contract's actions
(``show``, ``cancel``, ``reorder``) come from those messages and answer with a new message, so the
live one stays as it is; the ``OrderAct`` actions come from this bot's own screens and edit the
message they sit on.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.customer.catalog_callbacks import ShortId


class OrderAct(StrEnum):
    # From the live status message (the contract):
    SHOW = "show"
    CANCEL = "cancel"
    REORDER = "reorder"
    # From this bot's own order screens:
    OPEN = "open"
    STOP = "stop"  # ask to confirm the cancel
    STOP_CONFIRMED = "stop_yes"
    AGAIN = "again"  # reorder


class CustomerOrderPress(CallbackData, prefix="cord"):
    action: str
    order: uuid.UUID


class SubstituteAnswer(StrEnum):
    YES = "yes"
    NO = "no"


class SubstitutePress(CallbackData, prefix="csub"):
    answer: str
    line: uuid.UUID


class OrdersPage(CallbackData, prefix="cords"):
    """A page of my orders, newest first: those older than ``before`` (None: the first)."""

    before: ShortId | None = None
