"""``fruktgo events dead`` and ``fruktgo events replay``: the outbox's dead letters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC
from typing import TextIO

from core.shared.config import Settings
from core.shared.outbox import DeadDelivery, RedisNudge, dead_deliveries, replay_dead
from fruktgo.container import Container

_ERROR_WIDTH = 60
_HEADERS = ("event id", "event", "subscriber", "attempts", "last error", "dead since (UTC)")


async def list_dead(settings: Settings, *, limit: int = 50, out: TextIO) -> int:
    """Print the dead deliveries, newest first, as a table."""
    container = Container.build(settings)
    try:
        dead = await dead_deliveries(container.db, limit=limit)
    finally:
        await container.close()
    if not dead:
        out.write("no dead deliveries\n")
        return 0
    out.write(render_table(dead))
    if len(dead) == limit:
        out.write(f"(showing the newest {limit}; use --limit to see more)\n")
    return 0


async def replay(
    settings: Settings, event_ids: Sequence[str], *, replay_all: bool, out: TextIO
) -> int:
    """Make dead deliveries pending again (those of ``event_ids``, or all); 1 on unknown ids."""
    wanted: list[uuid.UUID] = []
    malformed: list[str] = []
    for raw in event_ids:
        try:
            wanted.append(uuid.UUID(raw.strip()))
        except ValueError:
            malformed.append(raw)
    if malformed:
        out.write(f"not event ids: {', '.join(malformed)}; nothing replayed\n")
        return 1
    if not wanted and not replay_all:
        out.write("give event ids or --all; nothing replayed\n")
        return 1
    container = Container.build(settings)
    try:
        result = await replay_dead(container.db, None if replay_all else wanted)
        if result.replayed:
            await RedisNudge(container.redis)()  # wake the relays now rather than at next poll
    finally:
        await container.close()
    if result.unknown:
        unknown = ", ".join(str(event_id) for event_id in result.unknown)
        out.write(f"no dead deliveries for event ids: {unknown}; nothing replayed\n")
        return 1
    if not result.replayed:
        out.write("no dead deliveries to replay\n")
        return 0
    noun = "delivery" if result.replayed == 1 else "deliveries"
    out.write(f"replayed {result.replayed} {noun}; the workers will deliver them again\n")
    return 0


def render_table(dead: Sequence[DeadDelivery]) -> str:
    """A plain-text table, one dead delivery a line."""
    rows = [_HEADERS] + [
        (
            str(item.event_id),
            item.event_name,
            item.subscriber,
            str(item.attempts),
            _one_line(item.last_error or "", _ERROR_WIDTH),
            item.dead_since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        )
        for item in dead
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "".join(line.rstrip() + "\n" for line in lines)


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
