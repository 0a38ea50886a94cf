"""What the business endpoints read and answer, as pydantic models (they make the OpenAPI
document), and the conversions from core's schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from core.auth.policy import Role
from core.auth.schemas import UserOut
from core.business.schemas import (
    WEEKDAYS,
    ApplicationOut,
    BusinessOut,
    BusinessStatus,
    InnKind,
    ShopOut,
    ShopStatus,
    TaxSystem,
)
from core.geo.api import zone_to_json
from core.shared.money import Money

# -- requests -------------------------------------------------------------------------------


class DayHoursIn(BaseModel):
    opens: str = Field(description="Opening time, HH:MM", examples=["09:00"])
    closes: str = Field(description="Closing time, HH:MM; not after opens = past midnight; "
                        "00:00 or 24:00 = midnight", examples=["21:00"])
    breaks: list[tuple[str, str]] = Field(default_factory=list,
                                          description="[start, end] pairs inside the hours",
                                          examples=[[["13:00", "14:00"]]])


class ZoneIn(BaseModel):
    """A delivery zone: a radius around the shop, or a polygon as points or GeoJSON."""

    kind: Literal["radius", "polygon"]
    radius_km: str | None = Field(default=None, description="Kilometres as typed: 3 or 2,5")
    geojson: str | None = Field(default=None,
                                description="GeoJSON text: Polygon, MultiPolygon or Feature; "
                                "positions are [longitude, latitude]")
    points: list[tuple[float, float]] | None = Field(
        default=None, description="The polygon's corners in order as [latitude, longitude]")


class ShopIn(BaseModel):
    """A shop as the form gives it; amounts and coordinates as typed."""

    name: str
    address: str
    lat: str | float = Field(description="Latitude, with a dot or a comma")
    lon: str | float = Field(description="Longitude, with a dot or a comma")
    timezone: str = "Europe/Moscow"
    hours: dict[str, DayHoursIn | None] = Field(
        description="By weekday (mon..sun); a missing or null day is closed")
    zone: ZoneIn
    min_order: str = Field(description="Roubles as typed: 150, 150,50 or 150.5",
                           examples=["500"])
    delivery_fee: str = Field(description="Roubles as typed", examples=["99,90"])
    assembly_minutes: int | str
    description: str | None = None


class ApplicationIn(BaseModel):
    """A seller's application: the business and its first shop."""

    legal_name: str
    inn: str = Field(description="10 digits (a company) or 12 (an individual)")
    tax_system: str = Field(description="One of: " + ", ".join(TaxSystem))
    phone: str
    email: str
    shop: ShopIn


class RejectionIn(BaseModel):
    reason: str = Field(description="Told to the applicant")


class ProfileIn(BaseModel):
    """The shop's face for customers; empty or null removes a field."""

    description: str | None = None
    logo: str | None = Field(default=None,
                             description="An https:// image URL or a Telegram file id")


# -- answers --------------------------------------------------------------------------------


class MoneyView(BaseModel):
    minor: int = Field(description="Kopecks")
    currency: str
    text: str = Field(description="Formatted, e.g. 150,50 ₽")


class PointView(BaseModel):
    lat: float
    lon: float


class DayHoursView(BaseModel):
    opens: str
    closes: str
    breaks: list[tuple[str, str]]


class PersonView(BaseModel):
    telegram_id: int
    first_name: str
    last_name: str | None
    username: str | None


class BusinessView(BaseModel):
    id: UUID
    legal_name: str
    inn: str
    inn_kind: InnKind
    tax_system: TaxSystem
    phone: str
    email: str
    applicant_id: int
    status: BusinessStatus
    rejection_reason: str | None
    created_at: datetime
    decided_at: datetime | None


class ShopView(BaseModel):
    id: UUID
    business_id: UUID
    name: str
    address: str
    point: PointView
    timezone: str
    hours: dict[str, DayHoursView] = Field(description="Open weekdays only")
    zone: dict[str, Any] = Field(
        description='{"kind": "radius", "center": {...}, "radius_m": 3000} or '
        '{"kind": "polygon", "geojson": {...MultiPolygon}}')
    min_order: MoneyView
    delivery_fee: MoneyView
    assembly_minutes: int
    status: ShopStatus
    description: str | None
    logo: str | None
    rejection_reason: str | None
    updated_at: datetime


class ApplicationView(BaseModel):
    business: BusinessView
    shops: list[ShopView]
    applicant: PersonView | None = Field(default=None,
                                         description="Who applied (in the admins' queue)")


class ApplicationsView(BaseModel):
    applications: list[ApplicationView]


class ScheduleView(BaseModel):
    """The shop's hours read in its own time zone at the moment of the answer."""

    now: datetime
    open_now: bool
    accepting_orders: bool = Field(description="Active (not paused) and open now")
    opens_at: datetime | None = Field(description="When it next opens; now if open; "
                                      "null without hours")
    closes_at: datetime | None = Field(description="When it next closes, if open now")


class MyShopView(BaseModel):
    shop: ShopView
    role: Role | None = Field(description="My staff role there (null for platform staff)")
    schedule: ScheduleView


class MyShopsView(BaseModel):
    shops: list[MyShopView]


def money_view(money: Money) -> MoneyView:
    """Kopecks, currency and the formatted amount."""
    return MoneyView(minor=money.minor, currency=money.currency, text=money.format())


def person_view(user: UserOut) -> PersonView:
    """A person's names."""
    return PersonView(telegram_id=user.telegram_id, first_name=user.first_name,
                      last_name=user.last_name, username=user.username)


def business_view(business: BusinessOut) -> BusinessView:
    """The API's view of a business."""
    return BusinessView(
        id=business.id, legal_name=business.legal_name, inn=business.inn,
        inn_kind=business.inn_kind, tax_system=business.tax_system, phone=business.phone,
        email=business.email, applicant_id=business.applicant_id, status=business.status,
        rejection_reason=business.rejection_reason, created_at=business.created_at,
        decided_at=business.decided_at,
    )


def shop_view(shop: ShopOut) -> ShopView:
    """The API's view of a shop."""
    hours = shop.hours.to_json()
    return ShopView(
        id=shop.id, business_id=shop.business_id, name=shop.name, address=shop.address,
        point=PointView(lat=shop.point.lat, lon=shop.point.lon), timezone=shop.timezone,
        hours={day: DayHoursView(opens=hours[day]["opens"], closes=hours[day]["closes"],
                                 breaks=[(b[0], b[1]) for b in hours[day]["breaks"]])
               for day in WEEKDAYS if day in hours},
        zone=zone_to_json(shop.zone), min_order=money_view(shop.min_order),
        delivery_fee=money_view(shop.delivery_fee), assembly_minutes=shop.assembly_minutes,
        status=shop.status, description=shop.description, logo=shop.logo,
        rejection_reason=shop.rejection_reason, updated_at=shop.updated_at,
    )


def application_view(application: ApplicationOut, applicant: UserOut | None = None
                     ) -> ApplicationView:
    """A business with its shops (and, for admins, who applied)."""
    return ApplicationView(
        business=business_view(application.business),
        shops=[shop_view(shop) for shop in application.shops],
        applicant=person_view(applicant) if applicant is not None else None,
    )
