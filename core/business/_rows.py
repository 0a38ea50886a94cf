"""Rows to schemas and forms to column values."""

from __future__ import annotations

from typing import Any

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
    return ShopOut(
        id=row.id,
        business_id=row.business_id,
        name=row.name,
        address=row.address,
        point=Point(row.lat, row.lon),
        timezone=row.timezone,
        hours=WeeklyHours.from_json(row.hours),
        zone=zone_from_json(row.zone),
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
