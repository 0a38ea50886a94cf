"""Errors of the catalog module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import Conflict, NotFound, ValidationFailed


class InvalidCatalogText(ValidationFailed):
    """A name or description that is empty or too long (params: ``field``, ``minimum``,
    ``maximum``)."""

    code = "invalid_catalog_text"


class InvalidSlug(ValidationFailed):
    """A slug is 1..60 lower-case Latin letters, digits and single hyphens."""

    code = "invalid_slug"


class InvalidEmoji(ValidationFailed):
    code = "invalid_emoji"


class InvalidPhoto(ValidationFailed):
    """A photo is a Telegram file id or an https URL; at most ``maximum`` of them."""

    code = "invalid_photo"


class InvalidPosition(ValidationFailed):
    code = "invalid_position"


class InvalidUnit(ValidationFailed):
    """Weight goods need a step in grams, piece goods have none; grams within limits
    (params: ``field``, ``minimum``, ``maximum``)."""

    code = "invalid_unit"


class InvalidTag(ValidationFailed):
    """A tag other than the known ones (param ``known``)."""

    code = "invalid_tag"


class InvalidBarcode(ValidationFailed):
    """Not 13 digits, or the EAN-13 check digit does not match."""

    code = "invalid_barcode"


class UnitChangeNotAllowed(Conflict):
    """A product's unit is fixed once created: stock and prices are counted in it."""

    code = "unit_change_not_allowed"


class CategoryNotFound(NotFound):
    code = "category_not_found"


class ProductNotFound(NotFound):
    code = "product_not_found"


class SlugTaken(Conflict):
    code = "slug_taken"


class BarcodeTaken(Conflict):
    """Another product of the same catalog (the platform's, or this shop's) has this barcode."""

    code = "barcode_taken"


class CategoryCycle(Conflict):
    """A category cannot be moved under itself or one of its subcategories."""

    code = "category_cycle"


class CategoryTooDeep(Conflict):
    """Categories nest at most ``maximum`` levels."""

    code = "category_too_deep"


class CategoryNotEmpty(Conflict):
    """A category with subcategories or products cannot be deleted."""

    code = "category_not_empty"
