"""Callback data of the catalog and the cart. All of it is user input: handlers re-check it.

Telegram allows 64 bytes of callback data, and a UUID's hex takes 32: ids travel as 22 characters
of URL-safe base64 (``ShortId``), so two ids and a page number fit in one button.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import BeforeValidator, PlainSerializer

_SHORT_LENGTH = 22


def short_id(value: uuid.UUID) -> str:
    """A UUID in 22 URL-safe characters (no ``:``, the separator of callback data)."""
    return base64.urlsafe_b64encode(value.bytes).decode("ascii").rstrip("=")


def long_id(value: object) -> uuid.UUID:
    """The UUID ``short_id`` wrote; ValueError for anything else (a forged button)."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or len(value) != _SHORT_LENGTH:
        raise ValueError("not a short id")
    try:
        return uuid.UUID(bytes=base64.urlsafe_b64decode(value + "=="))
    except (binascii.Error, ValueError):
        raise ValueError("not a short id") from None


ShortId = Annotated[uuid.UUID, BeforeValidator(long_id), PlainSerializer(short_id, return_type=str)]


class CatalogShops(CallbackData, prefix="ks"):
    """The shops delivering to the default address (or straight in, if there is one)."""

    again: int = 0  # CallbackData needs a field to pack


class CatalogCategories(CallbackData, prefix="kc"):
    """A shop's categories with offers: the roots, or the children of ``parent``."""

    shop: ShortId
    parent: ShortId | None = None


class CatalogItems(CallbackData, prefix="ki"):
    """One page of the products of a category (with its subcategories) in a shop."""

    shop: ShortId
    category: ShortId
    page: int = 0


class CatalogCard(CallbackData, prefix="ko"):
    """An offer's card; ``category`` and ``page`` say where "back" leads."""

    offer: ShortId
    category: ShortId
    page: int = 0


class CardStep(CallbackData, prefix="kq"):
    """[−] / [+] on a card (``delta`` −1 or 1; 0 only shows the card again)."""

    shop: ShortId
    offer: ShortId
    delta: int


class CartAction(StrEnum):
    SHOW = "show"
    LESS = "less"
    MORE = "more"
    REMOVE = "remove"
    ACCEPT = "accept"
    CLEAR = "clear"
    CLEAR_CONFIRMED = "clear_yes"


class CartPress(CallbackData, prefix="kb"):
    """The cart of ``shop`` (None: the list of my carts); ``offer`` for a line's buttons."""

    action: CartAction
    shop: ShortId | None = None
    offer: ShortId | None = None
