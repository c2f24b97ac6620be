"""Monitoring and evaluation records of a quarter: each starts an execution of the office's own SOP.

An evaluation (or a monitoring) of a quarter is recorded once and starts an execution of the office's own
"Evaluasi Data Kinerja" (or "Pemantauan Kinerja") SOP; its recommendations are then followed up
(models.tindak_lanjut.rekomendasi). Each function writes inside the caller's transaction.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from models.sop.alur import (
    JenisSubjek,
    mulai,
    urutan_pelaksana,
)
from models.sop.dokumen import kunci_nama
from models.tables import Evaluasi, Kecamatan, Sop, SopRevisi, User
from models.tindak_lanjut.rekomendasi import (
    PENCATAT,
    periksa_pengguna,
    tambah_rekomendasi,
    tanggal_saja,
    waktu_utc,
)
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, MAKS_PENDEK, MAKS_URAIAN, bulat, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import awal_triwulan, label_periode
from models.umum.status import JenisKerja
from models.umum.tanggal import baca_tanggal, tanggal_panjang

JENIS = ("pemantauan", "evaluasi")
# The SOP that carries a record of each kind, by the name the office prints (matched in kunci_nama form).
SOP_JENIS = {"pemantauan": "Pemantauan Kinerja", "evaluasi": "Evaluasi Data Kinerja"}

# An evaluation concerns several Kasi (its "Kasi terkait" step waits on each), lets no one stand in, and its
# recommendations are followed up on their own (models.tindak_lanjut.rekomendasi) on Tindak Lanjut.
SUBJEK_EVALUASI = JenisSubjek(nama="Pemantauan dan evaluasi kinerja", tautan=lambda _s, _e: "/tindak-lanjut",
                              halaman="Tindak Lanjut")


def _sop_berlaku(session: Session, kecamatan_id: int, nama: str) -> SopRevisi | None:
    """The office's revision in force of the SOP printed under `nama` (as models.kinerja.iku.sop_pengumpul finds one)."""
    return session.exec(
        select(SopRevisi).join(Sop, col(Sop.id) == SopRevisi.sop_id).where(Sop.kecamatan_id == kecamatan_id)
        .where(Sop.kunci == kunci_nama(nama)).where(SopRevisi.berlaku == True)  # noqa: E712
    ).first()

def catat_evaluasi(session: Session, *, kecamatan_id: int, jenis: str, tahun: int, triwulan: int, tanggal: date,
                   peserta: str, temuan: str, oleh: User, berita_acara: str | None = None,
                   pada: datetime | None = None, demo: bool = False) -> Evaluasi:
    """Record a quarter's monitoring ("pemantauan") or evaluation ("evaluasi") and start its SOP.

    Recorded by the Tim, the Kasubag Evapor, the Sekretaris Camat or the Camat of the office. The execution of
    the office's SOP in force named "Pemantauan Kinerja" or "Evaluasi Data Kinerja" starts at `pada` and is
    stored as `eksekusi_id`. An office without that SOP still gets its record, with `eksekusi_id` None: the
    meeting happened whether or not the office has adopted the procedure. Audited as "evaluasi.catat".
    """
    if jenis not in JENIS:
        raise Ditolak('Jenis harus "pemantauan" atau "evaluasi".')
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    nama_jenis = jenis.capitalize()
    periksa_pengguna(oleh, kecamatan_id, f"{nama_jenis} hanya dapat dicatat untuk kecamatan Anda sendiri.")
    if oleh.role_kode not in PENCATAT:
        raise Ditolak(f"{nama_jenis} dicatat oleh Tim, Kasubag Evapor, Kasubag Perencanaan dan Keuangan, "
                                  "Sekretaris Camat atau Camat; peran Anda tidak dapat mencatatnya.")
    if triwulan not in (1, 2, 3, 4):
        raise Ditolak("Triwulan harus 1 sampai 4.")
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise Ditolak("Tahun tidak sah.")
    if not tanggal_saja(tanggal):
        raise Ditolak(f"Tanggal {jenis} wajib diisi.")
    t = waktu_utc(pada)
    hari_ini = t.astimezone(ZoneInfo(kec.zona_waktu)).date()
    if tanggal > hari_ini:
        raise Ditolak(f"Tanggal {jenis} ({tanggal_panjang(tanggal)}) tidak boleh sesudah hari ini "
                                  f"({tanggal_panjang(hari_ini)}).")
    periode = label_periode(tahun, triwulan)
    if tanggal < awal_triwulan(tahun, triwulan):
        raise Ditolak(f"Tanggal {jenis} ({tanggal_panjang(tanggal)}) sebelum {periode} dimulai; "
                                  "triwulan yang dinilai harus sudah berjalan.")
    peserta_bersih = teks(peserta, label="Peserta evaluasi", maks=MAKS_KALIMAT)
    temuan_bersih = teks(temuan, label="Temuan evaluasi", maks=MAKS_URAIAN)
    berita_acara = teks(berita_acara, label="Berita acara", maks=MAKS_KALIMAT)
    if jenis == "evaluasi":
        if peserta_bersih is None:
            raise Ditolak("Peserta evaluasi wajib diisi.")
        if temuan_bersih is None:
            raise Ditolak("Temuan evaluasi wajib diisi.")
    rev = _sop_berlaku(session, kecamatan_id, SOP_JENIS[jenis])
    if rev is not None:
        urutan_pelaksana(session, rev.id)
    ev = Evaluasi(kecamatan_id=kecamatan_id, jenis=jenis, tahun=tahun, triwulan=triwulan, tanggal=tanggal,
                  peserta=peserta_bersih, temuan=temuan_bersih, berita_acara=berita_acara,
                  dibuat_oleh=oleh.id, dibuat_pada=t, demo=demo)
    session.add(ev)
    session.flush()
    if rev is not None:
        eks = mulai(session, revisi_id=rev.id, kecamatan_id=kecamatan_id, subjek_jenis=JenisKerja.EVALUASI, subjek_id=ev.id,
                    judul=f"{SOP_JENIS[jenis]} {periode}", tahun=tahun, triwulan=triwulan, oleh=oleh, pada=t,
                    demo=demo)
        ev.eksekusi_id = eks.id
        session.add(ev)
    catat(session, aksi="evaluasi.catat", oleh=oleh, objek="evaluasi", objek_id=ev.id, kecamatan_id=kecamatan_id,
          sesudah={"jenis": jenis, "tahun": tahun, "triwulan": triwulan, "tanggal": tanggal.isoformat(),
                   "eksekusi": ev.eksekusi_id, "pada": t.isoformat()})
    session.flush()
    return ev

@dataclass(frozen=True)
class RekomendasiBaru:
    """One recommendation as typed in the evaluation form."""

    teks: str
    role_kode: str | None
    jatuh_tempo: date | None
    indikator_id: int | None = None
    sop_id: int | None = None

    @property
    def kosong(self) -> bool:
        return not (self.teks or "").strip() and not self.role_kode and self.jatuh_tempo is None \
            and self.indikator_id is None and self.sop_id is None


def baca_rekomendasi(n: int, isi: object, indikator_id: object, role_kode: object,
                     jatuh_tempo: object) -> RekomendasiBaru:
    """Row `n` of a form's recommendations (the office's evaluation, the LHE's), each field checked before the
    write; a refusal names the row."""
    try:
        return RekomendasiBaru(teks=teks(isi, label="Teks rekomendasi", maks=MAKS_KALIMAT) or "",
                               indikator_id=bulat(indikator_id, label="IKU", minimum=1, wajib=False),
                               role_kode=teks(role_kode, label="Penanggung jawab", maks=MAKS_PENDEK),
                               jatuh_tempo=baca_tanggal(jatuh_tempo))  # type: ignore[arg-type]
    except Ditolak as e:
        raise Ditolak(f"Rekomendasi {n}: {e}") from None


def catat_evaluasi_lengkap(session: Session, *, kecamatan_id: int, jenis: str, tahun: int, triwulan: int,
                           tanggal: date, peserta: str, temuan: str, oleh: User, berita_acara: str | None = None,
                           rekomendasi: Sequence[RekomendasiBaru] = (), pada: datetime | None = None) -> Evaluasi:
    """An evaluation and its recommendations in one go (the caller's one transaction: all or nothing). Empty
    rows of the form are skipped; a refusal names the row ("Rekomendasi 2: …")."""
    ev = catat_evaluasi(session, kecamatan_id=kecamatan_id, jenis=jenis, tahun=tahun, triwulan=triwulan,
                        tanggal=tanggal, peserta=peserta, temuan=temuan, oleh=oleh, berita_acara=berita_acara,
                        pada=pada)
    isi = [(n, r) for n, r in enumerate(rekomendasi, start=1) if not r.kosong]
    if isi and jenis != "evaluasi":
        raise Ditolak("Rekomendasi hanya dapat ditambahkan pada evaluasi, bukan pada pemantauan.")
    for n, r in isi:
        try:
            tambah_rekomendasi(session, evaluasi_id=ev.id, teks=r.teks, role_kode=r.role_kode or "",
                               jatuh_tempo=r.jatuh_tempo, indikator_id=r.indikator_id, sop_id=r.sop_id, oleh=oleh,
                               pada=pada)
        except Ditolak as e:
            raise Ditolak(f"Rekomendasi {n}: {e}") from None
    return ev
