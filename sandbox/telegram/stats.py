"""Counters behind GET /sim/stats: calls per method, 429s sent, webhook deliveries."""

from __future__ import annotations

from collections import Counter
from typing import Any


class Stats:
    """What the emulator has been asked and what it answered."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.calls_by_bot: dict[str, Counter[str]] = {}
        self.errors: Counter[int] = Counter()
        self.webhook_deliveries = 0
        self.webhook_failures = 0

    def reset(self) -> None:
        """Start counting from zero."""
        self.calls.clear()
        self.calls_by_bot.clear()
        self.errors.clear()
        self.webhook_deliveries = 0
        self.webhook_failures = 0

    def count_call(self, bot_username: str, method: str) -> None:
        """One Bot API call."""
        self.calls[method] += 1
        self.calls_by_bot.setdefault(bot_username, Counter())[method] += 1

    def count_error(self, error_code: int) -> None:
        """One error answer, by its code."""
        self.errors[error_code] += 1

    def json(self) -> dict[str, Any]:
        """The /sim/stats answer."""
        return {
            "calls": dict(self.calls),
            "calls_by_bot": {bot: dict(calls) for bot, calls in self.calls_by_bot.items()},
            "too_many_requests": self.errors[429],
            "errors": {str(code): count for code, count in self.errors.items()},
            "webhook_deliveries": self.webhook_deliveries,
            "webhook_failures": self.webhook_failures,
        }
