"""Checking and tidying the fields of an application or a shop form."""

from __future__ import annotations

import re

from core.business import _hours
from core.business._inn import parse_inn
from core.business.errors import (
    InvalidAmount,
    InvalidAssemblyTime,
    InvalidBusinessPhone,
    InvalidEmail,
    InvalidLogo,
    InvalidRejectionReason,
    InvalidText,
    TaxSystemNotAllowed,
)
from core.business.schemas import (
    INDIVIDUAL_ONLY_TAX_SYSTEMS,
    BusinessApplication,
    InnKind,
    ShopChanges,
    ShopForm,
    TaxSystem,
)
from core.media.api import parse_ref, ref_of
from core.shared.money import Money

# (minimum, maximum) characters after trimming.
TEXT_LIMITS: dict[str, tuple[int, int]] = {
    "legal_name": (2, 300),
    "shop_name": (2, 100),
    "address": (5, 500),
    "description": (0, 2000),
    "rejection_reason": (3, 1000),
}
MIN_ASSEMBLY_MINUTES, MAX_ASSEMBLY_MINUTES = 1, 480
MAX_AMOUNT = {"min_order": Money.rub(1_000_000), "delivery_fee": Money.rub(100_000)}
CURRENCY = "RUB"

_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{16,200}")
_PHONE_JUNK = re.compile(r"[\s()\-.]")


def text(field: str, value: str | None) -> str:
    """``value`` trimmed, within the field's length limits."""
    minimum, maximum = TEXT_LIMITS[field]
    cleaned = value.strip() if isinstance(value, str) else ""
    if not minimum <= len(cleaned) <= maximum:
        raise InvalidText(f"{field} must have {minimum}..{maximum} characters", field=field,
                          minimum=minimum, maximum=maximum)
    return cleaned


def optional_text(field: str, value: str | None) -> str | None:
    """Like ``text``, but empty means none."""
    cleaned = text(field, value or "")
    return cleaned or None


def phone(value: str) -> str:
    """A phone number in international form, ``+79123456789``; a leading Russian 8 is +7."""
    raw = _PHONE_JUNK.sub("", value) if isinstance(value, str) else ""
    digits = raw.removeprefix("+")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidBusinessPhone(phone=str(value)[:32])
    if not raw.startswith("+") and len(digits) == 11 and digits[0] in "78":
        digits = "7" + digits[1:]
    elif not raw.startswith("+") and len(digits) == 10 and digits[0] == "9":
        digits = "7" + digits  # a Russian mobile number typed without the country code
    elif not raw.startswith("+"):
        raise InvalidBusinessPhone(phone=value[:32])
    if not 10 <= len(digits) <= 15 or digits[0] == "0":
        raise InvalidBusinessPhone(phone=value[:32])
    return "+" + digits


def email(value: str) -> str:
    """An address like ``name@example.ru``, domain in lower case."""
    cleaned = value.strip() if isinstance(value, str) else ""
    if len(cleaned) > 254 or not _EMAIL.fullmatch(cleaned):
        raise InvalidEmail(email=cleaned[:64])
    local, domain = cleaned.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def logo(value: str | None) -> str | None:
    """A Telegram file id, an https URL or an uploaded picture's ``media:<uuid>``; empty means
    none."""
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        return None
    media_id = parse_ref(cleaned)
    if media_id is not None:
        return ref_of(media_id)
    if cleaned.startswith("https://") and len(cleaned) <= 500 and not any(
        c.isspace() for c in cleaned
    ):
        return cleaned
    if _FILE_ID.fullmatch(cleaned):
        return cleaned
    raise InvalidLogo()


def amount(field: str, value: Money) -> Money:
    """A non-negative amount in roubles, within the field's maximum."""
    maximum = MAX_AMOUNT[field]
    if (
        not isinstance(value, Money)
        or value.currency != CURRENCY
        or value.minor < 0
        or value.minor > maximum.minor
    ):
        raise InvalidAmount(field=field, maximum=maximum.format())
    return value


def assembly_minutes(value: int) -> int:
    """Minutes a shop needs to assemble an order."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_ASSEMBLY_MINUTES <= value <= MAX_ASSEMBLY_MINUTES
    ):
        raise InvalidAssemblyTime(minimum=MIN_ASSEMBLY_MINUTES, maximum=MAX_ASSEMBLY_MINUTES)
    return value


def tax_system(value: TaxSystem | str, kind: InnKind) -> TaxSystem:
    """The tax system, allowed for this kind of taxpayer."""
    try:
        system = TaxSystem(value)
    except ValueError:
        raise TaxSystemNotAllowed(tax_system=str(value)[:32]) from None
    if system in INDIVIDUAL_ONLY_TAX_SYSTEMS and kind is not InnKind.INDIVIDUAL:
        raise TaxSystemNotAllowed(tax_system=system.value)
    return system


def shop_form(form: ShopForm) -> ShopForm:
    """The form with every field checked and tidied."""
    _hours.zone(form.timezone)
    return ShopForm(
        name=text("shop_name", form.name),
        address=text("address", form.address),
        point=form.point,
        timezone=form.timezone,
        hours=form.hours,
        zone=form.zone,
        min_order=amount("min_order", form.min_order),
        delivery_fee=amount("delivery_fee", form.delivery_fee),
        assembly_minutes=assembly_minutes(form.assembly_minutes),
        description=optional_text("description", form.description),
        logo=logo(form.logo),
    )


def shop_changes(changes: ShopChanges) -> ShopChanges:
    """The changes with every given field checked and tidied."""
    if changes.timezone is not None:
        _hours.zone(changes.timezone)
    return ShopChanges(
        name=None if changes.name is None else text("shop_name", changes.name),
        address=None if changes.address is None else text("address", changes.address),
        point=changes.point,
        timezone=changes.timezone,
        hours=changes.hours,
        zone=changes.zone,
        min_order=None if changes.min_order is None else amount("min_order", changes.min_order),
        delivery_fee=(
            None if changes.delivery_fee is None else amount("delivery_fee", changes.delivery_fee)
        ),
        assembly_minutes=(
            None if changes.assembly_minutes is None
            else assembly_minutes(changes.assembly_minutes)
        ),
    )


def application(form: BusinessApplication) -> tuple[BusinessApplication, InnKind]:
    """The application with every field checked and tidied, and the INN's kind."""
    inn, kind = parse_inn(form.inn)
    checked = BusinessApplication(
        legal_name=text("legal_name", form.legal_name),
        inn=inn,
        tax_system=tax_system(form.tax_system, kind),
        phone=phone(form.phone),
        email=email(form.email),
        shop=shop_form(form.shop),
    )
    return checked, kind


def rejection_reason(value: str) -> str:
    """Why an application or shop is turned down, for the applicant to read."""
    minimum, maximum = TEXT_LIMITS["rejection_reason"]
    cleaned = value.strip() if isinstance(value, str) else ""
    if not minimum <= len(cleaned) <= maximum:
        raise InvalidRejectionReason(minimum=minimum, maximum=maximum)
    return cleaned
