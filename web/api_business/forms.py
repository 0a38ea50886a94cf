"""Reading the business forms of the Mini App: what a person typed, field by field, into domain
values.

The pages send text as typed: amounts in roubles ("150", "150,50", "150.5"), coordinates with a
comma or a dot, a radius in kilometres, an assembly time. Each field is read here or checked by
core's own field checks, and every failing field is reported at once (``InvalidFields``), so the
page can show each problem next to its input instead of one at a time. Amounts become kopecks by
integer arithmetic on the digits: no float ever holds money.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.business.api import (
    check_amount,
    check_assembly_minutes,
    check_email,
    check_inn,
    check_phone,
    check_text,
    check_timezone,
)
from core.business.errors import TaxSystemNotAllowed
from core.business.schemas import (
    INDIVIDUAL_ONLY_TAX_SYSTEMS,
    BusinessApplication,
    InnKind,
    ShopForm,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import radius_zone, zone_from_geojson, zone_from_points
from core.geo.errors import InvalidCoordinates
from core.geo.schemas import MAX_RADIUS_M, MIN_RADIUS_M, Point, Zone
from core.shared.errors import CoreError, ErrorKind, ValidationFailed
from core.shared.money import Money
from web.api_business.models import (
    ApplicationIn,
    DayHoursIn,
    ShopIn,
    ZoneIn,
)

# -- errors of reading (their texts are error-<code> in locales/*/pages_business.ftl) ---------


class AmountUnreadable(ValidationFailed):
    """Not an amount in roubles (params: ``field``)."""

    code = "form_amount_unreadable"


class RadiusUnreadable(ValidationFailed):
    """Not a radius in kilometres within range (params: ``maximum``, in km)."""

    code = "form_radius_unreadable"


class WholeNumberUnreadable(ValidationFailed):
    code = "form_whole_number_unreadable"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One field and what is wrong with it."""

    field: str
    error: CoreError


class InvalidFields(CoreError):
    """Some fields of a form are wrong; it carries the first one's code, message and params."""

    kind = ErrorKind.VALIDATION

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        if not problems:
            raise ValueError("InvalidFields needs at least one problem")
        first = problems[0].error
        super().__init__(first.message, **first.params)
        self.code = first.code
        self.problems = tuple(problems)


Check = tuple[str, Callable[[], object]]


def collect(checks: Iterable[Check]) -> list[FieldProblem]:
    """Run every check; the fields whose check failed, in order."""
    problems = []
    for field, check in checks:
        try:
            check()
        except CoreError as error:
            problems.append(FieldProblem(field, error))
    return problems


def require_fields(checks: Iterable[Check]) -> None:
    """Raise ``InvalidFields`` naming every failing check."""
    problems = collect(checks)
    if problems:
        raise InvalidFields(problems)


# -- single values --------------------------------------------------------------------------

# Spaces people put between thousands ("1 500"), including no-break and thin ones.
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_RUBLES = re.compile(r"(-?)(\d{1,12})(?:[.,](\d{1,2}))?")
_KILOMETRES = re.compile(r"(\d{1,6})(?:[.,](\d{1,3}))?")
_DEGREES = re.compile(r"[-+]?\d{1,3}(?:[.,]\d{1,15})?")
_WHOLE = re.compile(r"\d{1,6}")


def rubles(field: str, text: str) -> Money:
    """``"150"``, ``"150,50"``, ``"150.5"``, ``"1 500 ₽"`` → kopecks, by integer arithmetic."""
    cleaned = _SPACES.sub("", text).removesuffix("₽") if isinstance(text, str) else ""
    match = _RUBLES.fullmatch(cleaned)
    if match is None:
        raise AmountUnreadable(f"{field}: not an amount in roubles", field=field)
    sign, whole, fraction = match.groups()
    # "150.5" is 150 roubles 50 kopecks: the fraction is padded to two digits, never scaled.
    minor = int(whole) * 100 + int((fraction or "").ljust(2, "0"))
    return Money(-minor if sign else minor, "RUB")


def radius_metres(text: str) -> int:
    """``"3"`` or ``"2,5"`` kilometres → whole metres, within the zone radius limits."""
    cleaned = _SPACES.sub("", text).lower() if isinstance(text, str) else ""
    cleaned = cleaned.removesuffix("км").removesuffix("km")
    match = _KILOMETRES.fullmatch(cleaned)
    metres = int(match[1]) * 1000 + int((match[2] or "").ljust(3, "0")) if match else -1
    if not MIN_RADIUS_M <= metres <= MAX_RADIUS_M:
        raise RadiusUnreadable(f"not a radius in km: {str(text)[:20]!r}",
                               maximum=MAX_RADIUS_M // 1000)
    return metres


def degrees(value: str | float) -> float:
    """A latitude or longitude given as a number or as text with a comma or a dot."""
    if isinstance(value, bool):
        raise InvalidCoordinates("a coordinate is a number")
    if isinstance(value, int | float):
        return float(value)
    cleaned = value.strip()
    if not _DEGREES.fullmatch(cleaned):
        raise InvalidCoordinates(f"not a coordinate: {cleaned[:20]!r}")
    return float(cleaned.replace(",", "."))


def point(lat: str | float, lon: str | float) -> Point:
    """The shop's place on the map."""
    return Point(degrees(lat), degrees(lon))


def whole_number(value: int | str) -> int:
    """A count typed into a form, e.g. minutes."""
    if isinstance(value, bool):
        raise WholeNumberUnreadable()
    if isinstance(value, int):
        return value
    cleaned = value.strip()
    if not _WHOLE.fullmatch(cleaned):
        raise WholeNumberUnreadable(f"not a whole number: {cleaned[:20]!r}")
    return int(cleaned)


def tax_system(value: str, kind: InnKind | None) -> TaxSystem:
    """The tax system, allowed for this kind of taxpayer when the INN is known."""
    try:
        system = TaxSystem(value)
    except ValueError:
        raise TaxSystemNotAllowed(tax_system=value[:32]) from None
    if kind is InnKind.LEGAL_ENTITY and system in INDIVIDUAL_ONLY_TAX_SYSTEMS:
        raise TaxSystemNotAllowed(tax_system=system.value)
    return system


def hours(days: Mapping[str, DayHoursIn | None]) -> WeeklyHours:
    """Working hours by weekday; a missing or null day is closed."""
    return WeeklyHours.from_json({
        name: None if day is None else {"opens": day.opens, "closes": day.closes,
                                        "breaks": [list(b) for b in day.breaks]}
        for name, day in days.items()
    })


def zone(given: ZoneIn, center: Point) -> Zone:
    """A radius around the shop, or a polygon given as points or GeoJSON text."""
    if given.kind == "radius":
        return radius_zone(center, radius_metres(given.radius_km or ""))
    if given.points:
        return zone_from_points(given.points)
    return zone_from_geojson(given.geojson or "")


def _inn_kind(text: str) -> InnKind | None:
    try:
        return check_inn(text)[1]
    except CoreError:
        return None


def _center(shop: ShopIn) -> Point:
    # A radius is checked even when the point is wrong; the point's own error is reported.
    try:
        return point(shop.lat, shop.lon)
    except CoreError:
        return Point(0.0, 0.0)


# -- whole forms ----------------------------------------------------------------------------

def shop_checks(shop: ShopIn, prefix: str = "") -> list[Check]:
    """Every field of a shop form, named ``<prefix><field>``."""
    return [
        (f"{prefix}name", lambda: check_text("shop_name", shop.name)),
        (f"{prefix}address", lambda: check_text("address", shop.address)),
        (f"{prefix}point", lambda: point(shop.lat, shop.lon)),
        (f"{prefix}timezone", lambda: check_timezone(shop.timezone)),
        (f"{prefix}hours", lambda: hours(shop.hours)),
        (f"{prefix}zone", lambda: zone(shop.zone, _center(shop))),
        (f"{prefix}min_order", lambda: check_amount("min_order",
                                                    rubles("min_order", shop.min_order))),
        (f"{prefix}delivery_fee", lambda: check_amount("delivery_fee",
                                                       rubles("delivery_fee", shop.delivery_fee))),
        (f"{prefix}assembly_minutes",
         lambda: check_assembly_minutes(whole_number(shop.assembly_minutes))),
        (f"{prefix}description", lambda: check_text("description", shop.description or "")),
    ]


def application_checks(form: ApplicationIn) -> list[Check]:
    """Every field of the seller's application, the first shop's under ``shop.``."""
    return [
        ("legal_name", lambda: check_text("legal_name", form.legal_name)),
        ("inn", lambda: check_inn(form.inn)),
        ("tax_system", lambda: tax_system(form.tax_system, _inn_kind(form.inn))),
        ("phone", lambda: check_phone(form.phone)),
        ("email", lambda: check_email(form.email)),
        *shop_checks(form.shop, "shop."),
    ]


def to_shop_form(shop: ShopIn) -> ShopForm:
    """The shop as core takes it; call after its checks passed."""
    where = point(shop.lat, shop.lon)
    return ShopForm(
        name=shop.name,
        address=shop.address,
        point=where,
        timezone=shop.timezone,
        hours=hours(shop.hours),
        zone=zone(shop.zone, where),
        min_order=rubles("min_order", shop.min_order),
        delivery_fee=rubles("delivery_fee", shop.delivery_fee),
        assembly_minutes=whole_number(shop.assembly_minutes),
        description=shop.description or None,
    )


def to_application(form: ApplicationIn) -> BusinessApplication:
    """Check every field (``InvalidFields`` lists the wrong ones), then the application."""
    require_fields(application_checks(form))
    return BusinessApplication(
        legal_name=form.legal_name,
        inn=form.inn,
        tax_system=TaxSystem(form.tax_system),
        phone=form.phone,
        email=form.email,
        shop=to_shop_form(form.shop),
    )
