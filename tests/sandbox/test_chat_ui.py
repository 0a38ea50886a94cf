"""The emulator's chat UI in headless Chromium: a person talks to a real aiogram bot (polling the
emulator), shares a preset location, presses an inline button and opens a Mini App whose
initData must verify with aiogram's own checker."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    WebAppInfo,
)
from aiogram.utils.formatting import Bold, Text
from aiogram.utils.web_app import safe_parse_webapp_init_data
from aiohttp import web
from chromium_launch import CHROMIUM, CHROMIUM_ARGS
from playwright.async_api import Page, async_playwright, expect

from sandbox.telegram.server import EmulatorHandle, start_emulator

ARTIFACTS = Path(__file__).parent / "artifacts"
BOT = "echo_fruit_bot"

# A Mini App page as the product serves them: it loads the stand-in script from the emulator and
# reports what it got to the test's own server.
SHOP_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Test shop</title>
<script src="{emulator}/telegram-web-app.js"></script>
<style>
  body {{ font-family: sans-serif; margin: 0; padding: 16px;
         background: var(--tg-theme-bg-color); color: var(--tg-theme-text-color); }}
  .card {{ padding: 14px; border-radius: 12px; background: var(--tg-theme-secondary-bg-color); }}
  .hint {{ color: var(--tg-theme-hint-color); }}
</style></head>
<body>
  <h2>Green apples</h2>
  <div class="card"><div id="who"></div><div class="hint">1.5 kg &middot; 240 RUB</div></div>
  <script>
    const tg = window.Telegram.WebApp;
    const report = (body) => fetch('/report', {{
      method: 'POST', headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify(body),
    }});
    tg.ready();
    const user = tg.initDataUnsafe.user || {{}};
    document.getElementById('who').textContent = 'Hello, ' + user.first_name;
    report({{
      kind: 'launch', init_data: tg.initData, color_scheme: tg.colorScheme,
      bg_color: tg.themeParams.bg_color,
      css_bg: getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color'),
    }});
    tg.MainButton.setText('Checkout').show();
    tg.MainButton.onClick(() => report({{kind: 'main_button'}}));
    tg.BackButton.show();
    tg.BackButton.onClick(() => report({{kind: 'back_button'}}));
    tg.onEvent('themeChanged', () => report({{kind: 'theme', color_scheme: tg.colorScheme}}));
  </script>
</body></html>
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Shop:
    """The test's Mini App: its address and what its page reported."""

    url: str
    reports: asyncio.Queue[dict[str, Any]]

    async def reported(self, kind: str, **expected: Any) -> dict[str, Any]:
        """The page's next report of this kind and content (themeChanged also fires at start)."""

        async def matching() -> dict[str, Any]:
            while True:
                report = await self.reports.get()
                if report["kind"] == kind and expected.items() <= report.items():
                    return report

        return await asyncio.wait_for(matching(), timeout=10)


def _echo_router(shop_url: str) -> Router:
    router = Router()

    def keyboard(*, with_press: bool) -> InlineKeyboardMarkup:
        shop = [InlineKeyboardButton(text="Open shop", web_app=WebAppInfo(url=shop_url))]
        press = [InlineKeyboardButton(text="Press me", callback_data="press")]
        return InlineKeyboardMarkup(inline_keyboard=[press, shop] if with_press else [shop])

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        where = [KeyboardButton(text="Send location", request_location=True)]
        markup = ReplyKeyboardMarkup(keyboard=[where], resize_keyboard=True, one_time_keyboard=True)
        await message.answer("Where should we deliver?", reply_markup=markup)

    @router.message(F.location)
    async def located(message: Message) -> None:
        assert message.location is not None
        point = f"{message.location.latitude:.4f}, {message.location.longitude:.4f}"
        await message.answer(f"Delivering to {point}", reply_markup=ReplyKeyboardRemove())

    @router.message(F.text)
    async def echo(message: Message) -> None:
        content = Text(Bold("Echo:"), " ", message.text or "")
        await message.answer(**content.as_kwargs(), reply_markup=keyboard(with_press=True))

    @router.callback_query(F.data == "press")
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("Pressed!")
        assert isinstance(query.message, Message)
        said = (query.message.text or "").removeprefix("Echo: ")
        await query.message.edit_text(f"Pressed: {said}", reply_markup=keyboard(with_press=False))

    return router


@pytest.fixture
async def ui_emulator() -> AsyncIterator[EmulatorHandle]:
    handle = await start_emulator("127.0.0.1", _free_port(), limits=False)
    yield handle
    await handle.close()


@pytest.fixture
async def shop(ui_emulator: EmulatorHandle) -> AsyncIterator[Shop]:
    reports: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def page(request: web.Request) -> web.Response:
        html = SHOP_PAGE.format(emulator=ui_emulator.url)
        return web.Response(text=html, content_type="text/html")

    async def report(request: web.Request) -> web.Response:
        await reports.put(await request.json())
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/shop", page)
    app.router.add_post("/report", report)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield Shop(f"http://127.0.0.1:{port}/shop", reports)
    await runner.cleanup()


@pytest.fixture
async def bot_token(ui_emulator: EmulatorHandle, shop: Shop) -> AsyncIterator[str]:
    """A real aiogram echo bot polling the emulator; yields its token."""
    token = ui_emulator.register_bot(BOT)
    dispatcher = Dispatcher()
    dispatcher.include_router(_echo_router(shop.url))
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(ui_emulator.url)))
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    yield token
    if not polling.done():
        await dispatcher.stop_polling()
    await polling


@pytest.fixture
async def anna(ui_emulator: EmulatorHandle) -> int:
    async with (
        aiohttp.ClientSession(ui_emulator.url) as http,
        http.post("/sim/users", json={"first_name": "Anna", "language_code": "en"}) as response,
    ):
        assert response.status == 200, await response.text()
        return int((await response.json())["user_id"])


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 1360, "height": 820})
        page.set_default_timeout(10_000)
        yield page
        await browser.close()


def _row(page: Page, side: str, text: str) -> Any:
    return page.locator(f".row.{side}", has_text=text)


async def test_person_chats_with_a_bot_and_opens_its_mini_app(
    ui_emulator: EmulatorHandle, shop: Shop, bot_token: str, anna: int, page: Page
) -> None:
    await page.goto(f"{ui_emulator.url}/")
    await page.select_option("#person-select", str(anna))
    await page.click(f'.chat-item[data-bot="{BOT}"]')

    # A new chat offers START; the bot answers with a reply keyboard whose location button
    # offers the preset demo addresses.
    await page.click("#start-btn")
    await expect(_row(page, "in", "Where should we deliver?")).to_be_visible()
    await page.locator("#reply-keyboard").get_by_role("button", name="Send location").click()
    await page.locator("#location-dialog").get_by_role("button", name="Arbat").click()
    await expect(page.locator(".row.out .location")).to_contain_text("Arbat")
    await expect(_row(page, "in", "Delivering to 55.7503, 37.5936")).to_be_visible()
    await expect(page.locator("#reply-keyboard")).to_be_hidden()

    # Enter sends; the reply's entities are rendered.
    await page.fill("#input", "Two kilos of green apples")
    await page.press("#input", "Enter")
    await expect(_row(page, "out", "Two kilos of green apples")).to_be_visible()
    reply = _row(page, "in", "Echo: Two kilos of green apples")
    await expect(reply.locator(".text strong")).to_have_text("Echo:")
    await expect(page.locator("#input")).to_have_value("")

    # The callback answer shows as a toast; the bot's edit replaces the message in place.
    reply_id = await reply.get_attribute("data-id")
    rows = await page.locator(".row").count()
    await reply.get_by_role("button", name="Press me").click()
    await expect(page.locator(".toast", has_text="Pressed!")).to_be_visible()
    edited = page.locator(f'.row[data-id="{reply_id}"]')
    await expect(edited).to_contain_text("Pressed: Two kilos of green apples")
    await expect(edited.locator(".edited")).to_be_visible()
    await expect(edited.get_by_role("button", name="Press me")).to_have_count(0)
    assert await page.locator(".row").count() == rows

    # The Mini App gets initData signed with the bot's token, in the URL fragment.
    await edited.get_by_role("button", name="Open shop").click()
    launch = await shop.reported("launch")
    init = safe_parse_webapp_init_data(bot_token, launch["init_data"])
    assert init.user is not None
    assert init.user.id == anna
    assert (launch["color_scheme"], launch["bg_color"]) == ("light", "#ffffff")
    assert launch["css_bg"].strip() == "#ffffff"
    await expect(page.frame_locator("#miniapp iframe").locator("#who")).to_have_text("Hello, Anna")

    # MainButton and BackButton are drawn by the panel; pressing them reaches the page.
    main_button = page.locator("#miniapp .main-button")
    await expect(main_button).to_have_text("Checkout")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.mouse.move(0, 0)
    await page.screenshot(path=str(ARTIFACTS / "chat_ui.png"))
    await main_button.click()
    await shop.reported("main_button")
    await page.click("#miniapp .miniapp-back")
    await shop.reported("back_button")

    await page.click("#theme-toggle")
    await shop.reported("theme", color_scheme="dark")


async def test_a_new_person_is_created_from_the_ui(ui_emulator: EmulatorHandle, page: Page) -> None:
    await page.goto(f"{ui_emulator.url}/")
    await page.click("#person-new")
    form = page.locator("#person-form")
    await form.locator("input[name=first_name]").fill("Boris")
    await form.locator("input[name=username]").fill("boris_demo")
    await form.get_by_role("button", name="Create").click()
    await expect(page.locator("#person-select option:checked")).to_contain_text(
        "Boris (@boris_demo)"
    )

    async with (
        aiohttp.ClientSession(ui_emulator.url) as http,
        http.get("/sim/users") as response,
    ):
        people = await response.json()
    assert [(p["first_name"], p["username"]) for p in people] == [("Boris", "boris_demo")]


async def test_ui_assets_are_served(ui_emulator: EmulatorHandle) -> None:
    """The page, the demo addresses and the telegram-web-app.js stand-in at both its paths."""
    async with aiohttp.ClientSession(ui_emulator.url) as http:
        async with http.get("/") as response:
            assert response.status == 200
            assert 'id="messages"' in await response.text()
        async with http.get("/ui/presets.json") as response:
            addresses = (await response.json())["addresses"]
            assert {a["key"] for a in addresses} >= {"tverskaya", "arbat"}
        for path in ("/telegram-web-app.js", "/js/telegram-web-app.js"):
            async with http.get(path) as response:
                assert response.status == 200
                assert response.content_type == "application/javascript"
                assert "window.Telegram.WebApp = WebApp" in await response.text()
