"""The async engine, the declarative Base with a naming convention, and column helpers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import MetaData, Uuid
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import DateTime

from core.shared.ids import new_id

# Stable constraint names make alembic migrations reproducible and reviewable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True), uuid.UUID: Uuid()}


def uuid_pk() -> Mapped[uuid.UUID]:
    """A time-ordered UUID primary key generated in Python."""
    return mapped_column(primary_key=True, default=new_id)


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """The process's async engine. Connections are not pinged before use: a transaction that
    finds its connection dead is run again on a fresh one (``core.shared.uow``), so restarts
    heal without a round trip per transaction."""
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        echo=echo,
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after commit: api functions return schemas built from them.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
