"""The admin broadcasts page in headless Chromium with the sandbox's stand-in for
telegram-web-app.js: an admin sends a broadcast to a list of people and watches the real sender's
progress show up by itself; stops one after confirming in Telegram's popup; bad input shows the
API's refusal in the page's language and creates nothing; a customer is turned away. Any script
error or console error fails the test. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from business_web_forms import admin, person
from miniapp_signing import init_data, make_app, new_telegram_id
from playwright.async_api import Browser, ConsoleMessage, Locator, Page, expect
from redis.asyncio import Redis
from sqlalchemy import text

from core.auth.policy import Actor
from core.communications.api import Sender, list_broadcasts, list_notifications
from core.communications.port import Blocked, EditResult, SendResult, Sent
from core.communications.schemas import BroadcastOut, NotificationStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# The page asks again every 3 s while a broadcast is under way.
POLL_WAIT_MS = 10_000
# Telegram's client side of the Mini App bridge: what the page asks of Telegram is recorded.
BRIDGE = """
window.__telegramEvents = [];
window.TelegramWebviewProxy = {
  postEvent: function (type, data) {
    window.__telegramEvents.push({ type: type, data: JSON.parse(data || '{}') });
  },
};
"""


@dataclass
class TelegramDouble:
    """Telegram behind the sender's port: takes every message, except that the people in
    ``blocked`` have blocked the bot."""

    blocked: set[int] = field(default_factory=set)
    sent: list[tuple[int, str]] = field(default_factory=list)

    async def send(
        self, bot: BotRole, chat_id: int, text: str, *, reply_markup: dict[str, Any] | None = None
    ) -> SendResult:
        if chat_id in self.blocked:
            return Blocked("Forbidden: bot was blocked by the user")
        self.sent.append((chat_id, text))
        return Sent(len(self.sent))

    async def edit(
        self, bot: BotRole, chat_id: int, message_id: int, text: str, *,
        reply_markup: dict[str, Any] | None = None,
    ) -> EditResult:
        return Sent(message_id)


@dataclass
class Watched:
    """The browser's script errors and console errors; the API refusals a test expects (the
    browser logs every 4xx answer) are allowed by their status."""

    page: Page
    problems: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if message.location.get("url", "").endswith("/favicon.ico"):
            return  # the browser's own guess, not the page's
        if any(f"status of {status} " in message.text for status in self.allowed_statuses):
            return
        self.problems.append(f"console: {message.text}")

    def check(self) -> None:
        assert self.problems == []


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


@pytest.fixture
async def watched(browser: Browser) -> AsyncIterator[Watched]:
    context = await browser.new_context(locale="ru-RU", viewport={"width": 420, "height": 900})
    await context.add_init_script(BRIDGE)
    page = await context.new_page()
    seen = Watched(page)
    page.on("console", seen.on_console)
    page.on("pageerror", lambda error: seen.problems.append(f"pageerror: {error}"))
    yield seen
    await context.close()


async def _open(page: Page, served: TestServer, telegram_id: int, clock: FrozenClock,
                lang: str) -> None:
    fragment = urlencode(
        {
            "tgWebAppData": init_data(telegram_id, clock.now(), bot=BotRole.SUPPORT),
            "tgWebAppVersion": "7.10",
            "tgWebAppPlatform": "weba",
        }
    )
    await page.goto(f"{served.make_url('/app/admin/broadcasts')}?lang={lang}#{fragment}")


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def _send(page: Page, message: str, recipients: list[int]) -> None:
    await page.fill("#broadcast-text", message)
    await page.select_option("#broadcast-bot", "customer")
    await page.select_option("#broadcast-audience", "ids")
    await expect(page.locator("#broadcast-ids-field")).to_be_visible()
    await page.fill("#broadcast-ids", ", ".join(str(r) for r in recipients))
    await page.click("#broadcast-send")


def _row(page: Page, message: str) -> Locator:
    return page.locator("#broadcasts li[data-broadcast]", has_text=message)


def _count(row: Locator, name: str) -> Locator:
    return row.locator(f'[data-count="{name}"]')


async def _made(db: Database, boss: Actor, message: str) -> list[BroadcastOut]:
    return [b for b in await list_broadcasts(db, boss) if b.text == message]


async def _admin_and_readers(
    db: Database, count: int, first_name: str = "Анна"
) -> tuple[Actor, list[int]]:
    """An admin to open the page, and ``count`` people who have talked to the customer bot."""
    boss = await admin(db, new_telegram_id())
    readers = [new_telegram_id() for _ in range(count)]
    for reader in readers:
        await person(db, reader, first_name)
    return boss, readers


async def _broadcast_count(db: Database) -> int:
    async with db.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM broadcasts"))).scalar_one())


async def test_the_page_is_served_in_both_languages(
    settings: Settings, db: Database, redis: Redis, translator: Translator
) -> None:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        for lang in ("ru", "en"):
            response = await client.get(f"/app/admin/broadcasts?lang={lang}")
            html = await response.text()
            assert response.status == 200
            assert response.headers["Content-Language"] == lang
            assert f"<title>{translator.get(lang, 'page-broadcasts-title')}</title>" in html
            for key in ("page-broadcasts-send", "page-broadcasts-audience-ids",
                        "page-broadcasts-latest"):
                assert translator.get(lang, key) in html, key
        assert translator.get("ru", "page-broadcasts-send") != translator.get(
            "en", "page-broadcasts-send")


async def test_an_admin_sends_a_broadcast_and_watches_it_go_out(
    served: TestServer,
    watched: Watched,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    def ru(key: str) -> str:
        return translator.get("ru", key)

    page = watched.page
    boss_actor, readers = await _admin_and_readers(db, 3, "Вера")
    boss = boss_actor.telegram_id
    message = f"Свежие груши {uuid.uuid4().hex[:8]}"

    await _open(page, served, boss, clock, "ru")
    await expect(page.locator("#broadcast-form")).to_be_visible()
    await expect(page.locator("#fg-loading")).to_be_hidden()
    await expect(page.locator("#broadcast-ids-field")).to_be_hidden()
    await expect(page.locator("#broadcast-send")).to_have_text(ru("page-broadcasts-send"))
    await _send(page, message, readers)

    row = _row(page, message)
    await expect(row).to_be_visible()
    await expect(page.locator("#broadcast-text")).to_have_value("")
    await expect(row).to_have_attribute("data-state", "sending")
    await expect(row.locator(".bc-state")).to_have_text(ru("page-broadcasts-state-sending"))
    await expect(row.locator(".bc-about")).to_contain_text(ru("page-broadcasts-audience-ids"))
    await expect(_count(row, "queued")).to_have_text(f"{ru('page-broadcasts-queued')}: 3")
    await expect(_count(row, "sent")).to_have_text(f"{ru('page-broadcasts-sent')}: 0")
    await expect(row.locator(".bc-cancel")).to_be_visible()
    [made] = await _made(db, boss_actor, message)
    assert (made.total, made.progress.queued) == (3, 3)
    await _screenshot(page, "admin_broadcasts_queued")

    # The real sender works the queue; one reader has blocked the bot.
    telegram = TelegramDouble(blocked={readers[2]})
    sender = Sender(db, telegram, translator)
    await sender.run_until_idle(BotRole.CUSTOMER)
    assert {chat for chat, _ in telegram.sent} >= {readers[0], readers[1]}
    assert (readers[0], message) in telegram.sent

    # The page follows by itself.
    await expect(_count(row, "sent")).to_have_text(
        f"{ru('page-broadcasts-sent')}: 2", timeout=POLL_WAIT_MS
    )
    await expect(_count(row, "blocked")).to_have_text(f"{ru('page-broadcasts-blocked')}: 1")
    await expect(_count(row, "queued")).to_have_text(f"{ru('page-broadcasts-queued')}: 0")
    await expect(row).to_have_attribute("data-state", "done")
    await expect(row.locator(".bc-state")).to_have_text(ru("page-broadcasts-state-done"))
    await expect(row.locator(".bc-cancel")).to_be_hidden()
    assert await row.locator("progress").evaluate("bar => [bar.value, bar.max]") == [3, 3]
    await _screenshot(page, "admin_broadcasts_sent")
    watched.check()


async def test_an_admin_stops_a_broadcast_after_confirming(
    served: TestServer,
    watched: Watched,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    def en(key: str) -> str:
        return translator.get("en", key)

    page = watched.page
    boss, readers = await _admin_and_readers(db, 2)
    message = f"Pears are in {uuid.uuid4().hex[:8]}"

    await _open(page, served, boss.telegram_id, clock, "en")
    await expect(page.locator("h1")).to_have_text(en("page-broadcasts-title"))
    await expect(page.locator("#broadcast-form")).to_be_visible()
    await expect(page.locator("#broadcast-audience option[value=ids]")).to_have_text(
        en("page-broadcasts-audience-ids")
    )
    await _send(page, message, readers)
    row = _row(page, message)
    await expect(_count(row, "queued")).to_have_text(f"{en('page-broadcasts-queued')}: 2")
    await expect(row.locator(".bc-state")).to_have_text(en("page-broadcasts-state-sending"))

    # Telegram asks first; saying no changes nothing.
    stop = row.locator(".bc-cancel")
    await expect(stop).to_have_text(en("page-broadcasts-cancel"))
    await stop.click()
    await _answer_popup(page, en("page-broadcasts-cancel-confirm"), "cancel")
    await expect(stop).to_be_enabled()
    await expect(row).to_have_attribute("data-state", "sending")
    for reader in readers:
        [queued] = await list_notifications(db, reader)
        assert queued.status is NotificationStatus.QUEUED

    await stop.click()
    await _answer_popup(page, en("page-broadcasts-cancel-confirm"), "ok")
    await expect(row).to_have_attribute("data-state", "canceled")
    await expect(row.locator(".bc-state")).to_have_text(en("page-broadcasts-state-canceled"))
    await expect(_count(row, "canceled")).to_have_text(f"{en('page-broadcasts-canceled')}: 2")
    await expect(_count(row, "queued")).to_have_text(f"{en('page-broadcasts-queued')}: 0")
    await expect(stop).to_be_hidden()
    for reader in readers:
        [canceled] = await list_notifications(db, reader)
        assert canceled.status is NotificationStatus.CANCELED
    await _screenshot(page, "admin_broadcasts_canceled")
    watched.check()


async def _answer_popup(page: Page, question: str, button: str) -> None:
    """Wait for the page to open Telegram's popup asking ``question``; press ``button``."""
    await page.wait_for_function(
        """question => window.__telegramEvents.some(
             e => e.type === 'web_app_open_popup' && e.data.message === question)""",
        arg=question,
    )
    await page.evaluate(
        """button => {
             window.__telegramEvents = [];
             Telegram.WebView.receiveEvent('popup_closed', { button_id: button });
           }""",
        button,
    )


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_bad_input_shows_the_refusal_and_creates_nothing(
    served: TestServer,
    watched: Watched,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
    lang: str,
) -> None:
    page = watched.page
    watched.allowed_statuses.add(422)
    boss = new_telegram_id()
    await admin(db, boss)
    reader = new_telegram_id()
    await person(db, reader)
    await _open(page, served, boss, clock, lang)
    await expect(page.locator("#broadcast-form")).to_be_visible()
    before = await _broadcast_count(db)
    error = page.locator("#fg-error")
    error_text = page.locator("#fg-error-text")

    # No text.
    await _send(page, "   ", [reader])
    await expect(error).to_have_attribute("data-code", "invalid_broadcast")
    await expect(error_text).to_have_text(translator.get(lang, "error-invalid_broadcast"))
    await expect(page.locator("#broadcast-send")).to_be_enabled()

    # A list audience with nobody on it.
    await page.evaluate("document.getElementById('fg-error').hidden = true")
    await _send(page, "Привет", [])
    await expect(error).to_be_visible()
    await expect(error).to_have_attribute("data-code", "invalid_broadcast")
    await expect(error_text).to_have_text(translator.get(lang, "error-invalid_broadcast"))
    # Kept for another try.
    await expect(page.locator("#broadcast-text")).to_have_value("Привет")

    # Something that is not an id is caught before asking.
    await page.fill("#broadcast-ids", f"{reader}, @vera")
    await page.click("#broadcast-send")
    await expect(error).to_have_attribute("data-code", "page_broadcasts_bad_ids")
    await expect(error_text).to_have_text(translator.get(lang, "page-broadcasts-bad-ids"))

    assert await _broadcast_count(db) == before
    await _screenshot(page, f"admin_broadcasts_bad_input_{lang}")
    watched.check()


async def test_a_customer_is_turned_away(
    served: TestServer,
    watched: Watched,
    db: Database,
    clock: FrozenClock,
    translator: Translator,
) -> None:
    page = watched.page
    watched.allowed_statuses.add(403)
    customer = new_telegram_id()
    await person(db, customer, "Вера")
    await _open(page, served, customer, clock, "ru")

    error = page.locator("#fg-error")
    await expect(error).to_be_visible()
    await expect(page.locator("#fg-error-text")).to_have_text(
        translator.get("ru", "page-broadcasts-not-allowed")
    )
    await expect(page.locator("#fg-error-retry")).to_be_hidden()
    await expect(page.locator("#fg-loading")).to_be_hidden()
    await expect(page.locator("#broadcast-form")).to_be_hidden()
    await expect(page.locator("#broadcasts-section")).to_be_hidden()
    await _screenshot(page, "admin_broadcasts_refused")
    watched.check()
