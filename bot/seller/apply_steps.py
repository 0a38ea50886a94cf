"""The application's questions: their order, what each fills in the draft, how a typed answer is
read, and the draft as core's ``BusinessApplication``.

The draft lives in the FSM storage as JSON: text as given back by core's checks, money as whole
kopecks, hours and zone in their stored JSON shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram.fsm.state import State

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.seller.inputs import (
    MAX_RADIUS_M,
    MIN_RADIUS_M,
    parse_minutes,
    parse_point,
    parse_polygon,
    parse_radius_m,
    parse_rubles,
)
from bot.seller.states import ApplyForm
from core.business.api import (
    check_amount,
    check_assembly_minutes,
    check_email,
    check_inn,
    check_phone,
    check_text,
    check_timezone,
)
from core.business.errors import InvalidHours
from core.business.hours_text import parse_hours_text
from core.business.schemas import (
    INDIVIDUAL_ONLY_TAX_SYSTEMS,
    BusinessApplication,
    InnKind,
    ShopForm,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import radius_zone, zone_from_json
from core.geo.schemas import Point, Zone
from core.shared.money import Money

Draft = dict[str, Any]

DEFAULT_TIMEZONE = "Europe/Moscow"


class Refusal(Exception):
    """An answer the bot itself cannot read; ``key`` is the message explaining why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# Each question, in the order asked, and the draft fields its answer fills.
FIELDS: dict[str | None, tuple[str, ...]] = {
    ApplyForm.legal_name.state: ("legal_name",),
    ApplyForm.inn.state: ("inn", "inn_kind"),
    ApplyForm.tax_system.state: ("tax_system",),
    ApplyForm.phone.state: ("phone",),
    ApplyForm.email.state: ("email",),
    ApplyForm.shop_name.state: ("shop_name",),
    ApplyForm.location.state: ("lat", "lon"),
    ApplyForm.address.state: ("address",),
    ApplyForm.timezone.state: ("timezone",),
    ApplyForm.hours.state: ("hours",),
    ApplyForm.zone.state: ("zone",),
    ApplyForm.min_order.state: ("min_order",),
    ApplyForm.delivery_fee.state: ("delivery_fee",),
    ApplyForm.assembly.state: ("assembly_minutes",),
}
STATES: dict[str | None, State] = {
    state.state: state for state in ApplyForm.__states__ if state.state in FIELDS
}


def step_name(state_name: str | None) -> str:
    """``ApplyForm:legal_name`` → ``legal_name`` (what edit buttons and locale keys use)."""
    return (state_name or "").split(":", 1)[-1]


EDITABLE_STEPS: tuple[str, ...] = tuple(step_name(name) for name in FIELDS)


def state_of_step(step: str) -> State | None:
    """The question behind an edit button's step name; None for anything else (user input)."""
    return STATES.get(f"{ApplyForm.__full_group_name__}:{step}")


def next_state(draft: Mapping[str, Any]) -> State:
    """The first question not yet answered, else the summary."""
    for name, fields in FIELDS.items():
        if any(draft.get(field) is None for field in fields):
            return STATES[name]
    return ApplyForm.summary


# -- reading typed answers ---------------------------------------------------------------------


def _legal_name(text: str, _: Draft) -> Draft:
    return {"legal_name": check_text("legal_name", text)}


def _inn(text: str, draft: Draft) -> Draft:
    inn, kind = check_inn(text)
    changes: Draft = {"inn": inn, "inn_kind": kind.value}
    tax = draft.get("tax_system")
    if tax and TaxSystem(tax) in INDIVIDUAL_ONLY_TAX_SYSTEMS and kind is not InnKind.INDIVIDUAL:
        changes["tax_system"] = None  # no longer allowed: it will be asked again
    return changes


def _tax(_: str, __: Draft) -> Draft:
    raise Refusal("seller-tax-expected")


def _phone(text: str, _: Draft) -> Draft:
    return {"phone": check_phone(text)}


def _email(text: str, _: Draft) -> Draft:
    return {"email": check_email(text)}


def _shop_name(text: str, _: Draft) -> Draft:
    return {"shop_name": check_text("shop_name", text)}


def _location(text: str, _: Draft) -> Draft:
    point = parse_point(text)
    if point is None:
        raise Refusal("seller-location-expected")
    return {"lat": point.lat, "lon": point.lon}


def _address(text: str, _: Draft) -> Draft:
    return {"address": check_text("address", text)}


def _timezone(text: str, _: Draft) -> Draft:
    return {"timezone": check_timezone(text.strip())}


def _hours(text: str, _: Draft) -> Draft:
    hours = parse_hours_text(text)
    if all(day is None for day in hours.days):
        raise Refusal("seller-hours-all-closed")
    return {"hours": hours.to_json()}


def _zone(text: str, _: Draft) -> Draft:
    metres = parse_radius_m(text)
    if metres is not None:
        if not MIN_RADIUS_M <= metres <= MAX_RADIUS_M:
            raise Refusal("seller-zone-radius-range", maximum=MAX_RADIUS_M // 1000)
        return {"zone": {"radius_m": metres}}
    polygon = parse_polygon(text)
    if polygon is None:
        raise Refusal("seller-zone-unreadable")
    return {"zone": polygon}


def _amount(field: str) -> Callable[[str, Draft], Draft]:
    def read(text: str, _: Draft) -> Draft:
        money = parse_rubles(text)
        if money is None:
            raise Refusal("seller-amount-unreadable")
        return {field: check_amount(field, money).minor}

    return read


def _assembly(text: str, _: Draft) -> Draft:
    minutes = parse_minutes(text)
    if minutes is None:
        raise Refusal("seller-minutes-unreadable")
    return {"assembly_minutes": check_assembly_minutes(minutes)}


def _summary(_: str, __: Draft) -> Draft:
    raise Refusal("seller-summary-expected")


READERS: dict[str | None, Callable[[str, Draft], Draft]] = {
    ApplyForm.legal_name.state: _legal_name,
    ApplyForm.inn.state: _inn,
    ApplyForm.tax_system.state: _tax,
    ApplyForm.phone.state: _phone,
    ApplyForm.email.state: _email,
    ApplyForm.shop_name.state: _shop_name,
    ApplyForm.location.state: _location,
    ApplyForm.address.state: _address,
    ApplyForm.timezone.state: _timezone,
    ApplyForm.hours.state: _hours,
    ApplyForm.zone.state: _zone,
    ApplyForm.min_order.state: _amount("min_order"),
    ApplyForm.delivery_fee.state: _amount("delivery_fee"),
    ApplyForm.assembly.state: _assembly,
    ApplyForm.summary.state: _summary,
}


def explain(t: Tr, error: Exception) -> str:
    """Why an answer was not taken, in the person's language."""
    if isinstance(error, Refusal):
        return t(error.key, **error.params)
    if isinstance(error, InvalidHours) and "line" in error.params:
        return t("seller-hours-unreadable", line=error.params["line"],
                 text=str(error.params.get("text", "")),
                 reason=str(error.params.get("reason", "")),
                 day=str(error.params.get("day", "")))
    return apology(t, error)


# -- the finished draft ------------------------------------------------------------------------


def draft_zone(draft: Mapping[str, Any]) -> Zone:
    """The delivery zone: a radius around the shop's point, or the polygon given."""
    zone = draft["zone"]
    if "radius_m" in zone:
        return radius_zone((draft["lat"], draft["lon"]), int(zone["radius_m"]))
    return zone_from_json(zone)


def to_application(draft: Mapping[str, Any]) -> BusinessApplication:
    """The draft as the api takes it (core checks every field again)."""
    return BusinessApplication(
        legal_name=draft["legal_name"],
        inn=draft["inn"],
        tax_system=TaxSystem(draft["tax_system"]),
        phone=draft["phone"],
        email=draft["email"],
        shop=ShopForm(
            name=draft["shop_name"],
            address=draft["address"],
            point=Point(draft["lat"], draft["lon"]),
            timezone=draft["timezone"],
            hours=WeeklyHours.from_json(draft["hours"]),
            zone=draft_zone(draft),
            min_order=Money(int(draft["min_order"])),
            delivery_fee=Money(int(draft["delivery_fee"])),
            assembly_minutes=int(draft["assembly_minutes"]),
        ),
    )
