"""An SOP document as it arrives: a Word file (.docx) or the text export of one, told apart by their content."""
from __future__ import annotations

from models.sop.docx_baca import apakah_docx, baca_docx
from models.sop.dokumen import DokumenTidakTerbaca, Prosedur, baca_dokumen, tandai_duplikat
from models.sop.durasi import MENIT_PER_HARI_BAKU


def baca_berkas(sumber: str, isi: str | bytes, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Prosedur]:
    """One document: a Word file (.docx) read by models.sop.docx_baca, or the text export."""
    if isinstance(isi, bytes):
        if apakah_docx(isi):
            return baca_docx(isi, sumber, menit_per_hari=menit_per_hari)
        try:
            isi = isi.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DokumenTidakTerbaca(sumber, None, "berkas bukan dokumen Word (.docx) atau teks UTF-8") from None
    return baca_dokumen(isi, sumber, menit_per_hari=menit_per_hari)


def baca_dokumen_banyak(
    dokumen: list[tuple[str, str | bytes]], *, menit_per_hari: int = MENIT_PER_HARI_BAKU
) -> list[Prosedur]:
    """Procedures of several documents (Word or text) in order; a procedure without an identity of its own whose
    steps equal an earlier one's is marked as its copy (duplikat_dari)."""
    semua: list[Prosedur] = []
    for sumber, isi in dokumen:
        semua.extend(baca_berkas(sumber, isi, menit_per_hari=menit_per_hari))
    tandai_duplikat(semua)
    return semua
