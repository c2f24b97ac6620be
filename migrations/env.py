"""Alembic environment: the SQLModel metadata, on the connection the app hands over or on DATABASE_URL."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers every table on the metadata)
from models.settings import load_settings

config = context.config
target_metadata = SQLModel.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or load_settings({"APP_ENV": "development"}).database_url
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
