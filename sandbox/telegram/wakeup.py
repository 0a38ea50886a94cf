"""A broadcast wake-up: long polls and sim waits sleep on it and re-check their condition."""

from __future__ import annotations

import asyncio


class Signal:
    """Wakes every current waiter at once; waiters then re-check what they wait for.

    Nothing is lost between a waiter's check and its wait, because both happen in the same
    event-loop step (no await between them)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake everybody waiting now."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> bool:
        """Sleep until notified (True) or until that many seconds pass (False)."""
        event = self._event
        if seconds <= 0:
            return False
        try:
            await asyncio.wait_for(event.wait(), seconds)
        except TimeoutError:
            return False
        return True
