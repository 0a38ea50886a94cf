"""The seller bot's dialogs as FSM states (kept in Redis, so they survive restarts)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ApplyForm(StatesGroup):
    """The application, one question per state; FSM data: the ``draft`` so far, and ``editing``
    when a field is changed from the summary (the summary follows it again)."""

    legal_name = State()
    inn = State()
    tax_system = State()
    phone = State()
    email = State()
    shop_name = State()
    location = State()
    address = State()
    timezone = State()
    hours = State()
    zone = State()
    min_order = State()
    delivery_fee = State()
    assembly = State()
    summary = State()


class ShopEdit(StatesGroup):
    """A shop's profile field; FSM data: ``shop_id``."""

    description = State()
    logo = State()
