"""Evidence files attached to a figure (the checks and the storage: models.umum.berkas)."""
from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from models.kinerja.realisasi import BISA_DIUBAH, boleh_memperbaiki
from models.tables import Lampiran, Realisasi, User
from models.umum.berkas import lampiran_milik, simpan_berkas
from models.umum.penolakan import Ditolak


def lampirkan(session: Session, *, realisasi_id: int, nama_berkas: str, data: bytes, oleh: User,
              folder: Path) -> Lampiran:
    """Attach a file to an editable figure; the file is removed again if the database refuses."""
    r = session.get(Realisasi, realisasi_id)
    if r is None:
        raise Ditolak("Simpan draf realisasi dahulu, lalu lampirkan berkas.")
    if not boleh_memperbaiki(session, oleh, r):  # whoever may change the figure (a returned one: its corrector)
        raise Ditolak("Peran Anda tidak melampirkan berkas untuk indikator ini.")
    if r.status not in BISA_DIUBAH:
        raise Ditolak("Realisasi ini terkunci; lampiran tidak dapat ditambah.")
    return simpan_berkas(session, pemilik_jenis="realisasi", pemilik_id=r.id, kecamatan_id=r.kecamatan_id,
                         nama_berkas=nama_berkas, data=data, oleh=oleh, folder=folder)


def lampiran_realisasi(session: Session, realisasi_id: int) -> list[Lampiran]:
    return lampiran_milik(session, "realisasi", [realisasi_id])
