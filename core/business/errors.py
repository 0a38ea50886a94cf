"""Errors of the business module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed

# -- the application's fields ---------------------------------------------------------------


class InvalidInn(ValidationFailed):
    """Not 10 digits (a company) or 12 digits (an individual), or a check digit is wrong."""

    code = "invalid_inn"


class TaxSystemNotAllowed(ValidationFailed):
    """Patent and professional-income tax are for individuals (a 12-digit INN) only."""

    code = "tax_system_not_allowed"


class InvalidText(ValidationFailed):
    """A text field is empty or too long (params: ``field``, ``minimum``, ``maximum``)."""

    code = "invalid_text"


class InvalidBusinessPhone(ValidationFailed):
    code = "invalid_business_phone"


class InvalidEmail(ValidationFailed):
    code = "invalid_email"


class InvalidLogo(ValidationFailed):
    """A logo is a Telegram file id or an https URL."""

    code = "invalid_logo"


class InvalidAmount(ValidationFailed):
    """A minimum order or delivery fee that is negative, too large or not in roubles."""

    code = "invalid_amount"


class InvalidAssemblyTime(ValidationFailed):
    code = "invalid_assembly_time"


class InvalidTimezone(ValidationFailed):
    code = "invalid_timezone"


class InvalidRejectionReason(ValidationFailed):
    code = "invalid_rejection_reason"


# -- working hours --------------------------------------------------------------------------


class InvalidHours(ValidationFailed):
    """Working hours that cannot be read: a bad time, an unknown weekday, a wrong shape."""

    code = "invalid_hours"


class OverlappingHours(ValidationFailed):
    """One day's hours run into the next day's (params: ``day``, ``other_day``)."""

    code = "overlapping_hours"


class OverlappingBreaks(ValidationFailed):
    code = "overlapping_breaks"


class BreakOutsideHours(ValidationFailed):
    """A break that does not lie inside the day's opening hours (params: ``day``)."""

    code = "break_outside_hours"


# -- state ----------------------------------------------------------------------------------


class BusinessNotFound(NotFound):
    code = "business_not_found"


class ShopNotFound(NotFound):
    code = "shop_not_found"


class InnTaken(Conflict):
    """Another business with this INN is already registered or waiting for review."""

    code = "inn_taken"


class ApplicationPending(Conflict):
    """The applicant already has an application waiting for review."""

    code = "application_pending"


class ApplicationDecided(Conflict):
    """The application was already approved or rejected (param ``status``)."""

    code = "application_decided"


class BusinessNotApproved(Conflict):
    code = "business_not_approved"


class ShopStatusConflict(Conflict):
    """The shop is not in a state that allows this (params: ``status``, ``action``)."""

    code = "shop_status_conflict"
