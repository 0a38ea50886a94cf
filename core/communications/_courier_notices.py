"""What workforce tells people: admins hear of a courier application in the support bot (with
Approve and Reject buttons, edited once someone decides), the applicant hears the decision in
the courier bot, and a courier hears why a shift was ended for them. Registered by
``subscribers``.

An application's alert is a thread per application (the courier and when they applied), so a
second application after a rejection is a new message; the buttons carry ``cwr:<action>:<courier
id>``, which the support bot handles (bot.support.couriers_callbacks).
"""

from __future__ import annotations

from typing import Any

from core.auth.api import get_user, holders_of, load_actor
from core.auth.policy import Role
from core.communications import _threads
from core.communications.api import ParamValue, notify
from core.shared.config import BotRole
from core.shared.events import Event, subscriber
from core.shared.uow import Transaction
from core.workforce.api import MAX_SHIFT_HOURS_PER_DAY, courier_application
from core.workforce.events import CourierApplied, CourierApproved, CourierRejected, ShiftEnded
from core.workforce.schemas import ApplicationOut, ShiftEndReason

REVIEW_PREFIX = "cwr"


def application_thread(application: ApplicationOut) -> str:
    """The admins' alert about one application."""
    applied = int(application.applied_at.timestamp())
    return f"courier:{application.courier.telegram_id}:application:{applied}"


def _key(event: Event, what: str) -> str:
    return f"{event.event_id}:communications.{what}"


async def _application(tx: Transaction, courier_id: int) -> ApplicationOut | None:
    # The courier may read their own application: ask with their authority, not a back door.
    return await courier_application(tx.db, await load_actor(tx.db, courier_id), courier_id)


async def _name_of(tx: Transaction, telegram_id: int | None) -> str:
    user = await get_user(tx.db, telegram_id) if telegram_id is not None else None
    return user.first_name if user is not None and user.first_name else ""


def _review_buttons(courier_id: int) -> dict[str, Any]:
    return {
        "inline_keyboard": [
            [
                {
                    "text_key": "notification-courier-btn-approve",
                    "callback_data": f"{REVIEW_PREFIX}:approve:{courier_id}",
                },
                {
                    "text_key": "notification-courier-btn-reject",
                    "callback_data": f"{REVIEW_PREFIX}:reject:{courier_id}",
                },
            ]
        ]
    }


def _alert_params(application: ApplicationOut) -> dict[str, ParamValue]:
    courier = application.courier
    return {
        "name": courier.name,
        "phone": courier.phone or "",
        "vehicle": courier.vehicle.value,
        "state": "new",
        "by": "",
        "by_known": "no",
        "reason": "",
    }


@subscriber(CourierApplied, name="communications.courier_applied")
async def courier_applied(tx: Transaction, event: CourierApplied) -> None:
    """Tell every platform admin in the support bot, with Approve and Reject buttons."""
    application = await _application(tx, event.courier_id)
    if application is None:
        return
    params = _alert_params(application)
    buttons = _review_buttons(event.courier_id)
    for admin_id in await holders_of(tx.db, Role.ADMIN):
        await notify(
            tx.db,
            admin_id,
            BotRole.SUPPORT,
            "notification-courier-applied",
            params,
            _key(event, f"courier_applied:{admin_id}"),
            reply_markup=buttons,
            thread=application_thread(application),
            sequence=1,
        )


async def _decided(tx: Transaction, event: CourierApproved | CourierRejected) -> None:
    application = await _application(tx, event.courier_id)
    if application is None:
        return
    approved = isinstance(event, CourierApproved)
    by = await _name_of(
        tx, event.approved_by if isinstance(event, CourierApproved) else event.rejected_by
    )
    params = {
        **_alert_params(application),
        "state": "approved" if approved else "rejected",
        "by": by,
        "by_known": "yes" if by else "no",
        "reason": event.reason if isinstance(event, CourierRejected) else "",
    }
    thread = application_thread(application)
    # Only the admins who were told of the application hear what became of it.
    for admin_id in await _threads.members(tx, BotRole.SUPPORT, thread):
        await notify(
            tx.db,
            admin_id,
            BotRole.SUPPORT,
            "notification-courier-applied",
            params,
            _key(event, f"courier_decided:{admin_id}"),
            thread=thread,
            sequence=2,
        )


@subscriber(CourierApproved, name="communications.courier_approved")
async def courier_approved(tx: Transaction, event: CourierApproved) -> None:
    """Tell the courier in the courier bot that they may start shifts; edit the admins' alert."""
    await notify(
        tx.db,
        event.courier_id,
        BotRole.COURIER,
        "notification-courier-approved",
        {},
        _key(event, "courier_approved"),
    )
    await _decided(tx, event)


@subscriber(CourierRejected, name="communications.courier_rejected")
async def courier_rejected(tx: Transaction, event: CourierRejected) -> None:
    """Tell the applicant in the courier bot why; edit the admins' alert."""
    await notify(
        tx.db,
        event.courier_id,
        BotRole.COURIER,
        "notification-courier-rejected",
        {"reason": event.reason},
        _key(event, "courier_rejected"),
    )
    await _decided(tx, event)


@subscriber(ShiftEnded, name="communications.shift_ended")
async def shift_ended(tx: Transaction, event: ShiftEnded) -> None:
    """Tell the courier when their shift was ended for them (the day's hours, the role)."""
    if event.reason is ShiftEndReason.COURIER:
        return  # they pressed the button and saw the card change
    await notify(
        tx.db,
        event.courier_id,
        BotRole.COURIER,
        "notification-shift-ended",
        {"reason": event.reason.value, "hours": MAX_SHIFT_HOURS_PER_DAY},
        _key(event, "shift_ended"),
    )
