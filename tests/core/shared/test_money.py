"""Money: integer kopecks, exact allocation, half-up rounding at the line, Russian formatting."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.shared.money import CurrencyMismatch, Money

NBSP = "\u00a0"

amounts = st.integers(min_value=-(10**15), max_value=10**15)
currencies = st.sampled_from(["RUB", "USD", "EUR"])
money = st.builds(Money, amounts, st.just("RUB"))
ratio_lists = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12).filter(
    lambda ratios: sum(ratios) > 0
)


def half_up(value: Fraction) -> int:
    """Reference rounding: halves go away from zero, computed exactly."""
    magnitude = abs(value)
    rounded = int(magnitude + Fraction(1, 2))  # int() truncates, magnitude is non-negative
    return rounded if value >= 0 else -rounded


# --- allocation -------------------------------------------------------------------------------


@given(amounts, ratio_lists, currencies)
def test_allocate_never_loses_or_creates_a_kopeck(minor: int, ratios: list[int], cur: str) -> None:
    parts = Money(minor, cur).allocate(ratios)
    assert len(parts) == len(ratios)
    assert sum(part.minor for part in parts) == minor
    assert all(part.currency == cur for part in parts)


@given(amounts, ratio_lists)
def test_allocate_stays_within_a_kopeck_of_the_exact_share(minor: int, ratios: list[int]) -> None:
    total = sum(ratios)
    for part, ratio in zip(Money(minor).allocate(ratios), ratios, strict=True):
        exact = Fraction(minor * ratio, total)
        assert abs(part.minor - exact) < 1


@given(amounts, ratio_lists)
def test_allocate_of_a_negative_amount_mirrors_the_positive_one(
    minor: int, ratios: list[int]
) -> None:
    positive = Money(abs(minor)).allocate(ratios)
    negative = Money(-abs(minor)).allocate(ratios)
    assert [part.minor for part in negative] == [-part.minor for part in positive]


@given(amounts, ratio_lists)
def test_allocate_gives_nothing_to_a_zero_ratio(minor: int, ratios: list[int]) -> None:
    for part, ratio in zip(Money(minor).allocate(ratios), ratios, strict=True):
        if ratio == 0:
            assert part.minor == 0


def test_allocate_hands_leftover_kopecks_to_the_largest_fractions_first() -> None:
    assert [m.minor for m in Money(100).allocate([1, 1, 1])] == [34, 33, 33]
    assert [m.minor for m in Money(-100).allocate([1, 1, 1])] == [-34, -33, -33]
    # 10 split 1:2 is 3.33 / 6.67: the second part has the larger fraction and takes the kopeck.
    assert [m.minor for m in Money(10).allocate([1, 2])] == [3, 7]
    assert [m.minor for m in Money(5).allocate([0, 1, 0])] == [0, 5, 0]


@pytest.mark.parametrize("ratios", [[], [0, 0], [1, -1], [2, -1]])
def test_allocate_rejects_ratios_without_a_positive_sum_or_with_negatives(
    ratios: list[int],
) -> None:
    with pytest.raises(ValueError, match="ratios"):
        Money(100).allocate(ratios)


@pytest.mark.parametrize("ratios", [[0.5, 0.5], [1, True], [Decimal(1)]])
def test_allocate_rejects_non_integer_ratios(ratios: list[Any]) -> None:
    with pytest.raises(TypeError):
        Money(100).allocate(ratios)


# --- arithmetic -------------------------------------------------------------------------------


@given(money, money)
def test_addition_commutes(a: Money, b: Money) -> None:
    assert a + b == b + a


@given(money, money, money)
def test_addition_associates(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)


@given(money)
def test_zero_is_neutral_and_negation_inverts(a: Money) -> None:
    zero = Money.zero()
    assert a + zero == a
    assert a - a == zero
    assert a + (-a) == zero
    assert -a.__neg__() == a
    assert not zero
    assert bool(a) == (a.minor != 0)


@given(money, money)
def test_subtraction_undoes_addition(a: Money, b: Money) -> None:
    assert (a + b) - b == a
    assert a - b == -(b - a)


@given(money, money, st.integers(min_value=-1000, max_value=1000))
def test_integer_multiplication_distributes(a: Money, b: Money, k: int) -> None:
    assert (a + b) * k == a * k + b * k
    assert k * a == a * k
    assert (a * k).minor == a.minor * k


@given(money, money)
def test_ordering_follows_the_minor_units(a: Money, b: Money) -> None:
    assert (a < b) == (a.minor < b.minor)
    assert (a <= b) == (a.minor <= b.minor)
    assert (a > b) == (a.minor > b.minor)
    assert (a >= b) == (a.minor >= b.minor)


def test_equal_amounts_in_different_currencies_are_different_money() -> None:
    assert Money(100, "RUB") != Money(100, "USD")
    assert hash(Money(100)) == hash(Money(100, "RUB"))
    assert Money.rub(12, 34) == Money(1234)


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_raises(operation: Any) -> None:
    with pytest.raises(CurrencyMismatch, match="RUB vs USD"):
        operation(Money(100, "RUB"), Money(100, "USD"))


@pytest.mark.parametrize("bad", [1.5, 100.0, True, False, Decimal("1.00"), "100", None])
def test_constructor_rejects_anything_but_an_int(bad: Any) -> None:
    with pytest.raises(TypeError):
        Money(bad)


@pytest.mark.parametrize("bad", ["rub", "RU", "RUBL", ""])
def test_constructor_rejects_a_malformed_currency(bad: str) -> None:
    with pytest.raises(ValueError, match="currency"):
        Money(1, bad)


@pytest.mark.parametrize("factor", [1.5, 2.0, True, Decimal(2)])
def test_multiplication_by_non_integers_raises(factor: Any) -> None:
    with pytest.raises(TypeError):
        Money(100) * factor
    with pytest.raises(TypeError):
        factor * Money(100)


@pytest.mark.parametrize("other", [1, 1.0, Decimal(1)])
def test_adding_plain_numbers_raises(other: Any) -> None:
    with pytest.raises(TypeError):
        Money(100) + other
    with pytest.raises(TypeError):
        Money(100) - other


# --- weighed lines and percentages ------------------------------------------------------------


def test_for_weight_rounds_at_the_line() -> None:
    # 199,90 ₽/kg × 1620 g = 323,838 ₽ -> 323,84 ₽
    assert Money.for_weight(Money(19990), 1620) == Money(32384)
    # 199,90 ₽/kg × 1050 g = 209,895 ₽: exactly half a kopeck goes up
    assert Money.for_weight(Money(19990), 1050) == Money(20990)
    # 99,99 ₽/kg × 1 g = 0,09999 ₽ -> 0,10 ₽; 4,99 ₽/kg × 100 g = 0,499 ₽ -> 0,50 ₽
    assert Money.for_weight(Money(9999), 1) == Money(10)
    assert Money.for_weight(Money(499), 100) == Money(50)
    # under half a kopeck goes down
    assert Money.for_weight(Money(1), 499) == Money(0)
    assert Money.for_weight(Money(1), 500) == Money(1)
    assert Money.for_weight(Money(19990), 0) == Money(0)
    assert Money.for_weight(Money(19990, "EUR"), 1000) == Money(19990, "EUR")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**7))
def test_for_weight_equals_exact_half_up_rounding(price: int, grams: int) -> None:
    line = Money.for_weight(Money(price), grams)
    assert line.minor == half_up(Fraction(price * grams, 1000))


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**7))
def test_for_weight_is_symmetric_for_negative_prices(price: int, grams: int) -> None:
    assert Money.for_weight(Money(-price), grams) == -Money.for_weight(Money(price), grams)


@pytest.mark.parametrize("grams", [-1, 1.5, True, Decimal(100)])
def test_for_weight_rejects_bad_quantities(grams: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        Money.for_weight(Money(19990), grams)


def test_percent_uses_basis_points_and_rounds_half_up() -> None:
    assert Money(100_000).percent(1000) == Money(10_000)  # 10 % of 1000 ₽
    assert Money(5).percent(1000) == Money(1)  # 0,5 kopeck goes up
    assert Money(4).percent(1000) == Money(0)  # 0,4 kopeck goes down
    assert Money(-5).percent(1000) == Money(-1)
    assert Money(12345).percent(0) == Money(0)
    assert Money(12345).percent(10_000) == Money(12345)
    assert Money(12345, "USD").percent(5000).currency == "USD"


@given(amounts, st.integers(min_value=-100_000, max_value=100_000))
def test_percent_equals_exact_half_up_rounding(minor: int, basis_points: int) -> None:
    exact = Fraction(minor * basis_points, 10_000)
    assert Money(minor).percent(basis_points).minor == half_up(exact)


@pytest.mark.parametrize("bad", [10.5, True])
def test_percent_rejects_non_integer_basis_points(bad: Any) -> None:
    with pytest.raises(TypeError):
        Money(100).percent(bad)


# --- formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (123450, "RUB", f"1{NBSP}234,50{NBSP}₽"),
        (0, "RUB", f"0,00{NBSP}₽"),
        (5, "RUB", f"0,05{NBSP}₽"),
        (99999, "RUB", f"999,99{NBSP}₽"),
        (100000, "RUB", f"1{NBSP}000,00{NBSP}₽"),
        (-123450, "RUB", f"-1{NBSP}234,50{NBSP}₽"),
        (-5, "RUB", f"-0,05{NBSP}₽"),
        (123456789012, "RUB", f"1{NBSP}234{NBSP}567{NBSP}890,12{NBSP}₽"),
        (123450, "USD", f"1{NBSP}234,50{NBSP}$"),
        (123450, "EUR", f"1{NBSP}234,50{NBSP}€"),
        (123450, "KZT", f"1{NBSP}234,50{NBSP}KZT"),
    ],
)
def test_format(minor: int, currency: str, shown: str) -> None:
    assert Money(minor, currency).format() == shown
    assert str(Money(minor, currency)) == shown


@given(amounts)
def test_format_round_trips_and_never_breaks_a_line(minor: int) -> None:
    shown = Money(minor).format()
    assert " " not in shown
    number = shown.removesuffix(f"{NBSP}₽").replace(NBSP, "").replace(",", ".")
    assert Decimal(number) * 100 == minor
