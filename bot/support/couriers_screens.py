"""What admins see of courier applications in the support bot: the queue and one application."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import Screen, plain
from bot.support.couriers_callbacks import CourierReview, ReviewAct
from core.workforce.api import WORK_TIMEZONE
from core.workforce.schemas import ApplicationOut, ApplicationStatus


def _press(text: str, action: ReviewAct, courier: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=CourierReview(action=action, courier=courier).pack()
    )


def queue(t: Tr, applications: Sequence[ApplicationOut], on_shift: int) -> Screen:
    """Applications waiting, oldest first, each a button to open it."""
    lines = [t("courier-admin-title", pending=len(applications), on_shift=on_shift)]
    if not applications:
        lines.append(t("courier-admin-none"))
    rows = [
        [
            _press(
                plain(
                    t, "courier-admin-item", name=a.courier.name, vehicle=a.courier.vehicle.value
                ),
                ReviewAct.SHOW,
                a.courier.telegram_id,
            )
        ]
        for a in applications
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


def card(t: Tr, application: ApplicationOut, note: str | None = None) -> Screen:
    """One application: who, how to reach them, how they travel, and the decision buttons."""
    courier = application.courier
    applied = application.applied_at.astimezone(WORK_TIMEZONE)
    lines = [
        t(
            "courier-admin-card",
            name=courier.name,
            phone=courier.phone or "",
            vehicle=courier.vehicle.value,
            applied=f"{applied:%d.%m.%Y %H:%M}",
            status=application.status.value,
        ),
    ]
    if application.rejection_reason:
        lines.append(t("courier-admin-card-reason", reason=application.rejection_reason))
    if note:
        lines += ["", note]
    rows: list[list[InlineKeyboardButton]] = []
    if application.status is ApplicationStatus.PENDING:
        rows.append(
            [
                _press(
                    plain(t, "notification-courier-btn-approve"),
                    ReviewAct.APPROVE,
                    courier.telegram_id,
                ),
                _press(
                    plain(t, "notification-courier-btn-reject"),
                    ReviewAct.REJECT,
                    courier.telegram_id,
                ),
            ]
        )
    rows.append([_press(plain(t, "courier-admin-btn-list"), ReviewAct.LIST)])
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows))


def reason_prompt(t: Tr, application: ApplicationOut) -> Screen:
    rows = [
        [
            _press(
                plain(t, "courier-admin-btn-cancel"),
                ReviewAct.SHOW,
                application.courier.telegram_id,
            )
        ]
    ]
    return Screen(
        t("courier-admin-reject-prompt", name=application.courier.name),
        InlineKeyboardMarkup(inline_keyboard=rows),
    )
