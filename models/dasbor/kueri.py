"""What the dashboards ask of the records: the filter a page is opened with, the open steps per role, the IKU
cards of a quarter, the comparison of a kabupaten's offices, the overdue follow-ups. Each query takes the scope."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd
from sqlmodel import Session, col, func, select

from models.akun.akses import AWALAN_KABUPATEN, PESAN_KANTOR, AksesDitolak, kecamatan_bernama
from models.akun.peran import NAMA_PERAN
from models.db import pilih
from models.kinerja.capaian import BarisCapaian, capaian_banyak, predikat_kabupaten, predikat_per_kantor
from models.kinerja.iku import kode_urut
from models.kinerja.mesin import TERHADAP_TAHUN, Capaian, Predikat, keterangan_rencana, predikat, tidak_tersedia
from models.kinerja.realisasi import SEDANG_DIPERBAIKI, keadaan_angka
from models.sop.nomor import nomor_langkah
from models.sop.siklus import kalender_per_kantor
from models.tables import (
    CatatanLangkah,
    Eksekusi,
    Evaluasi,
    Indikator,
    Kabupaten,
    Kecamatan,
    Rekomendasi,
    Sop,
    SopLangkah,
    SopRevisi,
    utcnow,
)
from models.tindak_lanjut.rekomendasi import STATUS, TUNTAS, label_evaluasi, menunggu, terlambat
from models.umum import periode
from models.umum.angka import bulatkan
from models.umum.periode import periode_baku, triwulan_sebelumnya
from models.umum.status import KeadaanCapaian, StatusEksekusi, StatusRekomendasi, keadaan_capaian

PESAN_PILIH_KABUPATEN = ("Pilih kabupaten atau kecamatan pada saringan di atas: tampilan ini memuat kecamatan satu "
                         "kabupaten saja.")


class PilihKabupaten(Exception):
    """A view over offices asked of every kabupaten at once: it is drawn one kabupaten at a time."""


class SemuaKabupaten(list):
    """The offices of every kabupaten, as the admin's filter holds them before a kabupaten is chosen. No view over
    offices reads them (that would draw the whole country office by office): reading raises PilihKabupaten, which
    the page shows as the request to choose. Views that summarise per kabupaten check `Saringan.nasional` first."""

    def _pilih(self, *_args, **_kwargs):
        raise PilihKabupaten(PESAN_PILIH_KABUPATEN)

    __iter__ = __len__ = __getitem__ = __contains__ = __bool__ = _pilih


@dataclass(frozen=True)
class Saringan:
    """The view a page is opened with; every value checked against the user's scope."""

    kecamatan_ids: list[int]  # the offices shown (one for an office user); SemuaKabupaten before the admin chooses
    kecamatan_id: int | None  # the one office chosen, or None for "all offices in scope"
    tahun: int
    triwulan: int  # 0: the whole year (pages that allow it)
    indikator_id: int | None = None
    sop: str | None = None  # an SOP's name key
    kabupaten_id: int | None = None  # the kabupaten whose offices the admin chose

    @property
    def nasional(self) -> bool:
        """The admin's view before a kabupaten or an office is chosen: a summary per kabupaten, never per office."""
        return isinstance(self.kecamatan_ids, SemuaKabupaten)

    @property
    def kantor_pilihan(self) -> list[int]:
        """The offices whose options a filter bar lists (none before the admin chooses a kabupaten)."""
        return [] if self.nasional else list(self.kecamatan_ids)

    def sebagai_query(self, session: Session) -> dict[str, str]:
        q: dict[str, str] = {"tahun": str(self.tahun), "triwulan": str(self.triwulan)}
        if self.kecamatan_id is not None:
            q["kecamatan"] = nilai_kantor(session, self.kecamatan_id)
        elif self.kabupaten_id is not None:  # as the admin's filter holds it, so that the filter can clear it
            kab = session.get(Kabupaten, self.kabupaten_id)
            assert kab is not None
            q["kecamatan"] = AWALAN_KABUPATEN + kab.nama
        if self.indikator_id:
            q["indikator"] = str(self.indikator_id)
        if self.sop:
            q["sop"] = self.sop
        return q


def _bilangan(teks, batas: range, baku: int) -> int:
    try:
        n = int(str(teks))
    except (TypeError, ValueError):
        return baku
    return n if n in batas else baku


def baca_saringan(session: Session, *, lingkup: list[int] | None, args: Mapping[str, object],
                  kantor_sendiri: int | None, hari_ini: date | None = None, setahun: bool = False,
                  bawaan_setahun: bool = True) -> Saringan:
    """A page's filter from its address. An office user always sees their own office; a kabupaten user all offices
    in scope or the one named by `kecamatan` (name or id). The admin (every office in scope) names a kabupaten
    (`kabupaten`, or `kecamatan` as "kabupaten:<name>") or an office; before that, the filter is the whole country
    (`Saringan.nasional`). A named office or kabupaten out of scope is refused; an unreadable year or quarter falls
    back to the last ended quarter. With `setahun`, quarter 0 means the whole year, and is the default (with
    `bawaan_setahun=False` the last ended quarter stays the default, except for a year not begun yet)."""
    th0, tw0 = periode_baku(hari_ini)
    tahun = _bilangan(args.get("tahun"), range(2000, th0 + 2), th0)
    baku = 0 if setahun and (bawaan_setahun or tahun > th0) else (tw0 if tahun == th0 else 4)
    triwulan = _bilangan(args.get("triwulan"), range(0 if setahun else 1, 5), baku)
    kab_id = None
    ids: list[int]
    if kantor_sendiri is not None:
        ids, satu = [kantor_sendiri], kantor_sendiri
    else:
        nama, kab_nama = args.get("kecamatan"), args.get("kabupaten")
        if isinstance(nama, str) and nama.startswith(AWALAN_KABUPATEN):
            kab_nama, nama = nama.removeprefix(AWALAN_KABUPATEN), None
        satu = None
        if nama not in (None, ""):
            dalam = [k for k in kecamatan_bernama(session, nama if isinstance(nama, int) else str(nama)) if lingkup is None or k in lingkup]
            if not dalam:
                raise AksesDitolak(PESAN_KANTOR)
            satu = dalam[0]
        if satu is not None:
            ids = [satu]
        elif kab_nama not in (None, ""):
            kab_id, ids = _kantor_kabupaten(session, str(kab_nama))
            if kab_id is None or (lingkup is not None and not set(ids) <= set(lingkup)):
                raise AksesDitolak(PESAN_KANTOR)
        elif lingkup is None:
            ids = SemuaKabupaten()
        else:
            ids = list(lingkup)
    indikator = _bilangan(args.get("indikator"), range(1, 2**31), 0) or None
    sop = str(args.get("sop")).strip() or None if args.get("sop") else None
    return Saringan(ids, satu, tahun, triwulan, indikator, sop, kab_id)


def _kantor_kabupaten(session: Session, nilai: str) -> tuple[int | None, list[int]]:
    """A kabupaten named exactly or by its id, and its offices by name; (None, []) for one no kabupaten is."""
    if nilai.isascii() and nilai.isdigit() and len(nilai) <= 9:
        kab = session.exec(select(Kabupaten.id).where(Kabupaten.id == int(nilai))).first()
    else:
        kab = session.exec(select(Kabupaten.id).where(Kabupaten.nama == nilai[:200])).first()
    if kab is None:
        return None, []
    return kab, list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kab).order_by(Kecamatan.nama)))


def triwulan_capaian(tahun: int, triwulan: int, hari_ini: date | None = None) -> int:
    """The quarter whose capaian a view of (`tahun`, `triwulan`) shows: the quarter itself; for the whole year
    (0), the year as far as it has gone: the fourth quarter of a past (or future) year, the last ended quarter of
    the current one.

    >>> triwulan_capaian(2026, 2, date(2026, 11, 21)), triwulan_capaian(2026, 0, date(2026, 11, 21))
    (2, 3)
    >>> triwulan_capaian(2025, 0, date(2026, 11, 21)), triwulan_capaian(2027, 0, date(2026, 11, 21))
    (4, 4)
    """
    if triwulan:
        return triwulan
    th0, tw0 = periode_baku(hari_ini)
    return tw0 if tahun == th0 else 4


def nama_ganda(session: Session, nama: list[str]) -> set[str]:
    """The names among `nama` that more than one office bears (offices of different kabupaten may share a name)."""
    if not nama:
        return set()
    return set(session.exec(select(Kecamatan.nama).where(col(Kecamatan.nama).in_(set(nama)))
                            .group_by(col(Kecamatan.nama)).having(func.count(col(Kecamatan.id)) > 1)).all())


def nilai_kantor(session: Session, kecamatan_id: int) -> str:
    """How an address or a filter names an office: its name, or its id where another office bears the same name."""
    kec = session.get(Kecamatan, kecamatan_id)
    assert kec is not None  # an office read from the database (baca_saringan)
    return str(kec.id) if nama_ganda(session, [kec.nama]) else kec.nama


def nama_kantor(session: Session, kecamatan_ids: list[int]) -> dict[int, str]:
    if not kecamatan_ids:
        return {}
    return dict(session.exec(select(Kecamatan.id, Kecamatan.nama).where(col(Kecamatan.id).in_(kecamatan_ids))).all())


# ---------------------------------------------------------------- open steps (pending approvals)

KOLOM_ANTRIAN = ["catatan_id", "kecamatan_id", "kecamatan", "sop", "judul", "langkah", "kegiatan", "role_kode",
                 "peran", "keputusan", "diterima_pada", "umur", "mutu_baku", "terlambat"]


def kueri_antrian(*kolom, kecamatan_ids: list[int]):
    """The open step records of running executions in the offices, as a query of `kolom` joined to their execution,
    step and SOP revision (the queue, its counts and its pages all read this one)."""
    return (pilih(*kolom).select_from(CatatanLangkah)
            .join(Eksekusi, col(Eksekusi.id) == CatatanLangkah.eksekusi_id)
            .join(SopLangkah, col(SopLangkah.id) == CatatanLangkah.langkah_id)
            .join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
            .join(Kecamatan, col(Kecamatan.id) == Eksekusi.kecamatan_id)
            .where(col(Eksekusi.kecamatan_id).in_(kecamatan_ids)).where(Eksekusi.status == StatusEksekusi.BERJALAN)
            .where(CatatanLangkah.selesai_pada == None))  # noqa: E711


KOLOM_UMUR = ["catatan_id", "kecamatan_id", "role_kode", "peran", "keputusan", "diterima_pada", "umur", "mutu_baku",
              "terlambat"]
_KOLOM_KUERI_UMUR = (CatatanLangkah.id, Eksekusi.kecamatan_id, CatatanLangkah.role_kode, SopLangkah.keputusan,
                     CatatanLangkah.diterima_pada, SopLangkah.waktu_menit)


def _kueri_umur(*teks, kecamatan_ids: list[int], syarat: tuple, catatan_ids: list[int] | None):
    q = kueri_antrian(*_KOLOM_KUERI_UMUR, *teks, kecamatan_ids=kecamatan_ids).where(*syarat)
    return q if catatan_ids is None else q.where(col(CatatanLangkah.id).in_(catatan_ids))


def _beri_umur(session: Session, df: pd.DataFrame, sekarang: datetime | None) -> pd.DataFrame:
    """The open steps read by _kueri_umur with their age in working minutes at `sekarang` (each office's work
    calendar), whether they are past their mutu baku and the role's name; overdue first, then the furthest past its
    standard."""
    df["diterima_pada"] = pd.to_datetime(df["diterima_pada"], utc=True)
    t = sekarang or utcnow()
    kal = kalender_per_kantor(session, set(df["kecamatan_id"]))
    # Offices sharing a calendar (one time zone: the holidays are national) are reckoned in one call.
    umur = np.zeros(len(df))
    kelompok: dict[int, list[int]] = {}
    for i, kec_id in enumerate(df["kecamatan_id"]):
        kelompok.setdefault(id(kal[kec_id]), []).append(i)
    for baris in kelompok.values():
        kalender = kal[df["kecamatan_id"].iat[baris[0]]]
        umur[baris] = kalender.working_minutes_many(df["diterima_pada"].iloc[baris], [t] * len(baris))
    df["umur"] = umur
    # A mutu baku of 0 sets no standard time (as Waktu Siklus reads it): such a step is never overdue.
    df["terlambat"] = (df["mutu_baku"] > 0) & (df["umur"] > df["mutu_baku"])
    df["peran"] = df["role_kode"].map(lambda k: NAMA_PERAN.get(k, k))
    lebih = (df["umur"] / df["mutu_baku"].clip(lower=1)).where(df["mutu_baku"] > 0, 0.0)
    urutan = np.lexsort((df["catatan_id"].to_numpy(), -lebih.to_numpy(), ~df["terlambat"].to_numpy(dtype=bool)))
    return df.iloc[urutan].reset_index(drop=True)


def umur_antrian(session: Session, *, kecamatan_ids: list[int], sekarang: datetime | None = None,
                 syarat: tuple = (), catatan_ids: list[int] | None = None) -> pd.DataFrame:
    """The open steps of the offices with only what their order and their counts need (KOLOM_UMUR: the role, whether
    it is a decision, the age in working minutes against the mutu baku), in antrian_terbuka's order, without the
    texts the queue's table prints."""
    if not kecamatan_ids or catatan_ids == []:
        return pd.DataFrame(columns=KOLOM_UMUR)
    df = pd.DataFrame(session.exec(_kueri_umur(kecamatan_ids=kecamatan_ids, syarat=syarat,
                                               catatan_ids=catatan_ids)).all(),
                      columns=["catatan_id", "kecamatan_id", "role_kode", "keputusan", "diterima_pada", "mutu_baku"])
    if df.empty:
        return pd.DataFrame(columns=KOLOM_UMUR)
    return _beri_umur(session, df, sekarang)[KOLOM_UMUR]


def antrian_terbuka(session: Session, *, kecamatan_ids: list[int], sekarang: datetime | None = None,
                    syarat: tuple = (), catatan_ids: list[int] | None = None,
                    umur: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every open step record of running executions in the offices, with its age in working minutes against the
    step's mutu baku; overdue first, then the longest past its standard. `syarat`, conditions on the query's tables
    (a search); `catatan_ids`, only these records (one page of the queue); `umur`, rows of umur_antrian already
    reckoned (one page of them): only their texts are read, and the rows keep their order and ages."""
    if umur is not None:
        if umur.empty:
            return pd.DataFrame(columns=KOLOM_ANTRIAN)
        q = kueri_antrian(CatatanLangkah.id, Kecamatan.nama, SopRevisi.nama, Eksekusi.judul, SopLangkah.no,
                          SopLangkah.kegiatan, kecamatan_ids=kecamatan_ids) \
            .where(col(CatatanLangkah.id).in_([int(i) for i in umur["catatan_id"]]))
        teks = pd.DataFrame(session.exec(q).all(), columns=["catatan_id", "kecamatan", "sop", "judul", "langkah",
                                                            "kegiatan"])
        teks["langkah"] = teks["langkah"].map(nomor_langkah)
        return umur.merge(teks, on="catatan_id")[KOLOM_ANTRIAN]
    if not kecamatan_ids or catatan_ids == []:
        return pd.DataFrame(columns=KOLOM_ANTRIAN)
    q = _kueri_umur(Kecamatan.nama, SopRevisi.nama, Eksekusi.judul, SopLangkah.no, SopLangkah.kegiatan,
                    kecamatan_ids=kecamatan_ids, syarat=syarat, catatan_ids=catatan_ids)
    df = pd.DataFrame(session.exec(q).all(), columns=["catatan_id", "kecamatan_id", "role_kode", "keputusan",
                                                      "diterima_pada", "mutu_baku", "kecamatan", "sop", "judul",
                                                      "langkah", "kegiatan"])
    if df.empty:
        return pd.DataFrame(columns=KOLOM_ANTRIAN)
    df["langkah"] = df["langkah"].map(nomor_langkah)
    return _beri_umur(session, df, sekarang)[KOLOM_ANTRIAN]


def per_peran(antrian: pd.DataFrame) -> pd.DataFrame:
    """Counts of open steps per role: approvals (decision steps) and other steps, and how many are overdue."""
    kolom = ["role_kode", "peran", "persetujuan", "langkah_lain", "terlambat", "jumlah"]
    if antrian.empty:
        return pd.DataFrame(columns=kolom)
    g = antrian.assign(keputusan=antrian["keputusan"].astype(bool), terlambat=antrian["terlambat"].astype(bool)) \
        .groupby(["role_kode", "peran"])
    df = pd.DataFrame({"persetujuan": g["keputusan"].sum().astype(int), "jumlah": g.size().astype(int),
                       "terlambat": g["terlambat"].sum().astype(int)}).reset_index()
    df["langkah_lain"] = df["jumlah"] - df["persetujuan"]
    return df.sort_values(["jumlah", "peran"], ascending=[False, True])[kolom].reset_index(drop=True)


# ---------------------------------------------------------------- IKU cards and the kabupaten comparison


@dataclass(frozen=True)
class KartuIku:
    indikator: Indikator
    target: float | None
    persen: float | None  # capaian of the quarter (official, or provisional when not yet official)
    resmi: bool
    alasan: str | None  # why it is not available
    predikat: Predikat | None
    sebelumnya: float | None  # the previous quarter's capaian, on the same terms
    selisih: float | None  # percentage points, rounded to two decimals
    keadaan: KeadaanCapaian | None = None  # how far the quarter's capaian got (models.umum.status.keadaan_capaian)
    terhadap: str = TERHADAP_TAHUN  # the target the quarter is measured against: "target triwulan II", "target tahun"
    target_triwulan: float | None = None  # the quarter's own target (Rencana Aksi), when set
    rencana_aksi: str | None = None  # "Sesuai rencana aksi" / "Di bawah rencana aksi"; None without a quarter's target


def _pada(baris: BarisCapaian | None, triwulan: int) -> tuple[Capaian, bool]:
    """The quarter's capaian as the readers' views show it (capaian_dibaca), of an indicator the period may lack."""
    if baris is None:
        return tidak_tersedia("indikator belum ada pada periode ini"), False
    c, resmi, _ = capaian_dibaca(baris, triwulan)
    return c, resmi


def capaian_dibaca(baris: BarisCapaian, triwulan: int) -> tuple[Capaian, bool, KeadaanCapaian | None]:
    """A quarter's capaian as the readers' views show it (Beranda, Perbandingan, their exports): the capaian, whether
    it is official, and how far it got. The quarter's figure is named by its state as Isi Realisasi names it
    (models.kinerja.realisasi.keadaan_angka); a figure being corrected (returned, or reopened by the Camat) gives
    no capaian at all: its number is one the office has taken back, not a plausible result."""
    r = baris.realisasi[triwulan - 1]
    status = keadaan_angka(r.status if r is not None else None)
    if status in SEDANG_DIPERBAIKI:
        return tidak_tersedia("angkanya sedang diperbaiki; capaian belum dapat dihitung"), False, \
            KeadaanCapaian(str(status))
    c, resmi = baris.pada(triwulan)
    return c, resmi, keadaan_capaian(resmi, status)


def kartu_iku(session: Session, *, kecamatan_id: int, tahun: int, triwulan: int) -> list[KartuIku]:
    """One card per IKU of the office for the quarter; the change is against the quarter before (which, for
    quarter I, is quarter IV of the year before, measured against that year's target)."""
    th_lalu, tw_lalu = triwulan_sebelumnya(tahun, triwulan)
    data = capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun={tahun, th_lalu}, ringkas=True)
    pita = predikat_kabupaten(session, kecamatan_id, tahun)
    lalu = {b.indikator.id: b for b in data.get((kecamatan_id, th_lalu), [])}
    kartu = []
    for b in data.get((kecamatan_id, tahun), []):
        c, resmi, keadaan = capaian_dibaca(b, triwulan)
        persen = c.persen
        sebelum = _pada(lalu.get(b.indikator.id), tw_lalu)[0].persen
        selisih = bulatkan(bulatkan(persen) - bulatkan(sebelum)) if persen is not None and sebelum is not None \
            else None
        kartu.append(KartuIku(b.indikator, b.target, persen, resmi, c.alasan, predikat(persen, pita), sebelum, selisih,
                              keadaan,
                              terhadap=b.target_pada(triwulan)[1], target_triwulan=b.target_triwulan[triwulan - 1],
                              rencana_aksi=keterangan_rencana(c)))
    return kartu


def perbandingan(session: Session, *, kecamatan_ids: list[int], tahun: int, triwulan: int,
                 data: dict | None = None) -> pd.DataFrame:
    """The offices side by side for one quarter: one row per office and IKU (long form); `bersama` marks the
    kabupaten's shared IKU, the only ones offices are averaged and ranked on (an office's own indicator is shown,
    not compared). `data`: capaian_banyak's result covering the year, when the caller already has it."""
    if data is None:
        data = capaian_banyak(session, kecamatan_ids=kecamatan_ids, tahun=[tahun], ringkas=True)
    data = {kunci: b for kunci, b in data.items() if kunci[1] == tahun}
    kantor = nama_kantor(session, kecamatan_ids)
    pita_kantor = predikat_per_kantor(session, kecamatan_ids, tahun)
    baris = []
    for (kec_id, _), rows in sorted(data.items(), key=lambda kv: kantor.get(kv[0][0], "")):
        pita = pita_kantor.get(kec_id, ())
        for b in rows:
            c, resmi, keadaan = capaian_dibaca(b, triwulan)
            persen = c.persen
            p = predikat(persen, pita)
            target, terhadap = b.target_pada(triwulan)
            baris.append({"kecamatan_id": kec_id, "kecamatan": kantor[kec_id], "indikator_id": b.indikator.id,
                          "kode": b.indikator.kode, "indikator": b.indikator.nama,
                          "bersama": b.indikator.kecamatan_id is None, "target": target,
                          "terhadap": terhadap, "capaian": persen, "resmi": resmi,
                          "status": keadaan,
                          "predikat": p.nama if p else None, "warna": p.warna if p else None, "keterangan": c.alasan})
    return pd.DataFrame(baris, columns=["kecamatan_id", "kecamatan", "indikator_id", "kode", "indikator", "bersama",
                                        "target", "terhadap", "capaian", "resmi", "status", "predikat", "warna", "keterangan"])


# ---------------------------------------------------------------- follow-ups of recommendations


def rekomendasi_terlambat(session: Session, *, kecamatan_ids: list[int], hari_ini: date,
                          role_kode: str | None = None) -> list[Rekomendasi]:
    """Recommendations past their due date and still waiting on the responsible role, oldest due first."""
    if not kecamatan_ids:
        return []
    q = (select(Rekomendasi).where(col(Rekomendasi.kecamatan_id).in_(kecamatan_ids))
         .where(col(Rekomendasi.status).not_in(TUNTAS)).where(Rekomendasi.jatuh_tempo < hari_ini)
         .order_by(col(Rekomendasi.jatuh_tempo), col(Rekomendasi.id)))
    if role_kode is not None:
        q = q.where(Rekomendasi.role_kode == role_kode)
    return list(session.exec(q).all())


def jumlah_per_kantor(session: Session, *, kecamatan_ids: list[int], hari_ini: date,
                      tempo: tuple[date, date] | None = None) -> dict[int, dict[str, int]]:
    """Per office: open steps, overdue follow-ups (for the kabupaten's comparison); with `tempo` (first, last day),
    only the follow-ups falling due within it."""
    hasil = {k: {"langkah_terbuka": 0, "tl_terlambat": 0} for k in kecamatan_ids}
    if not kecamatan_ids:
        return hasil
    for kec_id, n in session.exec(
            select(Eksekusi.kecamatan_id, func.count(col(CatatanLangkah.id)))
            .join(Eksekusi, col(Eksekusi.id) == CatatanLangkah.eksekusi_id)
            .where(col(Eksekusi.kecamatan_id).in_(kecamatan_ids)).where(Eksekusi.status == StatusEksekusi.BERJALAN)
            .where(CatatanLangkah.selesai_pada == None).group_by(col(Eksekusi.kecamatan_id))):  # noqa: E711
        hasil[kec_id]["langkah_terbuka"] = n
    tl = (select(Rekomendasi.kecamatan_id, func.count(col(Rekomendasi.id)))
          .where(col(Rekomendasi.kecamatan_id).in_(kecamatan_ids)).where(col(Rekomendasi.status).not_in(TUNTAS))
          .where(Rekomendasi.jatuh_tempo < hari_ini).group_by(col(Rekomendasi.kecamatan_id)))
    if tempo is not None:
        tl = tl.where(col(Rekomendasi.jatuh_tempo).between(*tempo))
    for kec_id, n in session.exec(tl):
        hasil[kec_id]["tl_terlambat"] = n
    return hasil


def sop_dalam_lingkup(session: Session, kecamatan_ids: list[int]) -> list[tuple[str, str]]:
    """(name key, name) of the SOPs in force in the offices, by name."""
    if not kecamatan_ids:
        return []
    rows = session.exec(select(Sop.kunci, SopRevisi.nama).join(SopRevisi, col(SopRevisi.sop_id) == Sop.id)
                        .where(col(Sop.kecamatan_id).in_(kecamatan_ids)).where(SopRevisi.berlaku == True)  # noqa: E712
                        ).all()
    return sorted(dict(rows).items(), key=lambda kv: kv[1].lower())


def sop_terbanyak(session: Session, kecamatan_ids: list[int], tahun: int) -> str | None:
    """The name key of the SOP with the most executions (not cancelled) about the year in the offices: the one a
    page on cycle time opens on when the address names none. None when nothing ran."""
    if not kecamatan_ids:
        return None
    baris = session.exec(select(Sop.kunci, func.count(col(Eksekusi.id))).join(SopRevisi, col(SopRevisi.sop_id) == Sop.id)
                         .join(Eksekusi, col(Eksekusi.revisi_id) == SopRevisi.id)
                         .where(col(Eksekusi.kecamatan_id).in_(kecamatan_ids)).where(Eksekusi.tahun == tahun)
                         .where(Eksekusi.status != StatusEksekusi.DIBATALKAN).group_by(Sop.kunci)).all()
    return max(baris, key=lambda b: (b[1], b[0]))[0] if baris else None


# ---------------------------------------------------------------- capaian over the years

KOLOM_SERI = ["indikator_id", "kode", "indikator", "satuan", "tahun", "triwulan", "target", "terhadap", "realisasi",
              "realisasi_gabungan", "capaian_resmi", "capaian_sementara", "status", "realisasi_id"]


def seri_capaian(session: Session, *, kecamatan_id: int, tahun_awal: int, tahun_akhir: int,
                 indikator_id: int | None = None, sampai_triwulan: int = 4,
                 hari_ini: date | None = None) -> tuple[pd.DataFrame, dict[int, tuple[int, float | None]]]:
    """Quarter by quarter over the years for one office, up to `sampai_triwulan` of the last year: the target the
    quarter is measured against and its name (`terhadap`), the quarter's figure, the combined figure the capaian compares with the target, official and provisional capaian.
    Also, per indicator, the year-end projection of the last year as it stood at that quarter: {indikator_id:
    (tahun, persen)}; none once the year has ended or for the fourth quarter (the year's own figure is there)."""
    hari_ini = hari_ini or periode.hari_ini()
    tw_akhir = sampai_triwulan if sampai_triwulan in (1, 2, 3, 4) else 4
    berproyeksi = tw_akhir < 4 and date(tahun_akhir, 12, 31) >= hari_ini
    data = capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun=range(tahun_awal, tahun_akhir + 1),
                          ringkas=True)
    baris, proyeksi = [], {}
    for th in range(tahun_awal, tahun_akhir + 1):
        for b in data.get((kecamatan_id, th), []):
            ind = b.indikator
            if indikator_id and ind.id != indikator_id:
                continue
            for n in range(1, (tw_akhir if th == tahun_akhir else 4) + 1):
                r = b.realisasi[n - 1]
                resmi, sementara = b.resmi[n - 1], b.sementara[n - 1]
                target, terhadap = b.target_pada(n)
                baris.append({"indikator_id": ind.id, "kode": ind.kode, "indikator": ind.nama, "satuan": ind.satuan,
                              "tahun": th, "triwulan": n, "target": target, "terhadap": terhadap,
                              "realisasi": r.nilai if r is not None else None,
                              "realisasi_gabungan": (resmi if resmi.tersedia else sementara).realisasi,
                              "capaian_resmi": resmi.persen, "capaian_sementara": sementara.persen,
                              "status": r.status if r is not None else None,
                              "realisasi_id": r.id if r is not None else None})
            if th == tahun_akhir and berproyeksi:
                proyeksi[ind.id] = (th, b.proyeksi_sampai(tw_akhir).persen)
    return pd.DataFrame(baris, columns=KOLOM_SERI), proyeksi


def nama_indikator(session: Session, kecamatan_ids: list[int]) -> dict[str, str]:
    """Code → name of the IKU the offices report on (their kabupaten's shared set, then an office's own for a code
    the set does not use): the names a comparison's columns carry, since a code means what its kabupaten says."""
    if not kecamatan_ids:
        return {}
    kab = set(session.exec(select(Kecamatan.kabupaten_id).where(col(Kecamatan.id).in_(kecamatan_ids))).all())
    rows = session.exec(select(Indikator).where(
        col(Indikator.kabupaten_id).in_(kab) | col(Indikator.kecamatan_id).in_(kecamatan_ids))).all()
    nama: dict[str, str] = {}
    for i in sorted(rows, key=lambda i: (i.kecamatan_id is not None, not i.aktif, i.id)):
        nama.setdefault(i.kode, i.nama)
    return nama


def indikator_dalam_lingkup(session: Session, kecamatan_ids: list[int]) -> list[tuple[int, str]]:
    """(id, "KODE nama") of the active IKU the offices report on, shared sets first."""
    if not kecamatan_ids:
        return []
    kab = set(session.exec(select(Kecamatan.kabupaten_id).where(col(Kecamatan.id).in_(kecamatan_ids))).all())
    rows = session.exec(select(Indikator).where(Indikator.aktif == True).where(  # noqa: E712
        col(Indikator.kabupaten_id).in_(kab) | col(Indikator.kecamatan_id).in_(kecamatan_ids))).all()
    rows = sorted(rows, key=lambda i: (i.kecamatan_id is not None, kode_urut(i.kode), i.id))
    return [(i.id, f"{i.kode} {i.nama}") for i in rows]


# ---------------------------------------------------------------- follow-up of recommendations

KOLOM_TL = ["rekomendasi_id", "kecamatan_id", "kecamatan", "tahun", "triwulan", "periode", "teks", "iku", "sop",
            "role_kode", "penanggung_jawab", "menunggu", "jatuh_tempo", "dibuat", "umur", "status", "status_label",
            "terlambat", "hari_terlambat", "periode_lain"]


def kueri_tindak_lanjut(*kolom, kecamatan_ids: list[int], tahun: int, triwulan: int | None, hari_ini: date):
    """The recommendations Tindak Lanjut lists for the offices and the period, as a query of `kolom` (the list, its
    counts and its pages all read this one): the period's evaluations' recommendations and every overdue one whatever
    its period, joined to their evaluation, indicator, SOP and office."""
    q = (pilih(*kolom).select_from(Rekomendasi)
         .join(Evaluasi, col(Evaluasi.id) == Rekomendasi.evaluasi_id)
         .join(Kecamatan, col(Kecamatan.id) == Rekomendasi.kecamatan_id)
         .outerjoin(Indikator, col(Indikator.id) == Rekomendasi.indikator_id)
         .outerjoin(Sop, col(Sop.id) == Rekomendasi.sop_id)
         .where(col(Rekomendasi.kecamatan_id).in_(kecamatan_ids)))
    # A quarter chosen: that quarter's evaluations only; the Evaluasi AKIP's (of a year, no quarter) come with the
    # whole year.
    periode_ini = ((col(Evaluasi.tahun) == tahun) & (col(Evaluasi.triwulan) == triwulan) if triwulan
                   else col(Evaluasi.tahun) == tahun)
    # An overdue item stays in sight until it is done, whatever the period chosen (terlambat() says the same).
    return q.where(periode_ini | syarat_terlambat(hari_ini))


def syarat_terlambat(hari_ini: date):
    """terlambat() as the database reads it."""
    return col(Rekomendasi.status).not_in(TUNTAS) & (Rekomendasi.jatuh_tempo < hari_ini)


KOLOM_KUERI_TL = (Rekomendasi, Evaluasi.tahun, Evaluasi.triwulan, Indikator.kode, Sop.nama, Kecamatan.nama)


def baris_tindak_lanjut(r: Rekomendasi, th: int, tw: int | None, kode: str | None, sop: str | None, kantor: str,
                        *, tahun: int, triwulan: int | None, hari_ini: date) -> dict:
    """One row of the list (KOLOM_TL) from a row of kueri_tindak_lanjut(*KOLOM_KUERI_TL)."""
    telat = terlambat(r, hari_ini)
    tunggu = menunggu(r)
    return {
        "rekomendasi_id": r.id, "kecamatan_id": r.kecamatan_id, "kecamatan": kantor,
        "tahun": th, "triwulan": tw, "periode": label_evaluasi(th, tw), "teks": r.teks, "iku": kode or "",
        "sop": sop or "", "role_kode": r.role_kode, "penanggung_jawab": NAMA_PERAN.get(r.role_kode, r.role_kode),
        "menunggu": NAMA_PERAN.get(tunggu, tunggu) if tunggu else "-", "jatuh_tempo": r.jatuh_tempo,
        # Age stops when the recommendation is done: a finished one keeps the days it took.
        "dibuat": r.dibuat_pada, "umur": ((r.selesai_pada.date() if r.selesai_pada else hari_ini)
                                          - r.dibuat_pada.date()).days, "status": r.status,
        "status_label": StatusRekomendasi(r.status).label, "terlambat": telat,
        "hari_terlambat": (hari_ini - r.jatuh_tempo).days if telat else 0,
        # In sight only because it is overdue: its evaluation belongs to another period than the one chosen.
        "periode_lain": th != tahun or (bool(triwulan) and tw != triwulan)}


def tindak_lanjut(session: Session, *, kecamatan_ids: list[int], tahun: int, triwulan: int | None,
                  hari_ini: date) -> pd.DataFrame:
    """Every recommendation of the offices' evaluations of the year (and quarter), and every overdue one whatever its
    period, with its age in days, whom it waits on and how late it is; overdue first (the latest first), then by
    due date."""
    if not kecamatan_ids:
        return pd.DataFrame(columns=KOLOM_TL)
    q = kueri_tindak_lanjut(*KOLOM_KUERI_TL, kecamatan_ids=kecamatan_ids, tahun=tahun, triwulan=triwulan,
                            hari_ini=hari_ini)
    baris = [baris_tindak_lanjut(*r, tahun=tahun, triwulan=triwulan, hari_ini=hari_ini) for r in session.exec(q)]
    df = pd.DataFrame(baris, columns=KOLOM_TL)
    if df.empty:
        return df
    return df.sort_values(["terlambat", "hari_terlambat", "jatuh_tempo", "rekomendasi_id"],
                          ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


def rekap_tindak_lanjut(df: pd.DataFrame, menurut: str) -> pd.DataFrame:
    """Counts by status per `menurut` (kecamatan, penanggung_jawab or periode, in calendar order), with the overdue
    count, how many of them are another period's overdue items, and the oldest open item's age in days."""
    kolom = [menurut, *STATUS, "terlambat", "jumlah", "periode_lain", "umur_terlama"]
    if df.empty:
        return pd.DataFrame(columns=kolom)
    hitung = pd.crosstab(df[menurut], df["status"]).reindex(columns=list(STATUS), fill_value=0)
    hitung["terlambat"] = df.groupby(menurut)["terlambat"].sum().astype(int)
    hitung["jumlah"] = hitung[list(STATUS)].sum(axis=1)
    hitung["periode_lain"] = df.groupby(menurut)["periode_lain"].sum().astype(int)
    terbuka = df[df["status"] != StatusRekomendasi.SELESAI]
    hitung["umur_terlama"] = terbuka.groupby(menurut)["umur"].max()
    hitung = hitung.reset_index()
    if menurut == "periode":
        # In calendar order; a year's Evaluasi AKIP (no quarter) after its fourth quarter.
        urut = df.drop_duplicates("periode").set_index("periode").pipe(
            lambda d: d["tahun"] * 10 + d["triwulan"].fillna(5))
        hitung = hitung.assign(_u=hitung["periode"].map(urut)).sort_values("_u").drop(columns="_u")
    else:
        hitung = hitung.sort_values(["terlambat", menurut], ascending=[False, True])
    return hitung[kolom].reset_index(drop=True)
