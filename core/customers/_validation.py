"""Field rules for addresses and phones, shared by the api and the bots' forms."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Final

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

MAX_ADDRESSES: Final = 10
TEXT_MIN: Final = 3
TEXT_MAX: Final = 300
ENTRANCE_MAX: Final = 16
APARTMENT_MAX: Final = 16
COMMENT_MAX: Final = 300
# Basements count down; the tallest residential towers stop short of 200 floors.
FLOOR_MIN: Final = -5
FLOOR_MAX: Final = 200

_SPACES = re.compile(r"\s+")
_FLOOR = re.compile(r"[+-]?[0-9]+")
# Separators people and phone books put between digits.
_PHONE_NOISE = re.compile(r"[\s\-().]")
_DIGITS = re.compile(r"[0-9]+")


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = _SPACES.sub(" ", value).strip()
    return cleaned or None


def check_point(latitude: float, longitude: float) -> tuple[float, float]:
    """A point on the Earth, or LocationOutOfRange."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise LocationOutOfRange(latitude=str(latitude), longitude=str(longitude))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise LocationOutOfRange(latitude=latitude, longitude=longitude)
    return latitude, longitude


def clean_address_text(value: str | None) -> str | None:
    """The typed address on one line; None when blank."""
    cleaned = _one_line(value)
    if cleaned is None:
        return None
    if len(cleaned) < TEXT_MIN:
        raise AddressTextTooShort(min=TEXT_MIN)
    if len(cleaned) > TEXT_MAX:
        raise AddressTextTooLong(max=TEXT_MAX)
    return cleaned


def clean_entrance(value: str | None) -> str | None:
    """The entrance as typed, short; None when blank."""
    cleaned = _one_line(value)
    if cleaned is not None and len(cleaned) > ENTRANCE_MAX:
        raise EntranceTooLong(max=ENTRANCE_MAX)
    return cleaned


def clean_apartment(value: str | None) -> str | None:
    """Apartment or office as typed (``12``, ``12Б``, ``офис 3``); None when blank."""
    cleaned = _one_line(value)
    if cleaned is not None and len(cleaned) > APARTMENT_MAX:
        raise ApartmentTooLong(max=APARTMENT_MAX)
    return cleaned


def clean_comment(value: str | None) -> str | None:
    """A note for the courier; line breaks are kept, surrounding blanks dropped."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned:
        return None
    if len(cleaned) > COMMENT_MAX:
        raise CommentTooLong(max=COMMENT_MAX)
    return cleaned


def parse_floor(value: str) -> int:
    """A floor typed as a whole number, e.g. ``5`` or ``-1``."""
    cleaned = value.strip()
    if not _FLOOR.fullmatch(cleaned):
        raise FloorNotANumber(value=cleaned[:20])
    floor = int(cleaned)
    check_floor(floor)
    return floor


def check_floor(floor: int | None) -> int | None:
    """A floor within the range buildings have."""
    if floor is not None and not FLOOR_MIN <= floor <= FLOOR_MAX:
        raise FloorOutOfRange(min=FLOOR_MIN, max=FLOOR_MAX)
    return floor


def clean_address(data: AddressInput) -> AddressInput:
    """Every field checked and cleaned; an address needs a point or a typed text."""
    latitude, longitude = data.latitude, data.longitude
    if (latitude is None) != (longitude is None):
        raise LocationOutOfRange(latitude=str(latitude), longitude=str(longitude))
    if latitude is not None and longitude is not None:
        latitude, longitude = check_point(latitude, longitude)
    cleaned = replace(
        data,
        latitude=latitude,
        longitude=longitude,
        text=clean_address_text(data.text),
        entrance=clean_entrance(data.entrance),
        floor=check_floor(data.floor),
        apartment=clean_apartment(data.apartment),
        comment=clean_comment(data.comment),
    )
    if cleaned.latitude is None and cleaned.text is None:
        raise AddressNeedsPlace()
    return cleaned


def normalize_phone(raw: str) -> str:
    """A phone number in E.164 (``+79161234567``) from what Telegram or a person wrote."""
    stripped = raw.strip()
    international = stripped.startswith("+")
    digits = _PHONE_NOISE.sub("", stripped[1:] if international else stripped)
    if not _DIGITS.fullmatch(digits):
        raise InvalidPhone()
    if not international:
        if digits.startswith("00"):  # the international call prefix most of the world dials
            digits = digits[2:]
        elif len(digits) == 11 and digits.startswith("8"):
            # Russia's domestic trunk prefix: 8 916 ... is +7 916 ...
            digits = "7" + digits[1:]
    if not 7 <= len(digits) <= 15 or digits.startswith("0"):
        raise InvalidPhone()
    return "+" + digits
