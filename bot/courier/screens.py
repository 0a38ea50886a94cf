"""What the courier bot shows for the profile, the shift card and planned shifts: texts and
buttons, built from core's answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.common.i18n import Tr
from bot.common.replies import Screen, plain
from bot.courier.callbacks import (
    Join,
    PlanAct,
    PlanPress,
    ShiftAct,
    ShiftPress,
    VehicleChoice,
)
from core.workforce.api import MAX_SHIFT_HOURS_PER_DAY, PLAN_DAYS, WORK_TIMEZONE, local_day
from core.workforce.schemas import CourierStatus, PlannedShiftOut, ShiftOut, Vehicle

S = CourierStatus
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Time ranges offered as buttons when planning a shift: (start hour, end hour), 24 = midnight.
SLOTS: tuple[tuple[int, int], ...] = ((8, 12), (12, 16), (16, 20), (20, 24))
Row = list[InlineKeyboardButton]


def _button(text: str, data: ShiftPress | PlanPress | Join | VehicleChoice) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


# -- formatting ----------------------------------------------------------------------------------


def duration(span: timedelta) -> str:
    """Hours and minutes: ``2:05``."""
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def clock(moment: datetime, today: date) -> str:
    """``14:05`` today, else ``31.12 23:40`` (work time zone)."""
    local = moment.astimezone(WORK_TIMEZONE)
    return f"{local:%H:%M}" if local.date() == today else f"{local:%d.%m %H:%M}"


def day_label(t: Tr, day: date, today: date) -> str:
    """``Today``, ``Tomorrow`` or ``Wed 04.03``."""
    if day == today:
        return plain(t, "courier-day-today")
    if day == today + timedelta(days=1):
        return plain(t, "courier-day-tomorrow")
    return plain(t, "courier-day", weekday=WEEKDAYS[day.weekday()], date=f"{day:%d.%m}")


def span_label(t: Tr, plan: PlannedShiftOut, today: date) -> str:
    starts = plan.starts_at.astimezone(WORK_TIMEZONE)
    ends = plan.ends_at.astimezone(WORK_TIMEZONE)
    end = "24:00" if ends.date() > plan.day else f"{ends:%H:%M}"
    return f"{day_label(t, plan.day, today)} {starts:%H:%M}–{end}"


# -- onboarding ----------------------------------------------------------------------------------


def join_keyboard(t: Tr, *, again: bool = False) -> InlineKeyboardMarkup:
    key = "courier-btn-apply-again" if again else "courier-btn-join"
    return InlineKeyboardMarkup(inline_keyboard=[[_button(plain(t, key), Join(again=again))]])


def name_keyboard(t: Tr, suggestion: str | None) -> ReplyKeyboardMarkup | None:
    """The name Telegram knows, as a one-tap answer."""
    if not suggestion:
        return None
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=suggestion)]], resize_keyboard=True, one_time_keyboard=True
    )


def contact_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=plain(t, "courier-btn-share-phone"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def vehicle_keyboard(t: Tr) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(
                    plain(t, "courier-vehicle", vehicle=vehicle.value),
                    VehicleChoice(vehicle=vehicle),
                )
                for vehicle in Vehicle
            ]
        ]
    )


# -- the shift card ------------------------------------------------------------------------------


def _shift_buttons(t: Tr, shift: ShiftOut) -> list[Row]:
    status = shift.courier.status

    def press(action: ShiftAct) -> InlineKeyboardButton:
        return _button(plain(t, f"courier-btn-shift-{action.value}"), ShiftPress(action=action))

    rows: list[Row] = []
    if status is S.OFFLINE and not shift.limit_reached:
        rows.append([press(ShiftAct.START)])
    elif status is S.AVAILABLE:
        rows.append([press(ShiftAct.BREAK), press(ShiftAct.END)])
    elif status is S.ON_BREAK:
        rows.append([press(ShiftAct.RESUME), press(ShiftAct.END)])
    rows.append([press(ShiftAct.PLAN), press(ShiftAct.REFRESH)])
    return rows


def shift_card(t: Tr, shift: ShiftOut, now: datetime, note: str | None = None) -> Screen:
    """Status, since when, hours today and over seven days, and what may be done now."""
    courier, today = shift.courier, local_day(now)
    lines = [t("courier-shift-title"), t("courier-shift-status", status=courier.status.value)]
    if courier.shift_started_at is not None:
        lines.append(t("courier-shift-since", time=clock(courier.shift_started_at, today)))
    if shift.on_break_since is not None:
        lines.append(t("courier-shift-break-since", time=clock(shift.on_break_since, today)))
    if courier.on_shift:
        lines.append(
            t("courier-shift-load", count=courier.active_deliveries, capacity=courier.capacity)
        )
    lines.append(
        t(
            "courier-shift-hours",
            today=duration(shift.hours_today),
            week=duration(shift.hours_7_days),
            limit=MAX_SHIFT_HOURS_PER_DAY,
        )
    )
    if courier.on_shift:
        lines += ["", t("courier-shift-live-hint")]
    elif shift.limit_reached:
        lines += ["", t("courier-shift-limit-reached", hours=MAX_SHIFT_HOURS_PER_DAY)]
    if note:
        lines += ["", note]
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=_shift_buttons(t, shift)))


def location_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    """One point at once: the live location itself only Telegram's attachment menu can share."""
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=plain(t, "courier-btn-send-location"), request_location=True)]
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


# -- planned shifts ------------------------------------------------------------------------------


def _plan(t: Tr, text_key: str, action: PlanAct, **fields: object) -> InlineKeyboardButton:
    return _button(plain(t, text_key), PlanPress(action=action, **fields))


def plans_screen(
    t: Tr, plans: Sequence[PlannedShiftOut], now: datetime, note: str | None = None
) -> Screen:
    today = local_day(now)
    lines = [t("courier-plan-title", days=PLAN_DAYS)]
    if plans:
        lines += [f"• {span_label(t, plan, today)}" for plan in plans]
    else:
        lines.append(t("courier-plan-empty"))
    if note:
        lines += ["", note]
    rows: list[Row] = [
        [
            _button(
                plain(t, "courier-btn-plan-remove", shift=span_label(t, plan, today)),
                PlanPress(action=PlanAct.REMOVE, shift=plan.id),
            )
        ]
        for plan in plans
    ]
    rows.append(
        [
            _plan(t, "courier-btn-plan-add", PlanAct.ADD),
            _plan(t, "courier-btn-plan-back", PlanAct.BACK),
        ]
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows))


def days_screen(t: Tr, now: datetime) -> Screen:
    today = local_day(now)
    days = [today + timedelta(days=offset) for offset in range(PLAN_DAYS)]
    buttons = [
        _button(day_label(t, day, today), PlanPress(action=PlanAct.DAY, day=day.isoformat()))
        for day in days
    ]
    rows: list[Row] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_plan(t, "courier-btn-plan-cancel", PlanAct.LIST)])
    return Screen(t("courier-plan-choose-day"), InlineKeyboardMarkup(inline_keyboard=rows))


def slots_screen(t: Tr, day: date, now: datetime) -> Screen:
    today = local_day(now)
    iso = day.isoformat()
    buttons = [
        _button(
            f"{start:02d}–{end:02d}", PlanPress(action=PlanAct.SLOT, day=iso, start=start, end=end)
        )
        for start, end in SLOTS
    ]
    rows: list[Row] = [buttons[:2], buttons[2:]]
    rows.append([_plan(t, "courier-btn-plan-custom", PlanAct.CUSTOM, day=iso)])
    rows.append(
        [
            _plan(t, "courier-btn-plan-other-day", PlanAct.ADD),
            _plan(t, "courier-btn-plan-cancel", PlanAct.LIST),
        ]
    )
    return Screen(
        t("courier-plan-choose-time", day=day_label(t, day, today)),
        InlineKeyboardMarkup(inline_keyboard=rows),
    )


def custom_screen(t: Tr, day: date, now: datetime) -> Screen:
    rows = [[_plan(t, "courier-btn-plan-cancel", PlanAct.LIST)]]
    return Screen(
        t("courier-plan-type-range", day=day_label(t, day, local_day(now))),
        InlineKeyboardMarkup(inline_keyboard=rows),
    )
