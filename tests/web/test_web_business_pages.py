"""The seller and admin Mini App pages in headless Chromium with the sandbox's stand-in for
telegram-web-app.js: the application form (a bad INN explained next to its field, then sent),
an admin approving one application and rejecting another with a reason, and an owner pausing and
resuming their shop with the main button. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from business_web_forms import admin, applied, approved_shop, company_inn, wrong_inn
from miniapp_signing import init_data, make_app, new_telegram_id
from playwright.async_api import Browser, Page, expect
from redis.asyncio import Redis

from core.auth.api import load_actor
from core.business.api import get_business, get_shop, my_applications
from core.business.schemas import BusinessStatus, ShopStatus
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
THEME = {"bg_color": "#ffffff", "text_color": "#222222", "hint_color": "#8a8a8e",
         "button_color": "#3a9a4a", "button_text_color": "#ffffff",
         "secondary_bg_color": "#f0f2ee", "link_color": "#2f7d3c"}


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="ru-RU", viewport={"width": 420, "height": 860})
    page = await context.new_page()
    yield page
    await context.close()


def _launch(server: TestServer, path: str, data: str) -> str:
    fragment = urlencode({"tgWebAppData": data, "tgWebAppVersion": "7.10",
                          "tgWebAppPlatform": "weba", "tgWebAppThemeParams": json.dumps(THEME)})
    return f"{server.make_url(path)}#{fragment}"


async def _press_main_button(page: Page, text: str) -> None:
    """Press Telegram's main button once it shows ``text``, as the client does."""
    await page.wait_for_function(
        "text => Telegram.WebApp.MainButton.isVisible && Telegram.WebApp.MainButton.text === text",
        arg=text)
    await page.evaluate("Telegram.WebView.receiveEvent('main_button_pressed')")


async def _press_back_button(page: Page) -> None:
    await page.wait_for_function("Telegram.WebApp.BackButton.isVisible")
    await page.evaluate("Telegram.WebView.receiveEvent('back_button_pressed')")


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def test_the_pages_are_served_in_both_languages(
    settings: Settings, db: Database, redis: Redis, translator: Translator
) -> None:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        for path, key in [("/app/seller/apply", "page-apply-title"),
                          ("/app/seller/shop", "page-myshop-title"),
                          ("/app/admin/applications", "page-review-title")]:
            for lang in ("ru", "en"):
                response = await client.get(f"{path}?lang={lang}")
                html = await response.text()
                assert response.status == 200, path
                assert f"<title>{translator.get(lang, key)}</title>" in html
                assert f'<html lang="{lang}">' in html
        form = await (await client.get("/app/seller/apply")).text()
    assert '<option value="Europe/Moscow" selected>Москва (UTC+3)</option>' in form
    assert 'data-error-for="inn"' in form
    assert translator.get("ru", "tax-system-npd") in form


# -- the application form ---------------------------------------------------------------------


async def test_applying_with_a_bad_inn_then_a_good_one(
    served: TestServer, page: Page, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    person = new_telegram_id()
    await page.goto(_launch(served, "/app/seller/apply", init_data(person, clock.now())))

    await expect(page.locator("#apply-form")).to_be_visible()
    await page.fill("#f-legal_name", 'ООО "Сад и огород"')
    await page.fill("#f-inn", wrong_inn())
    await page.select_option("#f-tax_system", "usn_income")
    await page.fill("#f-phone", "+7 912 345-67-89")
    await page.fill("#f-email", "owner@sad-ogorod.ru")
    await page.fill("#f-shop-name", "Фрукты на Тверской")
    await page.fill("#f-shop-address", "Москва, ул. Тверская, 1")
    await page.fill("#f-coordinates", "55.7539, 37.6208")
    await expect(page.locator("#f-shop-lat")).to_have_value("55.7539")
    await expect(page.locator("#f-shop-lon")).to_have_value("37.6208")
    sunday = page.locator(".fg-day[data-day=sun]")
    await sunday.locator(".fg-day-open").uncheck()
    monday = page.locator(".fg-day[data-day=mon]")
    await monday.locator("[name=break_start]").fill("13:00")
    await monday.locator("[name=break_end]").fill("14:00")
    await page.fill("#f-shop-zone-radius_km", "2,5")
    await page.fill("#f-shop-min_order", "150,50")
    await page.fill("#f-shop-delivery_fee", "99")

    await _press_main_button(page, translator.get("ru", "page-apply-submit"))

    inn_error = page.locator('[data-error-for="inn"]')
    await expect(inn_error).to_have_text(translator.get("ru", "error-invalid_inn"))
    await expect(page.locator("#f-inn")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#apply-form-problems")).to_be_visible()
    await _screenshot(page, "seller_apply_bad_inn")

    inn = company_inn()
    await page.fill("#f-inn", inn)
    await _press_main_button(page, translator.get("ru", "page-apply-submit"))

    status = page.locator("#apply-status-text")
    await expect(status).to_have_text(translator.get("ru", "page-apply-sent"))
    await expect(status).to_have_attribute("data-status", "pending")
    await expect(page.locator("#apply-form")).to_be_hidden()
    await _screenshot(page, "seller_apply_sent")
    [sent] = await my_applications(db, await load_actor(db, person))
    shop = sent.shops[0]
    assert (sent.business.inn, sent.business.status) == (inn, BusinessStatus.PENDING)
    assert (shop.min_order, shop.delivery_fee) == (Money(15_050, "RUB"), Money(9_900, "RUB"))
    assert shop.hours.days[6] is None
    assert shop.hours.to_json()["mon"]["breaks"] == [["13:00", "14:00"]]

    await page.reload()  # a second visit shows the status
    await expect(status).to_have_text(translator.get("ru", "page-apply-status-pending"))
    await expect(page.locator("#apply-form")).to_be_hidden()


# -- the admins' review -----------------------------------------------------------------------


async def test_an_admin_approves_one_application_and_rejects_another(
    served: TestServer, page: Page, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    reviewer = await admin(db, new_telegram_id())
    first = await applied(db, new_telegram_id(), "Лавка на Арбате")
    second = await applied(db, new_telegram_id(), "Овощи у метро")

    await page.goto(_launch(served, "/app/admin/applications",
                            init_data(reviewer.telegram_id, clock.now())))

    items = page.locator("#review-items button")
    await expect(items.first).to_be_visible()
    await expect(items.first).to_have_attribute("data-business", str(second.business.id))
    await _screenshot(page, "admin_applications_queue")

    await page.locator(f'[data-business="{first.business.id}"]').click()
    await expect(page.locator("#review-inn")).to_contain_text(first.business.inn)
    await expect(page.locator("#review-tax-system")).to_have_text(
        translator.get("ru", "tax-system-npd"))
    await expect(page.locator("#review-zone")).to_have_text("Радиус 3 км")
    await expect(page.locator("#review-applicant")).to_have_text("Ольга")
    await _screenshot(page, "admin_application_details")
    await _press_main_button(page, translator.get("ru", "page-review-approve"))
    decision = page.locator("#review-decision")
    await expect(decision).to_have_attribute("data-status", "approved")

    await _press_back_button(page)
    await expect(page.locator(f'[data-business="{first.business.id}"]')).to_have_count(0)
    await page.locator(f'[data-business="{second.business.id}"]').click()
    await page.click("#review-reject-button")  # no reason yet
    await expect(page.locator('[data-error-for="reason"]')).to_have_text(
        translator.get("ru", "error-invalid_rejection_reason", minimum=3, maximum=1000))
    await page.fill("#f-reason", "Адрес магазина не совпадает с точкой на карте")
    await page.click("#review-reject-button")
    await expect(decision).to_have_attribute("data-status", "rejected")
    await expect(decision).to_contain_text("Адрес магазина не совпадает с точкой на карте")
    await _screenshot(page, "admin_application_rejected")

    assert (await get_business(db, reviewer, first.business.id)).business.status is \
        BusinessStatus.APPROVED
    rejected = (await get_business(db, reviewer, second.business.id)).business
    assert (rejected.status, rejected.rejection_reason) == (
        BusinessStatus.REJECTED, "Адрес магазина не совпадает с точкой на карте")


async def test_someone_who_is_not_an_admin_is_told_so(
    served: TestServer, page: Page, clock: FrozenClock, translator: Translator
) -> None:
    await page.goto(_launch(served, "/app/admin/applications",
                            init_data(new_telegram_id(), clock.now())))

    await expect(page.locator("#fg-error-text")).to_have_text(
        translator.get("ru", "page-review-not-allowed"))
    await expect(page.locator("#review-list")).to_be_hidden()


# -- my shop ----------------------------------------------------------------------------------


async def test_an_owner_pauses_and_resumes_the_shop(
    served: TestServer, page: Page, db: Database, clock: FrozenClock, translator: Translator
) -> None:
    reviewer = await admin(db, new_telegram_id())
    owner = new_telegram_id()
    shop_id = await approved_shop(db, reviewer, owner, "Лавка у дома")

    await page.goto(_launch(served, "/app/seller/shop", init_data(owner, clock.now())))

    badge = page.locator("#shop-status")
    await expect(badge).to_have_attribute("data-status", "active")
    await expect(badge).to_have_text(translator.get("ru", "shop-status-active"))
    # The frozen clock says 09:00 UTC: noon in Moscow, where the shop works 09:00–21:00.
    await expect(page.locator("#shop-open")).to_have_text("Открыто до 21:00")
    await expect(page.locator("#shop-staff-list li")).to_have_count(1)
    await _screenshot(page, "seller_shop_active")

    await _press_main_button(page, translator.get("ru", "page-myshop-pause"))
    await expect(badge).to_have_attribute("data-status", "paused")
    await expect(page.locator("#shop-paused-note")).to_be_visible()
    assert (await get_shop(db, shop_id)).status is ShopStatus.PAUSED
    await _screenshot(page, "seller_shop_paused")

    await _press_main_button(page, translator.get("ru", "page-myshop-resume"))
    await expect(badge).to_have_attribute("data-status", "active")
    await expect(page.locator("#shop-paused-note")).to_be_hidden()
    assert (await get_shop(db, shop_id)).status is ShopStatus.ACTIVE

    # The team: an invitation link for a picker, listed until withdrawn.
    await page.click("#shop-invite-picker")
    await expect(page.locator("#shop-invite-link")).to_have_value(
        re.compile(r"^https://t\.me/fruktgo_seller_bot\?start=inv_"))
    invitations = page.locator("#shop-invitations li")
    await expect(invitations).to_have_count(1)
    await expect(invitations).to_contain_text(translator.get("ru", "role-picker"))
    await invitations.locator("button").click()
    await expect(invitations).to_have_count(0)
