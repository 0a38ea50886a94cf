"""Admin page /app/admin/broadcasts: write a broadcast, watch its progress, cancel it."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page

routes = web.RouteTableDef()


@routes.get(f"{PAGES_PREFIX}/admin/broadcasts")
async def broadcasts_page(request: web.Request) -> web.Response:
    """The form for a new broadcast and the latest ones with progress bars."""
    return render_page(
        request,
        "admin_broadcasts.html",
        title_key="page-broadcasts-title",
        scripts=("pages/seller_forms.js", "pages/admin_broadcasts.js"),
    )
