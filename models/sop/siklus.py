"""Cycle time of SOP steps against mutu baku, read from the step records of executions.

A step's *visit* is one pass of the work through it: the consecutive records of that step in one execution (a step
with two pelaksana, e.g. Sekretaris then Camat, has two records per visit). A return sends the work back, so the
step is visited again: every visit after the first is rework. A visit's time is working time from the moment the
first pelaksana received it until the last one completed it, measured by the office's work calendar; the part
before a pelaksana marked the step as started is waiting, the rest is processing (a record never marked as started
counts as processing only).

Executions are selected by the period they are about (the quarter whose figures, evaluation… they carry), not by
when the work happened.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import String, cast
from sqlmodel import Session, col, select

from models.db import pilih
from models.sop.nomor import nomor_langkah
from models.tables import CatatanLangkah, Eksekusi, Kecamatan, Sop, SopLangkah, SopRevisi, utcnow
from models.umum.hari_libur import kalender_kantor
from models.umum.kalender import KalenderKerja
from models.umum.status import KeadaanLangkah, StatusEksekusi

KOLOM = ["catatan_id", "eksekusi_id", "langkah_id", "percobaan", "role_kode", "diterima_pada", "dimulai_pada",
         "selesai_pada", "hasil", "pelaku_id", "urutan", "no", "kegiatan", "waktu_menit", "keputusan", "kembali_ke",
         "kecamatan_id", "tahun", "triwulan", "status", "judul", "revisi_id"]


def kalender_per_kantor(session: Session, kecamatan_ids: Iterable[int]) -> dict[int, KalenderKerja]:
    """One calendar per office; offices in the same time zone share one (holidays are national)."""
    zona = dict(session.exec(select(Kecamatan.id, Kecamatan.zona_waktu)
                             .where(col(Kecamatan.id).in_(list(kecamatan_ids)))).all())
    per_zona: dict[str, KalenderKerja] = {}
    hasil = {}
    for kec_id, z in zona.items():
        if z not in per_zona:
            per_zona[z] = kalender_kantor(session, kec_id)
        hasil[kec_id] = per_zona[z]
    return hasil


def _teks(kolom):
    """A time column read as its ISO text: pandas parses a thousand of those at once far faster than the driver
    builds datetime objects one by one. The text carries its offset (PostgreSQL) or is UTC (SQLite)."""
    return cast(kolom, String)


def catatan(session: Session, *, kecamatan_ids: list[int] | None, sop_kunci: str | None = None,
            tahun: int | None = None, triwulan: int | None = None, eksekusi_id: int | None = None) -> pd.DataFrame:
    """Step records of executions in scope, one row each, with the step's standard and the execution's period."""
    q = (pilih(CatatanLangkah.id, CatatanLangkah.eksekusi_id, CatatanLangkah.langkah_id, CatatanLangkah.percobaan,
               CatatanLangkah.role_kode, _teks(CatatanLangkah.diterima_pada), _teks(CatatanLangkah.dimulai_pada),
               _teks(CatatanLangkah.selesai_pada), CatatanLangkah.hasil, CatatanLangkah.pelaku_id, SopLangkah.urutan,
               SopLangkah.no, SopLangkah.kegiatan, SopLangkah.waktu_menit, SopLangkah.keputusan,
               SopLangkah.kembali_ke_urutan, Eksekusi.kecamatan_id, Eksekusi.tahun, Eksekusi.triwulan, Eksekusi.status,
               Eksekusi.judul, Eksekusi.revisi_id)
         .join(Eksekusi, col(Eksekusi.id) == CatatanLangkah.eksekusi_id)
         .join(SopLangkah, col(SopLangkah.id) == CatatanLangkah.langkah_id)
         .where(Eksekusi.status != StatusEksekusi.DIBATALKAN))
    if kecamatan_ids is not None:
        q = q.where(col(Eksekusi.kecamatan_id).in_(kecamatan_ids))
    if sop_kunci is not None:
        q = (q.join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id).join(Sop, col(Sop.id) == SopRevisi.sop_id)
             .where(Sop.kunci == sop_kunci))
    if tahun is not None:
        q = q.where(Eksekusi.tahun == tahun)
    if triwulan is not None:
        q = q.where(Eksekusi.triwulan == triwulan)
    if eksekusi_id is not None:
        q = q.where(Eksekusi.id == eksekusi_id)
    df = pd.DataFrame(session.exec(q).all(), columns=KOLOM)
    for k in ("diterima_pada", "dimulai_pada", "selesai_pada"):
        df[k] = pd.to_datetime(df[k], utc=True, format="ISO8601").astype("datetime64[us, UTC]")
    df["no"] = df["no"].map(nomor_langkah)  # "3." as the table printed it is step 3 on every chart and list
    return df.sort_values(["eksekusi_id", "diterima_pada", "catatan_id"], kind="stable").reset_index(drop=True)


def _menit(df: pd.DataFrame, kalender: dict[int, KalenderKerja], awal: str, akhir: str) -> np.ndarray:
    """Working minutes between two time columns, one vectorised call per calendar (offices share them)."""
    hasil = np.full(len(df), np.nan)
    per_kalender: dict[int, tuple[KalenderKerja, list[int]]] = {}
    for kec_id in df["kecamatan_id"].unique():
        kal = kalender[int(kec_id)]
        per_kalender.setdefault(id(kal), (kal, []))[1].append(int(kec_id))
    for kal, kantor in per_kalender.values():
        pilih = df["kecamatan_id"].isin(kantor).to_numpy()
        hasil[pilih] = kal.working_minutes_many(df[awal][pilih], df[akhir][pilih])
    return hasil


def dengan_waktu(df: pd.DataFrame, kalender: dict[int, KalenderKerja]) -> pd.DataFrame:
    """Add each record's working minutes: total (received→completed), tunggu (received→started), proses."""
    df = df.copy()
    df["_mulai"] = df["dimulai_pada"].fillna(df["diterima_pada"])
    df["total"] = _menit(df, kalender, "diterima_pada", "selesai_pada")
    df["tunggu"] = _menit(df, kalender, "diterima_pada", "_mulai")
    df["proses"] = df["total"] - df["tunggu"]
    return df.drop(columns="_mulai")


KOLOM_KUNJUNGAN = ["eksekusi_id", "kecamatan_id", "urutan", "no", "kegiatan", "waktu_menit", "ke", "diterima_pada",
                   "selesai_pada", "total", "tunggu", "proses", "selesai", "hasil"]


def kunjungan(df: pd.DataFrame) -> pd.DataFrame:
    """Group records into visits: consecutive records of one step in one execution.

    Columns: eksekusi_id, kecamatan_id, urutan, no, kegiatan, waktu_menit, ke (1 = first visit, 2+ = rework),
    diterima_pada, selesai_pada (NaT while open), total, tunggu, proses, selesai (all records closed), hasil (last).
    """
    if df.empty:
        return pd.DataFrame(columns=KOLOM_KUNJUNGAN)
    eks, urut = df["eksekusi_id"].to_numpy(), df["urutan"].to_numpy()
    baru = np.ones(len(df), dtype=bool)
    baru[1:] = (eks[1:] != eks[:-1]) | (urut[1:] != urut[:-1])
    kunci = np.cumsum(baru)
    awal = np.flatnonzero(baru)
    akhir = np.append(awal[1:], len(df)) - 1
    terbuka = np.add.reduceat(df["selesai_pada"].isna().to_numpy().astype(int), awal) > 0
    v = df.iloc[awal][["eksekusi_id", "kecamatan_id", "urutan", "no", "kegiatan", "waktu_menit",
                       "diterima_pada"]].reset_index(drop=True)
    v["selesai_pada"] = df["selesai_pada"].to_numpy()[akhir]
    v["hasil"] = df["hasil"].to_numpy()[akhir]
    for kolom in ("total", "tunggu", "proses"):
        v[kolom] = np.bincount(kunci - 1, weights=np.nan_to_num(df[kolom].to_numpy(dtype=float)))
    v["selesai"] = ~terbuka
    v["ke"] = v.groupby(["eksekusi_id", "urutan"]).cumcount() + 1
    return v[KOLOM_KUNJUNGAN]


@dataclass(frozen=True)
class StatistikLangkah:
    urutan: int
    no: str
    kegiatan: str
    mutu_baku: int  # working minutes
    n: int  # finished visits
    median: float | None
    p80: float | None
    dalam_baku: float | None  # share of finished visits within mutu baku, 0..1
    tunggu: float | None  # median waiting minutes
    proses: float | None  # median processing minutes
    rework: int  # visits after the first
    hambatan: bool = False  # the bottleneck: furthest over mutu baku at the median


def _median(x: np.ndarray) -> float | None:
    return _median_urut(_urut(x))


def _urut(x: np.ndarray) -> list[float]:
    """The values that are not NaN, sorted (plain Python: a step has tens of visits, where numpy's per-call cost
    outweighs the work)."""
    return sorted(v for v in x.tolist() if v == v)


def _median_urut(u: list[float]) -> float | None:
    n = len(u)
    if not n:
        return None
    return float(u[n // 2]) if n % 2 else (u[n // 2 - 1] + u[n // 2]) / 2


def _kuantil_urut(u: list[float], q: float) -> float:
    """numpy's default (linear) quantile of sorted values, computed the same way.

    >>> _kuantil_urut([10.0, 20.0, 30.0, 40.0, 50.0], 0.8), _kuantil_urut([1.0, 2.0], 0.8)
    (42.0, 1.8)
    """
    k = (len(u) - 1) * q
    lo = int(k)
    a, b, frac = u[lo], u[min(lo + 1, len(u) - 1)], k - lo
    return b - (b - a) * (1 - frac) if frac >= 0.5 else a + (b - a) * frac


def statistik_langkah(v: pd.DataFrame, langkah: list[SopLangkah]) -> list[StatistikLangkah]:
    """Per step of the SOP: median and 80th percentile (linear interpolation) of the visits' working time, the
    share within mutu baku, waiting and processing medians, rework; the bottleneck is the step whose median is
    furthest over its mutu baku (none when every median is within). The visits are split by step once and each
    step's figures taken from plain arrays (a monitoring sheet asks this for every SOP of the office)."""
    posisi = v.groupby("urutan", sort=False).indices if not v.empty else {}
    kolom = {k: v[k].to_numpy(dtype=float) for k in ("total", "tunggu", "proses", "ke")} if not v.empty else {}
    selesai = v["selesai"].to_numpy(dtype=bool) if not v.empty else np.array([], dtype=bool)
    hasil = []
    for lk in langkah:
        i = posisi.get(lk.urutan, np.array([], dtype=int))
        pilih = i[selesai[i]] if len(i) else i
        n = len(pilih)
        t = kolom["total"][pilih] if n else np.array([])
        t_urut = _urut(t)
        hasil.append(StatistikLangkah(
            urutan=lk.urutan, no=nomor_langkah(lk.no), kegiatan=lk.kegiatan, mutu_baku=lk.waktu_menit, n=n,
            median=_median_urut(t_urut) if n else None,
            p80=_kuantil_urut(t_urut, 0.8) if t_urut else (float("nan") if n else None),
            # A mutu baku of 0 sets no standard time: nothing to be within or over.
            dalam_baku=float((t <= lk.waktu_menit).mean()) if n and lk.waktu_menit > 0 else None,
            tunggu=_median(kolom["tunggu"][pilih]) if n else None, proses=_median(kolom["proses"][pilih]) if n else None,
            rework=int((kolom["ke"][i] > 1).sum()) if len(i) else 0))
    lebih = [(s.median - s.mutu_baku, i) for i, s in enumerate(hasil) if s.median is not None and s.mutu_baku > 0]
    if lebih and max(lebih)[0] > 0:
        i = max(lebih)[1]
        s = hasil[i]
        hasil[i] = StatistikLangkah(**{**s.__dict__, "hambatan": True})
    return hasil


def persen_dalam_baku(v: pd.DataFrame) -> tuple[int, int]:
    """(finished visits within their step's mutu baku, finished visits); steps without a standard time (mutu baku 0)
    count in neither."""
    if v.empty:
        return 0, 0
    baku = v["waktu_menit"].to_numpy(dtype=float)
    done = v["selesai"].to_numpy(dtype=bool) & (baku > 0)
    return int((v["total"].to_numpy(dtype=float)[done] <= baku[done]).sum()), int(done.sum())


@dataclass(frozen=True)
class Penyimpangan:
    eksekusi_id: int
    judul: str
    jenis: str  # "dilewati" | "tidak berurutan"
    keterangan: str


def penyimpangan(df: pd.DataFrame, langkah_per_revisi: dict[int, list[SopLangkah]]) -> list[Penyimpangan]:
    """Steps skipped in finished executions, and visits out of the SOP's order (a return to the step the SOP names
    is in order; so is the next step, or staying on a step with several pelaksana)."""
    hasil: list[Penyimpangan] = []
    if df.empty:
        return hasil
    kolom = ["eksekusi_id", "revisi_id", "judul", "urutan", "no", "hasil", "kembali_ke", "status"]
    baris = list(zip(*(df[k].tolist() for k in kolom)))
    urut_rev = {rev: sorted(lk.urutan for lk in langkah) for rev, langkah in langkah_per_revisi.items()}
    i = 0
    while i < len(baris):
        j = i
        while j < len(baris) and baris[j][0] == baris[i][0]:
            j += 1
        eks_id, rev, judul, *_ = baris[i]
        urut = urut_rev.get(rev, [])
        sebelum = None
        for rec in baris[i:j]:
            u, no = rec[3], rec[4]
            if sebelum is None:
                if urut and u != urut[0]:
                    hasil.append(Penyimpangan(int(eks_id), judul, "tidak berurutan", f"dimulai dari langkah {nomor_langkah(no)}"))
            else:
                boleh = {sebelum[3], _berikut(urut, sebelum[3])}
                if sebelum[5] == KeadaanLangkah.DIKEMBALIKAN and sebelum[6] == sebelum[6] and sebelum[6]:
                    boleh = {int(sebelum[6])}
                if u not in boleh:
                    hasil.append(Penyimpangan(int(eks_id), judul, "tidak berurutan",
                                              f"langkah {nomor_langkah(no)} dikerjakan setelah langkah {nomor_langkah(sebelum[4])}"))
            sebelum = rec
        if baris[i][7] == StatusEksekusi.SELESAI:
            ada = {rec[3] for rec in baris[i:j]}
            hasil.extend(Penyimpangan(int(eks_id), judul, "dilewati", f"langkah {nomor_langkah(lk.no)}: {lk.kegiatan}")
                         for lk in langkah_per_revisi.get(rev, []) if lk.urutan not in ada)
        i = j
    return hasil


def _berikut(urut: list[int], u: int) -> int | None:
    lebih = [x for x in urut if x > u]
    return lebih[0] if lebih else None


def langkah_revisi(session: Session, revisi_ids: Iterable[int]) -> dict[int, list[SopLangkah]]:
    hasil: dict[int, list[SopLangkah]] = {}
    ids = list(set(int(r) for r in revisi_ids))
    if not ids:
        return hasil
    q = select(SopLangkah).where(col(SopLangkah.revisi_id).in_(ids)).order_by(col(SopLangkah.urutan))
    for lk in session.exec(q):
        hasil.setdefault(lk.revisi_id, []).append(lk)
    return hasil


@dataclass(frozen=True)
class AnalisisSiklus:
    langkah: list[StatistikLangkah]
    kunjungan: pd.DataFrame
    catatan: pd.DataFrame
    penyimpangan: list[Penyimpangan]
    eksekusi: pd.DataFrame  # one row per execution: id, kecamatan_id, judul, status, dimulai, selesai, total


def analisis(session: Session, *, kecamatan_ids: list[int] | None, sop_kunci: str, tahun: int,
             triwulan: int | None = None) -> AnalisisSiklus:
    """Everything the Waktu Siklus page shows for one SOP (by name key) over the offices and period in scope."""
    df = catatan(session, kecamatan_ids=kecamatan_ids, sop_kunci=sop_kunci, tahun=tahun, triwulan=triwulan)
    kal = kalender_per_kantor(session, set(df["kecamatan_id"])) if not df.empty else {}
    df = dengan_waktu(df, kal) if not df.empty else df.assign(total=[], tunggu=[], proses=[])
    v = kunjungan(df)
    per_rev = langkah_revisi(session, df["revisi_id"].unique()) if not df.empty else {}
    acuan = _langkah_acuan(session, sop_kunci, kecamatan_ids, per_rev)
    eks = _per_eksekusi(df)
    return AnalisisSiklus(statistik_langkah(v, acuan), v, df, penyimpangan(df, per_rev), eks)


def _langkah_acuan(session: Session, sop_kunci: str, kecamatan_ids: list[int] | None,
                   per_rev: dict[int, list[SopLangkah]]) -> list[SopLangkah]:
    """The steps to report on: those of the revision in force of the first office in scope that has the SOP."""
    q = (select(SopRevisi.id).join(Sop, col(Sop.id) == SopRevisi.sop_id).where(Sop.kunci == sop_kunci)
         .where(SopRevisi.berlaku == True).order_by(col(Sop.kecamatan_id)))  # noqa: E712
    if kecamatan_ids is not None:
        q = q.where(col(Sop.kecamatan_id).in_(kecamatan_ids))
    rev = session.exec(q).first()
    if rev is None:
        return next(iter(per_rev.values()), [])
    return per_rev.get(rev) or langkah_revisi(session, [rev]).get(rev, [])


def _per_eksekusi(df: pd.DataFrame) -> pd.DataFrame:
    kolom = ["eksekusi_id", "kecamatan_id", "judul", "tahun", "triwulan", "status", "dimulai", "selesai", "total"]
    if df.empty:
        return pd.DataFrame(columns=kolom)
    g = df.groupby("eksekusi_id", sort=False)
    e = g.agg(kecamatan_id=("kecamatan_id", "first"), judul=("judul", "first"), tahun=("tahun", "first"),
              triwulan=("triwulan", "first"), status=("status", "first"), dimulai=("diterima_pada", "min"),
              selesai=("selesai_pada", "max"), total=("total", "sum")).reset_index()
    return e[kolom]


CATATAN_WAKTU_KERJA = ("Waktu di luar jam kerja kantor dan pada hari tidak kerja (akhir pekan, hari libur nasional, "
                       "cuti bersama) dihitung 0 menit kerja.")


def di_luar_jam_kerja(df: pd.DataFrame) -> bool:
    """Whether a timeline (garis_waktu) spans no working time at all: the whole run lay outside office hours (a
    Sunday, a holiday), so on the working-time axis every step has length 0."""
    return not df.empty and float(df["posisi_selesai"].max()) == 0


def garis_waktu(session: Session, eksekusi_id: int, sekarang: datetime | None = None) -> pd.DataFrame:
    """The records of one execution in order, with working minutes and their positions on the execution's
    working-time axis (minutes since it started; an open record runs to `sekarang`), and on the calendar
    (`kalender_terima`, `kalender_mulai`, `kalender_selesai`: clock minutes since it started), for a run that lay
    outside working time."""
    df = catatan(session, kecamatan_ids=None, eksekusi_id=eksekusi_id)
    if df.empty:
        return df
    kal = kalender_per_kantor(session, set(df["kecamatan_id"]))[int(df["kecamatan_id"].iloc[0])]
    df = dengan_waktu(df, {int(df["kecamatan_id"].iloc[0]): kal})
    awal = df["diterima_pada"].min()
    akhir = df["selesai_pada"].fillna(pd.Timestamp(sekarang or utcnow()))
    n = len(df)
    df["posisi_terima"] = kal.working_minutes_many([awal] * n, list(df["diterima_pada"]))
    df["posisi_mulai"] = kal.working_minutes_many([awal] * n, list(df["dimulai_pada"].fillna(df["diterima_pada"])))
    df["posisi_selesai"] = kal.working_minutes_many([awal] * n, list(akhir))
    for kolom, waktu in (("kalender_terima", df["diterima_pada"]),
                         ("kalender_mulai", df["dimulai_pada"].fillna(df["diterima_pada"])),
                         ("kalender_selesai", akhir)):
        df[kolom] = (waktu - awal).dt.total_seconds() / 60
    return df


def dalam_baku_per_kantor(session: Session, *, kecamatan_ids: list[int], tahun: int,
                          triwulan: int | None) -> dict[int, tuple[int, int]]:
    """Per office: (finished step visits within mutu baku, finished step visits) of every SOP execution about
    the quarter; with no quarter (None or 0, the whole year), of every execution about the year, the yearly work
    (Renja, LKj: no quarter) among them."""
    df = catatan(session, kecamatan_ids=kecamatan_ids, tahun=tahun, triwulan=triwulan or None)
    hasil = {k: (0, 0) for k in kecamatan_ids}
    if df.empty:
        return hasil
    v = kunjungan(dengan_waktu(df, kalender_per_kantor(session, set(df["kecamatan_id"]))))
    done = v[v["selesai"] & (v["waktu_menit"] > 0)]  # as persen_dalam_baku: no standard, nothing to be within
    dalam = (done["total"] <= done["waktu_menit"]).groupby(done["kecamatan_id"]).agg(["sum", "count"])
    for kec_id, r in dalam.iterrows():
        hasil[int(kec_id)] = (int(r["sum"]), int(r["count"]))
    return hasil
