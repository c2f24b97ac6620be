"""The one state machine: an execution of an SOP moves step by step, each step leaving a timed record.

    mulai        -> Eksekusi berjalan; a record for the first step's first pelaksana, received now
    mulai_kerjakan -> the pelaksana starts working on an open record (received → started → completed)
    selesaikan   -> the record is done; the next pelaksana (same step) or the next step receives it at once
    putuskan     -> at a decision step: approve (as selesaikan) or return with a reason, which opens a new
                    attempt of the step the SOP names (rework)
    last step    -> Eksekusi selesai
    batalkan_eksekusi -> Eksekusi dibatalkan (the Camat, for a kind of work that may be cancelled)

Both machines are declared once below as tables (MESIN_LANGKAH for one attempt at a step, MESIN_EKSEKUSI for a
run); `tindakan_langkah` answers what a user may do to a step now, from the same tables the transitions check.

Only the role a record waits on may act on it; the Camat may act for anyone in the office (audited as such).
Each function is one step of one transaction: the caller commits, and the audit row commits with it.
Timestamps may be given (records typed in after the fact, demo history); they must not run backwards.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, func, select

from models.akun.peran import KASI
from models.sop.nomor import nomor_langkah
from models.tables import CatatanLangkah, Eksekusi, SopLangkah, SopPelaksana, SopRevisi, User, utcnow
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, MAKS_NAMA, teks
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.penolakan import Ditolak
from models.umum.status import KeadaanLangkah, StatusEksekusi
from models.umum.tanggal import pastikan_sadar_zona

MAKS_JUDUL = 2 * MAKS_NAMA  # a run's title: the SOP's or the work's name with its period or subject


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
    """One kind of work (a figure, a quarter's figures, an evaluation, a document) and its hooks; the kinds are
    listed in models.jenis_kerja, which registers them all at start-up.

    nama:      how a person calls the kind ("Realisasi IKU")
    kasi:      which Kasi the "Kasi terkait" of a run is (None: every Kasi of the office)
    wakil:     the roles that may stand in on a record besides its own role and the Camat
    terkunci:  why a record moves only through the subject's own action (None: it moves here)
    peristiwa: told after a record closes ("selesai", "disetujui"), a return ("dikembalikan", with the new
               record) and the end of the run ("eksekusi_selesai")
    tautan:    the page where the subject itself is worked on, when it has one; `halaman` names that page
    angka:     the figures the run carries, shown beside a waiting step
    sekaligus: the run carries every figure its SOP collects in the quarter at once (not one indicator's)
    dapat_dibatalkan: whether the Camat may cancel a running one
    menulis_dokumen:  whether its run may write a document from the capaian engine (Pengukuran, Laporan Kinerja)
    """

    nama: str = ""
    kasi: Callable[[Session, Eksekusi], str | None] = lambda _s, _e: None
    wakil: Callable[[Session, Eksekusi, CatatanLangkah], frozenset[str]] = _tanpa_wakil
    terkunci: Callable[[Session, Eksekusi, CatatanLangkah], str | None] = lambda _s, _e, _r: None
    peristiwa: Callable[[Session, Eksekusi, str, CatatanLangkah, User], None] = lambda *_: None
    tautan: Callable[[Session, Eksekusi], str | None] = lambda _s, _e: None
    halaman: str = ""
    angka: Callable[[Session, Eksekusi], list[Any]] = lambda _s, _e: []
    sekaligus: bool = False
    dapat_dibatalkan: bool = False
    menulis_dokumen: bool = False


_SUBJEK: dict[str, JenisSubjek] = {}


def daftarkan_subjek(nama: str, jenis: JenisSubjek) -> None:
    """Register a kind of work (models.jenis_kerja does this for every kind, once, at start-up)."""
    _SUBJEK[str(nama)] = jenis


def jenis_subjek(nama: str) -> JenisSubjek:
    """The hooks of a registered kind; an unknown kind is a programming error, said loudly."""
    try:
        return _SUBJEK[str(nama)]
    except KeyError:
        raise LookupError(f"jenis pekerjaan {nama!r} belum terdaftar (models.jenis_kerja.muat)") from None


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
                           .order_by(col(SopLangkah.urutan))).all()
    if not langkah:
        raise Ditolak("SOP ini tidak memiliki langkah.")
    aktor: dict[int, list[str]] = {}
    for a in session.exec(select(SopPelaksana).where(col(SopPelaksana.langkah_id).in_([lk.id for lk in langkah]))
                          .order_by(col(SopPelaksana.langkah_id), col(SopPelaksana.urutan))):
        aktor.setdefault(a.langkah_id, []).append(kasi if a.role_kode == "kasi_terkait" and kasi else a.role_kode)
    hasil: list[Posisi] = []
    for lk in langkah:
        peran = aktor.get(lk.id)
        if not peran:
            raise Ditolak(f"Langkah {nomor_langkah(lk.no)} SOP ini belum memiliki pelaksana; minta Admin melengkapinya.")
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
    judul = teks(judul, label="Judul pekerjaan", maks=MAKS_JUDUL) or ""
    jenis_subjek(subjek_jenis)  # a kind of work that is not registered is refused before anything is written
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
                        .where(col(CatatanLangkah.selesai_pada).is_(None))).first()


def boleh_bertindak(user: User, rec: CatatanLangkah, eks: Eksekusi, *, wakil: frozenset[str] = frozenset()) -> bool:
    """The record's own role, a role the subject lets stand in (`wakil`), or the office's Camat. A step of the
    "Kasi terkait" whose subject names no Kasi (an evaluation concerns several) waits on every Kasi."""
    if user.kecamatan_id != eks.kecamatan_id or not user.aktif:
        return False
    if rec.role_kode == "kasi_terkait" and user.role_kode in KASI:
        return True
    return user.role_kode in (rec.role_kode, "camat") or user.role_kode in wakil


# ---------------------------------------------------------------- the two machines: a step record and a run


def keadaan_catatan(rec: CatatanLangkah) -> KeadaanLangkah:
    """Where one attempt at a step stands: waiting, being worked on, or closed with its result."""
    if rec.selesai_pada is not None:
        return KeadaanLangkah(rec.hasil or KeadaanLangkah.SELESAI)
    return KeadaanLangkah.MENUNGGU if rec.dimulai_pada is None else KeadaanLangkah.DIKERJAKAN


@dataclass
class KonteksLangkah:
    """What the step machine's rules read: who acts on which record of which run, at which step."""

    session: Session
    oleh: User
    rec: CatatanLangkah
    eks: Eksekusi
    lk: SopLangkah
    wakil: frozenset[str] = frozenset()
    lewat_pengajuan: bool = False  # the subject's own action (submitting a figure) completes the step
    alasan: str | None = None

    @property
    def jenis(self) -> JenisSubjek:
        return jenis_subjek(self.eks.subjek_jenis)


PESAN_SUDAH = "Langkah ini sudah diselesaikan oleh orang lain; muat ulang halaman."


def _berjalan(k: KonteksLangkah) -> str | None:
    return None if k.eks.status == StatusEksekusi.BERJALAN else PESAN_SUDAH


def _pelaksana(kata: str, *, wakil: bool = True) -> Callable[[KonteksLangkah], str | None]:
    """The record's own role or the Camat; with `wakil`, also the roles the caller and the subject let stand in
    (starting work on a step is its own pelaksana's: no stand-in moves its start)."""
    def aturan(k: KonteksLangkah) -> str | None:
        boleh_wakil = k.wakil | k.jenis.wakil(k.session, k.eks, k.rec) if wakil else frozenset()
        if boleh_bertindak(k.oleh, k.rec, k.eks, wakil=boleh_wakil):
            return None
        return f"Langkah ini menunggu pelaksana lain; Anda tidak dapat {kata}."
    return aturan


def _tidak_terkunci(k: KonteksLangkah) -> str | None:
    """A subject's lock keeps work from moving on past it, unless the subject's own action moves it."""
    return None if k.lewat_pengajuan else k.jenis.terkunci(k.session, k.eks, k.rec)


def _semua(*aturan: Callable[[KonteksLangkah], str | None]) -> Callable[[KonteksLangkah], str | None]:
    def gabungan(k: KonteksLangkah) -> str | None:
        return next((a for a in (f(k) for f in aturan) if a is not None), None)
    return gabungan


def _bukan_keputusan(k: KonteksLangkah) -> str | None:
    return "Langkah ini adalah keputusan: setujui atau kembalikan dengan alasan." if k.lk.keputusan else None


def _keputusan(k: KonteksLangkah) -> str | None:
    return None if k.lk.keputusan else "Langkah ini bukan langkah keputusan."


def _dapat_dikembalikan(k: KonteksLangkah) -> str | None:
    if not k.lk.keputusan:
        return "Langkah ini bukan langkah keputusan."
    if not k.lk.kembali_ke_urutan:
        return "SOP ini tidak menyebut langkah tujuan pengembalian untuk langkah ini."
    return None


def _beralasan(k: KonteksLangkah) -> str | None:
    return None if (k.alasan or "").strip() else "Alasan pengembalian wajib diisi."


_BOLEH_MAJU = _semua(_berjalan, _tidak_terkunci, _pelaksana("menyelesaikannya"))
L = KeadaanLangkah
_TERBUKA = (L.MENUNGGU, L.DIKERJAKAN)
# One attempt at one step. Sending work back is always the decision's own, whatever the subject locks.
MESIN_LANGKAH: Mesin[KeadaanLangkah, KonteksLangkah] = Mesin("langkah", KeadaanLangkah, [
    Transisi((L.MENUNGGU,), "mulai_kerjakan", L.DIKERJAKAN, siapa=_semua(_berjalan, _pelaksana("mengerjakannya", wakil=False))),
    Transisi(_TERBUKA, "selesaikan", L.SELESAI, siapa=_BOLEH_MAJU, syarat=_bukan_keputusan),
    Transisi(_TERBUKA, "setujui", L.DISETUJUI, siapa=_BOLEH_MAJU, syarat=_keputusan),
    Transisi(_TERBUKA, "kembalikan", L.DIKEMBALIKAN, siapa=_semua(_berjalan, _pelaksana("menyelesaikannya")),
             syarat=_semua(_dapat_dikembalikan, _beralasan)),
], pesan_keadaan=lambda dari, aksi, _k: ("Langkah ini sudah mulai dikerjakan." if dari == L.DIKERJAKAN
                                         else PESAN_SUDAH))


@dataclass
class KonteksEksekusi:
    session: Session
    oleh: User | None
    eks: Eksekusi
    alasan: str | None = None


PEMBATAL = frozenset({"camat"})  # who may cancel a running piece of work of their office


def _camat_kantor(k: KonteksEksekusi) -> str | None:
    if k.oleh is None or k.oleh.role_kode not in PEMBATAL or k.oleh.kecamatan_id != k.eks.kecamatan_id \
            or not k.oleh.aktif:
        return "Hanya Camat kecamatan ini yang dapat membatalkan pekerjaan."
    return None


def _dapat_dibatalkan(k: KonteksEksekusi) -> str | None:
    if not jenis_subjek(k.eks.subjek_jenis).dapat_dibatalkan:
        return "Pekerjaan ini tidak dapat dibatalkan."
    return None if (k.alasan or "").strip() else "Alasan pembatalan wajib diisi."


E = StatusEksekusi
# A run of an SOP: it ends when its last step closes (the step machine says so), or the Camat cancels it.
MESIN_EKSEKUSI: Mesin[StatusEksekusi, KonteksEksekusi] = Mesin("eksekusi", StatusEksekusi, [
    Transisi((E.BERJALAN,), "tuntaskan", E.SELESAI),
    Transisi((E.BERJALAN,), "batalkan", E.DIBATALKAN, siapa=_camat_kantor, syarat=_dapat_dibatalkan),
], pesan_keadaan=lambda _d, _a, k: f"\"{k.eks.judul}\" tidak sedang berjalan; muat ulang halaman.")


def _konteks(session: Session, catatan_id: int, oleh: User, **kw: Any) -> KonteksLangkah:
    rec = session.get(CatatanLangkah, catatan_id)
    if rec is None:
        raise Ditolak("Langkah ini tidak ditemukan.", aksi="langkah", objek="catatan_langkah", objek_id=catatan_id)
    eks = session.get(Eksekusi, rec.eksekusi_id)
    lk = session.get(SopLangkah, rec.langkah_id)
    assert eks is not None and lk is not None  # foreign keys
    return KonteksLangkah(session, oleh, rec, eks, lk, **kw)


def _periksa(k: KonteksLangkah, aksi: str) -> KeadaanLangkah:
    """The step machine's answer for this action."""
    return MESIN_LANGKAH.periksa(keadaan_catatan(k.rec), aksi, k)


@contextmanager
def _tentang(k: KonteksLangkah, aksi: str) -> Iterator[None]:
    """Every refusal inside names the record, its office and the action (for the audit row at the edge)."""
    try:
        yield
    except Ditolak as e:
        e.tentang(aksi=f"langkah.{aksi}", objek="catatan_langkah", objek_id=k.rec.id, kecamatan_id=k.eks.kecamatan_id)
        raise


def tindakan_langkah(session: Session, *, catatan_id: int, oleh: User) -> list[Tindakan]:
    """What `oleh` may do to this step record now (start, complete, approve, return), each with its reason when
    refused; a return is offered while its reason is still to be typed (the form asks for it)."""
    k = _konteks(session, catatan_id, oleh, alasan="(diisi pada formulir)")
    return MESIN_LANGKAH.tindakan(keadaan_catatan(k.rec), k)


def siap_ditindak(session: Session, *, catatan_id: int, oleh: User) -> tuple[CatatanLangkah, Eksekusi]:
    """The open record and its execution, if `oleh` may act on it now (as for completing or deciding it, e.g. to
    attach its output); else Ditolak."""
    k = _konteks(session, catatan_id, oleh)
    alasan = PESAN_SUDAH if keadaan_catatan(k.rec) not in _TERBUKA else _BOLEH_MAJU(k)
    if alasan is not None:
        raise Ditolak(alasan, aksi="langkah.lampirkan", objek="catatan_langkah", objek_id=k.rec.id,
                      kecamatan_id=k.eks.kecamatan_id)
    return k.rec, k.eks


def mulai_kerjakan(session: Session, *, catatan_id: int, oleh: User, pada: datetime | None = None) -> CatatanLangkah:
    """The person a record waits on (or the office's Camat) starts working on it: its dimulai_pada is set, so
    the time a step waited is told apart from the time it was worked on. Audited; the caller commits."""
    k = _konteks(session, catatan_id, oleh)
    with _tentang(k, "mulai_kerjakan"):
        _periksa(k, "mulai_kerjakan")
        t = pastikan_sadar_zona(pada or utcnow())
        if t < k.rec.diterima_pada:
            raise Ditolak("Waktu mulai dikerjakan tidak boleh sebelum waktu langkah diterima.")
        # Compare-and-set: of two people starting at once, the second is told instead of moving the start.
        if not tulis(session, k.rec, kolom="dimulai_pada", ke=None, cas={"selesai_pada": None},
                     nilai={"dimulai_pada": t}):
            raise Ditolak("Langkah ini sudah mulai dikerjakan atau diselesaikan orang lain; muat ulang halaman.")
    _audit_langkah(session, "langkah.dimulai", k.rec, k.eks, oleh, k.lk)
    return k.rec


def _kasi(session: Session, eks: Eksekusi) -> str | None:
    return jenis_subjek(eks.subjek_jenis).kasi(session, eks)


def _periksa_bukti(lk: SopLangkah, bukti: list[str] | None) -> None:
    """Ticked evidence must be items of the step's own kelengkapan (a crafted list is refused by name)."""
    if bukti is None:
        return
    asing = [b for b in bukti if b not in daftar_bukti(lk.kelengkapan)]
    if asing:
        raise Ditolak(f"Kelengkapan yang dicentang tidak ada pada langkah {nomor_langkah(lk.no)}: {', '.join(asing)}.")


def kelengkapan_tak_dicentang(kelengkapan: str, bukti: list[str] | None) -> list[str]:
    """The step's kelengkapan, when a person finishing it on a form (`bukti` given, not None) ticked none of them:
    finishing so asks for their confirmation, and the confirmation is recorded. Empty when something is ticked, the
    step lists nothing, or no form was involved (None: a figure's submission, records typed in after the fact).

    >>> kelengkapan_tak_dicentang("DPA, Laporan Realisasi Anggaran", [])
    ['DPA', 'Laporan Realisasi Anggaran']
    >>> kelengkapan_tak_dicentang("DPA, Laporan Realisasi Anggaran", ["DPA"]), kelengkapan_tak_dicentang("", [])
    ([], [])
    >>> kelengkapan_tak_dicentang("DPA", None)
    []
    """
    if bukti is None or bukti:
        return []
    return daftar_bukti(kelengkapan)


def pesan_tanpa_kelengkapan(no: str, kurang: list[str]) -> str:
    """What a person is told before finishing a step with none of its kelengkapan ticked."""
    return (f"Belum ada kelengkapan langkah {no} yang dicentang: {', '.join(kurang)}. Centang yang tersedia, atau "
            "nyatakan bahwa langkah ini diselesaikan tanpa kelengkapan; hal itu dicatat pada langkah ini dan dapat "
            "dibaca pemeriksa berikutnya.")


def _periksa_kelengkapan(lk: SopLangkah, bukti: list[str] | None, tanpa_kelengkapan: bool) -> list[str]:
    """The unticked kelengkapan to record, or Ditolak when none is ticked and the person has not confirmed it."""
    kurang = kelengkapan_tak_dicentang(lk.kelengkapan, bukti)
    if kurang and not tanpa_kelengkapan:
        raise Ditolak(pesan_tanpa_kelengkapan(nomor_langkah(lk.no), kurang))
    return kurang


def _tutup(session: Session, rec: CatatanLangkah, *, oleh: User, hasil: KeadaanLangkah, t: datetime,
           catatan: str | None, bukti: list[str] | None) -> None:
    """Close a record only if it is still open: of two people acting at once, the second is refused."""
    nilai: dict[str, Any] = {"selesai_pada": t, "dimulai_pada": rec.dimulai_pada or rec.diterima_pada,
                             "pelaku_id": oleh.id, "catatan": catatan}
    if bukti is not None:
        nilai["bukti"] = list(bukti)
    if not tulis(session, rec, kolom="hasil", ke=hasil, cas={"selesai_pada": None}, nilai=nilai):
        raise Ditolak(PESAN_SUDAH)


def _audit_langkah(session: Session, aksi: str, rec: CatatanLangkah, eks: Eksekusi, oleh: User,
                   lk: SopLangkah, **extra: Any) -> None:
    atas_nama = oleh.role_kode != rec.role_kode
    catat(session, aksi=aksi, oleh=oleh, objek="catatan_langkah", objek_id=rec.id, kecamatan_id=eks.kecamatan_id,
          sesudah={"eksekusi": eks.id, "langkah": lk.no, "percobaan": rec.percobaan, "hasil": rec.hasil,
                   **({"atas_nama": rec.role_kode} if atas_nama else {}), **extra})


def selesaikan(session: Session, *, catatan_id: int, oleh: User, pada: datetime | None = None,
               catatan: str | None = None, bukti: list[str] | None = None,
               wakil: frozenset[str] = frozenset(), lewat_pengajuan: bool = False,
               tanpa_kelengkapan: bool = False) -> CatatanLangkah | None:
    """Complete a record; returns the next one (received at the same instant), or None when the SOP ends.

    A record its subject locks (`JenisSubjek.terkunci`: the entry steps of a figure) is completed only by the
    subject's own action (`lewat_pengajuan`, e.g. submitting the figure). Ticked evidence given as an empty list
    while the step lists kelengkapan is refused unless `tanpa_kelengkapan` confirms it; the confirmation is kept on
    the step's audit row."""
    teks(catatan, label="Catatan langkah", maks=MAKS_KALIMAT)
    k = _konteks(session, catatan_id, oleh, wakil=wakil, lewat_pengajuan=lewat_pengajuan)
    with _tentang(k, "selesaikan"):
        return _maju(k, _periksa(k, "selesaikan"), pada=pada, catatan=catatan, bukti=bukti,
                     tanpa_kelengkapan=tanpa_kelengkapan)


def _maju(k: KonteksLangkah, hasil: KeadaanLangkah, *, pada: datetime | None, catatan: str | None,
          bukti: list[str] | None, tanpa_kelengkapan: bool = False) -> CatatanLangkah | None:
    """Close the record with `hasil` and hand the work to the next pelaksana, or end the run."""
    session, rec, eks, lk, oleh = k.session, k.rec, k.eks, k.lk, k.oleh
    kurang: list[str] = []
    if not k.lewat_pengajuan:  # a figure's entry steps carry the evidence the figure's own form checked
        _periksa_bukti(lk, bukti)
        kurang = _periksa_kelengkapan(lk, bukti, tanpa_kelengkapan)
    t = _waktu(pada, rec.diterima_pada)
    _tutup(session, rec, oleh=oleh, hasil=hasil, t=t, catatan=catatan, bukti=bukti)
    urut = urutan_pelaksana(session, eks.revisi_id, kasi=_kasi(session, eks))
    i = next((n for n, p in enumerate(urut) if p.langkah.id == rec.langkah_id and p.role_kode == rec.role_kode), None)
    if i is None:
        raise Ditolak("Pelaksana langkah ini telah diubah sejak langkah diterima; minta Admin memeriksanya.")
    _audit_langkah(session, "langkah." + hasil, rec, eks, oleh, lk,
                   **({"tanpa_kelengkapan": kurang} if kurang else {}))
    _kabari(session, eks, str(hasil), rec, oleh)
    if i + 1 == len(urut):
        ke = MESIN_EKSEKUSI.periksa(eks.status, "tuntaskan", KonteksEksekusi(session, oleh, eks))
        session.flush()
        if not tulis(session, eks, ke=ke, nilai={"selesai_pada": t}):
            raise Ditolak(PESAN_SUDAH)
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
             bukti: list[str] | None = None, lewat_pengajuan: bool = False,
             tanpa_kelengkapan: bool = False) -> CatatanLangkah | None:
    """Decide at a decision step: approve and go on, or return for correction with a required reason. A record
    its subject locks is approved only by the subject's own action (`lewat_pengajuan`: signing a PK). Approving
    with none of the step's kelengkapan ticked asks for `tanpa_kelengkapan`, as `selesaikan` does."""
    teks(alasan, label="Alasan pengembalian", maks=MAKS_KALIMAT)
    k = _konteks(session, catatan_id, oleh, wakil=wakil, alasan=alasan, lewat_pengajuan=lewat_pengajuan)
    with _tentang(k, "setujui" if setuju else "kembalikan"):
        if setuju:
            return _maju(k, _periksa(k, "setujui"), pada=pada, catatan=alasan, bukti=bukti,
                         tanpa_kelengkapan=tanpa_kelengkapan)
        hasil = _periksa(k, "kembalikan")
        rec, eks, lk = k.rec, k.eks, k.lk
        alasan_bersih = (alasan or "").strip()
        _periksa_bukti(lk, bukti)
        t = _waktu(pada, rec.diterima_pada)
        _tutup(session, rec, oleh=oleh, hasil=hasil, t=t, catatan=alasan_bersih, bukti=bukti)
        urut = urutan_pelaksana(session, eks.revisi_id, kasi=_kasi(session, eks))
        tujuan = next((p for p in urut if p.langkah.urutan == lk.kembali_ke_urutan), None)
        if tujuan is None:
            raise Ditolak("Langkah tujuan pengembalian tidak ada dalam SOP ini; minta Admin memeriksanya.")
        baru = CatatanLangkah(eksekusi_id=eks.id, langkah_id=tujuan.langkah.id, role_kode=tujuan.role_kode,
                              diterima_pada=t,
                              percobaan=_percobaan(session, eks.id, tujuan.langkah.id, tujuan.role_kode))
        session.add(baru)
        session.flush()
        _audit_langkah(session, "langkah.dikembalikan", rec, eks, oleh, lk, alasan=alasan_bersih,
                       kembali_ke=tujuan.langkah.no)
        _kabari(session, eks, str(hasil), baru, oleh)
        return baru


def batalkan_eksekusi(session: Session, *, eks: Eksekusi, alasan: str, oleh: User,
                      pada: datetime | None = None) -> Eksekusi:
    """The Camat cancels a running run of a kind that may be cancelled, with a reason. Audited. Its open step is
    left as it was: it leaves every queue with the run and, never completed, counts in no cycle time."""
    alasan = " ".join((teks(alasan, label="Alasan pembatalan", maks=MAKS_KALIMAT) or "").split())
    try:
        ke = MESIN_EKSEKUSI.periksa(eks.status, "batalkan", KonteksEksekusi(session, oleh, eks, alasan))
        t = pastikan_sadar_zona(pada or utcnow())
        # Compare-and-set: a run that has just ended or been cancelled by someone else is not cancelled again.
        if not tulis(session, eks, ke=ke, nilai={"selesai_pada": t}):
            raise Ditolak(f"\"{eks.judul}\" tidak sedang berjalan; muat ulang halaman.")
    except Ditolak as e:
        e.tentang(aksi="eksekusi.batalkan", objek="eksekusi", objek_id=eks.id, kecamatan_id=eks.kecamatan_id)
        raise
    catat(session, aksi="eksekusi.batal", oleh=oleh, objek="eksekusi", objek_id=eks.id, kecamatan_id=eks.kecamatan_id,
          sebelum={"status": str(E.BERJALAN)}, sesudah={"status": str(ke)}, keterangan=alasan)
    return eks


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
         .join(Eksekusi, col(Eksekusi.id) == CatatanLangkah.eksekusi_id)
         .join(SopLangkah, col(SopLangkah.id) == CatatanLangkah.langkah_id)
         .join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
         .where(Eksekusi.kecamatan_id == user.kecamatan_id).where(Eksekusi.status == StatusEksekusi.BERJALAN)
         .where(col(CatatanLangkah.selesai_pada).is_(None))
         .order_by(col(CatatanLangkah.diterima_pada), col(CatatanLangkah.id)))
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
