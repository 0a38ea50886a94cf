"""Callback data of the admins' courier review in the support bot. The Approve and Reject
buttons of the application alert (core.communications, ``cwr:<action>:<courier id>``) are the
same, so the prefix and fields must not change. All of it is user input: core checks on every
call that the presser manages couriers."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ReviewAct(StrEnum):
    LIST = "list"
    SHOW = "show"
    APPROVE = "approve"
    REJECT = "reject"


class CourierReview(CallbackData, prefix="cwr"):
    action: ReviewAct
    courier: int = 0
