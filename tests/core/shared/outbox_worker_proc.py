"""``fruktgo worker`` with the outbox test doubles registered; run by test_outbox_crash.py.

Settings come from the environment (FRUKTGO_*), like the real command. With OUTBOX_TEST_HANG
set, the subscriber ``outbox_test.first`` writes its effect, says so on stdout and hangs.
"""

from __future__ import annotations

import asyncio
import sys

import outbox_doubles  # noqa: F401 - registers the test events and subscribers

from core.shared.config import load_settings
from core.shared.logging import configure_logging
from fruktgo.worker import run_worker


def main() -> int:
    settings = load_settings()
    configure_logging(json=True, level="INFO")
    return asyncio.run(run_worker(settings)) or 0


if __name__ == "__main__":
    sys.exit(main())
