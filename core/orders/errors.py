"""Errors of the orders module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed


class CartQuantityInvalid(ValidationFailed):
    """A quantity that is not a whole number of pieces or of the weight step (params: ``step``
    in pieces or grams, ``maximum``)."""

    code = "cart_quantity_invalid"


class OfferNotAvailable(Conflict):
    """The offer is hidden, its product archived, or it is gone."""

    code = "cart_offer_unavailable"


class NotEnoughInStock(Conflict):
    """More than the shop has (params: ``available``, in the offer's unit)."""

    code = "cart_not_enough_stock"


class CartFull(Conflict):
    """A cart holds at most ``maximum`` different offers."""

    code = "cart_full"


# -- checkout --------------------------------------------------------------------------------


class CheckoutInvalid(ValidationFailed):
    """A field of the checkout form is wrong (params: ``field``, maybe ``maximum``)."""

    code = "checkout_invalid"


class CartEmpty(Conflict):
    """Nothing to order: the cart in this shop is empty."""

    code = "checkout_cart_empty"


class CartNeedsAttention(Conflict):
    """Something in the cart changed (prices, stock, offers gone, the shop): the customer sees
    the cart again before ordering (params: ``offer_ids``, ``issues``)."""

    code = "checkout_cart_changed"


class BelowMinimumOrder(Conflict):
    """The goods cost less than the shop's minimum (params: ``minimum``, ``subtotal``, as
    formatted amounts)."""

    code = "checkout_below_minimum"


class AddressNotDeliverable(Conflict):
    """The address is outside the shop's delivery zone."""

    code = "checkout_out_of_zone"


class AddressWithoutPoint(ValidationFailed):
    """The address has no point on the map, so neither the zone nor the way can be told."""

    code = "checkout_address_without_point"


class ShopNotAccepting(Conflict):
    """The shop takes no orders right now (paused, or closed: ``opens_at`` when known)."""

    code = "checkout_shop_not_accepting"


class SlotUnavailable(Conflict):
    """The delivery slot is not one the shop offers now."""

    code = "checkout_slot_unavailable"


# -- orders ----------------------------------------------------------------------------------


class OrderNotFound(NotFound):
    code = "order_not_found"


class OrderStateChanged(Conflict):
    """The order is no longer where the action applies; someone else moved it first (params:
    ``status``, the order's status now)."""

    code = "order_state_changed"


class TransitionNotAllowed(Conflict):
    """The actor may not do this to the order in its current status, e.g. a customer canceling
    once assembly began (params: ``status``, ``target``)."""

    code = "order_transition_not_allowed"


class ReasonRequired(ValidationFailed):
    """Shops and support say why they cancel an order."""

    code = "order_reason_required"


class NoteTooLong(ValidationFailed):
    """params: ``maximum``."""

    code = "order_note_too_long"


# -- assembly --------------------------------------------------------------------------------


class LineNotFound(NotFound):
    code = "order_line_not_found"


class LineStateChanged(Conflict):
    """The line is no longer where the action applies (params: ``status``)."""

    code = "order_line_state_changed"


class ActualQuantityInvalid(ValidationFailed):
    """An actual quantity is a whole number of pieces or grams, from 1 to ``maximum``."""

    code = "order_actual_quantity_invalid"


class SubstituteInvalid(ValidationFailed):
    """A substitute is another offer of the same shop, in a quantity on its step."""

    code = "order_substitute_invalid"


class SubstituteAnswerTooLate(Conflict):
    """The time to answer a proposed substitute is over; the line's preference decides."""

    code = "order_substitute_too_late"


class ProposalPending(Conflict):
    """The customer has not answered a proposed substitute yet (params: ``line_id``)."""

    code = "order_proposal_pending"
