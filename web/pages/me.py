"""/app/me: who I am (name, roles, shops) and the language I am spoken to in."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page

routes = web.RouteTableDef()


@routes.get(f"{PAGES_PREFIX}/me")
async def me_page(request: web.Request) -> web.Response:
    """The profile page; its script fills it from GET /api/v1/me."""
    return render_page(request, "me.html", title_key="page-me-title", scripts=("pages/me.js",))
