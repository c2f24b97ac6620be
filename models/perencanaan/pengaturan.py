"""A kabupaten's own settings: the Bupati's name (pihak kedua of each Camat's Perjanjian Kinerja), the cap that
averages and ranks across capaian count each value up to, the RPJMD in force (its first year and the day it was
set: the Renstra of its period is due one month later), and the capaian bands it judges by from a year on.

Who may change them: the admin (any kabupaten) or an active user with role "kabupaten" of that kabupaten, the same
rule as the SAKIP calendar's. Each change is one transaction with its audit row (before and after); bad input is
refused with `Ditolak` and writes nothing.

Bands: a year is judged by the set with the latest `berlaku_mulai` not after it (models.kinerja.capaian). A set
may start no earlier than the current year, so the bands a closed year was judged by never change; the current
year is still being measured and its LKj not yet written, so a kabupaten may still correct it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import EllipsisType
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.kinerja.capaian import batas_rerata, pita_dari
from models.kinerja.mesin import BATAS_RERATA_BAKU, PREDIKAT_BAKU, Predikat
from models.perencanaan.kalender_sakip import boleh_mengubah_jadwal, rpjmd_kabupaten
from models.tables import Kabupaten, PredikatKabupaten, RpjmdKabupaten, User, utcnow
from models.umum import periode
from models.umum.angka import baca_angka, format_angka, tulis_angka
from models.umum.audit import catat
from models.umum.penolakan import Ditolak
from models.umum.tanggal import PESAN_TANGGAL, baca_tanggal, tanggal_panjang

PESAN_PERAN = "Hanya Admin atau pengguna kabupaten ini yang dapat mengubah pengaturan kabupatennya."
# Below 100 an office exactly on target would count less than it achieved; above 300 one lower-is-better indicator
# far past its target still outweighs three on target, which is what the cap is for. PermenPAN-RB 8/2021: 120.
BATAS_RERATA_MIN, BATAS_RERATA_MAKS = 100.0, 300.0
PANJANG_NAMA_BUPATI = 160
PITA_MIN, PITA_MAKS = 2, 10
PANJANG_NAMA_PITA = 40
AMBANG_MAKS = 1000.0
TAHUN_KE_DEPAN = 10  # a set of bands or an RPJMD at most this many years ahead
# Who reviews (reviu) the offices' Laporan Kinerja before the Camat signs: the office's own Sekretaris Camat, or the
# kabupaten's Inspektorat.
REVIU_LKJ = {"sekcam": "Sekretaris Camat", "inspektorat": "Inspektorat kabupaten"}


@dataclass(frozen=True)
class Pengaturan:
    """A kabupaten's settings as the page shows them."""

    kabupaten_id: int
    nama: str
    bupati_nama: str | None
    batas_rerata: float
    rpjmd_tahun_awal: int | None  # the latest RPJMD recorded: the first year of its period and the day it was set
    rpjmd_ditetapkan: date | None
    diubah_oleh: str | None  # the name of who last changed them
    diubah_pada: datetime | None
    reviu_lkj: str = "sekcam"  # a key of REVIU_LKJ


@dataclass(frozen=True)
class SetPredikat:
    """The bands a kabupaten judges by from `berlaku_mulai` on."""

    id: int
    berlaku_mulai: int
    pita: tuple[Predikat, ...]
    diubah_oleh: str | None
    diubah_pada: datetime


def _kabupaten(session: Session, kabupaten_id: int) -> Kabupaten:
    kab = session.get(Kabupaten, kabupaten_id)
    if kab is None:
        raise Ditolak("Kabupaten tidak ditemukan.")
    return kab


def _nama_pengguna(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    u = session.get(User, user_id)
    return u.nama if u is not None else None


def baca_pengaturan(session: Session, kabupaten_id: int) -> Pengaturan:
    """The kabupaten's settings as stored (the cap's default is 120), with its latest RPJMD."""
    kab = _kabupaten(session, kabupaten_id)
    rpjmd = rpjmd_kabupaten(session, [kab.id]).get(kab.id, {})
    awal = max(rpjmd, default=None)
    return Pengaturan(kabupaten_id=kab.id, nama=kab.nama, bupati_nama=kab.bupati_nama,
                      batas_rerata=kab.batas_rerata, rpjmd_tahun_awal=awal,
                      rpjmd_ditetapkan=rpjmd[awal] if awal is not None else None,
                      diubah_oleh=_nama_pengguna(session, kab.diubah_oleh), diubah_pada=kab.diubah_pada,
                      reviu_lkj=kab.reviu_lkj)


def _isi(session: Session, kab: Kabupaten) -> dict[str, Any]:
    """The settings as an audit row writes them: every RPJMD recorded, by the first year of its period."""
    rpjmd = rpjmd_kabupaten(session, [kab.id]).get(kab.id, {})
    return {"bupati_nama": kab.bupati_nama, "batas_rerata": kab.batas_rerata, "reviu_lkj": kab.reviu_lkj,
            "rpjmd": {str(awal): hari.isoformat() for awal, hari in sorted(rpjmd.items())}}


def baca_nama_bupati(nilai: str | None) -> str | None:
    """The Bupati's name tidied (spaces collapsed); None for nothing typed.

    >>> baca_nama_bupati("  Drs. H.  M. Sanusi,  M.M. "), baca_nama_bupati("  ")
    ('Drs. H. M. Sanusi, M.M.', None)
    """
    if nilai is None:
        return None
    if not isinstance(nilai, str):
        raise Ditolak("Nama Bupati harus berupa teks.")
    nama = " ".join(nilai.split())
    if len(nama) > PANJANG_NAMA_BUPATI:
        raise Ditolak(f"Nama Bupati paling panjang {PANJANG_NAMA_BUPATI} karakter.")
    return nama or None


def baca_reviu_lkj(nilai: str | None) -> str:
    """Who reviews the offices' LKj: "sekcam" or "inspektorat".

    >>> baca_reviu_lkj("inspektorat"), baca_reviu_lkj(None)
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Pilih siapa yang mereviu Laporan Kinerja: Sekretaris Camat atau Inspektorat kabupaten.
    """
    if nilai not in REVIU_LKJ:
        raise Ditolak("Pilih siapa yang mereviu Laporan Kinerja: Sekretaris Camat atau Inspektorat kabupaten.")
    return str(nilai)


def baca_batas_rerata(nilai: str | float | int | None) -> float:
    """The cap for averages, in percent: a number from 100 to 300.

    >>> baca_batas_rerata("150"), baca_batas_rerata("120,5"), baca_batas_rerata(100)
    (150.0, 120.5, 100.0)
    >>> baca_batas_rerata("90")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Batas rata-rata capaian harus antara 100 dan 300 persen, bukan 90.
    """
    try:
        batas = baca_angka(nilai)
    except Ditolak:
        raise Ditolak(f"Batas rata-rata capaian harus berupa angka persen, bukan \"{nilai}\".") from None
    if batas is None:
        raise Ditolak("Batas rata-rata capaian wajib diisi (bawaan 120 persen).")
    if not BATAS_RERATA_MIN <= batas <= BATAS_RERATA_MAKS:
        raise Ditolak(f"Batas rata-rata capaian harus antara {format_angka(BATAS_RERATA_MIN)} dan "
                      f"{format_angka(BATAS_RERATA_MAKS)} persen, bukan {tulis_angka(batas)}.")
    return batas


def _baca_tahun(nilai: str | int | None, apa: str) -> int | None:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    teks = str(nilai).strip()
    if isinstance(nilai, bool) or not teks.isdigit() or len(teks) != 4:
        raise Ditolak(f"{apa} harus berupa tahun empat angka, mis. 2025, bukan \"{nilai}\".")
    return int(teks)


def _baca_tanggal_rpjmd(nilai: str | date | None) -> date | None:
    try:
        return baca_tanggal(nilai)
    except Ditolak:
        raise Ditolak(f"Tanggal penetapan RPJMD \"{nilai}\" tidak dapat dibaca. {PESAN_TANGGAL}") from None


def ubah_pengaturan(session: Session, *, kabupaten_id: int, oleh: User,
                    bupati_nama: str | None | EllipsisType = ...,
                    batas_rerata: str | float | int | None | EllipsisType = ...,
                    rpjmd_tahun_awal: str | int | None | EllipsisType = ...,
                    rpjmd_ditetapkan: str | date | None | EllipsisType = ...,
                    reviu_lkj: str | None | EllipsisType = ...,
                    hari_ini: date | None = None, pada: datetime | None = None) -> Kabupaten:
    """Change a kabupaten's settings; a field left as ... keeps its value. Values may be as typed ("120,5",
    "15 Agustus 2025"). The RPJMD: its first year, and the day its Perda was set (a real date, not after today,
    within a year of the period's start); a date needs the year, and is kept for that period only (recording the
    next period's RPJMD leaves the earlier one's, by which its Renstra was due); a year without a date (the date
    field emptied) removes that period's. Admin or the kabupaten's own users; audited with before and after; no
    change writes nothing."""
    if not boleh_mengubah_jadwal(oleh, kabupaten_id):
        raise Ditolak(PESAN_PERAN, aksi="kabupaten.pengaturan", objek="kabupaten", objek_id=kabupaten_id)
    _kabupaten(session, kabupaten_id)
    # Take the kabupaten's row and read it afresh: of two changes at once, the second sees the first's values as
    # its "before" and is checked against them.
    session.execute(update(Kabupaten).where(col(Kabupaten.id) == kabupaten_id).values(id=kabupaten_id))
    kab = session.get(Kabupaten, kabupaten_id, populate_existing=True)
    assert kab is not None  # found just above, and held
    hari = hari_ini or periode.hari_ini()
    baru: dict[str, Any] = {}
    if not isinstance(bupati_nama, EllipsisType):
        baru["bupati_nama"] = baca_nama_bupati(bupati_nama)
    if not isinstance(batas_rerata, EllipsisType):
        baru["batas_rerata"] = baca_batas_rerata(batas_rerata)
    if not isinstance(reviu_lkj, EllipsisType):
        baru["reviu_lkj"] = baca_reviu_lkj(reviu_lkj)
    rpjmd = rpjmd_kabupaten(session, [kab.id]).get(kab.id, {})
    ubah_rpjmd = not isinstance(rpjmd_tahun_awal, EllipsisType) or not isinstance(rpjmd_ditetapkan, EllipsisType)
    awal = (_baca_tahun(rpjmd_tahun_awal, "Tahun awal RPJMD") if not isinstance(rpjmd_tahun_awal, EllipsisType)
            else max(rpjmd, default=None))
    ditetapkan = (_baca_tanggal_rpjmd(rpjmd_ditetapkan) if not isinstance(rpjmd_ditetapkan, EllipsisType)
                  else rpjmd.get(awal) if awal is not None else None)
    if awal is not None and not 2000 <= awal <= hari.year + TAHUN_KE_DEPAN:
        raise Ditolak(f"Tahun awal RPJMD harus antara 2000 dan {hari.year + TAHUN_KE_DEPAN}, bukan {awal}.")
    if ditetapkan is not None:
        if awal is None:
            raise Ditolak("Isi tahun awal periode RPJMD yang ditetapkan pada tanggal itu.")
        if ditetapkan > hari:
            raise Ditolak(f"Tanggal penetapan RPJMD ({tanggal_panjang(ditetapkan)}) belum tiba: isi setelah "
                          "Perda RPJMD ditetapkan.")
        if not awal - 1 <= ditetapkan.year <= awal + 1:
            raise Ditolak(f"RPJMD periode {awal}–{awal + 4} ditetapkan antara tahun {awal - 1} dan {awal + 1}, "
                          f"bukan {tanggal_panjang(ditetapkan)}.")
    sebelum = _isi(session, kab)
    for kolom, nilai in baru.items():
        setattr(kab, kolom, nilai)
    if ubah_rpjmd and awal is not None and rpjmd.get(awal) != ditetapkan:
        row = session.exec(select(RpjmdKabupaten).where(RpjmdKabupaten.kabupaten_id == kab.id)
                           .where(RpjmdKabupaten.tahun_awal == awal)).first()
        if ditetapkan is None and row is not None:
            session.delete(row)
        elif ditetapkan is not None:
            row = row or RpjmdKabupaten(kabupaten_id=kab.id, tahun_awal=awal, ditetapkan=ditetapkan)
            row.ditetapkan, row.diubah_oleh, row.diubah_pada = ditetapkan, oleh.id, pada or utcnow()
            session.add(row)
        session.flush()
    sesudah = _isi(session, kab)
    if sesudah == sebelum:
        return kab
    kab.diubah_oleh = oleh.id
    kab.diubah_pada = pada or utcnow()
    session.add(kab)
    session.flush()
    catat(session, aksi="kabupaten.pengaturan", oleh=oleh, objek="kabupaten", objek_id=kab.id,
          sebelum=sebelum, sesudah=sesudah, keterangan=f"Pengaturan Kabupaten {kab.nama}")
    return kab


# ---------------------------------------------------------------------- predicate bands from a year on


def daftar_predikat(session: Session, kabupaten_id: int) -> list[SetPredikat]:
    """The kabupaten's sets of bands by their first year; none at all: every year on the common scale."""
    rows = session.exec(select(PredikatKabupaten).where(PredikatKabupaten.kabupaten_id == kabupaten_id)
                        .order_by(col(PredikatKabupaten.berlaku_mulai))).all()
    return [SetPredikat(id=r.id, berlaku_mulai=r.berlaku_mulai, pita=pita_dari(r.pita),
                        diubah_oleh=_nama_pengguna(session, r.diubah_oleh), diubah_pada=r.diubah_pada)
            for r in rows]


def warna_bawaan(urutan: int, jumlah: int) -> str:
    """The colour a band without one gets: the common scale's, from green (highest) to red (lowest).

    >>> [warna_bawaan(i, 3) for i in range(3)]
    ['#1a7f37', '#d4a72c', '#cf222e']
    """
    n = len(PREDIKAT_BAKU) - 1
    return PREDIKAT_BAKU[round(urutan * n / max(1, jumlah - 1))].warna


def _warna(nilai: Any, nama: str) -> str | None:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    teks = str(nilai).strip().lower()
    if len(teks) != 7 or teks[0] != "#" or any(c not in "0123456789abcdef" for c in teks[1:]):
        raise Ditolak(f"Warna predikat \"{nama}\" harus kode heksadesimal seperti #1a7f37, bukan \"{nilai}\".")
    return teks


def periksa_pita(isian: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Bands as typed, highest first ([{"nama", "di_atas", "warna"}], empty rows left out), checked and stored
    as PredikatKabupaten.pita: 2 to 10 bands, names non-empty and distinct, each band but the last holds values
    above its threshold (a number from 0, strictly lower than the band above's), the last holds the rest and has
    none; a colour is #rrggbb, or the common scale's by position.

    >>> periksa_pita([{"nama": "Baik", "di_atas": "75", "warna": ""}, {"nama": "Kurang", "di_atas": ""}])
    [{'nama': 'Baik', 'di_atas': 75.0, 'warna': '#1a7f37'}, {'nama': 'Kurang', 'di_atas': None, 'warna': '#cf222e'}]
    """
    baris = [b for b in isian if any(v not in (None, "") and (not isinstance(v, str) or v.strip())
                                     for v in (b.get("nama"), b.get("di_atas"), b.get("warna")))]
    if len(baris) < PITA_MIN:
        raise Ditolak(f"Isi sedikitnya {PITA_MIN} predikat: yang tertinggi dengan batas bawahnya, dan yang "
                      "terendah tanpa batas.")
    if len(baris) > PITA_MAKS:
        raise Ditolak(f"Paling banyak {PITA_MAKS} predikat.")
    hasil: list[dict[str, Any]] = []
    dilihat: set[str] = set()
    for n, b in enumerate(baris):
        nama = " ".join(str(b.get("nama") or "").split())
        if not nama:
            raise Ditolak(f"Nama predikat ke-{n + 1} wajib diisi.")
        if len(nama) > PANJANG_NAMA_PITA:
            raise Ditolak(f"Nama predikat \"{nama[:20]}…\" paling panjang {PANJANG_NAMA_PITA} karakter.")
        if nama.lower() in dilihat:
            raise Ditolak(f"Nama predikat \"{nama}\" dipakai dua kali: setiap predikat harus bernama lain.")
        dilihat.add(nama.lower())
        try:
            ambang = baca_angka(b.get("di_atas"))
        except Ditolak:
            raise Ditolak(f"Batas predikat \"{nama}\" harus berupa angka persen, bukan \"{b.get('di_atas')}\".") from None
        terakhir = n == len(baris) - 1
        if terakhir and ambang is not None:
            raise Ditolak(f"Predikat terendah \"{nama}\" tidak memakai batas: ia mencakup semua capaian di bawah "
                          "predikat di atasnya. Kosongkan batasnya.")
        if not terakhir and ambang is None:
            raise Ditolak(f"Batas predikat \"{nama}\" wajib diisi: capaian di atas batas itu mendapat predikat ini.")
        if ambang is not None:
            if not 0 <= ambang <= AMBANG_MAKS:
                raise Ditolak(f"Batas predikat \"{nama}\" harus antara 0 dan {format_angka(AMBANG_MAKS)} persen.")
            if hasil and ambang >= hasil[-1]["di_atas"]:
                raise Ditolak(f"Batas predikat harus menurun: \"{nama}\" ({tulis_angka(ambang)}) harus lebih "
                              f"rendah dari \"{hasil[-1]['nama']}\" ({tulis_angka(hasil[-1]['di_atas'])}).")
        hasil.append({"nama": nama, "di_atas": ambang,
                      "warna": _warna(b.get("warna"), nama) or warna_bawaan(n, len(baris))})
    return hasil


def _sebagai_data(pita: Sequence[Predikat]) -> list[dict[str, Any]]:
    return [{"nama": p.nama, "di_atas": p.di_atas, "warna": p.warna} for p in pita]


def atur_predikat(session: Session, *, kabupaten_id: int, berlaku_mulai: str | int | None,
                  pita: Sequence[Mapping[str, Any]], oleh: User, hari_ini: date | None = None,
                  pada: datetime | None = None) -> PredikatKabupaten:
    """Add, or replace, the set of bands that holds from `berlaku_mulai` on (until a later set). It may start no
    earlier than the current year: the years before keep the bands they were judged by. Admin or the kabupaten's
    own users; audited with the bands that year was judged by before and after; no change writes nothing."""
    if not boleh_mengubah_jadwal(oleh, kabupaten_id):
        raise Ditolak(PESAN_PERAN, aksi="predikat.atur", objek="kabupaten", objek_id=kabupaten_id)
    kab = _kabupaten(session, kabupaten_id)
    hari = hari_ini or periode.hari_ini()
    tahun = _baca_tahun(berlaku_mulai, "Tahun mulai berlaku")
    if tahun is None:
        raise Ditolak("Isi tahun mulai berlakunya predikat.")
    if tahun < hari.year:
        raise Ditolak(f"Predikat hanya dapat diatur mulai tahun {hari.year} atau sesudahnya: tahun {tahun} dan "
                      "sebelumnya tetap dinilai dengan predikat yang berlaku saat itu.")
    if tahun > hari.year + TAHUN_KE_DEPAN:
        raise Ditolak(f"Tahun mulai berlaku paling jauh {hari.year + TAHUN_KE_DEPAN}, bukan {tahun}.")
    data = periksa_pita(pita)
    # Take the kabupaten's row: two changes of the same year at once are made one after the other.
    session.execute(update(Kabupaten).where(col(Kabupaten.id) == kab.id).values(id=kab.id))
    semua = {r.berlaku_mulai: r for r in session.exec(
        select(PredikatKabupaten).where(PredikatKabupaten.kabupaten_id == kab.id)
        .execution_options(populate_existing=True)).all()}
    dulu = max((t for t in semua if t <= tahun), default=None)
    sebelum = _sebagai_data(pita_dari(semua[dulu].pita if dulu is not None else None))
    row = semua.get(tahun)
    if row is not None and _sebagai_data(pita_dari(row.pita)) == data:
        return row
    if row is None:
        row = PredikatKabupaten(kabupaten_id=kab.id, berlaku_mulai=tahun, pita=data)
    row.pita = data
    row.diubah_oleh = oleh.id
    row.diubah_pada = pada or utcnow()
    session.add(row)
    session.flush()
    catat(session, aksi="predikat.atur", oleh=oleh, objek="predikat_kabupaten", objek_id=row.id,
          sebelum={"berlaku_mulai": dulu, "pita": sebelum}, sesudah={"berlaku_mulai": tahun, "pita": data},
          keterangan=f"Kabupaten {kab.nama}: predikat mulai tahun {tahun}")
    return row


def teks_pita(pita: Sequence[Predikat]) -> str:
    """A set of bands in one line, as the page lists it.

    >>> teks_pita(PREDIKAT_BAKU)
    'Sangat Baik > 90 · Baik > 75 · Cukup > 65 · Kurang > 50 · Sangat Kurang ≤ 50'
    """
    bagian = []
    for n, p in enumerate(pita):
        if p.di_atas is not None:
            bagian.append(f"{p.nama} > {tulis_angka(p.di_atas)}")
        else:
            bawah = pita[n - 1].di_atas if n else None
            bagian.append(p.nama if bawah is None else
                          f"{p.nama} ≤ {tulis_angka(bawah)}")
    return " · ".join(bagian)


def batas_tampil(session: Session, kecamatan_ids: list[int]) -> str:
    """The cap the averages of a view of offices count each capaian up to, in words: their kabupaten's, or each
    kabupaten's own when the view spans several. Printed with an average's table and in its column header, so the
    downloads carry it too."""
    batas = set(batas_rerata(session, kecamatan_ids).values())
    if len(batas) == 1:
        return teks_batas_rerata(batas.pop())
    return "tiap capaian dihitung paling tinggi batas kabupatennya"


def teks_batas_rerata(batas: float | None = BATAS_RERATA_BAKU) -> str:
    """The note printed with an average of capaian.

    >>> teks_batas_rerata(120.0), teks_batas_rerata(150.5)
    ('tiap capaian dihitung paling tinggi 120%', 'tiap capaian dihitung paling tinggi 150,5%')
    """
    if batas is None:
        return "tanpa batas capaian"
    return f"tiap capaian dihitung paling tinggi {tulis_angka(batas)}%"
