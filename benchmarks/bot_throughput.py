"""Bot throughput benchmark: "open a category" in the customer bot, against a bare echo bot.

Seeds the demo world into a scratch database, onboards many customers at an address the demo
shops deliver to, and starts the Telegram emulator in this process (limits off). The web app of
``fruktgo run`` serves the customer bot's webhook route; every simulated person presses a
category button, waits until that update has been handled (webhook → Dispatcher → database →
editMessageText at the emulator), and presses the other category, so the pages really change.

The baseline runs through the same web app, the same webhook path and the same emulator, with a
bare aiogram Dispatcher whose one handler answers each text message with the same text. Both are
closed loops of ``users`` people at once; the figure is completed updates per second, and the
ratio is ours to the echo bot's (the goal is at least 0.5).
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.methods import TelegramMethod
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiohttp import ClientSession, web
from redis.asyncio import Redis

from benchmarks._harness import (
    Scratch,
    Transcript,
    result_line,
    run,
    scratch_database,
    scratch_redis,
)
from bot.customer.catalog_callbacks import CatalogItems
from bot.customer.catalog_where import categories_with_offers
from core.auth.api import remember_user, set_language
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.catalog.schemas import CategoryOut
from core.customers import api as customers
from core.customers.schemas import AddressInput, AddressLabel, SharedContact
from core.geo.schemas import Point
from core.shared.clock import FrozenClock
from core.shared.config import BotMode, BotRole, Settings, load_settings
from core.storefront.api import shops_at
from fruktgo.bots import (
    build_bots,
    close_bots,
    create_bot,
    webhook_feeds,
    webhook_path,
    webhook_secret,
)
from fruktgo.container import Container
from fruktgo.demo import seed_into
from fruktgo.sandbox import BOT_USERNAMES
from sandbox.telegram.ids import new_query_id
from sandbox.telegram.models import BotAccount, PendingQuery
from sandbox.telegram.server import EmulatorHandle, start_emulator
from sandbox.telegram.state import EmulatorOptions
from web.app import create_web_app, serving
from web.telegram_webhooks import SECRET_HEADER, UpdateHandler, WebhookFeed
from web.telegram_webhooks import setup_telegram_webhooks as add_webhook_routes

NAME = "bot throughput"
BASELINE = "a bare aiogram echo bot"

# A Wednesday, noon in Moscow: every demo shop is open.
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
# Where the customers live: the demo's Arbat address, inside the demo shops' zones.
HOME = AddressInput(
    latitude=55.7503, longitude=37.5936, text="Москва, улица Арбат, 24", label=AddressLabel.HOME
)
# The benchmark's people; far from the demo's and the tests' Telegram ids.
FIRST_USER_ID = 9_630_000_001
ECHO_BOT = "fruktgo_bench_echo_bot"
WEBHOOK_SECRET = "bot-throughput-benchmark"


@dataclass(frozen=True)
class Plan:
    """How many people press at once and how many updates are counted; defaults are the
    benchmark's."""

    users: int = 64
    updates: int = 2_000
    warmup: int = 200


@dataclass(frozen=True)
class Round:
    """One closed-loop run: how many updates completed in how many seconds."""

    label: str
    updates: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def describe(self) -> str:
        """One line for the report."""
        return (
            f"{self.label:<34} {self.rate:9.1f} updates/s"
            f"   ({self.updates} in {self.seconds:.2f} s)"
        )


@dataclass(frozen=True)
class Report:
    """The report's lines, the result line, both rounds and what the emulator was asked, so a
    test can see every press became an edit and every echo a message."""

    lines: tuple[str, ...]
    result: str
    ours: Round
    echo: Round
    calls: dict[str, int]
    errors: dict[str, int]


# -- completion: the webhook answers at once, the handler finishes later ---------------------


@dataclass
class Completions:
    """Futures for updates in flight, resolved when their handler has finished."""

    waiting: dict[int, asyncio.Future[None]] = field(default_factory=dict)

    def wrap(self, handle: UpdateHandler) -> UpdateHandler:
        async def counted(update: dict[str, Any]) -> None:
            try:
                await handle(update)
            finally:
                done = self.waiting.pop(update["update_id"], None)
                if done is not None and not done.done():
                    done.set_result(None)

        return counted

    def expect(self, update_id: int) -> asyncio.Future[None]:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting[update_id] = done
        return done


MakeUpdate = Callable[[int, int, int], dict[str, Any]]  # (user id, update id, press number)


async def _closed_loop(
    url: str,
    secret: str,
    completions: Completions,
    make_update: MakeUpdate,
    users: Sequence[int],
    update_ids: itertools.count[int],
    total: int,
    presses: dict[int, int],
) -> float:
    """Every user posts an update and waits for it to be handled, until ``total`` are done;
    returns the seconds it took. ``presses`` counts each user's updates across rounds."""
    taken = itertools.count()
    headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}

    async with ClientSession() as session:

        async def person(user_id: int) -> None:
            while next(taken) < total:
                update_id = next(update_ids)
                done = completions.expect(update_id)
                press = presses.get(user_id, 0)
                presses[user_id] = press + 1
                body = json.dumps(make_update(user_id, update_id, press))
                async with session.post(url, data=body, headers=headers) as answer:
                    if answer.status != 200:
                        raise RuntimeError(f"webhook answered {answer.status}")
                await done

        started = time.perf_counter()
        await asyncio.gather(*(person(user_id) for user_id in users))
        return time.perf_counter() - started


@dataclass
class Route:
    """The customer bot's webhook route on the web app of ``fruktgo run``, served; which bot
    handles its updates is swapped between rounds, so both meet the very same app and path."""

    url: str
    secret: str
    completions: Completions
    handler: UpdateHandler | None = None

    async def handle(self, update: dict[str, Any]) -> None:
        if self.handler is None:
            raise RuntimeError("no bot behind the webhook route")
        await self.handler(update)


@asynccontextmanager
async def served_route(container: Container) -> AsyncIterator[Route]:
    """Serve the web app with the customer bot's webhook route on a free port."""
    settings = container.settings
    app = create_web_app(settings=settings, db=container.db, redis=container.redis)
    path = webhook_path(BotRole.CUSTOMER)
    route = Route("", webhook_secret(settings, BotRole.CUSTOMER), Completions())
    add_webhook_routes(app, [WebhookFeed(path, route.secret, route.completions.wrap(route.handle))])
    async with serving(app, host="127.0.0.1", port=0) as runner:
        route.url = f"{_base_url(runner)}{path}"
        yield route


async def _measure(
    label: str,
    route: Route,
    handler: UpdateHandler,
    make_update: MakeUpdate,
    users: Sequence[int],
    update_ids: itertools.count[int],
    plan: Plan,
) -> Round:
    """``handler`` behind the route; warm up, then count."""
    route.handler = handler
    presses: dict[int, int] = {}
    for total in (plan.warmup, plan.updates):
        # As ``fruktgo run`` does after its imports: what lives as long as the process (modules,
        # the bots, the emulator) stays out of the full collections, for both rounds alike.
        gc.collect()
        gc.freeze()
        seconds = await _closed_loop(
            route.url,
            route.secret,
            route.completions,
            make_update,
            users,
            update_ids,
            total,
            presses,
        )
    return Round(label, plan.updates, seconds)


def _base_url(runner: web.AppRunner) -> str:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return f"http://127.0.0.1:{address[1]}"
    raise RuntimeError("the web app listens nowhere")


# -- the world ----------------------------------------------------------------------------


def bench_settings(
    emulator: EmulatorHandle, scratch: Scratch, redis_url: str, *, server_url: str | None
) -> Settings:
    """The app's settings pointed at the emulator, the scratch database and Redis, in webhook
    mode (the routes are served by the benchmark, so the base URL is only a formality)."""
    base = load_settings() if server_url is None else Settings(database_url=server_url)
    tokens = {
        f"{role.value}_bot_token": emulator.register_bot(username, first_name=title).token
        for role, (username, title) in BOT_USERNAMES.items()
    }
    return Settings.model_validate(
        {
            **base.model_dump(),
            **tokens,
            "database_url": scratch.url.render_as_string(hide_password=False),
            "redis_url": redis_url,
            "telegram_api_url": emulator.url,
            "bot_mode": BotMode.WEBHOOK,
            "webhook_base_url": "http://127.0.0.1:1",
            "webhook_secret": WEBHOOK_SECRET,
            "log_level": "WARNING",
        }
    )


@asynccontextmanager
async def emulated_app(
    name: str, *, server_url: str | None, redis_url: str | None, pool_size: int = 5
) -> AsyncIterator[tuple[EmulatorHandle, Scratch, Container]]:
    """The Telegram emulator in this process (limits off, no /start needed), a scratch database
    and Redis db, and the app's container on them with its bots registered at the emulator."""
    options = EmulatorOptions(require_start=False)
    options.limits.enabled = False
    emulator = await start_emulator(port=0, options=options)
    try:
        async with (
            scratch_database(
                name, server_url=server_url, clock=FrozenClock(NOW), pool_size=pool_size
            ) as scratch,
            scratch_redis(server_url=redis_url) as redis,
        ):
            settings = bench_settings(emulator, scratch, redis_url_of(redis), server_url=server_url)
            yield emulator, scratch, Container(settings=settings, db=scratch.db, redis=redis)
    finally:
        await emulator.close()


async def onboard_customers(
    container: Container, emulator: EmulatorHandle, count: int, *, first_id: int = FIRST_USER_ID
) -> list[int]:
    """``count`` customers known to the app and the emulator, phone and default address set."""
    db = container.db
    users: list[int] = []
    for user_id in range(first_id, first_id + count):
        first_name = f"Покупатель {user_id - first_id + 1}"
        emulator.add_user(first_name, language_code="ru", user_id=user_id)
        await remember_user(db, TelegramProfile(user_id, first_name, language_code="ru"))
        await set_language(db, user_id, "ru")
        actor = Actor(user_id)
        phone = f"+7916{user_id % 10_000_000:07d}"
        await customers.save_phone_from_contact(db, actor, SharedContact(user_id, phone, user_id))
        await customers.add_address(db, actor, user_id, HOME, make_default=True)
        await customers.complete_onboarding(db, actor, user_id)
        users.append(user_id)
    return users


async def two_categories(container: Container) -> tuple[str, list[str]]:
    """The nearest shop's button data for two categories with offers at HOME, and a title."""
    point = Point(float(HOME.latitude or 0), float(HOME.longitude or 0))
    shops = await shops_at(container.db, point)
    if not shops:
        raise RuntimeError("no demo shop is open at the benchmark's address and hour")
    shop = shops[0]
    found: list[CategoryOut] = []
    for root in await categories_with_offers(container.db, point, shop.id, None):
        found.append(root)
        found.extend(await categories_with_offers(container.db, point, shop.id, root.id))
    if len(found) < 2:
        raise RuntimeError("the demo shop has fewer than two categories with offers")
    data = [CatalogItems(shop=shop.id, category=category.id).pack() for category in found[:2]]
    return shop.name, data


def _message_json(emulator: EmulatorHandle, bot: BotAccount, user_id: int, message_id: int) -> Any:
    """The Bot API Message as the bot sees it, from the emulator's own chat."""
    state = emulator.state
    stored = state.private_conversation(bot, state.people[user_id]).find(message_id)
    if stored is None:
        raise RuntimeError(f"the emulator lost message {message_id}")
    return state.for_bot(bot, stored.data)


# -- the two bots under test --------------------------------------------------------------


def echo_handler(bot: Bot) -> UpdateHandler:
    """The baseline: a Dispatcher with one handler answering a text with the same text."""
    dispatcher = Dispatcher()

    @dispatcher.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    async def handle(update: dict[str, Any]) -> None:
        result = await dispatcher.feed_raw_update(bot, update)
        if isinstance(result, TelegramMethod):
            await dispatcher.silent_call_request(bot, result)

    return handle


def echo_updates(emulator: EmulatorHandle) -> MakeUpdate:
    """Text messages from the people to the echo bot, as Telegram would post them."""
    people = emulator.state.people

    def make(user_id: int, update_id: int, press: int) -> dict[str, Any]:
        user = people[user_id].user_json()
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        message = {
            "message_id": press + 1,
            "date": int(NOW.timestamp()),
            "chat": chat,
            "from": user,
            "text": f"Яблоки, пожалуйста ({press})",
        }
        return {"update_id": update_id, "message": message}

    return make


def press_updates(
    emulator: EmulatorHandle, bot: BotAccount, messages: dict[int, Any], data: Sequence[str]
) -> MakeUpdate:
    """Presses of the category buttons, alternating so that each press changes the page; each
    query is registered with the emulator so answerCallbackQuery finds it, as on Telegram."""
    state = emulator.state

    def make(user_id: int, update_id: int, press: int) -> dict[str, Any]:
        query = PendingQuery(id=new_query_id(), bot_id=bot.id, user_id=user_id)
        state.callbacks[query.id] = query
        callback = {
            "id": query.id,
            "from": state.people[user_id].user_json(),
            "message": messages[user_id],
            "chat_instance": f"bench-{user_id}",
            "data": data[press % len(data)],
        }
        return {"update_id": update_id, "callback_query": callback}

    return make


async def benchmark(
    plan: Plan = Plan(),
    *,
    server_url: str | None = None,
    redis_url: str | None = None,
    say: Callable[[str], None] = print,
) -> Report:
    """Seed a scratch world, measure the echo bot, then "open a category", and report."""
    report = Transcript(say)
    async with emulated_app(
        "botrate", server_url=server_url, redis_url=redis_url, pool_size=10
    ) as (emulator, scratch, container):
        report(f"bot throughput benchmark in scratch database {scratch.name}")
        started = time.perf_counter()
        await seed_into(container)
        users = await onboard_customers(container, emulator, plan.users)
        shop, data = await two_categories(container)
        report(
            f"set up in {time.perf_counter() - started:.1f} s: the demo world and "
            f"{len(users)} customers pressing two categories of {shop}"
        )
        async with served_route(container) as route:
            ours, echo, stats = await _rounds(emulator, route, container, users, data, plan)
        report(echo.describe())
        report(ours.describe())
        report(f"emulator calls: {json.dumps(stats['calls'], sort_keys=True)}")
    ratio = ours.rate / echo.rate
    result = result_line(NAME, ours.rate, "updates/s", ratio, BASELINE)
    calls, errors = dict(stats["calls"]), dict(stats["errors"])
    return Report(tuple(report.lines), result, ours, echo, calls, errors)


async def _rounds(
    emulator: EmulatorHandle,
    route: Route,
    container: Container,
    users: Sequence[int],
    data: Sequence[str],
    plan: Plan,
) -> tuple[Round, Round, dict[str, Any]]:
    settings = container.settings
    update_ids = itertools.count(1)
    state = emulator.state
    echo_credentials = emulator.register_bot(ECHO_BOT, first_name="Echo")
    echo_bot = create_bot(settings, echo_credentials.token)
    try:
        echo = await _measure(
            "bare aiogram echo bot (baseline)",
            route,
            echo_handler(echo_bot),
            echo_updates(emulator),
            users,
            update_ids,
            plan,
        )
    finally:
        await echo_bot.session.close()
    bot_set = build_bots(container)
    try:
        customer = bot_set[BotRole.CUSTOMER].bot
        account = state.bots[customer.id]
        menu = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="🍎", callback_data=item)] for item in data]
        )
        messages: dict[int, Any] = {}
        for user_id in users:
            sent = await customer.send_message(user_id, "Каталог", reply_markup=menu)
            messages[user_id] = _message_json(emulator, account, user_id, sent.message_id)
        state.stats.reset()
        feed = next(
            f for f in webhook_feeds(bot_set, settings) if f.path == webhook_path(BotRole.CUSTOMER)
        )
        ours = await _measure(
            'customer bot: "open a category"',
            route,
            feed.handle,
            press_updates(emulator, account, messages, data),
            users,
            update_ids,
            plan,
        )
        stats = state.stats.json()
    finally:
        await close_bots(bot_set)
    return ours, echo, stats


def redis_url_of(redis: Redis) -> str:
    """The URL of the Redis db a client talks to (for settings handed on)."""
    kwargs = redis.connection_pool.connection_kwargs
    password = kwargs.get("password")
    auth = f":{password}@" if password else ""
    host, port = kwargs.get("host", "127.0.0.1"), kwargs.get("port", 6379)
    return f"redis://{auth}{host}:{port}/{kwargs.get('db', 0)}"


async def _main() -> str:
    return (await benchmark()).result


if __name__ == "__main__":
    raise SystemExit(run(_main))
