"""Checking and tidying category and product forms."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from core.catalog.errors import (
    InvalidBarcode,
    InvalidCatalogText,
    InvalidEmoji,
    InvalidPhoto,
    InvalidPosition,
    InvalidSlug,
    InvalidTag,
    InvalidUnit,
)
from core.catalog.schemas import CategoryForm, ProductForm, Tag, Unit
from core.media.api import parse_ref, ref_of

# (minimum, maximum) characters after trimming.
TEXT_LIMITS: dict[str, tuple[int, int]] = {
    "category_name": (1, 100),
    "product_name": (2, 120),
    "description": (0, 1000),
}
MAX_PHOTOS = 10
MAX_POSITION = 1_000_000
# Grams: a step from a pinch of 10 g to a 5 kg sack; a piece up to a 50 kg watermelon crate.
STEP_GRAMS = (10, 5_000)
PIECE_GRAMS = (1, 50_000)

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{16,200}")


def text(field: str, value: str | None) -> str:
    """``value`` trimmed (inner runs of spaces made one), within the field's limits."""
    minimum, maximum = TEXT_LIMITS[field]
    if not isinstance(value, str):
        value = ""
    # Names are one line; a description keeps its line breaks.
    cleaned = value.strip() if field == "description" else " ".join(value.split())
    if not minimum <= len(cleaned) <= maximum:
        raise InvalidCatalogText(
            f"{field} must have {minimum}..{maximum} characters",
            field=field, minimum=minimum, maximum=maximum,
        )
    return cleaned


def optional_text(field: str, value: str | None) -> str | None:
    """Like ``text``, but empty means none."""
    return text(field, value or "") or None


def slug(value: str) -> str:
    """A URL-safe name such as ``fruit`` or ``citrus-fruit``."""
    cleaned = value.strip().lower() if isinstance(value, str) else ""
    if len(cleaned) > 60 or not _SLUG.fullmatch(cleaned):
        raise InvalidSlug(slug=str(value)[:60])
    return cleaned


def emoji(value: str | None) -> str | None:
    """One short emoji (with its modifiers); empty means none."""
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        return None
    if len(cleaned) > 8 or any(
        unicodedata.category(c).startswith(("L", "N", "Z", "P")) for c in cleaned
    ):
        raise InvalidEmoji()
    return cleaned


def photo(value: str) -> str:
    """A Telegram file id, an https URL or an uploaded picture's ``media:<uuid>``."""
    cleaned = value.strip() if isinstance(value, str) else ""
    media_id = parse_ref(cleaned)
    if media_id is not None:
        return ref_of(media_id)  # one spelling, so repeats are found
    if cleaned.startswith("https://") and 8 < len(cleaned) <= 500 and not any(
        c.isspace() for c in cleaned
    ):
        return cleaned
    if _FILE_ID.fullmatch(cleaned):
        return cleaned
    raise InvalidPhoto(maximum=MAX_PHOTOS)


def optional_photo(value: str | None) -> str | None:
    """Like ``photo``, but empty means none."""
    return photo(value) if isinstance(value, str) and value.strip() else None


def photos(values: tuple[str, ...]) -> tuple[str, ...]:
    """Up to ``MAX_PHOTOS`` photos, each checked, repeats dropped, order kept."""
    checked = tuple(dict.fromkeys(photo(v) for v in values))
    if len(checked) > MAX_PHOTOS:
        raise InvalidPhoto(maximum=MAX_PHOTOS)
    return checked


def position(value: int) -> int:
    """A sort position: a non-negative integer, smaller first."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POSITION:
        raise InvalidPosition(maximum=MAX_POSITION)
    return value


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit of 12 digits: weights 1, 3 alternating from the left."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def barcode(value: str | None) -> str | None:
    """An EAN-13 barcode with a valid check digit (spaces and hyphens ignored); empty is none."""
    cleaned = re.sub(r"[\s-]", "", value) if isinstance(value, str) else ""
    if not cleaned:
        return None
    if not (len(cleaned) == 13 and cleaned.isascii() and cleaned.isdigit()):
        raise InvalidBarcode(barcode=cleaned[:20])
    if ean13_check_digit(cleaned[:12]) != int(cleaned[12]):
        raise InvalidBarcode(barcode=cleaned)
    return cleaned


def _grams(field: str, value: int | None, limits: tuple[int, int]) -> int | None:
    if value is None:
        return None
    minimum, maximum = limits
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise InvalidUnit(
            f"{field} must be {minimum}..{maximum} g", field=field, minimum=minimum,
            maximum=maximum,
        )
    return value


def unit(form: ProductForm) -> tuple[Unit, int | None, int | None]:
    """The unit with its step and typical piece weight, consistent with each other."""
    try:
        kind = Unit(form.unit)
    except ValueError:
        raise InvalidUnit(f"unknown unit {form.unit!r}", field="unit", minimum=STEP_GRAMS[0],
                          maximum=STEP_GRAMS[1]) from None
    step = _grams("step_grams", form.step_grams, STEP_GRAMS)
    piece = _grams("piece_grams", form.piece_grams, PIECE_GRAMS)
    if kind is Unit.WEIGHT and step is None:
        raise InvalidUnit("weight goods need a step in grams", field="step_grams",
                          minimum=STEP_GRAMS[0], maximum=STEP_GRAMS[1])
    if kind is Unit.PIECE and step is not None:
        raise InvalidUnit("piece goods are counted, not weighed in steps", field="step_grams",
                          minimum=STEP_GRAMS[0], maximum=STEP_GRAMS[1])
    return kind, step, piece


def tags(values: frozenset[Tag]) -> frozenset[Tag]:
    """Known tags only."""
    try:
        return frozenset(Tag(v) for v in values)
    except ValueError:
        raise InvalidTag(known=", ".join(Tag)) from None


def category_form(form: CategoryForm) -> CategoryForm:
    """The form with every field checked and tidied."""
    return dataclasses.replace(
        form,
        slug=slug(form.slug),
        name_ru=text("category_name", form.name_ru),
        name_en=text("category_name", form.name_en),
        emoji=emoji(form.emoji),
        photo=optional_photo(form.photo),
        position=position(form.position),
    )


def product_form(form: ProductForm) -> ProductForm:
    """The form with every field checked and tidied."""
    kind, step, piece = unit(form)
    return dataclasses.replace(
        form,
        name_ru=text("product_name", form.name_ru),
        name_en=text("product_name", form.name_en),
        description_ru=optional_text("description", form.description_ru),
        description_en=optional_text("description", form.description_en),
        unit=kind,
        step_grams=step,
        piece_grams=piece,
        photos=photos(tuple(form.photos)),
        tags=tags(frozenset(form.tags)),
        barcode=barcode(form.barcode),
    )
