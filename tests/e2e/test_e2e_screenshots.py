"""The README walkthrough (docs/WALKTHROUGH.md), walked in headless Chromium over the sandbox
world with its demo data: Анна orders strawberries through the chat UI, Игорь accepts the order in
the seller bot and opens his Mini Apps, Марат gets the delivery offer in the courier bot. With
FRUKTGO_SCREENSHOTS=1 it saves the pictures the walkthrough shows to docs/screenshots/."""

from __future__ import annotations

import asyncio
import re
import socket
import sys
from collections.abc import AsyncIterator
from datetime import time
from pathlib import Path

import aiohttp
import pytest
from chromium_launch import CHROMIUM, CHROMIUM_ARGS
from playwright.async_api import Browser, async_playwright, expect
from sim_client import Sim
from walkthrough_helpers import (
    DESKTOP,
    TIMEZONE,
    WAIT_MS,
    ChatUI,
    phone_page,
    shoot,
    starts,
)

from core.auth.api import load_actor
from core.auth.policy import Actor
from core.business.api import my_shops, update_shop
from core.business.schemas import DayHours, ShopChanges, WeeklyHours
from core.geo.schemas import Point
from core.orders.api import (
    clear_cart,
    mark_ready,
    my_orders,
    record_actual,
    start_assembly,
)
from core.shared.config import Settings
from core.shared.uow import Database
from core.workforce.api import end_shift, set_active_deliveries
from fruktgo.app import run_app
from fruktgo.container import Container
from fruktgo.demo import DEMO_PEOPLE
from fruktgo.sandbox import SandboxWorld
from fruktgo.worker import run_worker

# The courier tests' clean-up of earlier tests' work (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))

from courier_delivery_world import forget_earlier_work  # noqa: E402

ANNA, IGOR, MARAT = (
    next(p.telegram_id for p in DEMO_PEOPLE if p.first_name == name)
    for name in ("Анна", "Игорь", "Марат")
)
CUSTOMER_BOT, SELLER_BOT, COURIER_BOT = "fruktgo_bot", "fruktgo_seller_bot", "fruktgo_courier_bot"
NBSP = "\u00a0"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _demo_as_seeded(db: Database) -> None:
    """Анна with an empty cart and Марат off shift with nothing in hand, as the demo seeds them,
    whatever an earlier run of this test left; every earlier test's deliveries and events gone."""
    [shop] = await my_shops(db, await load_actor(db, IGOR))
    await clear_cart(db, Actor(ANNA), ANNA, shop.id)
    # Deliveries are closed below behind logistics' back, so Марат's count of them is stale too.
    await set_active_deliveries(db, MARAT, 0)
    await end_shift(db, await load_actor(db, MARAT))
    await forget_earlier_work(db)  # after end_shift: its ShiftEnded is nobody's business now


@pytest.fixture
async def sandbox(world: SandboxWorld) -> AsyncIterator[tuple[Settings, Database]]:
    """What ``fruktgo sandbox`` runs (web + bots, worker) over the seeded world, with the web
    server on a port of its own at the address Mini App buttons point to."""
    port = _free_port()
    settings = world.settings.model_copy(
        update={"web_port": port, "public_url": f"http://127.0.0.1:{port}"}
    )
    container = Container.build(settings)
    await _demo_as_seeded(container.db)
    # The bots run on the real clock: the demo shop opens round the clock for the walk.
    igor = await load_actor(container.db, IGOR)
    [shop] = await my_shops(container.db, igor)
    always = WeeklyHours.every_day(DayHours(time(0), time(0)))
    await update_shop(container.db, igor, shop.id, ShopChanges(hours=always))
    stop = asyncio.Event()
    parts = [
        asyncio.create_task(run_app(settings, stop=stop)),
        asyncio.create_task(run_worker(settings, stop=stop)),
    ]
    yield settings, container.db
    stop.set()
    assert [await asyncio.wait_for(part, 20) for part in parts] == [0, 0]
    await _demo_as_seeded(container.db)  # Анна and Марат as seeded for whatever runs next
    await container.close()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


async def test_the_sandbox_journey_in_the_chat_ui_and_the_mini_apps(
    world: SandboxWorld, sandbox: tuple[Settings, Database], browser: Browser
) -> None:
    _, db = sandbox
    url = world.emulator.url
    page = await browser.new_page(viewport=DESKTOP, timezone_id=TIMEZONE)
    page.set_default_timeout(WAIT_MS)
    chat = ChatUI(page, url)
    async with aiohttp.ClientSession() as http:
        sim = Sim(http, url)
        await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do

        # Игорь and Марат have started their bots (a bot may write only to those who did).
        await chat.open(IGOR, SELLER_BOT)
        await chat.open(MARAT, COURIER_BOT)

        # Анна: /catalog → Berries → the strawberries' card → add 750 g.
        await chat.open(ANNA, CUSTOMER_BOT)
        await chat.send("/catalog")
        home = await chat.seen("Фруктовый двор на Арбате")
        demo_shop = home.get_by_role("button", name=starts("Фруктовый двор на Арбате"))
        if await demo_shop.count():  # other tests' shops deliver here too: a list comes first
            await demo_shop.first.click()
        await chat.press(home, starts("🍓 Ягоды"))
        await chat.press(home, starts("Клубника"))
        await expect(home).to_contain_text("Клубника")
        await chat.press(home, starts("➕ В корзину"))
        for grams in ("500 г", "750 г"):
            await chat.press(home, "➕")
            await expect(home.get_by_role("button", name=grams)).to_be_visible()
        await shoot(page, "01-customer-product-card")

        # /cart → checkout in one message, step by step → confirm.
        await chat.send("/cart")
        cart = await chat.seen(f"Клубника — 750 г × 990,00{NBSP}₽/кг")
        await chat.press(cart, "✅ Оформить заказ")
        for step in ("✅ ★ 🏠 Дом", "⚡ Как можно скорее", "💵 Наличными", "✅ 📞 Позвонить"):
            await chat.press(cart, starts(step))
        await chat.press(cart, starts("Без комментария"))
        await expect(cart).to_contain_text("Итого: ≈")
        await chat.show(cart)
        await shoot(page, "02-customer-checkout")
        earlier = await my_orders(db, Actor(ANNA), ANNA, limit=1)  # an earlier run's
        await chat.press(cart, starts("✅ Подтвердить"))
        await expect(cart).to_contain_text(re.compile(r"Заказ №\d+ оформлен"))
        [order] = await my_orders(db, Actor(ANNA), ANNA, limit=1)  # newest first
        assert order.id not in {o.id for o in earlier}
        await expect(cart).to_contain_text(f"Заказ №{order.number} оформлен")
        # The worker's live status message, edited in place at every step.
        status = page.locator(".row.in", has_text=f"Заказ №{order.number}")
        await expect(status).to_have_count(2, timeout=WAIT_MS)
        await shoot(page, "03-customer-order-status")

        # Игорь: the new-order alert in the seller bot → Accept.
        await chat.open(IGOR, SELLER_BOT)
        alert = await chat.seen(f"Новый заказ №{order.number}")
        await expect(alert).to_contain_text("Клубника — 750 г")
        await shoot(page, "04-seller-new-order")
        await chat.press(alert, "✅ Принять")
        await expect(alert).to_contain_text("Принял(а): Игорь", timeout=WAIT_MS)
        await expect(alert.get_by_role("button")).to_have_count(0)  # nothing left to press

        # /orders → the order board Mini App, in the chat UI's panel and at a phone's size.
        await chat.send("/orders")
        await chat.press(await chat.seen("Заказы магазина"), "Открыть заказы")
        board = await phone_page(browser, await chat.mini_app_url("/app/seller/orders"))
        # At a phone's size the board shows one column at a time: accepted orders are assembled.
        await board.get_by_role("tab", name=starts("Сборка")).click()
        await expect(board.locator(f'a.ord-card[data-order="{order.id}"]')).to_be_visible()
        await shoot(page, "05-seller-orders-panel")
        await shoot(board, "06-seller-order-board")
        await board.close()

        # /products → the seller catalog Mini App.
        await chat.send("/products")
        await chat.press(await chat.seen("Товары магазина"), "🍎 Товары и цены")
        catalog = await phone_page(browser, await chat.mini_app_url("/app/seller/catalog"))
        await expect(catalog.locator("li.cat-item", has_text="Клубника")).to_be_visible()
        await shoot(catalog, "07-seller-catalog")
        await catalog.close()

        # Анна's menu button opens the storefront Mini App: the photo grid.
        await chat.open(ANNA, CUSTOMER_BOT)
        await page.click("#menu-btn")
        storefront = await phone_page(browser, await chat.mini_app_url("/app/shop"))
        await expect(storefront.locator(".sf-tile", has_text="Яблоки Гала").first).to_be_visible()
        await shoot(storefront, "08-storefront-grid")
        await storefront.close()

        # Марат starts a shift and shares a live location near the shop.
        await chat.open(MARAT, COURIER_BOT)
        await chat.send("/shift")
        await chat.press(await chat.seen("Моя смена"), "▶️ Начать смену")
        await chat.seen("Смена началась!")
        near = Point(55.7507, 37.5930)  # 300 m north of the Arbat shop
        live = {"latitude": near.lat, "longitude": near.lon, "live_period": 3_600}
        [seen] = await sim.answer(MARAT, COURIER_BOT, {"location": live})
        assert seen["text"].startswith("📍 Вижу вас на карте")

        # The shop weighs the strawberries and marks the order ready (the board's API calls).
        igor = await load_actor(db, IGOR)
        await start_assembly(db, igor, order.id)
        [line] = order.lines
        await record_actual(db, igor, order.id, line.id, 760)
        await mark_ready(db, igor, order.id)

        # The dispatcher offers the delivery to Марат; he takes it and gets the delivery card.
        offer = await chat.seen(f"Новый заказ №{order.number}")
        await chat.show(offer)
        await shoot(page, "09-courier-offer")
        await chat.press(offer, "✅ Беру")
        await chat.seen(f"Заказ №{order.number}: езжайте в магазин")
        await shoot(page, "10-courier-delivery-card")
