"""Update-level middlewares: repeats dropped per bot, the sender remembered (and rewritten only
when something changed), their roles handed over, FSM keyed by bot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.methods import SendMessage
from aiogram.types import Message, Update
from bot_fakes import Harness, message_update, message_update_json, texts
from redis.asyncio import Redis

from bot.common.middlewares import dedup_key
from core.auth.api import SEEN_REFRESH, get_user, grant_role, revoke_role
from core.auth.policy import Actor, Role
from core.auth.schemas import UserOut
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.uow import Database


async def test_a_repeated_update_is_handled_once(customer: Harness, user_id: int) -> None:
    update = message_update(41, "/help", user_id=user_id)
    first = await customer.feed(update)
    second = await customer.feed(update)
    assert len(texts(first)) == 1
    assert second == []


async def test_repeats_are_told_apart_by_bot(
    harness_for: Callable[[BotRole], Harness], redis: Redis, user_id: int
) -> None:
    update = message_update(42, "/help", user_id=user_id)
    customer, courier = harness_for(BotRole.CUSTOMER), harness_for(BotRole.COURIER)
    assert len(texts(await customer.feed(update))) == 1
    assert len(texts(await courier.feed(update))) == 1  # same update_id, another bot
    ttl = await redis.ttl(dedup_key(customer.bot.id, 42))
    assert 0 < ttl <= 24 * 3600


async def test_the_sender_is_remembered_and_handed_to_handlers(
    customer: Harness, db: Database, clock: FrozenClock, user_id: int
) -> None:
    seen: list[UserOut] = []
    router = Router()

    @router.message(Command("whoami"))
    async def whoami(message: Message, user: UserOut) -> None:
        seen.append(user)

    customer.dispatcher.include_router(router)
    await customer.send("/whoami", user_id=user_id, first_name="Борис")
    stored = await get_user(db, user_id)
    assert stored is not None
    assert seen == [stored]
    assert stored.first_name == "Борис"
    assert stored.last_seen_at == clock.now()


def _whoami_router(seen: list[tuple[UserOut, Actor]]) -> Router:
    router = Router()

    @router.message(Command("whoami"))
    async def whoami(message: Message, user: UserOut, actor: Actor) -> None:
        seen.append((user, actor))

    return router


def _whoami(harness: Harness, user_id: int, username: str | None) -> Update:
    """/whoami from a sender with ``username``."""
    update: dict[str, Any] = message_update_json(harness.next_update_id(), "/whoami",
                                                 user_id=user_id)
    update["message"]["from"]["username"] = username
    return Update.model_validate(update)


async def test_the_sender_is_rewritten_only_when_something_changed(
    customer: Harness, db: Database, clock: FrozenClock, user_id: int
) -> None:
    seen: list[tuple[UserOut, Actor]] = []
    customer.dispatcher.include_router(_whoami_router(seen))
    await customer.feed(_whoami(customer, user_id, "anna"))
    first = await get_user(db, user_id)
    clock.advance(SEEN_REFRESH / 2)

    await customer.feed(_whoami(customer, user_id, "anna"))
    assert await get_user(db, user_id) == first  # nothing new: last seen stays as it was

    await customer.feed(_whoami(customer, user_id, "anna_p"))
    renamed = await get_user(db, user_id)
    assert renamed is not None
    assert (renamed.username, renamed.last_seen_at) == ("anna_p", clock.now())
    assert [user for user, _ in seen] == [first, first, renamed]


async def test_handlers_get_the_roles_held_at_the_update(
    customer: Harness, db: Database, user_id: int
) -> None:
    seen: list[tuple[UserOut, Actor]] = []
    customer.dispatcher.include_router(_whoami_router(seen))
    admin = Actor(1000001, frozenset({Role.ADMIN}))  # the policy is all grant_role asks
    await customer.send("/start", user_id=user_id)
    await grant_role(db, admin, user_id, Role.COURIER)
    await customer.feed(_whoami(customer, user_id, None))
    await revoke_role(db, admin, user_id, Role.COURIER)
    await customer.feed(_whoami(customer, user_id, None))
    assert [actor for _, actor in seen] == [
        Actor(user_id, frozenset({Role.COURIER}), via=BotRole.CUSTOMER),
        Actor(user_id, via=BotRole.CUSTOMER),
    ]


def _state_router() -> Router:
    router = Router()

    @router.message(Command("remember"))
    async def remember(message: Message, state: FSMContext) -> None:
        await state.set_state("demo:waiting")

    @router.message(Command("state"))
    async def report(message: Message, state: FSMContext) -> None:
        await message.answer(str(await state.get_state()))

    return router


async def test_fsm_state_is_kept_per_bot(
    harness_for: Callable[[BotRole], Harness], redis: Redis, user_id: int
) -> None:
    customer, seller = harness_for(BotRole.CUSTOMER), harness_for(BotRole.SELLER)
    customer.dispatcher.include_router(_state_router())
    seller.dispatcher.include_router(_state_router())

    await customer.send("/remember", user_id=user_id)
    assert texts(await seller.send("/state", user_id=user_id)) == ["None"]
    assert texts(await customer.send("/state", user_id=user_id)) == ["demo:waiting"]
    # Stored in Redis under the bot's id, where another process would find it too.
    key = f"fsm:{customer.bot.id}:{user_id}:{user_id}:state"
    assert await redis.get(key) == b"demo:waiting"


async def test_updates_without_a_sender_pass_through(customer: Harness) -> None:
    update = Update.model_validate({
        "update_id": 900,
        "channel_post": {"message_id": 1, "date": 1767258000, "text": "/help",
                         "chat": {"id": -100500, "type": "channel", "title": "news"}},
    })
    assert await customer.feed(update) == []
    assert not customer.session.of(SendMessage)
