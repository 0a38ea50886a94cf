"""Errors of the storefront module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed


class InvalidPrice(ValidationFailed):
    """A price that is not positive, not in roubles or above ``maximum``."""

    code = "invalid_price"


class OldPriceNotAbove(ValidationFailed):
    """The struck-through old price must be greater than the price."""

    code = "old_price_not_above"


class OfferNotFound(NotFound):
    code = "offer_not_found"


class OfferExists(Conflict):
    """The shop already offers this product; change that offer instead."""

    code = "offer_exists"


class ProductNotOfferable(Conflict):
    """The product is archived, or is another shop's own product."""

    code = "product_not_offerable"
