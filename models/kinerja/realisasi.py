"""A quarter's figure of one IKU in one office: entry, submission through the collection SOP, approval, reopening.

    draf ─ajukan→ diajukan ─(Camat approves)→ resmi ─buka_kembali (Camat, reason)→ dibuka ─ajukan→ diajukan …
                     └─(returned, to any step)→ dikembalikan ─ajukan→ diajukan

A returned figure is corrected on Isi Realisasi by whoever the step it went back to waits on, and its resubmission
completes that step (the entry steps, or e.g. the Kasubag Evapor's check when the Sekretaris Camat returned it).

Only draf, dikembalikan and dibuka can be edited. A save names the version it read: a second person saving the
same figure is refused with a message instead of overwriting the first.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.akun.peran import PENGISI_SEMUA_IKU
from models.db import ambil
from models.kinerja.iku import indikator_sekaligus, langkah_pertama, milik_kantor, per_triwulan, sop_pengumpul
from models.kinerja.mesin import nilai_realisasi
from models.sop.alur import (
    JenisSubjek,
    boleh_bertindak,
    catatan_terbuka,
    daftar_bukti,
    milik_peran,
    mulai,
    putuskan,
    selesaikan,
    urutan_pelaksana,
)
from models.tables import (
    CatatanLangkah,
    Eksekusi,
    Indikator,
    Kecamatan,
    Realisasi,
    Role,
    SopLangkah,
    SopRevisi,
    User,
    utcnow,
)
from models.umum import periode
from models.umum.angka import baca_angka, tulis_angka
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, teks
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.penolakan import Ditolak
from models.umum.periode import akhir_triwulan, awal_triwulan, label_periode
from models.umum.status import JenisKerja, KeadaanLangkah, StatusEksekusi, StatusRealisasi
from models.umum.tanggal import tanggal_panjang

PENGISI = PENGISI_SEMUA_IKU




@dataclass
class Isian:
    """One IKU's entry for a quarter, as typed (numbers may be Indonesian text)."""

    indikator_id: int
    pembilang: str | float | None
    penyebut: str | float | None = None
    catatan: str | None = None
    bukti: list[str] = field(default_factory=list)
    versi: int | None = None  # the version read; None for a new entry


def _label(ind: Indikator, tahun: int, triwulan: int) -> str:
    return f"{ind.kode} {ind.nama}, {label_periode(tahun, triwulan)}"


@dataclass(frozen=True)
class AngkaBersih:
    pembilang: float
    penyebut: float | None
    nilai: float


def periksa_isian(session: Session, *, kecamatan_id: int, tahun: int, triwulan: int, isian: Isian,
                  hari_ini: date | None = None) -> tuple[Indikator, AngkaBersih]:
    """Validate an entry without writing; raises Ditolak with the indicator and quarter named."""
    teks(isian.catatan, label="Catatan realisasi", maks=MAKS_KALIMAT)
    ind = session.get(Indikator, isian.indikator_id)
    if ind is None or not milik_kantor(session, ind, kecamatan_id):
        raise Ditolak("Indikator ini tidak ada dalam IKU kantor Anda.")
    label = _label(ind, tahun, triwulan)
    if triwulan not in (1, 2, 3, 4) or not 2000 <= tahun <= 2100:
        raise Ditolak(f"{ind.kode} {ind.nama}: periode tidak sah.")
    if awal_triwulan(tahun, triwulan) > (hari_ini or periode.hari_ini()):
        raise Ditolak(f"{label}: triwulan ini belum dimulai; realisasi hanya dapat diisi untuk "
                               "triwulan yang sudah berjalan.")
    try:
        p = baca_angka(isian.pembilang)
        q = baca_angka(isian.penyebut)
    except Ditolak as e:
        raise Ditolak(f"{label}: {e}.") from None
    if p is None:
        raise Ditolak(f"{label}: {ind.pembilang.lower()} belum diisi (kosong tidak sama dengan 0).")
    if p < 0:
        raise Ditolak(f"{label}: {ind.pembilang.lower()} tidak boleh negatif ({tulis_angka(p)}).")
    if ind.penyebut:
        if q is None:
            raise Ditolak(f"{label}: {ind.penyebut.lower()} belum diisi (kosong tidak sama dengan 0).")
        if q < 0:
            raise Ditolak(f"{label}: {ind.penyebut.lower()} tidak boleh negatif ({tulis_angka(q)}).")
        if q == 0:
            raise Ditolak(f"{label}: {ind.penyebut.lower()} tidak boleh 0.")
        if p > q:
            raise Ditolak(f"{label}: {ind.pembilang.lower()} ({tulis_angka(p)}) lebih besar dari "
                                   f"{ind.penyebut.lower()} ({tulis_angka(q)}).")
    else:
        q = None
    return ind, AngkaBersih(p, q, nilai_realisasi(p, q))


def cari(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int, triwulan: int) -> Realisasi | None:
    return session.exec(select(Realisasi).where(Realisasi.indikator_id == indikator_id)
                        .where(Realisasi.kecamatan_id == kecamatan_id).where(Realisasi.tahun == tahun)
                        .where(Realisasi.triwulan == triwulan)).first()


def boleh_mengisi(session: Session, user: User, ind: Indikator, kecamatan_id: int) -> bool:
    """The Kasubag Evapor, the Kasi the collection SOP's first step names, or the Camat, of that office."""
    if user.kecamatan_id != kecamatan_id:
        return False
    if user.role_kode in PENGISI or user.role_kode == "camat":
        return True
    rev = sop_pengumpul(session, ind, kecamatan_id)
    if rev is None:
        return user.role_kode == ind.role_penanggung_jawab
    try:
        return user.role_kode == urutan_pelaksana(session, rev.id, kasi=ind.role_penanggung_jawab)[0].role_kode
    except Ditolak:  # an SOP step without a pelaksana: only the roles above may enter
        return False


def _langkah_perbaikan(session: Session, r: Realisasi) -> tuple[CatatanLangkah, Eksekusi] | None:
    """The open step a returned figure went back to, when it lies beyond its entry steps (e.g. the Kasubag Evapor's
    check after the Sekretaris Camat returned it); None otherwise."""
    if r.status != R.DIKEMBALIKAN or not r.eksekusi_id:
        return None
    eks = ambil(session, Eksekusi, r.eksekusi_id)
    rec = catatan_terbuka(session, eks.id) if eks.status == StatusEksekusi.BERJALAN else None
    if rec is None or rec.langkah_id in _langkah_isian(session, eks.revisi_id, _kasi_realisasi(session, eks)):
        return None
    return rec, eks


def boleh_memperbaiki(session: Session, user: User, r: Realisasi) -> bool:
    """Who may change and submit an existing figure: while it is returned to a step beyond its entry steps, the
    person that step waits on or the Camat (the state machine's rule); otherwise whoever may enter it."""
    if (langkah := _langkah_perbaikan(session, r)) is not None:
        return boleh_bertindak(user, *langkah)
    return boleh_mengisi(session, user, ambil(session, Indikator, r.indikator_id), r.kecamatan_id)


def _pesan_bukan_pemerbaiki(session: Session, r: Realisasi, label: str, kata: str) -> str:
    """Why this user may not change or submit the figure: the step it came back to is another role's, or their
    role does not enter it."""
    if (langkah := _langkah_perbaikan(session, r)) is not None:
        peran = session.get(Role, langkah[0].role_kode)
        return (f"{label}: angka ini dikembalikan ke langkah yang dikerjakan "
                f"{peran.nama if peran else langkah[0].role_kode}; perbaikannya diajukan oleh peran itu.")
    return f"{label}: peran Anda tidak {kata} realisasi indikator ini."


# ---------------------------------------------------------------- the figure's machine


@dataclass
class KonteksRealisasi:
    """What the figure machine's rules read."""

    session: Session
    oleh: User | None
    r: Realisasi
    label: str
    alasan: str | None = None


def _pemerbaiki(kata: str) -> Callable[[KonteksRealisasi], str | None]:
    def aturan(k: KonteksRealisasi) -> str | None:
        if k.oleh is not None and boleh_memperbaiki(k.session, k.oleh, k.r):
            return None
        return _pesan_bukan_pemerbaiki(k.session, k.r, k.label, kata)
    return aturan


def _camat_kantor(k: KonteksRealisasi) -> str | None:
    if k.oleh is not None and k.oleh.role_kode == "camat" and k.oleh.kecamatan_id == k.r.kecamatan_id:
        return None
    return f"{k.label}: hanya Camat kecamatan ini yang dapat membuka kembali angka resmi."


def _beralasan(k: KonteksRealisasi) -> str | None:
    return None if (k.alasan or "").strip() else f"{k.label}: alasan membuka kembali wajib diisi."


def _pesan_keadaan(dari: StatusRealisasi, aksi: str, k: KonteksRealisasi) -> str:
    if aksi == "ajukan":
        return f"{k.label}: realisasi berstatus {dari.label.lower()}; tidak dapat diajukan lagi."
    if aksi == "buka":
        return f"{k.label}: hanya realisasi resmi yang dapat dibuka kembali."
    return f"{k.label}: realisasi berstatus {dari.label.lower()} dan terkunci."


R = StatusRealisasi
# Editing ("ubah") keeps the status; returning and making official are the collection SOP's decisions, taken by the
# step machine (models.sop.alur) and told to the figure through its hooks, so no person takes them here.
MESIN_REALISASI: Mesin[StatusRealisasi, KonteksRealisasi] = Mesin("realisasi", StatusRealisasi, [
    *(Transisi((s,), "ubah", s, siapa=_pemerbaiki("mengisi")) for s in (R.DRAF, R.DIKEMBALIKAN, R.DIBUKA)),
    Transisi((R.DRAF, R.DIKEMBALIKAN, R.DIBUKA), "ajukan", R.DIAJUKAN, siapa=_pemerbaiki("mengajukan")),
    Transisi((R.DIAJUKAN,), "kembalikan", R.DIKEMBALIKAN),
    Transisi((R.DIAJUKAN,), "sahkan", R.RESMI),
    Transisi((R.RESMI,), "buka", R.DIBUKA, siapa=_camat_kantor, syarat=_beralasan),
], pesan_keadaan=_pesan_keadaan)
BISA_DIUBAH = MESIN_REALISASI.dari("ubah")  # the statuses in which a figure can still be changed
# A figure sent back, returned at a step or reopened by the Camat: its number is being corrected, so no reader shows
# a capaian computed from it, only its state.
SEDANG_DIPERBAIKI = frozenset(ke for ke in (MESIN_REALISASI.ke(R.DIAJUKAN, "kembalikan"),
                                            MESIN_REALISASI.ke(R.RESMI, "buka")) if ke is not None)


def keadaan_angka(status: str | None) -> StatusRealisasi | None:
    """A figure's state, as Isi Realisasi's badge names it and Beranda repeats it; None without a figure.

    >>> keadaan_angka("dibuka").label, keadaan_angka("dikembalikan") in SEDANG_DIPERBAIKI, keadaan_angka(None)
    ('Dibuka kembali', True, None)
    """
    return None if status is None else R(status)


def _periksa(k: KonteksRealisasi, aksi: str) -> StatusRealisasi:
    try:
        return MESIN_REALISASI.periksa(k.r.status, aksi, k)
    except Ditolak as e:
        raise e.tentang(objek="realisasi", objek_id=k.r.id, kecamatan_id=k.r.kecamatan_id) from None


def tindakan_realisasi(session: Session, *, realisasi_id: int, oleh: User) -> list[Tindakan]:
    """What `oleh` may do to a figure now: change it ("ubah"), submit it ("ajukan"), reopen it ("buka", whose reason
    the form asks for); each refused one with its reason. The SOP's own decisions are not offered here."""
    r = session.get(Realisasi, realisasi_id)
    if r is None:
        return []
    ind = session.get(Indikator, r.indikator_id)
    label = _label(ind, r.tahun, r.triwulan) if ind else ""
    return MESIN_REALISASI.tindakan(r.status, KonteksRealisasi(session, oleh, r, label, "(diisi pada formulir)"),
                                    aksi=("ubah", "ajukan", "buka"))


def simpan_draf(session: Session, *, kecamatan_id: int, tahun: int, triwulan: int, isian: Isian, oleh: User,
                pada: datetime | None = None, hari_ini: date | None = None, demo: bool = False) -> Realisasi:
    """Save (create or change) a figure that is still editable. Audited with before and after."""
    ind, angka = periksa_isian(session, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan, isian=isian,
                               hari_ini=hari_ini)
    label = _label(ind, tahun, triwulan)
    t = pada or utcnow()
    ada = cari(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan)
    if ada is None and not boleh_mengisi(session, oleh, ind, kecamatan_id):
        raise Ditolak(f"{label}: peran Anda tidak mengisi realisasi indikator ini.")
    nilai: dict[str, Any] = {"pembilang": angka.pembilang, "penyebut": angka.penyebut, "nilai": angka.nilai,
             "catatan": (isian.catatan or "").strip() or None, "bukti": list(isian.bukti or [])}
    if ada is None:
        if isian.versi is not None:
            raise Ditolak(f"{label}: realisasi yang Anda ubah sudah tidak ada; muat ulang halaman.")
        r = Realisasi(indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan,
                      dibuat_oleh=oleh.id, dibuat_pada=t, diubah_oleh=oleh.id, diubah_pada=t, demo=demo, **nilai)
        # A first entry racing another for the same quarter meets the unique constraint. No savepoint: on SQLite
        # (pysqlite's transaction handling) releasing one that opened the transaction commits it early. The
        # refusal rolls back the caller's whole transaction instead.
        try:
            session.add(r)
            session.flush()
        except IntegrityError:
            raise Ditolak(f"{label}: realisasi triwulan ini sudah diisi orang lain; muat ulang "
                                   "halaman.") from None
        catat(session, aksi="realisasi.buat", oleh=oleh, objek="realisasi", objek_id=r.id, kecamatan_id=kecamatan_id,
              sesudah={"indikator": ind.kode, "tahun": tahun, "triwulan": triwulan, **nilai})
        return r
    if isian.versi is None:
        raise Ditolak(f"{label}: realisasi triwulan ini sudah ada (status "
                      f"{R(ada.status).label.lower()}); ubah yang ada, jangan mengisi dua kali.")
    _periksa(KonteksRealisasi(session, oleh, ada, label), "ubah")
    if ada.versi != isian.versi:
        raise Ditolak(_pesan_bentrok(session, ada, label))
    sebelum = {k: getattr(ada, k) for k in nilai}
    # Compare-and-set on the version, so two saves racing in separate transactions cannot both win.
    hasil: Any = session.execute(update(Realisasi).where(col(Realisasi.id) == ada.id).where(col(Realisasi.versi) == isian.versi)
                            .values(versi=isian.versi + 1, diubah_oleh=oleh.id, diubah_pada=t, **nilai))
    if hasil.rowcount != 1:
        session.expire(ada)
        raise Ditolak(_pesan_bentrok(session, ada, label))
    session.expire(ada)
    catat(session, aksi="realisasi.ubah", oleh=oleh, objek="realisasi", objek_id=ada.id, kecamatan_id=kecamatan_id,
          sebelum=sebelum, sesudah=nilai)
    return ambil(session, Realisasi, ada.id)


def _pesan_bentrok(session: Session, r: Realisasi, label: str) -> str:
    siapa = session.get(User, r.diubah_oleh) if r.diubah_oleh else None
    oleh = f" oleh {siapa.nama}" if siapa else ""
    return (f"{label}: angka ini baru saja diubah{oleh}. Perubahan Anda tidak disimpan; muat ulang halaman "
            "untuk melihat angka terbaru.")


def _langkah_isian(session: Session, eks_revisi_id: int, kasi: str | None) -> list[int]:
    """The leading steps that belong to the first pelaksana: preparing the figure and handing it over."""
    urut = urutan_pelaksana(session, eks_revisi_id, kasi=kasi)
    pertama = urut[0].role_kode
    hasil = []
    for p in urut:
        if p.role_kode != pertama or p.langkah.keputusan:
            break
        hasil.append(p.langkah.id)
    return hasil


def angka_eksekusi(session: Session, eks: Eksekusi) -> list[Realisasi]:
    """The figures a run carries: one indicator's quarter (REALISASI), or every figure that a per-quarter SOP
    collects (PENGUMPULAN: the figures name the run); none for any other kind of work."""
    if eks.subjek_jenis == JenisKerja.REALISASI:
        r = session.get(Realisasi, eks.subjek_id) if eks.subjek_id is not None else None
        return [r] if r is not None else []
    if eks.subjek_jenis != JenisKerja.PENGUMPULAN:
        return []
    return list(session.exec(select(Realisasi).where(Realisasi.eksekusi_id == eks.id)
                             .order_by(col(Realisasi.indikator_id))).all())


def wakil(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> frozenset[str]:
    """The Kasubag Evapor may act on the entry steps of a figure's execution, whoever they belong to."""
    return PENGISI if rec.langkah_id in _langkah_isian(session, eks.revisi_id, _kasi_realisasi(session, eks)) \
        else frozenset()


def ajukan(session: Session, *, realisasi_id: int, oleh: User, pada: datetime | None = None,
           demo: bool = False) -> Eksekusi:
    """Submit a figure: start (or resume after a return) its collection SOP; the entry steps are done by the
    submission itself, with the evidence ticked. The figure is locked until it comes back or is approved."""
    r = session.get(Realisasi, realisasi_id)
    if r is None:
        raise Ditolak("Realisasi tidak ditemukan.")
    ind = ambil(session, Indikator, r.indikator_id)
    label = _label(ind, r.tahun, r.triwulan)
    if not milik_kantor(session, ind, r.kecamatan_id):
        raise Ditolak(f"{label}: indikator ini tidak lagi termasuk IKU kantor ini.")
    _periksa(KonteksRealisasi(session, oleh, r, label), "ajukan")
    t = pada or utcnow()
    akhir = akhir_triwulan(r.tahun, r.triwulan)
    if t.astimezone(ZoneInfo(ambil(session, Kecamatan, r.kecamatan_id).zona_waktu)).date() < akhir:
        raise Ditolak(f"{label}: triwulan ini berakhir {tanggal_panjang(akhir)}; angkanya dapat disimpan "
                               "sebagai draf, dan diajukan mulai hari terakhir triwulan.")
    kembali = session.get(Eksekusi, r.eksekusi_id) if r.status == R.DIKEMBALIKAN and r.eksekusi_id else None
    if kembali is not None and kembali.status != StatusEksekusi.BERJALAN:
        kembali = None
    # A returned figure goes back into the execution that returned it, whatever the office has chosen since.
    if (kembali is not None and kembali.subjek_jenis == JenisKerja.PENGUMPULAN) or (kembali is None and per_triwulan(session, ind,
                                                                                                r.kecamatan_id)):
        return _ajukan_bersama(session, r, oleh=oleh, t=t, demo=demo, kembali=kembali)
    if kembali is not None:
        eks = kembali
    else:
        rev = sop_pengumpul(session, ind, r.kecamatan_id)
        if rev is None:
            kec = ambil(session, Kecamatan, r.kecamatan_id)
            raise Ditolak(f"{label}: Kecamatan {kec.nama} belum memiliki SOP pengumpulan data untuk "
                                   "indikator ini; minta Admin mengimpor SOP-nya.")
        diterima = r.dibuat_pada if r.status == R.DRAF and r.dibuat_pada <= t else t
        eks = mulai(session, revisi_id=rev.id, kecamatan_id=r.kecamatan_id, subjek_jenis=JenisKerja.REALISASI,
                    subjek_id=r.id, judul=f"Realisasi {label}", tahun=r.tahun, triwulan=r.triwulan, oleh=oleh,
                    kasi=ind.role_penanggung_jawab, pada=diterima, demo=demo)
    _serahkan(session, eks, [(r, label)], oleh=oleh, t=t, kasi=ind.role_penanggung_jawab)
    return eks


def _serahkan(session: Session, eks: Eksekusi, angka: list[tuple[Realisasi, str]], *, oleh: User, t: datetime,
              kasi: str | None) -> None:
    """Move the figures to diajukan, carried by `eks`, and complete the entry steps in the submitter's name (the
    first figure's evidence and note go with the first step)."""
    if not angka:
        raise Ditolak("Tidak ada realisasi yang dapat diajukan.")
    isian = _langkah_isian(session, eks.revisi_id, kasi)
    rec = catatan_terbuka(session, eks.id)
    # After a return, the step it went back to is completed by the resubmission, wherever it is in the SOP.
    perbaikan = rec is not None and rec.langkah_id not in isian and all(r.status == R.DIKEMBALIKAN for r, _ in angka)
    if rec is None or (rec.langkah_id not in isian and not perbaikan):
        raise Ditolak(f"{angka[0][1]}: realisasi ini sedang menunggu langkah lain dalam SOP.")
    if perbaikan and not boleh_bertindak(oleh, rec, eks):  # the step's own role, or the Camat
        raise Ditolak(_pesan_bukan_pemerbaiki(session, angka[0][0], angka[0][1], "mengajukan"))
    for r, label in angka:
        ke = MESIN_REALISASI.ke(r.status, "ajukan")  # who may was checked for the figure the person submitted
        # Compare-and-set: of two submissions (or a submission and a save) at once, only one goes through.
        if ke is None or not tulis(session, r, ke=ke, cas={"versi": r.versi},
                                   nilai={"eksekusi_id": eks.id, "versi": r.versi + 1}):
            raise Ditolak(_pesan_bentrok(session, r, label), aksi="realisasi.ajukan", objek="realisasi",
                          objek_id=r.id, kecamatan_id=r.kecamatan_id)
    if perbaikan:  # the step the work came back to, done by correcting the figures
        lk = ambil(session, SopLangkah, rec.langkah_id)
        catatan: str | None = "Angka diperbaiki dan diajukan kembali."
        if lk.keputusan:
            putuskan(session, catatan_id=rec.id, setuju=True, oleh=oleh, alasan=catatan, pada=t)
        else:
            selesaikan(session, catatan_id=rec.id, oleh=oleh, pada=t, catatan=catatan)
        rec = None
    pertama = angka[0][0] if len(angka) == 1 else None
    bukti = list(pertama.bukti or []) if pertama else None
    catatan = pertama.catatan if pertama else f"Diajukan bersama {len(angka)} indikator."
    while rec is not None and rec.langkah_id in isian:
        rec = selesaikan(session, catatan_id=rec.id, oleh=oleh, pada=t, bukti=bukti, catatan=catatan, wakil=PENGISI,
                         lewat_pengajuan=True)
        bukti = catatan = None
    for r, _label in angka:
        catat(session, aksi="realisasi.ajukan", oleh=oleh, objek="realisasi", objek_id=r.id,
              kecamatan_id=r.kecamatan_id, sesudah={"eksekusi": eks.id, "nilai": r.nilai})


def judul_bersama(tahun: int, triwulan: int) -> str:
    return f"Pengumpulan data kinerja {label_periode(tahun, triwulan)}"


def _ajukan_bersama(session: Session, r: Realisasi, *, oleh: User, t: datetime, demo: bool,
                    kembali: Eksekusi | None = None) -> Eksekusi:
    """Submit every figure of the quarter that the office's per-quarter collection SOP carries, in one execution.

    Each indicator it collects must have a figure; the ones still editable go. After a return (`kembali`, the
    running execution that returned them) the figures it carries go back into it. Official figures of the quarter
    stay as they are."""
    ind = ambil(session, Indikator, r.indikator_id)
    label = _label(ind, r.tahun, r.triwulan)
    if kembali is not None:
        dibawa = [(x, _label(ambil(session, Indikator, x.indikator_id), x.tahun, x.triwulan))
                  for x in angka_eksekusi(session, kembali) if x.status in BISA_DIUBAH]
        _serahkan(session, kembali, dibawa, oleh=oleh, t=t, kasi=None)
        return kembali
    rev = sop_pengumpul(session, ind, r.kecamatan_id)
    if rev is None:
        raise Ditolak(f"{label}: SOP pengumpulan data indikator ini tidak berlaku lagi; pilih SOP-nya di "
                               "halaman IKU & Target.")
    semua = indikator_sekaligus(session, kecamatan_id=r.kecamatan_id, sop_id=rev.sop_id)
    angka = {i.id: cari(session, indikator_id=i.id, kecamatan_id=r.kecamatan_id, tahun=r.tahun,
                        triwulan=r.triwulan) for i in semua}
    kosong = [i for i in semua if angka[i.id] is None]
    if kosong:
        daftar = ", ".join(f"{i.kode} {i.nama}" for i in kosong)
        raise Ditolak(f"Triwulan {periode.ROMAWI[r.triwulan]} {r.tahun}: SOP {rev.nama} mengajukan semua indikator "
                               f"triwulan ini sekaligus; isi dahulu: {daftar}.")
    ada = {i: x for i, x in angka.items() if x is not None}  # every one, once `kosong` is refused
    dibawa = [(ada[i.id], _label(i, r.tahun, r.triwulan)) for i in semua if ada[i.id].status in BISA_DIUBAH]
    if not any(x.id == r.id for x, _ in dibawa):
        raise Ditolak(f"{label}: indikator ini tidak dikumpulkan bersama oleh SOP {rev.nama}; periksa "
                               "pilihan SOP-nya di halaman IKU & Target.")
    for x, label in dibawa:
        if not boleh_mengisi(session, oleh, ambil(session, Indikator, x.indikator_id), x.kecamatan_id):
            raise Ditolak(f"{label}: peran Anda tidak mengajukan realisasi indikator ini.")
    # The quarter's execution still running (returned to its entry steps, or further on: then refused by _serahkan).
    eks = session.exec(select(Eksekusi).join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
                       .where(SopRevisi.sop_id == rev.sop_id).where(Eksekusi.kecamatan_id == r.kecamatan_id)
                       .where(Eksekusi.subjek_jenis == JenisKerja.PENGUMPULAN)
                       .where(Eksekusi.tahun == r.tahun).where(Eksekusi.triwulan == r.triwulan)
                       .where(Eksekusi.status == StatusEksekusi.BERJALAN)).first()
    if eks is None:
        mulai_dari = min((x.dibuat_pada for x, _ in dibawa if x.status == R.DRAF and x.dibuat_pada <= t), default=t)
        eks = mulai(session, revisi_id=rev.id, kecamatan_id=r.kecamatan_id, subjek_jenis=JenisKerja.PENGUMPULAN,
                    subjek_id=None,
                    judul=judul_bersama(r.tahun, r.triwulan), tahun=r.tahun, triwulan=r.triwulan, oleh=oleh,
                    pada=mulai_dari, demo=demo)
    _serahkan(session, eks, dibawa, oleh=oleh, t=t, kasi=None)
    return eks


def pada_peristiwa(session: Session, eks: Eksekusi, peristiwa: str, rec: CatatanLangkah, oleh: User) -> None:
    """What the figures do when their execution moves (registered with the state machine): official when the
    Camat approves one indicator's quarter or when the execution ends, whoever does its last step; back to the
    enterer when returned to an entry step."""
    bersama = eks.subjek_jenis == JenisKerja.PENGUMPULAN
    disahkan = (peristiwa == KeadaanLangkah.DISETUJUI and rec.role_kode == "camat" and not bersama) \
        or peristiwa == "eksekusi_selesai"
    kembali = peristiwa == KeadaanLangkah.DIKEMBALIKAN
    if not (disahkan or kembali):
        return
    aksi = "sahkan" if disahkan else "kembalikan"
    for r in angka_eksekusi(session, eks):
        if r.eksekusi_id != eks.id or (ke := MESIN_REALISASI.ke(r.status, aksi)) is None:
            continue
        nilai = {"disahkan_oleh": oleh.id, "disahkan_pada": rec.selesai_pada} if disahkan else {}
        # The step's own compare-and-set has serialised this; a figure moved meanwhile is refused, not skipped.
        if not tulis(session, r, ke=ke, nilai={**nilai, "versi": r.versi + 1}):
            ind = ambil(session, Indikator, r.indikator_id)
            raise Ditolak(_pesan_bentrok(session, r, _label(ind, r.tahun, r.triwulan)), objek="realisasi",
                          objek_id=r.id, kecamatan_id=r.kecamatan_id)
        if disahkan:
            catat(session, aksi="realisasi.resmi", oleh=oleh, objek="realisasi", objek_id=r.id,
                  kecamatan_id=r.kecamatan_id, sesudah={"nilai": r.nilai, "eksekusi": eks.id})


def _kasi_realisasi(session: Session, eks: Eksekusi) -> str | None:
    r = session.get(Realisasi, eks.subjek_id) if eks.subjek_id else None
    ind = session.get(Indikator, r.indikator_id) if r else None
    return ind.role_penanggung_jawab if ind else None


def _terkunci(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> str | None:
    if wakil(session, eks, rec):
        return "Langkah ini adalah pengisian angka: perbaiki angka di halaman Isi Realisasi lalu ajukan kembali."
    if any(r.status == R.DIKEMBALIKAN and r.eksekusi_id == eks.id for r in angka_eksekusi(session, eks)):
        return ("Angka ini dikembalikan untuk diperbaiki: perbaiki di halaman Isi Realisasi lalu ajukan kembali; "
                "pengajuan itu menyelesaikan langkah ini.")
    return None


@dataclass(frozen=True)
class Pengembalian:
    """Why and by whom a figure came back, and the step that must correct it."""

    alasan: str
    oleh: str  # the name of who returned it
    peran: str  # the role of the step that returned it
    pada: datetime
    menunggu: str  # the role the corrected figure waits on


def pengembalian(session: Session, r: Realisasi) -> Pengembalian | None:
    """The last return of a returned figure's execution, or None when the figure is not returned."""
    if r.status != R.DIKEMBALIKAN or not r.eksekusi_id \
            or ambil(session, Eksekusi, r.eksekusi_id).status != StatusEksekusi.BERJALAN:
        return None
    kembali = session.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == r.eksekusi_id)
                           .where(CatatanLangkah.hasil == KeadaanLangkah.DIKEMBALIKAN)
                           .order_by(col(CatatanLangkah.selesai_pada).desc(), col(CatatanLangkah.id).desc())).first()
    terbuka = catatan_terbuka(session, r.eksekusi_id)
    if kembali is None or terbuka is None or kembali.selesai_pada is None:
        return None
    pelaku = session.get(User, kembali.pelaku_id) if kembali.pelaku_id else None

    def nama_peran(kode: str) -> str:
        peran = session.get(Role, kode)
        return peran.nama if peran else kode

    return Pengembalian(kembali.catatan or "", pelaku.nama if pelaku else "-", nama_peran(kembali.role_kode),
                        kembali.selesai_pada, nama_peran(terbuka.role_kode))


def dikembalikan_untuk(session: Session, user: User) -> list[tuple[Realisasi, Indikator, Pengembalian]]:
    """The returned figures of the user's office that wait on the user to correct them: the step they went back to is
    the user's own role's (or an entry step, which the Kasubag Evapor may do for the Kasi)."""
    if not user.kecamatan_id:
        return []
    hasil = []
    q = (select(Realisasi, Indikator, Eksekusi).join(Indikator, col(Indikator.id) == Realisasi.indikator_id)
         .join(Eksekusi, col(Eksekusi.id) == Realisasi.eksekusi_id)
         .where(Realisasi.kecamatan_id == user.kecamatan_id).where(Realisasi.status == R.DIKEMBALIKAN)
         .where(Eksekusi.status == StatusEksekusi.BERJALAN)
         .order_by(col(Realisasi.tahun), col(Realisasi.triwulan), col(Indikator.kode)))
    for r, ind, eks in session.exec(q):
        rec = catatan_terbuka(session, eks.id)
        if rec is None:
            continue
        if milik_peran(user, rec) or (user.role_kode in PENGISI and wakil(session, eks, rec)):
            if (p := pengembalian(session, r)) is not None:
                hasil.append((r, ind, p))
    return hasil


def tautan(session: Session, eks: Eksekusi) -> str | None:
    """Isi Realisasi at the figure (or the quarter) a run carries."""
    angka = angka_eksekusi(session, eks)
    ind = f"&indikator={angka[0].indikator_id}" if len(angka) == 1 else ""
    return f"/realisasi?tahun={eks.tahun}&triwulan={eks.triwulan}{ind}"


# The two kinds of work that carry figures (listed with every other kind in models.jenis_kerja).
SUBJEK_REALISASI = JenisSubjek(nama="Realisasi IKU", kasi=_kasi_realisasi, wakil=wakil, terkunci=_terkunci,
                               peristiwa=pada_peristiwa, tautan=tautan, halaman="Isi Realisasi",
                               angka=angka_eksekusi)
SUBJEK_PENGUMPULAN = replace(SUBJEK_REALISASI, nama="Pengumpulan data kinerja", sekaligus=True)


def buka_kembali(session: Session, *, realisasi_id: int, alasan: str, oleh: User) -> Realisasi:
    """The Camat reopens an official figure for correction, with a reason; its next submission runs the SOP again."""
    teks(alasan, label="Alasan membuka kembali", maks=MAKS_KALIMAT)
    r = session.get(Realisasi, realisasi_id)
    if r is None:
        raise Ditolak("Realisasi tidak ditemukan.")
    ind = ambil(session, Indikator, r.indikator_id)
    label = _label(ind, r.tahun, r.triwulan)
    ke = _periksa(KonteksRealisasi(session, oleh, r, label, alasan), "buka")
    if not tulis(session, r, ke=ke, nilai={"versi": r.versi + 1, "diubah_oleh": oleh.id, "diubah_pada": utcnow()}):
        raise Ditolak(_pesan_bentrok(session, r, label))
    catat(session, aksi="realisasi.dibuka", oleh=oleh, objek="realisasi", objek_id=r.id, kecamatan_id=r.kecamatan_id,
          sebelum={"status": str(R.RESMI), "nilai": r.nilai}, sesudah={"status": str(ke)}, keterangan=alasan.strip())
    return r



def jejak(session: Session, eksekusi_id: int | None) -> list[tuple[CatatanLangkah, SopLangkah, User | None]]:
    """Every step record of an execution with its step and who acted on it (None while it waits), in order."""
    if not eksekusi_id:
        return []
    return list(session.exec(select(CatatanLangkah, SopLangkah, User).join(SopLangkah)
                             .outerjoin(User, col(User.id) == CatatanLangkah.pelaku_id)
                             .where(CatatanLangkah.eksekusi_id == eksekusi_id).order_by(col(CatatanLangkah.id))).all())


def bukti_diminta(session: Session, ind: Indikator, kecamatan_id: int) -> list[str]:
    """The evidence the collection SOP's first step lists for this indicator in this office."""
    rev = sop_pengumpul(session, ind, kecamatan_id)
    lk = langkah_pertama(session, rev.id) if rev else None
    return daftar_bukti(lk.kelengkapan) if lk else []
