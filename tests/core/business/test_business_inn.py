"""INN check digits: 10 digits for a company, 12 for an individual (Federal Tax Service rule)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.business.api import check_inn
from core.business.errors import InvalidInn
from core.business.schemas import InnKind


def control(digits: list[int], weights: list[int]) -> int:
    """The published rule, written out again here: weighted sum mod 11, then mod 10."""
    total = 0
    for digit, weight in zip(digits, weights, strict=True):
        total += digit * weight
    return total % 11 % 10


W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]


def reference_valid(inn: str) -> bool:
    digits = [int(c) for c in inn]
    if inn.startswith("00"):
        return False
    if len(digits) == 10:
        return control(digits[:9], W10) == digits[9]
    return control(digits[:10], W11) == digits[10] and control(digits[:11], W12) == digits[11]


regions = st.integers(1, 99).map(lambda n: f"{n:02d}")


@st.composite
def company_inns(draw: st.DrawFn) -> str:
    body = draw(regions) + draw(st.text("0123456789", min_size=7, max_size=7))
    digits = [int(c) for c in body]
    return body + str(control(digits, W10))


@st.composite
def individual_inns(draw: st.DrawFn) -> str:
    body = draw(regions) + draw(st.text("0123456789", min_size=8, max_size=8))
    digits = [int(c) for c in body]
    digits.append(control(digits, W11))
    digits.append(control(digits, W12))
    return "".join(map(str, digits))


@pytest.mark.parametrize(
    ("inn", "kind"),
    [
        ("7707083893", InnKind.LEGAL_ENTITY),  # Sberbank
        ("7736207543", InnKind.LEGAL_ENTITY),  # Yandex
        ("7710140679", InnKind.LEGAL_ENTITY),  # T-Bank
        ("7702070139", InnKind.LEGAL_ENTITY),  # VTB
        ("500100732259", InnKind.INDIVIDUAL),
        ("526317984689", InnKind.INDIVIDUAL),
    ],
)
def test_known_valid_inns(inn: str, kind: InnKind) -> None:
    assert check_inn(inn) == (inn, kind)


def test_spaces_are_ignored() -> None:
    assert check_inn(" 7707 083893\n") == ("7707083893", InnKind.LEGAL_ENTITY)


@pytest.mark.parametrize(
    ("inn", "reason"),
    [
        ("7707083894", "checksum"),  # Sberbank's last digit off by one
        ("500100732258", "checksum"),
        ("500100732269", "checksum"),  # the 11th digit wrong
        ("0007083893", "region"),
        ("770708389", "length"),
        ("77070838930", "length"),
        ("7707O83893", "not_digits"),  # a letter O
        ("７７０７０８３８９３", "not_digits"),  # full-width digits
        ("", "not_digits"),
        ("+7707083893", "not_digits"),
    ],
)
def test_invalid_inns(inn: str, reason: str) -> None:
    with pytest.raises(InvalidInn) as caught:
        check_inn(inn)
    assert caught.value.params["reason"] == reason
    assert caught.value.code == "invalid_inn"


@given(company_inns())
def test_computed_company_inns_are_accepted(inn: str) -> None:
    assert check_inn(inn) == (inn, InnKind.LEGAL_ENTITY)


@given(individual_inns())
def test_computed_individual_inns_are_accepted(inn: str) -> None:
    assert check_inn(inn) == (inn, InnKind.INDIVIDUAL)


@given(st.one_of(company_inns(), individual_inns()), st.integers(1, 9))
def test_a_wrong_last_digit_is_caught(inn: str, shift: int) -> None:
    wrong = inn[:-1] + str((int(inn[-1]) + shift) % 10)
    with pytest.raises(InvalidInn):
        check_inn(wrong)


@given(st.one_of(company_inns(), individual_inns()), st.data())
def test_a_changed_digit_is_judged_by_the_rule(inn: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(inn) - 1))
    digit = data.draw(st.sampled_from("0123456789"))
    changed = inn[:position] + digit + inn[position + 1 :]
    if reference_valid(changed):
        assert check_inn(changed)[0] == changed
    else:
        with pytest.raises(InvalidInn):
            check_inn(changed)


@given(st.text("0123456789", min_size=10, max_size=10) | st.text("0123456789", min_size=12,
                                                                    max_size=12))
def test_random_numbers_agree_with_the_rule(inn: str) -> None:
    try:
        check_inn(inn)
        accepted = True
    except InvalidInn:
        accepted = False
    assert accepted == reference_valid(inn)
