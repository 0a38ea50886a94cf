"""The Russian taxpayer number (INN) and its check digits.

Each check digit is the weighted sum of the digits before it, modulo 11, modulo 10. A company
(legal entity) has 10 digits and one check digit; an individual (entrepreneur or self-employed)
has 12 digits and two. The weights are those of the Federal Tax Service's algorithm.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.business.errors import InvalidInn
from core.business.schemas import InnKind

_WEIGHTS_10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def check_digit(digits: Sequence[int], weights: Sequence[int]) -> int:
    """The check digit for ``digits`` under ``weights``."""
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def parse_inn(text: str) -> tuple[str, InnKind]:
    """The INN as 10 or 12 digits and what kind of taxpayer it names, or ``InvalidInn``."""
    cleaned = "".join(text.split()) if isinstance(text, str) else ""
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise InvalidInn("an INN is made of digits", reason="not_digits")
    if len(cleaned) not in (10, 12):
        raise InvalidInn("an INN has 10 or 12 digits", reason="length", length=len(cleaned))
    # The first two digits are the tax office's region, 01 and up.
    if cleaned.startswith("00"):
        raise InvalidInn("no region has code 00", reason="region")
    digits = [int(c) for c in cleaned]
    if len(digits) == 10:
        valid = check_digit(digits[:9], _WEIGHTS_10) == digits[9]
        kind = InnKind.LEGAL_ENTITY
    else:
        valid = (
            check_digit(digits[:10], _WEIGHTS_11) == digits[10]
            and check_digit(digits[:11], _WEIGHTS_12) == digits[11]
        )
        kind = InnKind.INDIVIDUAL
    if not valid:
        raise InvalidInn("a check digit is wrong", reason="checksum")
    return cleaned, kind
