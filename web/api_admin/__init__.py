"""The staff's part of the JSON API: broadcasts and what was sent to whom.

Endpoints (under /api/v1, for a signed-in admin or support agent; core.auth.policy decides):

- ``POST /admin/broadcasts``: a message to all customers, a shop's customers or a list of ids;
- ``GET /admin/broadcasts``, ``GET /admin/broadcasts/{id}``: their progress;
- ``POST /admin/broadcasts/{id}/cancel``: stop one (what has not gone out never will);
- ``GET /admin/people/{telegram_id}/notifications``: a person's notifications (sent, failed and
  why) and which bots cannot reach them, for support.
"""

from __future__ import annotations

from web.api_admin import broadcasts, notifications
from web.openapi import ApiRoute

routes: tuple[ApiRoute, ...] = (*broadcasts.routes, *notifications.routes)

__all__ = ["routes"]
