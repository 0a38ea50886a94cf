"""GET /api/v1/meta: what this server is, open to anyone."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel

from web.keys import VERSION_KEY
from web.openapi import PUBLIC, ApiRoutes, model_response

routes = ApiRoutes()


class Meta(BaseModel):
    name: str
    version: str
    api: str


@routes.get("/meta", summary="Service name and version", response=Meta, security=PUBLIC,
            tags=("meta",))
async def get_meta(request: web.Request) -> web.Response:
    """Name, version and API generation of this server."""
    return model_response(Meta(name="FruktGo", version=request.app[VERSION_KEY], api="v1"))
