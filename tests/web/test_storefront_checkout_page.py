"""Checkout and my orders on the storefront page in headless Chromium with the sandbox's stand-in
for telegram-web-app.js: from the cart to a placed order (one in the database, with what was
chosen), the order in my orders and canceling it; a double click and a retry after a lost
answer still make one order. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestServer
from checkout_world import Basket, Shopper, basket, shopper
from miniapp_signing import init_data
from playwright.async_api import Browser, Page, Route, expect
from storefront_world import SellerShop, new_category, open_shop

from core.orders.api import get_cart, my_orders, set_cart_quantity
from core.orders.schemas import OrderStatus, PaymentMethod, SubstitutionPreference
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ESTIMATED_TOTAL = "≈ 419,00\xa0₽, итог после взвешивания"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="ru-RU", viewport={"width": 400, "height": 860})
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def shop(db: Database) -> SellerShop:
    return await open_shop(db)


@pytest.fixture
async def goods(db: Database, shop: SellerShop) -> Basket:
    return await basket(db, shop, await new_category(db, emoji="🍏"))


def _launch(server: TestServer, telegram_id: int, clock: FrozenClock) -> str:
    data = init_data(telegram_id, clock.now(), bot=BotRole.CUSTOMER)
    fragment = urlencode(
        {
            "tgWebAppData": data,
            "tgWebAppVersion": "7.10",
            "tgWebAppPlatform": "weba",
            "tgWebAppThemeParams": json.dumps({"button_color": "#3a9a4a"}),
        }
    )
    return f"{server.make_url('/app/shop')}#{fragment}"


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def _to_checkout(
    page: Page, server: TestServer, clock: FrozenClock, me: Shopper, goods: Basket
) -> None:
    """Open the storefront with apples in the cart, add two loaves, open checkout."""
    await page.goto(_launch(server, me.telegram_id, clock))
    # Telegram.WebApp.close() must never be called by the page itself.
    await page.evaluate(
        "() => { window.closedByPage = false;"
        " Telegram.WebApp.close = () => { window.closedByPage = true; }; }"
    )
    bread = page.locator(f'.sf-tile[data-offer="{goods.bread.id}"]')
    await bread.locator(".sf-add").click()
    await expect(bread.locator(".sf-qty")).to_have_text("1\xa0шт")
    await bread.locator(".sf-plus").click()
    await expect(bread.locator(".sf-qty")).to_have_text("2\xa0шт")
    await page.click("#sf-cart-bar")
    await expect(page.locator("#sf-checkout-row")).to_be_visible()
    await page.click("#sf-checkout-open")
    await expect(page.locator("#co-total")).to_have_text(ESTIMATED_TOTAL)


async def test_from_the_cart_to_a_placed_order_and_back_in_my_orders(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    goods: Basket,
    translator: Translator,
) -> None:
    me = await shopper(db, shop)
    await set_cart_quantity(db, me.actor, me.telegram_id, goods.apples.id, 1_000)

    await page.goto(_launch(served, me.telegram_id, clock))
    await page.evaluate(
        "() => { window.closedByPage = false;"
        " Telegram.WebApp.close = () => { window.closedByPage = true; }; }"
    )
    bread = page.locator(f'.sf-tile[data-offer="{goods.bread.id}"]')
    await bread.locator(".sf-add").click()
    await bread.locator(".sf-plus").click()
    await expect(bread.locator(".sf-qty")).to_have_text("2\xa0шт")
    await page.click("#sf-cart-bar")
    check_out = translator.get("ru", "page-checkout-open")
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.isVisible && Telegram.WebApp.MainButton.text === text",
        arg=check_out,
    )
    await expect(page.locator("#sf-checkout-open")).to_have_text(check_out)
    await page.click("#sf-checkout-open")

    await expect(page.locator("#co-total")).to_have_text(ESTIMATED_TOTAL)
    await expect(page.locator("#co-subtotal")).to_have_text("≈\xa0320,00\xa0₽")
    await expect(page.locator("#co-delivery")).to_have_text("99,00\xa0₽")
    await expect(page.locator("#co-address option")).to_have_text(["ул. Алеутская, 12"])
    await expect(page.locator("#co-eta")).to_have_text("≈\xa017\xa0мин")
    await expect(page.locator("#co-weighing")).to_be_visible()
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.text === text",
        arg=f"{translator.get('ru', 'page-checkout-confirm')} · ≈\xa0419,00\xa0₽",
    )
    await page.click('#co-payment button[data-value="card_to_courier"]')
    await page.select_option("#co-substitution", "remove")
    await page.fill("#co-comment", "Позвоните за 10 минут")
    await _screenshot(page, "storefront_checkout")
    await page.click("#co-confirm")

    number = page.locator("#mo-placed-number")
    await expect(number).to_be_visible()
    [order] = await my_orders(db, me.actor, me.telegram_id)
    await expect(number).to_have_text(
        f"{translator.get('ru', 'page-checkout-order')}\xa0{order.number}"
    )
    await expect(page.locator("#mo-placed-status")).to_have_text("Ждёт подтверждения")
    # 12:00 in Moscow, 15 minutes to assemble and 2 on the way: in the shop's time zone.
    await expect(page.locator("#mo-placed-promised")).to_contain_text("12:17")
    await expect(page.locator("#mo-placed-total")).to_have_text(ESTIMATED_TOTAL)
    await _screenshot(page, "storefront_order_placed")
    assert (order.payment_method, order.comment) == (
        PaymentMethod.CARD_TO_COURIER,
        "Позвоните за 10 минут",
    )
    assert {line.substitution for line in order.lines} == {SubstitutionPreference.REMOVE}
    assert (await get_cart(db, me.actor, me.telegram_id, shop.id)).lines == ()
    await expect(page.locator("#sf-cart-bar")).to_be_hidden()

    await page.click("#mo-placed-orders")
    item = page.locator(f'.mo-order[data-order="{order.id}"]')
    await expect(item.locator(".mo-order-status")).to_have_text("Ждёт подтверждения")
    await item.locator("button").click()
    await expect(page.locator("#mo-lines .mo-line")).to_have_count(2)
    await expect(page.locator("#mo-total")).to_have_text(ESTIMATED_TOTAL)
    await _screenshot(page, "storefront_my_order")
    await page.click("#mo-cancel")
    await page.click("#mo-cancel-yes")
    await expect(page.locator("#mo-detail")).to_have_attribute("data-status", "canceled")
    await expect(page.locator("#mo-cancel")).to_be_hidden()
    [canceled] = await my_orders(db, me.actor, me.telegram_id)
    assert canceled.status is OrderStatus.CANCELED
    assert await page.evaluate("() => window.closedByPage") is False


async def test_a_double_click_on_confirm_makes_one_order(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    goods: Basket,
) -> None:
    me = await shopper(db, shop)
    await set_cart_quantity(db, me.actor, me.telegram_id, goods.apples.id, 1_000)
    await _to_checkout(page, served, clock, me, goods)

    await page.dblclick("#co-confirm")

    await expect(page.locator("#mo-placed-number")).to_be_visible()
    assert len(await my_orders(db, me.actor, me.telegram_id)) == 1


async def test_a_retry_after_a_lost_answer_gives_the_same_order(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    shop: SellerShop,
    goods: Basket,
    translator: Translator,
) -> None:
    me = await shopper(db, shop)
    await set_cart_quantity(db, me.actor, me.telegram_id, goods.apples.id, 1_000)
    await _to_checkout(page, served, clock, me, goods)
    sent: list[str] = []

    async def lose_the_first_answer(route: Route) -> None:
        request = route.request
        if request.method != "POST":
            await route.continue_()
            return
        sent.append(json.loads(request.post_data or "{}")["idempotency_key"])
        if len(sent) == 1:
            await route.fetch()  # the server places the order; the answer never arrives
            await route.abort("connectionreset")
        else:
            await route.continue_()

    await page.route(lambda url: url.endswith("/api/v1/me/orders?lang=ru"), lose_the_first_answer)
    await page.click("#co-confirm")
    await expect(page.locator("#co-error")).to_have_text(translator.get("ru", "error-unavailable"))
    [made] = await my_orders(db, me.actor, me.telegram_id)
    await page.click("#co-confirm")

    await expect(page.locator("#mo-placed-number")).to_have_text(
        f"{translator.get('ru', 'page-checkout-order')}\xa0{made.number}"
    )
    assert len(sent) == 2
    assert sent[0] == sent[1]
    assert [o.id for o in await my_orders(db, me.actor, me.telegram_id)] == [made.id]
