"""What a waiting step carries from the steps before it: the return that brought it back (who, their role, when,
why), and every earlier record of the same run with its result and its note, including a step finished without any
of its kelengkapan ticked (recorded on that step's audit row by models.sop.alur when the person confirmed it).

Read only for someone who may see the run: the callers (Persetujuan's own queue, the Waktu Siklus timeline) check
the run's office first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.sop.nomor import nomor_langkah
from models.tables import AuditLog, CatatanLangkah, Role, SopLangkah, User
from models.umum.status import KeadaanLangkah

AKSI_MAJU = ("langkah.selesai", "langkah.disetujui")  # the audit rows of a step closed going forward


@dataclass(frozen=True)
class JejakLangkah:
    """One closed attempt at a step of the run."""

    catatan_id: int
    langkah_no: str
    kegiatan: str
    percobaan: int
    peran: str  # the role the record waited on
    hasil: KeadaanLangkah
    oleh: str | None  # who closed it (None: not recorded)
    pada: datetime
    catatan: str  # the note, or the reason of a return ("" when none)
    tanpa_kelengkapan: tuple[str, ...] = ()  # finished, with confirmation, without ticking any of these


@dataclass(frozen=True)
class Kembali:
    """The return that sent the work back to a waiting record."""

    alasan: str
    oleh: str  # the name of who returned it ("-" when not recorded)
    peran: str  # the role of the step that returned it
    langkah_no: str  # the step that returned it
    pada: datetime


@dataclass(frozen=True)
class JejakMenunggu:
    kembali: Kembali | None
    sebelumnya: list[JejakLangkah]


def _nama_peran(session: Session, kode: str) -> str:
    peran = session.get(Role, kode)
    return peran.nama if peran else kode


def tanpa_kelengkapan(session: Session, catatan_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The records (of those given) finished with the person's confirmation that none of the step's kelengkapan was
    ticked, with the items left unticked."""
    if not catatan_ids:
        return {}
    hasil: dict[int, tuple[str, ...]] = {}
    for a in session.exec(select(AuditLog).where(AuditLog.objek == "catatan_langkah")
                          .where(col(AuditLog.objek_id).in_(catatan_ids)).where(col(AuditLog.aksi).in_(AKSI_MAJU))):
        kurang = (a.sesudah or {}).get("tanpa_kelengkapan")
        if kurang and a.objek_id is not None:
            hasil[a.objek_id] = tuple(str(x) for x in kurang)
    return hasil


def jejak_eksekusi(session: Session, eksekusi_id: int) -> JejakMenunggu:
    """A run's trail as its waiting record sees it (`jejak_sebelum`); for a run with no open record, every closed
    record (and no return: nothing waits)."""
    terbuka = session.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eksekusi_id)
                           .where(col(CatatanLangkah.selesai_pada).is_(None))).first()
    if terbuka is not None:
        return jejak_sebelum(session, terbuka)
    return JejakMenunggu(kembali=None, sebelumnya=_tertutup(session, eksekusi_id, None))


def jejak_sebelum(session: Session, rec: CatatanLangkah) -> JejakMenunggu:
    """For a record of a run (usually the one waiting): the closed records before it, in order, and the return that
    opened it, if a return did.

    A run has one open record at a time and each record is opened as the previous one closes, so the record just
    before it (by id, in the same run) is the one whose closing opened it: when that one was returned, the return
    brought this record back."""
    sebelumnya = _tertutup(session, rec.eksekusi_id, rec.id)
    kembali = None
    if sebelumnya and sebelumnya[-1].hasil == KeadaanLangkah.DIKEMBALIKAN:
        j = sebelumnya[-1]
        kembali = Kembali(alasan=j.catatan, oleh=j.oleh or "-", peran=j.peran, langkah_no=j.langkah_no, pada=j.pada)
    return JejakMenunggu(kembali=kembali, sebelumnya=sebelumnya)


def _tertutup(session: Session, eksekusi_id: int, sebelum_id: int | None) -> list[JejakLangkah]:
    """The run's closed records (those before record `sebelum_id` when given), in the order they were opened."""
    q = (select(CatatanLangkah, SopLangkah, User).join(SopLangkah)
         .outerjoin(User, col(User.id) == CatatanLangkah.pelaku_id)
         .where(CatatanLangkah.eksekusi_id == eksekusi_id)
         .where(col(CatatanLangkah.selesai_pada).is_not(None)))
    if sebelum_id is not None:
        q = q.where(col(CatatanLangkah.id) < sebelum_id)
    baris = session.exec(q.order_by(col(CatatanLangkah.id))).all()
    tanpa = tanpa_kelengkapan(session, [c.id for c, _, _ in baris])
    peran: dict[str, str] = {}
    sebelumnya = []
    for c, lk, pelaku in baris:
        if c.role_kode not in peran:
            peran[c.role_kode] = _nama_peran(session, c.role_kode)
        assert c.selesai_pada is not None  # the query reads closed records only
        sebelumnya.append(JejakLangkah(
            catatan_id=c.id, langkah_no=nomor_langkah(lk.no), kegiatan=lk.kegiatan, percobaan=c.percobaan, peran=peran[c.role_kode],
            hasil=KeadaanLangkah(c.hasil or KeadaanLangkah.SELESAI), oleh=pelaku.nama if pelaku else None,
            pada=c.selesai_pada, catatan=(c.catatan or "").strip(), tanpa_kelengkapan=tanpa.get(c.id, ())))
    return sebelumnya
