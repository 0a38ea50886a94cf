"""Mini App initData checks, against data signed the way Telegram signs it (the sandbox's signer,
written separately from the checker)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from core.auth.api import get_user, load_actor, sign_in_web_app, verify_init_data
from core.auth.errors import InitDataBadSignature, InitDataExpired, InitDataMalformed
from core.auth.schemas import WebAppLaunch
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.errors import ErrorKind
from core.shared.uow import Database
from sandbox.telegram.webapp import build_init_data, sign

TOKENS = {
    BotRole.CUSTOMER: "7000001:customer-secret-AAAA",
    BotRole.COURIER: "7000002:courier-secret-BBBB",
    BotRole.SELLER: "7000003:seller-secret-CCCC",
    BotRole.SUPPORT: "7000004:support-secret-DDDD",
}
FOREIGN_TOKEN = "9999999:someone-elses-bot-ZZZZ"
NOW = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
USER = {"id": 7_200_000_001, "first_name": "Анна", "last_name": "Петрова", "username": "anna",
        "language_code": "en", "allows_write_to_pm": True}


def signed(token: str = TOKENS[BotRole.SELLER], *, auth_date: datetime = NOW,
           user: dict[str, object] | None = None) -> str:
    return build_init_data(token, user=user or USER, auth_date=int(auth_date.timestamp()),
                           query_id="AAHdF6IQAAAAAN0XohDhrOrc", start_param="shop_42")


def verify(init_data: str, now: datetime = NOW) -> WebAppLaunch:
    return verify_init_data(init_data, TOKENS, now=now, max_age=HOUR)


@pytest.mark.parametrize("bot", list(BotRole))
def test_data_from_any_of_our_bots_is_accepted_and_says_which(bot: BotRole) -> None:
    launch = verify_init_data(signed(TOKENS[bot]), TOKENS, now=NOW, max_age=HOUR)
    assert launch.bot is bot
    assert launch.user.telegram_id == USER["id"]
    assert (launch.user.first_name, launch.user.last_name, launch.user.username,
            launch.user.language_code) == ("Анна", "Петрова", "anna", "en")
    assert launch.auth_date == NOW
    assert (launch.query_id, launch.start_param) == ("AAHdF6IQAAAAAN0XohDhrOrc", "shop_42")


def test_a_forged_hash_is_refused() -> None:
    fields = dict(parse_qsl(signed()))
    fields["hash"] = "0" * 64
    with pytest.raises(InitDataBadSignature) as caught:
        verify(urlencode(fields))
    assert caught.value.code == "init_data_bad_signature"
    assert caught.value.kind is ErrorKind.UNAUTHENTICATED


def test_altered_data_is_refused() -> None:
    fields = dict(parse_qsl(signed()))
    fields["user"] = fields["user"].replace(str(USER["id"]), "7200000002")
    with pytest.raises(InitDataBadSignature):
        verify(urlencode(fields))


def test_another_bots_data_is_refused() -> None:
    with pytest.raises(InitDataBadSignature):
        verify(signed(FOREIGN_TOKEN))


def test_a_bot_missing_from_the_settings_is_not_trusted() -> None:
    without_support = {bot: token for bot, token in TOKENS.items() if bot is not BotRole.SUPPORT}
    with pytest.raises(InitDataBadSignature):
        verify_init_data(signed(TOKENS[BotRole.SUPPORT]), without_support, now=NOW, max_age=HOUR)


def test_extra_fields_are_part_of_the_signature() -> None:
    # Telegram signs every field but hash, including ones newer than this code (e.g. signature).
    fields = dict(parse_qsl(signed()))
    del fields["hash"]
    fields["signature"] = "ed25519-signature-value"
    fields["hash"] = sign(TOKENS[BotRole.SELLER], fields)
    assert verify(urlencode(fields)).bot is BotRole.SELLER
    fields["signature"] = "tampered"
    with pytest.raises(InitDataBadSignature):
        verify(urlencode(fields))


@pytest.mark.parametrize(("age", "ok"), [
    (timedelta(0), True),
    (HOUR, True),
    (HOUR + timedelta(seconds=1), False),
    (timedelta(days=2), False),
])
def test_age_of_auth_date(age: timedelta, ok: bool) -> None:
    data = signed(auth_date=NOW - age)
    if ok:
        verify(data)
    else:
        with pytest.raises(InitDataExpired) as caught:
            verify(data)
        assert caught.value.code == "init_data_expired"


def test_a_small_clock_skew_is_tolerated_but_not_a_date_far_ahead() -> None:
    verify(signed(auth_date=NOW + timedelta(minutes=2)))
    with pytest.raises(InitDataMalformed):
        verify(signed(auth_date=NOW + timedelta(hours=1)))


def _resigned(**fields: str) -> str:
    fields.pop("hash", None)
    return urlencode({**fields, "hash": sign(TOKENS[BotRole.SELLER], fields)})


@pytest.mark.parametrize("init_data", [
    "",
    "hash=",
    "no-equals-sign",
    "user=%7B%7D&auth_date=1",  # no hash
    "auth_date=1&hash=xyz",  # hash of the wrong shape
    "a=1&a=2&hash=" + "0" * 64,  # a repeated field
    "x" * 9000,
])
def test_malformed_data_is_refused(init_data: str) -> None:
    with pytest.raises(InitDataMalformed) as caught:
        verify(init_data)
    assert caught.value.code == "init_data_malformed"


@pytest.mark.parametrize("fields", [
    {"user": '{"id": 1, "first_name": "A"}'},  # no auth_date
    {"user": '{"id": 1, "first_name": "A"}', "auth_date": "yesterday"},
    {"user": "not json", "auth_date": str(int(NOW.timestamp()))},
    {"user": '{"first_name": "A"}', "auth_date": str(int(NOW.timestamp()))},
    {"user": '{"id": "1", "first_name": "A"}', "auth_date": str(int(NOW.timestamp()))},
    {"user": '[1, 2]', "auth_date": str(int(NOW.timestamp()))},
    {"auth_date": str(int(NOW.timestamp()))},  # no user
])
def test_signed_but_unreadable_content_is_malformed(fields: dict[str, str]) -> None:
    with pytest.raises(InitDataMalformed):
        verify(_resigned(**fields))


async def test_signing_in_records_a_new_person_and_loads_their_roles(
    db: Database, clock: FrozenClock
) -> None:
    user = {**USER, "id": 7_200_000_010}
    data = build_init_data(TOKENS[BotRole.COURIER], user=user,
                           auth_date=int(clock.now().timestamp()))

    signed_in = await sign_in_web_app(db, data, bot_tokens=TOKENS, max_age=HOUR)

    assert signed_in.user.telegram_id == user["id"]
    assert signed_in.user.first_name == "Анна"
    assert signed_in.actor.via is BotRole.COURIER
    assert signed_in.actor.platform_roles == frozenset()
    assert await get_user(db, 7_200_000_010) == signed_in.user
    assert (await load_actor(db, 7_200_000_010)).telegram_id == 7_200_000_010


async def test_signing_in_refreshes_the_profile_only_when_asked(
    db: Database, clock: FrozenClock
) -> None:
    first = {**USER, "id": 7_200_000_011}
    renamed = {**first, "first_name": "Аня"}
    at = int(clock.now().timestamp())
    await sign_in_web_app(db, build_init_data(TOKENS[BotRole.SELLER], user=first, auth_date=at),
                          bot_tokens=TOKENS, max_age=HOUR)
    kept = await sign_in_web_app(
        db, build_init_data(TOKENS[BotRole.SELLER], user=renamed, auth_date=at),
        bot_tokens=TOKENS, max_age=HOUR)
    assert kept.user.first_name == "Анна"
    refreshed = await sign_in_web_app(
        db, build_init_data(TOKENS[BotRole.SELLER], user=renamed, auth_date=at),
        bot_tokens=TOKENS, max_age=HOUR, refresh_profile=True)
    assert refreshed.user.first_name == "Аня"


async def test_signing_in_uses_the_injected_clock(db: Database, clock: FrozenClock) -> None:
    data = build_init_data(TOKENS[BotRole.SELLER], user={**USER, "id": 7_200_000_012},
                           auth_date=int(clock.now().timestamp()))
    clock.advance(HOUR + timedelta(seconds=1))
    with pytest.raises(InitDataExpired):
        await sign_in_web_app(db, data, bot_tokens=TOKENS, max_age=HOUR)
    assert await get_user(db, 7_200_000_012) is None
