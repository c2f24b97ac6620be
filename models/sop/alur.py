"""The one state machine: an execution of an SOP moves step by step, each step leaving a timed record.

    mulai        -> Eksekusi berjalan; a record for the first step's first pelaksana, received now
    mulai_kerjakan -> the pelaksana starts working on an open record (received → started → completed)
    selesaikan   -> the record is done; the next pelaksana (same step) or the next step receives it at once
    putuskan     -> at a decision step: approve (as selesaikan) or return with a reason, which opens a new
                    attempt of the step the SOP names (rework)
    last step    -> Eksekusi selesai

Only the role a record waits on may act on it; the Camat may act for anyone in the office (audited as such).
Each function is one step of one transaction: the caller commits, and the audit row commits with it.
Timestamps may be given (records typed in after the fact, demo history); they must not run backwards.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, func, select

from models.akun.peran import KASI
from models.tables import CatatanLangkah, Eksekusi, SopLangkah, SopPelaksana, SopRevisi, User, utcnow
from models.umum.audit import catat
from models.umum.penolakan import Ditolak
from models.umum.tanggal import pastikan_sadar_zona


def daftar_bukti(kelengkapan: str) -> list[str]:
    """The evidence items a step's kelengkapan lists, to tick one by one.

    Commas separate items, unless the last part joins with "&" or "dan": then the commas enumerate inside one
    item ("Buku Register KTP, KK & Mutasi" is one book).

    >>> daftar_bukti("Daftar hadir Musrenbangcam, Berita Acara, Foto")
    ['Daftar hadir Musrenbangcam', 'Berita Acara', 'Foto']
    >>> daftar_bukti("Buku Register KTP, KK & Mutasi"), daftar_bukti("Laporan data Siskamling/ Poskamling")
    (['Buku Register KTP, KK & Mutasi'], ['Laporan data Siskamling/ Poskamling'])
    >>> daftar_bukti("")
    []
    """
    teks = " ".join((kelengkapan or "").split())
    if not teks:
        return []
    bagian = [b.strip() for b in teks.split(",") if b.strip()]
    if len(bagian) > 1 and re.search(r"&|\bdan\b", bagian[-1]):
        return [teks]
    return bagian


def _tanpa_wakil(_session: Session, _eks: Eksekusi, _rec: CatatanLangkah) -> frozenset[str]:
    return frozenset()


@dataclass(frozen=True)
class JenisSubjek:
    """What one kind of subject (a figure, an evaluation, a document) tells the state machine about itself.

    kasi:      which Kasi the "Kasi terkait" of an execution is (None: every Kasi of the office)
    wakil:     the roles that may stand in on a record besides its own role and the Camat
    terkunci:  why a record moves only through the subject's own action (None: it moves here)
    peristiwa: told after a record closes ("selesai", "disetujui"), a return ("dikembalikan", with the new
               record) and the end of the execution ("eksekusi_selesai")
    """

    kasi: Callable[[Session, Eksekusi], str | None] = lambda _s, _e: None
    wakil: Callable[[Session, Eksekusi, CatatanLangkah], frozenset[str]] = _tanpa_wakil
    terkunci: Callable[[Session, Eksekusi, CatatanLangkah], str | None] = lambda _s, _e, _r: None
    peristiwa: Callable[[Session, Eksekusi, str, CatatanLangkah, User], None] = lambda *_: None


_SUBJEK: dict[str, JenisSubjek] = {}


def daftarkan_subjek(nama: str, jenis: JenisSubjek) -> None:
    """Register a kind of subject; its module does this when imported."""
    _SUBJEK[nama] = jenis


def jenis_subjek(nama: str) -> JenisSubjek:
    """The hooks of a registered kind; an execution of an unknown kind is a programming error, said loudly."""
    try:
        return _SUBJEK[nama]
    except KeyError:
        raise LookupError(f"jenis subjek {nama!r} belum terdaftar pada mesin alur") from None


@dataclass(frozen=True)
class Posisi:
    langkah: SopLangkah
    role_kode: str


_URUTAN = "alur.urutan_pelaksana"  # session.info key: the orders read in this unit of work


@event.listens_for(OrmSession, "before_flush")
def _lupakan_urutan(session: OrmSession, _konteks, _objek) -> None:  # noqa: ANN001
    """A change to steps or their pelaksana flushed in this session makes the orders read so far stale."""
    simpanan = session.info.get(_URUTAN)
    if simpanan and any(isinstance(o, (SopLangkah, SopPelaksana))
                        for o in (*session.new, *session.dirty, *session.deleted)):
        simpanan.clear()


def urutan_pelaksana(session: Session, revisi_id: int, *, kasi: str | None = None) -> list[Posisi]:
    """Every (step, pelaksana) of a revision in the order work passes through them.

    "Kasi terkait" resolves to `kasi`, the Kasi responsible for the subject (an indicator, a recommendation).
    Read once per session (every transition needs it, often twice); a flushed change to the steps or their
    pelaksana in the same session reads it again.
    """
    simpanan = session.info.setdefault(_URUTAN, {})
    if (revisi_id, kasi) in simpanan:
        return list(simpanan[(revisi_id, kasi)])
    langkah = session.exec(select(SopLangkah).where(SopLangkah.revisi_id == revisi_id)
                           .order_by(SopLangkah.urutan)).all()
    if not langkah:
        raise Ditolak("SOP ini tidak memiliki langkah.")
    aktor: dict[int, list[str]] = {}
    for a in session.exec(select(SopPelaksana).where(SopPelaksana.langkah_id.in_([lk.id for lk in langkah]))
                          .order_by(SopPelaksana.langkah_id, SopPelaksana.urutan)):
        aktor.setdefault(a.langkah_id, []).append(kasi if a.role_kode == "kasi_terkait" and kasi else a.role_kode)
    hasil = []
    for lk in langkah:
        peran = aktor.get(lk.id)
        if not peran:
            raise Ditolak(f"Langkah {lk.no} SOP ini belum memiliki pelaksana; minta Admin melengkapinya.")
        hasil.extend(Posisi(lk, r) for r in dict.fromkeys(peran))
    simpanan[(revisi_id, kasi)] = hasil
    return list(hasil)


def _waktu(pada: datetime | None, sejak: datetime | None = None) -> datetime:
    t = pada or utcnow()
    pastikan_sadar_zona(t)
    if sejak is not None and t < sejak:
        raise Ditolak("Waktu selesai tidak boleh sebelum waktu langkah diterima.")
    return t


def mulai(session: Session, *, revisi_id: int, kecamatan_id: int, subjek_jenis: str, subjek_id: int | None,
          judul: str, tahun: int, triwulan: int | None, oleh: User, kasi: str | None = None,
          pada: datetime | None = None, demo: bool = False) -> Eksekusi:
    """Start an execution of an SOP revision in force; the first pelaksana receives it at `pada`."""
    rev = session.get(SopRevisi, revisi_id)
    if rev is None or not rev.berlaku:
        raise Ditolak("SOP ini tidak ada atau tidak berlaku lagi.")
    urut = urutan_pelaksana(session, revisi_id, kasi=kasi)
    t = _waktu(pada)
    eks = Eksekusi(revisi_id=revisi_id, kecamatan_id=kecamatan_id, subjek_jenis=subjek_jenis, subjek_id=subjek_id,
                   judul=judul, tahun=tahun, triwulan=triwulan, dimulai_oleh=oleh.id, dimulai_pada=t, demo=demo)
    session.add(eks)
    session.flush()
    session.add(CatatanLangkah(eksekusi_id=eks.id, langkah_id=urut[0].langkah.id, role_kode=urut[0].role_kode,
                               diterima_pada=t))
    catat(session, aksi="eksekusi.mulai", oleh=oleh, objek="eksekusi", objek_id=eks.id, kecamatan_id=kecamatan_id,
          sesudah={"sop": rev.nama, "judul": judul, "tahun": tahun, "triwulan": triwulan})
    session.flush()
    return eks


def catatan_terbuka(session: Session, eksekusi_id: int) -> CatatanLangkah | None:
    return session.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eksekusi_id)
                        .where(CatatanLangkah.selesai_pada == None)).first()  # noqa: E711


def boleh_bertindak(user: User, rec: CatatanLangkah, eks: Eksekusi, *, wakil: frozenset[str] = frozenset()) -> bool:
    """The record's own role, a role the subject lets stand in (`wakil`), or the office's Camat. A step of the
    "Kasi terkait" whose subject names no Kasi (an evaluation concerns several) waits on every Kasi."""
    if user.kecamatan_id != eks.kecamatan_id or not user.aktif:
        return False
    if rec.role_kode == "kasi_terkait" and user.role_kode in KASI:
        return True
    return user.role_kode in (rec.role_kode, "camat") or user.role_kode in wakil


def _terbuka(session: Session, catatan_id: int) -> tuple[CatatanLangkah, Eksekusi]:
    """The record and its execution, if the record is still open."""
    rec = session.get(CatatanLangkah, catatan_id)
    if rec is None:
        raise Ditolak("Langkah ini tidak ditemukan.")
    eks = session.get(Eksekusi, rec.eksekusi_id)
    if rec.selesai_pada is not None or eks.status != "berjalan":
        raise Ditolak("Langkah ini sudah diselesaikan oleh orang lain; muat ulang halaman.")
    return rec, eks


def _ambil(session: Session, catatan_id: int, oleh: User, wakil: frozenset[str],
           lewat_pengajuan: bool = False, mengembalikan: bool = False) -> tuple[CatatanLangkah, Eksekusi]:
    rec, eks = _terbuka(session, catatan_id)
    jenis = jenis_subjek(eks.subjek_jenis)
    # A subject's lock keeps work from moving on past it; sending the work back is always the decision's own.
    if not (lewat_pengajuan or mengembalikan) and (alasan := jenis.terkunci(session, eks, rec)):
        raise Ditolak(alasan)
    wakil = wakil | jenis.wakil(session, eks, rec)
    if not boleh_bertindak(oleh, rec, eks, wakil=wakil):
        raise Ditolak("Langkah ini menunggu pelaksana lain; Anda tidak dapat menyelesaikannya.")
    return rec, eks


def siap_ditindak(session: Session, *, catatan_id: int, oleh: User) -> tuple[CatatanLangkah, Eksekusi]:
    """The open record and its execution, if `oleh` may act on it now (as for completing it); else Ditolak."""
    return _ambil(session, catatan_id, oleh, frozenset())


def mulai_kerjakan(session: Session, *, catatan_id: int, oleh: User, pada: datetime | None = None) -> CatatanLangkah:
    """The person a record waits on (or the office's Camat) starts working on it: its dimulai_pada is set, so
    the time a step waited is told apart from the time it was worked on. Audited; the caller commits."""
    rec, eks = _terbuka(session, catatan_id)
    if not boleh_bertindak(oleh, rec, eks):
        raise Ditolak("Langkah ini menunggu pelaksana lain; Anda tidak dapat mengerjakannya.")
    if rec.dimulai_pada is not None:
        raise Ditolak("Langkah ini sudah mulai dikerjakan.")
    t = pada or utcnow()
    pastikan_sadar_zona(t)
    if t < rec.diterima_pada:
        raise Ditolak("Waktu mulai dikerjakan tidak boleh sebelum waktu langkah diterima.")
    # Compare-and-set: of two people starting at once, the second is told instead of moving the start.
    hasil = session.execute(update(CatatanLangkah).where(CatatanLangkah.id == rec.id)
                            .where(CatatanLangkah.selesai_pada == None)  # noqa: E711
                            .where(CatatanLangkah.dimulai_pada == None).values(dimulai_pada=t)  # noqa: E711
                            .execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        session.expire(rec)
        raise Ditolak("Langkah ini sudah mulai dikerjakan atau diselesaikan orang lain; muat ulang halaman.")
    set_committed_value(rec, "dimulai_pada", t)  # what the update wrote, without reading the row back
    lk = session.get(SopLangkah, rec.langkah_id)
    _audit_langkah(session, "langkah.dimulai", rec, eks, oleh, lk)
    return rec


def _kasi(session: Session, eks: Eksekusi) -> str | None:
    return jenis_subjek(eks.subjek_jenis).kasi(session, eks)


def _periksa_bukti(lk: SopLangkah, bukti: list[str] | None) -> None:
    """Ticked evidence must be items of the step's own kelengkapan (a crafted list is refused by name)."""
    if bukti is None:
        return
    asing = [b for b in bukti if b not in daftar_bukti(lk.kelengkapan)]
    if asing:
        raise Ditolak(f"Kelengkapan yang dicentang tidak ada pada langkah {lk.no}: {', '.join(asing)}.")


def _tutup(session: Session, rec: CatatanLangkah, *, oleh: User, hasil: str, t: datetime, catatan: str | None,
           bukti: list[str] | None) -> None:
    """Close a record only if it is still open: of two people acting at once, the second is refused."""
    nilai = {"selesai_pada": t, "dimulai_pada": rec.dimulai_pada or rec.diterima_pada, "pelaku_id": oleh.id,
             "hasil": hasil, "catatan": catatan}
    if bukti is not None:
        nilai["bukti"] = list(bukti)
    hasil_update = session.execute(update(CatatanLangkah).where(CatatanLangkah.id == rec.id)
                                   .where(CatatanLangkah.selesai_pada == None).values(**nilai)  # noqa: E711
                                   .execution_options(synchronize_session=False))
    if hasil_update.rowcount != 1:
        session.expire(rec)
        raise Ditolak("Langkah ini sudah diselesaikan oleh orang lain; muat ulang halaman.")
    for kolom, isi in nilai.items():  # what the update wrote, without reading the row back
        set_committed_value(rec, kolom, isi)


def _audit_langkah(session: Session, aksi: str, rec: CatatanLangkah, eks: Eksekusi, oleh: User,
                   lk: SopLangkah, **extra) -> None:
    atas_nama = oleh.role_kode != rec.role_kode
    catat(session, aksi=aksi, oleh=oleh, objek="catatan_langkah", objek_id=rec.id, kecamatan_id=eks.kecamatan_id,
          sesudah={"eksekusi": eks.id, "langkah": lk.no, "percobaan": rec.percobaan, "hasil": rec.hasil,
                   **({"atas_nama": rec.role_kode} if atas_nama else {}), **extra})


def selesaikan(session: Session, *, catatan_id: int, oleh: User, pada: datetime | None = None,
               catatan: str | None = None, bukti: list[str] | None = None, hasil: str = "selesai",
               wakil: frozenset[str] = frozenset(), lewat_pengajuan: bool = False) -> CatatanLangkah | None:
    """Complete a record; returns the next one (received at the same instant), or None when the SOP ends.

    A record its subject locks (`JenisSubjek.terkunci`: the entry steps of a figure) is completed only by the
    subject's own action (`lewat_pengajuan`, e.g. submitting the figure)."""
    rec, eks = _ambil(session, catatan_id, oleh, wakil, lewat_pengajuan)
    lk = session.get(SopLangkah, rec.langkah_id)
    if not lewat_pengajuan:  # a figure's entry steps carry the evidence the figure's own form checked
        _periksa_bukti(lk, bukti)
    if lk.keputusan and hasil == "selesai":
        raise Ditolak("Langkah ini adalah keputusan: setujui atau kembalikan dengan alasan.")
    t = _waktu(pada, rec.diterima_pada)
    _tutup(session, rec, oleh=oleh, hasil=hasil, t=t, catatan=catatan, bukti=bukti)
    urut = urutan_pelaksana(session, eks.revisi_id, kasi=_kasi(session, eks))
    i = next((n for n, p in enumerate(urut) if p.langkah.id == rec.langkah_id and p.role_kode == rec.role_kode), None)
    if i is None:
        raise Ditolak("Pelaksana langkah ini telah diubah sejak langkah diterima; minta Admin memeriksanya.")
    _audit_langkah(session, "langkah." + hasil, rec, eks, oleh, lk)
    _kabari(session, eks, "disetujui" if hasil == "disetujui" else "selesai", rec, oleh)
    if i + 1 == len(urut):
        eks.status = "selesai"
        eks.selesai_pada = t
        session.add(eks)
        catat(session, aksi="eksekusi.selesai", oleh=oleh, objek="eksekusi", objek_id=eks.id,
              kecamatan_id=eks.kecamatan_id)
        _kabari(session, eks, "eksekusi_selesai", rec, oleh)
        session.flush()
        return None
    nxt = urut[i + 1]
    baru = CatatanLangkah(eksekusi_id=eks.id, langkah_id=nxt.langkah.id, role_kode=nxt.role_kode, diterima_pada=t,
                          percobaan=_percobaan(session, eks.id, nxt.langkah.id, nxt.role_kode))
    session.add(baru)
    session.flush()
    return baru


def _percobaan(session: Session, eksekusi_id: int, langkah_id: int, role_kode: str) -> int:
    n = session.exec(select(func.max(CatatanLangkah.percobaan)).where(CatatanLangkah.eksekusi_id == eksekusi_id)
                     .where(CatatanLangkah.langkah_id == langkah_id)
                     .where(CatatanLangkah.role_kode == role_kode)).one()
    return (n or 0) + 1


def putuskan(session: Session, *, catatan_id: int, setuju: bool, oleh: User, alasan: str | None = None,
             pada: datetime | None = None, wakil: frozenset[str] = frozenset(),
             bukti: list[str] | None = None) -> CatatanLangkah | None:
    """Decide at a decision step: approve and go on, or return for correction with a required reason."""
    rec, eks = _ambil(session, catatan_id, oleh, wakil, mengembalikan=not setuju)
    lk = session.get(SopLangkah, rec.langkah_id)
    if not lk.keputusan:
        raise Ditolak("Langkah ini bukan langkah keputusan.")
    if setuju:
        return selesaikan(session, catatan_id=catatan_id, oleh=oleh, pada=pada, catatan=alasan, hasil="disetujui",
                          wakil=wakil, bukti=bukti)
    if not (alasan or "").strip():
        raise Ditolak("Alasan pengembalian wajib diisi.")
    if not lk.kembali_ke_urutan:
        raise Ditolak("SOP ini tidak menyebut langkah tujuan pengembalian untuk langkah ini.")
    _periksa_bukti(lk, bukti)
    t = _waktu(pada, rec.diterima_pada)
    _tutup(session, rec, oleh=oleh, hasil="dikembalikan", t=t, catatan=alasan.strip(), bukti=bukti)
    urut = urutan_pelaksana(session, eks.revisi_id, kasi=_kasi(session, eks))
    tujuan = next((p for p in urut if p.langkah.urutan == lk.kembali_ke_urutan), None)
    if tujuan is None:
        raise Ditolak("Langkah tujuan pengembalian tidak ada dalam SOP ini; minta Admin memeriksanya.")
    baru = CatatanLangkah(eksekusi_id=eks.id, langkah_id=tujuan.langkah.id, role_kode=tujuan.role_kode,
                          diterima_pada=t,
                          percobaan=_percobaan(session, eks.id, tujuan.langkah.id, tujuan.role_kode))
    session.add(baru)
    session.flush()
    _audit_langkah(session, "langkah.dikembalikan", rec, eks, oleh, lk, alasan=alasan.strip(),
                   kembali_ke=tujuan.langkah.no)
    _kabari(session, eks, "dikembalikan", baru, oleh)
    return baru


def _kabari(session: Session, eks: Eksekusi, peristiwa: str, rec: CatatanLangkah, oleh: User) -> None:
    """Tell the subject of the execution what happened (a figure becomes official when its SOP approves it)."""
    jenis_subjek(eks.subjek_jenis).peristiwa(session, eks, peristiwa, rec, oleh)


@dataclass(frozen=True)
class Tugas:
    """An open step record someone may act on, with what it needs to be shown."""

    catatan: CatatanLangkah
    eksekusi: Eksekusi
    langkah: SopLangkah
    sop_nama: str
    milik_sendiri: bool  # waits on the user's own role (a "Kasi terkait" step on every Kasi), not acting for someone


def antrian(session: Session, user: User) -> list[Tugas]:
    """Open records in the user's office that the user may act on, own role first, oldest first."""
    if not user.kecamatan_id:
        return []
    q = (select(CatatanLangkah, Eksekusi, SopLangkah, SopRevisi)
         .join(Eksekusi, Eksekusi.id == CatatanLangkah.eksekusi_id)
         .join(SopLangkah, SopLangkah.id == CatatanLangkah.langkah_id)
         .join(SopRevisi, SopRevisi.id == Eksekusi.revisi_id)
         .where(Eksekusi.kecamatan_id == user.kecamatan_id).where(Eksekusi.status == "berjalan")
         .where(CatatanLangkah.selesai_pada == None)  # noqa: E711
         .order_by(CatatanLangkah.diterima_pada, CatatanLangkah.id))
    hasil = []
    for rec, eks, lk, rev in session.exec(q):
        jenis = _SUBJEK.get(eks.subjek_jenis, JenisSubjek())  # listing only: an unknown kind lets no one stand in
        if boleh_bertindak(user, rec, eks, wakil=jenis.wakil(session, eks, rec)):
            hasil.append(Tugas(rec, eks, lk, rev.nama, milik_peran(user, rec)))
    return sorted(hasil, key=lambda t: not t.milik_sendiri)


def milik_peran(user: User, rec: CatatanLangkah) -> bool:
    """Whether a step waits on the user's own role: the one rule for "my tasks" on every page (a step of the "Kasi
    terkait" of a subject that names no Kasi waits on each Kasi; acting for another role is not one's own)."""
    return rec.role_kode == user.role_kode or (rec.role_kode == "kasi_terkait" and user.role_kode in KASI)
