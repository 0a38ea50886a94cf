"""Events the customers module publishes."""

from __future__ import annotations

from dataclasses import dataclass

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class AccountDeleted(Event, name="customers.account_deleted"):
    """A person had their account deleted: modules holding their data anonymise it now."""

    customer_id: int
