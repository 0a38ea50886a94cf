"""Settings: a bad value stops the process with a line naming the variable and what is expected."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.shared.config import BotMode, BotRole, SettingsError, load_settings

GOOD_TOKEN = "123456:ABCdef_ghi-JKL"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No FRUKTGO_ variables from the outside and no stray .env: each test sets what it needs."""
    for name in list(os.environ):
        if name.startswith("FRUKTGO_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def failure(**env: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        with pytest.raises(SettingsError) as raised:
            load_settings()
    message = str(raised.value)
    assert "\n" not in message  # one line, fit for the last line of a failed start
    return message


def test_defaults_need_no_environment() -> None:
    settings = load_settings()
    assert settings.bot_mode is BotMode.POLLING
    assert settings.admin_ids == []
    assert str(settings.database_url).startswith("postgresql+asyncpg://")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("FRUKTGO_WEB_PORT", "abc", "valid integer"),
        ("FRUKTGO_WEB_PORT", "70000", "less than or equal to 65535"),
        ("FRUKTGO_DATABASE_POOL_SIZE", "0", "greater than or equal to 1"),
        ("FRUKTGO_BOT_MODE", "pigeon", "'polling' or 'webhook'"),
        ("FRUKTGO_LOG_FORMAT", "xml", "'json' or 'console'"),
        ("FRUKTGO_LOG_LEVEL", "LOUD", "DEBUG|INFO|WARNING|ERROR"),
        ("FRUKTGO_DEFAULT_LANGUAGE", "de", "ru|en"),
        ("FRUKTGO_OUTBOX_POLL_SECONDS", "0", "greater than 0"),
        ("FRUKTGO_DATABASE_URL", "mysql://db/fruktgo", "postgresql+asyncpg://"),
        ("FRUKTGO_REDIS_URL", "http://cache", "redis"),
        ("FRUKTGO_ADMIN_IDS", "12,abc", "comma-separated list of Telegram ids"),
    ],
)
def test_a_bad_value_names_the_variable_and_what_is_expected(
    variable: str, value: str, expected: str
) -> None:
    message = failure(**{variable: value})
    assert message.startswith(f"setting {variable} is invalid")
    assert repr(value) in message
    assert expected in message


def test_every_bad_value_is_named() -> None:
    message = failure(FRUKTGO_WEB_PORT="abc", FRUKTGO_BOT_MODE="pigeon")
    assert "FRUKTGO_WEB_PORT" in message
    assert "FRUKTGO_BOT_MODE" in message


def test_a_url_password_is_not_echoed() -> None:
    message = failure(FRUKTGO_DATABASE_URL="mysql://shop:hunter2@db/fruktgo")
    assert "hunter2" not in message
    assert "FRUKTGO_DATABASE_URL" in message


def test_overrides_are_validated_the_same_way() -> None:
    with pytest.raises(SettingsError, match="FRUKTGO_WEB_PORT"):
        load_settings(web_port=0)


@pytest.mark.parametrize(
    "url",
    [
        "postgres://shop@db:5432/fruktgo",
        "postgresql://shop@db:5432/fruktgo",
        "postgresql+asyncpg://shop@db:5432/fruktgo",
    ],
)
def test_postgres_urls_use_the_asyncpg_driver(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRUKTGO_DATABASE_URL", url)
    assert str(load_settings().database_url) == "postgresql+asyncpg://shop@db:5432/fruktgo"


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("12345", [12345]),
        ("12345,67890", [12345, 67890]),
        (" 1 , 2 ;3 ", [1, 2, 3]),
        ("1,,2,", [1, 2]),
        ("", []),
    ],
)
def test_admin_ids_parse_from_a_list(
    raw: str, parsed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRUKTGO_ADMIN_IDS", raw)
    assert load_settings().admin_ids == parsed


def test_admin_ids_accept_a_list_in_code() -> None:
    assert load_settings(admin_ids=[7, 8]).admin_ids == [7, 8]


def test_require_bots_lists_each_missing_token() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings().require_bots()
    message = str(raised.value)
    for role in BotRole:
        assert f"setting FRUKTGO_{role.value.upper()}_BOT_TOKEN is missing" in message
    assert "@BotFather" in message
    assert "WEBHOOK" not in message  # polling mode needs no webhook settings


def test_require_bots_names_only_what_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRUKTGO_CUSTOMER_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("FRUKTGO_COURIER_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("FRUKTGO_SELLER_BOT_TOKEN", "not-a-token")
    with pytest.raises(SettingsError) as raised:
        load_settings().require_bots()
    message = str(raised.value)
    assert "FRUKTGO_SELLER_BOT_TOKEN is invalid: expected <bot id>:<secret>" in message
    assert "FRUKTGO_SUPPORT_BOT_TOKEN is missing" in message
    assert "CUSTOMER" not in message
    assert "COURIER" not in message
    assert "not-a-token" not in message  # a token, even a wrong one, is a secret


def test_require_bots_in_webhook_mode_needs_the_url_and_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for role in BotRole:
        monkeypatch.setenv(f"FRUKTGO_{role.value.upper()}_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("FRUKTGO_BOT_MODE", "webhook")
    with pytest.raises(SettingsError) as raised:
        load_settings().require_bots()
    message = str(raised.value)
    assert "setting FRUKTGO_WEBHOOK_BASE_URL is missing" in message
    assert "setting FRUKTGO_WEBHOOK_SECRET is missing" in message
    assert "BOT_TOKEN" not in message

    monkeypatch.setenv("FRUKTGO_WEBHOOK_BASE_URL", "https://fruktgo.example")
    monkeypatch.setenv("FRUKTGO_WEBHOOK_SECRET", "s3cret")
    tokens = load_settings().require_bots()
    assert tokens == dict.fromkeys(BotRole, GOOD_TOKEN)


def test_tokens_stay_secret_in_reprs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRUKTGO_CUSTOMER_BOT_TOKEN", GOOD_TOKEN)
    settings = load_settings()
    assert GOOD_TOKEN not in repr(settings)
    assert settings.bot_token(BotRole.CUSTOMER) == GOOD_TOKEN
    assert settings.bot_token(BotRole.SUPPORT) is None


def test_dotenv_file_is_read(clean_environment: Path) -> None:
    (clean_environment / ".env").write_text(
        "FRUKTGO_WEB_PORT=9090\nFRUKTGO_ADMIN_IDS=5,6\n"
        f"FRUKTGO_CUSTOMER_BOT_TOKEN={GOOD_TOKEN}\nUNRELATED=1\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.web_port == 9090
    assert settings.admin_ids == [5, 6]
    assert settings.bot_token(BotRole.CUSTOMER) == GOOD_TOKEN


def test_environment_wins_over_dotenv(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean_environment / ".env").write_text("FRUKTGO_WEB_PORT=9090\n", encoding="utf-8")
    monkeypatch.setenv("FRUKTGO_WEB_PORT", "9191")
    assert load_settings().web_port == 9191


def test_a_bad_value_in_dotenv_is_named(clean_environment: Path) -> None:
    (clean_environment / ".env").write_text("FRUKTGO_WEB_PORT=eighty\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="FRUKTGO_WEB_PORT is invalid"):
        load_settings()
