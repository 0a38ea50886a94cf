"""Checks of what callers pass in, before anything is locked."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from core.inventory.errors import (
    DuplicateLine,
    InvalidHolder,
    InvalidQuantity,
    InvalidStockChange,
    InvalidStockCount,
    InvalidThreshold,
    NoLines,
    NoteTooLong,
    ReasonNotAllowed,
)
from core.inventory.schemas import STAFF_REASONS, AdjustmentReason

# A thousand tonnes in grams: far above any shop, far below BIGINT, so sums cannot overflow.
MAX_QUANTITY = 1_000_000_000
MAX_HOLDER = 100
MAX_NOTE = 500

_ADDING = frozenset({AdjustmentReason.DELIVERY, AdjustmentReason.RETURN})
_REMOVING = frozenset({AdjustmentReason.WRITE_OFF})


class _Line(Protocol):
    @property
    def offer_id(self) -> uuid.UUID: ...

    @property
    def quantity(self) -> int: ...


def _whole(value: object) -> bool:
    # bool is an int subclass; True grams is always a bug.
    return isinstance(value, int) and not isinstance(value, bool)


def holder_key(holder: str | uuid.UUID) -> str:
    """The holder as stored: a UUID's text, or a non-empty trimmed string."""
    key = str(holder).strip() if isinstance(holder, str | uuid.UUID) else ""
    if not key or len(key) > MAX_HOLDER:
        raise InvalidHolder(maximum=MAX_HOLDER)
    return key


def note(text: str | None) -> str | None:
    """A trimmed note, None when blank."""
    if text is None or not text.strip():
        return None
    if len(text.strip()) > MAX_NOTE:
        raise NoteTooLong(maximum=MAX_NOTE)
    return text.strip()


def lines(given: Sequence[_Line], *, minimum: int) -> None:
    """At least one line, each offer once, quantities whole and in ``minimum..MAX_QUANTITY``."""
    if not given:
        raise NoLines()
    seen: set[uuid.UUID] = set()
    for line in given:
        if line.offer_id in seen:
            raise DuplicateLine(offer_id=line.offer_id)
        seen.add(line.offer_id)
        if not _whole(line.quantity) or not minimum <= line.quantity <= MAX_QUANTITY:
            raise InvalidQuantity(offer_id=line.offer_id, minimum=minimum, maximum=MAX_QUANTITY)


def ttl(value: timedelta | None) -> None:
    """A reservation lasts a positive time, or (None) until allocated or released."""
    if value is not None and value <= timedelta(0):
        raise ValueError(f"a reservation's ttl must be positive, got {value}")


def count(value: int) -> None:
    if not _whole(value) or not 0 <= value <= MAX_QUANTITY:
        raise InvalidStockCount(maximum=MAX_QUANTITY)


def threshold(value: int | None) -> None:
    if value is not None and (not _whole(value) or not 0 <= value <= MAX_QUANTITY):
        raise InvalidThreshold(maximum=MAX_QUANTITY)


def staff_reason(reason: AdjustmentReason | str, *, absolute: bool) -> AdjustmentReason:
    """A staff reason; a recount always sets a count, so it never comes with a change."""
    allowed = STAFF_REASONS if absolute else STAFF_REASONS - {AdjustmentReason.RECOUNT}
    try:
        known = AdjustmentReason(reason)
    except ValueError:
        raise ReasonNotAllowed(reason=str(reason)) from None
    if known not in allowed:
        raise ReasonNotAllowed(reason=known.value)
    return known


def stock_change(value: int, reason: AdjustmentReason) -> None:
    """Non-zero, in range, and in the reason's direction (deliveries add, write-offs remove)."""
    if (
        not _whole(value)
        or value == 0
        or abs(value) > MAX_QUANTITY
        or (reason in _ADDING and value < 0)
        or (reason in _REMOVING and value > 0)
    ):
        raise InvalidStockChange(reason=reason.value, maximum=MAX_QUANTITY)
