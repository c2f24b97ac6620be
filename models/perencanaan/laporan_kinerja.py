"""The Laporan Kinerja (LKj) of an office's year in the outline of PermenPAN-RB 53/2014, assembled from the engines
the product already has, and its course (reviu, the Camat's signature).

- Bab I Pendahuluan: the passages the office keeps (profil, tugas dan fungsi, struktur, isu strategis); a year
  without its own passage carries over the latest earlier year's, marked as carried over.
- Bab II Perencanaan Kinerja: the Renstra's sasaran and indicators with their end-of-period targets
  (TargetRenstra), and the year's Perjanjian Kinerja of the Camat (models.perencanaan.perjanjian_kinerja).
- Bab III A, per sasaran and IKU, the seven analyses: target against realisasi (the capaian engine, the year
  against the year's target, official figures only); the year against the years before (up to five, the same
  engine); against the Renstra's end-of-period target; against the kabupaten's median and highest office for a
  shared IKU (models.kinerja.mesin.posisi, the rule Perbandingan ranks by); the office's passages on causes,
  efforts and obstacles; efficiency (the sasaran's capaian beside the penyerapan of its DPA,
  models.perencanaan.anggaran.efisiensi_sasaran); the programs and kegiatan serving the sasaran and the Rencana
  Aksi. Bab III B: the DPA per program and kegiatan with pagu, realisasi and penyerapan.
- Bab IV Penutup: the passages simpulan and perbaikan.
- Lampiran: the Camat's PK as signed (or its draft) and the Pengukuran Kinerja table of the year
  (models.perencanaan.dokumen_kinerja.bab_pengukuran_tahunan).

Empty is empty: a number the engine does not give is None, and the report says why ("Belum ada realisasi").

The course: MESIN_LKJ (draf → direviu by "reviu" → ditandatangani by "tandatangani"; a passage changed after the
reviu sends it back to draf by "teks_berubah", the reviu to be recorded again). The reviu is recorded by the
office's Sekretaris Camat, or by the kabupaten's evaluator where the kabupaten has the Inspektorat review
(Kabupaten.reviu_lkj). The Camat signs by attaching the signed scan (Lampiran "laporan_kinerja"); from then on the
office's passages are locked. Where the office has the SOP its kabupaten's SAKIP calendar names for the Laporan
Kinerja, the year's run of it waits at the Camat's last step until the Camat signs (which completes that step), and
its last step closes only once the LKj is signed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.akun.peran import PERAN_KANTOR
from models.kinerja.capaian import capaian_banyak, predikat_kabupaten
from models.kinerja.iku import kode_urut
from models.kinerja.mesin import Posisi, posisi
from models.perencanaan.anggaran import (
    Dpa,
    EfisiensiSasaran,
    Kelompok,
    baris_dpa,
    dpa,
    efisiensi_sasaran,
    susun,
)
from models.perencanaan.dokumen_kinerja import (
    BabPengukuran,
    Ukuran,
    bab_pengukuran_tahunan,
    renstra_berlaku,
    rumus_capaian,
    ukuran_tahun,
)
from models.perencanaan.pekerjaan import berjalan, sop_kewajiban
from models.perencanaan.perjanjian_kinerja import (
    Pejabat,
    isi_cetak,
    nama_pihak,
    pejabat,
    rencana_aksi,
)
from models.sop.alur import catatan_terbuka, putuskan, selesaikan, urutan_pelaksana
from models.tables import (
    CatatanLangkah,
    Eksekusi,
    Indikator,
    Kabupaten,
    Kecamatan,
    Lampiran,
    LaporanKinerja,
    Realisasi,
    Sop,
    SopLangkah,
    SopRevisi,
    Target,
    TeksLkj,
    User,
    utcnow,
)
from models.umum import periode
from models.umum.angka import format_angka
from models.umum.audit import catat
from models.umum.berkas import lampiran_milik, nama_scan, simpan_berkas
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah
from models.umum.status import StatusLaporan
from models.umum.tanggal import baca_tanggal, pastikan_sadar_zona

KEWAJIBAN = "laporan_kinerja"  # the SAKIP calendar's obligation (kalender_sakip.toml)
PEMILIK_SCAN = "laporan_kinerja"  # Lampiran.pemilik_jenis of the signed LKj's scan
MAKS_TEKS = 20_000  # characters of one passage
MAKS_CATATAN = 5_000  # characters of the reviu's notes
TAHUN_TREN = 5  # the years compared, this one included
PENULIS = PERAN_KANTOR  # who writes the office's passages: its own staff
TANPA_SASARAN = "(sasaran belum diisi)"
BELUM_REALISASI = "Belum ada realisasi"
REVIU_SEKCAM, REVIU_INSPEKTORAT = "sekcam", "inspektorat"


@dataclass(frozen=True)
class Bagian:
    kode: str
    judul: str
    bab: str  # I, III or IV
    per_indikator: bool = False
    dibawa: bool = False  # a year without its own passage carries over the latest earlier year's


BAGIAN: dict[str, Bagian] = {b.kode: b for b in (
    Bagian("profil", "Gambaran umum dan profil kecamatan", "I", dibawa=True),
    Bagian("tugas_fungsi", "Tugas pokok dan fungsi", "I", dibawa=True),
    Bagian("struktur", "Struktur organisasi", "I", dibawa=True),
    Bagian("isu_strategis", "Isu strategis", "I", dibawa=True),
    Bagian("penyebab", "Penyebab keberhasilan atau kegagalan", "III", per_indikator=True),
    Bagian("upaya", "Upaya yang telah dilakukan", "III", per_indikator=True),
    Bagian("hambatan", "Hambatan dan kendala", "III", per_indikator=True),
    Bagian("simpulan", "Simpulan", "IV"),
    Bagian("perbaikan", "Langkah perbaikan ke depan", "IV"),
)}
BAGIAN_BAB_I = tuple(k for k, b in BAGIAN.items() if b.bab == "I")
BAGIAN_INDIKATOR = tuple(k for k, b in BAGIAN.items() if b.per_indikator)
BAGIAN_BAB_IV = tuple(k for k, b in BAGIAN.items() if b.bab == "IV")


# ---------------------------------------------------------------- what the report holds


@dataclass(frozen=True)
class Teks:
    """One passage as the report prints it: its text (None: not written), the year it was written for (earlier
    than the report's: carried over), who wrote it and when."""

    bagian: str
    indikator_id: int | None
    isi: str | None
    tahun_asal: int | None
    oleh: str | None
    pada: datetime | None
    dibawa: bool = False

    @property
    def judul(self) -> str:
        return BAGIAN[self.bagian].judul


@dataclass(frozen=True)
class TahunTren:
    """One year of an IKU's trend: its target and the year's measurement (official figures)."""

    tahun: int
    target: float | None
    ukuran: Ukuran

    @property
    def keterangan(self) -> str | None:
        return self.ukuran.keterangan


@dataclass(frozen=True)
class Pembanding:
    """A shared IKU of the year against the kabupaten's offices (each office's year, the same engine)."""

    posisi: Posisi
    kantor: int  # offices of the kabupaten holding the IKU

    @property
    def median(self) -> float | None:
        return self.posisi.median

    @property
    def tertinggi(self) -> float | None:
        return self.posisi.tertinggi


@dataclass(frozen=True)
class KegiatanRa:
    triwulan: int
    kegiatan: str
    pelaksana: str
    terlaksana: str | None


@dataclass(frozen=True)
class AnalisisIku:
    """One IKU in Bab III A: the seven analyses."""

    indikator_id: int
    kode: str
    nama: str
    satuan: str
    rumus: str
    bersama: bool  # the kabupaten's shared IKU (compared with the other offices); else the office's own
    target: float | None
    tahun: Ukuran  # 1. the year's target against its realisasi
    tren: tuple[TahunTren, ...]  # 2. the years up to this one, oldest first (up to five)
    renstra: str | None  # 3. the Renstra period covering the year, "2025–2029"
    target_renstra: float | None
    terhadap_renstra: Ukuran | None
    pembanding: Pembanding | None  # 4. the kabupaten's offices (shared IKU only)
    penyebab: Teks  # 5. the office's passages
    upaya: Teks
    hambatan: Teks
    rencana_aksi: tuple[KegiatanRa, ...]  # 7. with the sasaran's programs


@dataclass(frozen=True)
class BarisAnggaran:
    """A program or a kegiatan of the DPA: its pagu, what was spent in the year and the penyerapan."""

    tingkat: str  # program | kegiatan
    kode: str
    nama: str
    pagu: int
    realisasi: int | None
    penyerapan: float | None


@dataclass(frozen=True)
class AnalisisSasaran:
    sasaran: str
    iku: tuple[AnalisisIku, ...]
    efisiensi: EfisiensiSasaran | None  # 6. the sasaran's capaian beside its penyerapan
    program: tuple[BarisAnggaran, ...]  # 7. the programs and kegiatan of the DPA serving it


@dataclass(frozen=True)
class IndikatorRenstra:
    kode: str
    nama: str
    satuan: str
    periode: str | None  # "2025–2029", None: no Renstra target covers the year
    target_akhir: float | None


@dataclass(frozen=True)
class SasaranRenstra:
    sasaran: str
    indikator: tuple[IndikatorRenstra, ...]


@dataclass(frozen=True)
class Perjalanan:
    """The LKj's course: its status, the reviu, the signature."""

    status: StatusLaporan
    reviu_oleh: str | None = None
    reviu_pada: datetime | None = None
    catatan_reviu: str | None = None
    ditandatangani_oleh: str | None = None
    ditandatangani_pada: datetime | None = None
    tanggal: date | None = None
    scan: Lampiran | None = None


@dataclass(frozen=True)
class Lkj:
    kecamatan_id: int
    kecamatan: str
    kabupaten: str
    tahun: int
    perjalanan: Perjalanan
    camat: Pejabat
    bab1: tuple[Teks, ...]
    renstra: tuple[SasaranRenstra, ...]
    pk: dict[str, Any]  # the Camat's PK of the year, as signed or as its draft stands
    sasaran: tuple[AnalisisSasaran, ...]
    anggaran: tuple[BarisAnggaran, ...]  # Bab III B
    pagu: int | None  # None: no DPA for the year
    realisasi: int | None
    penyerapan: float | None
    bab4: tuple[Teks, ...]
    pengukuran: BabPengukuran  # Lampiran
    tahun_tren: tuple[int, ...] = field(default=())

    @property
    def iku(self) -> list[AnalisisIku]:
        return [i for s in self.sasaran for i in s.iku]

    @property
    def terkunci(self) -> bool:
        return self.perjalanan.status == StatusLaporan.DITANDATANGANI


# ---------------------------------------------------------------- reading


def laporan(session: Session, kecamatan_id: int, tahun: int) -> LaporanKinerja | None:
    """The LKj's row of the office's year, if its course has begun."""
    return session.exec(select(LaporanKinerja).where(LaporanKinerja.kecamatan_id == kecamatan_id)
                        .where(LaporanKinerja.tahun == tahun)).first()


def scan_lkj(session: Session, laporan_id: int) -> Lampiran | None:
    """The signed scan of an LKj (the latest attached)."""
    rows = lampiran_milik(session, PEMILIK_SCAN, [laporan_id])
    return rows[-1] if rows else None


def _nama(session: Session, user_id: int | None) -> str | None:
    u = session.get(User, user_id) if user_id else None
    return u.nama if u else None


def perjalanan(session: Session, kecamatan_id: int, tahun: int) -> Perjalanan:
    lk = laporan(session, kecamatan_id, tahun)
    if lk is None:
        return Perjalanan(StatusLaporan.DRAF)
    return Perjalanan(StatusLaporan(lk.status), _nama(session, lk.reviu_oleh), lk.reviu_pada, lk.catatan_reviu,
                      _nama(session, lk.ditandatangani_oleh), lk.ditandatangani_pada, lk.tanggal,
                      scan_lkj(session, lk.id))


def teks_tahun(session: Session, kecamatan_id: int, tahun: int) -> dict[tuple[str, int | None], Teks]:
    """Every passage of the office's year by (bagian, indicator): its own, or for Bab I the latest earlier year's
    (carried over). Passages not written are absent."""
    rows = session.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == kecamatan_id).where(TeksLkj.tahun <= tahun)
                        .order_by(col(TeksLkj.tahun), col(TeksLkj.id))).all()
    nama = {u.id: u.nama for u in session.exec(select(User).where(
        col(User.id).in_({r.diubah_oleh for r in rows if r.diubah_oleh})))} if rows else {}
    hasil: dict[tuple[str, int | None], Teks] = {}
    for r in rows:  # oldest first: a later year's passage replaces an earlier one
        b = BAGIAN.get(r.bagian)
        if b is None or (r.tahun != tahun and not b.dibawa):
            continue
        hasil[(r.bagian, r.indikator_id)] = Teks(r.bagian, r.indikator_id, r.isi, r.tahun,
                                                 nama.get(r.diubah_oleh) if r.diubah_oleh else None,
                                                 r.diubah_pada, dibawa=r.tahun != tahun)
    return hasil


def keterangan(u: Ukuran) -> str | None:
    """Why a measurement has no capaian, as the report prints it (None when it has one): no figure is "Belum ada
    realisasi" (never 0), else the engine's reason.

    >>> keterangan(Ukuran(None, None, None, "triwulan IV belum ada realisasi yang disetujui"))
    'Belum ada realisasi (triwulan IV belum ada realisasi yang disetujui)'
    >>> keterangan(Ukuran(90.0, None, None, "belum ada target")), keterangan(Ukuran(90.0, 100.0, "Sangat Baik", None))
    ('belum ada target', None)
    """
    if u.capaian is not None:
        return None
    if u.realisasi is None:
        return f"{BELUM_REALISASI} ({u.keterangan})" if u.keterangan else BELUM_REALISASI
    return u.keterangan


def _teks(semua: dict[tuple[str, int | None], Teks], bagian: str, indikator_id: int | None = None) -> Teks:
    return semua.get((bagian, indikator_id)) or Teks(bagian, indikator_id, None, None, None, None)


def _baris_kelompok(p: Kelompok, tingkat: str) -> BarisAnggaran:
    return BarisAnggaran(tingkat, p.kode, p.nama, p.pagu, p.realisasi_sampai(4), p.penyerapan(4))


def baris_anggaran(d: Dpa) -> tuple[BarisAnggaran, ...]:
    """The DPA per program, each followed by its kegiatan (sums of their sub kegiatan, the year's realisasi)."""
    hasil = []
    for p in d.program:
        hasil.append(_baris_kelompok(p, "program"))
        hasil.extend(_baris_kelompok(k, "kegiatan") for k in p.rincian)
    return tuple(hasil)


def _pembanding(session: Session, kecamatan_id: int, tahun: int, ids: list[int]) -> dict[int, Pembanding]:
    """Per shared IKU of the report (`ids`): where the office's year stands among its kabupaten's offices."""
    kec = session.get(Kecamatan, kecamatan_id)
    assert kec is not None  # checked by the caller
    semua = list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kec.kabupaten_id)).all())
    data = capaian_banyak(session, kecamatan_ids=semua, tahun=[tahun], ringkas=True, indikator_ids=ids)
    nilai: dict[int, dict[int, float | None]] = defaultdict(dict)
    for (k, _), rows in data.items():
        for b in rows:
            if b.indikator.kecamatan_id is None:
                c = b.tahun
                nilai[b.indikator.id][k] = c.persen if c.tersedia else None
    return {ind: Pembanding(posisi(per.get(kecamatan_id), per.values()), len(per)) for ind, per in nilai.items()}


def iku_tahun(session: Session, kecamatan_id: int, tahun: int) -> list[Indikator]:
    """The IKU an office's LKj of a year reports on: the office's indicators (its kabupaten's shared set and its
    own, active or since deactivated) with a Target (the year's or a quarter's, in force) or a Realisasi for that
    year; and, while the LKj is not signed, also the currently active ones without either (the office may still
    be setting them). So a signed report keeps the indicators of its year: one deactivated later stays, one
    created later does not appear. In iku_kantor's order (shared first, then by code)."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        return []
    milik = (Indikator.kabupaten_id == kec.kabupaten_id) | (Indikator.kecamatan_id == kecamatan_id)
    ada = set(session.exec(select(Target.indikator_id).where(Target.kecamatan_id == kecamatan_id)
                           .where(Target.tahun == tahun).where(Target.berlaku == True))  # noqa: E712
              ) | set(session.exec(select(Realisasi.indikator_id).where(Realisasi.kecamatan_id == kecamatan_id)
                                   .where(Realisasi.tahun == tahun)))
    lk = laporan(session, kecamatan_id, tahun)
    sah = lk is not None and lk.status == StatusLaporan.DITANDATANGANI
    pilih = col(Indikator.id).in_(ada) if sah else (col(Indikator.id).in_(ada) | (Indikator.aktif == True))  # noqa: E712
    hasil = session.exec(select(Indikator).where(milik).where(pilih)).all()
    return sorted(hasil, key=lambda i: (i.kecamatan_id is not None, kode_urut(i.kode)))


def penanda_tangan(session: Session, kec: Kecamatan, lk: LaporanKinerja | None) -> Pejabat:
    """Who the LKj names as its Camat: once signed, the Camat who signed it (name, NIP, title as the account holds
    them), whoever holds the office now; before that, the office's active Camat."""
    if lk is not None and lk.status == StatusLaporan.DITANDATANGANI and lk.ditandatangani_oleh:
        u = session.get(User, lk.ditandatangani_oleh)
        if u is not None:
            return Pejabat(u.nama, format_nip(u.nip), u.jabatan or f"{nama_pihak('camat')} {kec.nama}")
    return pejabat(session, kec, "camat")


def susun_lkj(session: Session, kecamatan_id: int, tahun: int, *, dicetak: date | None = None) -> Lkj:
    """The whole LKj of the office's year, from the engines (see the module's docstring). Its IKU, in Bab II, III
    and the Pengukuran lampiran alike, are those of the year (iku_tahun); a signed report names the Camat who
    signed it (penanda_tangan) and prints the date it was signed."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    kab = session.get(Kabupaten, kec.kabupaten_id)
    teks = teks_tahun(session, kecamatan_id, tahun)
    iku = iku_tahun(session, kecamatan_id, tahun)
    ids = [i.id for i in iku]
    bab = bab_pengukuran_tahunan(session, kecamatan_id=kecamatan_id, tahun=tahun, dicetak=dicetak, indikator_ids=ids)
    # The trend: the same engine over the years, each year judged by the bands it was judged by.
    tahun_tren = tuple(range(tahun - TAHUN_TREN + 1, tahun + 1))
    per_tahun = capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun=tahun_tren, indikator_ids=ids)
    pita = {t: predikat_kabupaten(session, kecamatan_id, t) for t in tahun_tren}
    tren: dict[int, list[TahunTren]] = defaultdict(list)
    for t in tahun_tren:
        for b in per_tahun.get((kecamatan_id, t), []):
            tren[b.indikator.id].append(TahunTren(t, b.target, ukuran_tahun(b, pita[t])))
    pembanding = _pembanding(session, kecamatan_id, tahun, ids)
    renstra = renstra_berlaku(session, kecamatan_id, tahun)
    ra: dict[int, list[KegiatanRa]] = defaultdict(list)
    for r in rencana_aksi(session, kecamatan_id, tahun):
        ra[r.indikator.id].extend(KegiatanRa(r.triwulan, k.kegiatan, k.role_kode, k.terlaksana) for k in r.kegiatan)
    ukur = {b.kode: b for b in bab.baris}
    efisiensi = {e.sasaran: e for e in efisiensi_sasaran(session, kecamatan_id, tahun)}
    uang: dict[str, list] = defaultdict(list)
    for a in baris_dpa(session, kecamatan_id, tahun):
        uang[(a.sasaran or "").strip()].append(a)
    grup: dict[str, list[AnalisisIku]] = {}
    renstra_grup: dict[str, list[IndikatorRenstra]] = {}
    for i in iku:
        s = (i.sasaran or "").strip()
        u = ukur.get(i.kode)
        tr = renstra.get(i.id)
        seri = _seri(tren.get(i.id, []))
        grup.setdefault(s, []).append(AnalisisIku(
            indikator_id=i.id, kode=i.kode, nama=i.nama, satuan=i.satuan, rumus=rumus_capaian(i),
            bersama=i.kecamatan_id is None, target=u.target if u else None,
            tahun=u.tahun if u else Ukuran(None, None, None, BELUM_REALISASI), tren=seri,
            renstra=u.renstra if u else None, target_renstra=tr.nilai if tr else None,
            terhadap_renstra=u.terhadap_renstra if u else None,
            pembanding=pembanding.get(i.id) if i.kecamatan_id is None else None,
            penyebab=_teks(teks, "penyebab", i.id), upaya=_teks(teks, "upaya", i.id),
            hambatan=_teks(teks, "hambatan", i.id), rencana_aksi=tuple(ra.get(i.id, []))))
        renstra_grup.setdefault(s, []).append(IndikatorRenstra(
            i.kode, i.nama, i.satuan, f"{tr.tahun_awal}–{tr.tahun_akhir}" if tr else None, tr.nilai if tr else None))
    sasaran = tuple(
        AnalisisSasaran(s or TANPA_SASARAN, tuple(daftar), efisiensi.get(s) if s else None,
                        baris_anggaran(susun(kecamatan_id, tahun, uang[s])) if s and uang.get(s) else ())
        for s, daftar in grup.items())
    d = dpa(session, kecamatan_id, tahun)
    return Lkj(
        kecamatan_id=kecamatan_id, kecamatan=kec.nama, kabupaten=kab.nama if kab else "", tahun=tahun,
        perjalanan=perjalanan(session, kecamatan_id, tahun),
        camat=penanda_tangan(session, kec, laporan(session, kecamatan_id, tahun)),
        bab1=tuple(_teks(teks, b) for b in BAGIAN_BAB_I),
        renstra=tuple(SasaranRenstra(s or TANPA_SASARAN, tuple(x)) for s, x in renstra_grup.items()),
        pk=isi_cetak(session, kecamatan_id=kecamatan_id, tahun=tahun, role_kode="camat"),
        sasaran=sasaran, anggaran=baris_anggaran(d), pagu=None if d.kosong else d.pagu,
        realisasi=None if d.kosong else d.realisasi_sampai(4), penyerapan=None if d.kosong else d.penyerapan(4),
        bab4=tuple(_teks(teks, b) for b in BAGIAN_BAB_IV), pengukuran=bab, tahun_tren=tahun_tren)


def _seri(tahun: list[TahunTren]) -> tuple[TahunTren, ...]:
    """The years from the first that has a target or a realisasi (up to five): an IKU adopted two years ago shows
    two years, not three empty ones before them."""
    awal = next((n for n, t in enumerate(tahun) if t.target is not None or t.ukuran.realisasi is not None),
                len(tahun) - 1 if tahun else 0)
    return tuple(tahun[awal:])


# ---------------------------------------------------------------- writing the office's passages


PESAN_PENULIS = "Teks Laporan Kinerja hanya dapat ditulis oleh pegawai kecamatan itu sendiri."
PESAN_REVIU_ULANG = "Reviu perlu dicatat ulang karena teks berubah."


def boleh_menulis(user: User | None, kecamatan_id: int) -> bool:
    return user is not None and user.aktif and user.kecamatan_id == kecamatan_id and user.role_kode in PENULIS


def simpan_teks(session: Session, *, kecamatan_id: int, tahun: Any, bagian: Any, indikator_id: Any, isi: Any,
                oleh: User, pada: datetime | None = None) -> TeksLkj | None:
    """Write (or, empty, remove) one passage of the office's LKj of a year, with who wrote it and when; audited, in
    the caller's transaction. Refused: an unknown bagian, an indicator that is not the office's IKU (or one given to
    a passage of the whole report), a passage too long, another office's report, a signed report."""
    try:
        return _simpan_teks(session, kecamatan_id=kecamatan_id, tahun=tahun, bagian=bagian,
                            indikator_id=indikator_id, isi=isi, oleh=oleh, pada=pada)
    except Ditolak as e:
        e.tentang(aksi="teks_lkj.simpan", objek="kecamatan", objek_id=kecamatan_id, kecamatan_id=kecamatan_id)
        raise


def _simpan_teks(session: Session, *, kecamatan_id: int, tahun: Any, bagian: Any, indikator_id: Any, isi: Any,
                 oleh: User, pada: datetime | None) -> TeksLkj | None:
    th = tahun_sah(tahun, teks=False)
    if session.get(Kecamatan, kecamatan_id) is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    if not boleh_menulis(oleh, kecamatan_id):
        raise Ditolak(PESAN_PENULIS)
    b = BAGIAN.get(bagian) if isinstance(bagian, str) else None
    if b is None:
        raise Ditolak(f"Bagian \"{bagian}\" tidak dikenal dalam Laporan Kinerja.")
    ind_id: int | None = None
    if b.per_indikator:
        try:
            ind_id = int(indikator_id)
        except (TypeError, ValueError):
            raise Ditolak(f"{b.judul} ditulis per IKU; pilih IKU-nya.") from None
        if ind_id not in {i.id for i in iku_tahun(session, kecamatan_id, th)}:
            raise Ditolak("Indikator ini tidak ada dalam IKU kantor Anda.")
    elif indikator_id not in (None, ""):
        raise Ditolak(f"{b.judul} berlaku untuk seluruh laporan, bukan per IKU.")
    teks = str(isi or "").strip()
    if len(teks) > MAKS_TEKS:
        raise Ditolak(f"{b.judul} paling panjang {format_angka(MAKS_TEKS)} karakter; sekarang "
                      f"{format_angka(len(teks))}.")
    lk = _kunci_laporan(session, kecamatan_id, th)  # of two first saves at once, the second waits here
    if lk is not None and lk.status == StatusLaporan.DITANDATANGANI:
        raise Ditolak(f"Laporan Kinerja {th} sudah ditandatangani; teksnya tidak dapat diubah lagi.")
    q = (select(TeksLkj).where(TeksLkj.kecamatan_id == kecamatan_id).where(TeksLkj.tahun == th)
         .where(TeksLkj.bagian == b.kode))
    q = q.where(col(TeksLkj.indikator_id).is_(None)) if ind_id is None else q.where(TeksLkj.indikator_id == ind_id)
    lama = session.exec(q.execution_options(populate_existing=True)).first()
    jejak = {"tahun": th, "bagian": b.kode, "indikator": ind_id}
    if not teks:
        if lama is None:
            return None
        _reviu_batal(session, lk, oleh)
        session.delete(lama)
        session.flush()
        catat(session, aksi="teks_lkj.hapus", oleh=oleh, objek="teks_lkj", objek_id=lama.id,
              kecamatan_id=kecamatan_id, sebelum={**jejak, "isi": lama.isi})
        return None
    if lama is not None and lama.isi == teks:
        return lama
    _reviu_batal(session, lk, oleh)
    sebelum = {**jejak, "isi": lama.isi} if lama else None
    row = lama or TeksLkj(kecamatan_id=kecamatan_id, tahun=th, bagian=b.kode, indikator_id=ind_id, isi=teks)
    row.isi, row.diubah_oleh, row.diubah_pada = teks, oleh.id, pastikan_sadar_zona(pada or utcnow())
    session.add(row)
    session.flush()
    catat(session, aksi="teks_lkj.ubah" if lama else "teks_lkj.tulis", oleh=oleh, objek="teks_lkj",
          objek_id=row.id, kecamatan_id=kecamatan_id, sebelum=sebelum, sesudah={**jejak, "isi": teks})
    return row


def _kunci_laporan(session: Session, kecamatan_id: int, tahun: int) -> LaporanKinerja | None:
    """Hold the office for this transaction, then its LKj row of the year where there is one, and read that row
    as the database holds it now. Of two first saves of a passage at once (a passage of the whole report has
    indikator_id NULL, which the unique constraint does not compare), the second waits here for the first's
    transaction and then finds its passage; a reviu or signature taken at the same moment (a compare-and-set on
    the LKj row) waits for the passage, or the passage for it. The row is not made here: an LKj row stays the
    sign that its course has begun (the reviu makes it)."""
    session.execute(update(Kecamatan).where(col(Kecamatan.id) == kecamatan_id).values(id=kecamatan_id))
    session.execute(update(LaporanKinerja).where(col(LaporanKinerja.kecamatan_id) == kecamatan_id)
                    .where(col(LaporanKinerja.tahun) == tahun).values(kecamatan_id=kecamatan_id))
    return session.exec(select(LaporanKinerja).where(LaporanKinerja.kecamatan_id == kecamatan_id)
                        .where(LaporanKinerja.tahun == tahun).execution_options(populate_existing=True)).first()


def _reviu_batal(session: Session, lk: LaporanKinerja | None, oleh: User) -> None:
    """A passage changed after the reviu: the LKj goes back to draf (MESIN_LKJ "teks_berubah"), the reviu to be
    recorded again on the text as it now stands; in the passage's transaction, audited."""
    if lk is None or lk.status != StatusLaporan.DIREVIU:
        return
    ke = MESIN_LKJ.periksa(S.DIREVIU, "teks_berubah",
                           KonteksLkj(session, oleh, lk.kecamatan_id, lk.tahun, S.DIREVIU))
    sebelum = {"status": str(lk.status), "reviu_oleh": lk.reviu_oleh,
               "reviu_pada": lk.reviu_pada.isoformat() if lk.reviu_pada else None}
    if not tulis(session, lk, ke=ke, cas={"ditandatangani_pada": None},
                 nilai={"reviu_oleh": None, "reviu_pada": None}):
        raise Ditolak("Laporan Kinerja ini baru saja diubah orang lain; muat ulang halaman.")
    catat(session, aksi="laporan_kinerja.teks_berubah", oleh=oleh, objek="laporan_kinerja", objek_id=lk.id,
          kecamatan_id=lk.kecamatan_id, sebelum=sebelum, sesudah={"status": str(ke)},
          keterangan=PESAN_REVIU_ULANG)


# ---------------------------------------------------------------- the office's SOP for it


def sop_lkj(session: Session, kecamatan_id: int) -> Sop | None:
    """The office's SOP (with a revision in force) that its kabupaten's SAKIP calendar names for the Laporan
    Kinerja; None when the calendar names none or the office has no such SOP."""
    return sop_kewajiban(session, kecamatan_id, KEWAJIBAN)


def run_lkj(session: Session, kecamatan_id: int, tahun: int) -> Eksekusi | None:
    """The running execution of the office's LKj SOP for the year, if any."""
    sop = sop_lkj(session, kecamatan_id)
    return berjalan(session, sop_id=sop.id, tahun=tahun, triwulan=None) if sop else None


def _run_lkj(session: Session, eks: Eksekusi) -> bool:
    """Whether a run is a year's execution of its office's LKj SOP."""
    if eks.triwulan is not None:
        return False
    rev = session.get(SopRevisi, eks.revisi_id)
    sop = sop_lkj(session, eks.kecamatan_id)
    return rev is not None and sop is not None and rev.sop_id == sop.id


def _posisi_rec(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> tuple[int, int | None, int]:
    """(index of the record's step and pelaksana in the run's order, index of the Camat's last, count)."""
    urut = urutan_pelaksana(session, eks.revisi_id)
    ini = next((n for n, p in enumerate(urut) if p.langkah.id == rec.langkah_id and p.role_kode == rec.role_kode),
               -1)
    camat = max((n for n, p in enumerate(urut) if p.role_kode == "camat"), default=None)
    return ini, camat, len(urut)


def langkah_terkunci(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> str | None:
    """In a year's run of the LKj SOP: the Camat's last step closes only by signing the LKj (after its reviu) on
    the Laporan Kinerja page, and the run's last step only once the LKj is signed."""
    if not _run_lkj(session, eks):
        return None
    ini, camat, n = _posisi_rec(session, eks, rec)
    lk = laporan(session, eks.kecamatan_id, eks.tahun)
    status = StatusLaporan(lk.status) if lk else StatusLaporan.DRAF
    if ini == camat and status != StatusLaporan.DITANDATANGANI:
        if status == StatusLaporan.DRAF:
            return (f"Laporan Kinerja {eks.tahun} belum direviu: catat reviunya lebih dulu di halaman Laporan "
                    "Kinerja; langkah ini selesai ketika Camat menandatanganinya di sana.")
        return ("Langkah ini selesai ketika Camat melampirkan scan Laporan Kinerja yang ditandatangani di halaman "
                "Laporan Kinerja.")
    if ini == n - 1 and status != StatusLaporan.DITANDATANGANI:
        return f"Pelaksanaan ini berakhir setelah Laporan Kinerja {eks.tahun} ditandatangani Camat."
    return None


# ---------------------------------------------------------------- the course: reviu and signature


@dataclass
class KonteksLkj:
    session: Session
    oleh: User
    kecamatan_id: int
    tahun: int
    status: StatusLaporan
    catatan: str | None = None
    scan: bool = False
    tanggal: date | None = None
    hari_ini: date | None = None


def pereviu(session: Session, kecamatan_id: int) -> str:
    """Who reviews the office's LKj: "sekcam" or "inspektorat" (the kabupaten's setting)."""
    kec = session.get(Kecamatan, kecamatan_id)
    kab = session.get(Kabupaten, kec.kabupaten_id) if kec else None
    return REVIU_INSPEKTORAT if kab is not None and kab.reviu_lkj == REVIU_INSPEKTORAT else REVIU_SEKCAM


def _pereviu(k: KonteksLkj) -> str | None:
    u = k.oleh
    if pereviu(k.session, k.kecamatan_id) == REVIU_INSPEKTORAT:
        kec = k.session.get(Kecamatan, k.kecamatan_id)
        if u.aktif and u.role_kode == "evaluator" and kec is not None and u.kabupaten_id == kec.kabupaten_id:
            return None
        return "Reviu Laporan Kinerja kecamatan ini dicatat oleh Evaluator Inspektorat kabupatennya."
    if u.aktif and u.role_kode == "sekcam" and u.kecamatan_id == k.kecamatan_id:
        return None
    return "Reviu Laporan Kinerja dicatat oleh Sekretaris Camat kecamatan ini."


def _catatan_reviu(k: KonteksLkj) -> str | None:
    teks = (k.catatan or "").strip()
    if not teks:
        return "Catatan reviu wajib diisi."
    if len(teks) > MAKS_CATATAN:
        return f"Catatan reviu paling panjang {format_angka(MAKS_CATATAN)} karakter."
    return None


def _camat(k: KonteksLkj) -> str | None:
    u = k.oleh
    if u.aktif and u.role_kode == "camat" and u.kecamatan_id == k.kecamatan_id:
        return None
    return "Laporan Kinerja hanya ditandatangani oleh Camat kecamatan ini."


def _lewat_sop(k: KonteksLkj) -> str | None:
    """Where the office has the SOP, the LKj is signed at its run's Camat's last step."""
    sop = sop_lkj(k.session, k.kecamatan_id)
    if sop is None:
        return None
    eks = run_lkj(k.session, k.kecamatan_id, k.tahun)
    if eks is None:
        return (f"Kecamatan ini menyusun Laporan Kinerja melalui {sop.nama}: mulai SOP-nya untuk tahun {k.tahun} di "
                "halaman Pekerjaan; LKj ditandatangani pada langkah Camat.")
    rec = catatan_terbuka(k.session, eks.id)
    if rec is None:
        return None
    ini, camat, _n = _posisi_rec(k.session, eks, rec)
    if camat is not None and ini != camat:
        return f"\"{eks.judul}\" belum sampai pada langkah Camat; selesaikan langkah sebelumnya di Persetujuan."
    return None


def _penulis(k: KonteksLkj) -> str | None:
    return None if boleh_menulis(k.oleh, k.kecamatan_id) else PESAN_PENULIS


def _syarat_tanda_tangan(k: KonteksLkj) -> str | None:
    if k.status == StatusLaporan.DRAF:
        pihak = ("Evaluator Inspektorat" if pereviu(k.session, k.kecamatan_id) == REVIU_INSPEKTORAT
                 else "Sekretaris Camat")
        return f"Laporan Kinerja {k.tahun} belum direviu; {pihak} mencatat reviunya lebih dulu."
    if not k.scan:
        return "Lampirkan scan Laporan Kinerja yang sudah ditandatangani (PDF, JPG atau PNG)."
    if k.tanggal is None:
        return "Tanggal penandatanganan wajib diisi."
    if k.hari_ini is not None and k.tanggal > k.hari_ini:
        return "Tanggal penandatanganan tidak boleh setelah hari ini."
    if not k.tahun <= k.tanggal.year <= k.tahun + 1:
        return f"Tanggal penandatanganan harus pada tahun {k.tahun} atau {k.tahun + 1}."
    return _lewat_sop(k)


S = StatusLaporan
MESIN_LKJ: Mesin[StatusLaporan, KonteksLkj] = Mesin("laporan_kinerja", StatusLaporan, [
    Transisi((S.DRAF, S.DIREVIU), "reviu", S.DIREVIU, siapa=_pereviu, syarat=_catatan_reviu),
    Transisi((S.DRAF, S.DIREVIU), "tandatangani", S.DITANDATANGANI, siapa=_camat, syarat=_syarat_tanda_tangan),
    # A passage changed after the reviu: the reviewed text is no longer the text, so back to draf.
    Transisi((S.DIREVIU,), "teks_berubah", S.DRAF, siapa=_penulis),
], pesan_keadaan=lambda _d, _a, k: f"Laporan Kinerja {k.tahun} sudah ditandatangani; tidak dapat diubah lagi.")


def tindakan_lkj(session: Session, *, kecamatan_id: int, tahun: int, oleh: User) -> list[Tindakan]:
    """What `oleh` may do to the office's LKj of the year now (reviu, signature); the notes, scan and date still
    to be given."""
    lk = laporan(session, kecamatan_id, tahun)
    status = StatusLaporan(lk.status) if lk else S.DRAF
    return MESIN_LKJ.tindakan(status, KonteksLkj(session, oleh, kecamatan_id, tahun, status, catatan="(diisi)",
                                                 scan=True, tanggal=date(tahun + 1, 1, 1)),
                              aksi=("reviu", "tandatangani"))


def _baris(session: Session, kecamatan_id: int, tahun: int, oleh: User) -> LaporanKinerja:
    """The LKj's row, made (as a draft) when its course begins."""
    lk = laporan(session, kecamatan_id, tahun)
    if lk is not None:
        return lk
    eks = run_lkj(session, kecamatan_id, tahun)
    lk = LaporanKinerja(kecamatan_id=kecamatan_id, tahun=tahun, status=S.DRAF, eksekusi_id=eks.id if eks else None)
    session.add(lk)
    session.flush()
    catat(session, aksi="laporan_kinerja.buat", oleh=oleh, objek="laporan_kinerja", objek_id=lk.id,
          kecamatan_id=kecamatan_id, sesudah={"tahun": tahun})
    return lk


def reviu(session: Session, *, kecamatan_id: int, tahun: Any, catatan: Any, oleh: User,
          pada: datetime | None = None) -> LaporanKinerja:
    """Record the reviu of the office's LKj of a year (again, while it is not signed): who, when, the notes.
    Audited; the caller commits."""
    try:
        th = tahun_sah(tahun, teks=False)
        if session.get(Kecamatan, kecamatan_id) is None:
            raise Ditolak("Kecamatan tidak ditemukan.")
        lk = laporan(session, kecamatan_id, th)
        status = StatusLaporan(lk.status) if lk else S.DRAF
        teks = str(catatan or "").strip()
        ke = MESIN_LKJ.periksa(status, "reviu", KonteksLkj(session, oleh, kecamatan_id, th, status, catatan=teks))
        lk = lk or _baris(session, kecamatan_id, th, oleh)
        t = pastikan_sadar_zona(pada or utcnow())
        sebelum = {"status": str(lk.status), "catatan": lk.catatan_reviu}
        if not tulis(session, lk, ke=ke, cas={"ditandatangani_pada": None},
                     nilai={"reviu_oleh": oleh.id, "reviu_pada": t, "catatan_reviu": teks}):
            raise Ditolak("Laporan Kinerja ini baru saja diubah orang lain; muat ulang halaman.")
        catat(session, aksi="laporan_kinerja.reviu", oleh=oleh, objek="laporan_kinerja", objek_id=lk.id,
              kecamatan_id=kecamatan_id, sebelum=sebelum, sesudah={"status": str(ke), "catatan": teks})
        return lk
    except Ditolak as e:
        e.tentang(aksi="laporan_kinerja.reviu", objek="kecamatan", objek_id=kecamatan_id, kecamatan_id=kecamatan_id)
        raise


def tandatangani(session: Session, *, kecamatan_id: int, tahun: Any, nama_berkas: str, data: bytes, tanggal: Any,
                 oleh: User, folder: Path, pada: datetime | None = None) -> LaporanKinerja:
    """The Camat signs the office's LKj of a year: the signed scan attached (Lampiran "laporan_kinerja"), the date
    printed on it, the passages locked, and (the office's SOP) the run's Camat step completed. Audited."""
    try:
        return _tandatangani(session, kecamatan_id=kecamatan_id, tahun=tahun, nama_berkas=nama_berkas, data=data,
                             tanggal=tanggal, oleh=oleh, folder=folder, pada=pada)
    except Ditolak as e:
        e.tentang(aksi="laporan_kinerja.tandatangani", objek="kecamatan", objek_id=kecamatan_id,
                  kecamatan_id=kecamatan_id)
        raise


def _tandatangani(session: Session, *, kecamatan_id: int, tahun: Any, nama_berkas: str, data: bytes, tanggal: Any,
                  oleh: User, folder: Path, pada: datetime | None) -> LaporanKinerja:
    th = tahun_sah(tahun, teks=False)
    if session.get(Kecamatan, kecamatan_id) is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    t = pastikan_sadar_zona(pada or utcnow())
    nama = nama_scan(nama_berkas, data, "Laporan Kinerja")
    try:
        tgl = baca_tanggal(tanggal)
    except (ValueError, Ditolak):
        raise Ditolak(f"Tanggal penandatanganan \"{tanggal}\" tidak dikenali; tulis mis. 20 Februari "
                      f"{th + 1}.") from None
    lk = laporan(session, kecamatan_id, th)
    status = StatusLaporan(lk.status) if lk else S.DRAF
    konteks = KonteksLkj(session, oleh, kecamatan_id, th, status, scan=bool(data), tanggal=tgl,
                         hari_ini=periode.hari_ini())
    ke = MESIN_LKJ.periksa(status, "tandatangani", konteks)
    assert lk is not None and tgl is not None  # the machine's conditions: reviewed, dated
    eks = run_lkj(session, kecamatan_id, th)
    session.flush()
    if not tulis(session, lk, ke=ke, cas={"ditandatangani_pada": None},
                 nilai={"ditandatangani_oleh": oleh.id, "ditandatangani_pada": t, "tanggal": tgl,
                        "eksekusi_id": eks.id if eks else lk.eksekusi_id}):
        raise Ditolak("Laporan Kinerja ini baru saja diubah orang lain; muat ulang halaman.")
    if eks is not None and (rec := catatan_terbuka(session, eks.id)) is not None:
        lk_langkah = session.get(SopLangkah, rec.langkah_id)
        assert lk_langkah is not None  # foreign key
        if lk_langkah.keputusan:
            putuskan(session, catatan_id=rec.id, setuju=True, oleh=oleh, pada=t, lewat_pengajuan=True,
                     alasan="Laporan Kinerja ditandatangani; scan dilampirkan.")
        else:
            selesaikan(session, catatan_id=rec.id, oleh=oleh, pada=t, lewat_pengajuan=True,
                       catatan="Laporan Kinerja ditandatangani; scan dilampirkan.")
    catat(session, aksi="laporan_kinerja.tandatangani", oleh=oleh, objek="laporan_kinerja", objek_id=lk.id,
          kecamatan_id=kecamatan_id, sebelum={"status": str(status)},
          sesudah={"status": str(ke), "tanggal": tgl.isoformat(), "eksekusi": eks.id if eks else None})
    # Last: the file is checked (type, size, content) before it is written, so a refusal leaves no file behind.
    simpan_berkas(session, pemilik_jenis=PEMILIK_SCAN, pemilik_id=lk.id, kecamatan_id=kecamatan_id,
                  nama_berkas=nama, data=data, oleh=oleh, folder=folder)
    return lk
