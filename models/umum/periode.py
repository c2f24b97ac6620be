"""Periods of the SAKIP year: quarters (triwulan), semesters, their labels, and the day it is today.

The day comes from one clock, `hari_ini()`: the system date, unless a test fixes another with `atur_hari_ini`
(there is no setting for it: a running installation always reads the system date). A domain rule that depends on
the day takes it as an argument (`hari_ini=`, falling back to this clock when none is given), so the caller chooses
the day and no rule deep in the domain reads the calendar on its own.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from models.umum.penolakan import Ditolak
from models.umum.tanggal import BULAN

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

_jam: Callable[[], date] = date.today


def hari_ini() -> date:
    """Today, from the one clock of the domain."""
    return _jam()


def jam() -> Callable[[], date]:
    """The clock in force, to be set back with atur_hari_ini after a while on another."""
    return _jam


def atur_hari_ini(hari: date | Callable[[], date] | None) -> None:
    """Set the clock: a fixed day, a function, or None for the system date."""
    global _jam
    _jam = date.today if hari is None else (hari if callable(hari) else (lambda: hari))


def tahun_sah(nilai: Any, *, kosong: str = "Pilih tahunnya.", teks: bool = True) -> int:
    """A year as a page or a form gives it (a number or, unless not `teks`, its text), between 2000 and 2100;
    else refused. The domain's writes take `teks=False`: their year comes from a checked page, as a number.

    >>> tahun_sah("2026"), tahun_sah(2025)
    (2026, 2025)
    >>> tahun_sah(None)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Pilih tahunnya.
    >>> tahun_sah("abc")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Pilih tahunnya.
    >>> tahun_sah(True)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Tahun tidak sah.
    >>> tahun_sah(1999)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Tahun tidak sah.
    >>> tahun_sah("2027", teks=False)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Tahun tidak sah.
    """
    if isinstance(nilai, bool | float) or (not teks and not isinstance(nilai, int)):
        raise Ditolak("Tahun tidak sah.")
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        raise Ditolak(kosong) from None
    if not 2000 <= tahun <= 2100:
        raise Ditolak("Tahun tidak sah.")
    return tahun


def awal_triwulan(tahun: int, triwulan: int) -> date:
    """The first day of a quarter.

    >>> awal_triwulan(2026, 1), awal_triwulan(2026, 4)
    (datetime.date(2026, 1, 1), datetime.date(2026, 10, 1))
    """
    return date(tahun, 3 * (triwulan - 1) + 1, 1)


def akhir_triwulan(tahun: int, triwulan: int) -> date:
    """The last day of a quarter.

    >>> akhir_triwulan(2026, 1), akhir_triwulan(2026, 4)
    (datetime.date(2026, 3, 31), datetime.date(2026, 12, 31))
    """
    return date(tahun, 12, 31) if triwulan == 4 else awal_triwulan(tahun, triwulan + 1) - timedelta(days=1)


def label_periode(tahun: int, triwulan: int) -> str:
    """A quarter inside a sentence.

    >>> label_periode(2026, 3)
    'triwulan III 2026'
    """
    return f"triwulan {ROMAWI.get(triwulan, triwulan)} {tahun}"


def label_triwulan(tahun: int, triwulan: int) -> str:
    """A quarter as a heading or a table cell.

    >>> label_triwulan(2026, 3)
    'Triwulan III 2026'
    """
    return f"Triwulan {ROMAWI.get(triwulan, triwulan)} {tahun}"


def periode_baku(hari: date | None = None) -> tuple[int, int]:
    """The last quarter that has ended (figures are collected after a quarter closes).

    >>> periode_baku(date(2026, 11, 21)), periode_baku(date(2026, 2, 1))
    ((2026, 3), (2025, 4))
    """
    d = hari or hari_ini()
    tw = (d.month - 1) // 3
    return (d.year, tw) if tw else (d.year - 1, 4)


def triwulan_sebelumnya(tahun: int, triwulan: int) -> tuple[int, int]:
    """The quarter before.

    >>> triwulan_sebelumnya(2026, 1), triwulan_sebelumnya(2026, 3)
    ((2025, 4), (2026, 2))
    """
    return (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)


def label_semester(tahun: int, semester: int) -> str:
    """The period as the SOP monitoring sheets name it.

    >>> label_semester(2025, 2)
    'Semester II 2025'
    """
    return f"Semester {ROMAWI.get(semester, semester)} {tahun}"


def awal_semester(tahun: int, semester: int) -> date:
    """The first day of a semester (January or July).

    >>> awal_semester(2025, 1), awal_semester(2025, 2)
    (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))
    """
    return date(tahun, 1 if semester == 1 else 7, 1)


def bulan_semester(tahun: int, semester: int) -> str:
    """The months a semester covers, as a sheet prints them.

    >>> bulan_semester(2025, 1)
    'Januari s.d. Juni 2025'
    """
    awal = 0 if semester == 1 else 6
    return f"{BULAN[awal]} s.d. {BULAN[awal + 5]} {tahun}"


def semester_triwulan(triwulan: int) -> int:
    """The semester a quarter falls in.

    >>> [semester_triwulan(t) for t in (1, 2, 3, 4)]
    [1, 1, 2, 2]
    """
    return 1 if triwulan <= 2 else 2


def kalimat(teks: str) -> str:
    """A label at the start of a sentence or cell: its first letter upper case, the rest as written (str.capitalize
    would print "Triwulan iii 2026").

    >>> kalimat("triwulan III 2026"), kalimat("tahun 2027"), kalimat("")
    ('Triwulan III 2026', 'Tahun 2027', '')
    """
    return teks[:1].upper() + teks[1:]
