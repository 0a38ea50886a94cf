"""What inventory needs to know about offers, read from core.storefront (never the reverse)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from core.shared.uow import Transaction
from core.storefront.api import get_offers
from core.storefront.errors import OfferNotFound


@dataclass(frozen=True, slots=True)
class OfferFacts:
    offer_id: uuid.UUID
    shop_id: uuid.UUID
    # The smallest orderable amount: 1 piece, or the step in grams of a weight good.
    step: int


async def facts(tx: Transaction, offer_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, OfferFacts]:
    """The facts of every offer in ``offer_ids``; ``OfferNotFound`` names the first unknown."""
    offers = await get_offers(tx.db, offer_ids)
    missing = sorted(set(offer_ids) - offers.keys())
    if missing:
        raise OfferNotFound(offer_id=missing[0])
    return {
        offer_id: OfferFacts(offer_id, offer.shop_id, offer.min_quantity)
        for offer_id, offer in offers.items()
    }
