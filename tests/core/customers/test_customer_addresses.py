"""Saved addresses: exactly one default, ownership, the limit, edits and deletion."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor
from core.customers import api
from core.customers.errors import AddressLimitReached, AddressNotFound, CustomerNotFound
from core.customers.schemas import AddressInput, AddressLabel, AddressOut, DeliveryCoverage
from core.shared.clock import FrozenClock
from core.shared.uow import Database

NewCustomer = Callable[[], Awaitable[int]]

HOME = AddressInput(latitude=55.7512, longitude=37.6184, text="Тверская, 1", entrance="2",
                    floor=5, apartment="12", comment="Домофон не работает",
                    label=AddressLabel.HOME)


def typed(text: str) -> AddressInput:
    return AddressInput(text=text)


def defaults(addresses: list[AddressOut]) -> list[uuid.UUID]:
    return [a.id for a in addresses if a.is_default]


async def test_the_first_address_becomes_the_default(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    saved = await api.add_address(db, me, customer_id, HOME)
    address = saved.address
    assert address.is_default
    assert (address.latitude, address.longitude, address.text, address.entrance, address.floor,
            address.apartment, address.comment, address.label) == (
        55.7512, 37.6184, "Тверская, 1", "2", 5, "12", "Домофон не работает", AddressLabel.HOME)
    assert saved.coverage in (DeliveryCoverage.COVERED, DeliveryCoverage.NOT_COVERED)

    second_saved = await api.add_address(db, me, customer_id, typed("Арбат, 10"))
    second = second_saved.address
    assert not second.is_default
    # A typed address is not placed on the map, so nobody can tell who delivers there.
    assert second_saved.coverage is DeliveryCoverage.UNKNOWN
    listed = await api.list_addresses(db, me, customer_id)
    assert [a.id for a in listed] == [address.id, second.id]
    assert await api.get_address(db, me, second.id) == second


async def test_a_new_address_may_take_over_the_default(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    first = (await api.add_address(db, me, customer_id, typed("Арбат, 10"))).address
    work = (await api.add_address(db, me, customer_id, typed("Лесная, 5"),
                                  make_default=True)).address
    listed = await api.list_addresses(db, me, customer_id)
    assert defaults(listed) == [work.id]
    assert [a.id for a in listed] == [work.id, first.id]  # the default comes first


async def test_set_default_moves_the_mark(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    ids = [(await api.add_address(db, me, customer_id, typed(f"Улица {n}"))).address.id
           for n in range(3)]
    chosen = await api.set_default_address(db, me, ids[2])
    assert chosen.is_default
    assert defaults(await api.list_addresses(db, me, customer_id)) == [ids[2]]
    again = await api.set_default_address(db, me, ids[2])  # a double tap is harmless
    assert again.is_default
    assert defaults(await api.list_addresses(db, me, customer_id)) == [ids[2]]


async def test_concurrent_new_defaults_leave_exactly_one(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    await asyncio.gather(*(
        api.add_address(db, me, customer_id, typed(f"Улица {n}"), make_default=True)
        for n in range(8)
    ))
    listed = await api.list_addresses(db, me, customer_id)
    assert len(listed) == 8
    assert len(defaults(listed)) == 1


async def test_concurrent_set_default_leaves_exactly_one(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    ids = [(await api.add_address(db, me, customer_id, typed(f"Улица {n}"))).address.id
           for n in range(6)]
    await asyncio.gather(*(api.set_default_address(db, me, i) for i in ids * 2))
    assert len(defaults(await api.list_addresses(db, me, customer_id))) == 1


async def test_concurrent_deletes_and_defaults_keep_the_invariant(
    db: Database, customer_id: int
) -> None:
    me = Actor(customer_id)
    ids = [(await api.add_address(db, me, customer_id, typed(f"Улица {n}"))).address.id
           for n in range(6)]
    await asyncio.gather(
        *(api.delete_address(db, me, i) for i in ids[:3]),
        *(api.set_default_address(db, me, i) for i in ids[3:]),
    )
    listed = await api.list_addresses(db, me, customer_id)
    assert {a.id for a in listed} == set(ids[3:])
    assert len(defaults(listed)) == 1


async def test_the_database_refuses_a_second_default(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    await api.add_address(db, me, customer_id, typed("Арбат, 10"))
    with pytest.raises(IntegrityError, match="uq_customer_addresses_one_default"):
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO customer_addresses (id, customer_id, text, is_default, created_at,"
                " updated_at) VALUES (gen_random_uuid(), :c, 'Лесная, 5', true, now(), now())"
            ), {"c": customer_id})


async def test_the_address_limit(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    for n in range(api.ADDRESS_LIMIT):
        await api.add_address(db, me, customer_id, typed(f"Улица {n}"))
    with pytest.raises(AddressLimitReached) as refused:
        await api.add_address(db, me, customer_id, typed("Ещё одна, 1"))
    assert refused.value.params == {"limit": api.ADDRESS_LIMIT}


async def test_the_limit_holds_under_concurrency(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    results = await asyncio.gather(
        *(api.add_address(db, me, customer_id, typed(f"Улица {n}"))
          for n in range(api.ADDRESS_LIMIT + 4)),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 4
    assert all(isinstance(r, AddressLimitReached) for r in refused)
    listed = await api.list_addresses(db, me, customer_id)
    assert len(listed) == api.ADDRESS_LIMIT
    assert len(defaults(listed)) == 1


async def test_update_changes_the_fields_and_keeps_the_default(
    db: Database, clock: FrozenClock, customer_id: int
) -> None:
    me = Actor(customer_id)
    address = (await api.add_address(db, me, customer_id, HOME)).address
    clock.advance(timedelta(minutes=5))
    changed = (await api.update_address(db, me, address.id,
        AddressInput(text="  Тверская,   3 ", floor=-1, comment="  ", label=AddressLabel.WORK),
    )).address
    assert (changed.latitude, changed.text, changed.floor, changed.comment, changed.entrance,
            changed.label) == (None, "Тверская, 3", -1, None, None, AddressLabel.WORK)
    assert changed.is_default
    assert changed.updated_at == address.updated_at + timedelta(minutes=5)
    assert changed.created_at == address.created_at


async def test_deleting_the_default_promotes_the_newest_other(
    db: Database, clock: FrozenClock, customer_id: int
) -> None:
    me = Actor(customer_id)
    ids = []
    for n in range(3):
        clock.advance(timedelta(seconds=1))
        ids.append((await api.add_address(db, me, customer_id,
                                          typed(f"Улица {n}"))).address.id)
    successor = await api.delete_address(db, me, ids[0])
    assert successor is not None
    assert successor.id == ids[2]
    assert successor.is_default
    assert defaults(await api.list_addresses(db, me, customer_id)) == [ids[2]]


async def test_deleting_another_keeps_the_default(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    first = (await api.add_address(db, me, customer_id, typed("Арбат, 10"))).address
    other = (await api.add_address(db, me, customer_id, typed("Лесная, 5"))).address
    successor = await api.delete_address(db, me, other.id)
    assert successor is not None
    assert successor.id == first.id


async def test_deleting_the_last_leaves_none(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    only = (await api.add_address(db, me, customer_id, typed("Арбат, 10"))).address
    assert await api.delete_address(db, me, only.id) is None
    assert await api.list_addresses(db, me, customer_id) == []
    with pytest.raises(AddressNotFound):
        await api.delete_address(db, me, only.id)


async def test_nobody_touches_another_customers_addresses(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    me = Actor(customer_id)
    stranger = Actor(await new_customer())
    address = (await api.add_address(db, me, customer_id, HOME)).address
    attempts = [
        api.get_address(db, stranger, address.id),
        api.update_address(db, stranger, address.id, typed("Моя улица, 1")),
        api.set_default_address(db, stranger, address.id),
        api.delete_address(db, stranger, address.id),
        api.list_addresses(db, stranger, customer_id),
        api.add_address(db, stranger, customer_id, typed("Моя улица, 1")),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            await attempt
    assert await api.list_addresses(db, me, customer_id) == [address]


async def test_unknown_ids_and_people(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    with pytest.raises(AddressNotFound):
        await api.get_address(db, me, uuid.uuid4())
    unknown_person = 6_299_999_999
    with pytest.raises(CustomerNotFound):
        await api.add_address(db, Actor(unknown_person), unknown_person, HOME)
