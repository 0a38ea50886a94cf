"""The seller order pages in headless Chromium with the sandbox's stand-in for telegram-web-app.js:
the board picks up a new order by itself and marks it, accepting it moves it to the assembling
tab, assembly with a weighed line and a missing line recomputes the total shown, "ready" shows
the final total; a substitute chosen from the shop's offers waits for the customer, and an order
is rejected with a reason. Screenshots go to tests/web/artifacts/."""

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
from seller_orders_world import APPLES_PRICE, DELIVERY_FEE, DILL_PRICE, OrdersShop, orders_shop

from core.orders.api import accept_order, get_order, start_assembly
from core.orders.schemas import CancelReason, OrderOut, OrderStatus
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database

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
# The board asks every 10 s; an order placed meanwhile shows up within one more round.
POLL_WAIT_MS = 25_000


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="ru-RU", viewport={"width": 420, "height": 900})
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def world(db: Database) -> OrdersShop:
    return await orders_shop(db)


async def _open(
    page: Page, served: TestServer, path: str, telegram_id: int, clock: FrozenClock
) -> None:
    fragment = urlencode(
        {
            "tgWebAppData": init_data(telegram_id, clock.now()),
            "tgWebAppVersion": "7.10",
            "tgWebAppPlatform": "weba",
            "tgWebAppThemeParams": json.dumps(THEME),
        }
    )
    await page.goto(f"{served.make_url(path)}#{fragment}")


async def _press_main_button(page: Page, text: str) -> None:
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.isVisible && Telegram.WebApp.MainButton.text === text",
        arg=text,
    )
    await page.evaluate("Telegram.WebView.receiveEvent('main_button_pressed')")


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _line_id(order: OrderOut, offer_id: object) -> str:
    [line] = [line for line in order.lines if line.offer_id == offer_id]
    return str(line.id)


def _line(page: Page, line_id: str) -> Locator:
    return page.locator(f'li.ord-line[data-line="{line_id}"]')


async def test_the_pages_are_served_in_both_languages(
    settings: Settings, db: Database, redis: Redis, translator: Translator
) -> None:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        for path, key in (
            ("/app/seller/orders", "page-orders-title"),
            ("/app/seller/order", "page-order-title"),
        ):
            for lang in ("ru", "en"):
                response = await client.get(f"{path}?lang={lang}")
                html = await response.text()
                assert response.status == 200, path
                assert f"<title>{translator.get(lang, key)}</title>" in html
                assert "seller_orders_shared.js" in html
        board = await (await client.get("/app/seller/orders?lang=en")).text()
    assert 'data-poll-seconds="10"' in board
    assert translator.get("en", "page-orders-tab-assembling") in board


async def test_an_order_from_the_board_through_assembly_to_ready(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: OrdersShop,
) -> None:
    def ru(key: str) -> str:
        return translator.get("ru", key)

    await _open(page, served, f"/app/seller/orders?shop={world.shop_id}", world.owner_id, clock)
    await expect(page.locator("#ord-board")).to_have_attribute("data-loaded", "1")
    await expect(page.locator("#ord-column-new .ord-empty")).to_be_visible()

    # An order placed while the board is open appears by itself, marked new.
    order = await world.place(apples_grams=1_500, dill=2, comment="Без пакета")
    card = page.locator(f'#ord-column-new a.ord-card[data-order="{order.id}"]')
    await expect(card).to_be_visible(timeout=POLL_WAIT_MS)
    await expect(card).to_have_attribute("data-new", "true")
    await expect(card).to_contain_text(f"№{order.number}")
    await expect(card).to_contain_text("Вера")
    await expect(card).to_contain_text("Без пакета")
    await expect(card.locator(".ord-card-total")).to_have_text(f"≈ {order.total}")
    await expect(page.locator('[data-count-for="new"]')).to_have_text("1")
    await _screenshot(page, "seller_orders_board_new")

    # Accepting it on its page moves it to the assembling tab.
    await card.click()
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "placed")
    await expect(page.locator("#ord-title")).to_have_text(
        f"{ru('page-order-number')}{order.number}"
    )
    await _press_main_button(page, ru("page-order-accept"))
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "accepted")
    await page.click("#ord-to-board")
    await expect(page.locator('[data-count-for="new"]')).to_have_text("0")
    await expect(page.locator('[data-count-for="assembling"]')).to_have_text("1")
    await page.click("#ord-tab-assembling")
    moved = page.locator(f'#ord-column-assembling a.ord-card[data-order="{order.id}"]')
    await expect(moved).to_have_attribute("data-status", "accepted")

    # Assembly: the apples weigh 1 620 g, the dill is missing; the total follows each step.
    await moved.click()
    await _press_main_button(page, ru("page-order-start"))
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "assembling")
    apples, dill = _line_id(order, world.apples.id), _line_id(order, world.dill.id)
    weight = page.locator(f"#ord-q-{apples}")
    await expect(weight).to_have_value("1500")
    await weight.fill("1620")
    await _line(page, apples).locator(".ord-save").click()
    await expect(_line(page, apples)).to_have_attribute("data-status", "picked")
    apples_now = Money.for_weight(APPLES_PRICE, 1_620)
    await expect(page.locator("#ord-total")).to_have_text(
        str(apples_now + DILL_PRICE * 2 + DELIVERY_FEE)
    )
    await _line(page, dill).locator(".ord-missing").click()
    await expect(_line(page, dill)).to_have_attribute("data-status", "missing")
    await expect(page.locator("#ord-total")).to_have_text(str(apples_now + DELIVERY_FEE))
    await _screenshot(page, "seller_orders_assembly")

    await _press_main_button(page, ru("page-order-ready"))
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "ready")
    await expect(page.locator("#ord-total-label")).to_have_text(ru("page-order-total-final"))
    await expect(page.locator("#ord-total")).to_have_text(str(apples_now + DELIVERY_FEE))
    await expect(page.locator(f"#ord-q-{apples}")).to_have_count(0)
    stored = await get_order(db, await world.owner(), order.id)
    assert stored.status is OrderStatus.READY
    assert stored.final_total == apples_now + DELIVERY_FEE
    await _screenshot(page, "seller_orders_ready")


async def test_a_substitute_waits_for_the_customer_and_an_order_is_rejected(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: OrdersShop,
) -> None:
    def ru(key: str) -> str:
        return translator.get("ru", key)

    owner = await world.owner()
    order = await world.place(apples_grams=1_200, dill=2)
    await accept_order(db, owner, order.id)
    await start_assembly(db, owner, order.id)
    dill = _line_id(order, world.dill.id)

    await _open(page, served, f"/app/seller/order?id={order.id}", world.picker_id, clock)
    await _line(page, dill).locator(".ord-substitute").click()
    await expect(page.locator("#ord-sub")).to_be_visible()
    await page.fill("#ord-sub-q", "груши")
    pears = page.locator(f'#ord-sub-offers .ord-sub-offer[data-offer="{world.pears.id}"]')
    await expect(pears).to_be_visible()
    await expect(page.locator(".ord-sub-offer")).to_have_count(1)
    await pears.click()
    await expect(page.locator("#ord-sub-quantity")).to_have_value("2")
    await page.fill("#ord-sub-quantity", "3")
    await page.click("#ord-sub-propose")
    await expect(page.locator("#ord-sub")).to_be_hidden()
    await expect(page.locator("#ord-proposals")).to_be_visible()
    await expect(page.locator("#ord-proposal-list")).to_contain_text("Груши")
    await expect(page.locator('li.ord-line[data-status="proposed"]')).to_have_count(1)
    await _screenshot(page, "seller_orders_substitute")

    # Not ready until the customer answers: said in the page's language.
    await _press_main_button(page, ru("page-order-ready"))
    await expect(page.locator("#fg-error")).to_have_attribute("data-code", "order_proposal_pending")
    await expect(page.locator("#fg-error-text")).to_have_text(ru("error-order_proposal_pending"))

    # Another order is turned down with a reason.
    other = await world.place()
    await _open(page, served, f"/app/seller/order?id={other.id}", world.picker_id, clock)
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "placed")
    await page.click("#ord-reject-open")
    await page.select_option("#ord-reason", CancelReason.OUT_OF_STOCK.value)
    await page.fill("#ord-note", "Закончился укроп")
    await page.click("#ord-reject-confirm")
    await expect(page.locator("#ord-status")).to_have_attribute("data-status", "canceled")
    await expect(page.locator("#ord-canceled")).to_contain_text(ru("cancel-reason-out_of_stock"))
    stored = await get_order(db, owner, other.id)
    assert (stored.status, stored.cancel_reason, stored.cancel_note) == (
        OrderStatus.CANCELED,
        CancelReason.OUT_OF_STOCK,
        "Закончился укроп",
    )
