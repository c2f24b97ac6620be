"""The audit log: who did what, when, with the record before and after."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.tables import AuditLog, User


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
    """Add an audit row to the caller's transaction (it commits or rolls back with the change it records)."""
    row = AuditLog(
        user_id=oleh.id if oleh else None,
        username=oleh.username if oleh else None,
        aksi=aksi,
        objek=objek,
        objek_id=objek_id,
        kecamatan_id=kecamatan_id,
        sebelum=sebelum,
        sesudah=sesudah,
        keterangan=keterangan,
    )
    session.add(row)
    return row
