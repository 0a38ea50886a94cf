"""Screens shown in several places: the address list, one address, the profile."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.customer.cards import address_card, addresses_text, profile_text
from bot.customer.keyboards import address_keyboard, addresses_keyboard, profile_keyboard
from core.auth.policy import Actor
from core.auth.schemas import UserOut
from core.customers.api import ADDRESS_LIMIT, get_profile, list_addresses
from core.customers.schemas import AddressOut
from core.shared.uow import Database

Screen = tuple[str, InlineKeyboardMarkup]


async def addresses_screen(db: Database, actor: Actor, t: Tr) -> Screen:
    addresses = await list_addresses(db, actor, actor.telegram_id)
    return (addresses_text(t, addresses, ADDRESS_LIMIT),
            addresses_keyboard(t, addresses, ADDRESS_LIMIT))


def address_screen(t: Tr, address: AddressOut) -> Screen:
    return address_card(t, address), address_keyboard(t, address)


async def profile_screen(db: Database, actor: Actor, user: UserOut | None, t: Tr) -> Screen:
    profile = await get_profile(db, actor, actor.telegram_id)
    addresses = await list_addresses(db, actor, actor.telegram_id)
    return profile_text(t, user, profile, len(addresses)), profile_keyboard(t, profile)
