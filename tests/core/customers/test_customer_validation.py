"""Address fields and phone numbers are checked the same way in the api and the bots' forms."""

from __future__ import annotations

import math

import pytest

from core.auth.policy import Actor
from core.customers import api
from core.customers.errors import (
    AddressNeedsPlace,
    AddressTextTooLong,
    AddressTextTooShort,
    ApartmentTooLong,
    CommentTooLong,
    EntranceTooLong,
    FloorNotANumber,
    FloorOutOfRange,
    InvalidPhone,
    LocationOutOfRange,
)
from core.customers.schemas import AddressInput
from core.shared.errors import CoreError, ValidationFailed
from core.shared.uow import Database


@pytest.mark.parametrize(("data", "error"), [
    (AddressInput(), AddressNeedsPlace),
    (AddressInput(text="   ", entrance="1"), AddressNeedsPlace),
    (AddressInput(latitude=91.0, longitude=37.0), LocationOutOfRange),
    (AddressInput(latitude=55.0, longitude=-180.5), LocationOutOfRange),
    (AddressInput(latitude=math.nan, longitude=37.0), LocationOutOfRange),
    (AddressInput(latitude=55.0), LocationOutOfRange),
    (AddressInput(text="Ок"), AddressTextTooShort),
    (AddressInput(text="д" * 301), AddressTextTooLong),
    (AddressInput(text="Арбат, 10", entrance="1" * 17), EntranceTooLong),
    (AddressInput(text="Арбат, 10", apartment="1" * 17), ApartmentTooLong),
    (AddressInput(text="Арбат, 10", comment="к" * 301), CommentTooLong),
    (AddressInput(text="Арбат, 10", floor=201), FloorOutOfRange),
    (AddressInput(text="Арбат, 10", floor=-6), FloorOutOfRange),
])
async def test_bad_addresses_are_refused_before_saving(
    db: Database, customer_id: int, data: AddressInput, error: type[CoreError]
) -> None:
    me = Actor(customer_id)
    with pytest.raises(error) as refused:
        await api.add_address(db, me, customer_id, data)
    assert isinstance(refused.value, ValidationFailed)
    assert await api.list_addresses(db, me, customer_id) == []


def test_limits_are_named_in_the_errors() -> None:
    with pytest.raises(AddressTextTooLong) as too_long:
        api.clean_address_text("д" * 301)
    assert too_long.value.params == {"max": 300}
    with pytest.raises(FloorOutOfRange) as out_of_range:
        api.parse_floor("300")
    assert out_of_range.value.params == {"min": -5, "max": 200}


@pytest.mark.parametrize(("typed", "floor"), [("5", 5), (" -1 ", -1), ("+3", 3), ("0", 0)])
def test_floors_are_whole_numbers(typed: str, floor: int) -> None:
    assert api.parse_floor(typed) == floor


@pytest.mark.parametrize("typed", ["пятый", "5.5", "", "5 этаж", "٣"])
def test_a_floor_that_is_not_a_number(typed: str) -> None:
    with pytest.raises(FloorNotANumber):
        api.parse_floor(typed)


def test_blank_optional_fields_become_none_and_lines_are_tidied() -> None:
    assert api.clean_entrance("  ") is None
    assert api.clean_apartment(" 12 Б ") == "12 Б"
    assert api.clean_address_text(" Тверская,\n  1 ") == "Тверская, 1"
    assert api.clean_comment("  код 12\nзвонить  ") == "код 12\nзвонить"


@pytest.mark.parametrize(("raw", "e164"), [
    ("79161234567", "+79161234567"),          # how Telegram sends it
    ("+7 (916) 123-45-67", "+79161234567"),
    ("89161234567", "+79161234567"),          # Russia's domestic prefix
    ("0079161234567", "+79161234567"),
    ("+44 20 7946 0958", "+442079460958"),
    ("14155552671", "+14155552671"),
])
def test_phones_are_normalised_to_e164(raw: str, e164: str) -> None:
    assert api.normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "+", "12345", "+0123456789", "phone", "+7916123456789012",
                                 "+7 916 ABC"])
def test_what_is_not_a_phone(raw: str) -> None:
    with pytest.raises(InvalidPhone):
        api.normalize_phone(raw)
