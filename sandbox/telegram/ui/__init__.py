"""The emulator's chat UI: a Telegram-like web client at ``/`` that acts as the people through the
/sim API, and a telegram-web-app.js stand-in for Mini App pages opened from it.

Static files only (no build step, no CDN); the browser does the rest."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from sandbox.telegram.ui.presets import DEMO_ADDRESSES

STATIC_DIR = Path(__file__).parent / "static"
WEB_APP_JS_PATHS = ("/telegram-web-app.js", "/js/telegram-web-app.js")
"""Where Mini App pages load the stand-in; the second mirrors telegram.org's own path, so a page
only swaps the origin."""

_NO_CACHE = {"Cache-Control": "no-cache"}


async def _index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html", headers=_NO_CACHE)


async def _web_app_js(request: web.Request) -> web.FileResponse:
    # Mini App pages live on another origin (the product's web server).
    headers = {**_NO_CACHE, "Access-Control-Allow-Origin": "*"}
    response = web.FileResponse(STATIC_DIR / "telegram-web-app.js", headers=headers)
    response.content_type = "application/javascript"
    return response


async def _presets(request: web.Request) -> web.Response:
    return web.json_response({"addresses": [a.as_json() for a in DEMO_ADDRESSES]})


def setup_ui(app: web.Application) -> None:
    """Mount the chat UI routes on the emulator app."""
    app.router.add_get("/", _index)
    app.router.add_get("/ui/presets.json", _presets)
    for path in WEB_APP_JS_PATHS:
        app.router.add_get(path, _web_app_js)
    app.router.add_static("/ui/static", STATIC_DIR)
