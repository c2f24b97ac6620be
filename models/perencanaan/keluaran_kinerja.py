"""The documents the product writes itself as the output of an office's work: a quarter's Pengukuran Kinerja table
(xlsx and PDF) and the year's whole Laporan Kinerja (Word and PDF, its measurement chapter previewed on the step),
attached to a step of the execution that produces them. Which SOP produces which is the kabupaten's SAKIP calendar's word (its `pengukuran` and `laporan_kinerja`)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session

from models.perencanaan.cetak_lkj import berkas_lkj
from models.perencanaan.dokumen_kinerja import (
    BabPengukuran,
    TabelPengukuran,
    bab_pengukuran_tahunan,
    nama_berkas,
    pdf_bab,
    pdf_pengukuran,
    pesan_draf,
    tabel_pengukuran,
    xlsx_bab,
    xlsx_pengukuran,
)
from models.perencanaan.kalender_sakip import jadwal_sop
from models.perencanaan.laporan_kinerja import langkah_terkunci, susun_lkj
from models.sop.alur import JenisSubjek, jenis_subjek, siap_ditindak
from models.sop.keluaran import lampirkan_keluaran
from models.tables import Eksekusi, Lampiran, Sop, SopRevisi, User
from models.umum.penolakan import Ditolak

PENGUKURAN, LAPORAN = "pengukuran", "laporan_kinerja"


def dokumen_otomatis(session: Session, eks: Eksekusi) -> str | None:
    """PENGUKURAN for a quarter's execution of the SOP the calendar names for Pengukuran Kinerja, LAPORAN for a
    year's execution of the Laporan Kinerja's SOP; None for any other work."""
    if not jenis_subjek(eks.subjek_jenis).menulis_dokumen:
        return None
    rev = session.get(SopRevisi, eks.revisi_id)
    assert rev is not None  # the execution's revision (foreign key)
    sop = session.get(Sop, rev.sop_id)
    assert sop is not None  # the revision's SOP (foreign key)
    j = jadwal_sop(session, sop)
    if j is not None and j.kewajiban == PENGUKURAN and eks.triwulan:
        return PENGUKURAN
    if j is not None and j.kewajiban == LAPORAN and eks.triwulan is None:
        return LAPORAN
    return None


def isi_dokumen(session: Session, eks: Eksekusi, *, dicetak: date | None = None
                ) -> TabelPengukuran | BabPengukuran | None:
    """What the execution's document holds now, from the capaian engine; None when it writes no document."""
    jenis = dokumen_otomatis(session, eks)
    if jenis == PENGUKURAN and eks.triwulan is not None:  # a quarter's execution (dokumen_otomatis)
        return tabel_pengukuran(session, kecamatan_id=eks.kecamatan_id, tahun=eks.tahun, triwulan=eks.triwulan,
                                dicetak=dicetak)
    if jenis == LAPORAN:
        return bab_pengukuran_tahunan(session, kecamatan_id=eks.kecamatan_id, tahun=eks.tahun, dicetak=dicetak)
    return None


def berkas_dokumen(isi: TabelPengukuran | BabPengukuran) -> list[tuple[str, bytes]]:
    """The document as an xlsx and a PDF, with their file names."""
    if isinstance(isi, TabelPengukuran):
        return [(nama_berkas(isi, "xlsx"), xlsx_pengukuran(isi)), (nama_berkas(isi, "pdf"), pdf_pengukuran(isi))]
    return [(nama_berkas(isi, "xlsx"), xlsx_bab(isi)), (nama_berkas(isi, "pdf"), pdf_bab(isi))]




def lampirkan_dokumen_kinerja(session: Session, *, catatan_id: int, oleh: User, folder: Path) -> list[Lampiran]:
    """Write the execution's document as it stands now and attach both files to the waiting step, as its output.
    Only someone who may act on the step now, in the caller's transaction (audited per file). A quarter's table is
    refused while a figure it counts is still in draft (models.perencanaan.dokumen_kinerja.pesan_draf)."""
    _rec, eks = siap_ditindak(session, catatan_id=catatan_id, oleh=oleh)
    isi = isi_dokumen(session, eks)
    if isi is None:
        raise Ditolak("Pekerjaan ini tidak menghasilkan tabel pengukuran kinerja.")
    if isinstance(isi, TabelPengukuran) and (draf := pesan_draf(isi)):
        raise Ditolak(draf)
    # A Laporan Kinerja's run carries the whole report (Word and PDF), its measurement chapter included.
    berkas = (berkas_lkj(susun_lkj(session, eks.kecamatan_id, eks.tahun)) if isinstance(isi, BabPengukuran)
              else berkas_dokumen(isi))
    return [lampirkan_keluaran(session, catatan_id=catatan_id, nama_berkas=nama, data=data, oleh=oleh, folder=folder)
            for nama, data in berkas]


# A document has no Kasi of its own ("Kasi terkait" waits on every Kasi), lets no one stand in, and its steps all
# move through the state machine; the Camat may cancel it, and its run may write its document from the figures. A
# year's Laporan Kinerja run waits at the Camat's step for the signed LKj (models.perencanaan.laporan_kinerja).
SUBJEK_DOKUMEN = JenisSubjek(nama="Dokumen kinerja", tautan=lambda _s, _e: "/pekerjaan", halaman="Pekerjaan SOP",
                             dapat_dibatalkan=True, menulis_dokumen=True, terkunci=langkah_terkunci)
