"""The four bots put together: Bot clients, Dispatchers, polling, webhooks.

Used by ``fruktgo run`` (polling or webhooks by setting) and the sandbox (polling against the
Bot API emulator).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import structlog
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
from aiogram.methods import TelegramMethod

from bot.common.flood_wait import FloodWait
from bot.dispatcher import build_dispatcher, set_commands
from core.shared.config import BotRole, Settings, SettingsError
from core.shared.i18n import Translator
from fruktgo.container import Container
from web.telegram_webhooks import UpdateHandler, WebhookFeed

log = structlog.get_logger(__name__)

WEBHOOK_PATH_PREFIX = "/tg/"
_GET_ME_MAX_DELAY = 30.0
# How long a stopping poller waits for the updates it has taken (Telegram will not resend them).
POLLING_DRAIN_SECONDS = 8.0


@dataclass(frozen=True)
class BotUnit:
    """One bot: its API client and its Dispatcher."""

    role: BotRole
    bot: Bot
    dispatcher: Dispatcher


@dataclass(frozen=True)
class BotSet:
    """The four bots of one process, by role."""

    units: Mapping[BotRole, BotUnit]
    translator: Translator
    settings: Settings

    def __getitem__(self, role: BotRole) -> BotUnit:
        return self.units[role]

    def __iter__(self) -> Iterator[BotUnit]:
        return iter(self.units.values())


def _session(settings: Settings) -> BaseSession:
    if settings.telegram_api_url:
        return AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return AiohttpSession()


def create_bot(settings: Settings, token: str, session: BaseSession | None = None) -> Bot:
    """A Bot API client for ``token``: the configured API server, HTML parse mode."""
    return Bot(
        token,
        session=session if session is not None else _session(settings),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def build_bots(
    container: Container,
    *,
    translator: Translator | None = None,
    session_factory: Callable[[], BaseSession] | None = None,
) -> BotSet:
    """Build the four bots from the settings; a missing or malformed token raises SettingsError."""
    settings = container.settings
    tokens = settings.require_bots()
    translator = translator or Translator()
    units: dict[BotRole, BotUnit] = {}
    for role in BotRole:
        client = create_bot(settings, tokens[role], session_factory() if session_factory else None)
        # A handler's answer waits out a short flood; the worker's bots do not (their sender
        # pauses the bot and puts the message back in the queue instead).
        client.session.middleware(FloodWait())
        dispatcher = build_dispatcher(
            role,
            db=container.db,
            redis=container.redis,
            translator=translator,
            settings=settings,
        )
        units[role] = BotUnit(role=role, bot=client, dispatcher=dispatcher)
    ids = [unit.bot.id for unit in units.values()]
    if len(set(ids)) != len(ids):
        # Dedup, FSM and webhooks are keyed by bot id; two roles on one bot would mix them up.
        raise SettingsError("settings FRUKTGO_*_BOT_TOKEN must name four different bots")
    return BotSet(units=units, translator=translator, settings=settings)


async def _announce_commands(unit: BotUnit, translator: Translator, settings: Settings) -> None:
    try:
        await set_commands(unit.bot, unit.role, translator, settings)
    except TelegramAPIError as exc:
        # A menu is a convenience: the bot works without it, so do not stop the start-up.
        log.warning("bot.commands_not_set", bot=unit.role.value, reason=str(exc))


async def _await_telegram(unit: BotUnit) -> None:
    # aiogram's polling starts with getMe and gives up on the first failure; a Bot API that is
    # still starting (the sandbox) or briefly unreachable should be waited for instead.
    delay = 0.5
    while True:
        try:
            await unit.bot.me()
            return
        except TelegramUnauthorizedError:
            raise SettingsError(
                f"setting FRUKTGO_{unit.role.value.upper()}_BOT_TOKEN is invalid: Telegram "
                "rejects it; expected the token @BotFather gave for this bot"
            ) from None
        except Exception as exc:  # network failures come in many types; all mean "wait"
            log.warning("bot.api_unreachable", bot=unit.role.value, reason=str(exc),
                        retry_in=delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, _GET_ME_MAX_DELAY)


async def _poll(unit: BotUnit, translator: Translator, settings: Settings) -> None:
    await _await_telegram(unit)
    await _announce_commands(unit, translator, settings)
    # getUpdates is refused while a webhook is set; keep the pending updates.
    await unit.bot.delete_webhook(drop_pending_updates=False)
    polling = asyncio.create_task(
        unit.dispatcher.start_polling(unit.bot, handle_signals=False, close_bot_session=False)
    )
    try:
        await asyncio.shield(polling)
    except asyncio.CancelledError:
        # Cancelling aiogram's start_polling leaves its getUpdates loops running on their own;
        # stop_polling ends them properly before we give up.
        with contextlib.suppress(RuntimeError):  # raised when polling has not started yet
            await unit.dispatcher.stop_polling()
        polling.cancel()
        await asyncio.wait({polling})
        raise
    finally:
        await _drain(unit)


async def _drain(unit: BotUnit) -> None:
    # aiogram handles each polled update in a task of its own and leaves them running when
    # polling stops; they were confirmed to Telegram already, so let them finish (bounded).
    taken: set[asyncio.Task[Any]] = set(getattr(unit.dispatcher, "_handle_update_tasks", ()))
    if not taken:
        return
    log.info("bot.polling_draining", bot=unit.role.value, in_flight=len(taken))
    _, late = await asyncio.wait(taken, timeout=POLLING_DRAIN_SECONDS)
    for task in late:
        task.cancel()
    if late:
        log.warning("bot.polling_drain_timeout", bot=unit.role.value, canceled=len(late))


async def start_polling(bot_set: BotSet) -> None:
    """Poll all four bots in one task group until cancelled (or one of them fails)."""
    log.info("bot.polling", bots=[unit.role.value for unit in bot_set])
    try:
        async with asyncio.TaskGroup() as group:
            for unit in bot_set:
                group.create_task(_poll(unit, bot_set.translator, bot_set.settings),
                                  name=f"polling-{unit.role.value}")
    except ExceptionGroup as failed:
        # One bot failing stops the others; its own error says more than a group of one.
        if len(failed.exceptions) == 1:
            raise failed.exceptions[0] from None
        raise


def webhook_path(role: BotRole) -> str:
    """The path of ``role``'s webhook route."""
    return f"{WEBHOOK_PATH_PREFIX}{role.value}"


def webhook_secret(settings: Settings, role: BotRole) -> str:
    """The secret_token Telegram sends to ``role``'s webhook, derived from the shared secret.

    Each bot gets its own, so a leaked bot configuration cannot feed another bot's route.
    """
    if settings.webhook_secret is None:
        raise SettingsError("setting FRUKTGO_WEBHOOK_SECRET is missing: webhook mode needs a "
                            "secret to sign each bot's secret_token")
    key = settings.webhook_secret.get_secret_value().encode()
    # Hex digits are within Telegram's alphabet for secret_token (A-Z, a-z, 0-9, _ and -).
    return hmac.new(key, f"telegram-webhook:{role.value}".encode(), hashlib.sha256).hexdigest()


def _webhook_url(settings: Settings, role: BotRole) -> str:
    if not settings.webhook_base_url:
        raise SettingsError("setting FRUKTGO_WEBHOOK_BASE_URL is missing: webhook mode needs "
                            "the public https URL Telegram will call")
    return settings.webhook_base_url.rstrip("/") + webhook_path(role)


async def set_webhooks(bot_set: BotSet, settings: Settings) -> None:
    """Point Telegram at each bot's webhook route, keeping pending updates, and set the menus."""
    for unit in bot_set:
        allowed = unit.dispatcher.resolve_used_update_types()
        await unit.bot.set_webhook(
            _webhook_url(settings, unit.role),
            secret_token=webhook_secret(settings, unit.role),
            allowed_updates=allowed,
            drop_pending_updates=False,
        )
        log.info("bot.webhook_set", bot=unit.role.value, allowed_updates=allowed)
        await _announce_commands(unit, bot_set.translator, settings)


def _feeder(unit: BotUnit) -> UpdateHandler:
    async def handle(update: dict[str, Any]) -> None:
        result = await unit.dispatcher.feed_raw_update(unit.bot, update)
        # A handler may return a Bot API method as its reply; the webhook answer has gone
        # already, so send it as a request.
        if isinstance(result, TelegramMethod):
            await unit.dispatcher.silent_call_request(unit.bot, result)

    return handle


def webhook_feeds(bot_set: BotSet, settings: Settings) -> list[WebhookFeed]:
    """What ``web.telegram_webhooks.setup_telegram_webhooks`` needs: path, secret, handler."""
    return [
        WebhookFeed(
            path=webhook_path(unit.role),
            secret=webhook_secret(settings, unit.role),
            handle=_feeder(unit),
        )
        for unit in bot_set
    ]


async def close_bots(bot_set: BotSet) -> None:
    """Close the bots' HTTP sessions (the shared Redis and database belong to the container)."""
    for unit in bot_set:
        await unit.bot.session.close()
