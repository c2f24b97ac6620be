"""The read-only views' shared cache: answers kept in a table every worker (and every machine) reads, under a key
of the view, the user, the inputs, the day and the data version.

The data version is one row (`versidata`), raised after the commit of any transaction that changed a table the
views read. Every engine of the product (models.db.get_engine) watches its statements: a transaction that inserted,
updated or deleted a row of any table but those in `TABEL_BEBAS` (the audit log, login attempts, this cache and the
version itself) raises the version when its connection goes back to the pool, after the commit, in a short
transaction of its own. So ORM sessions, bulk Core inserts (seed.sintetis, seed.riwayat) and raw SQL are all seen,
and a reader, which reads the version before it computes, can never keep an old answer under the new version: at
worst it keeps a new answer under the old one, which nobody asks for any more.

An entry also expires `ttl` seconds after it was written, so what moves with the clock alone (an open step's
waiting time) is never older than that. Old entries are deleted a few at a time by the calls that write new ones.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import zlib
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, event, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, select

from models.tables import Tembolok, VersiData, utcnow

log = logging.getLogger(__name__)

TTL_BAKU = 600  # seconds an answer is served at most, whatever the data
BERSIH_SEKALI = 20  # old entries deleted by one write at most (bounded work per call)
# Tables whose writes change nothing a view shows: the audit log (a refusal is audited on a read), login attempts,
# the cache itself and the version; Alembic's own.
TABEL_BEBAS = frozenset({"auditlog", "percobaanmasuk", "tembolok", "versidata", "alembic_version"})

_TULIS = re.compile(r"^\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+(?:only\s+)?[\"`\[]?(\w+)", re.I)
_BACA = re.compile(r"^\s*(?:select|pragma|savepoint|release|begin|commit|rollback|explain|show|set|values)\b", re.I)
_TULIS_DALAM = re.compile(r"\b(?:insert\s+into|delete\s+from|update\s+\S+\s+set)\b", re.I)
_KOTOR = "tembolok_kotor"  # this transaction wrote to a table the views read
_NAIKKAN = "tembolok_naikkan"  # committed: raise the version when the connection is returned


def mengubah(statement: str) -> bool:
    """Whether a statement may change what the views show (a read, or a write to TABEL_BEBAS only, does not).

    >>> mengubah("SELECT * FROM realisasi"), mengubah("INSERT INTO auditlog (aksi) VALUES (?)")
    (False, False)
    >>> mengubah("UPDATE realisasi SET status=? WHERE id=?"), mengubah('DELETE FROM "target" WHERE id = 1')
    (True, True)
    >>> mengubah("CREATE TABLE x (id int)"), mengubah("WITH a AS (SELECT 1) SELECT * FROM a"), mengubah("")
    (True, False, False)
    """
    if not statement.strip():  # the driver's empty statement that opens a transaction
        return False
    m = _TULIS.match(statement)
    if m:
        return m.group(1).lower() not in TABEL_BEBAS
    if _BACA.match(statement):
        return False
    if statement.lstrip()[:4].lower() == "with":
        return bool(_TULIS_DALAM.search(statement))
    return True  # anything else (DDL, a statement not understood) counts as a change


def naikkan_versi(conn: Connection | Session) -> None:
    """Raise the data version by one (the caller commits)."""
    if conn.execute(update(VersiData).where(VersiData.id == 1)  # type: ignore[arg-type]
                    .values(versi=VersiData.versi + 1)).rowcount == 0:  # type: ignore[attr-defined]
        conn.execute(VersiData.__table__.insert().values(id=1, versi=1))  # type: ignore[attr-defined]


def _naikkan_dbapi(dbapi_conn: Any, *, coba: int = 3) -> None:
    """The raise on the DBAPI connection being returned to the pool, after its transaction committed. A database busy
    past its timeout is tried again; nothing here may raise, or the pool would lose the connection after a committed
    write (a database without the table yet, before its migration, has nothing to raise)."""
    for ke in range(coba):
        cur = None
        try:
            cur = dbapi_conn.cursor()
            cur.execute("UPDATE versidata SET versi = versi + 1 WHERE id = 1")
            if cur.rowcount == 0:
                cur.execute("INSERT INTO versidata (id, versi) VALUES (1, 1)")
            dbapi_conn.commit()
            return
        except Exception:  # noqa: BLE001
            try:
                dbapi_conn.rollback()
            except Exception:  # noqa: BLE001
                pass
            if ke == coba - 1:
                log.error("versi data tidak dapat dinaikkan; tampilan tersimpan dapat tertinggal hingga batas "
                          "waktunya", exc_info=True)
            else:
                time.sleep(0.05 * (ke + 1))
        finally:
            if cur is not None:
                try:
                    cur.close()
                except Exception:  # noqa: BLE001
                    pass


def naikkan_saat_mulai(engine: Engine) -> None:
    """Raise the version once when the application starts: answers kept by an earlier build of the code, or before a
    migration run outside the application, are not served again."""
    try:
        with engine.begin() as conn:
            naikkan_versi(conn)
    except SQLAlchemyError:  # before the migration that makes the table: nothing kept to forget
        log.info("versi data belum ada; tembolok kosong")


def pasang(engine: Engine) -> None:
    """Watch an engine's statements: a committed transaction that changed a view's table raises the version."""
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return  # an in-memory database is one connection, never returned to a pool

    @event.listens_for(engine, "after_cursor_execute")
    def _catat(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if not conn.info.get(_KOTOR) and mengubah(statement):
            conn.info[_KOTOR] = True

    @event.listens_for(engine, "commit")
    def _komit(conn):  # noqa: ANN001
        if conn.info.pop(_KOTOR, False):
            conn.info[_NAIKKAN] = True

    @event.listens_for(engine, "rollback")
    def _batal(conn):  # noqa: ANN001
        conn.info.pop(_KOTOR, None)

    @event.listens_for(engine.pool, "checkin")
    def _kembali(dbapi_conn, record):  # noqa: ANN001
        if record is None:
            return
        record.info.pop(_KOTOR, None)  # returned without a commit: the pool rolled it back
        if record.info.pop(_NAIKKAN, False) and dbapi_conn is not None:
            _naikkan_dbapi(dbapi_conn)


def versi(session: Session) -> int:
    """The data version now (0 in a database without its row)."""
    return session.exec(select(VersiData.versi).where(VersiData.id == 1)).first() or 0


def kunci(*, nama: str, user_id: int | None, peran: str | None, kantor: list[int] | None, argumen: Any,
          hari: date, versi: int) -> str:
    """The entry's key: sha256 of the view's qualified name, who asks (id, role and the offices they may see: None is
    all), the inputs, the day in force and the data version.

    >>> k = kunci(nama="a.b", user_id=1, peran="camat", kantor=[3], argumen=[1], hari=date(2026, 1, 2), versi=5)
    >>> len(k), k == kunci(nama="a.b", user_id=1, peran="camat", kantor=[3], argumen=[1], hari=date(2026, 1, 2),
    ...                    versi=6)
    (64, False)
    """
    teks = json.dumps([nama, user_id, peran, sorted(kantor) if kantor is not None else None, argumen,
                       hari.isoformat(), versi], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(teks.encode()).hexdigest()


def ambil(session: Session, kunci: str, *, sekarang: datetime | None = None, ttl: int = TTL_BAKU) -> str | None:
    """The JSON kept under the key, unless older than `ttl` seconds; None when there is none."""
    sekarang = sekarang or utcnow()
    nilai = session.exec(select(Tembolok.nilai).where(Tembolok.kunci == kunci)
                         .where(Tembolok.dibuat > sekarang - timedelta(seconds=ttl))).first()
    return zlib.decompress(nilai).decode() if nilai is not None else None


def simpan(session: Session, kunci: str, teks: str, *, versi: int, sekarang: datetime | None = None,
           ttl: int = TTL_BAKU) -> None:
    """Keep an answer's JSON under its key (replacing an expired one), and delete a few entries of older versions
    or past their time. Two workers writing the same key at once: the first one's stays (it is the same answer)."""
    sekarang = sekarang or utcnow()
    bersihkan(session, versi=versi, sekarang=sekarang, ttl=ttl)
    session.execute(delete(Tembolok).where(Tembolok.kunci == kunci))  # type: ignore[arg-type]
    try:
        with session.begin_nested():
            session.add(Tembolok(kunci=kunci, versi=versi, dibuat=sekarang, nilai=zlib.compress(teks.encode(), 6)))
    except IntegrityError:
        pass


def bersihkan(session: Session, *, versi: int, sekarang: datetime | None = None, ttl: int = TTL_BAKU,
              batas: int = BERSIH_SEKALI) -> int:
    """Delete at most `batas` entries of an older data version or past their time; the number deleted."""
    sekarang = sekarang or utcnow()
    lama = select(Tembolok.kunci).where((Tembolok.versi < versi)
                                        | (Tembolok.dibuat <= sekarang - timedelta(seconds=ttl))).limit(batas)
    kunci_lama = list(session.exec(lama).all())
    if kunci_lama:
        session.execute(delete(Tembolok).where(Tembolok.kunci.in_(kunci_lama)))  # type: ignore[attr-defined]
    return len(kunci_lama)
