"""The storefront Mini App in headless Chromium with the sandbox's stand-in for
telegram-web-app.js: the grid with prices, adding with the stepper (the cart bar, the main
button and the cart in the database follow), search narrowing the grid, and the cart sheet
showing a price changed in the database, then accepting it. Screenshots go to
tests/web/artifacts/."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import init_data, make_app
from playwright.async_api import Browser, Locator, Page, expect
from redis.asyncio import Redis
from storefront_world import SellerShop, customer, new_category, offer, open_shop

from core.catalog.schemas import CategoryOut
from core.orders.api import get_cart, set_cart_quantity
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
THEME = {
    "bg_color": "#ffffff",
    "text_color": "#222222",
    "hint_color": "#8a8a8e",
    "button_color": "#3a9a4a",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f0f2ee",
    "link_color": "#2f7d3c",
}


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="ru-RU", viewport={"width": 400, "height": 820})
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def shop(db: Database) -> SellerShop:
    return await open_shop(db)


@pytest.fixture
async def category(db: Database) -> CategoryOut:
    return await new_category(db, emoji="🥕")


def _launch(
    server: TestServer, telegram_id: int, clock: FrozenClock, path: str = "/app/shop"
) -> str:
    data = init_data(telegram_id, clock.now(), bot=BotRole.CUSTOMER)
    fragment = urlencode(
        {
            "tgWebAppData": data,
            "tgWebAppVersion": "7.10",
            "tgWebAppPlatform": "weba",
            "tgWebAppThemeParams": json.dumps(THEME),
        }
    )
    return f"{server.make_url(path)}#{fragment}"


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _tile(page: Page, offer_id: object) -> Locator:
    return page.locator(f'.sf-tile[data-offer="{offer_id}"]')


async def test_the_page_is_served_in_both_languages(
    settings: Settings, db: Database, redis: Redis, translator: Translator
) -> None:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        for lang in ("ru", "en"):
            response = await client.get(f"/app/shop?lang={lang}")
            html = await response.text()
            assert response.status == 200
            assert f"<title>{translator.get(lang, 'page-store-title')}</title>" in html
            assert translator.get(lang, "page-store-search") in html


async def test_the_grid_shows_what_i_can_buy_with_prices(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    category: CategoryOut,
    translator: Translator,
) -> None:
    apples = await offer(
        db,
        shop,
        category,
        weight=True,
        price=Money(18_990, "RUB"),
        old_price=Money.rub(220),
        stock=5_000,
        name_ru="Яблоки Гала",
    )
    dill = await offer(db, shop, category, price=Money.rub(45), stock=0, name_ru="Укроп")
    me = await customer(db, shop.point, text="Светланская, 5")

    await page.goto(_launch(served, me.telegram_id, clock))

    apple_tile = page.locator(f'.sf-tile[data-offer="{apples.id}"]')
    await expect(apple_tile.locator(".sf-name")).to_have_text("Яблоки Гала")
    await expect(apple_tile.locator(".sf-price")).to_have_text("189,90\xa0₽\xa0/\xa0кг")
    await expect(apple_tile.locator(".sf-old-price")).to_have_text("220,00\xa0₽")
    await expect(apple_tile.locator(".sf-emoji")).to_have_text("🥕")
    await expect(apple_tile.locator(".sf-add")).to_have_text(translator.get("ru", "page-store-add"))
    dill_tile = page.locator(f'.sf-tile[data-offer="{dill.id}"]')
    await expect(dill_tile).to_have_class("sf-tile sf-out")
    await expect(dill_tile.locator(".sf-out-label")).to_have_text(
        translator.get("ru", "page-store-out-of-stock")
    )
    await expect(page.locator("#sf-address-text")).to_have_text("Светланская, 5")
    await expect(page.locator("#sf-shop-name")).to_have_text(shop.shop.name)
    await expect(page.locator("#sf-cart-bar")).to_be_hidden()
    await _screenshot(page, "storefront_grid")


async def test_several_shops_are_chips_and_english_works(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    category: CategoryOut,
    translator: Translator,
) -> None:
    pears = await offer(db, shop, category, name_ru="Груши", name_en="Pears")
    neighbour = await open_shop(db, shop.point)
    plums = await offer(db, neighbour, category, name_ru="Сливы", name_en="Plums")
    me = await customer(db, shop.point)

    await page.goto(_launch(served, me.telegram_id, clock, "/app/shop?lang=en"))
    await expect(page.locator("#sf-shops .sf-chip")).to_have_count(2)
    await page.locator(f'.sf-chip[data-shop="{shop.id}"]').click()
    await expect(page.locator(".sf-tile")).to_have_count(1)
    await expect(_tile(page, pears.id).locator(".sf-name")).to_have_text("Pears")
    await expect(_tile(page, pears.id).locator(".sf-add")).to_have_text(
        translator.get("en", "page-store-add")
    )
    await page.locator(f'.sf-chip[data-shop="{neighbour.id}"]').click()
    await expect(page.locator(".sf-tile")).to_have_count(1)
    await expect(_tile(page, plums.id).locator(".sf-price")).to_have_text("120,00\xa0₽\xa0/\xa0pc")
    await _tile(page, plums.id).locator(".sf-add").click()
    await expect(_tile(page, plums.id).locator(".sf-qty")).to_have_text("1\xa0pcs")
    mine = await get_cart(db, me.actor, me.telegram_id, neighbour.id)
    assert [(line.offer.id, line.quantity) for line in mine.lines] == [(plums.id, 1)]


async def test_adding_with_the_stepper_fills_the_cart(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    category: CategoryOut,
    translator: Translator,
) -> None:
    apples = await offer(
        db, shop, category, weight=True, price=Money.rub(200), stock=5_000, name_ru="Яблоки Фуджи"
    )
    me = await customer(db, shop.point)

    await page.goto(_launch(served, me.telegram_id, clock))
    tile = page.locator(f'.sf-tile[data-offer="{apples.id}"]')
    await tile.locator(".sf-add").click()
    await expect(tile.locator(".sf-qty")).to_have_text("100\xa0г")
    await tile.locator(".sf-plus").click()
    await expect(tile.locator(".sf-qty")).to_have_text("200\xa0г")
    await tile.locator(".sf-plus").click()
    await expect(tile.locator(".sf-qty")).to_have_text("300\xa0г")

    await expect(page.locator("#sf-cart-count")).to_have_text("1")
    await expect(page.locator("#sf-cart-total")).to_have_text("≈\xa060,00\xa0₽")
    cart_word = translator.get("ru", "page-store-cart")
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.isVisible && Telegram.WebApp.MainButton.text === text",
        arg=f"{cart_word} · ≈\xa060,00\xa0₽",
    )
    await _screenshot(page, "storefront_stepper")
    cart = await get_cart(db, me.actor, me.telegram_id, shop.id)
    assert [(line.offer.id, line.quantity) for line in cart.lines] == [(apples.id, 300)]

    await tile.locator(".sf-less").click()
    await expect(tile.locator(".sf-qty")).to_have_text("200\xa0г")
    await tile.locator(".sf-less").click()
    await tile.locator(".sf-less").click()
    await expect(tile.locator(".sf-add")).to_be_visible()
    await expect(page.locator("#sf-cart-bar")).to_be_hidden()
    assert (await get_cart(db, me.actor, me.telegram_id, shop.id)).lines == ()


async def test_search_narrows_the_grid(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    category: CategoryOut,
    translator: Translator,
) -> None:
    apples = await offer(db, shop, category, weight=True, name_ru="Яблоки Голден")
    carrots = await offer(db, shop, category, weight=True, name_ru="Морковь мытая")
    me = await customer(db, shop.point)

    await page.goto(_launch(served, me.telegram_id, clock))
    tiles = page.locator(".sf-tile")
    await expect(tiles).to_have_count(2)
    await page.fill("#sf-search", "морковь")

    await expect(tiles).to_have_count(1)
    await expect(tiles.first).to_have_attribute("data-offer", str(carrots.id))
    await _screenshot(page, "storefront_search")

    await page.fill("#sf-search", "ананас кокосовый")
    await expect(tiles).to_have_count(0)
    await expect(page.locator("#sf-empty")).to_have_text(
        translator.get("ru", "page-store-nothing-found")
    )
    await page.fill("#sf-search", "")
    await expect(tiles).to_have_count(2)
    await expect(page.locator(f'.sf-tile[data-offer="{apples.id}"]')).to_be_visible()


async def test_the_cart_sheet_shows_a_price_change_and_accepts_it(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    category: CategoryOut,
    translator: Translator,
) -> None:
    bread = await offer(db, shop, category, price=Money.rub(60), stock=10, name_ru="Хлеб")
    me = await customer(db, shop.point)
    await set_cart_quantity(db, me.actor, me.telegram_id, bread.id, 2)

    await page.goto(_launch(served, me.telegram_id, clock))
    await expect(page.locator("#sf-cart-total")).to_have_text("120,00\xa0₽")
    await set_price(db, shop.owner, bread.id, Money.rub(75))
    await page.click("#sf-cart-bar")

    line = page.locator(f'.sf-line[data-offer="{bread.id}"]')
    issue = line.locator('.sf-issue[data-issue="price_changed"]')
    await expect(issue).to_have_text(
        f"{translator.get('ru', 'page-store-issue-price_changed')} 60,00\xa0₽ → 75,00\xa0₽"
    )
    await expect(line.locator(".sf-line-total")).to_have_text("150,00\xa0₽")
    await expect(page.locator("#sf-min-text")).to_have_text(
        f"{translator.get('ru', 'page-store-min-order-missing')} 150,00\xa0₽"
    )
    await _screenshot(page, "storefront_cart_price_changed")

    await page.click("#sf-accept")
    await expect(issue).to_have_count(0)
    await expect(page.locator("#sf-accept-row")).to_be_hidden()
    cart = await get_cart(db, me.actor, me.telegram_id, shop.id)
    assert [(line.seen_price, line.issues) for line in cart.lines] == [(Money.rub(75), frozenset())]
    await page.click("#sf-sheet-close")
    await expect(page.locator("#sf-sheet")).to_be_hidden()
    await expect(page.locator("#sf-cart-total")).to_have_text("150,00\xa0₽")
