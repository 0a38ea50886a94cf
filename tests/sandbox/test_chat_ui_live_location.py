"""Live location from the chat UI in headless Chromium: a person shares it for a period, the page
keeps it fresh with edits (a picked point moves it), Stop ends it, and it ends by itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.types import Message, Update
from chromium_launch import CHROMIUM, CHROMIUM_ARGS
from playwright.async_api import Page, async_playwright, expect
from telegram_sim import Sim, username

from sandbox.telegram import EmulatorHandle
from sandbox.telegram.ui.presets import DEMO_ADDRESSES

PLACES = {a.key: a for a in DEMO_ADDRESSES}


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 1200, "height": 800})
        page.set_default_timeout(10_000)
        yield page
        await browser.close()


class Inbox:
    """What the bot receives, read with getUpdates as a bot would."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.offset = 0

    async def skip_all(self) -> None:
        """Forget what came so far (the /start of the fixture)."""
        for update in await self.bot.get_updates(offset=self.offset, timeout=0):
            self.offset = update.update_id + 1

    async def next(self, matches: Callable[[Update], bool]) -> Update:
        """The first update from now on that matches (others are skipped)."""

        async def find() -> Update:
            while True:
                for update in await self.bot.get_updates(offset=self.offset, timeout=1):
                    self.offset = update.update_id + 1
                    if matches(update):
                        return update

        return await asyncio.wait_for(find(), timeout=10)


def _location(message: Message | None) -> dict[str, Any] | None:
    if message is None or message.location is None:
        return None
    return message.location.model_dump(exclude_none=True)


def _is_stop(update: Update) -> bool:
    # Telegram's stop is an edit whose location has lost live_period.
    location = _location(update.edited_message)
    return location is not None and "live_period" not in location


async def _open_chat(page: Page, url: str, person: int, bot_name: str, query: str) -> None:
    await page.goto(f"{url}/{query}#user={person}&bot={bot_name}")
    await expect(page.locator("#composer")).to_be_visible()


async def _share(page: Page, place: str, *, period: str | None = None) -> None:
    await page.click("#attach-btn")
    await page.click("#attach-location")
    dialog = page.locator("#location-dialog")
    if period is not None:
        await dialog.locator("select[name=live]").select_option(period)
    await dialog.get_by_role("button", name=PLACES[place].title).click()


async def test_live_location_is_kept_fresh_moved_and_stopped(
    emulator: EmulatorHandle, bot: Bot, person: int, sim: Sim, page: Page
) -> None:
    name = await username(bot)
    inbox = Inbox(bot)
    await inbox.skip_all()
    await _open_chat(page, emulator.url, person, name, "?live_refresh=1")
    arbat, gorky = PLACES["arbat"], PLACES["gorky_park"]

    await _share(page, "arbat", period="900")
    shared = await inbox.next(lambda u: _location(u.message) is not None)
    assert _location(shared.message) == {
        "latitude": arbat.latitude,
        "longitude": arbat.longitude,
        "live_period": 900,
    }
    assert shared.message is not None
    message_id = shared.message.message_id
    bar = page.locator("#live-bar")
    await expect(bar).to_contain_text("Live location · 15 min left")

    # Without moving, the same point comes again as an edit of that message.
    refreshed = await inbox.next(lambda u: u.edited_message is not None)
    assert refreshed.edited_message is not None
    assert refreshed.edited_message.message_id == message_id
    assert _location(refreshed.edited_message) == _location(shared.message)

    # A reload does not lose the live location.
    await page.reload()
    await expect(bar).to_contain_text("min left")

    # Picking a point while live moves it rather than sending another location.
    await page.click("#attach-btn")
    await page.click("#attach-location")
    await expect(page.locator("#location-title")).to_have_text("Move your live location")
    await expect(page.locator("#live-choice")).to_be_hidden()
    await page.locator("#location-dialog").get_by_role("button", name=gorky.title).click()
    moved = await inbox.next(
        lambda u: (_location(u.edited_message) or {}).get("latitude") == gorky.latitude
    )
    assert moved.edited_message is not None
    assert moved.edited_message.message_id == message_id
    assert _location(moved.edited_message) == {
        "latitude": gorky.latitude,
        "longitude": gorky.longitude,
        "live_period": 900,
    }

    await bar.get_by_role("button", name="Stop").click()
    await expect(bar).to_be_hidden()
    stopped = await inbox.next(_is_stop)
    assert stopped.edited_message is not None
    assert stopped.edited_message.message_id == message_id
    assert _location(stopped.edited_message) == {
        "latitude": gorky.latitude,
        "longitude": gorky.longitude,
    }
    chat = await sim.get("chat", user_id=person, bot=name)
    [mine] = [m for m in chat["messages"] if m["message_id"] == message_id]
    assert "live_period" not in mine["location"]

    # A stopped live location is an ordinary one: the next pick shares a new point.
    await _share(page, "arbat", period="")
    again = await inbox.next(lambda u: _location(u.message) is not None)
    assert _location(again.message) == {"latitude": arbat.latitude, "longitude": arbat.longitude}
    await expect(bar).to_be_hidden()


async def test_live_location_ends_by_itself_at_the_end_of_its_period(
    emulator: EmulatorHandle, bot: Bot, person: int, page: Page
) -> None:
    name = await username(bot)
    inbox = Inbox(bot)
    await inbox.skip_all()
    await page.clock.install()
    await _open_chat(page, emulator.url, person, name, "")

    await _share(page, "tverskaya", period="3600")
    shared = await inbox.next(lambda u: _location(u.message) is not None)
    assert (_location(shared.message) or {}).get("live_period") == 3600
    bar = page.locator("#live-bar")
    await expect(bar).to_contain_text("Live location · 1 h left")

    await page.clock.fast_forward("30:00")
    await expect(bar).to_contain_text("Live location · 30 min left")
    await page.clock.fast_forward("30:00")
    await expect(bar).to_be_hidden()
    assert await page.evaluate("localStorage.getItem('sandbox.live')") == "[]"
