"""Reading the price list's cells exactly: roubles to kopecks, kilograms to grams, yes and no."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.catalog.schemas import Unit
from core.pricelist._cells import (
    check_unit,
    format_rubles,
    format_stock,
    rubles,
    stock,
    visible,
)
from core.pricelist.errors import (
    AmountUnreadable,
    StockUnreadable,
    UnitMismatch,
    VisibleUnreadable,
)
from core.shared.money import Money


@pytest.mark.parametrize(
    ("typed", "kopecks"),
    [
        ("89,90", 8_990),
        ("89.9", 8_990),
        ("89", 8_900),
        ("0,01", 1),
        ("1 234,50", 123_450),
        ("1\u00a0234,5 ₽", 123_450),
        (" 99.05 ", 9_905),
        ("120 руб.", 12_000),
        ("0", 0),
    ],
)
def test_roubles_become_exact_kopecks(typed: str, kopecks: int) -> None:
    assert rubles(typed) == Money(kopecks, "RUB")


@pytest.mark.parametrize("typed", ["", "abc", "89,901", "-5", "1e3", "89,9,0", ".5", "NaN"])
def test_what_is_not_an_amount(typed: str) -> None:
    with pytest.raises(AmountUnreadable):
        rubles(typed)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_kopecks_survive_formatting_and_reading(kopecks: int) -> None:
    assert rubles(format_rubles(Money(kopecks, "RUB"))).minor == kopecks


@given(st.integers(min_value=0, max_value=10**9))
def test_grams_survive_formatting_as_kilograms(grams: int) -> None:
    assert stock(format_stock(grams, Unit.WEIGHT), Unit.WEIGHT) == grams


@pytest.mark.parametrize(
    ("typed", "unit", "quantity"),
    [
        ("12", Unit.PIECE, 12),
        ("12,0", Unit.PIECE, 12),
        ("1,5", Unit.WEIGHT, 1_500),
        ("0.125", Unit.WEIGHT, 125),
        ("2", Unit.WEIGHT, 2_000),
        ("1 000", Unit.PIECE, 1_000),
    ],
)
def test_stock_in_pieces_or_kilograms(typed: str, unit: Unit, quantity: int) -> None:
    assert stock(typed, unit) == quantity


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("1,5", Unit.PIECE),
        ("-1", Unit.PIECE),
        ("0,0005", Unit.WEIGHT),
        ("много", Unit.WEIGHT),
    ],
)
def test_what_is_not_stock(typed: str, unit: Unit) -> None:
    with pytest.raises(StockUnreadable) as raised:
        stock(typed, unit)
    assert raised.value.params == {"unit": unit.value}


def test_kilograms_are_written_with_a_comma_and_no_trailing_zeros() -> None:
    assert [format_stock(g, Unit.WEIGHT) for g in (0, 1_500, 2_000, 1_005, 20_000)] == [
        "0",
        "1,5",
        "2",
        "1,005",
        "20",
    ]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1", True),
        ("Да", True),
        ("yes", True),
        ("TRUE", True),
        ("0", False),
        ("нет", False),
        ("No", False),
        ("false", False),
    ],
)
def test_visibility_in_either_language(typed: str, shown: bool) -> None:
    assert visible(typed) is shown


def test_what_is_not_yes_or_no() -> None:
    with pytest.raises(VisibleUnreadable):
        visible("может быть")


def test_the_unit_column_must_match_the_product() -> None:
    check_unit("кг", Unit.WEIGHT)
    check_unit("piece", Unit.PIECE)
    with pytest.raises(UnitMismatch) as raised:
        check_unit("kg", Unit.PIECE)
    assert raised.value.params == {"unit": "piece"}
