"""Seller order pages: /app/seller/orders (the board: new, assembling and ready orders of a shop,
refreshed every few seconds while the page is shown) and /app/seller/order (one order: accept or
reject it, assemble it line by line with weighed grams and counted pieces, missing lines and
substitutes, then ready). The board names its shop with ``?shop=<id>`` (without it the script
asks which shop; ``&order=<id>`` highlights that order), the order page with ``?id=<order id>``.
Everything comes from web.api_orders, and substitutes from the catalog API's offers."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page

routes = web.RouteTableDef()

BOARD_PAGE = f"{PAGES_PREFIX}/seller/orders"
ORDER_PAGE = f"{PAGES_PREFIX}/seller/order"
POLL_SECONDS = 10
# The business pages' helpers, then the catalog's (shop chooser, quantities), then our own.
_SHARED = (
    "pages/seller_forms.js",
    "pages/seller_catalog_shared.js",
    "pages/seller_orders_shared.js",
)


@routes.get(BOARD_PAGE)
async def orders_page(request: web.Request) -> web.Response:
    """The shop's order board."""
    return render_page(
        request,
        "seller_orders.html",
        title_key="page-orders-title",
        scripts=(*_SHARED, "pages/seller_orders.js"),
        poll_seconds=POLL_SECONDS,
    )


@routes.get(ORDER_PAGE)
async def order_page(request: web.Request) -> web.Response:
    """One order: taking it, assembling it, handing it to a courier."""
    return render_page(
        request,
        "seller_orders_order.html",
        title_key="page-order-title",
        scripts=(*_SHARED, "pages/seller_orders_order.js"),
    )
