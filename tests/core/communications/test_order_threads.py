"""Live messages: notifications of one thread edit one Telegram message, the newest state wins,
and a message that cannot be edited any more is replaced by a new one (real PostgreSQL, a fake
Telegram behind the port)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from uuid import UUID

import pytest
from communications_doubles import FakeTelegram, MakeSender

from core.communications.api import get_notification, notify, purge_settled
from core.communications.errors import InvalidNotification, NotificationNotFound
from core.communications.port import Failed
from core.communications.schemas import NotificationStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database

CUSTOMER = BotRole.CUSTOMER
TEMPLATE = "notification-staff-removed"  # any message with one text parameter will do
THREAD = "order:test:status"
_people = itertools.count(7_880_000_000)


def _person() -> int:
    return next(_people)


async def _queue(
    db: Database,
    person: int,
    shop: str,
    *,
    sequence: int | None = None,
    thread: str = THREAD,
    markup: dict[str, object] | None = None,
) -> UUID:
    made = await notify(
        db,
        person,
        CUSTOMER,
        TEMPLATE,
        {"shop": shop},
        f"thread-test:{person}:{shop}:{sequence}",
        thread=thread,
        sequence=sequence,
        reply_markup=markup,
    )
    assert made is not None
    return made


def _text(translator: Translator, shop: str) -> str:
    return translator.get("ru", TEMPLATE, shop=shop)


async def test_the_first_message_of_a_thread_is_sent_and_later_ones_edit_it(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, translator: Translator
) -> None:
    person = _person()
    first = await _queue(db, person, "Принят")
    await make_sender().run_until_idle()
    await _queue(db, person, "Собирается")
    await make_sender().run_until_idle()
    await _queue(db, person, "Собран")
    await make_sender().run_until_idle()

    [sent, *edits] = [call for call in telegram.calls if call.chat_id == person]
    message_id = (await get_notification(db, first)).telegram_message_id
    assert sent.edits is None
    assert message_id is not None
    assert [call.edits for call in edits] == [message_id, message_id]
    assert telegram.shown(message_id) == _text(translator, "Собран")
    # Another thread of the same person is a message of its own.
    await _queue(db, person, "Замена", thread="order:test:sub:1")
    await make_sender().run_until_idle()
    assert telegram.calls[-1].edits is None


async def test_an_older_state_never_overwrites_a_newer_one(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, translator: Translator
) -> None:
    person = _person()
    # Queued out of order and both due at once: only the newest goes out.
    late = await _queue(db, person, "Собран", sequence=3)
    early = await _queue(db, person, "Принят", sequence=2)
    await make_sender().run_until_idle()
    assert telegram.texts_to(person) == [_text(translator, "Собран")]
    assert (await get_notification(db, early)).status is NotificationStatus.SUPERSEDED
    assert (await get_notification(db, late)).status is NotificationStatus.SENT

    # An even older one arriving after the newest was shown is never sent either.
    oldest = await _queue(db, person, "Ждёт", sequence=1)
    await make_sender().run_until_idle()
    assert len(telegram.texts_to(person)) == 1
    assert (await get_notification(db, oldest)).status is NotificationStatus.SUPERSEDED
    # The same step again (a redelivered state) still edits: equal is not older.
    again = await _queue(db, person, "Собран ещё раз", sequence=3)
    await make_sender().run_until_idle()
    assert (await get_notification(db, again)).status is NotificationStatus.SENT
    assert telegram.calls[-1].edits is not None


async def test_an_edit_that_changes_nothing_counts_as_sent(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    person = _person()
    first = await _queue(db, person, "Принят", sequence=1)
    await make_sender().run_until_idle()
    same = await notify(
        db,
        person,
        CUSTOMER,
        TEMPLATE,
        {"shop": "Принят"},
        f"same:{person}",
        thread=THREAD,
        sequence=1,
    )
    assert same is not None
    await make_sender().run_until_idle()
    message_id = (await get_notification(db, first)).telegram_message_id
    repeated = await get_notification(db, same)
    assert (repeated.status, repeated.telegram_message_id) == (NotificationStatus.SENT, message_id)
    assert telegram.calls[-1].edits == message_id


async def test_a_message_gone_from_the_chat_is_replaced_by_a_new_one(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, translator: Translator
) -> None:
    person = _person()
    first = await _queue(db, person, "Принят")
    await make_sender().run_until_idle()
    old_id = (await get_notification(db, first)).telegram_message_id
    assert old_id is not None
    telegram.forget(old_id)  # the person deleted it

    second = await _queue(db, person, "Собирается")
    await make_sender().run_until_idle()
    replaced = await get_notification(db, second)
    assert replaced.status is NotificationStatus.SENT
    assert replaced.telegram_message_id not in (None, old_id)
    assert [call.edits for call in telegram.calls[-2:]] == [old_id, None]

    await _queue(db, person, "Собран")
    await make_sender().run_until_idle()
    assert telegram.calls[-1].edits == replaced.telegram_message_id
    assert replaced.telegram_message_id is not None
    assert telegram.shown(replaced.telegram_message_id) == _text(translator, "Собран")


async def test_a_failed_send_leaves_the_thread_to_the_next_state(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = _person()
    telegram.script[person] = [Failed("Bad Request: chat not found", permanent=True)]
    failed = await _queue(db, person, "Принят")
    await make_sender().run_until_idle()
    assert (await get_notification(db, failed)).status is NotificationStatus.FAILED
    later = await _queue(db, person, "Собирается")
    await make_sender().run_until_idle()
    sent = await get_notification(db, later)
    assert sent.status is NotificationStatus.SENT
    assert telegram.calls[-1].edits is None  # nothing was shown yet: a new message
    assert sent.thread == THREAD
    assert sent.thread_seq == 2


async def test_buttons_are_written_in_the_persons_language_and_open_our_pages(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram
) -> None:
    person = _person()
    markup = {
        "inline_keyboard": [
            [{"text_key": "notification-order-btn-accept", "callback_data": "ord:accept:ab"}],
            [
                {
                    "text_key": "notification-order-btn-board",
                    "web_app": {"url": "/app/seller/orders?shop=s&order=o"},
                }
            ],
        ]
    }
    await _queue(db, person, "Кнопки", markup=markup)
    await make_sender(public_url="https://fruktgo.example/").run_until_idle()
    assert telegram.calls[-1].reply_markup == {
        "inline_keyboard": [
            [{"text": "✅ Принять", "callback_data": "ord:accept:ab"}],
            [
                {
                    "text": "Открыть заказы",
                    "web_app": {
                        "url": "https://fruktgo.example/app/seller/orders?shop=s&order=o&lang=ru"
                    },
                }
            ],
        ]
    }
    # A process that does not know where the pages are leaves that button out.
    await _queue(db, person, "Без страницы", markup=markup)
    await make_sender().run_until_idle()
    assert telegram.calls[-1].reply_markup == {
        "inline_keyboard": [
            [{"text": "✅ Принять", "callback_data": "ord:accept:ab"}],
        ]
    }


async def test_a_thread_waits_while_one_of_its_messages_is_being_sent(
    db: Database, make_sender: MakeSender, translator: Translator
) -> None:
    person = _person()
    slow = FakeTelegram(hold=asyncio.Event())
    await _queue(db, person, "Принят")
    sending = asyncio.create_task(make_sender(slow).run_until_idle())
    await slow.entered.wait()
    newer = await _queue(db, person, "Собирается")
    # The first is still in flight: a second sender neither sends a new message nor edits.
    assert await make_sender(slow).run_until_idle() == 0
    assert len(slow.calls) == 1
    assert slow.hold is not None
    slow.hold.set()
    await sending
    await make_sender(slow).run_until_idle()
    [sent, edit] = slow.calls
    assert (sent.edits, edit.edits) == (None, 1)
    assert edit.text == _text(translator, "Собирается")
    assert (await get_notification(db, newer)).status is NotificationStatus.SENT


@pytest.mark.parametrize(
    ("thread", "sequence", "params"),
    [
        ("", None, {"shop": "x"}),
        ("t" * 201, None, {"shop": "x"}),
        (None, 3, {"shop": "x"}),
        (THREAD, -1, {"shop": "x"}),
        (THREAD, None, {"Lines": [{"a": "b"}]}),
        (THREAD, None, {"lines": ["not a mapping"]}),
        (THREAD, None, {"lines": [{"a": True}]}),
    ],
)
async def test_threads_sequences_and_list_params_are_checked(
    db: Database, thread: str | None, sequence: int | None, params: dict[str, object]
) -> None:
    with pytest.raises(InvalidNotification):
        await notify(
            db,
            _person(),
            CUSTOMER,
            TEMPLATE,
            params,  # type: ignore[arg-type]
            f"bad:{_person()}",
            thread=thread,
            sequence=sequence,
        )


async def test_settled_threads_are_purged_with_their_notifications(
    db: Database, make_sender: MakeSender, telegram: FakeTelegram, clock: FrozenClock
) -> None:
    person = _person()
    first = await _queue(db, person, "Принят")
    await make_sender().run_until_idle()
    clock.advance(timedelta(days=31))
    assert await purge_settled(db, older_than=timedelta(days=30)) >= 1
    # The thread is forgotten with them: the next state starts a new message.
    await _queue(db, person, "Новый")
    await make_sender().run_until_idle()
    assert telegram.calls[-1].edits is None
    with pytest.raises(NotificationNotFound):
        await get_notification(db, first)
