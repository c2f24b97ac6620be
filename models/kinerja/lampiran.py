"""Evidence files attached to a figure: type and size limits, stored under the instance folder."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

from sqlmodel import Session, select

from models.kinerja.realisasi import BISA_DIUBAH, RealisasiDitolak, boleh_mengisi
from models.tables import Indikator, Lampiran, Realisasi, User
from models.umum.audit import catat

MAKS_BYTE = 5 * 1024 * 1024
# extension -> (MIME type, the bytes a real file of that type starts with)
JENIS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}


def nama_aman(nama: str) -> str:
    """A file name without folders or odd characters.

    >>> nama_aman("../../etc/passwd"), nama_aman("Berita Acara (final).PDF")
    ('passwd', 'Berita_Acara_final_.PDF')
    """
    dasar = re.split(r"[\\/]", nama or "")[-1]
    return re.sub(r"[^\w.-]+", "_", dasar).strip("._")[:120] or "berkas"


def lampirkan(session: Session, *, realisasi_id: int, nama_berkas: str, data: bytes, oleh: User,
              folder: Path) -> Lampiran:
    """Attach a file to an editable figure; the file is removed again if the database refuses."""
    r = session.get(Realisasi, realisasi_id)
    if r is None:
        raise RealisasiDitolak("Simpan draf realisasi dahulu, lalu lampirkan berkas.")
    ind = session.get(Indikator, r.indikator_id)
    if not boleh_mengisi(session, oleh, ind, r.kecamatan_id):
        raise RealisasiDitolak("Peran Anda tidak melampirkan berkas untuk indikator ini.")
    if r.status not in BISA_DIUBAH:
        raise RealisasiDitolak("Realisasi ini terkunci; lampiran tidak dapat ditambah.")
    nama = nama_aman(nama_berkas)
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext not in JENIS:
        raise RealisasiDitolak(f"{nama}: jenis berkas tidak diterima (hanya PDF, JPG, PNG, XLSX, DOCX).")
    if len(data) > MAKS_BYTE:
        raise RealisasiDitolak(f"{nama}: ukuran berkas lebih dari 5 MB.")
    if not data:
        raise RealisasiDitolak(f"{nama}: berkas kosong.")
    mime, tanda = JENIS[ext]
    if not data.startswith(tanda):
        raise RealisasiDitolak(f"{nama}: isi berkas tidak sesuai dengan jenisnya (.{ext}).")
    tujuan = folder / str(r.kecamatan_id) / f"{uuid.uuid4().hex}.{ext}"
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.write_bytes(data)
    try:
        row = Lampiran(pemilik_jenis="realisasi", pemilik_id=r.id, kecamatan_id=r.kecamatan_id, nama_berkas=nama,
                       jenis=mime, ukuran=len(data), lokasi=str(tujuan.relative_to(folder)), diunggah_oleh=oleh.id)
        session.add(row)
        session.flush()
        catat(session, aksi="lampiran.tambah", oleh=oleh, objek="lampiran", objek_id=row.id,
              kecamatan_id=r.kecamatan_id, sesudah={"realisasi": r.id, "nama": nama, "ukuran": len(data)})
    except Exception:
        tujuan.unlink(missing_ok=True)
        raise
    return row


def lampiran_realisasi(session: Session, realisasi_id: int) -> list[Lampiran]:
    return list(session.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "realisasi")
                             .where(Lampiran.pemilik_id == realisasi_id).order_by(Lampiran.id)).all())
