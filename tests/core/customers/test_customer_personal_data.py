"""The person's rights: an export of everything stored about them, and deletion of the account."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select

from core.auth.api import get_user
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor
from core.customers import _personal_data, api
from core.customers.errors import CustomerNotFound
from core.customers.schemas import AddressInput, AddressLabel, SharedContact
from core.shared.clock import FrozenClock
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database, Transaction

NewCustomer = Callable[[], Awaitable[int]]

HOME = AddressInput(latitude=55.7512, longitude=37.6184, text="Тверская, 1", floor=5,
                    comment="Код 12", label=AddressLabel.HOME)


async def _fill(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    await api.save_phone_from_contact(db, me,
                                      SharedContact(customer_id, "79161234567", customer_id))
    await api.add_address(db, me, customer_id, HOME)
    await api.add_address(db, me, customer_id, AddressInput(text="Лесная, 5"))


async def test_the_export_holds_user_profile_and_addresses(
    db: Database, clock: FrozenClock, customer_id: int
) -> None:
    me = Actor(customer_id)
    await _fill(db, customer_id)
    document = await api.export_personal_data(db, me, customer_id)

    json.dumps(document)  # plain JSON values only
    assert document["format"] == "fruktgo.personal-data.v1"
    assert document["customer_id"] == customer_id
    assert document["generated_at"] == clock.now().isoformat()
    sections = document["sections"]
    assert sections["user"]["first_name"] == "Анна"
    assert sections["user"]["username"] == "anna_p"
    assert sections["customer_profile"]["phone"] == "+79161234567"
    home, other = sections["customer_addresses"]
    assert (home["text"], home["latitude"], home["floor"], home["comment"], home["label"],
            home["is_default"]) == ("Тверская, 1", 55.7512, 5, "Код 12", "home", True)
    assert other["text"] == "Лесная, 5"


async def test_other_modules_add_their_sections(
    db: Database, customer_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = Actor(customer_id)
    async def orders(tx: Transaction, person: int) -> Any:
        return [{"customer": person, "total": 12_300}]

    # The registry is process-wide; the test's section must not outlive the test.
    monkeypatch.setattr(_personal_data, "_SECTIONS", dict(_personal_data.sections()))
    api.export_section("orders")(orders)
    document = await api.export_personal_data(db, me, customer_id)
    assert document["sections"]["orders"] == [{"customer": customer_id, "total": 12_300}]
    assert list(document["sections"]) == sorted(document["sections"])


def test_a_section_name_belongs_to_one_function() -> None:
    async def impostor(tx: Transaction, person: int) -> Any:
        return None

    with pytest.raises(ValueError, match="taken"):
        api.export_section("customer_addresses")(impostor)


async def test_nobody_exports_someone_else(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    stranger = Actor(await new_customer())
    with pytest.raises(PermissionDenied):
        await api.export_personal_data(db, stranger, customer_id)


async def test_deletion_erases_anonymises_and_tells_the_other_modules(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    me = Actor(customer_id)
    neighbour = await new_customer()
    await _fill(db, customer_id)
    await _fill(db, neighbour)

    await api.delete_account(db, me, customer_id)

    assert await api.get_profile(db, me, customer_id) is None
    assert await api.list_addresses(db, me, customer_id) == []
    user = await get_user(db, customer_id)
    assert user is not None  # the row stays, so records that point at it still join
    assert (user.first_name, user.last_name, user.username, user.language) == ("", None, None,
                                                                               None)
    async with db.sessionmaker() as session:
        events = (await session.scalars(
            select(OutboxEvent).where(OutboxEvent.name == "customers.account_deleted")
        )).all()
    assert [e.payload for e in events if e.payload["customer_id"] == customer_id] == [
        {"customer_id": customer_id}]
    export = await api.export_personal_data(db, me, customer_id)
    assert export["sections"]["customer_profile"] is None
    assert export["sections"]["customer_addresses"] == []
    # The neighbour keeps everything.
    assert len(await api.list_addresses(db, Actor(neighbour), neighbour)) == 2


async def test_a_failed_deletion_publishes_nothing(db: Database) -> None:
    never_seen = 6_299_999_998
    with pytest.raises(CustomerNotFound):
        await api.delete_account(db, Actor(never_seen), never_seen)
    async with db.sessionmaker() as session:
        events = (await session.scalars(
            select(OutboxEvent).where(OutboxEvent.name == "customers.account_deleted")
        )).all()
    assert not [e for e in events if e.payload["customer_id"] == never_seen]


async def test_nobody_deletes_someone_else(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    me = Actor(customer_id)
    stranger = Actor(await new_customer())
    await _fill(db, customer_id)
    with pytest.raises(PermissionDenied):
        await api.delete_account(db, stranger, customer_id)
    assert len(await api.list_addresses(db, me, customer_id)) == 2
