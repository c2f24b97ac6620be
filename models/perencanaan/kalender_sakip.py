"""The SAKIP calendar of a kabupaten: which SOP each obligation of its offices runs, and by when it must end.

Quarterly obligations (the quarter's figures, Pengukuran, Pemantauan, Evaluasi) open the day after the quarter's
last day and are due a number of working days of the office's work calendar later. Yearly ones (Renja, Perjanjian
Kinerja, Laporan and Pelaporan Kinerja) open and are due on dates relative to the period's year; the LKj's
delivery to the Bupati (Pelaporan Kinerja) by the date the kabupaten sets, the end of February by default. The
five-yearly Renstra opens on a date relative to its period's first year and is due one month after the
kabupaten's RPJMD of that period was set (Permendagri 86/2017); until the kabupaten records that date
(models.perencanaan.pengaturan) it has no due date: "tanpa_tenggat", never late, never "segera". The defaults,
seed/kalender_sakip.toml, hold for every kabupaten until it changes one; its first change stores its own copy of all
of them.

An office meets an obligation with an execution of its SOP of that name (matched by kunci_nama, for the same
year and quarter, not cancelled). Two are met otherwise: the quarter's figures when every IKU of the office has an
official figure, and the Perjanjian Kinerja when the Camat's PK of the year (the first or a perubahan) is signed
with its scan attached, at that instant (models.perencanaan.perjanjian_kinerja), whether or not the office runs an
SOP for it: targets in force are not a PK. An office without that SOP is not "belum ada SOP": the Camat signs.
"Late" has one rule, `terlambat`, and the statuses one function, `status_kewajiban`.
"""
from __future__ import annotations

import calendar
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from types import EllipsisType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.db import pilih
from models.kinerja.iku import iku_banyak
from models.sop.dokumen import kunci_nama
from models.sop.register import MAKS_NAMA_SOP
from models.tables import (
    Eksekusi,
    JadwalSakip,
    Kabupaten,
    Kecamatan,
    PerjanjianKinerja,
    Realisasi,
    RpjmdKabupaten,
    Sop,
    SopRevisi,
    User,
    utcnow,
)
from models.umum import periode
from models.umum.audit import catat
from models.umum.hari_libur import kalender_kantor
from models.umum.kalender import ZONA_BAKU, KalenderKerja
from models.umum.penolakan import Ditolak
from models.umum.periode import akhir_triwulan, label_triwulan
from models.umum.status import JENIS_ANGKA, KeadaanKewajiban, StatusEksekusi, StatusPerjanjian, StatusRealisasi
from models.umum.tanggal import BULAN

# The defaults are data kept with the other seed files; read (once) when first needed, never at import.
BERKAS_BAWAAN = Path(__file__).resolve().parents[2] / "seed" / "kalender_sakip.toml"

SIKLUS = ("triwulan", "tahun", "renstra")
PENGUMPULAN = "pengumpulan"  # met by official figures, never by one SOP
PERJANJIAN_KINERJA = "perjanjian_kinerja"  # met by the Camat's signed PK of the year, never by an SOP run alone
PANJANG_RENSTRA = 5
BATAS_HARI_KERJA = 60
GESER_TAHUN = range(-2, 3)
HARI_SEGERA = 7  # not done and due within this many days: "segera"
HARI_MENDATANG = 30  # kewajiban_kantor also lists what opens within this many days

STATUS = tuple(KeadaanKewajiban)
PESAN_PERAN = "Hanya Admin atau pengguna kabupaten ini yang dapat mengubah jadwal SAKIP-nya."
RENSTRA = "renstra"
PESAN_TENGGAT_RENSTRA = ("Jatuh tempo Renstra tidak diatur di jadwal: Renstra harus ditetapkan paling lambat satu "
                         "bulan setelah RPJMD periodenya ditetapkan. Isi tanggal penetapan RPJMD di Pengaturan "
                         "Kabupaten.")

TanggalRelatif = tuple[int, int, int]  # (geser_tahun, bulan, tanggal) from the period's year




# ---------------------------------------------------------------------- dates of a window


def tanggal_relatif(tahun: int, geser: int, bulan: int, tanggal: int) -> date:
    """The date (geser_tahun, bulan, tanggal) stands for in the period of `tahun`; a day beyond the month's length is
    the month's last day.

    >>> tanggal_relatif(2026, -1, 6, 30), tanggal_relatif(2026, 1, 2, 31), tanggal_relatif(2027, 1, 2, 31)
    (datetime.date(2025, 6, 30), datetime.date(2027, 2, 28), datetime.date(2028, 2, 29))
    """
    y = tahun + geser
    return date(y, bulan, min(tanggal, calendar.monthrange(y, bulan)[1]))


def teks_tanggal_relatif(geser: int, bulan: int, tanggal: int) -> str:
    """A relative date as the calendar page writes it.

    >>> teks_tanggal_relatif(-1, 6, 30), teks_tanggal_relatif(0, 1, 31), teks_tanggal_relatif(1, 2, 31)
    ('30 Juni tahun sebelumnya', '31 Januari tahun periode', 'akhir Februari tahun berikutnya')
    """
    tahun = {-2: "dua tahun sebelumnya", -1: "tahun sebelumnya", 0: "tahun periode", 1: "tahun berikutnya",
             2: "dua tahun berikutnya"}.get(geser, f"tahun periode {geser:+d}")
    hari = "akhir" if tanggal > calendar.monthrange(2001, bulan)[1] else str(tanggal)
    return f"{hari} {BULAN[bulan - 1]} {tahun}"


def hari_kerja_ke(kalender: KalenderKerja, setelah: date, n: int) -> date:
    """The `n`th working day of the calendar after the day `setelah` (which itself does not count).

    >>> from models.umum.kalender import baca_jam_kerja
    >>> kal = KalenderKerja(jam=baca_jam_kerja("Sen-Jum 08:00-16:00"), libur=frozenset({date(2026, 10, 2)}))
    >>> hari_kerja_ke(kal, date(2026, 9, 30), 1), hari_kerja_ke(kal, date(2026, 9, 30), 2)
    (datetime.date(2026, 10, 1), datetime.date(2026, 10, 5))
    """
    d = setelah
    for _ in range(n):
        d += timedelta(days=1)
        for _ in range(400):  # a calendar has working days every week; a year of holidays is a broken calendar
            if kalender.hari_kerja(d):
                break
            d += timedelta(days=1)
        else:
            raise ValueError(f"Kalender kerja tanpa hari kerja setelah {setelah.isoformat()}.")
    return d


def _mulai(jadwal: JadwalSakip, tahun: int, triwulan: int | None) -> date:
    if jadwal.siklus == "triwulan":
        if triwulan not in (1, 2, 3, 4):
            raise ValueError(f"{jadwal.nama} berulang tiap triwulan: triwulan harus 1 sampai 4.")
        return akhir_triwulan(tahun, triwulan) + timedelta(days=1)
    if triwulan is not None:
        raise ValueError(f"{jadwal.nama} tidak berulang tiap triwulan.")
    return _relatif(jadwal, tahun, jadwal.mulai_geser_tahun, jadwal.mulai_bulan, jadwal.mulai_tanggal)


def _relatif(jadwal: JadwalSakip, tahun: int, geser: int | None, bulan: int | None, tanggal: int | None) -> date:
    """A yearly or five-yearly obligation's date in the period of `tahun`; its three fields are set (ubah_jadwal)."""
    if geser is None or bulan is None or tanggal is None:
        raise ValueError(f"{jadwal.nama}: tanggal relatifnya tidak lengkap.")
    return tanggal_relatif(tahun, geser, bulan, tanggal)


def satu_bulan_setelah(hari: date) -> date:
    """The same day of the next month, or that month's last day when it is shorter.

    >>> satu_bulan_setelah(date(2025, 8, 14)), satu_bulan_setelah(date(2025, 1, 31)), satu_bulan_setelah(date(2025, 12, 31))
    (datetime.date(2025, 9, 14), datetime.date(2025, 2, 28), datetime.date(2026, 1, 31))
    """
    y, m = (hari.year + 1, 1) if hari.month == 12 else (hari.year, hari.month + 1)
    return date(y, m, min(hari.day, calendar.monthrange(y, m)[1]))


def tenggat_renstra(tahun_awal: int, rpjmd: Mapping[int, date] | None) -> date | None:
    """The due date of the Renstra of the period starting in `tahun_awal`: one month after the kabupaten's RPJMD of
    that period was set (Permendagri 86/2017: Renstra PD ditetapkan paling lama 1 bulan setelah Perda RPJMD
    ditetapkan); None while the kabupaten has not recorded that RPJMD's date. `rpjmd`: the kabupaten's RPJMD dates
    by the first year of their period (rpjmd_kabupaten).

    >>> rpjmd = {2025: date(2025, 8, 14)}
    >>> tenggat_renstra(2025, rpjmd), tenggat_renstra(2030, rpjmd), tenggat_renstra(2025, None)
    (datetime.date(2025, 9, 14), None, None)
    """
    ditetapkan = (rpjmd or {}).get(tahun_awal)
    return satu_bulan_setelah(ditetapkan) if ditetapkan is not None else None


def rpjmd_kabupaten(session: Session, kabupaten_ids: Iterable[int]) -> dict[int, dict[int, date]]:
    """Per kabupaten, the day each of its RPJMD was set, by the first year of its period; one query."""
    hasil: dict[int, dict[int, date]] = {}
    for kab_id, awal, ditetapkan in session.exec(
            pilih(RpjmdKabupaten.kabupaten_id, RpjmdKabupaten.tahun_awal, RpjmdKabupaten.ditetapkan)
            .where(col(RpjmdKabupaten.kabupaten_id).in_(list(kabupaten_ids)))):
        hasil.setdefault(kab_id, {})[awal] = ditetapkan
    return hasil


def jendela(jadwal: JadwalSakip, tahun: int, triwulan: int | None, kalender: KalenderKerja,
            rpjmd: Mapping[int, date] | None = None) -> tuple[date, date | None]:
    """The opening day and the due date of one obligation for one period (local dates of the office).

    Quarterly: the day after the quarter's last day, and the `tenggat_hari_kerja`th working day of `kalender` after
    the quarter's last day. Yearly: the dates relative to `tahun`. A Renstra: opens relative to its period's first
    year, and is due by `tenggat_renstra` of its kabupaten's `rpjmd` dates (None: no due date yet).
    """
    mulai = _mulai(jadwal, tahun, triwulan)
    if jadwal.siklus == RENSTRA:
        return mulai, tenggat_renstra(tahun, rpjmd)
    if jadwal.siklus == "triwulan":
        if triwulan is None or jadwal.tenggat_hari_kerja is None:  # _mulai refuses the first; ubah_jadwal the second
            raise ValueError(f"{jadwal.nama} berulang tiap triwulan: triwulan dan tenggat hari kerja wajib ada.")
        return mulai, hari_kerja_ke(kalender, akhir_triwulan(tahun, triwulan), jadwal.tenggat_hari_kerja)
    return mulai, _relatif(jadwal, tahun, jadwal.tenggat_geser_tahun, jadwal.tenggat_bulan, jadwal.tenggat_tanggal)


def label_periode_kewajiban(siklus: str, tahun: int, triwulan: int | None) -> str:
    """The period of an obligation as a heading.

    >>> label_periode_kewajiban("triwulan", 2026, 3), label_periode_kewajiban("tahun", 2027, None)
    ('Triwulan III 2026', 'Tahun 2027')
    >>> label_periode_kewajiban("renstra", 2025, None)
    '2025–2029'
    """
    if siklus == "triwulan":
        if triwulan is None:
            raise ValueError("Kewajiban tiap triwulan membutuhkan triwulannya.")
        return label_triwulan(tahun, triwulan)
    if siklus == "renstra":
        return f"{tahun}–{tahun + PANJANG_RENSTRA - 1}"
    return f"Tahun {tahun}"


def periode_renstra(tahun: int) -> int:
    """The first year of the five-year period a year falls in (periods counted from the defaults'
    renstra_tahun_awal, 2025)."""
    awal = _bawaan()[0]
    return awal + (tahun - awal) // PANJANG_RENSTRA * PANJANG_RENSTRA


# ---------------------------------------------------------------------- late, and the statuses


def tanggal_lokal(waktu: datetime | date, zona: str = ZONA_BAKU) -> date:
    """The office's local date of an instant (a naive datetime is taken as UTC, as the tables store it); a date is
    taken as already local."""
    if not isinstance(waktu, datetime):
        return waktu
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=timezone.utc)
    return waktu.astimezone(ZoneInfo(zona)).date()


def terlambat(selesai_pada: datetime | date, tenggat: date | None, zona: str = ZONA_BAKU) -> bool:
    """Whether work that ended at `selesai_pada` ended late: after its due date on the office's wall clock. Ending on
    the due date itself, at any hour, is on time; without a due date nothing is late.

    >>> terlambat(datetime(2026, 10, 21, 16, 30, tzinfo=timezone.utc), date(2026, 10, 21))  # 23.30 WIB
    False
    >>> terlambat(datetime(2026, 10, 21, 17, 30, tzinfo=timezone.utc), date(2026, 10, 21))  # 00.30 WIB, 22 Oct
    True
    >>> terlambat(datetime(2026, 10, 21, 17, 30, tzinfo=timezone.utc), date(2026, 10, 21), "Asia/Jakarta"), \\
    ...     terlambat(datetime(2026, 10, 21, 15, 30, tzinfo=timezone.utc), date(2026, 10, 21), "Asia/Jayapura")
    (True, True)
    >>> terlambat(date(2031, 1, 1), None)
    False
    """
    return tenggat is not None and tanggal_lokal(selesai_pada, zona) > tenggat


def status_kewajiban(*, tenggat: date | None, hari_ini: date, selesai_pada: datetime | date | None = None,
                     berjalan: bool = False, ada_sop: bool = True, zona: str = ZONA_BAKU) -> KeadaanKewajiban:
    """The status of one obligation of one period, the one place these rules live.

    Ended: "selesai", or "selesai_terlambat" when it ended after the due date (`terlambat`). Not ended: "tanpa_sop"
    when the office has no SOP to do it with and nothing runs; else "terlambat" past the due date, "segera" when due
    within 7 days (today included), "berjalan" when an execution runs and the due date is further, otherwise
    "belum_jatuh_tempo". Lateness and urgency come before "berjalan": work still running on its due date is
    "segera", the day after "terlambat". Without a due date (a Renstra before the RPJMD is set) nothing is late or
    "segera": ended work is "selesai_tanpa_tenggat" (ended, neither on time nor late), running work "berjalan", an
    office without the SOP still "tanpa_sop", the rest "tanpa_tenggat".

    >>> t = date(2026, 10, 21)  # Pengukuran Kinerja, triwulan III 2026
    >>> str(status_kewajiban(tenggat=t, hari_ini=date(2026, 11, 2), selesai_pada=date(2026, 10, 21)))
    'selesai'
    >>> str(status_kewajiban(tenggat=t, hari_ini=date(2026, 11, 2), selesai_pada=date(2026, 10, 22)))
    'selesai_terlambat'
    >>> [str(status_kewajiban(tenggat=t, hari_ini=date(2026, 10, d))) for d in (13, 14, 21, 22)]
    ['belum_jatuh_tempo', 'segera', 'segera', 'terlambat']
    >>> [str(status_kewajiban(tenggat=t, hari_ini=date(2026, 10, d), berjalan=True)) for d in (5, 14, 22)]
    ['berjalan', 'segera', 'terlambat']
    >>> str(status_kewajiban(tenggat=t, hari_ini=date(2026, 11, 2), ada_sop=False))
    'tanpa_sop'
    >>> str(status_kewajiban(tenggat=t, hari_ini=date(2026, 11, 2), ada_sop=False, selesai_pada=date(2026, 10, 1)))
    'selesai'
    >>> [str(status_kewajiban(tenggat=None, hari_ini=date(2031, 1, 1), **k))
    ...  for k in ({}, {"berjalan": True}, {"selesai_pada": date(2030, 12, 31)}, {"ada_sop": False})]
    ['tanpa_tenggat', 'berjalan', 'selesai_tanpa_tenggat', 'tanpa_sop']
    """
    if selesai_pada is not None and tenggat is None:
        return KeadaanKewajiban.SELESAI_TANPA_TENGGAT
    if selesai_pada is not None:
        return KeadaanKewajiban.SELESAI_TERLAMBAT if terlambat(selesai_pada, tenggat, zona) else KeadaanKewajiban.SELESAI
    if not ada_sop and not berjalan:
        return KeadaanKewajiban.TANPA_SOP
    if tenggat is None:
        return KeadaanKewajiban.BERJALAN if berjalan else KeadaanKewajiban.TANPA_TENGGAT
    if tenggat < hari_ini:
        return KeadaanKewajiban.TERLAMBAT
    if tenggat <= hari_ini + timedelta(days=HARI_SEGERA):
        return KeadaanKewajiban.SEGERA
    return KeadaanKewajiban.BERJALAN if berjalan else KeadaanKewajiban.BELUM_JATUH_TEMPO


# ---------------------------------------------------------------------- the calendar of a kabupaten

_ISIAN = ("sop_nama", "tenggat_hari_kerja", "mulai", "tenggat")


def _isi(j: JadwalSakip) -> dict[str, Any]:
    """The fields of an obligation a kabupaten may change, as ubah_jadwal takes them."""
    def tiga(awalan: str) -> tuple[Any, Any, Any] | None:
        geser, bulan, tanggal = (getattr(j, f"{awalan}_geser_tahun"), getattr(j, f"{awalan}_bulan"),
                                 getattr(j, f"{awalan}_tanggal"))
        if (geser, bulan, tanggal) == (None, None, None):
            return None
        if _bulat(bulan) and 1 <= bulan <= 12 and _bulat(tanggal) and tanggal > hari_bulan(bulan):
            tanggal = hari_bulan(bulan)  # stored before days that do not exist were refused (31 Februari): the same date
        return geser, bulan, tanggal

    return {"sop_nama": j.sop_nama, "tenggat_hari_kerja": j.tenggat_hari_kerja, "mulai": tiga("mulai"),
            "tenggat": None if j.siklus == RENSTRA else tiga("tenggat")}  # a Renstra's follows the RPJMD


def _kolom(isi: dict[str, Any]) -> dict[str, Any]:
    """ubah_jadwal's fields as JadwalSakip's columns."""
    kolom: dict[str, Any] = {"sop_nama": isi["sop_nama"], "tenggat_hari_kerja": isi["tenggat_hari_kerja"]}
    for awalan in ("mulai", "tenggat"):
        nilai = isi[awalan] or (None, None, None)
        kolom.update({f"{awalan}_geser_tahun": nilai[0], f"{awalan}_bulan": nilai[1], f"{awalan}_tanggal": nilai[2]})
    return kolom


def hari_bulan(bulan: int) -> int:
    """The most days the month has in any year (a date of the calendar has no year of its own: 29 Februari is the
    end of February, 28 Februari in a year that is not a leap year).

    >>> hari_bulan(2), hari_bulan(4), hari_bulan(12)
    (29, 30, 31)
    """
    return calendar.monthrange(2000, bulan)[1]


def _bulat(nilai: Any) -> bool:
    return isinstance(nilai, int) and not isinstance(nilai, bool)


def _periksa_tanggal(nilai: Any, jenis: str, nama: str) -> TanggalRelatif:
    if not isinstance(nilai, (tuple, list)) or len(nilai) != 3 or not all(_bulat(v) for v in nilai):
        raise Ditolak(f"Tanggal {jenis} {nama} harus berisi geser tahun, bulan dan tanggal.")
    geser, bulan, tanggal = nilai
    if geser not in GESER_TAHUN:
        raise Ditolak(f"Tahun {jenis} {nama} harus antara dua tahun sebelum dan dua tahun sesudah tahun "
                            f"periode, bukan {geser:+d}.")
    if not 1 <= bulan <= 12:
        raise Ditolak(f"Bulan {jenis} {nama} harus 1 sampai 12, bukan {bulan}.")
    if not 1 <= tanggal <= 31:
        raise Ditolak(f"Tanggal {jenis} {nama} harus 1 sampai 31, bukan {tanggal}.")
    if tanggal > (paling := hari_bulan(bulan)):
        kabisat = " (29 Februari berarti akhir Februari: 28 Februari pada tahun bukan kabisat)" if bulan == 2 else ""
        raise Ditolak(f"Tanggal {jenis} {nama}: {tanggal} {BULAN[bulan - 1]} tidak ada; {BULAN[bulan - 1]} paling "
                      f"banyak {paling} hari{kabisat}.")
    return geser, bulan, tanggal


def _periksa(*, kewajiban: str, nama: str, siklus: str, isi: dict[str, Any]) -> dict[str, Any]:
    """The fields of one obligation, checked and tidied; raises Ditolak with the reason."""
    if siklus not in SIKLUS:
        raise Ditolak(f"Siklus {nama} harus triwulan, tahun atau renstra, bukan \"{siklus}\".")
    sop_nama = isi["sop_nama"]
    if sop_nama is not None:
        if not isinstance(sop_nama, str):
            raise Ditolak(f"Nama SOP {nama} harus berupa teks.")
        sop_nama = " ".join(sop_nama.split()) or None
    if sop_nama is not None:
        if kewajiban == PENGUMPULAN:
            raise Ditolak(f"{nama} tidak memakai satu SOP: angka tiap IKU dikumpulkan dengan SOP "
                                "pengumpulannya sendiri.")
        if len(sop_nama) > MAKS_NAMA_SOP:
            raise Ditolak(f"Nama SOP {nama} paling panjang {MAKS_NAMA_SOP} karakter.")
        if not kunci_nama(sop_nama):
            raise Ditolak(f"Nama SOP \"{sop_nama}\" tidak dapat dipakai: tuliskan nama prosedurnya, "
                                "mis. \"Pengukuran Kinerja\".")
    hasil: dict[str, Any] = {"sop_nama": sop_nama, "tenggat_hari_kerja": None, "mulai": None, "tenggat": None}
    if siklus == "triwulan":
        if isi["mulai"] is not None or isi["tenggat"] is not None:
            raise Ditolak(f"{nama} berulang tiap triwulan: tenggatnya ditulis dalam hari kerja setelah akhir "
                                "triwulan, bukan tanggal.")
        n = isi["tenggat_hari_kerja"]
        if not _bulat(n):
            raise Ditolak(f"Tenggat {nama} harus berupa jumlah hari kerja setelah akhir triwulan.")
        if n < 1:
            raise Ditolak(f"Tenggat {nama} paling cepat 1 hari kerja setelah akhir triwulan, bukan {n}.")
        if n > BATAS_HARI_KERJA:
            raise Ditolak(f"Tenggat {nama} paling lambat {BATAS_HARI_KERJA} hari kerja setelah akhir triwulan, "
                                f"bukan {n}.")
        hasil["tenggat_hari_kerja"] = n
        return hasil
    if isi["tenggat_hari_kerja"] is not None:
        raise Ditolak(f"Tenggat {nama} ditulis sebagai tanggal, bukan hari kerja setelah akhir triwulan.")
    mulai = _periksa_tanggal(isi["mulai"], "mulai", nama)
    if siklus == RENSTRA:  # due one month after the RPJMD is set (tenggat_renstra), not on a date of the calendar
        hasil.update(mulai=mulai)
        return hasil
    tenggat = _periksa_tanggal(isi["tenggat"], "tenggat", nama)
    # Four consecutive years meet every leap-year alignment of the shifted years.
    if any(tanggal_relatif(y, *tenggat) < tanggal_relatif(y, *mulai) for y in range(2024, 2028)):
        raise Ditolak(f"Tenggat {nama} ({teks_tanggal_relatif(*tenggat)}) tidak boleh sebelum tanggal "
                            f"mulainya ({teks_tanggal_relatif(*mulai)}).")
    hasil.update(mulai=mulai, tenggat=tenggat)
    return hasil


@lru_cache(maxsize=1)
def _bawaan() -> tuple[int, tuple[dict[str, Any], ...]]:
    """(renstra_tahun_awal, the default obligations as JadwalSakip columns), read and checked once."""
    data = tomllib.loads(BERKAS_BAWAAN.read_text(encoding="utf-8"))
    baris = []
    for urutan, d in enumerate(data["kewajiban"], start=1):
        isi = {k: d.get(k) for k in _ISIAN}
        isi = _periksa(kewajiban=d["kewajiban"], nama=d["nama"], siklus=d["siklus"], isi=isi)
        baris.append({"kewajiban": d["kewajiban"], "nama": d["nama"], "siklus": d["siklus"], "urutan": urutan,
                      **_kolom(isi)})
    if len({b["kewajiban"] for b in baris}) != len(baris):
        raise ValueError(f"{BERKAS_BAWAAN.name}: kode kewajiban berulang.")
    return int(data["renstra_tahun_awal"]), tuple(baris)


def _jadwal(session: Session, kabupaten_id: int, *, segar: bool = False) -> list[JadwalSakip]:
    q = select(JadwalSakip).where(JadwalSakip.kabupaten_id == kabupaten_id)
    if segar:
        q = q.execution_options(populate_existing=True)
    tersimpan = list(session.exec(q).all())
    ada = {j.kewajiban for j in tersimpan}
    baru = [JadwalSakip(kabupaten_id=kabupaten_id, diubah_oleh=None, **b) for b in _bawaan()[1]
            if b["kewajiban"] not in ada]
    return sorted(tersimpan + baru, key=lambda j: (j.urutan, j.kewajiban))


def jadwal_kabupaten(session: Session, kabupaten_id: int) -> list[JadwalSakip]:
    """The kabupaten's SAKIP calendar by urutan: its stored obligations, and the defaults (unsaved rows, id None)
    for those it has not stored, which is all of them until its first change."""
    return _jadwal(session, kabupaten_id)


def isian_jadwal(j: JadwalSakip) -> dict[str, Any]:
    """What the Ubah jadwal form shows of an obligation: its SOP name, working days and (geser, bulan, tanggal)
    dates, as ubah_jadwal takes them back."""
    return _isi(j)


@dataclass(frozen=True)
class SopKabupaten:
    """One SOP the offices of a kabupaten hold, as the calendar matches it (by kunci_nama)."""

    nama: str  # the name most of those offices give it
    kunci: str
    kantor: tuple[str, ...]  # the offices holding it, by name


def sop_kabupaten(session: Session, kabupaten_id: int) -> list[SopKabupaten]:
    """The SOPs the kabupaten's offices hold, one per kunci_nama (the key the calendar finds an office's SOP by), by
    name: what Ubah jadwal offers."""
    per_kunci: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for nama, kunci, kantor in session.exec(
            pilih(Sop.nama, Sop.kunci, Kecamatan.nama).join(Kecamatan, col(Kecamatan.id) == Sop.kecamatan_id)
            .where(Kecamatan.kabupaten_id == kabupaten_id)).all():
        per_kunci[kunci].append((nama, kantor))
    hasil = []
    for kunci, isi in per_kunci.items():
        hitung: dict[str, int] = defaultdict(int)
        for nama, _ in isi:
            hitung[nama] += 1
        nama = min(hitung, key=lambda n: (-hitung[n], n))
        hasil.append(SopKabupaten(nama, kunci, tuple(sorted({k for _, k in isi}))))
    return sorted(hasil, key=lambda s: (s.nama.casefold(), s.kunci))


def kantor_tanpa_sop(session: Session, kabupaten_id: int, sop_nama: str) -> list[str]:
    """The offices of the kabupaten that hold no SOP the calendar would match to `sop_nama`, by name."""
    kunci = kunci_nama(sop_nama)
    punya = {kantor for s in sop_kabupaten(session, kabupaten_id) if s.kunci == kunci for kantor in s.kantor}
    return [k for k in kantor_kabupaten(session, kabupaten_id) if k not in punya]


def kantor_kabupaten(session: Session, kabupaten_id: int) -> list[str]:
    """The names of the kabupaten's offices, sorted."""
    return sorted(session.exec(select(Kecamatan.nama).where(Kecamatan.kabupaten_id == kabupaten_id)).all())


def boleh_mengubah_jadwal(user: User | None, kabupaten_id: int) -> bool:
    """The admin, or an active user with role "kabupaten" of that kabupaten."""
    if user is None or not user.aktif:
        return False
    return user.role_kode == "admin" or (user.role_kode == "kabupaten" and user.kabupaten_id == kabupaten_id)


def ubah_jadwal(session: Session, *, kabupaten_id: int, kewajiban: str, oleh: User,
                sop_nama: str | None | EllipsisType = ..., tenggat_hari_kerja: int | EllipsisType = ...,
                mulai: TanggalRelatif | EllipsisType = ..., tenggat: TanggalRelatif | EllipsisType = ...,
                pada: datetime | None = None) -> JadwalSakip:
    """Change one obligation of a kabupaten's calendar; a field left as ... keeps its value, `sop_nama=None` means no
    SOP. `mulai`/`tenggat` are (geser_tahun, bulan, tanggal) for yearly and Renstra obligations,
    `tenggat_hari_kerja` the working days after the quarter's end for quarterly ones.

    A new SOP name must be one some office of the kabupaten holds (matched by kunci_nama, as the calendar finds an
    office's SOP): a name none holds is refused, naming it. Admin or the kabupaten's own users only. The first change stores every default of the kabupaten, then applies
    itself. Audited with before and after; a refusal (Ditolak) writes nothing; no change returns the row."""
    if not boleh_mengubah_jadwal(oleh, kabupaten_id):
        raise Ditolak(PESAN_PERAN)
    kab = session.get(Kabupaten, kabupaten_id)
    if kab is None:
        raise Ditolak("Kabupaten tidak ditemukan.")
    diberikan = {k: v for k, v in (("sop_nama", sop_nama), ("tenggat_hari_kerja", tenggat_hari_kerja),
                                    ("mulai", mulai), ("tenggat", tenggat)) if v is not Ellipsis}

    def rencana(semua: list[JadwalSakip]) -> tuple[JadwalSakip, dict[str, Any], dict[str, Any]]:
        row = next((j for j in semua if j.kewajiban == kewajiban), None)
        if row is None:
            raise Ditolak(f"Kewajiban \"{kewajiban}\" tidak ada dalam jadwal SAKIP.")
        if row.siklus == RENSTRA and diberikan.get("tenggat") is not None:
            raise Ditolak(PESAN_TENGGAT_RENSTRA)
        sebelum = _isi(row)
        return row, sebelum, _periksa(kewajiban=row.kewajiban, nama=row.nama, siklus=row.siklus,
                                      isi=sebelum | diberikan)

    row, sebelum, sesudah = rencana(_jadwal(session, kab.id))  # refuse, or see there is nothing to do, unlocked
    if sesudah == sebelum:
        return row
    baru = sesudah["sop_nama"]
    if baru is not None and kunci_nama(baru) != kunci_nama(sebelum["sop_nama"] or "") \
            and not any(s.kunci == kunci_nama(baru) for s in sop_kabupaten(session, kab.id)):
        # A name no office holds would turn every office "Belum ada SOP": refused, not saved.
        raise Ditolak(f"SOP \"{baru}\" tidak dimiliki kantor mana pun di Kabupaten {kab.nama}; pilih dari daftar.")
    # Take the kabupaten's row: of two first changes at once, the second waits here, then sees the stored copy.
    session.execute(update(Kabupaten).where(col(Kabupaten.id) == kab.id).values(id=kab.id))
    semua = _jadwal(session, kab.id, segar=True)
    row, sebelum, sesudah = rencana(semua)
    if sesudah == sebelum:
        return row
    for j in semua:
        if j.id is None:
            session.add(j)
    for kolom, nilai in _kolom(sesudah).items():
        setattr(row, kolom, nilai)
    row.diubah_oleh = oleh.id
    row.diubah_pada = pada or utcnow()
    session.add(row)
    session.flush()

    def audit(isi: dict[str, Any]) -> dict[str, Any]:
        return {"kewajiban": row.kewajiban, **{k: list(v) if isinstance(v, tuple) else v for k, v in isi.items()}}

    catat(session, aksi="jadwal_sakip.ubah", oleh=oleh, objek="jadwal_sakip", objek_id=row.id,
          sebelum=audit(sebelum), sesudah=audit(sesudah), keterangan=f"Kabupaten {kab.nama}: {row.nama}")
    return row


# ---------------------------------------------------------------------- an office's obligations


@dataclass(frozen=True)
class EksekusiKewajiban:
    """What an obligation needs of one of its executions (read as columns, not as records)."""

    id: int
    judul: str
    status: str
    selesai_pada: datetime | None


@dataclass(frozen=True)
class Kewajiban:
    """One obligation of one office for one period, and where it stands."""

    jadwal: JadwalSakip
    tahun: int  # the period's year; a Renstra's first year
    triwulan: int | None
    label: str  # "Triwulan III 2026", "Tahun 2027", "2025–2029"
    mulai: date
    tenggat: date | None  # None: not set yet (a Renstra before the kabupaten's RPJMD is set)
    sop: Sop | None  # the office's SOP for it; None: "belum ada SOP", or met by data (dasar)
    eksekusi: tuple[EksekusiKewajiban, ...]  # the office's executions of that SOP for the period, not cancelled
    selesai_pada: datetime | None  # when it was met (UTC); None while not met
    status: str  # one of STATUS
    dasar: str  # what meets it: "sop", "realisasi" (every IKU official) or "perjanjian" (the Camat's signed PK)

    @property
    def kewajiban(self) -> str:
        return self.jadwal.kewajiban

    @property
    def nama(self) -> str:
        return self.jadwal.nama

    @property
    def status_label(self) -> str:
        return KeadaanKewajiban(self.status).label


def _periode_sekarang(jadwal: JadwalSakip, hari: date) -> list[tuple[int, int | None]]:
    """The periods of one obligation that matter on `hari`: of the current and previous year (for a Renstra, the
    current period), and any later one, whose window opened by then or opens within HARI_MENDATANG days."""
    y = hari.year
    batas = hari + timedelta(days=HARI_MENDATANG)
    if jadwal.siklus == "triwulan":
        calon: list[tuple[int, int | None]] = [(t, q) for t in (y - 1, y) for q in (1, 2, 3, 4)]
    elif jadwal.siklus == RENSTRA:
        awal = periode_renstra(y)
        calon = [(awal, None), (awal + PANJANG_RENSTRA, None)]
    else:  # a window opens at most two years before its period (GESER_TAHUN)
        calon = [(t, None) for t in range(y - 1, y + 4)]
    return [(t, q) for t, q in calon if _mulai(jadwal, t, q) <= batas]


def _periode_tahun(jadwal: JadwalSakip, tahun: int) -> list[tuple[int, int | None]]:
    if jadwal.siklus == "triwulan":
        return [(tahun, q) for q in (1, 2, 3, 4)]
    if jadwal.siklus == "renstra":
        return [(periode_renstra(tahun), None)]
    return [(tahun, None)]


def kewajiban_kantor(session: Session, kecamatan_id: int, *, hari_ini: date | None = None,
                     tahun: int | None = None) -> list[Kewajiban]:
    """The office's obligations that matter on `hari_ini` (default: the domain's clock), by due date: each one of
    the current and the previous year whose window has opened (for the Renstra, the current period), and each
    that opens within the next 30 days; none due before last year (a Renja of this year was due the year before
    last). With `tahun`: every obligation of that year instead (its four quarters,
    its yearly ones, the Renstra of the period it falls in), with statuses as of `hari_ini`."""
    if session.get(Kecamatan, kecamatan_id) is None:
        raise ValueError(f"Kecamatan {kecamatan_id} tidak ditemukan.")
    return kewajiban_banyak(session, [kecamatan_id], hari_ini=hari_ini, tahun=tahun)[kecamatan_id]


def kewajiban_banyak(session: Session, kecamatan_ids: list[int], *, hari_ini: date | None = None,
                     tahun: int | None = None, triwulan: int | None = None) -> dict[int, list[Kewajiban]]:
    """`kewajiban_kantor` for many offices at once: the same obligations and statuses, from one query per kind of
    record whatever the number of offices (a kabupaten's comparison reads 33 offices in one go). With `tahun` and
    `triwulan`, of the quarterly obligations only that quarter's."""
    hari = hari_ini or periode.hari_ini()
    # Each office with its kabupaten, whose RPJMD dates the Renstra: one query.
    berdua = session.exec(select(Kecamatan, Kabupaten).join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                          .where(col(Kecamatan.id).in_(list(kecamatan_ids)))).all()
    kantor = [k for k, _ in berdua]
    kabupaten = {kab.id: kab for _, kab in berdua}
    rpjmd = rpjmd_kabupaten(session, kabupaten)
    jadwal_kab = {kab: jadwal_kabupaten(session, kab) for kab in kabupaten}
    contoh_kab = {kab: [(j, t, q) for j in semua
                        for t, q in (_periode_tahun(j, tahun) if tahun is not None else _periode_sekarang(j, hari))
                        if triwulan is None or j.siklus != "triwulan" or q == triwulan]
                  for kab, semua in jadwal_kab.items()}
    tahun_contoh = {t for contoh in contoh_kab.values() for _, t, _ in contoh}
    hasil: dict[int, list[Kewajiban]] = {k.id: [] for k in kantor}
    if not tahun_contoh:
        return hasil
    # The calendar must know the holidays up to the latest due date: a quarter's may fall in the next year.
    rentang = (min(tahun_contoh) - 1, max(tahun_contoh) + 3)
    kal_zona: dict[str, Any] = {}
    jendela_kab: dict[tuple[int, str, int, int | None, str], tuple[date, date | None]] = {}
    kunci_kab = {kab: {j.kewajiban: kunci_nama(j.sop_nama) for j in semua if j.sop_nama and j.kewajiban != PENGUMPULAN}
                 for kab, semua in jadwal_kab.items()}
    semua_kunci = {k for kunci in kunci_kab.values() for k in kunci.values()}
    ids = [k.id for k in kantor]
    sop_kantor: dict[tuple[int, str], Sop] = {}
    # Only the SOPs the calendars name (not every SOP of every office: the country's has thousands).
    for s in session.exec(select(Sop).where(col(Sop.kecamatan_id).in_(ids)).where(col(Sop.kunci).in_(semua_kunci))
                          .order_by(col(Sop.id))).all() if semua_kunci else ():
        sop_kantor.setdefault((s.kecamatan_id, s.kunci), s)
    eksekusi: dict[tuple[int, str, int, int | None], list[EksekusiKewajiban]] = defaultdict(list)
    if semua_kunci:
        kueri = (pilih(Eksekusi.id, Eksekusi.judul, Eksekusi.status, Eksekusi.selesai_pada, Eksekusi.kecamatan_id,
                       Eksekusi.tahun, Eksekusi.triwulan, Sop.kunci)
                 .join(SopRevisi, col(SopRevisi.id) == Eksekusi.revisi_id)
                 .join(Sop, col(Sop.id) == SopRevisi.sop_id).where(col(Eksekusi.kecamatan_id).in_(ids))
                 .where(Eksekusi.status != StatusEksekusi.DIBATALKAN)
                 .where(col(Eksekusi.subjek_jenis).not_in(JENIS_ANGKA))
                 .where(col(Sop.kunci).in_(semua_kunci)).where(col(Eksekusi.tahun).in_(tahun_contoh))
                 .order_by(col(Eksekusi.dimulai_pada), col(Eksekusi.id)))
        for e_id, judul, status, selesai_pada, kec_id, t, tw, k in session.exec(kueri).all():
            eksekusi[(kec_id, k, t, tw)].append(EksekusiKewajiban(e_id, judul, status, selesai_pada))
    perlu_iku = [k for k in kantor if any(j.kewajiban == PENGUMPULAN for j, _, _ in contoh_kab[k.kabupaten_id])]
    angka = _angka_resmi_banyak(session, perlu_iku, tahun_contoh)
    pk = _pk_banyak(session, [k.id for k in kantor if any(
        j.kewajiban == PERJANJIAN_KINERJA for j, _, _ in contoh_kab[k.kabupaten_id])], tahun_contoh)

    for kec in kantor:
        zona = kec.zona_waktu or ZONA_BAKU
        if zona not in kal_zona:
            kal_zona[zona] = kalender_kantor(session, kec.id, tahun=rentang)
        kal = kal_zona[zona]
        kunci = kunci_kab[kec.kabupaten_id]
        pakai_sop = {w for w, k in kunci.items() if (kec.id, k) in sop_kantor}
        data = angka.get(kec.id, _Data(0, {}))
        baris = []
        for j, t, q in contoh_kab[kec.kabupaten_id]:
            # The window is the kabupaten's and the calendar's: computed once for the offices that share both.
            if (kunci_jendela := (kec.kabupaten_id, j.kewajiban, t, q, zona)) not in jendela_kab:
                jendela_kab[kunci_jendela] = jendela(j, t, q, kal, rpjmd.get(kec.kabupaten_id))
            mulai, tenggat = jendela_kab[kunci_jendela]
            if tahun is None and tenggat is not None and j.siklus != RENSTRA and tenggat.year < hari.year - 1:
                continue  # long past: not "now"
            sop: Sop | None = None
            eks: tuple[EksekusiKewajiban, ...] = ()
            selesai: datetime | None
            berjalan, selesai = False, None
            if j.kewajiban == PENGUMPULAN:
                dasar, ada_sop = "realisasi", True
                berjalan, selesai = data.keadaan(data.realisasi, (t, q))
            elif j.kewajiban == PERJANJIAN_KINERJA:
                # Met by the Camat's signed PK; the office's SOP run (if any) is shown beside it.
                dasar, ada_sop = "perjanjian", True
                sop = sop_kantor.get((kec.id, kunci[j.kewajiban])) if j.kewajiban in pakai_sop else None
                eks = tuple(eksekusi.get((kec.id, kunci[j.kewajiban], t, q), ())) if sop is not None else ()
                ada_pk, selesai = pk.get((kec.id, t), (False, None))
                berjalan = ada_pk or any(e.status == StatusEksekusi.BERJALAN for e in eks)
            else:
                dasar = "sop"
                sop = sop_kantor.get((kec.id, kunci[j.kewajiban])) if j.kewajiban in kunci else None
                ada_sop = sop is not None
                eks = tuple(eksekusi.get((kec.id, kunci[j.kewajiban], t, q), ())) if ada_sop else ()
                berjalan = any(e.status == StatusEksekusi.BERJALAN for e in eks)
                selesai = min((e.selesai_pada for e in eks if e.status == StatusEksekusi.SELESAI and e.selesai_pada), default=None)
            status = status_kewajiban(tenggat=tenggat, hari_ini=hari, selesai_pada=selesai, berjalan=berjalan,
                                      ada_sop=ada_sop, zona=zona)
            baris.append(Kewajiban(jadwal=j, tahun=t, triwulan=q, label=label_periode_kewajiban(j.siklus, t, q),
                                   mulai=mulai, tenggat=tenggat, sop=sop, eksekusi=eks, selesai_pada=selesai,
                                   status=status, dasar=dasar))
        hasil[kec.id] = sorted(baris, key=urutan_kewajiban)
    return hasil


def urutan_kewajiban(k: Kewajiban) -> tuple[bool, date, int, int, int]:
    """Obligations by due date; those without one after all others, by their opening day."""
    return (k.tenggat is None, k.tenggat or k.mulai, k.jadwal.urutan, k.tahun, k.triwulan or 0)


def _pk_banyak(session: Session, kecamatan_ids: list[int], tahun: set[int]
               ) -> dict[tuple[int, int], tuple[bool, datetime | None]]:
    """Per (office, year): whether the Camat has a PK (draft or signed), and the first instant one of them (the
    first or a perubahan) was signed, its scan attached; one query for every office."""
    hasil: dict[tuple[int, int], tuple[bool, datetime | None]] = {}
    if not kecamatan_ids or not tahun:
        return hasil
    for kec, t, status, pada in session.exec(
            pilih(PerjanjianKinerja.kecamatan_id, PerjanjianKinerja.tahun, PerjanjianKinerja.status,
                  PerjanjianKinerja.ditandatangani_pada)
            .where(col(PerjanjianKinerja.kecamatan_id).in_(kecamatan_ids)).where(col(PerjanjianKinerja.tahun).in_(tahun))
            .where(PerjanjianKinerja.role_kode == "camat")).all():
        awal = hasil.get((kec, t), (True, None))[1]
        if status == StatusPerjanjian.DITANDATANGANI and pada is not None:
            awal = pada if awal is None else min(awal, pada)
        hasil[(kec, t)] = (True, awal)
    return hasil


@dataclass(frozen=True)
class _Data:
    """Per IKU of the office: when each quarter's figure became official."""

    jumlah_iku: int
    realisasi: dict[tuple[int, int | None], dict[int, datetime | None]]  # (tahun, triwulan) -> IKU -> disahkan_pada

    def keadaan(self, per: dict, periode_: Any) -> tuple[bool, datetime | None]:
        """(something started, the instant every IKU was done) for one period; an office without IKU has
        nothing done."""
        isi = per.get(periode_, {})
        waktu = list(isi.values())
        if self.jumlah_iku == 0 or len(isi) < self.jumlah_iku or any(w is None for w in waktu):
            return bool(isi), None
        return True, max(waktu)


def _angka_resmi_banyak(session: Session, kantor: list[Kecamatan], tahun: set[int]) -> dict[int, _Data]:
    """Per office: its IKU (its kabupaten's shared set and its own, active) and their figures."""
    if not kantor:
        return {}
    ids = [k.id for k in kantor]
    iku = iku_banyak(session, ids)
    realisasi: dict[int, dict[tuple[int, int | None], dict[int, datetime | None]]] = defaultdict(
        lambda: defaultdict(dict))
    for kec, ind, t, q, status, disahkan in session.exec(
            pilih(Realisasi.kecamatan_id, Realisasi.indikator_id, Realisasi.tahun, Realisasi.triwulan,
                  Realisasi.status, Realisasi.disahkan_pada).where(col(Realisasi.kecamatan_id).in_(ids))
            .where(col(Realisasi.tahun).in_(tahun))).all():
        if ind in iku[kec]:
            realisasi[kec][(t, q)][ind] = disahkan if status == StatusRealisasi.RESMI else None
    return {k.id: _Data(len(iku[k.id]), {p: dict(v) for p, v in realisasi[k.id].items()})
            if iku[k.id] else _Data(0, {})
            for k in kantor}


def jadwal_sop(session: Session, sop: Sop) -> JadwalSakip | None:
    """The obligation of the SOP's kabupaten calendar that this SOP fulfils, if any."""
    kec = session.get(Kecamatan, sop.kecamatan_id)
    assert kec is not None  # the SOP's office (foreign key)
    return next((j for j in jadwal_kabupaten(session, kec.kabupaten_id)
                 if j.sop_nama and j.kewajiban != PENGUMPULAN and kunci_nama(j.sop_nama) == sop.kunci), None)


def periksa_periode(jadwal: JadwalSakip, tahun: int, triwulan: int | None) -> str | None:
    """Why a period does not fit the obligation's cycle (the message a person reads), or None when it does.

    >>> j = JadwalSakip(kabupaten_id=1, kewajiban="renstra", nama="Rencana Strategis (Renstra)", siklus="renstra")
    >>> periksa_periode(j, 2027, None)
    'Rencana Strategis (Renstra) berlaku lima tahun: periode yang mencakup 2027 adalah 2025–2029; isi tahun 2025.'
    """
    if jadwal.siklus == "triwulan" and triwulan is None:
        return f"{jadwal.nama} dikerjakan tiap triwulan: pilih triwulannya."
    if jadwal.siklus != "triwulan" and triwulan is not None:
        return f"{jadwal.nama} dikerjakan {'tiap lima tahun' if jadwal.siklus == 'renstra' else 'tiap tahun'}: " \
               "pilih Tahunan, bukan triwulan."
    if jadwal.siklus == "renstra" and (awal := periode_renstra(tahun)) != tahun:
        return (f"{jadwal.nama} berlaku lima tahun: periode yang mencakup {tahun} adalah "
                f"{label_periode_kewajiban('renstra', awal, None)}; isi tahun {awal}.")
    return None
