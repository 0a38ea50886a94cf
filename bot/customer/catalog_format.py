"""How amounts read in the catalog and the cart: grams as "1,2 кг" / "300 г", pieces, prices per
unit (the old one struck through), what is in stock. HTML for messages, ``plain`` for buttons."""

from __future__ import annotations

from bot.common.i18n import Tr
from bot.common.replies import plain
from core.catalog.schemas import Unit
from core.shared.money import Money
from core.storefront.schemas import OfferOut

# At most this many steps left reads as "only N left" rather than "in stock".
_FEW_STEPS = 5
_BUTTON_NAME_MAX = 22


def _decimal_mark(t: Tr) -> str:
    return "." if t.lang == "en" else ","


def grams_text(t: Tr, grams: int) -> str:
    """``300 г`` below a kilogram, else ``1,25 кг`` (no trailing zeros), in ``t``'s language."""
    if abs(grams) < 1000:
        return plain(t, "customer-catalog-grams", grams=str(grams))
    whole, rest = divmod(abs(grams), 1000)
    kilos = f"{'-' if grams < 0 else ''}{whole}"
    if rest:
        kilos += _decimal_mark(t) + f"{rest:03d}".rstrip("0")
    return plain(t, "customer-catalog-kilograms", kilos=kilos)


def quantity_text(t: Tr, unit: Unit, quantity: int) -> str:
    """A quantity in its unit: grams for weight goods, pieces otherwise."""
    if unit is Unit.WEIGHT:
        return grams_text(t, quantity)
    return plain(t, "customer-catalog-pieces", count=str(quantity))


def per_unit(t: Tr, unit: Unit) -> str:
    return plain(
        t, "customer-catalog-per-kg" if unit is Unit.WEIGHT else "customer-catalog-per-piece"
    )


def price_button(t: Tr, offer: OfferOut) -> str:
    """``189,00 ₽/кг`` for a button."""
    return f"{offer.price.format()}{per_unit(t, offer.unit)}"


def price_html(t: Tr, offer: OfferOut) -> str:
    """``<s>219,00 ₽</s> <b>189,00 ₽</b>/кг``: the old price struck through when there is one."""
    price = f"<b>{offer.price.format()}</b>{per_unit(t, offer.unit)}"
    if offer.old_price is not None:
        return f"<s>{offer.old_price.format()}</s> {price}"
    return price


def stock_text(t: Tr, offer: OfferOut, available: int | None) -> str:
    """Stock as "в наличии 2,4 кг", "осталось 3 шт." or "нет в наличии"."""
    if available is None:
        return ""
    if available < offer.min_quantity:
        return t("customer-catalog-out-of-stock")
    amount = quantity_text(t, offer.unit, available)
    if available <= _FEW_STEPS * offer.min_quantity:
        return t("customer-catalog-few-left", amount=amount)
    return t("customer-catalog-in-stock", amount=amount)


def money(amount: Money) -> str:
    """``1 234,50 ₽``."""
    return amount.format()


def short_name(name: str, limit: int = _BUTTON_NAME_MAX) -> str:
    """A product's name cut to fit a button beside others."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
