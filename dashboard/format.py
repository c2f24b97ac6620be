"""Numbers and dates as Indonesian readers write them: "1.234,5", "15 Februari 2021"."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from models.angka import pemisah_indonesia

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def angka(nilai: float | int | None, desimal: int = 0, kosong: str = "-") -> str:
    """1234.5 -> "1.234,5" (with desimal=1); None -> "-" (empty is not zero)."""
    if nilai is None:
        return kosong
    return pemisah_indonesia(f"{nilai:,.{desimal}f}")


def tanggal(nilai: str | date | datetime | None, kosong: str = "-") -> str:
    """"2019-08-01" -> "1 Agustus 2019"; "2022-01" -> "Januari 2022"; None -> "-"."""
    if nilai is None or nilai == "":
        return kosong
    if isinstance(nilai, datetime):
        nilai = nilai.date()
    if isinstance(nilai, date):
        return f"{nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"
    bagian = str(nilai).split("-")
    if len(bagian) == 2:
        return f"{BULAN[int(bagian[1]) - 1]} {int(bagian[0])}"
    return tanggal(date.fromisoformat(str(nilai)))


def waktu(nilai: datetime | None, zona: str = "Asia/Jakarta", kosong: str = "-") -> str:
    """An aware UTC time in the office's zone: "15 Februari 2021 09.30 WIB"."""
    if nilai is None:
        return kosong
    lokal = nilai.astimezone(ZoneInfo(zona))
    singkat = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(zona, "")
    return f"{tanggal(lokal.date())} {lokal:%H.%M} {singkat}".strip()
