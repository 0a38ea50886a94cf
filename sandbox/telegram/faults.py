"""Failures injected through /sim/faults: the next N calls of a method fail a chosen way."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import TelegramError, injected


@dataclass
class Fault:
    """One injected failure and how many more calls it hits."""

    error_code: int
    remaining: int
    description: str | None = None
    retry_after: int | None = None


class FaultBook:
    """Pending injected failures by (bot id, method name in lower case)."""

    def __init__(self) -> None:
        self._faults: dict[tuple[int, str], Fault] = {}

    def add(self, bot_id: int, method: str, fault: Fault) -> None:
        """Make the next fault.remaining calls of method fail (0 removes the fault)."""
        key = (bot_id, method.lower())
        if fault.remaining <= 0:
            self._faults.pop(key, None)
        else:
            self._faults[key] = fault

    def take(self, bot_id: int, method: str) -> TelegramError | None:
        """The failure for this call, if one is pending (and count it down)."""
        key = (bot_id, method.lower())
        fault = self._faults.get(key)
        if fault is None:
            return None
        fault.remaining -= 1
        if fault.remaining <= 0:
            del self._faults[key]
        return injected(fault.error_code, fault.description, fault.retry_after)
