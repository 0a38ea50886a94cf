"""The customer's storefront and carts over the JSON API (the storefront Mini App's data).

Endpoints (under /api/v1, all for a signed-in person, acting for themselves):

- ``GET /storefront/shops``, ``/storefront/offers``, ``/storefront/search``,
  ``/storefront/products/{id}``: what a customer can buy at a delivery point
  (web.api_storefront.point: ``?lat=&lon=``, ``?address_id=`` or the default address);
- ``GET /me/carts``, ``GET|DELETE /me/carts/{shop_id}``, ``PUT /me/carts/{shop_id}/lines/
  {offer_id}``, ``POST .../lines/{offer_id}/step``, ``POST /me/carts/{shop_id}/accept-changes``:
  my cart per shop (core.orders);
- ``GET /me/checkout/{shop_id}``, ``POST /me/orders``: what checkout offers and placing the
  order, idempotently (web.api_storefront.checkout);
- ``GET /me/orders``, ``GET /me/orders/{id}``, ``POST /me/orders/{id}/cancel``, ``POST
  /me/orders/{id}/reorder``: my orders (web.api_storefront.orders).

Errors answer with the message in the person's language (web.api_storefront.localized).
"""

from __future__ import annotations

from web.api_storefront import carts, checkout, listing, orders
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (
    *listing.routes,
    *carts.routes,
    *checkout.routes,
    *orders.routes,
)

__all__ = ["routes"]
