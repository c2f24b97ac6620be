"""Monitoring and evaluation of an office's SOPs, as PermenPAN-RB 35/2012 asks of every SOP AP.

Every six months the office records, for each SOP in force, whether it runs well ("berjalan baik" / "tidak
berjalan baik"), its notes and the action to take (the form "Monitoring Pelaksanaan SOP AP"); at least once a year
it evaluates each SOP against seven Yes/No criteria (KRITERIA). Both are recorded by the Camat, the Sekretaris
Camat, the Kasubag Evapor or the Tim of the SOP's own office (PENILAI).

One record per SOP and period (the tables' unique constraints): recording again for the same SOP and semester
(or year) updates the record, with the values before and after in the audit log, rather than refusing — an office
corrects its notes, and the form it prints has one row per SOP. Saving the same answers again writes nothing.

As evidence the sheets show the period's cycle times of each SOP from models.sop.siklus: executions about the period
(a semester is its two quarters; executions about the whole year, with no quarter, count in the yearly evaluation
only), read with the office's work calendar.

Each write is audited in the caller's transaction (flush only; the caller commits).
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from models.sop.siklus import (
    StatistikLangkah,
    catatan,
    dengan_waktu,
    kalender_per_kantor,
    kunjungan,
    langkah_revisi,
    persen_dalam_baku,
    statistik_langkah,
)
from models.tables import EvaluasiSop, Kecamatan, MonitoringSop, Sop, SopRevisi, User, utcnow
from models.umum.audit import catat
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak
from models.umum.periode import awal_semester, label_semester
from models.umum.status import StatusEksekusi
from models.umum.tanggal import pastikan_sadar_zona, tanggal_panjang

PENILAI = frozenset({"camat", "sekcam", "kasubag_evapor", "tim"})
PESAN_PERAN = ("Monitoring dan evaluasi SOP dicatat oleh Camat, Sekretaris Camat, Kasubag Evapor atau Tim; peran "
               "Anda tidak dapat mencatatnya.")
PESAN_KANTOR = "SOP ini bukan SOP kecamatan Anda."
PANJANG_TEKS = 2000

# The seven Yes/No criteria of the yearly evaluation: (EvaluasiSop column, label as the office reads it).
KRITERIA: tuple[tuple[str, str], ...] = (
    ("mendorong_kinerja", "Mendorong kinerja"),
    ("mudah_dipahami", "Mudah dipahami"),
    ("mudah_dilaksanakan", "Mudah dilaksanakan"),
    ("semua_dapat_berperan", "Semua orang dapat menjalankan perannya"),
    ("mengatasi_permasalahan", "Mampu mengatasi permasalahan"),
    ("menjawab_kebutuhan", "Mampu menjawab kebutuhan peningkatan kinerja organisasi"),
    ("sinergi", "Sinergi satu dengan lainnya"),
)
KOLOM_KRITERIA = tuple(k for k, _ in KRITERIA)
SEMESTER_TRIWULAN = {1: (1, 2), 2: (3, 4)}




# ---------------------------------------------------------------- periods


# ---------------------------------------------------------------- checks


def _waktu(pada: datetime | None) -> datetime:
    return pastikan_sadar_zona(pada or utcnow()).astimezone(timezone.utc)


def _hari_ini(session: Session, kecamatan_id: int, t: datetime) -> date:
    kec = session.get(Kecamatan, kecamatan_id)
    return t.astimezone(ZoneInfo(kec.zona_waktu if kec else "Asia/Jakarta")).date()


def _tahun(tahun: object) -> int:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise Ditolak("Tahun tidak sah.")
    return tahun


def _semester(semester: object) -> int:
    if isinstance(semester, bool) or semester not in (1, 2):
        raise Ditolak("Semester harus 1 atau 2.")
    return int(semester)


def _teks(nilai: str | None, nama: str) -> str | None:
    bersih = (nilai or "").strip() or None
    if bersih is not None and len(bersih) > PANJANG_TEKS:
        raise Ditolak(f"{nama} paling panjang {PANJANG_TEKS:,} karakter.".replace(",", "."))
    return bersih


def _sop_penilai(session: Session, sop_id: int, oleh: User) -> Sop:
    """The SOP, when the user may assess it: an active user of one of PENILAI in the SOP's office, SOP in force."""
    if not oleh.aktif:
        raise Ditolak("Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan.")
    if oleh.role_kode not in PENILAI:
        raise Ditolak(PESAN_PERAN)
    sop = session.get(Sop, sop_id) if isinstance(sop_id, int) else None
    if sop is None or sop.kecamatan_id != oleh.kecamatan_id:
        raise Ditolak(PESAN_KANTOR)
    berlaku = session.exec(select(SopRevisi.id).where(SopRevisi.sop_id == sop.id)
                           .where(SopRevisi.berlaku == True)).first()  # noqa: E712
    if berlaku is None:
        raise Ditolak("SOP ini tidak lagi berlaku; yang dinilai hanya SOP yang berlaku.")
    return sop


def _isi(row: MonitoringSop | EvaluasiSop, kolom: tuple[str, ...]) -> dict:
    return {k: getattr(row, k) for k in kolom}


def _simpan_baru(session: Session, row, pesan_bentrok: str) -> None:
    """Insert; a second person saving the same SOP and period at the same moment is refused clearly instead of
    failing on the unique constraint. No savepoint: on SQLite (pysqlite) releasing a savepoint that opened the
    transaction commits it, which would take the row out of the caller's transaction. After this refusal the
    transaction is spoilt and the caller rolls it back, as session_scope does."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Ditolak(pesan_bentrok) from None


def _catat_atau_ubah(session: Session, row, model, *, aksi: str, sop: Sop, oleh: User, t: datetime, baru: dict,
                     periode: dict, pesan_bentrok: str):
    """The period's record of the SOP: created (audited "<aksi>.catat"), or corrected (audited "<aksi>.ubah" with
    before and after); identical answers write nothing."""
    kunci = {**periode, "sop": sop.id}
    if row is None:
        row = model(kecamatan_id=sop.kecamatan_id, sop_id=sop.id, penilai_id=oleh.id, dinilai_pada=t, **periode,
                    **baru)
        _simpan_baru(session, row, pesan_bentrok)
        catat(session, aksi=f"{aksi}.catat", oleh=oleh, objek=aksi, objek_id=row.id, kecamatan_id=sop.kecamatan_id,
              sesudah={**kunci, **baru, "pada": t.isoformat()})
    else:
        sebelum = _isi(row, tuple(baru))
        if sebelum == baru:
            return row
        sebelum |= {"penilai": row.penilai_id, "pada": row.dinilai_pada.isoformat()}
        for k, v in baru.items():
            setattr(row, k, v)
        row.penilai_id, row.dinilai_pada = oleh.id, t
        session.add(row)
        catat(session, aksi=f"{aksi}.ubah", oleh=oleh, objek=aksi, objek_id=row.id, kecamatan_id=sop.kecamatan_id,
              sebelum={**kunci, **sebelum}, sesudah={**kunci, **baru, "penilai": oleh.id, "pada": t.isoformat()})
    session.flush()
    return row


# ---------------------------------------------------------------- the six-monthly monitoring


def catat_monitoring(session: Session, *, sop_id: int, tahun: int, semester: int, berjalan_baik: bool,
                     catatan: str | None, tindakan: str | None, oleh: User,
                     pada: datetime | None = None) -> MonitoringSop:
    """Record (or correct) whether the SOP runs well in the semester, with notes and the action to take.

    A semester may be assessed once it has started (in the office's time zone at `pada`). When the SOP does not
    run well, the notes and the action are required. A second record for the same SOP and semester updates the
    first (audited "monitoring_sop.ubah" with before and after); the first is audited "monitoring_sop.catat".
    """
    tahun, semester = _tahun(tahun), _semester(semester)
    if not isinstance(berjalan_baik, bool):
        raise Ditolak("Pilih penilaian: berjalan baik atau tidak berjalan baik.")
    sop = _sop_penilai(session, sop_id, oleh)
    t = _waktu(pada)
    hari_ini = _hari_ini(session, sop.kecamatan_id, t)
    if awal_semester(tahun, semester) > hari_ini:
        raise Ditolak(
            f"{label_semester(tahun, semester)} belum dimulai (mulai {tanggal_panjang(awal_semester(tahun, semester))});"
            " monitoring hanya untuk semester yang sedang berjalan atau sudah lewat.")
    catatan_bersih, tindakan_bersih = _teks(catatan, "Catatan"), _teks(tindakan, "Tindakan")
    if not berjalan_baik:
        if catatan_bersih is None:
            raise Ditolak("Catatan wajib diisi bila SOP tidak berjalan baik: apa yang tidak berjalan?")
        if tindakan_bersih is None:
            raise Ditolak("Tindakan yang harus diambil wajib diisi bila SOP tidak berjalan baik.")
    baru = {"berjalan_baik": berjalan_baik, "catatan": catatan_bersih, "tindakan": tindakan_bersih}
    row = session.exec(select(MonitoringSop).where(MonitoringSop.sop_id == sop.id)
                       .where(MonitoringSop.tahun == tahun).where(MonitoringSop.semester == semester)).first()
    return _catat_atau_ubah(
        session, row, MonitoringSop, aksi="monitoring_sop", sop=sop, oleh=oleh, t=t, baru=baru,
        periode={"tahun": tahun, "semester": semester},
        pesan_bentrok=f"Monitoring SOP ini untuk {label_semester(tahun, semester)} baru saja dicatat oleh orang lain; "
                      "muat ulang halaman lalu periksa isinya.")


# ---------------------------------------------------------------- the yearly evaluation


def catat_evaluasi_sop(session: Session, *, sop_id: int, tahun: int, jawaban: Mapping[str, bool],
                       catatan: str | None, oleh: User, pada: datetime | None = None) -> EvaluasiSop:
    """Record (or correct) the year's evaluation of the SOP against the seven criteria of KRITERIA.

    All seven answers are required (True = Ya, False = Tidak); when any is Tidak the notes, saying what to
    improve, are required too. A year may be evaluated once it has started. A second record for the same SOP and
    year updates the first (audited "evaluasi_sop.ubah" with before and after; the first "evaluasi_sop.catat").
    """
    tahun = _tahun(tahun)
    jawaban = dict(jawaban or {})
    asing = sorted(k for k in jawaban if k not in KOLOM_KRITERIA)
    if asing:
        raise Ditolak(f"Kriteria tidak dikenal: {', '.join(asing)}.")
    kosong = [label for k, label in KRITERIA if not isinstance(jawaban.get(k), bool)]
    if len(kosong) == len(KRITERIA):
        raise Ditolak("Jawab ketujuh kriteria dengan Ya atau Tidak; belum ada yang dijawab.")
    if kosong:
        raise Ditolak(f"Jawab ketujuh kriteria dengan Ya atau Tidak; belum dijawab: {', '.join(kosong)}.")
    sop = _sop_penilai(session, sop_id, oleh)
    t = _waktu(pada)
    if tahun > _hari_ini(session, sop.kecamatan_id, t).year:
        raise Ditolak(f"Tahun {tahun} belum dimulai; evaluasi hanya untuk tahun yang sedang berjalan "
                                   "atau sudah lewat.")
    catatan_bersih = _teks(catatan, "Catatan")
    if catatan_bersih is None and not all(jawaban.values()):
        raise Ditolak("Catatan wajib diisi bila ada kriteria yang dijawab Tidak: apa yang perlu "
                                   "diperbaiki?")
    baru = {k: jawaban[k] for k in KOLOM_KRITERIA} | {"catatan": catatan_bersih}
    row = session.exec(select(EvaluasiSop).where(EvaluasiSop.sop_id == sop.id)
                       .where(EvaluasiSop.tahun == tahun)).first()
    return _catat_atau_ubah(
        session, row, EvaluasiSop, aksi="evaluasi_sop", sop=sop, oleh=oleh, t=t, baru=baru, periode={"tahun": tahun},
        pesan_bentrok=f"Evaluasi SOP ini untuk tahun {tahun} baru saja dicatat oleh orang lain; muat ulang halaman "
                      "lalu periksa isinya.")


def jawaban_dari(row: EvaluasiSop) -> dict[str, bool]:
    return {k: getattr(row, k) for k in KOLOM_KRITERIA}


# ---------------------------------------------------------------- evidence: cycle times of the period


@dataclass(frozen=True)
class BuktiSiklus:
    """An SOP's executions about a period, as models.sop.siklus reads them."""

    pelaksanaan: int  # executions about the period (cancelled ones aside)
    selesai: int  # of which finished
    median: float | None  # working minutes: median over finished executions of the sum of their step records
    dalam_baku: int  # finished step visits within their step's mutu baku
    kunjungan: int  # finished step visits
    hambatan: StatistikLangkah | None  # the step furthest over its mutu baku at the median, if any

    @property
    def persen_dalam_baku(self) -> float | None:
        """Share of finished step visits within mutu baku, in percent; None when no visit has finished."""
        return self.dalam_baku / self.kunjungan * 100 if self.kunjungan else None


BUKTI_KOSONG = BuktiSiklus(0, 0, None, 0, 0, None)


@dataclass(frozen=True)
class CatatanTahun:
    """An office's step records about one year, measured with its work calendar, and their visits, each with its
    SOP and the quarter its execution is about: read once, for both sheets of the page."""

    tahun: int
    eksekusi: pd.DataFrame  # per execution: status, total, sop_id, triwulan
    kunjungan: pd.DataFrame  # models.sop.siklus.kunjungan, plus sop_id and triwulan


def catatan_tahun(session: Session, *, kecamatan_id: int, tahun: int) -> CatatanTahun:
    """The office's step records about `tahun` (every execution about the year, the yearly ones included)."""
    df = catatan(session, kecamatan_ids=[kecamatan_id], tahun=tahun)
    if df.empty:
        return CatatanTahun(tahun, pd.DataFrame(columns=["status", "total", "sop_id", "triwulan"]),
                            kunjungan(df).assign(sop_id=None, triwulan=None))
    milik = dict(session.exec(select(SopRevisi.id, SopRevisi.sop_id)
                              .where(col(SopRevisi.id).in_([int(r) for r in df["revisi_id"].unique()]))).all())
    df["sop_id"] = df["revisi_id"].map(lambda r: milik.get(int(r)))
    df = dengan_waktu(df, kalender_per_kantor(session, [kecamatan_id]))
    v = kunjungan(df)
    eks = df.groupby("eksekusi_id").agg(status=("status", "first"), total=("total", "sum"),
                                        sop_id=("sop_id", "first"), triwulan=("triwulan", "first"))
    v["sop_id"] = v["eksekusi_id"].map(eks["sop_id"])
    v["triwulan"] = v["eksekusi_id"].map(eks["triwulan"])
    return CatatanTahun(tahun, eks, v)


def bukti_siklus(session: Session, *, kecamatan_id: int, tahun: int, triwulan: Collection[int] | None,
                 sop: Mapping[int, int], data: CatatanTahun | None = None) -> dict[int, BuktiSiklus]:
    """Per SOP (`sop`: sop_id -> id of its revision in force, whose steps are reported on): the cycle-time
    figures of the office's executions about `tahun` and, when given, one of the quarters `triwulan` (None: every
    execution about the year, the yearly ones without a quarter included). `data`, the year's records already
    read (catatan_tahun), saves reading them again; the figures come from the functions the Waktu Siklus page
    uses."""
    if data is None or data.tahun != tahun:
        data = catatan_tahun(session, kecamatan_id=kecamatan_id, tahun=tahun)
    semua_eks, v = data.eksekusi, data.kunjungan
    if triwulan is not None and not semua_eks.empty:
        semua_eks = semua_eks[semua_eks["triwulan"].isin(list(triwulan))]
        v = v[v["triwulan"].isin(list(triwulan))]
    hasil = {sop_id: BUKTI_KOSONG for sop_id in sop}
    if semua_eks.empty:
        return hasil
    langkah = langkah_revisi(session, sop.values())
    # Executions and visits split by SOP once (an office has a dozen SOPs; filtering per SOP cost most of the sheet).
    eks_per_sop, v_per_sop = semua_eks.groupby("sop_id").indices, v.groupby("sop_id").indices
    status, total = semua_eks["status"].to_numpy(), semua_eks["total"].to_numpy(dtype=float)
    for sop_id, rev_id in sop.items():
        if sop_id not in eks_per_sop:
            continue
        i = eks_per_sop[sop_id]
        selesai = total[i][status[i] == StatusEksekusi.SELESAI]
        vs = v.iloc[v_per_sop.get(sop_id, [])]
        dalam, n = persen_dalam_baku(vs)
        stat = statistik_langkah(vs, langkah.get(rev_id, []))
        hasil[sop_id] = BuktiSiklus(
            pelaksanaan=len(i), selesai=len(selesai),
            median=float(np.median(selesai)) if len(selesai) else None,
            dalam_baku=dalam, kunjungan=n, hambatan=next((x for x in stat if x.hambatan), None))
    return hasil


# ---------------------------------------------------------------- the sheets


@dataclass(frozen=True)
class BarisMonitoring:
    sop_id: int
    nama: str  # the name of the revision in force
    nomor: str | None
    monitoring: MonitoringSop | None  # None: not assessed yet this semester
    penilai: str | None  # the assessor's name
    bukti: BuktiSiklus


@dataclass(frozen=True)
class BarisEvaluasi:
    sop_id: int
    nama: str
    nomor: str | None
    evaluasi: EvaluasiSop | None  # None: not evaluated yet this year
    penilai: str | None
    bukti: BuktiSiklus


def sop_berlaku(session: Session, kecamatan_id: int) -> list[tuple[Sop, SopRevisi]]:
    """The office's SOPs with their revision in force, in the order they were adopted."""
    return list(session.exec(select(Sop, SopRevisi).join(SopRevisi, col(SopRevisi.sop_id) == Sop.id)
                             .where(Sop.kecamatan_id == kecamatan_id)
                             .where(SopRevisi.berlaku == True).order_by(col(Sop.id))).all())  # noqa: E712


def _nama_pengguna(session: Session, ids: set[int | None]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.exec(select(User.id, User.nama).where(col(User.id).in_(ids))).all())


def _nama_penilai(nama: dict[int, str], penilaian: MonitoringSop | EvaluasiSop | None) -> str | None:
    """The name of whoever assessed, when someone has."""
    if penilaian is None or penilaian.penilai_id is None:
        return None
    return nama.get(penilaian.penilai_id)


def lembar_monitoring(session: Session, *, kecamatan_id: int, tahun: int, semester: int,
                      data: CatatanTahun | None = None) -> list[BarisMonitoring]:
    """Every SOP in force of the office with its monitoring row of the semester (or None yet), and as evidence the
    cycle times of its executions about the semester's two quarters (from `data` when the year is read already)."""
    tahun, semester = _tahun(tahun), _semester(semester)
    sops = sop_berlaku(session, kecamatan_id)
    rows = {m.sop_id: m for m in session.exec(
        select(MonitoringSop).where(MonitoringSop.kecamatan_id == kecamatan_id)
        .where(MonitoringSop.tahun == tahun).where(MonitoringSop.semester == semester))}
    bukti = bukti_siklus(session, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=SEMESTER_TRIWULAN[semester],
                         sop={s.id: r.id for s, r in sops}, data=data)
    nama = _nama_pengguna(session, {m.penilai_id for m in rows.values()})
    return [BarisMonitoring(s.id, r.nama, r.nomor, rows.get(s.id), _nama_penilai(nama, rows.get(s.id)), bukti[s.id])
            for s, r in sops]


def lembar_evaluasi(session: Session, *, kecamatan_id: int, tahun: int,
                    data: CatatanTahun | None = None) -> list[BarisEvaluasi]:
    """Every SOP in force of the office with its evaluation of the year (or None yet), and as evidence the cycle
    times of all its executions about the year (from `data` when it is read already)."""
    tahun = _tahun(tahun)
    sops = sop_berlaku(session, kecamatan_id)
    rows = {e.sop_id: e for e in session.exec(
        select(EvaluasiSop).where(EvaluasiSop.kecamatan_id == kecamatan_id).where(EvaluasiSop.tahun == tahun))}
    bukti = bukti_siklus(session, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=None,
                         sop={s.id: r.id for s, r in sops}, data=data)
    nama = _nama_pengguna(session, {e.penilai_id for e in rows.values()})
    return [BarisEvaluasi(s.id, r.nama, r.nomor, rows.get(s.id), _nama_penilai(nama, rows.get(s.id)), bukti[s.id])
            for s, r in sops]


@dataclass(frozen=True)
class RingkasanKantor:
    kecamatan_id: int
    kecamatan: str
    sop: int  # SOPs in force
    dimonitor: int  # of which assessed this semester
    tidak_baik: int  # of which not running well
    dievaluasi: int  # of which evaluated this year
    ada_tidak: int  # evaluations with at least one criterion answered Tidak


def ringkasan_kantor(session: Session, *, kecamatan_ids: list[int], tahun: int,
                     semester: int) -> list[RingkasanKantor]:
    """Per office (for a kabupaten comparing its offices), by name: how far the semester's monitoring and the
    year's evaluation have got."""
    if not kecamatan_ids:
        return []
    nama = dict(session.exec(select(Kecamatan.id, Kecamatan.nama).where(col(Kecamatan.id).in_(kecamatan_ids))).all())
    berlaku = (select(Sop.id).join(SopRevisi, col(SopRevisi.sop_id) == Sop.id)
               .where(SopRevisi.berlaku == True))  # noqa: E712
    n_sop = dict(session.exec(select(Sop.kecamatan_id, func.count(col(Sop.id))).where(col(Sop.id).in_(berlaku))
                              .where(col(Sop.kecamatan_id).in_(kecamatan_ids)).group_by(col(Sop.kecamatan_id))).all())
    mon: dict[int, list[bool]] = {}
    for kec, baik in session.exec(select(MonitoringSop.kecamatan_id, MonitoringSop.berjalan_baik)
                                  .where(col(MonitoringSop.kecamatan_id).in_(kecamatan_ids))
                                  .where(MonitoringSop.tahun == tahun).where(MonitoringSop.semester == semester)
                                  .where(col(MonitoringSop.sop_id).in_(berlaku))):
        mon.setdefault(kec, []).append(baik)
    ev: dict[int, list[bool]] = {}
    for e in session.exec(select(EvaluasiSop).where(col(EvaluasiSop.kecamatan_id).in_(kecamatan_ids))
                          .where(EvaluasiSop.tahun == tahun).where(col(EvaluasiSop.sop_id).in_(berlaku))):
        ev.setdefault(e.kecamatan_id, []).append(all(jawaban_dari(e).values()))
    return [RingkasanKantor(k, nama[k], n_sop.get(k, 0), len(mon.get(k, [])),
                            sum(1 for b in mon.get(k, []) if not b), len(ev.get(k, [])),
                            sum(1 for b in ev.get(k, []) if not b))
            for k in sorted(nama, key=lambda k: nama[k])]


@dataclass(frozen=True)
class Penandatangan:
    """Who signs a printed sheet: the office's Camat as their account says (NIP printed in its groups)."""

    nama: str
    nip: str | None


def camat_kantor(session: Session, kecamatan_id: int) -> Penandatangan | None:
    """The office's Camat (its active user in that role), for the signature of the printed sheets."""
    u = session.exec(select(User).where(User.kecamatan_id == kecamatan_id).where(User.role_kode == "camat")
                     .where(User.aktif == True).order_by(col(User.id))).first()  # noqa: E712
    if u is None:
        return None
    return Penandatangan(u.nama, format_nip(u.nip))


def _dinilai_terakhir(rows: list) -> datetime | None:
    waktu = [r.dinilai_pada for r in rows if r is not None]
    return max(waktu) if waktu else None


def tanggal_lembar(session: Session, kecamatan_id: int, rows: list) -> date | None:
    """The date a printed sheet carries: that of its latest assessment, in the office's time zone (None: none)."""
    t = _dinilai_terakhir(rows)
    if t is None:
        return None
    return _hari_ini(session, kecamatan_id, t)

