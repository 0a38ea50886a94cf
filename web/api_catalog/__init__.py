"""The catalog part of the JSON API: categories for everyone, and the seller's catalog.

Endpoints (under /api/v1, tag ``catalog``):

- ``GET /categories``: the tree, flat and depth first (public);
- ``GET /shops/{id}/offers``, ``GET /shops/{id}/platform-products``, ``POST /shops/{id}/offers``,
  ``POST /shops/{id}/products``, ``PUT /shops/{id}/products/{product_id}``: the shop's listing
  with stock, picking and offering products, the shop's own products;
- ``PATCH /offers/{id}``, ``PUT /offers/{id}/stock``, ``PUT /offers/{id}/low-threshold``,
  ``GET /offers/{id}/stock-history``: inline edits, counts and their history;
- ``GET /shops/{id}/price-list.csv``, ``POST /shops/{id}/price-list``: the price list as CSV.

Errors answer in the page's language (web.api_business.localized). Beyond the contract the
pages were built from, offers carry ``old_price_text`` and import changes ``per`` and
``old_price``.
"""

from __future__ import annotations

from web.api_catalog import categories, offers, price_list
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (*categories.routes, *offers.routes, *price_list.routes)

__all__ = ["routes"]
