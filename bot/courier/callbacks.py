"""Typed callback data of the courier bot's onboarding, shift card and planned shifts. All of it
is user input: handlers re-check the dialog's step, and core checks on every call that the
presser is an approved courier acting on their own shifts and plans."""

from __future__ import annotations

import uuid
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from core.workforce.schemas import Vehicle


class Join(CallbackData, prefix="cjoin"):
    """ "Become a courier" (or apply again after a rejection)."""

    again: bool = False


class VehicleChoice(CallbackData, prefix="cveh"):
    vehicle: Vehicle


class ShiftAct(StrEnum):
    START = "start"
    BREAK = "break"
    RESUME = "resume"
    END = "end"
    REFRESH = "refresh"
    PLAN = "plan"


class ShiftPress(CallbackData, prefix="cshf"):
    action: ShiftAct


class PlanAct(StrEnum):
    LIST = "list"  # the planned shifts
    ADD = "add"  # choose a day
    DAY = "day"  # choose a time range on ``day``
    SLOT = "slot"  # plan ``start``–``end`` (hours; 24 is midnight) on ``day``
    CUSTOM = "custom"  # type a time range for ``day``
    REMOVE = "remove"  # drop planned shift ``shift``
    BACK = "back"  # to the shift card


class PlanPress(CallbackData, prefix="cpln"):
    action: PlanAct
    day: str = ""  # ISO date in the work time zone
    start: int = 0
    end: int = 0
    shift: uuid.UUID | None = None
