"""How addresses and the profile read in messages (HTML) and on buttons (plain text)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.common.formatting import display_name
from bot.common.i18n import Tr
from bot.common.replies import plain
from core.auth.schemas import UserOut
from core.customers.schemas import AddressInput, AddressLabel, AddressOut, ProfileOut

# Long enough to tell addresses apart on a button, short enough for a phone screen.
_BUTTON_TEXT_MAX = 40


def _coordinates(latitude: float, longitude: float) -> dict[str, str]:
    # Five decimals is about a metre: precise enough, and not shown with locale grouping.
    return {"lat": f"{latitude:.5f}", "lon": f"{longitude:.5f}"}


def label_text(t: Tr, label: AddressLabel) -> str:
    return plain(t, f"customer-address-label-{label.value}")


def address_lines(t: Tr, address: AddressInput) -> list[str]:
    """The address as HTML lines: label, text, point, details, the courier's note."""
    lines = []
    if address.label is not None:
        lines.append(t(f"customer-address-label-{address.label.value}"))
    if address.text is not None:
        # Text the person typed goes out as HTML: escape it like Tr escapes arguments.
        lines.append(html.escape(address.text, quote=False))
    if address.latitude is not None and address.longitude is not None:
        lines.append(t("customer-address-point", **_coordinates(address.latitude,
                                                                address.longitude)))
    details = [
        t(f"customer-address-{name}", value=value)
        for name, value in (("entrance", address.entrance), ("floor", address.floor),
                            ("apartment", address.apartment))
        if value is not None
    ]
    if details:
        lines.append(", ".join(details))
    if address.comment is not None:
        lines.append(t("customer-address-comment", value=address.comment))
    return lines


def address_card(t: Tr, address: AddressOut) -> str:
    """A saved address in full, marked when it is the default."""
    lines = address_lines(t, address.as_input())
    if address.is_default:
        lines.append(t("customer-address-default"))
    return "\n".join(lines)


def address_button(t: Tr, address: AddressOut) -> str:
    """One line naming the address on a button: ★ for the default, label, text or point."""
    parts = []
    if address.is_default:
        parts.append("★")
    if address.label is not None:
        parts.append(label_text(t, address.label))
    if address.text is not None:
        parts.append(address.text)
    elif address.latitude is not None and address.longitude is not None:
        parts.append(plain(t, "customer-address-point",
                           **_coordinates(address.latitude, address.longitude)))
    text = " ".join(parts)
    return text if len(text) <= _BUTTON_TEXT_MAX else text[: _BUTTON_TEXT_MAX - 1] + "…"


def addresses_text(t: Tr, addresses: Sequence[AddressOut], limit: int) -> str:
    if not addresses:
        return t("customer-addresses-empty")
    return "\n".join((t("customer-addresses-title", count=len(addresses), limit=limit),
                      t("customer-addresses-hint")))


def profile_text(
    t: Tr, user: UserOut | None, profile: ProfileOut | None, address_count: int
) -> str:
    phone = profile.phone if profile is not None else None
    lines = [
        t("customer-profile-title"),
        t("customer-profile-name", name=display_name(user, t("friend"))),
        t("customer-profile-phone", phone=phone) if phone else t("customer-profile-no-phone"),
        t("customer-profile-language", language=t.lang),
        t("customer-profile-addresses", count=address_count),
    ]
    return "\n".join(lines)
