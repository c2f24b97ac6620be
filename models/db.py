"""The engine from DATABASE_URL and one transaction per unit of work."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, Unpack

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine
from sqlmodel.sql.expression import Select

_engines: dict[str, Engine] = {}

# The session's identity map holds its objects weakly: an office or a user read by one helper and dropped is read
# again by the next (a page asks for the same office half a dozen times). These few kinds, small and read on every
# request, stay for the unit of work, so a second `session.get` is answered from the map, as the ORM intends.
_DITAHAN = ("Kecamatan", "Kabupaten", "User", "Role")


@event.listens_for(Session, "loaded_as_persistent")
def _tahan(session: Session, instance: object) -> None:
    if type(instance).__name__ in _DITAHAN:
        session.info.setdefault("ditahan", []).append(instance)


def get_engine(url: str) -> Engine:
    """One engine per URL; SQLite gets foreign keys on and its folder created."""
    if url in _engines:
        return _engines[url]
    u = make_url(url)
    kwargs: dict = {"pool_pre_ping": True}
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    engine = create_engine(url, **kwargs)
    if u.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragma(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    from models.umum.tembolok import pasang

    pasang(engine)  # a committed write raises the data version of the views' cache
    _engines[url] = engine
    return engine


def dispose_engine(url: str) -> None:
    engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


@contextmanager
def session_scope(engine: Engine, *, jam_kerja: str | None = None) -> Iterator[Session]:
    """A session whose work is one transaction: committed on success, rolled back on any error.

    `jam_kerja`, the installation's office hours (Settings.jam_kerja), travels with the unit of work to every
    work calendar built in it (models.umum.kalender.kalender_kantor)."""
    with Session(engine, expire_on_commit=False, info={"jam_kerja": jam_kerja} if jam_kerja else None) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def pilih(*kolom: Any) -> Select[Unpack[tuple[Any, ...]]]:
    """`sqlmodel.select` of more than four columns: the same statement (rows of tuples through `session.exec`),
    which SQLModel builds for any number of columns but types for at most four."""
    return Select(*kolom)


_T = TypeVar("_T")


def ambil(session: Session, model: type[_T], ident: int | None) -> _T:
    """A row that a foreign key or the caller's own check guarantees is there (an invariant, not a person's input:
    a missing one is a programming error, said loudly)."""
    baris = session.get(model, ident) if ident is not None else None
    if baris is None:
        raise LookupError(f"{model.__name__} {ident} tidak ada")
    return baris
