"""The long lists of the dashboards, searched, sorted and paged by the database: Tindak Lanjut's recommendations and
Persetujuan's queue. Only one page of rows leaves the database, so an answer follows the page, not the kabupaten;
every query keeps the offices the caller passes (the user's scope, checked by the filter)."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlalchemy import case, false, literal, or_
from sqlmodel import Session, col, func

from models.akun.peran import NAMA_PERAN
from models.dasbor.kueri import (
    KOLOM_KUERI_TL,
    antrian_terbuka,
    baris_tindak_lanjut,
    kueri_antrian,
    kueri_tindak_lanjut,
    syarat_terlambat,
    umur_antrian,
)
from models.tables import CatatanLangkah, Eksekusi, Indikator, Kecamatan, Rekomendasi, Sop, SopLangkah, SopRevisi
from models.umum.halaman import PER_HALAMAN, Halaman, dengan_baris, halaman_kosong, kata_cari
from models.umum.status import StatusRekomendasi

# ---------------------------------------------------------------- Tindak Lanjut: the recommendations

# The orders the recommendations list offers, by their key.
URUTAN_REKOMENDASI = {
    "terlambat": "Terlambat dahulu",
    "jatuh_tempo": "Jatuh tempo terdekat",
    "kecamatan": "Kecamatan",
    "status": "Status",
    "terbaru": "Terbaru dicatat",
}


def _kode_bernama(nama: dict[str, str], kata: str) -> list[str]:
    """The codes whose printed name holds the word (a role or a status as the list prints it)."""
    return [k for k, n in nama.items() if kata in n.casefold()]


_NAMA_STATUS = {s.value: s.label for s in StatusRekomendasi}
_URUT_STATUS = case(*((col(Rekomendasi.status) == s.value, i) for i, s in enumerate(StatusRekomendasi)), else_=99)


def _cocok_rekomendasi(kata: str):
    """Where one word of the search may appear: the office, the recommendation, its IKU or SOP, the responsible
    role, the role it waits on or its status, as the list prints them."""
    peran = _kode_bernama(NAMA_PERAN, kata)
    status = _kode_bernama(_NAMA_STATUS, kata)
    return or_(
        func.lower(Kecamatan.nama).contains(kata, autoescape=True),
        func.lower(Rekomendasi.teks).contains(kata, autoescape=True),
        func.lower(func.coalesce(Indikator.kode, "")).contains(kata, autoescape=True),
        func.lower(func.coalesce(Sop.nama, "")).contains(kata, autoescape=True),
        col(Rekomendasi.role_kode).in_(peran) if peran else false(),
        _menunggu().in_(peran) if peran else false(),
        col(Rekomendasi.status).in_(status) if status else false(),
    )


def _menunggu():
    """models.tindak_lanjut.rekomendasi.menunggu() as the database reads it."""
    return case(
        (col(Rekomendasi.status).in_([StatusRekomendasi.BARU.value, StatusRekomendasi.DALAM_PROSES.value,
                                      StatusRekomendasi.DIKEMBALIKAN.value]), col(Rekomendasi.role_kode)),
        (col(Rekomendasi.status) == StatusRekomendasi.DISERAHKAN.value, literal("sekcam")),
        (col(Rekomendasi.status) == StatusRekomendasi.DIVERIFIKASI.value, literal("camat")),
        else_=literal(""))


def cari_rekomendasi(session: Session, *, kecamatan_ids: list[int], tahun: int, triwulan: int | None,
                     hari_ini: date, cari: object = None, urut: object = "terlambat", halaman: object = 1,
                     peran_sendiri: str | None = None, per_halaman: int = PER_HALAMAN) -> Halaman[dict]:
    """One page of Tindak Lanjut's recommendations for the offices and the period (the rows of
    models.dasbor.kueri.tindak_lanjut, KOLOM_TL), searched, sorted and paged by the database.

    Each word of the search must appear in the office, the recommendation, its IKU or SOP, the responsible role, the
    role it waits on or its status. `peran_sendiri`, an office user's role: the items on that role (responsible for
    them or waited on) come first, as the page has always listed them. An order not offered reads as "terlambat"
    (overdue first, the latest first, then by due date); a page past the last is the last.
    """
    if not kecamatan_ids:
        return halaman_kosong(1, 0, 0, per_halaman)
    syarat = [_cocok_rekomendasi(k) for k in kata_cari(cari)]

    def kueri(*kolom):
        return kueri_tindak_lanjut(*kolom, kecamatan_ids=kecamatan_ids, tahun=tahun, triwulan=triwulan,
                                   hari_ini=hari_ini)

    semua = session.exec(kueri(func.count(col(Rekomendasi.id)))).scalar_one()
    cocok = session.exec(kueri(func.count(col(Rekomendasi.id))).where(*syarat)).scalar_one() if syarat else semua
    h = halaman_kosong(halaman, cocok, semua, per_halaman)
    telat = case((syarat_terlambat(hari_ini), 0), else_=1)
    dahulu = telat, col(Rekomendasi.jatuh_tempo)
    urutan = {
        "terlambat": dahulu,
        "jatuh_tempo": (col(Rekomendasi.jatuh_tempo),),
        "kecamatan": (col(Kecamatan.nama), *dahulu),
        "status": (_URUT_STATUS, *dahulu),
        "terbaru": (col(Rekomendasi.dibuat_pada).desc(),),
    }[urut if isinstance(urut, str) and urut in URUTAN_REKOMENDASI else "terlambat"]
    if peran_sendiri:
        sendiri = (col(Rekomendasi.role_kode) == peran_sendiri) | (_menunggu() == peran_sendiri)
        urutan = (case((sendiri, 0), else_=1), *urutan)
    q = kueri(*KOLOM_KUERI_TL).where(*syarat).order_by(*urutan, col(Rekomendasi.id)).offset(h.offset) \
        .limit(h.per_halaman)
    baris = [baris_tindak_lanjut(*r, tahun=tahun, triwulan=triwulan, hari_ini=hari_ini) for r in session.exec(q)]
    return dengan_baris(h, baris)


def rekomendasi_terlihat(session: Session, rekomendasi_id: int, *, kecamatan_ids: list[int], tahun: int,
                         triwulan: int | None, hari_ini: date) -> dict | None:
    """One recommendation as the list prints it, if the list holds it for these offices and this period (an item a
    reminder's link names, whatever page it is on)."""
    if not kecamatan_ids:
        return None
    r = session.exec(kueri_tindak_lanjut(*KOLOM_KUERI_TL, kecamatan_ids=kecamatan_ids, tahun=tahun,
                                         triwulan=triwulan, hari_ini=hari_ini)
                     .where(col(Rekomendasi.id) == rekomendasi_id)).first()
    return baris_tindak_lanjut(*r, tahun=tahun, triwulan=triwulan, hari_ini=hari_ini) if r else None


# ---------------------------------------------------------------- Persetujuan: the queue of open steps

# The orders the queue offers, by their key.
URUTAN_ANTRIAN = {
    "terlambat": "Melewati mutu baku dahulu",
    "sejak": "Terlama menunggu",
    "kecamatan": "Kecamatan",
    "sop": "SOP",
    "peran": "Peran yang ditunggu",
}


def _cocok_antrian(kata: str):
    """Where one word of the search may appear: the office, the work's subject, the SOP, the step's activity, the
    role it waits on, as the queue prints them."""
    peran = _kode_bernama(NAMA_PERAN, kata)
    return or_(
        func.lower(Kecamatan.nama).contains(kata, autoescape=True),
        func.lower(Eksekusi.judul).contains(kata, autoescape=True),
        func.lower(SopRevisi.nama).contains(kata, autoescape=True),
        func.lower(SopLangkah.kegiatan).contains(kata, autoescape=True),
        col(CatatanLangkah.role_kode).in_(peran) if peran else false(),
    )


def cari_antrian(session: Session, *, kecamatan_ids: list[int], cari: object = None, urut: object = "terlambat",
                 halaman: object = 1, sekarang: datetime | None = None,
                 per_halaman: int = PER_HALAMAN) -> Halaman[dict]:
    """One page of the open steps of the offices (the rows of models.dasbor.kueri.antrian_terbuka, KOLOM_ANTRIAN),
    searched and counted by the database.

    Each word of the search must appear in the office, the subject, the SOP, the activity or the role waited on.
    Ordered by the office, the SOP, the role or the time received, the database pages it and only the page's ages are
    reckoned. The first order, overdue first then the furthest past its standard, rests on each office's working
    calendar, which the database does not hold: the matching steps' ages alone are reckoned (umur_antrian), the page
    is cut from them, and only the page's rows are read with their texts.
    An order not offered reads as "terlambat"; a page past the last is the last.
    """
    if not kecamatan_ids:
        return halaman_kosong(1, 0, 0, per_halaman)
    syarat = tuple(_cocok_antrian(k) for k in kata_cari(cari))
    semua = session.exec(kueri_antrian(func.count(col(CatatanLangkah.id)), kecamatan_ids=kecamatan_ids)).scalar_one()
    cocok = session.exec(kueri_antrian(func.count(col(CatatanLangkah.id)), kecamatan_ids=kecamatan_ids)
                         .where(*syarat)).scalar_one() if syarat else semua
    h = halaman_kosong(halaman, cocok, semua, per_halaman)
    kunci = urut if isinstance(urut, str) and urut in URUTAN_ANTRIAN else "terlambat"
    if kunci == "terlambat":  # the matching steps' ages only, then the texts of the page's rows
        umur = umur_antrian(session, kecamatan_ids=kecamatan_ids, sekarang=sekarang, syarat=syarat)
        halaman_ini = antrian_terbuka(session, kecamatan_ids=kecamatan_ids,
                                      umur=umur.iloc[h.offset:h.offset + h.per_halaman])
        return dengan_baris(h, halaman_ini.to_dict("records"))
    sejak = col(CatatanLangkah.diterima_pada)
    urutan = {"sejak": (sejak,), "kecamatan": (col(Kecamatan.nama), sejak), "sop": (col(SopRevisi.nama), sejak),
              "peran": (col(CatatanLangkah.role_kode), sejak)}[kunci]
    ids = list(session.exec(kueri_antrian(CatatanLangkah.id, kecamatan_ids=kecamatan_ids).where(*syarat)
                            .order_by(*urutan, col(CatatanLangkah.id)).offset(h.offset).limit(h.per_halaman))
               .scalars())
    df = antrian_terbuka(session, kecamatan_ids=kecamatan_ids, sekarang=sekarang, catatan_ids=ids)
    per = {int(r["catatan_id"]): r for r in df.to_dict("records")}
    return dengan_baris(h, [per[i] for i in ids if i in per])


def tabel_halaman(baris: list[dict], kolom: list[str]) -> pd.DataFrame:
    """A page's rows as the table of the whole list reads them (its columns, even when the page is empty)."""
    return pd.DataFrame(baris, columns=kolom)
