"""Reading and locking the customers tables."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert

from core.customers._models import CustomerAddress, CustomerProfile
from core.customers.schemas import AddressLabel, AddressOut, ProfileOut
from core.shared.uow import Transaction


async def lock_profile(tx: Transaction, customer_id: int) -> CustomerProfile:
    """The customer's profile, created if missing, locked until the transaction ends.

    Every change to a customer's addresses takes this lock first, so the default invariant and
    the address limit are checked against a stable set of rows.
    """
    now = tx.clock.now()
    await tx.session.execute(
        insert(CustomerProfile)
        .values(customer_id=customer_id, created_at=now, updated_at=now)
        .on_conflict_do_nothing(index_elements=[CustomerProfile.customer_id])
    )
    statement = (
        select(CustomerProfile)
        .where(CustomerProfile.customer_id == customer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await tx.session.scalars(statement)).one()


async def find_profile(tx: Transaction, customer_id: int) -> CustomerProfile | None:
    return await tx.session.get(CustomerProfile, customer_id)


async def find_address(
    tx: Transaction, address_id: uuid.UUID, *, for_update: bool = False
) -> CustomerAddress | None:
    statement = select(CustomerAddress).where(CustomerAddress.id == address_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return (await tx.session.scalars(statement)).one_or_none()


# Every checkout reads the address it delivers to: its table columns (no object to track; the
# address commands flush what they change), by a statement built once.
_ADDRESSES = cast(Table, CustomerAddress.__table__)
_ADDRESS_BY_ID = select(*_ADDRESSES.c).where(_ADDRESSES.c.id == bindparam("address_id"))


async def address_by_id(tx: Transaction, address_id: uuid.UUID) -> AddressOut | None:
    row = (await tx.session.execute(_ADDRESS_BY_ID, {"address_id": address_id})).first()
    return None if row is None else address_out(row)


# Every catalog screen starts from the customer's default address: their addresses as table
# rows, by a statement built once (no objects to track: nothing is changed through them).
_ADDRESSES_OF = (
    select(*_ADDRESSES.c)
    .where(_ADDRESSES.c.customer_id == bindparam("customer_id"))
    .order_by(_ADDRESSES.c.is_default.desc(), _ADDRESSES.c.created_at, _ADDRESSES.c.id)
)


async def address_list(tx: Transaction, customer_id: int) -> list[AddressOut]:
    """The customer's addresses, the default first, then the others oldest first."""
    rows = await tx.session.execute(_ADDRESSES_OF, {"customer_id": customer_id})
    return [address_out(row) for row in rows]


async def addresses_of(tx: Transaction, customer_id: int) -> Sequence[CustomerAddress]:
    """The default first, then the others oldest first."""
    statement = (
        select(CustomerAddress)
        .where(CustomerAddress.customer_id == customer_id)
        .order_by(CustomerAddress.is_default.desc(), CustomerAddress.created_at,
                  CustomerAddress.id)
    )
    return (await tx.session.scalars(statement)).all()


async def count_addresses(tx: Transaction, customer_id: int) -> int:
    statement = select(func.count()).where(CustomerAddress.customer_id == customer_id)
    return (await tx.session.execute(statement)).scalar_one()


async def clear_default(tx: Transaction, customer_id: int) -> None:
    # A statement of its own: PostgreSQL checks a unique index row by row, so swapping the
    # default in one UPDATE could trip over the old default still being set.
    await tx.session.execute(
        update(CustomerAddress)
        .where(CustomerAddress.customer_id == customer_id, CustomerAddress.is_default)
        .values(is_default=False, updated_at=tx.clock.now())
        .execution_options(synchronize_session="fetch")
    )


async def newest_address(tx: Transaction, customer_id: int) -> CustomerAddress | None:
    statement = (
        select(CustomerAddress)
        .where(CustomerAddress.customer_id == customer_id)
        .order_by(CustomerAddress.created_at.desc(), CustomerAddress.id.desc())
        .limit(1)
    )
    return (await tx.session.scalars(statement)).one_or_none()


def address_out(row: CustomerAddress | Row[Any]) -> AddressOut:
    return AddressOut(
        id=row.id,
        customer_id=row.customer_id,
        latitude=row.latitude,
        longitude=row.longitude,
        text=row.text,
        entrance=row.entrance,
        floor=row.floor,
        apartment=row.apartment,
        comment=row.comment,
        label=AddressLabel(row.label) if row.label is not None else None,
        is_default=row.is_default,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def profile_out(row: CustomerProfile) -> ProfileOut:
    return ProfileOut(
        customer_id=row.customer_id,
        phone=row.phone,
        phone_shared_at=row.phone_shared_at,
        onboarded_at=row.onboarded_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
