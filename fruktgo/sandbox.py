"""``fruktgo sandbox``: the whole system offline, in one process.

Starts the Telegram emulator, registers the four bots with fresh tokens, migrates and seeds the
database, then runs what production runs as separate processes (web + bots, worker + relay,
scheduler) against the emulator, and prints where to open the chat UI. Ctrl-C stops everything:
bots first, then worker and scheduler, then the emulator.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable
from dataclasses import dataclass

import asyncpg
import structlog
from sqlalchemy.engine import make_url

from core.shared.config import BotRole, Settings
from core.shared.migrate import upgrade_to_head
from fruktgo.app import run_app
from fruktgo.container import Container
from fruktgo.demo import DEMO_ADMIN_IDS, DEMO_PEOPLE, seed_into
from fruktgo.worker import run_scheduler, run_worker
from sandbox.telegram.server import EmulatorHandle, start_emulator

log = structlog.get_logger(__name__)

BOT_USERNAMES: dict[BotRole, tuple[str, str]] = {
    BotRole.CUSTOMER: ("fruktgo_bot", "FruktGo"),
    BotRole.COURIER: ("fruktgo_courier_bot", "FruktGo Courier"),
    BotRole.SELLER: ("fruktgo_seller_bot", "FruktGo Seller"),
    BotRole.SUPPORT: ("fruktgo_support_bot", "FruktGo Support"),
}


@dataclass(frozen=True)
class SandboxWorld:
    emulator: EmulatorHandle
    settings: Settings


async def ensure_database(url: str) -> None:
    """Create the configured database if it does not exist yet (a fresh machine has none)."""
    parsed = make_url(url)
    name = parsed.database
    maintenance = parsed.set(drivername="postgresql", database="postgres")
    dsn = maintenance.render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
            log.info("sandbox.database_created", database=name)
    finally:
        await conn.close()


async def start_world(settings: Settings, *, emulator_port: int | None = None) -> SandboxWorld:
    """Start the emulator and derive the settings that point every part at it."""
    emulator = await start_emulator(
        settings.sandbox_host,
        settings.sandbox_port if emulator_port is None else emulator_port,
    )
    tokens: dict[str, object] = {}
    for role, (username, title) in BOT_USERNAMES.items():
        credentials = emulator.register_bot(username, first_name=title)
        tokens[f"{role.value}_bot_token"] = credentials.token
    for person in DEMO_PEOPLE:
        emulator.add_user(
            person.first_name,
            last_name=person.last_name,
            username=person.username,
            language_code=person.language,
            phone=person.phone,
            user_id=person.telegram_id,
        )
    admins = sorted({*settings.admin_ids, *DEMO_ADMIN_IDS})
    derived = Settings.model_validate(
        {
            **settings.model_dump(),
            **tokens,
            "telegram_api_url": emulator.url,
            # Mini App pages load the emulator's stand-in for telegram.org's script.
            "telegram_web_app_js": f"{emulator.url}/js/telegram-web-app.js",
            "bot_mode": "polling",
            "admin_ids": admins,
        }
    )
    return SandboxWorld(emulator=emulator, settings=derived)


async def prepare_database(settings: Settings) -> None:
    """Create, migrate and seed the database."""
    url = str(settings.database_url)
    await ensure_database(url)
    await asyncio.to_thread(upgrade_to_head, url)
    container = Container.build(settings)
    try:
        await seed_into(container)
    finally:
        await container.close()


def sandbox_database_url(settings: Settings) -> str:
    """The sandbox's own database: the configured one's name plus ``_sandbox``."""
    url = make_url(str(settings.database_url))
    return url.set(database=f"{url.database}_sandbox").render_as_string(hide_password=False)


async def recreate_database(url: str) -> None:
    """Drop and create the database at ``url`` (never the configured one: see run_sandbox)."""
    parsed = make_url(url)
    maintenance = parsed.set(drivername="postgresql", database="postgres")
    conn = await asyncpg.connect(maintenance.render_as_string(hide_password=False))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await conn.close()


async def run_sandbox(settings: Settings, *, seed: bool = True) -> int:
    """Run everything against the emulator until Ctrl-C.

    The emulator keeps its chats in memory, so every start is a new world; the database follows
    suit: a separate ``<name>_sandbox`` database, created afresh and migrated on each start. That
    also means a schema change never meets a stale sandbox database, and the configured database
    is never touched.
    """
    url = sandbox_database_url(settings)
    settings = Settings.model_validate({**settings.model_dump(), "database_url": url})
    world = await start_world(settings)
    try:
        await recreate_database(url)
        await asyncio.to_thread(upgrade_to_head, url)
        if seed:
            await prepare_database(world.settings)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        _announce(world)
        return await _run_parts(
            stop,
            {
                "app": run_app(world.settings, stop=stop),
                "worker": run_worker(world.settings, stop=stop),
                "scheduler": run_scheduler(world.settings, stop=stop),
            },
        )
    finally:
        await world.emulator.close()


async def _run_parts(stop: asyncio.Event, parts: dict[str, Awaitable[int]]) -> int:
    tasks = {asyncio.ensure_future(part): name for name, part in parts.items()}
    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    # Whatever ended first (a stop signal or a crash), the others follow it down.
    stop.set()
    code = 0
    for task, name in tasks.items():
        try:
            result = await task
        except Exception as exc:
            log.error("sandbox.part_failed", part=name, error=repr(exc))
            code = 1
        else:
            code = code or result
    return code


def _announce(world: SandboxWorld) -> None:
    settings = world.settings
    people = ", ".join(f"{p.first_name} ({p.role})" for p in DEMO_PEOPLE)
    sys.stdout.write(
        "\nFruktGo sandbox is running.\n"
        f"  Chat UI (act as a person):  {world.emulator.url}/\n"
        f"  Web and Mini App pages:     {settings.public_url}/\n"
        f"  Bots: {', '.join('@' + name for name, _ in BOT_USERNAMES.values())}\n"
        f"  Demo people: {people}\n"
        "Press Ctrl-C to stop.\n\n"
    )
    sys.stdout.flush()
