"""Building and running the emulator: ``create_emulator_app`` for an aiohttp app to mount or
test, ``start_emulator`` to serve it on a port and get an ``EmulatorHandle``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import TracebackType

from aiohttp import ClientSession, web

from .botapi import STATE_KEY, setup_bot_api
from .sim import setup_sim
from .state import EmulatorOptions, EmulatorState
from .ui import setup_ui
from .webhooks import WebhookSender

MAX_UPLOAD = 50 * 1024 * 1024


class BotCredentials(str):
    """A registered bot's token (the string itself, so it can go straight into ``Bot(...)``),
    with the bot's id and username alongside."""

    id: int
    username: str

    def __new__(cls, token: str, *, bot_id: int, username: str) -> BotCredentials:
        credentials = super().__new__(cls, token)
        credentials.id = bot_id
        credentials.username = username
        return credentials

    @property
    def token(self) -> str:
        """The bot token, ``<id>:<35 characters>``."""
        return str(self)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    state = app[STATE_KEY]
    state.closing = False
    session = ClientSession()
    state.http = session
    sender = WebhookSender(state, session)
    state.on_webhook_changed = sender.configure
    for bot in state.bots.values():
        if bot.webhook is not None:
            sender.configure(bot)
    try:
        yield
    finally:
        state.shutdown()
        await sender.close()
        await session.close()
        state.http = None
        state.on_webhook_changed = lambda bot: None


async def _wake_waiters(app: web.Application) -> None:
    # Long polls and sim waits would otherwise hold the shutdown for their whole timeout.
    app[STATE_KEY].shutdown()


def create_emulator_app(
    state: EmulatorState | None = None,
    *,
    limits: bool = True,
    options: EmulatorOptions | None = None,
) -> web.Application:
    """The emulator as an aiohttp app: Bot API, /file, /sim and the chat UI at /."""
    if state is None:
        if options is None:
            options = EmulatorOptions()
            options.limits.enabled = limits
        state = EmulatorState(options)
    app = web.Application(client_max_size=MAX_UPLOAD)
    app[STATE_KEY] = state
    setup_bot_api(app)
    setup_sim(app)
    setup_ui(app)
    app.cleanup_ctx.append(_lifecycle)
    app.on_shutdown.append(_wake_waiters)
    return app


class EmulatorHandle:
    """A running emulator: its base URL, its state, bot registration, and close()."""

    def __init__(self, runner: web.AppRunner, url: str, app: web.Application) -> None:
        self._runner = runner
        self.url = url
        self.app = app
        self.state: EmulatorState = app[STATE_KEY]

    def register_bot(
        self, username: str, *, token: str | None = None, first_name: str | None = None
    ) -> BotCredentials:
        """Create a bot (token generated in Telegram's shape unless given)."""
        bot = self.state.register_bot(username, token=token, first_name=first_name)
        return BotCredentials(bot.token, bot_id=bot.id, username=bot.username)

    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        phone: str | None = None,
        user_id: int | None = None,
    ) -> int:
        """Create a person; returns their user id."""
        person = self.state.add_person(
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            phone=phone,
            user_id=user_id,
        )
        return person.id

    async def close(self) -> None:
        """Stop serving (long polls are answered, webhook senders stopped)."""
        await self._runner.cleanup()

    async def __aenter__(self) -> EmulatorHandle:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def start_emulator(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    limits: bool = True,
    options: EmulatorOptions | None = None,
    state: EmulatorState | None = None,
) -> EmulatorHandle:
    """Serve the emulator on host:port (port 0 picks a free one) and return its handle."""
    app = create_emulator_app(state, limits=limits, options=options)
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    actual_port = port
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            actual_port = int(address[1])
            break
    return EmulatorHandle(runner, f"http://{host}:{actual_port}", app)
