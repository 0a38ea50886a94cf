"""business commands and queries.

Every command acting for a person takes the ``actor`` (core.auth.policy) and checks it there
before touching anything. Queries that customers and other modules need without a person
(``get_shop``, ``shops_delivering_to``) are open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from sqlalchemy import exists, select, update
from sqlalchemy.dialects.postgresql import insert

from core.auth.api import get_user, register_shop_owner
from core.auth.errors import UserNotFound
from core.auth.policy import Actor, Permission, Role, allows, require
from core.business import _fields, _hours
from core.business._inn import parse_inn
from core.business._lifecycle import EDITABLE, ShopAction, decide_business, move_shop
from core.business._models import Business, Shop
from core.business._rows import (
    business_out,
    money_values,
    point_values,
    shop_by_id,
    shop_out,
    shops_where,
    zone_values,
)
from core.business.errors import (
    ApplicationPending,
    BusinessNotApproved,
    BusinessNotFound,
    InnTaken,
    ShopNotFound,
    ShopStatusConflict,
)
from core.business.events import (
    BusinessApplied,
    BusinessApproved,
    BusinessRejected,
    ShopApproved,
    ShopPaused,
    ShopRejected,
    ShopResumed,
    ShopSubmitted,
    ShopUpdated,
)
from core.business.schemas import (
    ApplicationOut,
    BusinessApplication,
    BusinessStatus,
    InnKind,
    ShopChanges,
    ShopForm,
    ShopOut,
    ShopStatus,
    WeeklyHours,
)
from core.geo.api import distance_m
from core.geo.schemas import Point
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.uow import Transaction, command

__all__ = [
    "accepting_orders",
    "add_shop",
    "apply",
    "approve_application",
    "approve_shop",
    "check_amount",
    "check_assembly_minutes",
    "check_email",
    "check_inn",
    "check_phone",
    "check_text",
    "check_timezone",
    "delivers_to",
    "get_business",
    "get_shop",
    "is_open",
    "list_applications",
    "my_applications",
    "my_shops",
    "next_closing",
    "next_opening",
    "pause_shop",
    "reject_application",
    "reject_shop",
    "resume_shop",
    "set_shop_description",
    "set_shop_logo",
    "shops_delivering_to",
    "submit_shop",
    "update_shop",
]


# -- field checks, one at a time, for forms and bot dialogs ---------------------------------


def check_inn(text: str) -> tuple[str, InnKind]:
    """The INN as digits and its kind (company or individual), or ``InvalidInn``."""
    return parse_inn(text)


def check_timezone(name: str) -> str:
    """``name`` if it is an IANA time zone, else ``InvalidTimezone``."""
    _hours.zone(name)
    return name


def check_phone(text: str) -> str:
    """The phone number in international form, or ``InvalidPhone``."""
    return _fields.phone(text)


def check_email(text: str) -> str:
    """The e-mail address tidied, or ``InvalidEmail``."""
    return _fields.email(text)


def check_text(field: str, value: str) -> str:
    """``value`` trimmed, within the limits of ``field`` (``legal_name``, ``shop_name``,
    ``address``, ``description``), or ``InvalidText``."""
    return _fields.text(field, value)


def check_amount(field: str, value: Money) -> Money:
    """A ``min_order`` or ``delivery_fee`` within its range, or ``InvalidAmount``."""
    return _fields.amount(field, value)


def check_assembly_minutes(value: int) -> int:
    """Minutes to assemble an order, within range, or ``InvalidAssemblyTime``."""
    return _fields.assembly_minutes(value)


# -- hours ----------------------------------------------------------------------------------


class HasSchedule(Protocol):
    """A shop, or anything with weekly hours and the time zone they are read in."""

    @property
    def hours(self) -> WeeklyHours: ...

    @property
    def timezone(self) -> str: ...


def is_open(shop: HasSchedule, at: datetime) -> bool:
    """Whether the shop's hours have it open at the instant ``at`` (status aside)."""
    return _hours.is_open(shop.hours, _hours.zone(shop.timezone), at)


def next_opening(shop: HasSchedule, at: datetime) -> datetime | None:
    """``at`` if open then, else when it next opens (UTC); None if it has no hours at all."""
    return _hours.next_opening(shop.hours, _hours.zone(shop.timezone), at)


def next_closing(shop: HasSchedule, at: datetime) -> datetime | None:
    """When a shop open at ``at`` next closes (UTC); None if closed then or open round the
    clock."""
    return _hours.next_closing(shop.hours, _hours.zone(shop.timezone), at)


def accepting_orders(shop: ShopOut, at: datetime) -> bool:
    """Active (not paused or under review) and open at ``at``."""
    return shop.status is ShopStatus.ACTIVE and is_open(shop, at)


# -- onboarding -----------------------------------------------------------------------------


def _shop_values(form: ShopForm) -> dict[str, object]:
    return {
        "name": form.name,
        "address": form.address,
        **point_values(form.point),
        "timezone": form.timezone,
        "hours": form.hours.to_json(),
        **zone_values(form.zone),
        **money_values(min_order=form.min_order, delivery_fee=form.delivery_fee),
        "assembly_minutes": form.assembly_minutes,
        "description": form.description,
        "logo": form.logo,
    }


async def _insert_shop(
    tx: Transaction, business_id: UUID, form: ShopForm, status: ShopStatus
) -> Shop:
    now = tx.clock.now()
    shop = Shop(
        id=new_id(), business_id=business_id, status=status.value, created_at=now,
        updated_at=now, status_changed_at=now, **_shop_values(form),
    )
    tx.session.add(shop)
    await tx.session.flush()
    return shop


async def _application(tx: Transaction, business: Business) -> ApplicationOut:
    shops = (await tx.session.scalars(
        select(Shop).where(Shop.business_id == business.id).order_by(Shop.created_at, Shop.id)
    )).all()
    return ApplicationOut(business_out(business), tuple(shop_out(s) for s in shops))


@command
async def apply(tx: Transaction, actor: Actor, application: BusinessApplication) -> ApplicationOut:
    """Apply to sell: the business and its first shop, both waiting for an admin's review."""
    require(actor, Permission.APPLY_AS_SELLER)
    checked, kind = _fields.application(application)
    if await get_user(tx.db, actor.telegram_id) is None:
        raise UserNotFound(telegram_id=actor.telegram_id)
    now = tx.clock.now()
    # DO NOTHING on either partial unique index: a live INN, or a pending application.
    business = (await tx.session.scalars(
        insert(Business)
        .values(
            id=new_id(), legal_name=checked.legal_name, inn=checked.inn, inn_kind=kind.value,
            tax_system=checked.tax_system.value, phone=checked.phone, email=checked.email,
            applicant_id=actor.telegram_id, status=BusinessStatus.PENDING.value,
            created_at=now,
        )
        .on_conflict_do_nothing()
        .returning(Business)
    )).one_or_none()
    if business is None:
        pending = await tx.session.scalar(select(exists().where(
            Business.applicant_id == actor.telegram_id,
            Business.status == BusinessStatus.PENDING.value,
        )))
        if pending:
            raise ApplicationPending()
        raise InnTaken(inn=checked.inn)
    shop = await _insert_shop(tx, business.id, checked.shop, ShopStatus.PENDING_APPROVAL)
    await tx.publish(BusinessApplied(
        business_id=business.id, shop_id=shop.id, applicant_id=actor.telegram_id,
        legal_name=business.legal_name,
    ))
    return await _application(tx, business)


@command
async def approve_application(tx: Transaction, actor: Actor, business_id: UUID) -> ApplicationOut:
    """Approve a business: its shops open for orders and the applicant becomes their owner."""
    require(actor, Permission.REVIEW_SELLER_APPLICATIONS)
    business, changed = await decide_business(
        tx, business_id, BusinessStatus.APPROVED, actor.telegram_id
    )
    if changed:
        now = tx.clock.now()
        shops = (await tx.session.scalars(
            update(Shop)
            .where(Shop.business_id == business.id,
                   Shop.status == ShopStatus.PENDING_APPROVAL.value)
            .values(status=ShopStatus.ACTIVE.value, status_changed_at=now, updated_at=now)
            .returning(Shop.id)
        )).all()
        shop_ids = tuple(sorted(shops))
        for shop_id in shop_ids:
            await register_shop_owner(tx.db, shop_id, business.applicant_id)
        await tx.publish(BusinessApproved(
            business_id=business.id, applicant_id=business.applicant_id, shop_ids=shop_ids,
            approved_by=actor.telegram_id,
        ))
    return await _application(tx, business)


@command
async def reject_application(
    tx: Transaction, actor: Actor, business_id: UUID, reason: str
) -> ApplicationOut:
    """Turn an application down with a reason the applicant will be told."""
    require(actor, Permission.REVIEW_SELLER_APPLICATIONS)
    reason = _fields.rejection_reason(reason)
    business, changed = await decide_business(
        tx, business_id, BusinessStatus.REJECTED, actor.telegram_id, reason
    )
    if changed:
        now = tx.clock.now()
        await tx.session.execute(
            update(Shop)
            .where(Shop.business_id == business.id,
                   Shop.status == ShopStatus.PENDING_APPROVAL.value)
            .values(status=ShopStatus.REJECTED.value, rejection_reason=reason,
                    status_changed_at=now, updated_at=now)
        )
        await tx.publish(BusinessRejected(
            business_id=business.id, applicant_id=business.applicant_id, reason=reason,
            rejected_by=actor.telegram_id,
        ))
    return await _application(tx, business)


async def _applications(tx: Transaction, businesses: Sequence[Business]) -> list[ApplicationOut]:
    ids = [b.id for b in businesses]
    shops = (await tx.session.scalars(
        select(Shop).where(Shop.business_id.in_(ids)).order_by(Shop.created_at, Shop.id)
    )).all() if ids else []
    by_business: dict[UUID, list[ShopOut]] = {}
    for shop in shops:
        by_business.setdefault(shop.business_id, []).append(shop_out(shop))
    return [
        ApplicationOut(business_out(b), tuple(by_business.get(b.id, ()))) for b in businesses
    ]


@command
async def list_applications(
    tx: Transaction, actor: Actor, status: BusinessStatus = BusinessStatus.PENDING,
    *, limit: int = 50, offset: int = 0,
) -> list[ApplicationOut]:
    """Applications in ``status``, oldest first: the admins' review queue."""
    require(actor, Permission.REVIEW_SELLER_APPLICATIONS)
    businesses = (await tx.session.scalars(
        select(Business).where(Business.status == status.value)
        .order_by(Business.created_at, Business.id).limit(min(limit, 200)).offset(offset)
    )).all()
    return await _applications(tx, businesses)


@command
async def my_applications(tx: Transaction, actor: Actor) -> list[ApplicationOut]:
    """The actor's own applications, newest first, whatever became of them."""
    businesses = (await tx.session.scalars(
        select(Business).where(Business.applicant_id == actor.telegram_id)
        .order_by(Business.created_at.desc(), Business.id.desc())
    )).all()
    return await _applications(tx, businesses)


async def _business_shop_ids(tx: Transaction, business_id: UUID) -> list[UUID]:
    return list((await tx.session.scalars(
        select(Shop.id).where(Shop.business_id == business_id)
    )).all())


@command
async def get_business(tx: Transaction, actor: Actor, business_id: UUID) -> ApplicationOut:
    """A business and its shops, for its applicant, its shops' staff and platform staff."""
    business = await tx.session.get(Business, business_id)
    if business is None:
        raise BusinessNotFound(business_id=business_id)
    if actor.telegram_id != business.applicant_id and not any(
        allows(actor, Permission.VIEW_SHOP, shop_id=shop_id)
        for shop_id in await _business_shop_ids(tx, business_id)
    ):
        require(actor, Permission.VIEW_SHOP)  # platform staff pass; anyone else is refused
    return await _application(tx, business)


# -- more shops -----------------------------------------------------------------------------


@command
async def add_shop(tx: Transaction, actor: Actor, business_id: UUID, form: ShopForm) -> ShopOut:
    """Start one more shop of an approved business, as a draft its owner fills in and submits.

    Its first owner is the actor if they own a shop of the business (else, for an admin, the
    business's applicant)."""
    business = await tx.session.get(Business, business_id)
    if business is None:
        raise BusinessNotFound(business_id=business_id)
    shop_ids = await _business_shop_ids(tx, business_id)
    if not any(allows(actor, Permission.EDIT_BUSINESS, shop_id=s) for s in shop_ids):
        require(actor, Permission.EDIT_BUSINESS)  # admins pass
    if business.status != BusinessStatus.APPROVED.value:
        raise BusinessNotApproved(status=business.status)
    checked = _fields.shop_form(form)
    shop = await _insert_shop(tx, business_id, checked, ShopStatus.DRAFT)
    owns = any(actor.role_in(s) is Role.OWNER for s in shop_ids)
    owner = actor.telegram_id if owns else business.applicant_id
    await register_shop_owner(tx.db, shop.id, owner)
    return shop_out(shop)


@command
async def submit_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> ShopOut:
    """Send a draft shop for an admin's review."""
    shop, changed = await move_shop(tx, actor, shop_id, ShopAction.SUBMIT)
    if changed:
        await tx.publish(ShopSubmitted(
            shop_id=shop.id, business_id=shop.business_id, submitted_by=actor.telegram_id
        ))
    return shop_out(shop)


async def _require_approved_business(tx: Transaction, shop_id: UUID) -> None:
    status = await tx.session.scalar(
        select(Business.status).join(Shop, Shop.business_id == Business.id)
        .where(Shop.id == shop_id)
    )
    if status is None:
        raise ShopNotFound(shop_id=shop_id)
    if status != BusinessStatus.APPROVED.value:
        # A first shop is decided with its business's application.
        raise BusinessNotApproved(status=status)


@command
async def approve_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> ShopOut:
    """Let an approved business's new shop take orders."""
    require(actor, Permission.REVIEW_SELLER_APPLICATIONS)
    await _require_approved_business(tx, shop_id)
    shop, changed = await move_shop(tx, actor, shop_id, ShopAction.APPROVE)
    if changed:
        await tx.publish(ShopApproved(
            shop_id=shop.id, business_id=shop.business_id, approved_by=actor.telegram_id
        ))
    return shop_out(shop)


@command
async def reject_shop(tx: Transaction, actor: Actor, shop_id: UUID, reason: str) -> ShopOut:
    """Turn down an approved business's new shop, with a reason for its owner."""
    require(actor, Permission.REVIEW_SELLER_APPLICATIONS)
    reason = _fields.rejection_reason(reason)
    await _require_approved_business(tx, shop_id)
    shop, changed = await move_shop(
        tx, actor, shop_id, ShopAction.REJECT, rejection_reason=reason
    )
    if changed:
        await tx.publish(ShopRejected(
            shop_id=shop.id, business_id=shop.business_id, reason=reason,
            rejected_by=actor.telegram_id,
        ))
    return shop_out(shop)


# -- running a shop -------------------------------------------------------------------------


@command
async def pause_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> ShopOut:
    """Stop taking orders until resumed (owner, manager or admin); pausing twice is harmless."""
    shop, changed = await move_shop(tx, actor, shop_id, ShopAction.PAUSE)
    if changed:
        await tx.publish(ShopPaused(shop_id=shop.id, paused_by=actor.telegram_id))
    return shop_out(shop)


@command
async def resume_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> ShopOut:
    """Take orders again after a pause."""
    shop, changed = await move_shop(tx, actor, shop_id, ShopAction.RESUME)
    if changed:
        await tx.publish(ShopResumed(shop_id=shop.id, resumed_by=actor.telegram_id))
    return shop_out(shop)


async def _editable_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> Shop:
    require(actor, Permission.EDIT_SHOP, shop_id=shop_id)
    shop = (await tx.session.scalars(
        select(Shop).where(Shop.id == shop_id).with_for_update(),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if shop is None:
        raise ShopNotFound(shop_id=shop_id)
    if ShopStatus(shop.status) not in EDITABLE:
        raise ShopStatusConflict(status=shop.status, action="update")
    return shop


async def _save(tx: Transaction, actor: Actor, shop: Shop, values: dict[str, object]) -> ShopOut:
    changed = sorted(name for name, value in values.items() if getattr(shop, name) != value)
    if changed:
        for name in changed:
            setattr(shop, name, values[name])
        shop.updated_at = tx.clock.now()
        await tx.session.flush()
        await tx.publish(ShopUpdated(
            shop_id=shop.id, fields=tuple(changed), updated_by=actor.telegram_id
        ))
    return shop_out(shop)


@command
async def update_shop(
    tx: Transaction, actor: Actor, shop_id: UUID, changes: ShopChanges
) -> ShopOut:
    """Change a shop's settings: name, address, time zone, hours, zone, amounts, assembly."""
    shop = await _editable_shop(tx, actor, shop_id)
    checked = _fields.shop_changes(changes)
    values: dict[str, object] = {}
    if checked.name is not None:
        values["name"] = checked.name
    if checked.address is not None:
        values["address"] = checked.address
    if checked.point is not None:
        values.update(point_values(checked.point))
    if checked.timezone is not None:
        values["timezone"] = checked.timezone
    if checked.hours is not None:
        values["hours"] = checked.hours.to_json()
    if checked.zone is not None:
        values.update(zone_values(checked.zone))
    values.update(money_values(min_order=checked.min_order, delivery_fee=checked.delivery_fee))
    if checked.assembly_minutes is not None:
        values["assembly_minutes"] = checked.assembly_minutes
    return await _save(tx, actor, shop, values)


@command
async def set_shop_logo(
    tx: Transaction, actor: Actor, shop_id: UUID, logo: str | None
) -> ShopOut:
    """Set the shop's logo (a Telegram file id or an https URL); None removes it."""
    shop = await _editable_shop(tx, actor, shop_id)
    return await _save(tx, actor, shop, {"logo": _fields.logo(logo)})


@command
async def set_shop_description(
    tx: Transaction, actor: Actor, shop_id: UUID, description: str | None
) -> ShopOut:
    """Set the text customers read about the shop; None or empty removes it."""
    shop = await _editable_shop(tx, actor, shop_id)
    return await _save(
        tx, actor, shop, {"description": _fields.optional_text("description", description)}
    )


# -- finding shops --------------------------------------------------------------------------


@command
async def get_shop(tx: Transaction, shop_id: UUID) -> ShopOut:
    """A shop's public face: name, address, hours, zone, amounts, status."""
    shop = await shop_by_id(tx, shop_id)
    if shop is None:
        raise ShopNotFound(shop_id=shop_id)
    return shop


@command
async def my_shops(tx: Transaction, actor: Actor) -> list[ShopOut]:
    """The shops the actor works in, by name."""
    if not actor.shops:
        return []
    shops = (await tx.session.scalars(
        select(Shop).where(Shop.id.in_(list(actor.shops))).order_by(Shop.name, Shop.id)
    )).all()
    return [shop_out(shop) for shop in shops]


@command
async def shops_delivering_to(tx: Transaction, point: Point) -> list[ShopOut]:
    """Active shops whose delivery zone covers ``point``, nearest first (open now or not)."""
    candidates = await shops_where(
        tx,
        Shop.status == ShopStatus.ACTIVE.value,
        Shop.zone_min_lat <= point.lat,
        Shop.zone_max_lat >= point.lat,
        Shop.zone_min_lon <= point.lon,
        Shop.zone_max_lon >= point.lon,
    )
    covering = [shop for shop in candidates if shop.zone.contains(point)]
    return sorted(covering, key=lambda shop: (distance_m(shop.point, point), shop.id))


@command
async def delivers_to(tx: Transaction, point: Point) -> bool:
    """Whether any active shop delivers to ``point`` ("no shop delivers here" otherwise)."""
    return bool(await shops_delivering_to(tx.db, point))
