"""``fruktgo``: the one command. Each subcommand is a process with its own composition."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from core.shared.config import Settings, SettingsError, load_settings
from core.shared.logging import configure_logging
from fruktgo.aiogram_models import import_aiogram


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fruktgo", description="FruktGo marketplace")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="web server and the four bots (polling or webhooks by setting)")
    sub.add_parser("worker", help="taskiq worker and the outbox relay")
    sub.add_parser("scheduler", help="periodic jobs (one per deployment)")
    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    sandbox = sub.add_parser("sandbox", help="the whole system offline, with demo data")
    sandbox.add_argument("--no-seed", action="store_true", help="skip the demo data")
    sub.add_parser("seed-demo", help="load the demo data into the configured database")
    events = sub.add_parser("events", help="operate the outbox")
    events_sub = events.add_subparsers(dest="events_command", required=True)
    dead = events_sub.add_parser("dead", help="list dead-lettered deliveries")
    dead.add_argument("--limit", type=int, default=50)
    replay = events_sub.add_parser("replay", help="send dead-lettered deliveries again")
    replay.add_argument("event_ids", nargs="*", help="event ids; none with --all")
    replay.add_argument("--all", action="store_true", dest="replay_all")
    return parser


def _run(coro: Coroutine[Any, Any, int | None]) -> int:
    try:
        return asyncio.run(coro) or 0
    except KeyboardInterrupt:
        return 130


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        sys.stderr.write(f"fruktgo: {exc}\n")
        return 2
    configure_logging(json=settings.log_format == "json", level=settings.log_level)
    handler = _HANDLERS[args.command]
    try:
        return handler(settings, args)
    except SettingsError as exc:
        sys.stderr.write(f"fruktgo: {exc}\n")
        return 2


def _cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    settings.require_bots()  # before importing aiogram (seconds), so a bad token fails at once
    import_aiogram()
    from fruktgo.app import run_app

    # What is imported lives as long as the process: out of the collector's full passes, which
    # would otherwise walk all of it again and again (about 1 ms an update under load).
    gc.freeze()
    return _run(run_app(settings))


def _cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    import_aiogram()
    from fruktgo.worker import run_worker

    return _run(run_worker(settings))


def _cmd_scheduler(settings: Settings, args: argparse.Namespace) -> int:
    import_aiogram()
    from fruktgo.worker import run_scheduler

    return _run(run_scheduler(settings))


def _cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    from alembic import command

    from core.shared.migrate import alembic_config

    command.upgrade(alembic_config(str(settings.database_url)), args.revision)
    return 0


def _cmd_sandbox(settings: Settings, args: argparse.Namespace) -> int:
    import_aiogram()
    from fruktgo.sandbox import run_sandbox

    return _run(run_sandbox(settings, seed=not args.no_seed))


def _cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    from fruktgo.demo import seed_demo

    return _run(seed_demo(settings))


def _cmd_events(settings: Settings, args: argparse.Namespace) -> int:
    from fruktgo.events_admin import list_dead, replay

    if args.events_command == "dead":
        return _run(list_dead(settings, limit=args.limit, out=sys.stdout))
    if not args.event_ids and not args.replay_all:
        sys.stderr.write("fruktgo events replay: give event ids or --all\n")
        return 2
    return _run(replay(settings, args.event_ids, replay_all=args.replay_all, out=sys.stdout))


_HANDLERS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "run": _cmd_run,
    "worker": _cmd_worker,
    "scheduler": _cmd_scheduler,
    "migrate": _cmd_migrate,
    "sandbox": _cmd_sandbox,
    "seed-demo": _cmd_seed_demo,
    "events": _cmd_events,
}
