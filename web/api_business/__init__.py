"""The business part of the JSON API: seller applications and their review, running a shop.

Endpoints (under /api/v1, all for a signed-in person; core.auth.policy decides who may):

- ``POST /applications``, ``GET /me/applications``: apply to sell, follow one's applications;
- ``GET /applications``, ``GET /applications/{id}``, ``POST /applications/{id}/approve|reject``:
  the admins' review;
- ``GET /me/shops``, ``POST /shops/{id}/pause|resume``, ``PUT /shops/{id}/profile``: the shops a
  person works in.

Staff and invitations are web.access's. Errors answer in the page's language and name the wrong
fields (web.api_business.localized); forms arrive as typed and are read in
web.api_business.forms.
"""

from __future__ import annotations

from web.api_business import applications, shops
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (*applications.routes, *shops.routes)

__all__ = ["routes"]
