"""The Laporan Hasil Evaluasi (LHE) of an office's Evaluasi AKIP: who may read it, what it says, and its
recommendations followed up in Tindak Lanjut.

The scores are the evaluator's answers (JawabanLke.evaluator) scored on the LKE the evaluation froze
(EvaluasiAkip.lke) by models.tindak_lanjut.lke.hitung_nilai: the one scoring. Its recommendations are the
Rekomendasi of one Evaluasi (jenis "evaluasi_akip", the evaluated year, no quarter) that EvaluasiAkip.evaluasi_id
points to: they move through the same states and reminders as the office's own (models.tindak_lanjut.rekomendasi),
listed in Tindak Lanjut as "Evaluasi AKIP <tahun>".

The evaluator adds them once the evaluation is final: they are the final report's, and the office sees the LHE
(and so the recommendations' source) only from then on. Recommendations may still be added after final (a
recommendation forgotten in the first entry), never before.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from models.akun.peran import NAMA_PERAN
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.tables import Evaluasi, EvaluasiAkip, JawabanLke, Kabupaten, Kecamatan, Rekomendasi, User
from models.tindak_lanjut.lke import ARTI_PREDIKAT, NilaiLke, StrukturLke, baca_struktur, bulat, hitung_nilai
from models.tindak_lanjut.rekomendasi import buat_rekomendasi, waktu_utc
from models.umum.angka import format_angka
from models.umum.audit import catat
from models.umum.mesin_status import tulis
from models.umum.penolakan import Ditolak
from models.umum.status import StatusEvaluasiAkip, StatusRekomendasi
from models.umum.tanggal import tanggal_panjang

JENIS_EVALUASI = "evaluasi_akip"  # Evaluasi.jenis of the LHE's recommendations
FINAL = StatusEvaluasiAkip.FINAL
PEMBACA_KABUPATEN = frozenset({"kabupaten", "evaluator"})
PESAN_BUKAN_EVALUATOR = ("Rekomendasi LHE hanya dapat ditambahkan oleh Evaluator Inspektorat kabupaten "
                         "kecamatan ini.")
PESAN_BELUM_FINAL = "Rekomendasi LHE ditambahkan setelah Evaluasi AKIP final; selesaikan penilaiannya lebih dulu."
PESAN_KOSONG = "Isi sekurang-kurangnya satu rekomendasi."
PESAN_EVALUATOR_BELUM_FINAL = "Jawaban dan nilai evaluator tampil setelah evaluasi final."


def alasan_tidak_boleh_baca(session: Session, user: User, kecamatan_id: int, ev: EvaluasiAkip | None) -> str | None:
    """Why this user may not read the LHE of this office (`ev`: its evaluation of the year, if any), or None: an
    office user their own office's once it is final; a kabupaten reader or evaluator their kabupaten's offices';
    the admin every one. The office is checked before the evaluation, so another office learns nothing of it."""
    if not user.aktif:
        return "Akun Anda tidak aktif."
    if user.role_kode == "admin":
        return None
    kec = session.get(Kecamatan, kecamatan_id)
    if user.role_kode in PEMBACA_KABUPATEN:
        return None if kec is not None and user.kabupaten_id == kec.kabupaten_id else \
            "LHE ini milik kecamatan di kabupaten lain."
    if user.kecamatan_id != kecamatan_id:
        return "LHE ini milik kecamatan lain."
    return None if ev is None or evaluator_terlihat(ev, user) else "LHE dapat dibaca setelah Evaluasi AKIP final."


def evaluator_terlihat(ev: EvaluasiAkip, user: User) -> bool:
    """Whether `user`, already allowed to read this office's evaluation, sees the evaluator's side of it: the
    evaluator's answers, notes and scores, the predicate and the LHE. Kabupaten-level users (kabupaten, evaluator,
    admin) always; the office's own users only once the evaluation is final, so the page and the LHE never show the
    office a provisional judgement. The desk review's questions are not the evaluator's side: the office answers
    them during the review."""
    return user.role_kode == "admin" or user.role_kode in PEMBACA_KABUPATEN or ev.status == FINAL


# ---------------------------------------------------------------- the report's content


@dataclass(frozen=True)
class BarisNilai:
    kode: str
    nama: str
    bobot: str  # "30,00"
    nilai: str  # "24,38", "-" while unanswered
    komponen: bool  # a component's row (else a sub-component's)


@dataclass(frozen=True)
class RekomendasiLhe:
    teks: str
    penanggung_jawab: str
    jatuh_tempo: str
    status: str


@dataclass(frozen=True)
class Lhe:
    kabupaten: str
    kecamatan: str
    tahun: int
    final: bool
    baris: tuple[BarisNilai, ...]
    total: str
    predikat: str  # "BB", "-" while incomplete
    arti: str  # "Sangat Baik"
    belum: int  # criteria still unanswered by the evaluator
    temuan: str
    rekomendasi: tuple[RekomendasiLhe, ...]
    tempat_tanggal: str
    penandatangan: str  # the evaluator's name
    jabatan: str
    nip: str | None
    nama_berkas: str


def teks_nilai(x: Decimal | None) -> str:
    """A score as the LHE prints it: two decimals half up (lke.bulat), Indonesian comma; "-" when not scored.

    >>> teks_nilai(Decimal("8.357142857")), teks_nilai(Decimal("70.005")), teks_nilai(None)
    ('8,36', '70,01', '-')
    """
    return "-" if x is None else format_angka(float(bulat(x)), 2)


def nilai_evaluator(session: Session, ev: EvaluasiAkip) -> tuple[StrukturLke, NilaiLke]:
    """The frozen LKE and the evaluator's answers scored on it."""
    struktur = baca_struktur(ev.lke)
    jawaban = {j.kode: j.evaluator for j in session.exec(select(JawabanLke)
                                                          .where(JawabanLke.evaluasi_akip_id == ev.id))}
    return struktur, hitung_nilai(struktur, jawaban)


def rekomendasi_evaluasi(session: Session, ev: EvaluasiAkip) -> list[Rekomendasi]:
    if ev.evaluasi_id is None:
        return []
    return list(session.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.evaluasi_id)
                             .order_by(col(Rekomendasi.id))).all())


def isi_lhe(session: Session, ev: EvaluasiAkip) -> Lhe:
    """What the LHE prints, read from the evaluation."""
    kec = session.get(Kecamatan, ev.kecamatan_id)
    assert kec is not None
    kab = session.get(Kabupaten, kec.kabupaten_id)
    struktur, n = nilai_evaluator(session, ev)
    baris: list[BarisNilai] = []
    for km in struktur.komponen:
        baris.append(BarisNilai(km.kode, km.nama, teks_nilai(km.bobot), teks_nilai(n.komponen[km.kode]), True))
        for sub in km.sub:
            baris.append(BarisNilai(sub.kode, sub.nama, teks_nilai(sub.bobot), teks_nilai(n.sub[sub.kode]), False))
    predikat = n.predikat or "-"
    evaluator = session.get(User, ev.evaluator_id) if ev.evaluator_id else None
    kab_nama = kab.nama if kab else ""
    tanggal = ev.tanggal_lhe
    rek = tuple(RekomendasiLhe(r.teks, NAMA_PERAN.get(r.role_kode, r.role_kode), tanggal_panjang(r.jatuh_tempo),
                               StatusRekomendasi.label_dari(r.status)) for r in rekomendasi_evaluasi(session, ev))
    return Lhe(
        kabupaten=kab_nama, kecamatan=kec.nama, tahun=ev.tahun, final=ev.status == FINAL, baris=tuple(baris),
        total=teks_nilai(n.total), predikat=predikat, arti=ARTI_PREDIKAT.get(predikat, "belum dapat ditentukan"),
        belum=len(n.belum), temuan=(ev.temuan or "").strip(), rekomendasi=rek,
        tempat_tanggal=f"{kab_nama}, {tanggal_panjang(tanggal) if tanggal else '.' * 25}",
        penandatangan=evaluator.nama if evaluator else "." * 40,
        jabatan=(evaluator.jabatan if evaluator and evaluator.jabatan else f"Evaluator Inspektorat Kabupaten {kab_nama}"),
        nip=evaluator.nip if evaluator else None,
        nama_berkas="-".join(f"lhe evaluasi akip {kec.nama} {ev.tahun}".lower().split()))


# ---------------------------------------------------------------- the LHE's recommendations


@dataclass(frozen=True)
class RekomendasiBaruLhe:
    """One recommendation of the LHE as the evaluator types it."""

    teks: str
    role_kode: str | None
    jatuh_tempo: date | None
    indikator_id: int | None = None

    @property
    def kosong(self) -> bool:
        return not (self.teks or "").strip() and not self.role_kode and self.jatuh_tempo is None \
            and self.indikator_id is None


def _periksa_evaluator(session: Session, ev: EvaluasiAkip, oleh: User) -> Kecamatan:
    kec = session.get(Kecamatan, ev.kecamatan_id)
    assert kec is not None
    if not oleh.aktif:
        raise Ditolak("Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan.")
    if oleh.role_kode != "evaluator" or oleh.kabupaten_id != kec.kabupaten_id:
        raise Ditolak(PESAN_BUKAN_EVALUATOR, objek="evaluasi_akip", objek_id=ev.id, kecamatan_id=ev.kecamatan_id)
    return kec


def rekomendasi_lhe(session: Session, *, evaluasi_akip_id: int,
                    rekomendasi: Sequence[RekomendasiBaruLhe | tuple], oleh: User,
                    pada: datetime | None = None, demo: bool = False) -> list[Rekomendasi]:
    """The evaluator adds the LHE's recommendations (teks, role_kode, jatuh_tempo, indikator_id?) to a final
    Evaluasi AKIP: the first call makes its Evaluasi (jenis "evaluasi_akip", the evaluated year, no quarter, dated
    the LHE's date, else the day of the call) and links it; each recommendation is checked as the office's own are and starts "baru". All or
    nothing (the caller's one transaction); empty rows of the form are skipped; a refusal names the row
    ("Rekomendasi 2: …"). Audited as "evaluasi_akip.rekomendasi" and each as "rekomendasi.tambah"."""
    ev = session.get(EvaluasiAkip, evaluasi_akip_id)
    if ev is None:
        raise Ditolak("Evaluasi AKIP tidak ditemukan.")
    _periksa_evaluator(session, ev, oleh)
    if ev.status != FINAL:
        raise Ditolak(PESAN_BELUM_FINAL, objek="evaluasi_akip", objek_id=ev.id, kecamatan_id=ev.kecamatan_id)
    baris = [r if isinstance(r, RekomendasiBaruLhe) else RekomendasiBaruLhe(*r) for r in rekomendasi]
    isi = [(n, r) for n, r in enumerate(baris, start=1) if not r.kosong]
    if not isi:
        raise Ditolak(PESAN_KOSONG)
    t = waktu_utc(pada)
    induk = session.get(Evaluasi, ev.evaluasi_id) if ev.evaluasi_id else None
    if induk is None:
        kec = session.get(Kecamatan, ev.kecamatan_id)
        assert kec is not None
        induk = Evaluasi(kecamatan_id=ev.kecamatan_id, jenis=JENIS_EVALUASI, tahun=ev.tahun, triwulan=None,
                         tanggal=ev.tanggal_lhe or tanggal_lokal(t, kec.zona_waktu), peserta=oleh.nama, temuan=(ev.temuan or "").strip() or None,
                         dibuat_oleh=oleh.id, dibuat_pada=t, demo=demo)
        session.add(induk)
        session.flush()
        # Linked only if still unlinked: of two first batches saved at once, the second is refused (and its
        # Evaluasi rolled back) rather than leaving the first's recommendations outside the LHE.
        if not tulis(session, ev, ke=ev.status, cas={"evaluasi_id": None}, nilai={"evaluasi_id": induk.id}):
            raise Ditolak("Rekomendasi LHE ini baru saja disimpan orang lain; muat ulang halaman lalu simpan lagi.",
                          objek="evaluasi_akip", objek_id=evaluasi_akip_id)
    hasil = []
    for n, r in isi:
        try:
            hasil.append(buat_rekomendasi(session, induk, teks=r.teks, role_kode=r.role_kode or "",
                                          jatuh_tempo=r.jatuh_tempo, indikator_id=r.indikator_id, oleh=oleh,
                                          pada=t))
        except Ditolak as e:
            raise Ditolak(f"Rekomendasi {n}: {e}") from None
    catat(session, aksi="evaluasi_akip.rekomendasi", oleh=oleh, objek="evaluasi_akip", objek_id=ev.id,
          kecamatan_id=ev.kecamatan_id, sesudah={"evaluasi": induk.id, "rekomendasi": [r.id for r in hasil],
                                                 "pada": t.isoformat()})
    session.flush()
    return hasil
