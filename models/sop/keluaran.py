"""The output of a step (a draft Renja, a signed report) attached as a file to the step's record, by whoever may
act on the step while it waits; the checks and storage of files are models.umum.berkas."""
from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from models.sop.alur import siap_ditindak
from models.tables import CatatanLangkah, Lampiran, User
from models.umum.berkas import lampiran_milik, simpan_berkas

PEMILIK = "catatan_langkah"


def lampirkan_keluaran(session: Session, *, catatan_id: int, nama_berkas: str, data: bytes, oleh: User,
                       folder: Path) -> Lampiran:
    """Attach a file to a waiting step record the user may act on. Audited."""
    rec, eks = siap_ditindak(session, catatan_id=catatan_id, oleh=oleh)
    return simpan_berkas(session, pemilik_jenis=PEMILIK, pemilik_id=rec.id, kecamatan_id=eks.kecamatan_id,
                         nama_berkas=nama_berkas, data=data, oleh=oleh, folder=folder)


def keluaran_eksekusi(session: Session, eksekusi_id: int) -> list[Lampiran]:
    """Every file attached to the steps of an execution, in the order they were attached."""
    ids = list(session.exec(select(CatatanLangkah.id).where(CatatanLangkah.eksekusi_id == eksekusi_id)).all())
    return lampiran_milik(session, PEMILIK, ids)
