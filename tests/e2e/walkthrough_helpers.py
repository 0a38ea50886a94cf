"""The README walkthrough's browser side: the emulator's chat UI in headless Chromium as one of
the demo people, Mini App pages opened from it at a phone's size, and screenshots saved to
docs/screenshots/ only when FRUKTGO_SCREENSHOTS=1 (so a test run never rewrites the docs)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path

from playwright.async_api import Browser, Locator, Page, ViewportSize, expect

DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_BYTES = 300_000  # each picture in docs/
WAIT_MS = 20_000  # the worker's notifications take a relay pass or two
# The demo happens in Moscow: the chat UI's clock shows the hours the bots write in their texts.
TIMEZONE = "Europe/Moscow"


def screenshots_wanted() -> bool:
    return os.environ.get("FRUKTGO_SCREENSHOTS") == "1"


async def shoot(page: Page, name: str) -> None:
    """Save the page as docs/screenshots/<name>.png when screenshots are wanted, shrunk to a
    256-colour PNG by pngquant (the chat's gradient background makes full-colour ones large)."""
    if not screenshots_wanted():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.mouse.move(0, 0)  # no hover highlight in the picture
    # A callback's toast would cover the chat header: wait until it has faded.
    await expect(page.locator(".toast")).to_have_count(0, timeout=WAIT_MS)
    path = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(path))
    pngquant = shutil.which("pngquant")
    assert pngquant is not None, "screenshots need pngquant (apt-get install pngquant)"
    squeeze = await asyncio.create_subprocess_exec(
        pngquant, "--quality", "70-95", "--speed", "1", "--force", "--output", str(path), str(path)
    )
    assert await squeeze.wait() == 0
    assert path.stat().st_size < MAX_BYTES, (name, path.stat().st_size)


class ChatUI:
    """The chat UI on one page: whose chat with which bot is open, and what is in it."""

    def __init__(self, page: Page, emulator_url: str) -> None:
        self.page, self.url = page, emulator_url

    async def open(self, user_id: int, bot: str) -> None:
        """Open ``user_id``'s chat with ``bot`` (the UI reads its deep link on load only)."""
        await self.page.goto("about:blank")
        await self.page.goto(f"{self.url}/#user={user_id}&bot={bot}")
        # The composer shows while the chat's history loads and gives way to START once the
        # chat turns out empty; the UI marks the body ready only after that load, so until then
        # neither control tells which state the chat is in.
        await expect(self.page.locator("body.ready")).to_be_attached(timeout=WAIT_MS)
        await expect(self.page.locator(".chat-error")).to_have_count(0)
        if await self.page.locator("#start-btn").is_visible():
            # A chat never opened offers START, as Telegram does; bots may write only after it.
            await self.page.click("#start-btn")
            # The bot's greeting: /start is handled before anything the test sends next.
            await expect(self.page.locator(".row.in").first).to_be_visible(timeout=WAIT_MS)
        await expect(self.page.locator("#input")).to_be_visible()

    async def send(self, text: str) -> None:
        await self.page.fill("#input", text)
        await self.page.press("#input", "Enter")

    def incoming(self, text: str | re.Pattern[str]) -> Locator:
        """The newest message from the bot holding ``text``."""
        return self.page.locator(".row.in", has_text=text).last

    async def seen(self, text: str | re.Pattern[str]) -> Locator:
        """The newest message holding ``text``, once there is one, followed by its id (bots edit
        messages in place, so the text it was found by may change)."""
        message = self.incoming(text)
        await expect(message).to_be_visible(timeout=WAIT_MS)
        message_id = await message.get_attribute("data-id")
        return self.page.locator(f'.row[data-id="{message_id}"]')

    async def press(self, message: Locator, label: str | re.Pattern[str]) -> None:
        """Press the inline button ``label`` (a pattern matches its start) under ``message``."""
        await message.get_by_role("button", name=label).first.click()

    async def show(self, message: Locator) -> None:
        """Scroll the chat so that ``message`` and its buttons are in view for a picture."""
        await message.scroll_into_view_if_needed()
        await message.evaluate("row => row.scrollIntoView({block: 'end'})")

    async def mini_app_url(self, path: str) -> str:
        """The address the Mini App panel launched for the page at ``path``, signed initData in
        its fragment (the panel may still show the page opened before)."""
        frame = self.page.locator("#miniapp iframe")
        await expect(frame).to_have_attribute("src", re.compile(re.escape(path) + r"[?#]"))
        src = await frame.get_attribute("src")
        assert src is not None
        return src


async def phone_page(browser: Browser, url: str) -> Page:
    """A Mini App page at a phone's size, launched as the chat UI's panel launches it."""
    # The demo people's Telegram speaks Russian; pages without ?lang= follow the browser's.
    page = await browser.new_page(viewport=PHONE, locale="ru-RU", timezone_id=TIMEZONE)
    page.set_default_timeout(WAIT_MS)
    await page.goto(url)
    return page


def starts(text: str) -> re.Pattern[str]:
    """A button name that starts with ``text`` (prices and counts follow it)."""
    return re.compile("^" + re.escape(text))
