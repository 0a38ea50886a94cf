"""The seller catalog Mini App pages in headless Chromium with the sandbox's stand-in for
telegram-web-app.js: the list with prices and stock badges, searching it, prices and stock
changed in place (and a wrong price explained in place), a picker who sees no price editing,
the shop's own product created with an uploaded photo, a price list with bad rows that applies
nothing and then a corrected one that applies, and the stock history of the edits. Screenshots
go to tests/web/artifacts/."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from image_bytes import png_bytes
from miniapp_signing import init_data, make_app
from playwright.async_api import Browser, Locator, Page, expect
from redis.asyncio import Redis
from seller_catalog_world import CatalogShop, catalog_shop, new_person_id

from core.auth.api import accept_invitation, create_invitation, remember_user
from core.auth.policy import Role
from core.auth.schemas import TelegramProfile
from core.inventory.api import get_stock
from core.pricelist.api import seller_offers
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import get_offer

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
PAGES = [
    ("/app/seller/catalog", "page-catalog-title"),
    ("/app/seller/catalog/product", "page-catalog-product-title"),
    ("/app/seller/catalog/import", "page-catalog-import-title"),
    ("/app/seller/catalog/stock", "page-catalog-stock-title"),
]


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(
        locale="ru-RU", viewport={"width": 420, "height": 900}, accept_downloads=True
    )
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def world(db: Database) -> CatalogShop:
    return await catalog_shop(db)


def _launch(server: TestServer, path: str, data: str) -> str:
    fragment = urlencode(
        {
            "tgWebAppData": data,
            "tgWebAppVersion": "7.10",
            "tgWebAppPlatform": "weba",
            "tgWebAppThemeParams": json.dumps(THEME),
        }
    )
    return f"{server.make_url(path)}#{fragment}"


async def _open(
    page: Page, served: TestServer, path: str, telegram_id: int, clock: FrozenClock
) -> None:
    await page.goto(_launch(served, path, init_data(telegram_id, clock.now())))


async def _press_main_button(page: Page, text: str) -> None:
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.isVisible && Telegram.WebApp.MainButton.text === text",
        arg=text,
    )
    await page.evaluate("Telegram.WebView.receiveEvent('main_button_pressed')")


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _per(translator: Translator, unit_key: str) -> str:
    return translator.get("ru", unit_key)


def _row(page: Page, offer_id: object) -> Locator:
    return page.locator(f'li.cat-item[data-offer="{offer_id}"]')


async def test_the_pages_are_served_in_both_languages(
    settings: Settings, db: Database, redis: Redis, translator: Translator
) -> None:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        for path, key in PAGES:
            for lang in ("ru", "en"):
                response = await client.get(f"{path}?lang={lang}")
                html = await response.text()
                assert response.status == 200, path
                assert f"<title>{translator.get(lang, key)}</title>" in html
                assert f'<html lang="{lang}">' in html
                assert "seller_catalog_shared.js" in html
        product = await (await client.get("/app/seller/catalog/product?lang=en")).text()
    assert 'data-error-for="price"' in product
    assert translator.get("en", "tag-organic") in product


# -- the list ---------------------------------------------------------------------------------


async def test_the_list_shows_prices_and_stock_and_edits_them_in_place(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: CatalogShop,
) -> None:
    await _open(page, served, f"/app/seller/catalog?shop={world.shop_id}", world.owner_id, clock)

    items = page.locator("li.cat-item")
    await expect(items).to_have_count(4)
    kg, pcs = _per(translator, "page-catalog-unit-kg"), _per(translator, "page-catalog-unit-piece")
    apples, bananas = _row(page, world.apples.id), _row(page, world.bananas.id)
    dill, pears = _row(page, world.dill.id), _row(page, world.pears.id)
    await expect(apples.locator(".cat-price")).to_have_text(f"{Money(8_990, 'RUB')} / {kg}")
    await expect(apples.locator(".cat-stock")).to_have_text(f"12,5 {kg}")
    await expect(dill.locator(".cat-price")).to_have_text(f"{Money(4_500, 'RUB')} / {pcs}")
    await expect(bananas.locator("[data-stock=low]")).to_have_text(
        translator.get("ru", "page-catalog-badge-low")
    )
    await expect(dill.locator("[data-stock=out]")).to_be_visible()
    await expect(pears).to_have_attribute("data-visible", "false")
    await expect(pears.locator(".cat-name")).to_contain_text(
        translator.get("ru", "page-catalog-badge-hidden")
    )
    await _screenshot(page, "seller_catalog_list")

    # The search narrows the list as one types; clearing it brings everything back.
    await page.fill("#cat-q", "гала")
    await expect(items).to_have_count(1)
    await expect(items.first).to_have_attribute("data-offer", str(world.apples.id))
    await page.fill("#cat-q", "")
    await expect(items).to_have_count(4)
    await page.select_option("#cat-stock", "low")
    await expect(items).to_have_count(1)
    await expect(items.first).to_have_attribute("data-offer", str(world.bananas.id))
    await page.select_option("#cat-stock", "")
    await expect(items).to_have_count(4)

    # A price that is no amount is explained in place, and nothing is sent.
    await apples.locator(".cat-price").click()
    await page.fill(".cat-inline", "девяносто")
    await page.press(".cat-inline", "Enter")
    await expect(apples.locator(".cat-row-error")).to_have_text(
        translator.get("ru", "page-catalog-price-unreadable")
    )
    # A price of nothing is refused by the API, in the page's language.
    await page.fill(".cat-inline", "0")
    await page.press(".cat-inline", "Enter")
    await expect(apples.locator(".cat-row-error")).to_have_attribute("data-code", "invalid_price")
    await page.fill(".cat-inline", "95,50")
    await page.press(".cat-inline", "Enter")
    await expect(apples.locator(".cat-price")).to_have_text(f"{Money(9_550, 'RUB')} / {kg}")
    await expect(apples.locator(".cat-row-error")).to_be_hidden()
    assert (await get_offer(db, world.apples.id)).price == Money(9_550, "RUB")

    await apples.locator(".cat-stock").click()
    await page.fill(".cat-inline", "10,25")
    await page.press(".cat-inline", "Enter")
    await expect(apples.locator(".cat-stock")).to_have_text(f"10,25 {kg}")
    assert (await get_stock(db, world.owner, world.apples.id)).on_hand == 10_250

    # Hiding the bananas: one tap, and the row says so.
    await bananas.locator(".cat-toggle").click()
    await expect(bananas).to_have_attribute("data-visible", "false")
    assert (await get_offer(db, world.bananas.id)).visible is False
    await _screenshot(page, "seller_catalog_edited")

    # The stock history of the apples: the edit first, then the first count.
    await apples.locator(".cat-history").click()
    await page.wait_for_url("**/app/seller/catalog/stock?**")
    changes = page.locator("li.cat-change")
    await expect(changes).to_have_count(2)
    recount = translator.get("ru", "stock-reason-recount")
    await expect(changes.nth(0).locator(".cat-change-delta")).to_have_text(f"−2,25 {kg}")
    await expect(changes.nth(0).locator(".cat-change-reason")).to_have_text(recount)
    await expect(changes.nth(1).locator(".cat-change-delta")).to_have_text(f"+12,5 {kg}")
    await expect(changes.nth(0).locator(".cat-change-facts")).to_contain_text("Ольга")
    await expect(page.locator("#hist-product")).to_contain_text("Яблоки Гала")
    await _screenshot(page, "seller_catalog_stock_history")


async def test_a_picker_changes_stock_but_sees_no_price_editing(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: CatalogShop,
) -> None:
    picker_id = new_person_id()
    await remember_user(db, TelegramProfile(picker_id, "Пётр"))
    invitation = await create_invitation(db, world.owner, Role.PICKER, shop_id=world.shop_id)
    await accept_invitation(db, invitation.token, picker_id, via=BotRole.SELLER)

    # The only shop of the picker: no ?shop= needed.
    await _open(page, served, "/app/seller/catalog", picker_id, clock)

    dill = _row(page, world.dill.id)
    await expect(page.locator("#cat-picker-note")).to_be_visible()
    await expect(dill.locator("button.cat-price")).to_have_count(0)
    await expect(dill.locator(".cat-toggle")).to_have_count(0)
    await expect(page.locator("#cat-add")).to_be_hidden()
    await dill.locator(".cat-stock").click()
    await page.fill(".cat-inline", "7")
    await page.press(".cat-inline", "Enter")
    await expect(dill.locator(".cat-stock")).to_have_text(
        f"7 {translator.get('ru', 'page-catalog-unit-piece')}"
    )
    await expect(dill.locator("[data-stock]")).to_have_count(0)
    assert (await get_stock(db, world.owner, world.dill.id)).on_hand == 7


# -- a product of the shop's own --------------------------------------------------------------


async def test_an_own_product_with_an_uploaded_photo_appears_in_the_list(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: CatalogShop,
) -> None:
    await _open(
        page, served, f"/app/seller/catalog/product?shop={world.shop_id}", world.owner_id, clock
    )

    await page.click('#prod-mode [data-mode="own"]')
    await page.select_option("#f-category_id", str(world.category.id))
    await page.fill("#f-name_ru", f"Клубника садовая {world.tag}")
    await page.fill("#f-name_en", f"Garden strawberries {world.tag}")
    await page.click('#prod-unit [data-unit="weight"]')
    await page.fill("#f-step_grams", "250")
    await page.check('#prod-tags [value="local"]')
    await page.fill("#f-price", "499,90")
    await page.fill("#f-old_price", "450")  # below the price: refused next to its field
    await page.fill("#f-stock", "4,5")
    await page.set_input_files(
        "#prod-photo-file",
        files=[{"name": "strawberries.png", "mimeType": "image/png", "buffer": png_bytes(64, 48)}],
    )
    photo = page.locator("#prod-photos li.cat-photo img")
    await expect(photo).to_have_count(1)
    await _screenshot(page, "seller_catalog_new_product")

    save = translator.get("ru", "page-catalog-save")
    await _press_main_button(page, save)
    old_price_error = page.locator('[data-error-for="old_price"]')
    await expect(old_price_error).to_be_visible()
    await expect(old_price_error).to_have_attribute("data-code", "old_price_not_above")

    await page.fill("#f-old_price", "")
    await _press_main_button(page, save)
    await page.wait_for_url("**/app/seller/catalog?**")

    found = await seller_offers(db, world.owner, world.shop_id, query="Клубника садовая")
    [created] = found.items
    assert created.product.shop_id == world.shop_id
    assert created.product.step_grams == 250
    assert created.offer.price == Money(49_990, "RUB")
    assert created.stock.on_hand == 4_500
    [ref] = created.product.photos
    assert ref.startswith("media:")
    row = _row(page, created.offer.id)
    await expect(row.locator(".cat-name")).to_contain_text("Клубника садовая")
    await expect(row.locator("img.cat-thumb")).to_have_attribute(
        "src", f"/media/{ref.removeprefix('media:')}"
    )
    await expect(page.locator("li.cat-item")).to_have_count(5)
    await _screenshot(page, "seller_catalog_with_new_product")

    # Editing it: the form comes back filled in, the unit fixed, the photo kept.
    await row.locator(".cat-edit").click()
    await expect(page.locator("#f-name_ru")).to_have_value(f"Клубника садовая {world.tag}")
    await expect(page.locator('#prod-unit [data-unit="weight"]')).to_be_disabled()
    await expect(page.locator("#prod-photos li.cat-photo")).to_have_count(1)
    await page.fill("#f-description_ru", "Сладкая, из Подмосковья.")
    await _press_main_button(page, save)
    await page.wait_for_url("**/app/seller/catalog?**")
    [edited] = (await seller_offers(db, world.owner, world.shop_id, query="Клубника")).items
    assert edited.product.description_ru == "Сладкая, из Подмосковья."
    assert edited.product.photos == (ref,)


async def test_a_platform_product_is_picked_offered_and_then_repriced(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: CatalogShop,
) -> None:
    await _open(
        page, served, f"/app/seller/catalog/product?shop={world.shop_id}", world.owner_id, clock
    )
    save = translator.get("ru", "page-catalog-save")

    await page.fill("#prod-platform-q", f"Дыня {world.tag}")
    await page.click(f'.cat-pick[data-product="{world.melon_id}"]')
    await expect(page.locator("#prod-picked-name")).to_contain_text("Дыня Торпеда")
    await expect(page.locator("#prod-price-per")).to_have_text(
        translator.get("ru", "page-catalog-price-per-kg")
    )
    await page.fill("#f-price", "199")
    await page.fill("#f-stock", "2,5")
    await _press_main_button(page, save)
    await page.wait_for_url("**/app/seller/catalog?**")

    [melon] = (await seller_offers(db, world.owner, world.shop_id, query="Дыня Торпеда")).items
    assert (melon.offer.price, melon.stock.on_hand) == (Money(19_900, "RUB"), 2_500)
    row = _row(page, melon.offer.id)
    await row.locator(".cat-edit").click()
    await page.wait_for_url("**/app/seller/catalog/product?**")

    # A platform product: its description is the platform's, the offer is the shop's.
    await expect(page.locator("#prod-readonly-name")).to_contain_text("Дыня Торпеда")
    await expect(page.locator("#prod-fields")).to_be_hidden()
    await expect(page.locator("#f-price")).to_have_value("199,00")
    await expect(page.locator("#f-stock")).to_have_value("2,5")
    await page.fill("#f-price", "189,90")
    await page.fill("#f-old_price", "199")
    await page.uncheck("#f-visible")
    await _press_main_button(page, save)
    await page.wait_for_url("**/app/seller/catalog?**")
    await expect(row).to_have_attribute("data-visible", "false")
    repriced = await get_offer(db, melon.offer.id)
    assert (repriced.price, repriced.old_price, repriced.visible) == (
        Money(18_990, "RUB"),
        Money(19_900, "RUB"),
        False,
    )


# -- the price list ---------------------------------------------------------------------------


def _csv(*rows: str) -> bytes:
    header = "product_id;barcode;name_ru;name_en;unit;price;old_price;stock;visible"
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


async def test_a_price_list_with_bad_rows_applies_nothing_then_a_fixed_one_applies(
    served: TestServer,
    page: Page,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    world: CatalogShop,
) -> None:
    await _open(
        page, served, f"/app/seller/catalog/import?shop={world.shop_id}", world.owner_id, clock
    )

    # The export first: the shop's four offers under the header, BOM first.
    async with page.expect_download() as downloading:
        await page.click("#imp-export")
    saved = Path(await (await downloading.value).path())
    exported = (await asyncio.to_thread(saved.read_bytes)).decode("utf-8")
    assert exported.startswith("\ufeffproduct_id;barcode;")
    assert len(exported.strip().splitlines()) == 5

    apples, dill = world.apples.product_id, world.dill.product_id
    bad = _csv(
        f"{apples};;;;kg;79,90;;10;1",
        f"{dill};;;;pcs;сорок;;;1",
        "00000000-0000-0000-0000-000000000000;;;;pcs;10;;;1",
    )
    await page.set_input_files(
        "#imp-file", files=[{"name": "prices.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    await page.click("#imp-check")

    summary = page.locator("#imp-summary")
    await expect(summary).to_have_attribute("data-result", "errors")
    errors = page.locator("#imp-errors tbody tr")
    await expect(errors).to_have_count(2)
    await expect(errors.nth(0)).to_have_attribute("data-line", "3")
    await expect(errors.nth(0).locator("td").nth(1)).to_have_text("price")
    await expect(errors.nth(1)).to_have_attribute("data-line", "4")
    await expect(page.locator("#imp-apply")).to_be_disabled()
    await _screenshot(page, "seller_catalog_import_errors")
    assert (await get_offer(db, world.apples.id)).price == Money(8_990, "RUB")

    good = _csv(f"{apples};;;;kg;79,90;;10;1", f"{dill};;;;pcs;40;45;;1")
    await page.set_input_files(
        "#imp-file", files=[{"name": "prices.csv", "mimeType": "text/csv", "buffer": good}]
    )
    await page.click("#imp-check")
    await expect(summary).to_have_attribute("data-result", "ok")
    changes = page.locator("#imp-changes tbody tr")
    await expect(changes).to_have_count(2)
    await expect(page.locator("#imp-errors-box")).to_be_hidden()
    assert (await get_offer(db, world.apples.id)).price == Money(8_990, "RUB")  # a dry run

    await page.click("#imp-apply")
    await expect(summary).to_have_attribute("data-result", "applied")
    await _screenshot(page, "seller_catalog_import_applied")
    assert (await get_offer(db, world.apples.id)).price == Money(7_990, "RUB")
    assert (await get_stock(db, world.owner, world.apples.id)).on_hand == 10_000
    dill_offer = await get_offer(db, world.dill.id)
    assert (dill_offer.price, dill_offer.old_price) == (Money(4_000, "RUB"), Money(4_500, "RUB"))
