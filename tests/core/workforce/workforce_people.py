"""Types and helpers of the workforce tests (conftest.py is not importable by name)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from core.auth.policy import Actor
from core.workforce.schemas import Vehicle

NewPerson = Callable[..., Awaitable[int]]
ActorOf = Callable[[int], Awaitable[Actor]]
NewCourier = Callable[..., Awaitable[Actor]]
Events = Callable[[str], Awaitable[list[dict[str, Any]]]]

PHONE = "+79161234567"


def profile(vehicle: Vehicle = Vehicle.BICYCLE) -> tuple[str, str, Vehicle]:
    """A valid name, phone and vehicle."""
    return "Марат Ибрагимов", PHONE, vehicle
