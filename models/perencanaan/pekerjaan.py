"""Pekerjaan SOP: any SOP in force started about a document of a period ("Renja 2027", "Laporan Kinerja 2026",
"Renstra 2025–2029", "Pengukuran Kinerja triwulan III 2026") and carried by the one state machine.

Started by the role that does the SOP's first step, or by the Camat. One running execution per SOP and period: a
second is refused, naming the one running; a quarter's obligation (Pengukuran, Pemantauan, Evaluasi) is refused
before its quarter ends; a period whose run already finished starts again only when the person confirms a redo,
which the audit records. The Camat may cancel a running one with a reason. Each function writes
inside the caller's transaction, with its audit row.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, update
from sqlmodel import Session, col, func, select

from models.perencanaan.kalender_sakip import (
    PERJANJIAN_KINERJA,
    Kewajiban,
    jadwal_kabupaten,
    jadwal_sop,
    periksa_periode,
    tanggal_lokal,
)
from models.sop.alur import (
    PEMBATAL,
    batalkan_eksekusi,
    catatan_terbuka,
    milik_peran,
    mulai,
    urutan_pelaksana,
)
from models.sop.dokumen import kunci_nama
from models.sop.monitoring import sop_berlaku
from models.tables import CatatanLangkah, Eksekusi, Kecamatan, Sop, SopLangkah, SopRevisi, User
from models.umum import periode
from models.umum.audit import catat
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI, akhir_triwulan
from models.umum.status import JenisKerja, KeadaanLangkah, StatusEksekusi
from models.umum.tanggal import tanggal_panjang

JENIS = JenisKerja.DOKUMEN
# The kinds of work listed and cancelled here: documents, and the Perjanjian Kinerja (started through
# models.perencanaan.perjanjian_kinerja.mulai_sop, whose subject is the PK).
JENIS_PEKERJAAN = (JenisKerja.DOKUMEN, JenisKerja.PERJANJIAN_KINERJA)




def label_periode_pekerjaan(tahun: int, triwulan: int | None) -> str:
    """The period of a piece of work as the office writes it.

    >>> label_periode_pekerjaan(2026, None), label_periode_pekerjaan(2026, 3)
    ('tahun 2026', 'triwulan III 2026')
    """
    return f"tahun {tahun}" if triwulan is None else f"triwulan {ROMAWI[triwulan]} {tahun}"


def revisi_berlaku(session: Session, sop_id: int) -> SopRevisi | None:
    return session.exec(select(SopRevisi).where(SopRevisi.sop_id == sop_id)
                        .where(SopRevisi.berlaku == True)).first()  # noqa: E712


def sop_kewajiban(session: Session, kecamatan_id: int, kewajiban: str) -> Sop | None:
    """The office's SOP (with a revision in force) that its kabupaten's SAKIP calendar names for an obligation
    (the Perjanjian Kinerja, the Laporan Kinerja); None when the calendar names none or the office has no such SOP."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        return None
    j = next((j for j in jadwal_kabupaten(session, kec.kabupaten_id) if j.kewajiban == kewajiban), None)
    if j is None or not j.sop_nama:
        return None
    sop = session.exec(select(Sop).where(Sop.kecamatan_id == kecamatan_id)
                       .where(Sop.kunci == kunci_nama(j.sop_nama)).order_by(col(Sop.id))).first()
    return sop if sop is not None and revisi_berlaku(session, sop.id) is not None else None


def boleh_memulai(session: Session, user: User, sop: Sop) -> bool:
    """The Camat of the SOP's office, or a user of that office whose role does the SOP's first step."""
    if not user.aktif or user.kecamatan_id != sop.kecamatan_id:
        return False
    if user.role_kode in PEMBATAL:
        return True
    rev = revisi_berlaku(session, sop.id)
    return rev is not None and _pemula(session, rev.id) == user.role_kode


def _pemula(session: Session, revisi_id: int) -> str | None:
    """The role of a revision's first step, or None when a step has no pelaksana (it cannot run)."""
    try:
        return urutan_pelaksana(session, revisi_id)[0].role_kode
    except Ditolak:
        return None


def berjalan(session: Session, *, sop_id: int, tahun: int, triwulan: int | None) -> Eksekusi | None:
    """The running execution of an SOP (any of its revisions) for a period, if there is one."""
    q = (select(Eksekusi).join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id).where(SopRevisi.sop_id == sop_id)
         .where(Eksekusi.status == StatusEksekusi.BERJALAN).where(Eksekusi.tahun == tahun))
    q = q.where(Eksekusi.triwulan == None) if triwulan is None else q.where(Eksekusi.triwulan == triwulan)  # noqa: E711
    return session.exec(q).first()


def selesai_terakhir(session: Session, *, sop_id: int, tahun: int, triwulan: int | None) -> Eksekusi | None:
    """The latest finished execution of an SOP (any of its revisions) for a period, if there is one."""
    q = (select(Eksekusi).join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id).where(SopRevisi.sop_id == sop_id)
         .where(Eksekusi.status == StatusEksekusi.SELESAI).where(Eksekusi.tahun == tahun))
    q = q.where(Eksekusi.triwulan == None) if triwulan is None else q.where(Eksekusi.triwulan == triwulan)  # noqa: E711
    return session.exec(q.order_by(col(Eksekusi.selesai_pada).desc(), col(Eksekusi.id).desc())).first()


@dataclass(frozen=True)
class Kesiapan:
    """Whether an SOP may be started for a period now: `tolak` says why not; `selesai` is a run of the same SOP and
    period that already ended, which a start repeats only when the person confirms it (a Renja Perubahan, a
    Pengukuran written again after a corrected figure); `pesan_selesai` says so."""

    tolak: str | None
    selesai: Eksekusi | None = None
    pesan_selesai: str | None = None


def _hari(pada: datetime | None, zona: str) -> date:
    """The office's day of a start: that of `pada` (a record typed in after the fact), else today."""
    return tanggal_lokal(pada, zona) if pada is not None else periode.hari_ini()


def terlalu_dini(nama: str, tahun: int, triwulan: int, hari: date) -> str | None:
    """Why a quarter's work (measuring, monitoring, evaluating the quarter) cannot start on `hari`: the quarter has
    not ended yet; None once it has.

    >>> terlalu_dini("Pengukuran Kinerja", 2026, 4, date(2026, 12, 6))
    'Pengukuran Kinerja triwulan IV 2026 baru dapat dimulai setelah triwulan itu berakhir pada 31 Desember 2026, yaitu mulai 1 Januari 2027.'
    >>> terlalu_dini("Pengukuran Kinerja", 2026, 3, date(2026, 10, 1)) is None
    True
    """
    akhir = akhir_triwulan(tahun, triwulan)
    if hari > akhir:
        return None
    return (f"{nama} {label_periode_pekerjaan(tahun, triwulan)} baru dapat dimulai setelah triwulan itu berakhir "
            f"pada {tanggal_panjang(akhir)}, yaitu mulai {tanggal_panjang(akhir + timedelta(days=1))}.")


def kesiapan(session: Session, sop: Sop, *, tahun: int, triwulan: int | None,
             pada: datetime | None = None) -> Kesiapan:
    """What stands in the way of starting `sop` for the period, as the page shows it before the click and the
    start enforces it: a period that does not fit the SAKIP calendar's cycle, a quarter not yet ended (quarterly
    obligations measure a quarter that is over), a run of the same period still going; and a finished one."""
    jadwal = jadwal_sop(session, sop)  # the SAKIP calendar's cycle decides which periods fit
    if jadwal is not None and (salah := periksa_periode(jadwal, tahun, triwulan)):
        return Kesiapan(salah)
    if jadwal is not None and jadwal.kewajiban == PERJANJIAN_KINERJA:  # its run is about the PK itself
        return Kesiapan(f"{sop.nama} dimulai untuk Perjanjian Kinerja Camat tahun itu, dari halaman Perjanjian "
                        "Kinerja.")
    kec = session.get(Kecamatan, sop.kecamatan_id)
    assert kec is not None  # the SOP's office (foreign key)
    if jadwal is not None and jadwal.siklus == "triwulan" and triwulan is not None and (
            dini := terlalu_dini(jadwal.nama, tahun, triwulan, _hari(pada, kec.zona_waktu))):
        return Kesiapan(dini)
    ada = berjalan(session, sop_id=sop.id, tahun=tahun, triwulan=triwulan)
    if ada is not None:
        return Kesiapan(f"{sop.nama} untuk {label_periode_pekerjaan(tahun, triwulan)} sudah berjalan "
                        f"(\"{ada.judul}\"); selesaikan atau minta Camat membatalkannya lebih dulu.")
    selesai = selesai_terakhir(session, sop_id=sop.id, tahun=tahun, triwulan=triwulan)
    if selesai is None:
        return Kesiapan(None)
    kapan = tanggal_panjang(tanggal_lokal(selesai.selesai_pada or selesai.dimulai_pada, kec.zona_waktu))
    return Kesiapan(None, selesai, f"{sop.nama} untuk {label_periode_pekerjaan(tahun, triwulan)} sudah selesai "
                                   f"(\"{selesai.judul}\", selesai {kapan}). Mulai lagi hanya bila memang dikerjakan "
                                   "ulang (mis. perubahan dokumen): centang \"Kerjakan ulang\" lalu klik Mulai.")


def mulai_pekerjaan(session: Session, *, sop_id: int, judul: str, tahun: int, triwulan: int | None, oleh: User,
                    pada: datetime | None = None, demo: bool = False, ulang: bool = False) -> Eksekusi:
    """Start the SOP in force about `judul` for the year (and quarter); its first pelaksana receives it at once.
    A period whose run already finished starts again only with `ulang` (the person confirmed a redo)."""
    sop = session.get(Sop, sop_id)
    if sop is None:
        raise Ditolak("SOP tidak ditemukan.", aksi="pekerjaan.mulai")
    try:
        return _mulai(session, sop, judul=judul, tahun=tahun, triwulan=triwulan, oleh=oleh, pada=pada, demo=demo,
                      ulang=ulang)
    except Ditolak as e:  # the same refusal, naming the SOP it was about for the audit row
        e.tentang(aksi="pekerjaan.mulai", objek="sop", objek_id=sop.id, kecamatan_id=sop.kecamatan_id)
        raise


def _mulai(session: Session, sop: Sop, *, judul: str, tahun: int, triwulan: int | None, oleh: User,
           pada: datetime | None, demo: bool, ulang: bool) -> Eksekusi:
    judul = " ".join((judul or "").split())
    if not judul:
        raise Ditolak("Judul pekerjaan wajib diisi, mis. \"Renja 2027\".")
    if len(judul) > 200:
        raise Ditolak("Judul pekerjaan paling panjang 200 karakter.")
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise Ditolak("Tahun tidak sah.")
    if triwulan is not None and triwulan not in (1, 2, 3, 4):
        raise Ditolak("Triwulan harus 1 sampai 4, atau kosong untuk pekerjaan tahunan.")
    if not boleh_memulai(session, oleh, sop):
        raise Ditolak(f"{sop.nama} dimulai oleh pelaksana langkah pertamanya atau Camat kecamatan ini.")
    rev = revisi_berlaku(session, sop.id)
    if rev is None:
        raise Ditolak(f"{sop.nama} tidak memiliki revisi yang berlaku.")
    # Take the SOP's row first: of two starts at once, the second waits here and then sees the first one's run.
    session.execute(update(Sop).where(col(Sop.id) == sop.id).values(id=sop.id))
    siap = kesiapan(session, sop, tahun=tahun, triwulan=triwulan, pada=pada)
    if siap.tolak:
        raise Ditolak(siap.tolak)
    if siap.selesai is not None and not ulang:
        raise Ditolak(siap.pesan_selesai or "")
    eks = mulai(session, revisi_id=rev.id, kecamatan_id=sop.kecamatan_id, subjek_jenis=JENIS, subjek_id=None,
                judul=judul, tahun=tahun, triwulan=triwulan, oleh=oleh, pada=pada, demo=demo)
    if siap.selesai is not None:  # a redo the person confirmed: said on the record, naming the run it repeats
        catat(session, aksi="pekerjaan.ulang", oleh=oleh, objek="eksekusi", objek_id=eks.id,
              kecamatan_id=sop.kecamatan_id, sebelum={"eksekusi_id": siap.selesai.id, "judul": siap.selesai.judul},
              keterangan=siap.pesan_selesai)
    return eks



def batalkan(session: Session, *, eksekusi_id: int, alasan: str, oleh: User, pada: datetime | None = None) -> Eksekusi:
    """The Camat cancels a running piece of work, with a reason. Audited. Its open step is left as it was: it leaves
    every queue with the execution and, never completed, counts in no cycle time."""
    eks = session.get(Eksekusi, eksekusi_id)
    if eks is None or eks.subjek_jenis not in JENIS_PEKERJAAN:
        raise Ditolak("Pekerjaan tidak ditemukan.")
    return batalkan_eksekusi(session, eks=eks, alasan=alasan, oleh=oleh, pada=pada)




def sop_untuk_dimulai(session: Session, user: User) -> list[Sop]:
    """The SOPs in force of the user's office that the user may start, by name."""
    if not user.kecamatan_id or not user.aktif:
        return []
    # boleh_memulai's rule, with the revisions in force read once for the office
    sop = [s for s, rev in sop_berlaku(session, user.kecamatan_id)
           if user.role_kode in PEMBATAL or _pemula(session, rev.id) == user.role_kode]
    return sorted(sop, key=lambda s: s.nama.lower())


@dataclass(frozen=True)
class Berjalan:
    """A running piece of work and where it stands."""

    eksekusi: Eksekusi
    sop_nama: str
    langkah: SopLangkah | None  # the step waiting now
    catatan: CatatanLangkah | None


def daftar_berjalan(session: Session, kecamatan_id: int) -> list[Berjalan]:
    """The office's running pieces of work (documents), oldest first, each with the step it waits at."""
    terbuka = and_(col(CatatanLangkah.eksekusi_id) == Eksekusi.id, col(CatatanLangkah.selesai_pada).is_(None))
    q = (select(Eksekusi, SopRevisi.nama, SopLangkah, CatatanLangkah)
         .join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
         .outerjoin(CatatanLangkah, terbuka).outerjoin(SopLangkah, col(SopLangkah.id) == CatatanLangkah.langkah_id)
         .where(Eksekusi.kecamatan_id == kecamatan_id).where(col(Eksekusi.subjek_jenis).in_(JENIS_PEKERJAAN))
         .where(Eksekusi.status == StatusEksekusi.BERJALAN).order_by(col(Eksekusi.dimulai_pada), col(Eksekusi.id)))
    return [Berjalan(eks, nama, lk, rec) for eks, nama, lk, rec in session.exec(q).all()]


def untuk_saya(session: Session, user: User, kewajiban: list[Kewajiban]) -> set[int]:
    """Indexes into `kewajiban` of the open obligations that wait on `user`: one not started whose SOP the user may
    start (models.perencanaan.pekerjaan.boleh_memulai), or one running whose open step waits on the user's own role
    (a "Kasi terkait" step on every Kasi), as Persetujuan counts a person's own steps; the Perjanjian Kinerja of an
    office without its SOP waits on the Camat. Done and not-yet-due ones are never the user's to act on now."""
    hasil = set()
    for n, k in enumerate(kewajiban):
        if k.status not in ("segera", "terlambat", "berjalan") or k.dasar not in ("sop", "perjanjian"):
            continue
        berjalan = [e for e in k.eksekusi if e.status == StatusEksekusi.BERJALAN]
        if not berjalan:
            if k.sop is not None and boleh_memulai(session, user, k.sop):
                hasil.add(n)
            elif k.dasar == "perjanjian" and k.sop is None and user.aktif and user.role_kode in PEMBATAL:
                hasil.add(n)  # no SOP for it: the Camat signs the PK on its page
            continue
        for e in berjalan:
            rec = catatan_terbuka(session, e.id)
            if rec is not None and milik_peran(user, rec):
                hasil.add(n)
    return hasil


@dataclass(frozen=True)
class PekerjaanTahunan:
    """A piece of the year's work (a Renja, an LKj: an execution with no quarter) and how far it has got."""

    eksekusi: Eksekusi
    sop_nama: str
    langkah_selesai: int  # steps of its SOP done at least once
    langkah_semua: int  # steps of its SOP
    menunggu: SopLangkah | None  # the step waiting now (None when it has ended)
    peran: str | None  # the role the waiting step's record waits on


def pekerjaan_tahunan(session: Session, kecamatan_id: int, tahun: int) -> list[PekerjaanTahunan]:
    """The office's yearly work about `tahun` (executions with no quarter, not cancelled), of any kind, the
    latest started first: how many of its SOP's steps are done, and the step it waits at."""
    eks = list(session.exec(
        select(Eksekusi, SopRevisi.nama).join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
        .where(Eksekusi.kecamatan_id == kecamatan_id).where(Eksekusi.tahun == tahun)
        .where(col(Eksekusi.triwulan).is_(None)).where(Eksekusi.status != StatusEksekusi.DIBATALKAN)
        .order_by(col(Eksekusi.dimulai_pada).desc(), col(Eksekusi.id).desc())).all())
    if not eks:
        return []
    ids = [e.id for e, _ in eks]
    revisi = {e.revisi_id for e, _ in eks}
    semua = dict(session.exec(select(SopLangkah.revisi_id, func.count(col(SopLangkah.id)))
                              .where(col(SopLangkah.revisi_id).in_(revisi)).group_by(col(SopLangkah.revisi_id))).all())
    selesai = dict(session.exec(
        select(CatatanLangkah.eksekusi_id, func.count(func.distinct(CatatanLangkah.langkah_id)))
        .where(col(CatatanLangkah.eksekusi_id).in_(ids)).where(col(CatatanLangkah.selesai_pada).is_not(None))
        .where(col(CatatanLangkah.hasil) != KeadaanLangkah.DIKEMBALIKAN)
        .group_by(col(CatatanLangkah.eksekusi_id))).all())
    terbuka = {rec.eksekusi_id: (lk, rec.role_kode) for rec, lk in session.exec(
        select(CatatanLangkah, SopLangkah).join(SopLangkah, col(SopLangkah.id) == CatatanLangkah.langkah_id)
        .where(col(CatatanLangkah.eksekusi_id).in_(ids)).where(col(CatatanLangkah.selesai_pada).is_(None))).all()}
    return [PekerjaanTahunan(e, nama, selesai.get(e.id, 0), semua.get(e.revisi_id, 0),
                             *(terbuka.get(e.id, (None, None)) if e.status == StatusEksekusi.BERJALAN else (None, None)))
            for e, nama in eks]
