"""What the business api takes and returns.

Working hours are wall-clock times in the shop's time zone, to the minute. A day's hours are one
opening span (``opens``–``closes``) with optional breaks inside it. A span whose closing time is
not after its opening time runs past midnight and belongs to the day it opens on: Friday
10:00–02:00 is open until 02:00 on Saturday morning; ``closes`` 00:00 is midnight and
``opens == closes`` is round the clock. Weekdays without hours are closed days.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from typing import Any
from uuid import UUID

from core.business import _hours
from core.business.errors import InvalidHours
from core.geo.schemas import Point, Zone
from core.shared.money import Money

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class TaxSystem(StrEnum):
    """Russian tax regimes a seller may be on."""

    OSN = "osn"  # general regime
    USN_INCOME = "usn_income"  # simplified, 6 % of income
    USN_INCOME_MINUS_EXPENSES = "usn_income_minus_expenses"  # simplified, 15 % of profit
    AUSN = "ausn"  # automated simplified
    ESHN = "eshn"  # unified agricultural tax: farms
    PATENT = "patent"  # patent system, individual entrepreneurs only
    NPD = "npd"  # professional income tax (self-employed), individuals only


# Regimes open to individuals only: a company (10-digit INN) cannot choose them.
INDIVIDUAL_ONLY_TAX_SYSTEMS: frozenset[TaxSystem] = frozenset({TaxSystem.PATENT, TaxSystem.NPD})


class InnKind(StrEnum):
    LEGAL_ENTITY = "legal_entity"  # 10 digits
    INDIVIDUAL = "individual"  # 12 digits: individual entrepreneur or self-employed


class BusinessStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ShopStatus(StrEnum):
    DRAFT = "draft"  # an approved business's new shop, still being filled in
    PENDING_APPROVAL = "pending_approval"
    ACTIVE = "active"  # taking orders (when open)
    PAUSED = "paused"  # by its owner or manager; resumes at will
    REJECTED = "rejected"


# -- working hours --------------------------------------------------------------------------


def _format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_time(text: str, *, end: bool = False) -> time:
    """``"9:30"`` → 09:30; an end time may be ``"24:00"``, meaning midnight."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if end and cleaned == "24:00":
        return time(0, 0)
    match = _HHMM.fullmatch(cleaned)
    if match is None:
        raise InvalidHours(f"not a time of day: {text!r}", value=str(text))
    return time(int(match[1]), int(match[2]))


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A wall-clock interval; ``end`` not after ``start`` means it ends after midnight."""

    start: time
    end: time

    def to_json(self) -> list[str]:
        """``["13:00", "14:00"]``."""
        return [_format_time(self.start), _format_time(self.end)]


@dataclass(frozen=True, slots=True)
class DayHours:
    """One weekday: open from ``opens`` to ``closes`` (past midnight if not later), less breaks."""

    opens: time
    closes: time
    breaks: tuple[TimeRange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``{"opens": "09:00", "closes": "21:00", "breaks": [["13:00", "14:00"]]}``."""
        return {
            "opens": _format_time(self.opens),
            "closes": _format_time(self.closes),
            "breaks": [b.to_json() for b in self.breaks],
        }


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Hours for Monday..Sunday (``None`` = closed); checked when built."""

    days: tuple[DayHours | None, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", tuple(self.days))
        _hours.validate(self)

    @classmethod
    def every_day(cls, day: DayHours) -> WeeklyHours:
        """The same hours all week."""
        return cls((day,) * 7)

    @classmethod
    def of(cls, **days: DayHours | None) -> WeeklyHours:
        """Hours by weekday name: ``WeeklyHours.of(mon=..., sat=...)``; others closed."""
        unknown = sorted(set(days) - set(WEEKDAYS))
        if unknown:
            raise InvalidHours(f"unknown weekday {unknown[0]!r}", value=unknown[0])
        return cls(tuple(days.get(name) for name in WEEKDAYS))

    def to_json(self) -> dict[str, Any]:
        """``{"mon": {...}, ...}`` with closed days left out."""
        return {
            name: day.to_json()
            for name, day in zip(WEEKDAYS, self.days, strict=True)
            if day is not None
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WeeklyHours:
        """Read ``to_json``'s shape (as a Mini App form sends it), checking every field."""
        if not isinstance(data, Mapping):
            raise InvalidHours("hours must be an object by weekday", value=str(data)[:50])
        parsed: dict[str, DayHours | None] = {}
        for name, day in data.items():
            if day is None:
                parsed[str(name)] = None
                continue
            if not isinstance(day, Mapping) or not {"opens", "closes"} <= set(day):
                raise InvalidHours(f"{name}: needs opens and closes", value=str(name))
            breaks = day.get("breaks") or []
            if not isinstance(breaks, Sequence) or isinstance(breaks, str):
                raise InvalidHours(f"{name}: breaks must be a list", value=str(name))
            parsed[str(name)] = DayHours(
                parse_time(day["opens"]),
                parse_time(day["closes"], end=True),
                tuple(_break(item) for item in breaks),
            )
        return cls.of(**parsed)


def _break(item: object) -> TimeRange:
    if isinstance(item, Mapping):
        item = [item.get("start"), item.get("end")]
    if not isinstance(item, Sequence) or isinstance(item, str) or len(item) != 2:
        raise InvalidHours("a break is [start, end]", value=str(item)[:50])
    return TimeRange(parse_time(item[0]), parse_time(item[1], end=True))


@dataclass(frozen=True, slots=True)
class Schedule:
    """Hours and the time zone they are read in: what ``is_open`` needs of a shop."""

    hours: WeeklyHours
    timezone: str


# -- input ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopForm:
    """A shop as its owner describes it (checked by the api)."""

    name: str
    address: str
    point: Point
    timezone: str
    hours: WeeklyHours
    zone: Zone
    min_order: Money
    delivery_fee: Money
    assembly_minutes: int
    description: str | None = None
    logo: str | None = None


@dataclass(frozen=True, slots=True)
class BusinessApplication:
    """A seller's application: the business and its first shop."""

    legal_name: str
    inn: str
    tax_system: TaxSystem
    phone: str
    email: str
    shop: ShopForm


@dataclass(frozen=True, slots=True)
class ShopChanges:
    """Operational settings to change; ``None`` leaves a field as it is."""

    name: str | None = None
    address: str | None = None
    point: Point | None = None
    timezone: str | None = None
    hours: WeeklyHours | None = None
    zone: Zone | None = None
    min_order: Money | None = None
    delivery_fee: Money | None = None
    assembly_minutes: int | None = None


# -- output ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BusinessOut:
    id: UUID
    legal_name: str
    inn: str
    inn_kind: InnKind
    tax_system: TaxSystem
    phone: str
    email: str
    applicant_id: int
    status: BusinessStatus
    rejection_reason: str | None
    created_at: datetime
    decided_at: datetime | None
    decided_by: int | None


@dataclass(frozen=True, slots=True)
class ShopOut:
    id: UUID
    business_id: UUID
    name: str
    address: str
    point: Point
    timezone: str
    hours: WeeklyHours
    zone: Zone
    min_order: Money
    delivery_fee: Money
    assembly_minutes: int
    status: ShopStatus
    description: str | None
    logo: str | None
    created_at: datetime
    updated_at: datetime
    rejection_reason: str | None


@dataclass(frozen=True, slots=True)
class ApplicationOut:
    """An application as the applicant and the reviewing admin see it."""

    business: BusinessOut
    shops: tuple[ShopOut, ...]
