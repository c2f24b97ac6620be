"""Alembic migrations applied from code (the CLI, `make run`, the tests)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

from models.settings import ROOT


def alembic_config(engine: Engine) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


@contextmanager
def _koneksi_migrasi(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic. SQLite changes a column by rebuilding its table, which
    dropping the old one refuses while other tables refer to it: as SQLite's manual prescribes, foreign keys are
    off during the migration, checked before it commits, and on again after."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction does it take effect
            conn.commit()
        try:
            with conn.begin():
                yield conn
                if sqlite and (salah := conn.exec_driver_sql("PRAGMA foreign_key_check").first()):
                    raise RuntimeError(f"Migrasi meninggalkan rujukan yang putus: {tuple(salah)}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def pastikan_skema(engine: Engine) -> None:
    """Bring the database to the newest migration (a no-op when it is already there)."""
    cfg = alembic_config(engine)
    with _koneksi_migrasi(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def turunkan_skema(engine: Engine, revisi: str) -> None:
    """Take the database back to an earlier migration."""
    cfg = alembic_config(engine)
    with _koneksi_migrasi(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revisi)
