"""Errors of the workforce module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed

# -- the profile and the application ---------------------------------------------------------


class CourierNotFound(NotFound):
    """No courier profile for this person (param ``telegram_id``)."""

    code = "courier_not_found"


class InvalidCourierName(ValidationFailed):
    """A name that is empty, too long or not one line (params: ``minimum``, ``maximum``)."""

    code = "invalid_courier_name"


class CourierApplicationPending(Conflict):
    """The person's application already waits for an admin."""

    code = "courier_application_pending"


class CourierApplicationDecided(Conflict):
    """The application is no longer waiting (param ``status``)."""

    code = "courier_application_decided"


class InvalidCourierRejection(ValidationFailed):
    """A rejection needs a reason the applicant can read (params: ``minimum``, ``maximum``)."""

    code = "invalid_courier_rejection"


class CourierNotApproved(Conflict):
    """Only approved couriers work shifts."""

    code = "courier_not_approved"


# -- shifts ----------------------------------------------------------------------------------


class NotOnShift(Conflict):
    code = "not_on_shift"


class CourierBusy(Conflict):
    """Deliveries in hand must be finished first (param ``count``)."""

    code = "courier_busy"


class ShiftLimitReached(Conflict):
    """The day's shift hours are spent (param ``hours``)."""

    code = "shift_limit_reached"


class InvalidActiveDeliveries(ValidationFailed):
    code = "invalid_active_deliveries"


# -- planned shifts --------------------------------------------------------------------------


class TimeRangeUnreadable(ValidationFailed):
    """Not a range like ``10:00-18:00``."""

    code = "time_range_unreadable"


class PlannedShiftDayOutOfRange(ValidationFailed):
    """Plans cover today and the following days only (param ``days``)."""

    code = "planned_shift_day_out_of_range"


class PlannedShiftTimesInvalid(ValidationFailed):
    """The end is not after the start, or the shift is longer than a day allows (``hours``)."""

    code = "planned_shift_times_invalid"


class PlannedShiftInPast(ValidationFailed):
    code = "planned_shift_in_past"


class PlannedShiftsOverlap(Conflict):
    """Another planned shift covers part of this time (params: ``starts``, ``ends``)."""

    code = "planned_shifts_overlap"


class PlannedHoursExceeded(Conflict):
    """The day's planned shifts would exceed its hours (param ``hours``)."""

    code = "planned_hours_exceeded"


class PlannedShiftNotFound(NotFound):
    code = "planned_shift_not_found"
