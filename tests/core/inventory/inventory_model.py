"""A plain Python model of the inventory rules, for the property tests to check the real thing.

It keeps no history and knows no SQL: counters per offer and lines per holder, changed by the
rules the api documents. Each operation returns the name of the error it expects (or "ok").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Line:
    offer: int
    quantity: int
    status: str
    expires_at: datetime | None
    taken: int | None = None


@dataclass
class Model:
    on_hand: dict[int, int] = field(default_factory=dict)
    reserved: dict[int, int] = field(default_factory=dict)
    allocated: dict[int, int] = field(default_factory=dict)
    lines: dict[int, list[Line]] = field(default_factory=dict)

    def add_offer(self, offer: int) -> None:
        self.on_hand[offer] = self.reserved[offer] = self.allocated[offer] = 0

    def available(self, offer: int) -> int:
        return self.on_hand[offer] - self.reserved[offer] - self.allocated[offer]

    def active(self, holder: int) -> list[Line]:
        return [
            line for line in self.lines.get(holder, [])
            if line.status in ("reserved", "allocated")
        ]

    def adjust(self, offer: int, change: int) -> str:
        if -change > self.available(offer):
            return "InsufficientStock"
        self.on_hand[offer] += change
        return "ok"

    def set(self, offer: int, count: int) -> str:
        if count < self.reserved[offer] + self.allocated[offer]:
            return "StockBelowCommitted"
        self.on_hand[offer] = count
        return "ok"

    def reserve(self, holder: int, wanted: dict[int, int], expires_at: datetime | None) -> str:
        if self.active(holder):
            return "ReservationExists"
        if any(quantity > self.available(offer) for offer, quantity in wanted.items()):
            return "InsufficientStock"
        for offer, quantity in wanted.items():
            self.reserved[offer] += quantity
            self.lines.setdefault(holder, []).append(
                Line(offer, quantity, "reserved", expires_at)
            )
        return "ok"

    def release(self, holder: int) -> str:
        for line in self.active(holder):
            self._give_back(line, "released")
        return "ok"

    def allocate(self, holder: int, now: datetime) -> str:
        active = self.active(holder)
        if not active:
            return "ReservationNotFound"
        pending = [line for line in active if line.status == "reserved"]
        if any(line.expires_at is not None and line.expires_at <= now for line in pending):
            return "ReservationExpired"
        for line in pending:
            self.reserved[line.offer] -= line.quantity
            self.allocated[line.offer] += line.quantity
            line.status, line.expires_at = "allocated", None
        return "ok"

    def extend(self, holder: int, now: datetime, expires_at: datetime | None) -> str:
        active = self.active(holder)
        if not active:
            return "ReservationNotFound"
        pending = [line for line in active if line.status == "reserved"]
        if any(line.expires_at is not None and line.expires_at <= now for line in pending):
            return "ReservationExpired"
        for line in pending:
            line.expires_at = expires_at
        return "ok"

    def settle(self, holder: int, offer: int, taken: int) -> str:
        mine = [line for line in self.lines.get(holder, []) if line.offer == offer]
        active = [line for line in mine if line.status in ("reserved", "allocated")]
        if not active:
            settled = [line for line in mine if line.status == "settled"]
            if settled and settled[-1].taken == taken:
                return "ok"
            return "ReservationSettled" if settled else "ReservationNotFound"
        line = active[0]
        if line.status != "allocated":
            return "ReservationNotAllocated"
        if taken > line.quantity + self.available(offer):
            return "InsufficientStock"
        self.on_hand[offer] -= taken
        self.allocated[offer] -= line.quantity
        line.status, line.taken = "settled", taken
        return "ok"

    def expire(self, now: datetime) -> int:
        lapsed = [
            line for lines in self.lines.values() for line in lines
            if line.status == "reserved" and line.expires_at is not None
            and line.expires_at <= now
        ]
        for line in lapsed:
            self._give_back(line, "expired")
        return len(lapsed)

    def _give_back(self, line: Line, status: str) -> None:
        if line.status == "reserved":
            self.reserved[line.offer] -= line.quantity
        else:
            self.allocated[line.offer] -= line.quantity
        line.status = status
