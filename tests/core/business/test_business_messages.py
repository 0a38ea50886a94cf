"""Every business and geo error, raised by real calls, reads well in both languages: each
message gets the parameters it uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from business_factories import application, shop_form
from structlog.testing import capture_logs

from core.business import errors as business_errors
from core.business._fields import application as check_application
from core.business.api import check_email, check_inn, check_phone, check_timezone
from core.business.schemas import DayHours, TimeRange, WeeklyHours, parse_time
from core.geo import errors as geo_errors
from core.geo.api import polygon_from_points, radius_zone, zone_from_geojson
from core.geo.schemas import Point, Polygon
from core.shared.errors import CoreError
from core.shared.i18n import LANGUAGES, Translator, error_key
from core.shared.money import Money


def _square(lat: float, lon: float, size: float) -> tuple[Point, ...]:
    return (Point(lat, lon), Point(lat, lon + size), Point(lat + size, lon + size),
            Point(lat + size, lon))


RAISERS: dict[str, Callable[[], object]] = {
    "invalid_inn": lambda: check_inn("123"),
    "tax_system_not_allowed": lambda: check_application(application(tax_system="npd")),
    "invalid_text": lambda: check_application(application(legal_name="")),
    "invalid_business_phone": lambda: check_phone("abc"),
    "invalid_email": lambda: check_email("nobody"),
    "invalid_amount": lambda: check_application(
        application(shop=shop_form(min_order=Money.rub(-5)))),
    "invalid_assembly_time": lambda: check_application(
        application(shop=shop_form(assembly_minutes=1000))),
    "invalid_timezone": lambda: check_timezone("Mars/Base"),
    "invalid_hours": lambda: parse_time("25:61"),
    "overlapping_hours": lambda: WeeklyHours.of(
        sun=DayHours(time(20), time(4)), mon=DayHours(time(3), time(12))),
    "overlapping_breaks": lambda: WeeklyHours.of(wed=DayHours(time(9), time(21), (
        TimeRange(time(12), time(14)), TimeRange(time(13), time(15))))),
    "break_outside_hours": lambda: WeeklyHours.of(fri=DayHours(time(9), time(21), (
        TimeRange(time(8), time(10)),))),
    "invalid_coordinates": lambda: Point(100, 0),
    "invalid_geojson": lambda: zone_from_geojson("{"),
    "too_few_points": lambda: polygon_from_points([(0, 0), (1, 1)]),
    "too_many_points": lambda: polygon_from_points(
        [(k / 10_000, (k % 2) / 10_000) for k in range(2001)]),
    "degenerate_zone": lambda: polygon_from_points([(0, 0), (1, 1), (2, 2)]),
    "self_intersecting_zone": lambda: polygon_from_points([(0, 0), (1, 1), (0, 1), (1, 0)]),
    "zone_hole_outside": lambda: Polygon(_square(0, 0, 1), (_square(5, 5, 1),)),
    "zone_crosses_antimeridian": lambda: polygon_from_points([(0, 179), (1, -179), (1, 179)]),
    "invalid_radius": lambda: radius_zone((0, 0), 0),
}

# Raised by api commands against the database; their params are set where they are raised.
STATEFUL: dict[str, dict[str, object]] = {
    "business_not_found": {"business_id": "0190b1a0-0000-7000-8000-000000000000"},
    "shop_not_found": {"shop_id": "0190b1a0-0000-7000-8000-000000000000"},
    "inn_taken": {"inn": "7707083893"},
    "application_pending": {},
    "application_decided": {"status": "approved"},
    "business_not_approved": {"status": "pending"},
    "shop_status_conflict": {"status": "pending_approval", "action": "pause"},
    "invalid_rejection_reason": {"minimum": 3, "maximum": 1000},
    "invalid_logo": {},
}


def _codes(module: object) -> set[str]:
    return {
        cls.code for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, CoreError) and cls.__module__ == getattr(
            module, "__name__", "")
    }


def test_every_code_is_exercised_here() -> None:
    assert _codes(business_errors) | _codes(geo_errors) == set(RAISERS) | set(STATEFUL)


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def _render(translator: Translator, code: str, params: dict[str, object]) -> None:
    for lang in LANGUAGES:
        assert translator.has(lang, error_key(code)), (lang, code)
        with capture_logs() as logs:
            text = translator.get(lang, error_key(code), **params)
        assert logs == [], (lang, code, logs)
        assert "{" not in text, (lang, code, text)


@pytest.mark.parametrize("code", sorted(RAISERS))
def test_raised_errors_read_well(translator: Translator, code: str) -> None:
    with pytest.raises(CoreError) as caught:
        RAISERS[code]()
    assert caught.value.code == code
    _render(translator, code, caught.value.params)


@pytest.mark.parametrize("code", sorted(STATEFUL))
def test_state_errors_read_well(translator: Translator, code: str) -> None:
    _render(translator, code, STATEFUL[code])
