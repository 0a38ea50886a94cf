"""The admins' part of the JSON API: broadcasts.

Endpoints (under /api/v1, for a signed-in admin; core.auth.policy decides):

- ``POST /admin/broadcasts``: a message to all customers, a shop's customers or a list of ids;
- ``GET /admin/broadcasts``, ``GET /admin/broadcasts/{id}``: their progress;
- ``POST /admin/broadcasts/{id}/cancel``: stop one (what has not gone out never will).
"""

from __future__ import annotations

from web.api_admin import broadcasts
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (*broadcasts.routes,)

__all__ = ["routes"]
