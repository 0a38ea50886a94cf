"""Money as integer minor units (kopecks) with a currency; never a float.

Rounding rule: a weighed line rounds half up to the kopeck, once, at the line
(``Money.for_weight``); totals are sums of already-rounded lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€"}
_NBSP = "\u00a0"


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined."""


def _require_int(value: object, what: str) -> None:
    # bool is an int subclass; True kopecks or True grams is always a bug.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, got {value!r}")


@dataclass(frozen=True, slots=True, order=False)
class Money:
    minor: int
    currency: str = "RUB"

    def __post_init__(self) -> None:
        _require_int(self.minor, "Money's minor units")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"currency must be an ISO 4217 code, got {self.currency!r}")

    @classmethod
    def zero(cls, currency: str = "RUB") -> Money:
        """Nothing, in ``currency``."""
        return cls(0, currency)

    @classmethod
    def rub(cls, rubles: int, kopecks: int = 0) -> Money:
        """Roubles and kopecks, e.g. ``Money.rub(199, 90)``."""
        return cls(rubles * 100 + kopecks, "RUB")

    @classmethod
    def for_weight(cls, price_per_kg: Money, grams: int) -> Money:
        """Price of ``grams`` at ``price_per_kg``, rounded half up to the minor unit."""
        _require_int(grams, "grams")
        if grams < 0:
            raise ValueError("grams must not be negative")
        return cls(_div_round_half_up(price_per_kg.minor * grams, 1000), price_per_kg.currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} vs {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, factor: int) -> Money:
        _require_int(factor, "a factor of Money")
        return Money(self.minor * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.minor >= other.minor

    def __bool__(self) -> bool:
        return self.minor != 0

    def percent(self, basis_points: int) -> Money:
        """``basis_points``/10000 of this amount, rounded half up (1000 bp = 10 %)."""
        _require_int(basis_points, "basis points")
        return Money(_div_round_half_up(self.minor * basis_points, 10_000), self.currency)

    def allocate(self, ratios: Sequence[int]) -> list[Self]:
        """Split by integer ratios, losing no kopeck; leftovers go to the largest fractions."""
        for ratio in ratios:
            _require_int(ratio, "an allocation ratio")
        if not ratios or any(r < 0 for r in ratios) or sum(ratios) == 0:
            raise ValueError("ratios must be non-negative with a positive sum")
        total = sum(ratios)
        sign = -1 if self.minor < 0 else 1
        amount = abs(self.minor)
        shares = [amount * r // total for r in ratios]
        remainder = amount - sum(shares)
        # Hand out the leftover kopecks one by one, largest fractional part first.
        order = sorted(
            range(len(ratios)), key=lambda i: (-(amount * ratios[i] % total), i)
        )
        for i in order[:remainder]:
            shares[i] += 1
        return [type(self)(sign * s, self.currency) for s in shares]

    def format(self) -> str:
        """Russian style: ``1 234,50 ₽`` (non-breaking spaces, so it never wraps)."""
        sign = "-" if self.minor < 0 else ""
        units, cents = divmod(abs(self.minor), 100)
        grouped = f"{units:,}".replace(",", _NBSP)
        symbol = _SYMBOLS.get(self.currency, self.currency)
        return f"{sign}{grouped},{cents:02d}{_NBSP}{symbol}"

    def __str__(self) -> str:
        return self.format()


def _div_round_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounding halves away from zero (commercial rounding)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient
