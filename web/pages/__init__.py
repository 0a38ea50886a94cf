"""Mini App pages: server-rendered HTML shells under /app/..., filled by small scripts from the API.

How a page is made (seller, admin and storefront pages follow this):

1. A template in web/templates extending ``base.html``: put the markup in ``{% block content %}``.
   Texts come from the locale files through ``t("key", name=value)`` (jinja2 escapes them);
   ``languages`` lists the codes, ``lang`` is the page's own.
2. A script in web/static/pages/<name>.js using the shared helper ``window.FG`` (web/static/
   fruktgo.js): ``FG.start(fn)`` runs once Telegram's script is ready; ``FG.api(path, {method,
   body})`` calls /api/v1 with ``Authorization: tma <initData>`` and rejects with an
   ``FG.ApiError`` (code, message, status); ``FG.showError(err)`` shows its localized message
   (``error-<code>``, else the API's); ``FG.mainButton(text, onClick)`` and
   ``FG.backButton(onClick)`` wire Telegram's buttons; ``FG.t(key)`` reads the ``role-*``,
   ``page-*``, ``language-name-*`` and ``error-*`` texts; ``FG.useLanguage(code)`` reloads the
   page in the person's language.
3. A handler in a module here, on a ``web.RouteTableDef`` with paths under ``PAGES_PREFIX``::

       routes = web.RouteTableDef()

       @routes.get(f"{PAGES_PREFIX}/seller/orders")
       async def orders_page(request: web.Request) -> web.Response:
           return render_page(request, "seller_orders.html", title_key="page-orders-title",
                              scripts=("pages/seller_orders.js",))

   and one line in ``setup_pages`` below adding its routes.

Pages are public: they carry no personal data, so they need no sign-in. Everything personal comes
from API endpoints whose security and policy checks apply (web.auth, core.auth.policy). The URL
of telegram-web-app.js is the FRUKTGO_TELEGRAM_WEB_APP_JS setting (the sandbox serves a stand-in).
Theme colours arrive as Telegram's CSS variables (``--tg-theme-bg-color`` and friends), which
fruktgo.css uses with fallbacks so a page also reads well in a plain browser.
"""

from __future__ import annotations

from functools import cache

from aiohttp import web

from core.shared.i18n import Translator
from web.keys import SETTINGS_KEY
from web.pages import admin, admin_broadcasts, me, seller, seller_catalog, seller_orders, storefront
from web.pages.render import PAGES_KEY, STATIC_DIR, STATIC_PREFIX, STATIC_ROUTE, Pages


@cache
def _shared_translator() -> Translator:
    # The message files do not change while the process runs; apps built in one process (tests
    # build many) share one reading of them.
    return Translator()


def setup_pages(app: web.Application, *, translator: Translator | None = None) -> Pages:
    """Serve web/static and every page under /app on ``app``."""
    pages = Pages(translator or _shared_translator(), app[SETTINGS_KEY])
    app[PAGES_KEY] = pages
    app.router.add_static(STATIC_PREFIX, STATIC_DIR, name=STATIC_ROUTE, append_version=True)
    app.router.add_routes(me.routes)
    app.router.add_routes(seller.routes)
    app.router.add_routes(seller_catalog.routes)
    app.router.add_routes(seller_orders.routes)
    app.router.add_routes(storefront.routes)
    app.router.add_routes(admin.routes)
    app.router.add_routes(admin_broadcasts.routes)
    return pages
