"""customers commands and queries.

Every command takes the ``actor`` (core.auth.policy) and checks it before touching anything: a
customer reads and changes only their own data, support and admins may read it; an address id is
checked against its owner, so callback data cannot reach across accounts (``PermissionDenied``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, Final

import structlog
from sqlalchemy import delete

from core.auth.api import anonymise_user, get_user
from core.auth.policy import Actor
from core.customers import _repository as repo
from core.customers._access import ensure_may_edit, ensure_may_view
from core.customers._coverage import delivery_coverage
from core.customers._models import CustomerAddress, CustomerProfile
from core.customers._personal_data import ExportSection, build_export, register_section
from core.customers._validation import (
    MAX_ADDRESSES,
    check_point,
    clean_address,
    clean_address_text,
    clean_apartment,
    clean_comment,
    clean_entrance,
    normalize_phone,
    parse_floor,
)
from core.customers.errors import (
    AddressLimitReached,
    AddressNotFound,
    CustomerNotFound,
    ForeignContact,
)
from core.customers.events import AccountDeleted
from core.customers.schemas import (
    AddressInput,
    AddressOut,
    ProfileOut,
    SavedAddress,
    SharedContact,
)
from core.shared.uow import Transaction, command

__all__ = [
    "ADDRESS_LIMIT",
    "ExportSection",
    "add_address",
    "check_point",
    "clean_address_text",
    "clean_apartment",
    "clean_comment",
    "clean_entrance",
    "complete_onboarding",
    "delete_account",
    "delete_address",
    "export_personal_data",
    "export_section",
    "get_address",
    "get_profile",
    "list_addresses",
    "normalize_phone",
    "parse_floor",
    "remove_phone",
    "save_phone_from_contact",
    "set_default_address",
    "update_address",
]

log = structlog.get_logger(__name__)

ADDRESS_LIMIT: Final = MAX_ADDRESSES


def export_section(name: str) -> Callable[[ExportSection], ExportSection]:
    """Decorate ``async def f(tx, customer_id)`` to add its result to every personal-data export.

    Modules holding personal data register one in their api (imported by import_domain), so the
    export is complete in every process.
    """

    def register(section: ExportSection) -> ExportSection:
        register_section(name, section)
        return section

    return register


async def _require_user(tx: Transaction, customer_id: int) -> None:
    if await get_user(tx.db, customer_id) is None:
        raise CustomerNotFound(customer_id=customer_id)


async def _address_for_edit(
    tx: Transaction, actor: Actor, address_id: uuid.UUID
) -> CustomerAddress:
    """The address, locked, if the actor may change it."""
    row = await repo.find_address(tx, address_id)
    if row is None:
        raise AddressNotFound(address_id=address_id)
    ensure_may_edit(actor, row.customer_id)
    # Profile first, then the address: the same order as every other address change.
    await repo.lock_profile(tx, row.customer_id)
    locked = await repo.find_address(tx, address_id, for_update=True)
    if locked is None:  # deleted while we waited for the lock
        raise AddressNotFound(address_id=address_id)
    return locked


# -- profile -------------------------------------------------------------------------------


@command
async def get_profile(tx: Transaction, actor: Actor, customer_id: int) -> ProfileOut | None:
    """The customer's profile, or None before they have one."""
    ensure_may_view(actor, customer_id)
    row = await repo.find_profile(tx, customer_id)
    return repo.profile_out(row) if row is not None else None


@command
async def save_phone_from_contact(
    tx: Transaction, actor: Actor, contact: SharedContact
) -> ProfileOut:
    """Keep the phone of a contact the person shared, only if it is their own (E.164)."""
    ensure_may_edit(actor, contact.sender_id)
    if contact.contact_user_id != contact.sender_id:
        raise ForeignContact()
    phone = normalize_phone(contact.phone_number)
    await _require_user(tx, contact.sender_id)
    row = await repo.lock_profile(tx, contact.sender_id)
    now = tx.clock.now()
    row.phone, row.phone_shared_at, row.updated_at = phone, now, now
    await tx.session.flush()
    return repo.profile_out(row)


@command
async def remove_phone(tx: Transaction, actor: Actor, customer_id: int) -> ProfileOut:
    """Forget the customer's phone."""
    ensure_may_edit(actor, customer_id)
    await _require_user(tx, customer_id)
    row = await repo.lock_profile(tx, customer_id)
    row.phone, row.phone_shared_at, row.updated_at = None, None, tx.clock.now()
    await tx.session.flush()
    return repo.profile_out(row)


@command
async def complete_onboarding(tx: Transaction, actor: Actor, customer_id: int) -> ProfileOut:
    """Mark the onboarding dialog done (the first time counts; repeats change nothing)."""
    ensure_may_edit(actor, customer_id)
    await _require_user(tx, customer_id)
    row = await repo.lock_profile(tx, customer_id)
    if row.onboarded_at is None:
        row.onboarded_at = row.updated_at = tx.clock.now()
        await tx.session.flush()
    return repo.profile_out(row)


# -- addresses -----------------------------------------------------------------------------


@command
async def list_addresses(tx: Transaction, actor: Actor, customer_id: int) -> list[AddressOut]:
    """The customer's saved addresses, the default first."""
    ensure_may_view(actor, customer_id)
    return await repo.address_list(tx, customer_id)


@command
async def get_address(tx: Transaction, actor: Actor, address_id: uuid.UUID) -> AddressOut:
    """One of the actor's addresses."""
    found = await repo.address_by_id(tx, address_id)
    if found is None:
        raise AddressNotFound(address_id=address_id)
    ensure_may_view(actor, found.customer_id)
    return found


@command
async def add_address(
    tx: Transaction,
    actor: Actor,
    customer_id: int,
    data: AddressInput,
    *,
    make_default: bool = False,
) -> SavedAddress:
    """Save a new address; the first one, or one asked to be, becomes the default."""
    ensure_may_edit(actor, customer_id)
    cleaned = clean_address(data)
    await _require_user(tx, customer_id)
    await repo.lock_profile(tx, customer_id)
    count = await repo.count_addresses(tx, customer_id)
    if count >= MAX_ADDRESSES:
        raise AddressLimitReached(limit=MAX_ADDRESSES)
    is_default = count == 0 or make_default
    if is_default:
        await repo.clear_default(tx, customer_id)
    now = tx.clock.now()
    row = CustomerAddress(
        customer_id=customer_id,
        **_columns(cleaned),
        is_default=is_default,
        created_at=now,
        updated_at=now,
    )
    tx.session.add(row)
    await tx.session.flush()
    log.info("customers.address_added", customer_id=customer_id, address_id=str(row.id),
             default=is_default)
    coverage = await delivery_coverage(tx, row.latitude, row.longitude)
    return SavedAddress(repo.address_out(row), coverage)


@command
async def update_address(
    tx: Transaction, actor: Actor, address_id: uuid.UUID, data: AddressInput
) -> SavedAddress:
    """Replace an address's fields (load it, change what the person changed, send it back)."""
    cleaned = clean_address(data)
    row = await _address_for_edit(tx, actor, address_id)
    for name, value in _columns(cleaned).items():
        setattr(row, name, value)
    row.updated_at = tx.clock.now()
    await tx.session.flush()
    coverage = await delivery_coverage(tx, row.latitude, row.longitude)
    return SavedAddress(repo.address_out(row), coverage)


@command
async def set_default_address(
    tx: Transaction, actor: Actor, address_id: uuid.UUID
) -> AddressOut:
    """Make this address the default; the previous default stops being one."""
    row = await _address_for_edit(tx, actor, address_id)
    if not row.is_default:
        await repo.clear_default(tx, row.customer_id)
        row.is_default, row.updated_at = True, tx.clock.now()
        await tx.session.flush()
    return repo.address_out(row)


@command
async def delete_address(
    tx: Transaction, actor: Actor, address_id: uuid.UUID
) -> AddressOut | None:
    """Delete an address; if it was the default, the newest other one takes over (returned)."""
    row = await _address_for_edit(tx, actor, address_id)
    customer_id, was_default = row.customer_id, row.is_default
    await tx.session.delete(row)
    await tx.session.flush()
    successor = None
    if was_default:
        successor = await repo.newest_address(tx, customer_id)
        if successor is not None:
            successor.is_default, successor.updated_at = True, tx.clock.now()
            await tx.session.flush()
    else:
        successor = next(
            (a for a in await repo.addresses_of(tx, customer_id) if a.is_default), None
        )
    return repo.address_out(successor) if successor is not None else None


def _columns(data: AddressInput) -> dict[str, Any]:
    columns = asdict(data)
    columns["label"] = data.label.value if data.label is not None else None
    return columns


# -- the person's rights over their data --------------------------------------------------


@export_section("user")
async def _user_section(tx: Transaction, customer_id: int) -> Any:
    return await get_user(tx.db, customer_id)


@export_section("customer_profile")
async def _profile_section(tx: Transaction, customer_id: int) -> Any:
    row = await repo.find_profile(tx, customer_id)
    return repo.profile_out(row) if row is not None else None


@export_section("customer_addresses")
async def _addresses_section(tx: Transaction, customer_id: int) -> Any:
    return await repo.address_list(tx, customer_id)


@command
async def export_personal_data(
    tx: Transaction, actor: Actor, customer_id: int
) -> dict[str, Any]:
    """Everything stored about the person, one section per module, as a JSON-ready document."""
    ensure_may_edit(actor, customer_id)
    await _require_user(tx, customer_id)
    document = await build_export(tx, customer_id)
    log.info("customers.data_exported", customer_id=customer_id,
             sections=sorted(document["sections"]))
    return document


@command
async def delete_account(tx: Transaction, actor: Actor, customer_id: int) -> None:
    """Erase the person's customer data, anonymise their user and tell the other modules."""
    ensure_may_edit(actor, customer_id)
    await _require_user(tx, customer_id)
    await repo.lock_profile(tx, customer_id)
    await tx.session.execute(
        delete(CustomerAddress).where(CustomerAddress.customer_id == customer_id)
    )
    await tx.session.execute(
        delete(CustomerProfile).where(CustomerProfile.customer_id == customer_id)
    )
    await anonymise_user(tx.db, customer_id)
    await tx.publish(AccountDeleted(customer_id=customer_id))
    log.info("customers.account_deleted", customer_id=customer_id)
