"""Test-only tasks for test_tasks.py (declared on import, like a module's tasks.py)."""

from __future__ import annotations

import asyncio
import uuid

from core.shared.tasks import TaskContext, task


class Calls:
    """What the test tasks saw; reset before every test."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.echoed: list[tuple[TaskContext, uuid.UUID, int]] = []
        self.gate_entered = asyncio.Event()
        self.gate_open = asyncio.Event()


calls = Calls()


@task("tasks_test.echoed")
async def echo(ctx: TaskContext, item_id: uuid.UUID, times: int = 1) -> str:
    calls.echoed.append((ctx, item_id, times))
    return f"{item_id}x{times}"


@task("tasks_test.gated")
async def gated(ctx: TaskContext) -> None:
    calls.gate_entered.set()
    await calls.gate_open.wait()
