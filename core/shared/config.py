"""Settings from the environment (prefix ``FRUKTGO_``, ``.env`` supported)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import Field, PostgresDsn, RedisDsn, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]{8,}")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*):[^@/\s]*@")
# The engine is asyncio-only: bare postgres URLs are read as asyncpg, other drivers are refused.
_PG_SCHEMES = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class BotMode(StrEnum):
    POLLING = "polling"
    WEBHOOK = "webhook"


class LogFormat(StrEnum):
    JSON = "json"
    CONSOLE = "console"


class BotRole(StrEnum):
    """The four bots; one token each."""

    CUSTOMER = "customer"
    COURIER = "courier"
    SELLER = "seller"
    SUPPORT = "support"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FRUKTGO_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: PostgresDsn = Field(
        default=PostgresDsn("postgresql+asyncpg://postgres@127.0.0.1:5432/fruktgo"),
        description="PostgreSQL URL for SQLAlchemy with asyncpg",
    )
    database_pool_size: int = Field(default=10, ge=1, le=200)
    redis_url: RedisDsn = Field(default=RedisDsn("redis://127.0.0.1:6379/0"))

    customer_bot_token: SecretStr | None = None
    courier_bot_token: SecretStr | None = None
    seller_bot_token: SecretStr | None = None
    support_bot_token: SecretStr | None = None
    telegram_api_url: str | None = Field(
        default=None, description="Bot API base URL; unset means api.telegram.org"
    )
    bot_mode: BotMode = BotMode.POLLING
    webhook_base_url: str | None = Field(
        default=None, description="Public https URL the webhooks are reached at"
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret from which each bot's secret_token is derived"
    )

    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = Field(
        default="http://127.0.0.1:8080", description="Where Mini App pages are served from"
    )
    telegram_web_app_js: str = Field(
        default="https://telegram.org/js/telegram-web-app.js",
        description="URL of telegram-web-app.js that Mini App pages load (the sandbox serves a "
        "stand-in)",
    )
    session_ttl_seconds: int = Field(
        default=1800, ge=60, le=24 * 3600, description="Lifetime of a Mini App API session"
    )

    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(default=8081, ge=1, le=65535, description="Telegram emulator port")

    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_language: str = Field(default="ru", pattern="^(ru|en)$")
    init_data_max_age_seconds: int = Field(default=3600, ge=10)

    log_format: LogFormat = LogFormat.CONSOLE
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")

    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_max_attempts: int = Field(default=8, ge=1)
    outbox_retention_days: int = Field(default=7, ge=1)
    update_dedup_ttl_seconds: int = Field(default=24 * 3600, ge=60)

    def bot_token(self, role: BotRole) -> str | None:
        token: SecretStr | None = getattr(self, f"{role.value}_bot_token")
        return token.get_secret_value() if token else None

    def require_bots(self) -> dict[BotRole, str]:
        """The four bot tokens, or a SettingsError naming each missing or malformed one."""
        problems = []
        tokens: dict[BotRole, str] = {}
        for role in BotRole:
            variable = f"FRUKTGO_{role.value.upper()}_BOT_TOKEN"
            token = self.bot_token(role)
            if not token:
                problems.append(f"setting {variable} is missing: expected the {role.value} "
                                "bot's token from @BotFather, like 123456:ABC-DEF...")
            elif not _TOKEN_SHAPE.fullmatch(token):
                problems.append(f"setting {variable} is invalid: expected <bot id>:<secret>, "
                                "like 123456:ABC-DEF...")
            else:
                tokens[role] = token
        if self.bot_mode is BotMode.WEBHOOK:
            if not self.webhook_base_url:
                problems.append("setting FRUKTGO_WEBHOOK_BASE_URL is missing: webhook mode needs "
                                "the public https URL Telegram will call")
            if self.webhook_secret is None:
                problems.append("setting FRUKTGO_WEBHOOK_SECRET is missing: webhook mode needs a "
                                "secret to sign each bot's secret_token")
        if problems:
            raise SettingsError("; ".join(problems))
        return tokens

    @field_validator("database_url", mode="before")
    @classmethod
    def _asyncpg_url(cls, raw: object) -> object:
        if isinstance(raw, str) and "://" in raw:
            scheme, rest = raw.split("://", 1)
            if scheme not in _PG_SCHEMES:
                raise ValueError("expected postgresql+asyncpg://user@host:5432/database")
            return f"{_PG_SCHEMES[scheme]}://{rest}"
        return raw

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, raw: object) -> object:
        # Environment variables carry lists as "12345,67890".
        if isinstance(raw, str):
            parts = [part.strip() for part in raw.replace(";", ",").split(",")]
            if not all(part.lstrip("-").isdigit() for part in parts if part):
                raise ValueError("expected a comma-separated list of Telegram ids, e.g. 1,2")
            return [int(part) for part in parts if part]
        return raw


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it and says what is expected."""


def _masked(value: object) -> str:
    # Never echo a password from a URL into a log line.
    return _URL_PASSWORD.sub(r"\1:***@", repr(value))


def describe_validation_error(error: ValidationError) -> str:
    """One line per bad setting: its variable name, what was wrong, what is expected."""
    lines = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "?"
        variable = f"FRUKTGO_{field.upper()}"
        given = item.get("input")
        shown = "" if isinstance(given, dict) or given is None else f" (got {_masked(given)})"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"setting {variable} is invalid{shown}: {message}")
    return "; ".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation error into a SettingsError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None
