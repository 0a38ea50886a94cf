"""Reading and writing the price list's cells: roubles, stock, visibility, unit.

Amounts and kilograms are read by integer arithmetic on their digits, never through a float, so
"89,90" is exactly 8990 kopecks and "1,005" kg exactly 1005 g.
"""

from __future__ import annotations

import re
from uuid import UUID

from core.catalog.schemas import Unit
from core.pricelist.errors import (
    AmountUnreadable,
    ProductIdUnreadable,
    StockUnreadable,
    UnitMismatch,
    VisibleUnreadable,
)
from core.shared.money import Money

# Spaces people and spreadsheets put between thousands ("1 500"), no-break and thin ones too.
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_AMOUNT = re.compile(r"(\d{1,10})(?:[.,](\d{1,2}))?")
_PIECES = re.compile(r"(\d{1,10})(?:[.,]0{1,3})?")
_KILOGRAMS = re.compile(r"(\d{1,7})(?:[.,](\d{1,3}))?")
_CURRENCY = ("₽", "руб.", "руб", "р.", "rub")

_YES = frozenset({"1", "да", "д", "yes", "y", "true", "+"})
_NO = frozenset({"0", "нет", "н", "no", "n", "false", "-"})

_UNITS = {
    "piece": Unit.PIECE,
    "pcs": Unit.PIECE,
    "pc": Unit.PIECE,
    "шт": Unit.PIECE,
    "шт.": Unit.PIECE,
    "kg": Unit.WEIGHT,
    "кг": Unit.WEIGHT,
    "weight": Unit.WEIGHT,
}
UNIT_TEXT = {Unit.PIECE: "piece", Unit.WEIGHT: "kg"}


def rubles(text: str) -> Money:
    """``"89,90"``, ``"89.9"``, ``"1 234"``, ``"89,90 ₽"`` → kopecks."""
    cleaned = _SPACES.sub("", text).lower()
    for suffix in _CURRENCY:
        cleaned = cleaned.removesuffix(suffix)
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise AmountUnreadable(f"not an amount in roubles: {text[:20]!r}")
    whole, fraction = match.groups()
    # "89.9" is 89 roubles 90 kopecks: the fraction is padded to two digits, never scaled.
    return Money(int(whole) * 100 + int((fraction or "").ljust(2, "0")), "RUB")


def format_rubles(money: Money) -> str:
    """Kopecks as a spreadsheet reads roubles: ``89,90`` (no grouping, no symbol)."""
    units, kopecks = divmod(money.minor, 100)
    return f"{units},{kopecks:02d}"


def stock(text: str, unit: Unit) -> int:
    """Pieces (``"12"``), or kilograms with up to 3 decimals (``"1,5"``) → grams."""
    cleaned = _SPACES.sub("", text)
    if unit is Unit.PIECE:
        match = _PIECES.fullmatch(cleaned)
        if match is None:
            raise StockUnreadable(f"not a count of pieces: {text[:20]!r}", unit=unit.value)
        return int(match[1])
    match = _KILOGRAMS.fullmatch(cleaned)
    if match is None:
        raise StockUnreadable(f"not kilograms: {text[:20]!r}", unit=unit.value)
    return int(match[1]) * 1000 + int((match[2] or "").ljust(3, "0"))


def format_stock(quantity: int, unit: Unit) -> str:
    """Pieces as they are; grams as kilograms with a comma, trailing zeros dropped."""
    if unit is Unit.PIECE:
        return str(quantity)
    kilograms, grams = divmod(quantity, 1000)
    return str(kilograms) if grams == 0 else f"{kilograms},{grams:03d}".rstrip("0")


def visible(text: str) -> bool:
    """1/0, да/нет, yes/no, true/false (any case)."""
    cleaned = text.strip().lower()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    raise VisibleUnreadable(f"not yes or no: {text[:20]!r}")


def format_visible(value: bool) -> str:
    return "1" if value else "0"


def check_unit(text: str, expected: Unit) -> None:
    """The unit column, informational, must not contradict the product's unit."""
    if _UNITS.get(text.strip().lower()) is not expected:
        raise UnitMismatch(f"the product is sold by {expected.value}", unit=expected.value)


def product_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise ProductIdUnreadable(f"not a product id: {text[:40]!r}") from None
