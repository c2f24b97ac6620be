"""An SOP document as it arrives: a Word file (.docx) or the text export of one, told apart by their content."""
from __future__ import annotations

from models.sop.docx_baca import (
    MAKS_BARIS_DOCX,
    MAKS_BARIS_TABEL,
    MAKS_DOCX,
    MAKS_PARAGRAF_DOCX,
    MAKS_SEL_BARIS,
    MAKS_TEKS_SEL,
    apakah_docx,
    baca_docx,
    pesan_lebih,
)
from models.sop.dokumen import DokumenTidakTerbaca, Prosedur, baca_dokumen, tandai_duplikat
from models.sop.durasi import MENIT_PER_HARI_BAKU
from models.umum.batas_unggah import BatasUnggah

# Unggah SOP's upload field and its server check: a Word file or its text export, within the Word file's size.
UNGGAH_SOP = BatasUnggah(MAKS_DOCX, ("docx", "txt"))


def batasi_teks(sumber: str, isi: str) -> None:
    """A text export within the bounds of a Word document (models.sop.docx_baca), checked before it is parsed: its
    lines, its table rows (lines holding a tab), in one table (consecutive such lines) and in all, the cells of a
    row and the characters of a cell."""
    if isi.count("\n") >= MAKS_PARAGRAF_DOCX:
        raise DokumenTidakTerbaca(sumber, None, pesan_lebih(MAKS_PARAGRAF_DOCX, "dokumen memuat", "baris"))
    tabel = semua = 0
    for n, baris in enumerate(isi.split("\n"), start=1):
        if "\t" not in baris:
            tabel = 0
            if len(baris) > MAKS_TEKS_SEL:
                raise DokumenTidakTerbaca(sumber, n, pesan_lebih(MAKS_TEKS_SEL, "baris memuat", "karakter"))
            continue
        tabel, semua = tabel + 1, semua + 1
        if tabel > MAKS_BARIS_TABEL:
            raise DokumenTidakTerbaca(sumber, n, pesan_lebih(MAKS_BARIS_TABEL, "tabel memuat", "baris", " per tabel"))
        if semua > MAKS_BARIS_DOCX:
            raise DokumenTidakTerbaca(sumber, n, pesan_lebih(MAKS_BARIS_DOCX, "dokumen memuat", "baris tabel"))
        sel = baris.split("\t")
        if len(sel) > MAKS_SEL_BARIS:
            raise DokumenTidakTerbaca(sumber, n, pesan_lebih(MAKS_SEL_BARIS, "baris memuat", "sel", " per baris"))
        if max(map(len, sel)) > MAKS_TEKS_SEL:
            raise DokumenTidakTerbaca(sumber, n, pesan_lebih(MAKS_TEKS_SEL, "sel memuat", "karakter", " per sel"))


def baca_berkas(sumber: str, isi: str | bytes, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Prosedur]:
    """One document: a Word file (.docx) read by models.sop.docx_baca, or the text export."""
    if isinstance(isi, bytes):
        if apakah_docx(isi):
            return baca_docx(isi, sumber, menit_per_hari=menit_per_hari)
        try:
            isi = isi.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DokumenTidakTerbaca(sumber, None, "berkas bukan dokumen Word (.docx) atau teks UTF-8") from None
        batasi_teks(sumber, isi)  # bytes come from outside (an upload, a file named to the command line)
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
