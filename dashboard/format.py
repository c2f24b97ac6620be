"""Numbers and dates as Indonesian readers write them: "1.234,5", "15 Februari 2021"."""
from __future__ import annotations

from datetime import date, datetime

from models.umum.angka import format_angka
from models.umum.tanggal import BULAN, tanggal_panjang, waktu_panjang


def angka(nilai: float | int | None, desimal: int = 0, kosong: str = "-") -> str:
    """1234.5 -> "1.234,5" (with desimal=1); None -> "-" (empty is not zero); half up, as the bands are judged.

    >>> angka(900.05 / 1000 * 100, 2), angka(1234.5, 1), angka(None)
    ('90,01', '1.234,5', '-')
    """
    return format_angka(nilai, desimal, kosong=kosong)


def tanggal(nilai: str | date | datetime | None, kosong: str = "-") -> str:
    """"2019-08-01" -> "1 Agustus 2019"; "2022-01" -> "Januari 2022"; None -> "-"."""
    if nilai is None or nilai == "":
        return kosong
    if isinstance(nilai, date):  # a datetime is a date too
        return tanggal_panjang(nilai)
    bagian = str(nilai).split("-")
    if len(bagian) == 2:
        return f"{BULAN[int(bagian[1]) - 1]} {int(bagian[0])}"
    return tanggal(date.fromisoformat(str(nilai)))


def waktu(nilai: datetime | None, zona: str = "Asia/Jakarta", kosong: str = "-") -> str:
    """An aware UTC time in the office's zone: "15 Februari 2021 09.30 WIB"."""
    if nilai is None:
        return kosong
    return waktu_panjang(nilai, zona)


def ringkas(teks: str | None, panjang: int) -> str:
    """Text shortened for a card or a list: cut at a word boundary, with "…" when anything was left out.

    >>> ringkas("Menyiapkan bahan-bahan meliputi daftar hadir, foto dokumentasi", 40)
    'Menyiapkan bahan-bahan meliputi daftar…'
    >>> ringkas("Pendek", 40)
    'Pendek'
    """
    teks = " ".join((teks or "").split())
    if len(teks) <= panjang:
        return teks
    potong = teks[:panjang].rsplit(" ", 1)[0] if " " in teks[:panjang] else teks[:panjang]
    return potong.rstrip(",.;:") + "…"
