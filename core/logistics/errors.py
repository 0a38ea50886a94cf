"""Errors of the logistics module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed


class DeliveryNotFound(NotFound):
    code = "delivery_not_found"


class OfferNotFound(NotFound):
    code = "delivery_offer_not_found"


class OfferExpired(Conflict):
    """The offer's time ran out before it was accepted; it went to another courier."""

    code = "delivery_offer_expired"


class OfferClosed(Conflict):
    """The offer was answered already, or withdrawn (params: ``status``)."""

    code = "delivery_offer_closed"


class DeliveryStateChanged(Conflict):
    """The delivery is no longer where the action applies (params: ``status``)."""

    code = "delivery_state_changed"


class CourierUnavailable(Conflict):
    """The courier is not on shift, on a break, or carries as much as they can."""

    code = "delivery_courier_unavailable"


class HandoverCodeWrong(ValidationFailed):
    """The code does not match the customer's (params: ``attempts_left``)."""

    code = "delivery_handover_code_wrong"


class HandoverBlocked(Conflict):
    """Too many wrong codes: support must help before the order can be handed over."""

    code = "delivery_handover_locked"


class WaitNotOver(Conflict):
    """The courier waits for the customer until ``until`` before bringing the order back."""

    code = "delivery_wait_not_over"
