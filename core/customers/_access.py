"""Who may read or change a customer's data, as core.auth.policy decides."""

from __future__ import annotations

from core.auth.policy import Actor, Permission, require


def ensure_may_view(actor: Actor, customer_id: int) -> None:
    """The person themselves, or support and admins (e.g. answering a ticket)."""
    require(actor, Permission.VIEW_PERSON, subject_id=customer_id)


def ensure_may_edit(actor: Actor, customer_id: int) -> None:
    """Only the person themselves changes their profile and addresses, exports or deletes."""
    require(actor, Permission.EDIT_PERSON, subject_id=customer_id)
