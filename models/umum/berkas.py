"""Files attached to a record (a figure's evidence, a step's output): type and size limits, stored under the
instance folder, one Lampiran row each. The caller decides who may attach to what."""
from __future__ import annotations

import base64
import binascii
import re
import uuid
from pathlib import Path

from sqlmodel import Session, col, select

from models.tables import Lampiran, User
from models.umum.audit import catat
from models.umum.batas_unggah import BatasUnggah
from models.umum.penolakan import Ditolak

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
# An attachment's upload field (Persetujuan's step outputs, Isi Realisasi's evidence) and its server check.
LAMPIRAN = BatasUnggah(MAKS_BYTE, tuple(JENIS))




def dari_unggahan(isi: object) -> bytes:
    """The bytes of a browser upload ("data:<type>;base64,<data>"); anything else (not a text, say) is refused.

    >>> dari_unggahan("data:application/pdf;base64,JVBERg=="), dari_unggahan("data:x;base64,@@")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Berkas tidak terbaca; coba unggah lagi.
    >>> dari_unggahan({"isi": 1})
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Berkas tidak terbaca; coba unggah lagi.
    """
    if not isinstance(isi, str | None):
        raise Ditolak("Berkas tidak terbaca; coba unggah lagi.")
    try:
        return base64.b64decode((isi or "").split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error, ValueError):
        raise Ditolak("Berkas tidak terbaca; coba unggah lagi.") from None


def nama_aman(nama: object) -> str:
    """A file name without folders or odd characters ("berkas" when the browser sent no text).

    >>> nama_aman("../../etc/passwd"), nama_aman("Berita Acara (final).PDF"), nama_aman(["a.pdf"])
    ('passwd', 'Berita_Acara_final_.PDF', 'berkas')
    """
    dasar = re.split(r"[\\/]", nama if isinstance(nama, str) else "")[-1]
    return re.sub(r"[^\w.-]+", "_", dasar).strip("._")[:120] or "berkas"


JENIS_SCAN = ("pdf", "jpg", "jpeg", "png")  # a signed document's scan


def nama_scan(nama_berkas: str | None, data: bytes, dokumen: str) -> str:
    """The safe name of a signed document's scan ("" when no file was given); refused unless PDF, JPG or PNG.

    >>> nama_scan("PK 2026.pdf", b"%PDF", "Perjanjian Kinerja"), nama_scan(None, b"", "Perjanjian Kinerja")
    ('PK_2026.pdf', '')
    >>> nama_scan("pk.docx", b"x", "Laporan Kinerja")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: pk.docx: scan Laporan Kinerja harus berupa PDF, JPG atau PNG.
    """
    nama = nama_aman(nama_berkas or "") if data else ""
    if data and nama.rsplit(".", 1)[-1].lower() not in JENIS_SCAN:
        raise Ditolak(f"{nama}: scan {dokumen} harus berupa PDF, JPG atau PNG.")
    return nama


def simpan_berkas(session: Session, *, pemilik_jenis: str, pemilik_id: int, kecamatan_id: int, nama_berkas: str,
                  data: bytes, oleh: User, folder: Path) -> Lampiran:
    """Check and store one file for a record; the file is removed again if the database refuses. Audited."""
    nama = nama_aman(nama_berkas)
    LAMPIRAN.periksa(nama, len(data))
    ext = nama.rsplit(".", 1)[-1].lower()
    if not data:
        raise Ditolak(f"{nama}: berkas kosong.")
    mime, tanda = JENIS[ext]
    if not data.startswith(tanda):
        raise Ditolak(f"{nama}: isi berkas tidak sesuai dengan jenisnya (.{ext}).")
    tujuan = folder / str(kecamatan_id) / f"{uuid.uuid4().hex}.{ext}"
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.write_bytes(data)
    try:
        row = Lampiran(pemilik_jenis=pemilik_jenis, pemilik_id=pemilik_id, kecamatan_id=kecamatan_id,
                       nama_berkas=nama, jenis=mime, ukuran=len(data), lokasi=str(tujuan.relative_to(folder)),
                       diunggah_oleh=oleh.id)
        session.add(row)
        session.flush()
        catat(session, aksi="lampiran.tambah", oleh=oleh, objek="lampiran", objek_id=row.id,
              kecamatan_id=kecamatan_id, sesudah={pemilik_jenis: pemilik_id, "nama": nama, "ukuran": len(data)})
    except Exception:
        tujuan.unlink(missing_ok=True)
        raise
    return row


def lampiran_milik(session: Session, pemilik_jenis: str, pemilik_ids: list[int]) -> list[Lampiran]:
    """The files of records of one kind, in the order they were attached."""
    if not pemilik_ids:
        return []
    return list(session.exec(select(Lampiran).where(Lampiran.pemilik_jenis == pemilik_jenis)
                             .where(col(Lampiran.pemilik_id).in_(pemilik_ids)).order_by(col(Lampiran.id))).all())
