"""/app/shop: the customer's storefront. The shops delivering to my address (chips when there
are several), category chips and search, a photo grid with steppers, and my cart in that shop
in a sheet opened from the cart bar or Telegram's main button; checkout and my orders
(storefront_checkout.js; ``?view=orders``, ``?order=<id>``). Everything comes from the
storefront API (web.api_storefront) and GET /categories; ``?address_id=`` or ``?lat=&lon=``
choose the delivery point (else my default address), ``?shop_id=`` the shop."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page

routes = web.RouteTableDef()


@routes.get(f"{PAGES_PREFIX}/shop")
async def storefront_page(request: web.Request) -> web.Response:
    """The storefront; its script fills it from the API."""
    # Checkout first: storefront.js makes its controller as it starts.
    return render_page(
        request,
        "storefront.html",
        title_key="page-store-title",
        scripts=("pages/storefront_checkout.js", "pages/storefront.js"),
    )
