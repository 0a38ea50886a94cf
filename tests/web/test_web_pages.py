"""Mini App pages: the server-rendered shell of /app/me (language, Telegram's script, theme-aware
styles, autoescaping) and the page itself in headless Chromium with the sandbox's stand-in for
telegram-web-app.js, signed in by initData it finds in the launch URL."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import FOREIGN_TOKEN, init_data, make_app, new_telegram_id
from playwright.async_api import Browser, Page, expect
from redis.asyncio import Redis

from core.auth.api import get_user, remember_user, set_language
from core.auth.schemas import TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.i18n import Translator
from core.shared.uow import Database
from web.pages.render import Pages

TELEGRAM_JS = "https://telegram.org/js/telegram-web-app.js"


@pytest.fixture
async def pages(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


def _config(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="fg-config">(.*?)</script>', html,
                      re.DOTALL)
    assert found is not None
    config: dict[str, object] = json.loads(found.group(1))
    return config


async def test_the_me_page_is_a_public_shell_loading_telegrams_script(
    pages: TestClient, translator: Translator
) -> None:
    response = await pages.get("/app/me")
    html = await response.text()

    assert response.status == 200
    assert response.content_type == "text/html"
    assert f'<script src="{TELEGRAM_JS}"></script>' in html
    assert html.index(TELEGRAM_JS) < html.index("fruktgo.js")
    assert '<html lang="ru">' in html
    assert f"<title>{translator.get('ru', 'page-me-title')}</title>" in html
    assert response.headers["Content-Language"] == "ru"
    config = _config(html)
    assert config["lang"] == "ru"
    assert config["apiBase"] == "/api/v1"
    messages = config["messages"]
    assert isinstance(messages, dict)
    assert messages["error-init_data_expired"] == translator.get("ru", "error-init_data_expired")
    assert messages["role-picker"] == "сборщик"


@pytest.mark.parametrize(("query", "headers", "lang"), [
    ("?lang=en", {}, "en"),
    ("", {"Accept-Language": "en-GB,en;q=0.9"}, "en"),
    ("", {"Accept-Language": "de-DE, ru;q=0.5"}, "ru"),
    ("?lang=xx", {"Accept-Language": "en"}, "en"),
    ("?lang=ru", {"Accept-Language": "en"}, "ru"),
])
async def test_the_page_language(
    pages: TestClient, translator: Translator, query: str, headers: dict[str, str], lang: str
) -> None:
    html = await (await pages.get("/app/me" + query, headers=headers)).text()
    assert f'<html lang="{lang}">' in html
    assert translator.get(lang, "page-me-title") in html
    assert translator.get(lang, "page-me-language") in html


async def test_static_files_are_served_versioned(pages: TestClient) -> None:
    html = await (await pages.get("/app/me")).text()
    for name in ("fruktgo.js", "fruktgo.css", "pages/me.js"):
        found = re.search(rf'"(/static/{re.escape(name)}\?v=[^"]+)"', html)
        assert found is not None, name
        response = await pages.get(found.group(1).replace("&amp;", "&"))
        assert response.status == 200, name
    css = await (await pages.get("/static/fruktgo.css")).text()
    assert "var(--tg-theme-bg-color" in css
    assert "var(--tg-theme-button-color" in css


async def test_the_script_url_is_a_setting(
    settings: Settings, db: Database, redis: Redis
) -> None:
    app = make_app(settings, db, redis, telegram_web_app_js="http://127.0.0.1:9/js/twa.js")
    async with TestClient(TestServer(app)) as client:
        html = await (await client.get("/app/me")).text()
    assert '<script src="http://127.0.0.1:9/js/twa.js"></script>' in html
    assert TELEGRAM_JS not in html


def test_templates_are_autoescaped(tmp_path: Path, settings: Settings,
                                   translator: Translator) -> None:
    (tmp_path / "probe.html").write_text("<p>{{ value }}</p><i>{{ t('role-admin') }}</i>")
    rendered = Pages(translator, settings, tmp_path).render(
        "probe.html", lang="en", static={}, value="<script>alert(1)</script>")
    assert rendered == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><i>admin</i>"


@pytest.fixture(scope="session")
def translator() -> Translator:
    return Translator()


# -- in a browser ----------------------------------------------------------------------------


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="ru-RU")
    page = await context.new_page()
    yield page
    await context.close()


def _launch(server: TestServer, path: str, data: str) -> str:
    fragment = urlencode({"tgWebAppData": data, "tgWebAppVersion": "7.10",
                          "tgWebAppPlatform": "weba",
                          "tgWebAppThemeParams": json.dumps({"bg_color": "#212121",
                                                             "text_color": "#ffffff"})})
    return f"{server.make_url(path)}#{fragment}"


async def test_me_in_a_browser_shows_the_person_and_switches_language(
    served: TestServer, page: Page, db: Database, clock: FrozenClock
) -> None:
    person = new_telegram_id()  # first seen here: signing in records them
    data = init_data(person, clock.now(), first_name="Анна", username="anna")

    await page.goto(_launch(served, "/app/me", data))

    await expect(page.locator("#me-name")).to_have_text("Анна")
    await expect(page.locator("#me-username")).to_have_text("@anna")
    await expect(page.locator("#me-roles li")).to_have_text(["покупатель"])
    await expect(page.locator("html")).to_have_attribute("lang", "ru")
    background = await page.evaluate(
        "getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(33, 33, 33)"  # the Telegram theme's bg_color

    await page.locator("#me-language button[data-lang=en]").click()

    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("#me-language-saved")).to_be_visible()
    await expect(page.locator("#me-roles li")).to_have_text(["customer"])
    await expect(page.locator("#me-language button[data-lang=en]")).to_have_attribute(
        "aria-pressed", "true")
    stored = await get_user(db, person)
    assert stored is not None
    assert stored.language == "en"


async def test_a_page_opened_in_another_language_follows_the_persons_choice(
    served: TestServer, page: Page, db: Database, clock: FrozenClock
) -> None:
    person = new_telegram_id()
    await remember_user(db, TelegramProfile(person, "Ann"))
    await set_language(db, person, "en")

    await page.goto(_launch(served, "/app/me?lang=ru", init_data(person, clock.now())))

    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("#me-name")).to_have_text("Ann")  # as stored, not as initData says


async def test_forged_initdata_shows_a_clear_message(
    served: TestServer, page: Page, clock: FrozenClock, translator: Translator
) -> None:
    data = init_data(new_telegram_id(), clock.now(), token=FOREIGN_TOKEN)

    await page.goto(_launch(served, "/app/me", data))

    error = page.locator("#fg-error")
    await expect(error).to_be_visible()
    await expect(error).to_have_attribute("data-code", "init_data_bad_signature")
    await expect(page.locator("#fg-error-text")).to_have_text(
        translator.get("ru", "error-init_data_bad_signature"))
    await expect(page.locator("#me-profile")).to_be_hidden()


async def test_outside_telegram_the_page_says_where_to_open_it(
    served: TestServer, page: Page, translator: Translator
) -> None:
    await page.goto(str(served.make_url("/app/me")))
    await expect(page.locator("#fg-error-text")).to_have_text(
        translator.get("ru", "page-outside-telegram"))
