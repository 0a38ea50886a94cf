"""The single migration chain builds exactly the models' schema and tears it down again."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from core.shared.db import Base
from core.shared.discovery import import_domain
from core.shared.migrate import alembic_config, downgrade_to_base, upgrade_to_head

PG_ADMIN_DSN = os.environ.get("FRUKTGO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
async def scratch_url() -> AsyncIterator[str]:
    """A fresh, empty database of its own, dropped afterwards."""
    name = f"fruktgo_migrations_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    user = PG_ADMIN_DSN.split("://", 1)[1].split("@", 1)[0]
    yield f"postgresql+asyncpg://{user}@{host}/{name}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return list(compare_metadata(context, Base.metadata))


async def inspect(url: str) -> tuple[list[Any], set[str], set[str], str | None]:
    """Autogenerate's differences from the models, the tables, the enum types, the revision."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(_differences)
            tables = set(
                (
                    await conn.execute(
                        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    )
                ).scalars()
            )
            types = set(
                (
                    await conn.execute(
                        text(
                            "SELECT t.typname FROM pg_type t JOIN pg_namespace n "
                            "ON n.oid = t.typnamespace WHERE n.nspname = 'public' "
                            "AND t.typtype = 'e'"
                        )
                    )
                ).scalars()
            )
            revision = None
            if "alembic_version" in tables:
                revision = (
                    await conn.execute(text("SELECT version_num FROM alembic_version"))
                ).scalar()
    finally:
        await engine.dispose()
    return differences, tables, types, revision


async def test_upgrade_matches_the_models_and_downgrade_undoes_it(scratch_url: str) -> None:
    import_domain()
    model_tables = set(Base.metadata.tables)
    assert model_tables, "import_domain() found no models"
    head = ScriptDirectory.from_config(alembic_config(scratch_url)).get_current_head()
    assert head is not None, "there is no migration; run scripts/regen-migration"

    # alembic's env.py runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(upgrade_to_head, scratch_url)
    differences, tables, _, revision = await inspect(scratch_url)
    assert differences == [], "the models and migrations/versions disagree; regenerate"
    assert tables == model_tables | {"alembic_version"}
    assert revision == head

    await asyncio.to_thread(downgrade_to_base, scratch_url)
    _, tables, types, revision = await inspect(scratch_url)
    assert tables <= {"alembic_version"}
    assert types == set(), "downgrade left enum types behind; the next upgrade would fail"
    assert revision is None

    await asyncio.to_thread(upgrade_to_head, scratch_url)
    differences, tables, _, revision = await inspect(scratch_url)
    assert differences == []
    assert tables == model_tables | {"alembic_version"}
    assert revision == head


async def test_upgrading_twice_is_a_no_op(scratch_url: str) -> None:
    await asyncio.to_thread(upgrade_to_head, scratch_url)
    _, tables, types, revision = await inspect(scratch_url)
    await asyncio.to_thread(upgrade_to_head, scratch_url)
    differences, *after = await inspect(scratch_url)
    assert differences == []
    assert after == [tables, types, revision]


def test_a_url_encoded_password_reaches_alembic_intact() -> None:
    url = "postgresql+asyncpg://shop:p%40ss%25word@db:5432/fruktgo"
    assert alembic_config(url).get_main_option("sqlalchemy.url") == url
