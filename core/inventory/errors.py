"""Errors of the inventory module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed

# -- what the caller gave --------------------------------------------------------------------


class InvalidQuantity(ValidationFailed):
    """A reserved or taken quantity is not a whole number in range (params: ``minimum``,
    ``maximum``)."""

    code = "stock_quantity_invalid"


class QuantityOffStep(ValidationFailed):
    """A weight good is reserved in multiples of its step (params: ``step`` in grams)."""

    code = "stock_quantity_off_step"


class InvalidStockCount(ValidationFailed):
    """A counted stock is not a whole number from 0 to ``maximum``."""

    code = "stock_count_invalid"


class InvalidStockChange(ValidationFailed):
    """A change is zero, out of range, or against its reason's direction (a delivery adds,
    a write-off removes)."""

    code = "stock_change_invalid"


class ReasonNotAllowed(ValidationFailed):
    """Staff give one of the staff reasons; the order flow's reasons are the system's own."""

    code = "stock_reason_not_allowed"


class InvalidThreshold(ValidationFailed):
    """A low-stock threshold is a whole number from 0 to ``maximum``, or none."""

    code = "stock_threshold_invalid"


class NoteTooLong(ValidationFailed):
    """params: ``maximum``."""

    code = "stock_note_too_long"


class InvalidHolder(ValidationFailed):
    """A holder key is a non-empty text of at most ``maximum`` characters."""

    code = "stock_holder_invalid"


class NoLines(ValidationFailed):
    code = "stock_no_lines"


class DuplicateLine(ValidationFailed):
    """The same offer twice in one request (params: ``offer_id``)."""

    code = "stock_duplicate_line"


# -- stock -----------------------------------------------------------------------------------


class InsufficientStock(Conflict):
    """Not enough available (params: ``offer_id``, ``requested``, ``available``)."""

    code = "insufficient_stock"


class StockBelowCommitted(Conflict):
    """A count below what orders already hold (params: ``offer_id``, ``committed``)."""

    code = "stock_below_committed"


# -- reservations ----------------------------------------------------------------------------


class ReservationNotFound(NotFound):
    """The holder has no such reservation (params: ``holder``, maybe ``offer_id``)."""

    code = "reservation_not_found"


class ReservationExists(Conflict):
    """The holder already holds stock; release it before reserving again."""

    code = "reservation_exists"


class ReservationExpired(Conflict):
    """The reservation passed its deadline and can no longer be kept or allocated."""

    code = "reservation_expired"


class ReservationNotAllocated(Conflict):
    """Only allocated stock is taken at assembly: the shop accepts the order first."""

    code = "reservation_not_allocated"


class ReservationSettled(Conflict):
    """This line was already taken off with another quantity (params: ``taken``)."""

    code = "reservation_settled"
