"""What the office's own records say about a criterion of the LKE: a proposed answer with the records behind it.

A proposal, never a verdict: the person answering decides, and the proposal with its records stays in view of the
evaluator. Each criterion the records can speak to registers one reader in PEMBACA, keyed by the criterion's words
(`kunci_kriteria`), so a kabupaten's revised LKE that keeps a criterion's words keeps its proposal whatever its
number; a criterion without a reader takes an uploaded proof.

How a proposal is read from the records, the same for every reader:
- nothing recorded proposes nothing (`jawaban` None): an office may keep a document outside this application, so
  the absence of a record is not proof that the thing is absent; the reason says what is missing;
- a Y/T criterion is proposed "Y" when the records show all that it asks for, otherwise "T";
- an A–E criterion is proposed from the share of what it asks for that the records show (`nilai_ae`):
  all A, from three quarters B, from half C, something D, nothing E.
Readers share one `Rekaman` of the office-year, each kind of record read once: the whole set for one office-year
costs a bounded number of queries, whatever the number of IKU, figures or recommendations.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from sqlmodel import Session, col, select

from models.akun.peran import NAMA_PERAN
from models.db import pilih
from models.kinerja.capaian import BarisCapaian, capaian_banyak
from models.kinerja.iku import iku_kantor, sop_pengumpul_kantor
from models.perencanaan.anggaran import EfisiensiSasaran, baris_dpa, efisiensi_sasaran, rupiah
from models.perencanaan.kalender_sakip import Kewajiban, kewajiban_kantor, tanggal_lokal, terlambat
from models.perencanaan.perjanjian_kinerja import PIHAK_BAWAH, daftar_pk, indikator_pk, rencana_aksi
from models.tables import (
    Anggaran,
    CatatanLangkah,
    Eksekusi,
    Evaluasi,
    Indikator,
    IndikatorPk,
    Kecamatan,
    LaporanKinerja,
    PerjanjianKinerja,
    Realisasi,
    Rekomendasi,
    TargetRenstra,
    TeksLkj,
    User,
)
from models.tindak_lanjut.lke import StrukturLke
from models.tindak_lanjut.rekomendasi import TUNTAS, daftar_rekomendasi
from models.tindak_lanjut.rekomendasi import terlambat as rekomendasi_terlambat
from models.umum import periode
from models.umum.angka import tulis_persen
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanKewajiban, StatusLaporan, StatusPerjanjian, StatusRealisasi
from models.umum.tanggal import tanggal_panjang


@dataclass(frozen=True)
class Tautan:
    """One record behind a proposal: what it is, and where the product shows it."""

    label: str
    href: str


@dataclass(frozen=True)
class Usulan:
    jawaban: str | None  # Y/T or A..E; None when the records show something but do not settle an answer
    alasan: str  # one or two sentences in Indonesian: what the records show
    tautan: tuple[Tautan, ...] = ()


Pembaca = Callable[[Session, int, int], Usulan]  # (session, kecamatan_id, tahun) -> proposal
PEMBACA: dict[str, Pembaca] = {}


def kunci_kriteria(teks: str) -> str:
    """A criterion's words compared without case, punctuation or spacing.

    >>> kunci_kriteria("Pengukuran kinerja telah dilakukan secara  berkala.")
    'pengukuran kinerja telah dilakukan secara berkala'
    """
    return " ".join(re.sub(r"[^\w\s]", " ", teks.lower()).split())


# An answer on the other scale, for a kabupaten's LKE that asks a criterion on a scale the regulation does not.
YT_KE_AE = {"Y": "A", "T": "E"}
AE_KE_YT = {"A": "Y", "B": "Y", "C": "T", "D": "T", "E": "T"}


def ke_skala(jawaban: str | None, skala: str) -> str | None:
    """A proposed answer on the criterion's scale: Y is A and T is E; A and B are Y, C to E are T.

    >>> ke_skala("Y", "AE"), ke_skala("B", "YT"), ke_skala("C", "YT"), ke_skala("D", "AE"), ke_skala(None, "YT")
    ('A', 'Y', 'T', 'D', None)
    """
    if jawaban is None:
        return None
    if skala == "AE":
        return YT_KE_AE.get(jawaban, jawaban)
    return AE_KE_YT.get(jawaban, jawaban)


def usulan_kantor(session: Session, kecamatan_id: int, tahun: int, struktur: StrukturLke) -> dict[str, Usulan]:
    """The proposals for an office's year, by criterion code of `struktur`, for the criteria the records speak to;
    the readers share one reading of the office-year's records (`Rekaman`)."""
    hasil: dict[str, Usulan] = {}
    kunci = (kecamatan_id, tahun)
    session.info.setdefault(_CACHE, {})[kunci] = Rekaman(session, kecamatan_id, tahun)
    try:
        for k in struktur.kriteria():
            baca = PEMBACA.get(kunci_kriteria(k.teks))
            if baca is not None:
                u = baca(session, kecamatan_id, tahun)
                hasil[k.kode] = Usulan(ke_skala(u.jawaban, k.skala), u.alasan, u.tautan)
    finally:
        session.info[_CACHE].pop(kunci, None)
    return hasil


def nilai_ae(bagian: float, dari: float) -> str:
    """An A–E answer from the share of what a criterion asks for that the records show.

    >>> [nilai_ae(n, 4) for n in (4, 3, 2, 1, 0)], nilai_ae(2, 3), nilai_ae(0.5, 1)
    (['A', 'B', 'C', 'D', 'E'], 'C', 'C')
    """
    r = bagian / dari
    return "A" if r >= 1 else "B" if r >= 0.75 else "C" if r >= 0.5 else "D" if r > 0 else "E"


def _yt(ya: bool) -> str:
    return "Y" if ya else "T"


def _daftar(kata: list[str]) -> str:
    """ "a", "a dan b", "a, b dan c"."""
    return kata[0] if len(kata) == 1 else f"{', '.join(kata[:-1])} dan {kata[-1]}"


def _romawi(tw: list[int]) -> str:
    return _daftar([ROMAWI[q] for q in tw])


# ---------------------------------------------------------------- the records of an office-year, read once

_CACHE = "bukti_lke.rekaman"
SELESAI = frozenset({KeadaanKewajiban.SELESAI, KeadaanKewajiban.SELESAI_TERLAMBAT,
                     KeadaanKewajiban.SELESAI_TANPA_TENGGAT})
TEKS_ANALISIS = ("penyebab", "upaya", "hambatan")  # TeksLkj.bagian per indicator of Bab III's analysis
TEKS_PERBAIKAN = "perbaikan"  # Bab IV: the improvements planned
TAHUN_LALU = 4  # Bab III compares with up to five years: this one and four before


class Rekaman:
    """The records of one office-year the readers look at, each kind read once when first asked for."""

    def __init__(self, session: Session, kecamatan_id: int, tahun: int, hari_ini: date | None = None) -> None:
        self.s, self.kec_id, self.tahun = session, kecamatan_id, tahun
        self.hari_ini = hari_ini or periode.hari_ini()

    @cached_property
    def kecamatan(self) -> Kecamatan:
        kec = self.s.get(Kecamatan, self.kec_id)
        assert kec is not None
        return kec

    @cached_property
    def iku(self) -> list[Indikator]:
        return iku_kantor(self.s, self.kec_id)

    @cached_property
    def kewajiban(self) -> dict[tuple[str, int | None], Kewajiban]:
        return {(k.kewajiban, k.triwulan): k for k in kewajiban_kantor(self.s, self.kec_id, tahun=self.tahun,
                                                                      hari_ini=self.hari_ini) if k.tahun == self.tahun}

    @cached_property
    def capaian(self) -> dict[int, list[BarisCapaian]]:
        """Per year, this one and the four before: each IKU's targets, figures and capaian."""
        tahun = range(self.tahun - TAHUN_LALU, self.tahun + 1)
        hasil = capaian_banyak(self.s, kecamatan_ids=[self.kec_id], tahun=tahun)
        return {t: hasil.get((self.kec_id, t), []) for t in tahun}

    @cached_property
    def baris(self) -> list[BarisCapaian]:
        return self.capaian[self.tahun]

    @cached_property
    def rencana_aksi(self):  # noqa: ANN201
        return rencana_aksi(self.s, self.kec_id, self.tahun)

    @cached_property
    def dpa(self) -> list[Anggaran]:
        return baris_dpa(self.s, self.kec_id, self.tahun)

    @cached_property
    def efisiensi(self) -> list[EfisiensiSasaran]:
        return efisiensi_sasaran(self.s, self.kec_id, self.tahun)

    @cached_property
    def pk(self) -> list[PerjanjianKinerja]:
        return daftar_pk(self.s, self.kec_id, self.tahun)

    def pk_terakhir(self, role: str) -> PerjanjianKinerja | None:
        milik = [p for p in self.pk if p.role_kode == role]
        return max(milik, key=lambda p: p.perubahan_ke) if milik else None

    @cached_property
    def indikator_pk(self) -> list[IndikatorPk]:
        return indikator_pk(self.s, self.kec_id, self.tahun)

    @cached_property
    def peran_pegawai(self) -> set[str]:
        return set(self.s.exec(select(User.role_kode).where(User.kecamatan_id == self.kec_id)
                               .where(User.aktif == True)).all())  # noqa: E712

    @cached_property
    def sop_pengumpul(self) -> dict[int, object]:
        return dict(sop_pengumpul_kantor(self.s, self.iku, self.kec_id))

    @cached_property
    def realisasi(self) -> list[tuple[int, int, str, int | None]]:
        """(indicator, quarter, status, execution) of every figure of the year entered here."""
        return [(a, b, c, d) for a, b, c, d in self.s.exec(
            pilih(Realisasi.indikator_id, Realisasi.triwulan, Realisasi.status, Realisasi.eksekusi_id)
            .where(Realisasi.kecamatan_id == self.kec_id).where(Realisasi.tahun == self.tahun)).all()]

    @cached_property
    def disetujui_camat(self) -> set[int]:
        """The executions of the year's figures in which the Camat took a step (approved or finished it)."""
        eks = [e for _, _, _, e in self.realisasi if e is not None]
        if not eks:
            return set()
        return set(self.s.exec(select(CatatanLangkah.eksekusi_id).where(col(CatatanLangkah.eksekusi_id).in_(eks))
                               .where(CatatanLangkah.role_kode == "camat")
                               .where(col(CatatanLangkah.hasil).in_(("disetujui", "selesai")))).all())

    @cached_property
    def lkj(self) -> dict[int, LaporanKinerja]:
        """The office's LKj of this year and the one before, by year."""
        return {r.tahun: r for r in self.s.exec(select(LaporanKinerja).where(LaporanKinerja.kecamatan_id == self.kec_id)
                                                .where(col(LaporanKinerja.tahun).in_((self.tahun - 1, self.tahun))))}

    @cached_property
    def lkj_selesai(self) -> datetime | None:
        """When the execution of this year's LKj ended."""
        r = self.lkj.get(self.tahun)
        if r is None or r.eksekusi_id is None:
            return None
        e = self.s.get(Eksekusi, r.eksekusi_id)
        return e.selesai_pada if e is not None and e.status == "selesai" else None

    @cached_property
    def teks_lkj(self) -> list[TeksLkj]:
        return list(self.s.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == self.kec_id)
                                .where(TeksLkj.tahun == self.tahun)).all())

    @cached_property
    def target_renstra(self) -> set[int]:
        """The IKU with an end-of-period target of a Renstra covering the year."""
        return set(self.s.exec(select(TargetRenstra.indikator_id).where(TargetRenstra.kecamatan_id == self.kec_id)
                               .where(TargetRenstra.tahun_awal <= self.tahun)
                               .where(TargetRenstra.tahun_akhir >= self.tahun)).all())

    @cached_property
    def pembanding(self) -> set[int]:
        """The shared IKU of the kabupaten with an official figure of the year in another office."""
        lain = select(Kecamatan.id).where(Kecamatan.kabupaten_id == self.kecamatan.kabupaten_id) \
            .where(Kecamatan.id != self.kec_id)
        return set(self.s.exec(select(Realisasi.indikator_id).where(col(Realisasi.kecamatan_id).in_(lain))
                               .where(Realisasi.tahun == self.tahun)
                               .where(Realisasi.status == StatusRealisasi.RESMI).distinct()).all())

    @cached_property
    def evaluasi(self) -> list[Evaluasi]:
        """The office's own quarterly evaluations of the year."""
        return list(self.s.exec(select(Evaluasi).where(Evaluasi.kecamatan_id == self.kec_id)
                                .where(Evaluasi.tahun == self.tahun).where(Evaluasi.jenis == "evaluasi")
                                .where(col(Evaluasi.triwulan).is_not(None))).all())

    @cached_property
    def rekomendasi(self) -> list[Rekomendasi]:
        """The recommendations of those evaluations (the office's internal ones, not the kabupaten's LHE)."""
        ids = {e.id for e in self.evaluasi}
        return [r for r in daftar_rekomendasi(self.s, kecamatan_ids=[self.kec_id], tahun=self.tahun)
                if r.evaluasi_id in ids]


def rekaman(session: Session, kecamatan_id: int, tahun: int) -> Rekaman:
    """The office-year's records as `usulan_kantor` shares them, or a fresh reading for one reader alone."""
    return session.info.get(_CACHE, {}).get((kecamatan_id, tahun)) or Rekaman(session, kecamatan_id, tahun)


def _pembaca_dari(f: Callable[[Rekaman], Usulan]) -> Pembaca:
    def baca(session: Session, kecamatan_id: int, tahun: int) -> Usulan:
        return f(rekaman(session, kecamatan_id, tahun))
    return baca


def pembaca(*teks: str) -> Callable[[Callable[[Rekaman], Usulan]], Callable[[Rekaman], Usulan]]:
    """Register a reader of the office-year's records for the criteria of these words."""
    def daftar(f: Callable[[Rekaman], Usulan]) -> Callable[[Rekaman], Usulan]:
        for t in teks:
            PEMBACA[kunci_kriteria(t)] = _pembaca_dari(f)
        return f
    return daftar


# ---------------------------------------------------------------- links to the product's pages

def _t_pk(r: Rekaman) -> Tautan:
    return Tautan(f"Perjanjian Kinerja {r.tahun}", f"/perjanjian-kinerja?tahun={r.tahun}")


def _t_kalender(r: Rekaman) -> Tautan:
    return Tautan(f"Kalender SAKIP {r.tahun}", f"/kalender-sakip?tahun={r.tahun}")


def _t_pekerjaan(r: Rekaman) -> Tautan:
    return Tautan(f"Pekerjaan SOP {r.tahun}", f"/pekerjaan?tahun={r.tahun}")


def _t_capaian(r: Rekaman) -> Tautan:
    return Tautan(f"Capaian IKU {r.tahun}", f"/capaian?tahun={r.tahun}&triwulan=4")


def _t_iku(r: Rekaman) -> Tautan:
    return Tautan("IKU & Target", f"/iku?tahun={r.tahun}")


def _t_anggaran(r: Rekaman) -> Tautan:
    return Tautan(f"Anggaran (DPA) {r.tahun}", f"/anggaran?tahun={r.tahun}")


def _t_lkj(r: Rekaman) -> tuple[Tautan, ...]:
    return (Tautan(f"Laporan Kinerja {r.tahun}", f"/laporan-kinerja?tahun={r.tahun}"),
            Tautan(f"LKj {r.tahun} (PDF)", f"/cetak/lkj/{r.kec_id}/{r.tahun}.pdf"))


def _t_tl(r: Rekaman) -> Tautan:
    return Tautan(f"Tindak Lanjut {r.tahun}", f"/tindak-lanjut?tahun={r.tahun}&triwulan=0")


# ---------------------------------------------------------------- the readers

def _tanpa_iku(r: Rekaman) -> Usulan:
    return Usulan(None, f"Kecamatan {r.kecamatan.nama} belum mempunyai IKU di aplikasi; catatan tidak dapat "
                        "menilai kriteria ini.", (_t_iku(r),))


def _ra(r: Rekaman) -> tuple[int, int, list[int]]:
    """(IKU-quarters with a quarter's target and a kegiatan, of how many, quarters whose monitoring ended)."""
    lengkap = sum(1 for b in r.rencana_aksi if b.target is not None and b.kegiatan)
    pantau = [q for q in (1, 2, 3, 4) if (k := r.kewajiban.get(("pemantauan", q))) and k.status in SELESAI]
    return lengkap, 4 * len(r.iku), pantau


def _alasan_ra(r: Rekaman, lengkap: int, semua: int, pantau: list[int]) -> str:
    dipantau = f"triwulan {_romawi(pantau)}" if pantau else "belum satu triwulan pun"
    return (f"Rencana Aksi {r.tahun}: {lengkap} dari {semua} IKU-triwulan mempunyai target triwulan dan kegiatan; "
            f"Pemantauan Kinerja selesai {dipantau} ({len(pantau)} dari 4).")


@pembaca("Terdapat dokumen perencanaan aktivitas yang mendukung kinerja.")
def rencana_aksi_ada(r: Rekaman) -> Usulan:
    """1.1.5: a Rencana Aksi with quarterly targets, monitored each quarter."""
    if not r.iku:
        return _tanpa_iku(r)
    lengkap, semua, pantau = _ra(r)
    if lengkap == 0:
        return Usulan(None, f"Rencana Aksi {r.tahun} belum diisi di aplikasi.", (_t_pk(r),))
    return Usulan(_yt(lengkap == semua and len(pantau) == 4), _alasan_ra(r, lengkap, semua, pantau),
                  (_t_pk(r), _t_kalender(r)))


@pembaca("Rencana aksi kinerja dapat berjalan dinamis karena capaian kinerja selalu dipantau secara berkala.")
def rencana_aksi_dipantau(r: Rekaman) -> Usulan:
    """1.3.4: the same records, as a share: the lesser of the Rencana Aksi's completeness and the quarters
    monitored."""
    if not r.iku:
        return _tanpa_iku(r)
    lengkap, semua, pantau = _ra(r)
    if lengkap == 0:
        return Usulan(None, f"Rencana Aksi {r.tahun} belum diisi di aplikasi.", (_t_pk(r),))
    return Usulan(nilai_ae(min(lengkap / semua, len(pantau) / 4), 1), _alasan_ra(r, lengkap, semua, pantau),
                  (_t_pk(r), _t_kalender(r)))


def _dpa(r: Rekaman) -> tuple[int, int]:
    sasaran = {(i.sasaran or "").strip() for i in r.iku} - {""}
    return sum(1 for a in r.dpa if (a.sasaran or "").strip() in sasaran), len(r.dpa)


def _alasan_dpa(r: Rekaman, terkait: int, semua: int) -> str:
    return (f"DPA {r.tahun}: {terkait} dari {semua} sub kegiatan dikaitkan dengan sasaran IKU kecamatan "
            f"(pagu {_rupiah(sum(a.pagu for a in r.dpa))}).")


def _rupiah(x: int) -> str:
    return rupiah(x)


@pembaca("Terdapat dokumen perencanaan anggaran yang mendukung kinerja.")
def dpa_ada(r: Rekaman) -> Usulan:
    """1.1.6: a DPA whose sub kegiatan are linked to the office's sasaran."""
    terkait, semua = _dpa(r)
    if semua == 0:
        return Usulan(None, f"DPA {r.tahun} belum dicatat di aplikasi.", (_t_anggaran(r),))
    return Usulan(_yt(terkait == semua), _alasan_dpa(r, terkait, semua), (_t_anggaran(r),))


@pembaca("Anggaran yang ditetapkan telah mengacu pada kinerja yang ingin dicapai.")
def dpa_mengacu(r: Rekaman) -> Usulan:
    """1.3.1: the share of the DPA's sub kegiatan linked to a sasaran."""
    terkait, semua = _dpa(r)
    if semua == 0:
        return Usulan(None, f"DPA {r.tahun} belum dicatat di aplikasi.", (_t_anggaran(r),))
    return Usulan(nilai_ae(terkait, semua), _alasan_dpa(r, terkait, semua), (_t_anggaran(r),))


def _pk_camat(r: Rekaman) -> tuple[PerjanjianKinerja | None, Kewajiban | None]:
    return r.pk_terakhir("camat"), r.kewajiban.get(("perjanjian_kinerja", None))


def _tanggal_ttd(r: Rekaman, pk: PerjanjianKinerja) -> date | None:
    return tanggal_lokal(pk.ditandatangani_pada, r.kecamatan.zona_waktu) if pk.ditandatangani_pada else None


def _tanpa_pk(r: Rekaman) -> Usulan:
    return Usulan(None, f"Perjanjian Kinerja Camat {r.tahun} belum ada di aplikasi.", (_t_pk(r),))


def _tautan_pk(r: Rekaman) -> tuple[Tautan, ...]:
    return (_t_pk(r), Tautan(f"Naskah PK Camat {r.tahun} (PDF)", f"/cetak/pk/{r.kec_id}/{r.tahun}.pdf"))


def _teks_ttd(r: Rekaman, pk: PerjanjianKinerja, k: Kewajiban | None) -> tuple[str, bool]:
    """The sentence on the Camat's signed PK and whether it was signed by its due date."""
    ttd = _tanggal_ttd(r, pk)
    assert ttd is not None
    tenggat = k.tenggat if k else None
    telat = tenggat is not None and terlambat(pk.ditandatangani_pada, tenggat, r.kecamatan.zona_waktu)  # type: ignore[arg-type]
    batas = f" (tenggat {tanggal_panjang(tenggat)}, {'terlambat' if telat else 'tepat waktu'})" if tenggat else ""
    return f"Perjanjian Kinerja Camat {r.tahun} ditandatangani {tanggal_panjang(ttd)}{batas}", not telat


@pembaca("Dokumen perencanaan kinerja telah diformalkan.")
def pk_diformalkan(r: Rekaman) -> Usulan:
    """1.2.1: the Camat's PK of the year signed (its scan attached)."""
    pk, k = _pk_camat(r)
    if pk is None:
        return _tanpa_pk(r)
    if pk.status != StatusPerjanjian.DITANDATANGANI:
        return Usulan("E", f"Perjanjian Kinerja Camat {r.tahun} masih draf; belum ditandatangani.", _tautan_pk(r))
    teks, _ = _teks_ttd(r, pk, k)
    return Usulan("A", f"{teks}.", _tautan_pk(r))


@pembaca("Dokumen perencanaan kinerja telah dipublikasikan tepat waktu.")
def pk_dipublikasikan(r: Rekaman) -> Usulan:
    """1.2.2 (published on time): signed and published by the PK's due date: A; signed by it, published after it:
    B; signed late and published: C; signed, not published: D; a draft: E."""
    pk, k = _pk_camat(r)
    if pk is None:
        return _tanpa_pk(r)
    if pk.status != StatusPerjanjian.DITANDATANGANI:
        return Usulan("E", f"Perjanjian Kinerja Camat {r.tahun} masih draf; belum ditandatangani dan belum "
                           "dipublikasikan.", _tautan_pk(r))
    teks, tepat = _teks_ttd(r, pk, k)
    if pk.dipublikasikan_pada is None:
        return Usulan("D", f"{teks}; belum dipublikasikan.", _tautan_pk(r))
    zona = r.kecamatan.zona_waktu
    terbit = tanggal_panjang(tanggal_lokal(pk.dipublikasikan_pada, zona))
    telat = k is not None and k.tenggat is not None and terlambat(pk.dipublikasikan_pada, k.tenggat, zona)
    if not tepat:
        return Usulan("C", f"{teks}; dipublikasikan {terbit}.", _tautan_pk(r))
    if telat:
        return Usulan("B", f"{teks}; dipublikasikan {terbit}, setelah tenggat.", _tautan_pk(r))
    return Usulan("A", f"{teks}; dipublikasikan {terbit}.", _tautan_pk(r))


def _berjenjang(r: Rekaman) -> Usulan:
    pejabat = [p for p in PIHAK_BAWAH if p in r.peran_pegawai]
    if not pejabat:
        return Usulan(None, "Kecamatan belum mempunyai akun Sekretaris Camat atau Kasi; catatan tidak dapat "
                            "menilai perjanjian kinerja berjenjang.", (_t_pk(r),))
    iku = {i.id for i in r.iku}
    ada: list[str] = []
    belum: list[str] = []
    for p in pejabat:
        pk = r.pk_terakhir(p)
        ind = [i for i in r.indikator_pk if i.role_kode == p]
        ok = (pk is not None and pk.status == StatusPerjanjian.DITANDATANGANI and bool(ind)
              and all(i.indikator_id in iku for i in ind))
        (ada if ok else belum).append(NAMA_PERAN.get(p, p))
    teks = (f"Perjanjian Kinerja {r.tahun} yang ditandatangani dengan indikator yang mendukung sasaran Camat: "
            f"{len(ada)} dari {len(pejabat)} pejabat")
    teks += f"; belum: {_daftar(belum)}." if belum else "."
    return Usulan(nilai_ae(len(ada), len(pejabat)), teks, (_t_pk(r),))


@pembaca("Setiap dokumen perencanaan kinerja menggambarkan hubungan yang berkesinambungan dan selaras antara "
         "kondisi/hasil yang akan dicapai di setiap level jabatan (cascading).",
         "Setiap pegawai merumuskan dan menetapkan perencanaan kinerja.")
def pk_berjenjang(r: Rekaman) -> Usulan:
    """1.2.8, 1.2.10: the PKs of the Sekretaris Camat and of every Kasi the office has, signed, each indicator
    serving one of the Camat's IKU."""
    return _berjenjang(r)


@pembaca("Target yang ditetapkan telah dicapai dengan baik, atau setidaknya masih on the right track.")
def target_tercapai(r: Rekaman) -> Usulan:
    """1.3.3: the quarters measured (official figures) against their own quarter's target, and how many were on
    plan."""
    if not r.iku:
        return _tanpa_iku(r)
    diukur = [c for b in r.baris for c in b.resmi if c.sesuai_rencana is not None]
    if not diukur:
        return Usulan(None, f"Belum ada capaian triwulan {r.tahun} dari angka resmi terhadap target triwulan.",
                      (_t_capaian(r), _t_pk(r)))
    sesuai = sum(1 for c in diukur if c.sesuai_rencana)
    return Usulan(nilai_ae(sesuai, len(diukur)),
                  f"Capaian {r.tahun} terhadap target triwulan: {sesuai} dari {len(diukur)} IKU-triwulan yang diukur "
                  "mencapai 100% atau lebih.", (_t_capaian(r), _t_pk(r)))


@pembaca("Terdapat definisi operasional yang jelas atas kinerja dan cara mengukur indikator kinerja.")
def definisi_iku(r: Rekaman) -> Usulan:
    """2.1.2: every IKU with its formula (numerator), polarity and definition."""
    if not r.iku:
        return _tanpa_iku(r)
    kurang = [i.kode for i in r.iku if not (i.definisi or "").strip() or not (i.pembilang or "").strip()
              or i.polaritas not in ("positif", "negatif")]
    teks = f"{len(r.iku) - len(kurang)} dari {len(r.iku)} IKU mempunyai definisi, rumus dan polaritas"
    teks += f"; belum lengkap: {_daftar(kurang)}." if kurang else "."
    return Usulan(_yt(not kurang), teks, (_t_iku(r),))


@pembaca("Terdapat mekanisme yang jelas terhadap pengumpulan data kinerja yang dapat diandalkan.")
def sop_pengumpulan(r: Rekaman) -> Usulan:
    """2.1.3: a collection SOP in force for every IKU."""
    if not r.iku:
        return _tanpa_iku(r)
    kurang = [i.kode for i in r.iku if r.sop_pengumpul.get(i.id) is None]
    teks = f"{len(r.iku) - len(kurang)} dari {len(r.iku)} IKU mempunyai SOP pengumpulan data yang berlaku"
    teks += f"; belum: {_daftar(kurang)}." if kurang else "."
    return Usulan(_yt(not kurang), teks, (_t_iku(r), Tautan("Katalog SOP", "/sop")))


@pembaca("Pimpinan selalu terlibat sebagai pengambil keputusan dalam mengukur capaian kinerja.")
def persetujuan_camat(r: Rekaman) -> Usulan:
    """2.2.1: the official figures of the year whose collection SOP had the Camat approve (or finish) a step."""
    resmi = [e for _, _, st, e in r.realisasi if st == StatusRealisasi.RESMI]
    if not resmi:
        return Usulan(None, f"Belum ada angka resmi {r.tahun} di aplikasi.", (_t_capaian(r),))
    oleh_camat = sum(1 for e in resmi if e in r.disetujui_camat)
    return Usulan(nilai_ae(oleh_camat, len(resmi)),
                  f"{oleh_camat} dari {len(resmi)} angka resmi {r.tahun} disetujui Camat pada langkah SOP "
                  "pengumpulan datanya.", (_t_capaian(r), _t_pekerjaan(r)))


@pembaca("Pengukuran kinerja telah dilakukan secara berkala.")
def pengukuran_berkala(r: Rekaman) -> Usulan:
    """2.2.4: the year's four Pengukuran Kinerja executions and whether each ended by its due date (the SAKIP
    calendar's obligation); on time counts 1, late ½, not ended 0."""
    per = {q: r.kewajiban.get(("pengukuran", q)) for q in (1, 2, 3, 4)}
    if all(k is None or k.status == KeadaanKewajiban.TANPA_SOP for k in per.values()):
        return Usulan(None, "Kecamatan belum mempunyai SOP Pengukuran Kinerja dan belum ada pengukuran yang "
                            f"tercatat untuk {r.tahun}.", (_t_kalender(r), Tautan("Katalog SOP", "/sop")))
    tepat = [q for q, k in per.items() if k and k.status in (KeadaanKewajiban.SELESAI,
                                                             KeadaanKewajiban.SELESAI_TANPA_TENGGAT)]
    telat = [q for q, k in per.items() if k and k.status == KeadaanKewajiban.SELESAI_TERLAMBAT]
    belum = [q for q in per if q not in tepat and q not in telat]
    bagian = []
    if tepat:
        bagian.append(f"selesai tepat waktu triwulan {_romawi(tepat)}")
    for q in telat:
        k = per[q]
        assert k is not None and k.selesai_pada is not None and k.tenggat is not None
        bagian.append(f"selesai terlambat triwulan {ROMAWI[q]} ({tanggal_panjang(tanggal_lokal(k.selesai_pada, r.kecamatan.zona_waktu))}, "
                      f"tenggat {tanggal_panjang(k.tenggat)})")
    if belum:
        bagian.append(f"belum selesai triwulan {_romawi(belum)}")
    return Usulan(nilai_ae(len(tepat) + len(telat) / 2, 4), f"Pengukuran Kinerja {r.tahun}: {'; '.join(bagian)}.",
                  (_t_kalender(r), _t_pekerjaan(r)))


@pembaca("Pengumpulan data kinerja telah memanfaatkan teknologi informasi (aplikasi).")
def pengumpulan_aplikasi(r: Rekaman) -> Usulan:
    """2.2.6: the figures of the year entered in this application, of four per IKU."""
    if not r.iku:
        return _tanpa_iku(r)
    iku = {i.id for i in r.iku}
    diisi = sum(1 for ind, _, _, _ in r.realisasi if ind in iku)
    if diisi == 0:
        return Usulan(None, f"Belum ada angka {r.tahun} yang diisi di aplikasi ini; bila pengumpulan data memakai "
                            "aplikasi lain, lampirkan buktinya.", (_t_capaian(r),))
    semua = 4 * len(iku)
    return Usulan(nilai_ae(diisi, semua), f"{diisi} dari {semua} angka triwulan {r.tahun} ({len(iku)} IKU × 4 "
                                          "triwulan) diisi di aplikasi ini.", (_t_capaian(r),))


@pembaca("Pengukuran capaian kinerja telah memanfaatkan teknologi informasi (aplikasi).")
def pengukuran_aplikasi(r: Rekaman) -> Usulan:
    """2.2.7: the IKU-quarters whose capaian this application measured from an official figure."""
    if not r.iku:
        return _tanpa_iku(r)
    diukur = sum(1 for b in r.baris for c in b.resmi if c.tersedia)
    if diukur == 0:
        return Usulan(None, f"Belum ada capaian {r.tahun} yang diukur di aplikasi ini dari angka resmi; bila "
                            "pengukuran memakai aplikasi lain, lampirkan buktinya.", (_t_capaian(r),))
    semua = 4 * len(r.iku)
    return Usulan(nilai_ae(diukur, semua), f"Capaian {diukur} dari {semua} IKU-triwulan {r.tahun} diukur di "
                                           "aplikasi ini dari angka resmi.", (_t_capaian(r),))


def _persen(x: float) -> str:
    return tulis_persen(x)


@pembaca("Terdapat efisiensi atas penggunaan anggaran dalam mencapai kinerja.")
def efisiensi_anggaran(r: Rekaman) -> Usulan:
    """2.3.8: per sasaran, the year's capaian beside the penyerapan of its DPA: efficient where capaian is at least
    the penyerapan."""
    banding = [e for e in r.efisiensi if e.efisiensi is not None]
    if not banding:
        return Usulan(None, f"Belum ada sasaran {r.tahun} yang capaian dan penyerapan anggarannya sama-sama "
                            "tercatat.", (_t_anggaran(r), _t_capaian(r)))
    efisien = sum(1 for e in banding if (e.efisiensi or 0) >= 0)
    rinci = "; ".join(f"{e.sasaran}: capaian {_persen(e.capaian or 0)}, penyerapan {_persen(e.penyerapan or 0)}"
                      for e in banding)
    return Usulan(nilai_ae(efisien, len(banding)),
                  f"{efisien} dari {len(banding)} sasaran {r.tahun} capaiannya tidak di bawah penyerapan anggarannya "
                  f"({rinci}).", (_t_anggaran(r), _t_capaian(r)))


# ---------------------------------------------------------------- the Laporan Kinerja

def _tanpa_lkj(r: Rekaman) -> Usulan:
    return Usulan(None, f"Laporan Kinerja {r.tahun} belum disusun di aplikasi.", _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah disusun.")
def lkj_disusun(r: Rekaman) -> Usulan:
    """3.1.1: the year's LKj drafted here."""
    lkj = r.lkj.get(r.tahun)
    if lkj is None:
        return _tanpa_lkj(r)
    return Usulan("Y", f"Laporan Kinerja {r.tahun} disusun di aplikasi (dibuat {tanggal_panjang(tanggal_lokal(lkj.dibuat_pada, r.kecamatan.zona_waktu))}).",
                  _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah disusun secara berkala.")
def lkj_berkala(r: Rekaman) -> Usulan:
    """3.1.2: an LKj of this year and of the year before."""
    if r.tahun not in r.lkj:
        return _tanpa_lkj(r)
    if r.tahun - 1 not in r.lkj:
        return Usulan(None, f"Laporan Kinerja {r.tahun} disusun di aplikasi, Laporan Kinerja {r.tahun - 1} tidak; "
                            "lampirkan bukti penyusunan tahun sebelumnya.", _t_lkj(r))
    return Usulan("Y", f"Laporan Kinerja {r.tahun - 1} dan {r.tahun} disusun di aplikasi.", _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah diformalkan.")
def lkj_diformalkan(r: Rekaman) -> Usulan:
    """3.1.3: the LKj signed by the Camat."""
    lkj = r.lkj.get(r.tahun)
    if lkj is None:
        return _tanpa_lkj(r)
    if lkj.status != StatusLaporan.DITANDATANGANI or lkj.ditandatangani_pada is None:
        return Usulan("T", f"Laporan Kinerja {r.tahun} belum ditandatangani Camat.", _t_lkj(r))
    tgl = lkj.tanggal or tanggal_lokal(lkj.ditandatangani_pada, r.kecamatan.zona_waktu)
    return Usulan("Y", f"Laporan Kinerja {r.tahun} ditandatangani Camat {tanggal_panjang(tgl)}.", _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah direviu.")
def lkj_direviu(r: Rekaman) -> Usulan:
    """3.1.4: the LKj's reviu step recorded."""
    lkj = r.lkj.get(r.tahun)
    if lkj is None:
        return _tanpa_lkj(r)
    if lkj.reviu_pada is None:
        return Usulan("T", f"Laporan Kinerja {r.tahun} belum direviu.", _t_lkj(r))
    return Usulan("Y", f"Laporan Kinerja {r.tahun} direviu {tanggal_panjang(tanggal_lokal(lkj.reviu_pada, r.kecamatan.zona_waktu))}.",
                  _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah dipublikasikan.")
def lkj_dipublikasikan(r: Rekaman) -> Usulan:
    """3.1.5: the LKj marked as published."""
    lkj = r.lkj.get(r.tahun)
    if lkj is None:
        return _tanpa_lkj(r)
    if lkj.dipublikasikan_pada is None:
        return Usulan("T", f"Laporan Kinerja {r.tahun} belum dipublikasikan.", _t_lkj(r))
    return Usulan("Y", f"Laporan Kinerja {r.tahun} dipublikasikan "
                       f"{tanggal_panjang(tanggal_lokal(lkj.dipublikasikan_pada, r.kecamatan.zona_waktu))}.", _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah disampaikan tepat waktu.")
def lkj_tepat_waktu(r: Rekaman) -> Usulan:
    """3.1.6: the LKj's execution ended by the SAKIP calendar's due date for the Laporan Kinerja."""
    lkj = r.lkj.get(r.tahun)
    if lkj is None:
        return _tanpa_lkj(r)
    k = r.kewajiban.get(("laporan_kinerja", None))
    tenggat = k.tenggat if k else None
    zona = r.kecamatan.zona_waktu
    selesai = r.lkj_selesai
    if tenggat is None:
        return Usulan(None, f"Tenggat Laporan Kinerja {r.tahun} tidak diatur di jadwal SAKIP.", (*_t_lkj(r), _t_kalender(r)))
    if selesai is None:
        if tenggat < r.hari_ini:
            return Usulan("T", f"Laporan Kinerja {r.tahun} belum selesai, padahal tenggatnya {tanggal_panjang(tenggat)}.",
                          (*_t_lkj(r), _t_kalender(r)))
        return Usulan(None, f"Laporan Kinerja {r.tahun} belum selesai; tenggatnya {tanggal_panjang(tenggat)}.",
                      (*_t_lkj(r), _t_kalender(r)))
    telat = terlambat(selesai, tenggat, zona)
    return Usulan(_yt(not telat), f"Laporan Kinerja {r.tahun} selesai {tanggal_panjang(tanggal_lokal(selesai, zona))}, "
                                  f"tenggat {tanggal_panjang(tenggat)}: {'terlambat' if telat else 'tepat waktu'}.",
                  (*_t_lkj(r), _t_kalender(r)))


def _bab3(r: Rekaman, punya: Callable[[Indikator], bool], apa: str) -> Usulan:
    """A Bab III comparison: the share of IKU whose data for it exists."""
    if r.tahun not in r.lkj:
        return _tanpa_lkj(r)
    if not r.iku:
        return _tanpa_iku(r)
    kurang = [i.kode for i in r.iku if not punya(i)]
    teks = f"Bab III Laporan Kinerja {r.tahun}: {len(r.iku) - len(kurang)} dari {len(r.iku)} IKU {apa}"
    teks += f"; belum: {_daftar(kurang)}." if kurang else "."
    return Usulan(nilai_ae(len(r.iku) - len(kurang), len(r.iku)), teks, _t_lkj(r))


@pembaca("Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan target tahunan.")
def lkj_target_tahunan(r: Rekaman) -> Usulan:
    """3.2.3: IKU with the year's target and an official capaian of the year."""
    tahun = {b.indikator.id for b in r.baris if b.target is not None and b.tahun.tersedia}
    return _bab3(r, lambda i: i.id in tahun, "mempunyai target tahunan dan capaian tahunan dari angka resmi")


@pembaca("Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan target jangka menengah.")
def lkj_target_renstra(r: Rekaman) -> Usulan:
    """3.2.4: IKU with a Renstra end-of-period target covering the year."""
    return _bab3(r, lambda i: i.id in r.target_renstra, "mempunyai target akhir Renstra")


@pembaca("Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja dengan realisasi kinerja "
         "tahun-tahun sebelumnya.")
def lkj_tahun_lalu(r: Rekaman) -> Usulan:
    """3.2.5: IKU with an official year's capaian in at least one of the four years before."""
    lalu = {b.indikator.id for t in range(r.tahun - TAHUN_LALU, r.tahun) for b in r.capaian[t] if b.tahun.tersedia}
    return _bab3(r, lambda i: i.id in lalu, "mempunyai capaian tahun-tahun sebelumnya")


@pembaca("Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi kinerja di level nasional/internasional "
         "(benchmark kinerja).")
def lkj_benchmark(r: Rekaman) -> Usulan:
    """3.2.6: IKU shared by the kabupaten with another office's official figure of the year (the benchmark of
    Perbandingan); an office's own IKU has none."""
    return _bab3(r, lambda i: i.kecamatan_id is None and i.id in r.pembanding,
                 "dapat dibandingkan dengan kecamatan lain di kabupaten")


@pembaca("Dokumen Laporan Kinerja telah menginfokan kualitas atas capaian kinerja beserta upaya nyata dan/atau "
         "hambatannya.")
def lkj_analisis(r: Rekaman) -> Usulan:
    """3.2.7: IKU with the office's text on causes, efforts or obstacles."""
    ada = {t.indikator_id for t in r.teks_lkj if t.bagian in TEKS_ANALISIS and t.isi.strip()}
    return _bab3(r, lambda i: i.id in ada, "mempunyai uraian penyebab, upaya atau hambatan")


@pembaca("Dokumen Laporan Kinerja telah menginfokan efisiensi atas penggunaan sumber daya dalam mencapai kinerja.")
def lkj_efisiensi(r: Rekaman) -> Usulan:
    """3.2.8: IKU whose sasaran has both capaian and penyerapan anggaran."""
    ada = {k for e in r.efisiensi if e.efisiensi is not None for k in e.iku}
    return _bab3(r, lambda i: i.kode in ada, "mempunyai capaian di samping penyerapan anggaran sasarannya")


@pembaca("Dokumen Laporan Kinerja telah menginfokan upaya perbaikan dan penyempurnaan kinerja ke depan "
         "(rekomendasi perbaikan kinerja).")
def lkj_perbaikan(r: Rekaman) -> Usulan:
    """3.2.9: Bab IV's improvements planned, written."""
    if r.tahun not in r.lkj:
        return _tanpa_lkj(r)
    teks = next((t for t in r.teks_lkj if t.bagian == TEKS_PERBAIKAN and t.indikator_id is None and t.isi.strip()),
                None)
    if teks is None:
        return Usulan("E", f"Bab IV Laporan Kinerja {r.tahun} belum memuat rencana perbaikan.", _t_lkj(r))
    return Usulan("A", f"Bab IV Laporan Kinerja {r.tahun} memuat rencana perbaikan ({len(teks.isi.split())} kata, "
                       f"diubah {tanggal_panjang(tanggal_lokal(teks.diubah_pada, r.kecamatan.zona_waktu))}).", _t_lkj(r))


# ---------------------------------------------------------------- the office's own evaluations

def _triwulan_evaluasi(r: Rekaman) -> list[int]:
    return sorted({e.triwulan for e in r.evaluasi if e.triwulan})


def _alasan_evaluasi(r: Rekaman, tw: list[int]) -> str:
    return f"Evaluasi kinerja internal {r.tahun} tercatat di aplikasi untuk triwulan {_romawi(tw)} ({len(tw)} dari 4)."


@pembaca("Evaluasi AKIP internal telah dilaksanakan pada seluruh unit kerja.")
def evaluasi_internal(r: Rekaman) -> Usulan:
    """4.1.2 (and 4.2.4, the same words): the office's quarterly evaluations recorded here, all four."""
    tw = _triwulan_evaluasi(r)
    if not tw:
        return Usulan(None, f"Belum ada evaluasi kinerja internal {r.tahun} yang tercatat di aplikasi.", (_t_tl(r),))
    return Usulan(_yt(len(tw) == 4), _alasan_evaluasi(r, tw), (_t_tl(r),))


@pembaca("Evaluasi AKIP internal telah dilaksanakan menggunakan teknologi informasi (aplikasi).")
def evaluasi_aplikasi(r: Rekaman) -> Usulan:
    """4.2.5: the share of the year's quarters whose evaluation is recorded here."""
    tw = _triwulan_evaluasi(r)
    if not tw:
        return Usulan(None, f"Belum ada evaluasi kinerja internal {r.tahun} yang tercatat di aplikasi.", (_t_tl(r),))
    return Usulan(nilai_ae(len(tw), 4), _alasan_evaluasi(r, tw), (_t_tl(r),))


@pembaca("Seluruh rekomendasi atas hasil evaluasi AKIP internal telah ditindaklanjuti.")
def rekomendasi_ditindaklanjuti(r: Rekaman) -> Usulan:
    """4.3.1: the share of the year's internal recommendations finished (verified or acknowledged), and the
    overdue ones."""
    semua = r.rekomendasi
    if not semua:
        return Usulan(None, f"Belum ada rekomendasi evaluasi internal {r.tahun} di aplikasi.", (_t_tl(r),))
    tuntas = sum(1 for x in semua if x.status in TUNTAS)
    lewat = [x for x in semua if rekomendasi_terlambat(x, r.hari_ini)]
    teks = f"Rekomendasi evaluasi internal {r.tahun}: {tuntas} dari {len(semua)} tuntas (diverifikasi atau selesai)"
    if lewat:
        tempo = _daftar(sorted({tanggal_panjang(x.jatuh_tempo) for x in lewat}))
        teks += f"; {len(lewat)} terlambat (jatuh tempo {tempo})."
    else:
        teks += "; tidak ada yang terlambat."
    return Usulan(nilai_ae(tuntas, len(semua)), teks, (_t_tl(r),))
