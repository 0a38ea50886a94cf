"""The seller's part of the orders API: the board and assembly (tag ``orders``).

Endpoints (under /api/v1): ``GET /shops/{shop_id}/orders`` (the board, ``?status=`` statuses
separated by commas), ``GET /orders/{id}`` (one order as the shop's staff see it), and the steps
``POST /orders/{id}/accept``, ``/reject``, ``/start-assembly``, ``/lines/{line_id}/actual``,
``/lines/{line_id}/missing``, ``/lines/{line_id}/substitute`` and ``/ready``; each step answers the
order as it stands, with the total recomputed from its lines. Substitutes are picked from the
catalog API's ``GET /shops/{shop_id}/offers``. The customer's own orders API is
web.api_storefront's. Errors answer in the page's language (web.api_business.localized).
"""

from __future__ import annotations

from web.api_orders import shop_orders
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (*shop_orders.routes,)

__all__ = ["routes"]
