"""Rows to schemas (shops in bulk with their parsed hours and zones cached) and forms to
column values."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Text, bindparam, case, cast, func, literal, null, select

from core.business._models import Business, Shop
from core.business.schemas import (
    BusinessOut,
    BusinessStatus,
    InnKind,
    ShopOut,
    ShopStatus,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import zone_bbox, zone_from_json, zone_to_json
from core.geo.schemas import Point, Zone
from core.shared.money import Money
from core.shared.uow import Transaction


def business_out(row: Business) -> BusinessOut:
    return BusinessOut(
        id=row.id,
        legal_name=row.legal_name,
        inn=row.inn,
        inn_kind=InnKind(row.inn_kind),
        tax_system=TaxSystem(row.tax_system),
        phone=row.phone,
        email=row.email,
        applicant_id=row.applicant_id,
        status=BusinessStatus(row.status),
        rejection_reason=row.rejection_reason,
        created_at=row.created_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
    )


def shop_out(row: Shop) -> ShopOut:
    return _shop(row, WeeklyHours.from_json(row.hours), zone_from_json(row.zone))


def _shop(row: Any, hours: WeeklyHours, zone: Zone) -> ShopOut:
    # ``row``: a Shop, or a result row with its columns by name.
    return ShopOut(
        id=row.id,
        business_id=row.business_id,
        name=row.name,
        address=row.address,
        point=Point(row.lat, row.lon),
        timezone=row.timezone,
        hours=hours,
        zone=zone,
        min_order=Money(row.min_order_minor, row.currency),
        delivery_fee=Money(row.delivery_fee_minor, row.currency),
        assembly_minutes=row.assembly_minutes,
        status=ShopStatus(row.status),
        description=row.description,
        logo=row.logo,
        created_at=row.created_at,
        updated_at=row.updated_at,
        rejection_reason=row.rejection_reason,
    )


# Listings read every shop near the customer on every page, and turning a shop's hours and
# zone back from JSON re-checks them (a polygon zone slowly) while the JSON itself is most of
# the row. Both were checked when saved, so each shop's parsed pair is kept in the process
# under a fingerprint of its JSON, which the database computes: the JSON is read only for
# shops new to the process or changed, whoever changed them.
_SHOPS = Shop.__table__
_FINGERPRINT_OF = func.md5(
    cast(_SHOPS.c.hours, Text).op("||")(literal("|")).op("||")(cast(_SHOPS.c.zone, Text))
)
_FINGERPRINT = _FINGERPRINT_OF.label("fingerprint")
_LIGHT_COLUMNS = (
    *(column for column in Shop.__table__.c if column.name not in {"hours", "zone"}),
    _FINGERPRINT,
)
_PARSED_LIMIT = 10_000
_parsed: dict[UUID, tuple[str, WeeklyHours, Zone]] = {}


async def shops_where(tx: Transaction, *conditions: ColumnElement[bool]) -> list[ShopOut]:
    """The shops meeting ``conditions``, hours and zone parsed once per process and change."""
    rows = (await tx.session.execute(select(*_LIGHT_COLUMNS).where(*conditions))).all()
    stale = [row.id for row in rows if _parsed.get(row.id, ("",))[0] != row.fingerprint]
    if stale:
        if len(_parsed) + len(stale) > _PARSED_LIMIT:
            _parsed.clear()  # crude, but more shops than that in one process is far off
        fresh = await tx.session.execute(
            select(Shop.id, Shop.hours, Shop.zone, _FINGERPRINT).where(Shop.id.in_(stale))
        )
        for shop_id, hours, zone, fingerprint in fresh:
            _parsed[shop_id] = (fingerprint, WeeklyHours.from_json(hours), zone_from_json(zone))
    found = []
    for row in rows:
        parsed = _parsed.get(row.id)
        if parsed is not None:  # else deleted between the two reads
            found.append(_shop(row, parsed[1], parsed[2]))
    return found


# One shop by id in one round trip (checkout and every cart screen ask): its hours and zone
# come along only when the process holds no parsed copy of that version of them. Built once,
# of table columns: the shop commands flush what they change, so there is no object to flush.
_KNOWN = bindparam("known", type_=Text)
_BY_ID = select(
    *_LIGHT_COLUMNS,
    case((_FINGERPRINT_OF == _KNOWN, null()), else_=_SHOPS.c.hours).label("hours"),
    case((_FINGERPRINT_OF == _KNOWN, null()), else_=_SHOPS.c.zone).label("zone"),
).where(_SHOPS.c.id == bindparam("shop_id"))


async def shop_by_id(tx: Transaction, shop_id: UUID) -> ShopOut | None:
    """The shop with this id, or None; hours and zone parsed once per process and change."""
    known = _parsed.get(shop_id)
    params = {"shop_id": shop_id, "known": "" if known is None else known[0]}
    row = (await tx.session.execute(_BY_ID, params)).first()
    if row is None:
        return None
    if known is None or known[0] != row.fingerprint:
        if len(_parsed) >= _PARSED_LIMIT:
            _parsed.clear()
        known = (row.fingerprint, WeeklyHours.from_json(row.hours), zone_from_json(row.zone))
        _parsed[row.id] = known
    return _shop(row, known[1], known[2])


def point_values(point: Point) -> dict[str, Any]:
    return {"lat": point.lat, "lon": point.lon}


def zone_values(zone: Zone) -> dict[str, Any]:
    box = zone_bbox(zone)
    return {
        "zone": zone_to_json(zone),
        "zone_min_lat": box.min_lat,
        "zone_min_lon": box.min_lon,
        "zone_max_lat": box.max_lat,
        "zone_max_lon": box.max_lon,
    }


def money_values(*, min_order: Money | None = None, delivery_fee: Money | None = None
                 ) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if min_order is not None:
        values["min_order_minor"] = min_order.minor
        values["currency"] = min_order.currency
    if delivery_fee is not None:
        values["delivery_fee_minor"] = delivery_fee.minor
        values["currency"] = delivery_fee.currency
    return values
