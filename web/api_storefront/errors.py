"""Errors of the storefront endpoints; each code is also the locale key ``error-<code>``
(locales/*/storefront_web.ftl)."""

from __future__ import annotations

from core.shared.errors import Conflict


class DeliveryAddressNeeded(Conflict):
    """No point was given and the person has no saved address: they add one in the bot."""

    code = "storefront_address_needed"


class AddressNotPlaced(Conflict):
    """The address is text only, so no shop can tell whether it delivers there."""

    code = "storefront_address_not_placed"
