"""Admin pages: /app/admin/applications, the review of seller applications."""

from __future__ import annotations

from aiohttp import web

from web.pages.render import PAGES_PREFIX, render_page
from web.pages.seller import business_labels

routes = web.RouteTableDef()


@routes.get(f"{PAGES_PREFIX}/admin/applications")
async def applications_page(request: web.Request) -> web.Response:
    """Pending applications with their details, to approve or reject with a reason."""
    return render_page(
        request, "admin_applications.html", title_key="page-review-title",
        scripts=("pages/seller_forms.js", "pages/admin_applications.js"),
        labels=business_labels(request),
    )
