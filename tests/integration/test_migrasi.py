"""The Alembic migrations build exactly the schema the models describe, on both databases."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import models.tables  # noqa: F401


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        beda = compare_metadata(ctx, SQLModel.metadata)
    assert beda == []


def test_upgrade_twice_is_harmless(engine):
    from models.migrasi import pastikan_skema

    pastikan_skema(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0004"
