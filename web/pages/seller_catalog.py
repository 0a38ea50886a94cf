"""Seller catalog pages: /app/seller/catalog (the shop's offers: search, filters, prices and
stock edited in place), .../product (a new or an existing product and its offer, with photos),
.../import (the price list as CSV: export, a dry run, then applying) and .../stock (an offer's
stock history). Each names its shop with ``?shop=<id>``; without it the script asks which shop.
Everything comes from the catalog API (web.api_catalog) and POST /media for photos."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page

routes = web.RouteTableDef()

CATALOG_PAGE = f"{PAGES_PREFIX}/seller/catalog"
# The helpers every catalog page shares come first, after the business pages' ones.
_SHARED = ("pages/seller_forms.js", "pages/seller_catalog_shared.js")


@routes.get(CATALOG_PAGE)
async def catalog_page(request: web.Request) -> web.Response:
    """The shop's offers with search, filters and inline price and stock edits."""
    return render_page(
        request,
        "seller_catalog.html",
        title_key="page-catalog-title",
        scripts=(*_SHARED, "pages/seller_catalog.js"),
    )


@routes.get(f"{CATALOG_PAGE}/product")
async def product_page(request: web.Request) -> web.Response:
    """Add a product (a platform one or the shop's own) or edit one and its offer."""
    return render_page(
        request,
        "seller_catalog_product.html",
        title_key="page-catalog-product-title",
        scripts=(*_SHARED, "pages/seller_catalog_product.js"),
    )


@routes.get(f"{CATALOG_PAGE}/import")
async def import_page(request: web.Request) -> web.Response:
    """Export the price list, check an edited one, then apply it."""
    return render_page(
        request,
        "seller_catalog_import.html",
        title_key="page-catalog-import-title",
        scripts=(*_SHARED, "pages/seller_catalog_import.js"),
    )


@routes.get(f"{CATALOG_PAGE}/stock")
async def stock_page(request: web.Request) -> web.Response:
    """An offer's stock changes, newest first."""
    return render_page(
        request,
        "seller_catalog_stock.html",
        title_key="page-catalog-stock-title",
        scripts=(*_SHARED, "pages/seller_catalog_stock.js"),
    )
