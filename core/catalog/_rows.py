"""Rows to schemas."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement

from core.catalog._models import Category, Product
from core.catalog.schemas import CategoryOut, ProductOut, Tag, Unit


def category_out(row: Category) -> CategoryOut:
    return CategoryOut(
        id=row.id,
        parent_id=row.parent_id,
        slug=row.slug,
        name_ru=row.name_ru,
        name_en=row.name_en,
        emoji=row.emoji,
        photo=row.photo,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def product_out(row: Product) -> ProductOut:
    return ProductOut(
        id=row.id,
        shop_id=row.shop_id,
        category_id=row.category_id,
        name_ru=row.name_ru,
        name_en=row.name_en,
        description_ru=row.description_ru,
        description_en=row.description_en,
        unit=Unit(row.unit),
        step_grams=row.step_grams,
        piece_grams=row.piece_grams,
        photos=tuple(row.photos),
        tags=frozenset(Tag(t) for t in row.tags),
        barcode=row.barcode,
        archived=row.archived,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


# What a ProductOut is built from: every column but the generated search ones.
PRODUCT_COLUMNS: tuple[ColumnElement[Any], ...] = tuple(
    column for column in Product.__table__.c if column.name not in {"search_vector", "search_names"}
)


def product_from_columns(values: Mapping[Any, Any]) -> ProductOut:
    """A ProductOut from a result row's mapping holding ``PRODUCT_COLUMNS`` by name."""
    return ProductOut(
        id=values["id"],
        shop_id=values["shop_id"],
        category_id=values["category_id"],
        name_ru=values["name_ru"],
        name_en=values["name_en"],
        description_ru=values["description_ru"],
        description_en=values["description_en"],
        unit=Unit(values["unit"]),
        step_grams=values["step_grams"],
        piece_grams=values["piece_grams"],
        photos=tuple(values["photos"]),
        tags=frozenset(Tag(t) for t in values["tags"]),
        barcode=values["barcode"],
        archived=values["archived"],
        created_at=values["created_at"],
        updated_at=values["updated_at"],
    )
