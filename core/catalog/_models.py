"""catalog tables: the category tree and products, with generated search columns."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from core.catalog.schemas import Tag, Unit
from core.shared.db import Base, uuid_pk

# Words a tag adds to a product's search document, in Russian and in English, so that
# "органические" and "organic" both find organic produce.
TAG_WORDS: dict[Tag, tuple[str, str]] = {
    Tag.SEASONAL: ("сезонный", "seasonal"),
    Tag.LOCAL: ("местный фермерский", "local farm"),
    Tag.ORGANIC: ("органический эко", "organic"),
}


def _ru(column: str) -> str:
    # Russians often type е for ё; the stemmer treats them as different letters.
    return f"translate({column}, 'ёЁ', 'еЕ')"


def _tag_text(index: int) -> str:
    parts = [
        f"CASE WHEN '{tag.value}' = ANY (tags) THEN '{words[index]} ' ELSE '' END"
        for tag, words in TAG_WORDS.items()
    ]
    return " || ".join(parts)


# Generated columns must be immutable: to_tsvector with an explicit configuration, translate,
# lower, coalesce and CASE over the array are; array_to_string is not, hence the CASEs.
SEARCH_VECTOR_SQL = " || ".join([
    f"setweight(to_tsvector('russian', {_ru('name_ru')}), 'A')",
    "setweight(to_tsvector('english', name_en), 'A')",
    f"setweight(to_tsvector('russian', {_tag_text(0)}), 'B')",
    f"setweight(to_tsvector('english', {_tag_text(1)}), 'B')",
    f"setweight(to_tsvector('russian', coalesce({_ru('description_ru')}, '')), 'C')",
    "setweight(to_tsvector('english', coalesce(description_en, '')), 'C')",
])
SEARCH_NAMES_SQL = f"lower({_ru('name_ru')} || ' ' || name_en)"

UNITS_SQL = ", ".join(f"'{unit.value}'" for unit in Unit)
TAGS_SQL = ", ".join(f"'{tag.value}'" for tag in Tag)


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("uq_categories_slug", "slug", unique=True),
        Index("ix_categories_parent_id_position", "parent_id", "position"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT")
    )
    slug: Mapped[str] = mapped_column(String(60))
    name_ru: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    emoji: Mapped[str | None] = mapped_column(String(16))
    photo: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint(f"unit IN ({UNITS_SQL})", name="unit"),
        # Weight goods are sold in steps of grams; piece goods have no step.
        CheckConstraint("(unit = 'weight') = (step_grams IS NOT NULL)", name="step_for_weight"),
        CheckConstraint("step_grams IS NULL OR step_grams > 0", name="step_grams_positive"),
        CheckConstraint("piece_grams IS NULL OR piece_grams > 0", name="piece_grams_positive"),
        CheckConstraint(f"tags <@ ARRAY[{TAGS_SQL}]::varchar[]", name="known_tags"),
        CheckConstraint("barcode IS NULL OR barcode ~ '^[0-9]{13}$'", name="barcode_digits"),
        Index("ix_products_category_id", "category_id"),
        Index("ix_products_shop_id", "shop_id"),
        # A barcode names one product within a catalog: the platform's, or one shop's own.
        Index(
            "uq_products_platform_barcode", "barcode", unique=True,
            postgresql_where=text("shop_id IS NULL AND barcode IS NOT NULL"),
        ),
        Index(
            "uq_products_shop_barcode", "shop_id", "barcode", unique=True,
            postgresql_where=text("shop_id IS NOT NULL AND barcode IS NOT NULL"),
        ),
        Index("ix_products_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            "ix_products_search_names_trgm", "search_names", postgresql_using="gin",
            postgresql_ops={"search_names": "gin_trgm_ops"},
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    shop_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("shops.id", ondelete="RESTRICT")
    )
    category_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT")
    )
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    description_ru: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(8))
    step_grams: Mapped[int | None] = mapped_column(Integer)
    piece_grams: Mapped[int | None] = mapped_column(Integer)
    photos: Mapped[list[str]] = mapped_column(ARRAY(String(500)))
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    barcode: Mapped[str | None] = mapped_column(String(13))
    archived: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True), deferred=True
    )
    search_names: Mapped[str] = mapped_column(
        Text, Computed(SEARCH_NAMES_SQL, persisted=True), deferred=True
    )
