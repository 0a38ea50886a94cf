"""Rows to schemas."""

from __future__ import annotations

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
