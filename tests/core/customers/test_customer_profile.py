"""Profile: the phone comes only from the person's own contact; onboarding is marked once."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.customers import api
from core.customers.errors import ForeignContact, InvalidPhone
from core.customers.schemas import SharedContact
from core.shared.clock import FrozenClock
from core.shared.uow import Database

NewCustomer = Callable[[], Awaitable[int]]
_agents = itertools.count(6_290_000_000)


def next_id() -> int:
    return next(_agents)


async def test_no_profile_until_needed(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    assert await api.get_profile(db, me, customer_id) is None


async def test_own_contact_gives_the_phone_in_e164(
    db: Database, clock: FrozenClock, customer_id: int
) -> None:
    me = Actor(customer_id)
    contact = SharedContact(customer_id, "7 916 123-45-67", customer_id)
    profile = await api.save_phone_from_contact(db, me, contact)
    assert profile.phone == "+79161234567"
    assert profile.phone_shared_at == clock.now()
    assert await api.get_profile(db, me, customer_id) == profile


@pytest.mark.parametrize("owner", ["stranger", None])
async def test_someone_elses_contact_is_refused(
    db: Database, customer_id: int, new_customer: NewCustomer, owner: str | None
) -> None:
    me = Actor(customer_id)
    contact_owner = await new_customer() if owner else None
    with pytest.raises(ForeignContact):
        await api.save_phone_from_contact(
            db, me, SharedContact(customer_id, "+79160000000", contact_owner))
    assert await api.get_profile(db, me, customer_id) is None


async def test_a_contact_sent_on_someone_elses_behalf_is_refused(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    stranger = Actor(await new_customer())
    with pytest.raises(PermissionDenied):
        await api.save_phone_from_contact(
            db, stranger, SharedContact(customer_id, "+79160000000", customer_id))


async def test_a_broken_number_is_refused(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    with pytest.raises(InvalidPhone):
        await api.save_phone_from_contact(db, me,
                                          SharedContact(customer_id, "12", customer_id))


async def test_the_phone_can_be_removed(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    await api.save_phone_from_contact(db, me,
                                      SharedContact(customer_id, "+79161234567", customer_id))
    profile = await api.remove_phone(db, me, customer_id)
    assert (profile.phone, profile.phone_shared_at) == (None, None)


async def test_onboarding_is_marked_once(
    db: Database, clock: FrozenClock, customer_id: int
) -> None:
    me = Actor(customer_id)
    first = await api.complete_onboarding(db, me, customer_id)
    assert first.onboarded_at == clock.now()
    clock.advance(timedelta(days=1))
    again = await api.complete_onboarding(db, me, customer_id)
    assert again.onboarded_at == first.onboarded_at


async def test_profiles_are_private(
    db: Database, customer_id: int, new_customer: NewCustomer
) -> None:
    stranger = Actor(await new_customer())
    with pytest.raises(PermissionDenied):
        await api.get_profile(db, stranger, customer_id)
    with pytest.raises(PermissionDenied):
        await api.complete_onboarding(db, stranger, customer_id)


async def test_support_may_look_but_not_change(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    await api.save_phone_from_contact(db, me,
                                      SharedContact(customer_id, "+79161234567", customer_id))
    agent = Actor(next_id(), platform_roles=frozenset({Role.SUPPORT}))
    profile = await api.get_profile(db, agent, customer_id)
    assert profile is not None
    assert profile.phone == "+79161234567"
    with pytest.raises(PermissionDenied):
        await api.remove_phone(db, agent, customer_id)
