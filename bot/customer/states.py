"""The customer bot's dialogs as FSM states (kept in Redis, so they survive restarts)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    language = State()


class AddressForm(StatesGroup):
    """A new address, step by step; FSM data: ``flow`` and the ``draft`` so far."""

    place = State()
    text = State()
    entrance = State()
    floor = State()
    apartment = State()
    comment = State()
    label = State()


class AddressEdit(StatesGroup):
    """One field of a saved address; FSM data: ``address_id`` and ``field``."""

    value = State()


class PhoneForm(StatesGroup):
    """Waiting for the person's own contact; FSM data: ``flow``."""

    contact = State()


# Where a form was started from decides what follows it.
FLOW_ONBOARDING = "onboarding"
FLOW_SETTINGS = "settings"
