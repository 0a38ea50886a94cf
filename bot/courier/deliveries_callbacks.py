"""Callback data of the courier's deliveries. All of it is user input: core checks on every call
that the offer was made to the presser and that the delivery is theirs.

``DeliveryOfferPress`` and ``DeliveryPress`` are a contract with the messages core.communications
sends about deliveries (``dof:<accept|decline>:<offer hex>``, ``dlv:<action>:<delivery hex>``):
their prefixes and fields must not change. The courier bot's own screens use the same buttons.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class OfferAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"


class DeliveryOfferPress(CallbackData, prefix="dof"):
    """Accept or decline an offer: ``dof:accept:<offer hex>``."""

    action: str
    offer: uuid.UUID


class DeliveryAction(StrEnum):
    SHOW = "show"  # the card as it is now (also: leave the code dialog)
    PICKUP = "pickup"
    HANDOVER = "handover"  # ask for the customer's code
    UNREACHABLE = "unreachable"
    RETURN = "return"


class DeliveryPress(CallbackData, prefix="dlv"):
    """A delivery card's button: ``dlv:<action>:<delivery hex>``."""

    action: str
    delivery: uuid.UUID
