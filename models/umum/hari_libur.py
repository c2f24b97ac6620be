"""The days off of every office kept in the database, and the work calendar of one office built from them.

The holidays library gives Indonesia's public holidays and the government's cuti bersama
(models.umum.kalender.libur_resmi); the admin adds on the Hari Libur page the days off it does not know.
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.tables import HariLibur, Kecamatan, User
from models.umum import periode
from models.umum.audit import catat
from models.umum.kalender import (
    JAM_KERJA_BAKU,
    TAHUN_AWAL,
    ZONA_BAKU,
    KalenderKerja,
    baca_jam_kerja,
    cuti_bersama,
    libur_nasional,
    libur_resmi,
)
from models.umum.penolakan import Ditolak
from models.umum.tanggal import tanggal_hari, tanggal_panjang


def kalender_kantor(session: Session, kecamatan_id: int | None, *, jam_kerja: str | None = None,
                    tahun: tuple[int, int] | None = None) -> KalenderKerja:
    """The calendar of one office: its time zone, office hours (`jam_kerja`, else those the session was opened
    with, models.db.session_scope, else JAM_KERJA_BAKU), national holidays of the years `tahun` (default 2015 to next year) and every
    day off an admin entered. Without an office: Asia/Jakarta."""
    zona = ZONA_BAKU
    if kecamatan_id is not None:
        kec = session.get(Kecamatan, kecamatan_id)
        if kec is None:
            raise ValueError(f"Kecamatan {kecamatan_id} tidak ditemukan.")
        zona = kec.zona_waktu or ZONA_BAKU
    if jam_kerja is None:
        jam_kerja = session.info.get("jam_kerja") or JAM_KERJA_BAKU
    awal, akhir = tahun or (TAHUN_AWAL, periode.hari_ini().year + 1)
    # One unit of work builds the same calendar several times (a page's parts each measure in it); it is kept
    # until the session next writes, which may be a day off.
    simpanan = session.info.setdefault(_KALENDER, {})
    kunci = (zona, jam_kerja, awal, akhir)
    if kunci not in simpanan:
        libur = set(libur_resmi(awal, akhir))
        libur.update(session.exec(select(col(HariLibur.tanggal))).all())
        simpanan[kunci] = _kalender_dipakai_ulang(zona, jam_kerja, frozenset(libur))
    return simpanan[kunci]


_KALENDER = "kalender_kantor"
# The calendars built so far, by their zone, hours and days off: a request builds the same calendar as the one before
# it (its table of working minutes, grown on first use, is kept on it), unless a day off was entered or removed since,
# which gives another key.
@lru_cache(maxsize=64)
def _kalender_dipakai_ulang(zona: str, jam_kerja: str, libur: frozenset[date]) -> KalenderKerja:
    return KalenderKerja(jam=baca_jam_kerja(jam_kerja), libur=libur, zona=zona)


@event.listens_for(Session, "after_flush")
def _lupakan_kalender(session: Session, _konteks) -> None:  # noqa: ANN001
    session.info.pop(_KALENDER, None)


# ---------------------------------------------------------------------- the admin's days off

PESAN_PERAN = "Peran Anda tidak berwenang melakukan tindakan ini."


def _periksa_admin(oleh: User | None) -> None:
    if oleh is None or oleh.role_kode != "admin":
        raise Ditolak(PESAN_PERAN)


def _sudah_ada(tanggal: date) -> str:
    return f"Tanggal {tanggal_panjang(tanggal)} sudah tercatat sebagai hari libur."


def tambah_hari_libur(session: Session, *, tanggal: date, keterangan: str, oleh: User) -> HariLibur:
    """Record a local day off for every office (one the holidays library does not know); admin only, audited.

    A date that is already a national holiday, a cuti bersama or entered before is refused.
    """
    _periksa_admin(oleh)
    if tanggal is None:
        raise Ditolak("Tanggal hari libur wajib diisi.")
    if isinstance(tanggal, datetime):
        tanggal = tanggal.date()
    keterangan = " ".join((keterangan or "").split())
    if not keterangan:
        raise Ditolak("Keterangan hari libur wajib diisi.")
    if len(keterangan) > 200:
        raise Ditolak("Keterangan hari libur paling panjang 200 karakter.")
    jam = baca_jam_kerja(session.info.get("jam_kerja") or JAM_KERJA_BAKU)
    if tanggal.weekday() not in jam:  # the office is closed that day anyway: a day off there changes nothing
        raise Ditolak(f"{tanggal_hari(tanggal)} bukan hari kerja kantor; hari libur hanya dicatat pada hari "
                              "kerja.")
    if tanggal in libur_resmi(tanggal.year, tanggal.year) or session.exec(
            select(HariLibur.id).where(HariLibur.tanggal == tanggal)).first() is not None:
        raise Ditolak(_sudah_ada(tanggal))
    row = HariLibur(tanggal=tanggal, keterangan=keterangan, dibuat_oleh=oleh.id)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # the same date entered at the same moment by another admin
        raise Ditolak(_sudah_ada(tanggal)) from None
    catat(session, aksi="hari_libur.tambah", oleh=oleh, objek="hari_libur", objek_id=row.id,
          sesudah={"tanggal": tanggal.isoformat(), "keterangan": keterangan})
    return row


def hapus_hari_libur(session: Session, *, hari_libur_id: int, oleh: User) -> None:
    """Remove an entered day off; admin only, audited with what was removed."""
    _periksa_admin(oleh)
    row = session.get(HariLibur, hari_libur_id)
    if row is None:
        raise Ditolak("Hari libur tidak ditemukan; mungkin sudah dihapus.")
    sebelum = {"tanggal": row.tanggal.isoformat(), "keterangan": row.keterangan}
    session.delete(row)
    catat(session, aksi="hari_libur.hapus", oleh=oleh, objek="hari_libur", objek_id=hari_libur_id, sebelum=sebelum)


def hari_libur_tercatat(session: Session, tahun: int) -> list[HariLibur]:
    """The days off an admin entered in a year, by date."""
    return list(session.exec(select(HariLibur).where(HariLibur.tanggal >= date(tahun, 1, 1))
                             .where(HariLibur.tanggal <= date(tahun, 12, 31)).order_by(col(HariLibur.tanggal))))


def daftar_hari_libur(session: Session, tahun: int) -> list[tuple[date, str, str]]:
    """Every day off of a year by date: (tanggal, keterangan, sumber "nasional", "cuti bersama" or "lokal")."""
    nasional = libur_nasional(tahun, tahun)
    baris = [(d, nama, "nasional") for d, nama in nasional.items()]
    baris += [(d, nama, "cuti bersama") for d, nama in cuti_bersama(tahun, tahun).items() if d not in nasional]
    baris += [(h.tanggal, h.keterangan, "lokal") for h in hari_libur_tercatat(session, tahun)]
    urutan = {"nasional": 0, "cuti bersama": 1, "lokal": 2}
    return sorted(baris, key=lambda b: (b[0], urutan[b[2]]))
