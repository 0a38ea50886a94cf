"""Server-side rendering of Mini App pages: jinja2 templates (autoescaped) in the page's language.

A page is a public HTML shell: it holds no personal data, only texts and the scripts that fetch
the data from the API with the Mini App's initData. The language comes from ``?lang=`` (the bots
add it to the links they send), else the browser's Accept-Language, else the default; the page's
script reloads it in the person's chosen language when the API says they chose another.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor

from core.shared.config import Settings
from core.shared.i18n import LANGUAGES, LOCALES_DIR, Translator, supported_language

WEB_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
STATIC_PREFIX = "/static"
STATIC_ROUTE = "static"
PAGES_PREFIX = "/app"
API_BASE = "/api/v1"

# Texts a page's script may show. Only messages without variables go to the browser: they are
# formatted here, once, and the script has no Fluent to fill in variables.
SCRIPT_MESSAGE_PREFIXES = ("error-", "role-", "page-", "language-name-")


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_VariableReference(self, node: ftl.VariableReference) -> None:  # noqa: N802
        self.found = True


@cache
def plain_message_keys(directory: Path = LOCALES_DIR) -> frozenset[str]:
    """Keys of the messages that use no variable in any language."""
    keys: set[str] = set()
    with_variables: set[str] = set()
    parser = FluentParser(with_spans=False)
    for path in sorted(directory.glob("*/*.ftl")):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ftl.Message):
                visitor = _Variables()
                visitor.visit(entry)
                (with_variables if visitor.found else keys).add(entry.id.name)
    return frozenset(keys - with_variables)


class Pages:
    """The templates, translations and settings pages are rendered with; one per app."""

    def __init__(self, translator: Translator, settings: Settings,
                 directory: Path = TEMPLATES_DIR) -> None:
        self.translator = translator
        self.settings = settings
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(directory),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        plain = plain_message_keys()
        self._script_messages = {
            lang: {key: translator.get(lang, key) for key in sorted(translator.keys(lang))
                   if key.startswith(SCRIPT_MESSAGE_PREFIXES) and key in plain}
            for lang in LANGUAGES
        }

    def render(self, template: str, *, lang: str, static: Mapping[str, str],
               **context: Any) -> str:
        """The HTML of ``template`` in ``lang``; ``static`` maps file names to their URLs."""

        def t(key: str, **args: object) -> str:
            return self.translator.get(lang, key, **args)

        def static_url(name: str) -> str:
            return static[name]

        script_config = {"lang": lang, "languages": list(LANGUAGES), "apiBase": API_BASE,
                         "messages": self._script_messages[lang]}
        return self.environment.get_template(template).render(
            lang=lang,
            languages=LANGUAGES,
            t=t,
            static=static_url,
            web_app_js=self.settings.telegram_web_app_js,
            script_config=script_config,
            **context,
        )


PAGES_KEY = web.AppKey("pages", Pages)


def page_language(request: web.Request, default: str) -> str:
    """``?lang=``, else the best of Accept-Language we speak, else ``default``."""
    chosen = supported_language(request.query.get("lang"))
    if chosen:
        return chosen
    for part in request.headers.get("Accept-Language", "").split(","):
        found = supported_language(part.split(";", 1)[0].strip())
        if found:
            return found
    return default


def static_url(request: web.Request, name: str) -> str:
    """The URL of a file under web/static, with a version so browsers refetch it on change."""
    resource = request.app.router[STATIC_ROUTE]
    return str(resource.url_for(filename=name))


def render_page(
    request: web.Request,
    template: str,
    *,
    title_key: str,
    scripts: tuple[str, ...] = (),
    **context: Any,
) -> web.Response:
    """Answer with ``template`` rendered for this request; ``scripts`` are page scripts in
    web/static, loaded after the shared helper."""
    pages = request.app[PAGES_KEY]
    lang = page_language(request, pages.settings.default_language)
    names = ("fruktgo.css", "fruktgo.js", *scripts)
    html = pages.render(
        template,
        lang=lang,
        static={name: static_url(request, name) for name in names},
        title=pages.translator.get(lang, title_key),
        page_scripts=scripts,
        **context,
    )
    return web.Response(
        text=html,
        content_type="text/html",
        headers={
            "Cache-Control": "no-cache",
            "Content-Language": lang,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )
