"""Quantities and times written out for people, in both languages, at queue time.

A notification's params are stored when it is queued and its language is chosen when it is sent,
so a quantity goes in as ``<name>_ru`` ("1,2") and ``<name>_en`` ("1.2") with a unit code
(``kg``, ``g``, ``pcs``) that the message turns into words. Money reads the same in both
(``Money.format``: "1 234,50 ₽"), as everywhere in the bots.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from core.catalog.schemas import Unit
from core.shared.money import Money

Scalar = str | int | float


def amount(quantity: int, unit: Unit, name: str) -> dict[str, Scalar]:
    """``quantity`` (pieces, or grams) as ``<name>_ru``, ``<name>_en`` and ``<name>_unit``."""
    if unit is Unit.PIECE:
        number, code = str(quantity), "pcs"
    elif 0 < quantity < 1000:
        number, code = str(quantity), "g"
    else:
        # Exact decimal kilograms, trailing zeros dropped: 1200 g is 1.2 kg, 2000 g is 2 kg.
        number, code = f"{(Decimal(quantity) / 1000).normalize():f}", "kg"
    return {f"{name}_ru": number.replace(".", ","), f"{name}_en": number, f"{name}_unit": code}


def money(value: Money) -> str:
    """``1 234,50 ₽``."""
    return value.format()


def clock_time(at: datetime, timezone: str) -> str:
    """``14:35`` on the shop's clock."""
    return at.astimezone(ZoneInfo(timezone)).strftime("%H:%M")


def day(at: datetime, timezone: str) -> str:
    """``01.01`` on the shop's calendar."""
    return at.astimezone(ZoneInfo(timezone)).strftime("%d.%m")
