"""Errors of the customers module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed


class AddressNotFound(NotFound):
    code = "address_not_found"


class AddressLimitReached(Conflict):
    """params: ``limit``."""

    code = "address_limit_reached"


class AddressNeedsPlace(ValidationFailed):
    """Neither a point nor a typed address: a courier could not find it."""

    code = "address_needs_place"


class LocationOutOfRange(ValidationFailed):
    """Latitude outside -90..90, longitude outside -180..180, or not a finite number."""

    code = "location_out_of_range"


class AddressTextTooShort(ValidationFailed):
    """params: ``min``."""

    code = "address_text_too_short"


class AddressTextTooLong(ValidationFailed):
    """params: ``max``."""

    code = "address_text_too_long"


class EntranceTooLong(ValidationFailed):
    """params: ``max``."""

    code = "entrance_too_long"


class ApartmentTooLong(ValidationFailed):
    """params: ``max``."""

    code = "apartment_too_long"


class CommentTooLong(ValidationFailed):
    """params: ``max``."""

    code = "comment_too_long"


class FloorNotANumber(ValidationFailed):
    code = "floor_not_a_number"


class FloorOutOfRange(ValidationFailed):
    """params: ``min``, ``max``."""

    code = "floor_out_of_range"


class InvalidPhone(ValidationFailed):
    code = "invalid_phone"


class ForeignContact(ValidationFailed):
    """The shared contact is someone else's: only a person's own number is taken."""

    code = "foreign_contact"


class CustomerNotFound(NotFound):
    """No Telegram user with this id has talked to us (or the account was deleted)."""

    code = "customer_not_found"
