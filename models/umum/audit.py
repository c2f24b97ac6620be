"""The audit log: who did what, when, with the record before and after."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.tables import AuditLog, User


def tersimpan(teks: str) -> str:
    """Text as every database's text column holds it: PostgreSQL refuses a NUL and a lone surrogate cannot be encoded;
    a NUL becomes U+FFFD, a lone surrogate "?".

    >>> tersimpan("a" + chr(0) + "b") == "a\ufffdb", tersimpan("x" + chr(0xD800) + "y")
    (True, 'x?y')
    """
    return teks.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def catat(
    session: Session,
    *,
    aksi: str,
    oleh: User | None = None,
    objek: str | None = None,
    objek_id: int | None = None,
    kecamatan_id: int | None = None,
    sebelum: dict[str, Any] | None = None,
    sesudah: dict[str, Any] | None = None,
    keterangan: str | None = None,
) -> AuditLog:
    """Add an audit row to the caller's transaction (it commits or rolls back with the change it records). The note
    may quote what a request sent; it is kept as a text column can hold it (`tersimpan`)."""
    row = AuditLog(
        user_id=oleh.id if oleh else None,
        username=oleh.username if oleh else None,
        aksi=aksi,
        objek=objek,
        objek_id=objek_id,
        kecamatan_id=kecamatan_id,
        sebelum=sebelum,
        sesudah=sesudah,
        keterangan=tersimpan(keterangan)[:2000] if keterangan is not None else None,
    )
    session.add(row)
    return row
