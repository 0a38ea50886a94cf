"""The courier bot's dialogs as FSM states (kept in Redis, so they survive restarts)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class CourierForm(StatesGroup):
    """The courier profile, one question per state; FSM data: ``name``, ``phone`` so far."""

    name = State()
    phone = State()
    vehicle = State()


class PlanForm(StatesGroup):
    """A planned shift's time range typed by hand; FSM data: ``day`` (ISO date)."""

    time_range = State()
