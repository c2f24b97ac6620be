"""Numbers as offices type them: "1.234,5" (Indonesian), "1234.5" or "1234,5"."""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from models.umum.penolakan import Ditolak

_RIBUAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")




def baca_angka(teks: str | float | int | None) -> float | None:
    """A number from a cell or a field; None for an empty one (empty is not zero).

    A dot followed by groups of three digits is a thousands separator ("1.234" is 1234); with a comma present,
    dots are thousands and the comma is the decimal mark; otherwise a lone dot is a decimal point.

    >>> [baca_angka(x) for x in ("1.234,5", "1234,5", "1234.5", "1.234", "1.234.567", " 95,25 ", "0", "", None, 7)]
    [1234.5, 1234.5, 1234.5, 1234.0, 1234567.0, 95.25, 0.0, None, None, 7.0]
    >>> baca_angka("inf")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: "inf" bukan angka
    >>> baca_angka("12a")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: "12a" bukan angka
    """
    if teks is None:
        return None
    if isinstance(teks, (int, float)) and not isinstance(teks, bool):
        try:
            if math.isfinite(teks):
                return float(teks)
        except OverflowError:  # a whole number beyond any float
            pass
        raise Ditolak(f'"{str(teks)[:30]}" bukan angka')
    s = str(teks).strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif _RIBUAN.match(s):
        s = s.replace(".", "")
    try:
        hasil = float(s)
    except ValueError:
        raise Ditolak(f'"{str(teks).strip()}" bukan angka') from None
    if not math.isfinite(hasil):
        raise Ditolak(f'"{str(teks).strip()}" bukan angka')
    return hasil


def bulatkan(x: float, digit: int = 2) -> float:
    """Half away from zero on the decimal digits a reader sees, as published tables (spreadsheet ROUND) print it.

    >>> bulatkan(2.675), bulatkan(90.005), bulatkan(-1.005), bulatkan(900.05 / 1000 * 100)
    (2.68, 90.01, -1.01, 90.01)
    >>> bulatkan(float("inf")), bulatkan(1e29)  # nothing to round: as it is
    (inf, 1e+29)
    """
    if not math.isfinite(x) or abs(x) >= 1e15:  # beyond a float's decimal digits there is nothing to round
        return float(x)
    q = Decimal(1).scaleb(-digit)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def format_angka(x: float | None, desimal: int = 0, *, kosong: str = "-", ribuan: bool = True,
                 buang_nol: bool = False) -> str:
    """The one formatter of numbers and percentages: rounded half up (as the bands are judged), Indonesian
    separators; `kosong` for no value (empty is not zero).

    >>> format_angka(90.005, 2), format_angka(900.05 / 1000 * 100, 2), format_angka(1234.5, 1), format_angka(None)
    ('90,01', '90,01', '1.234,5', '-')
    >>> format_angka(1234.5, 2, ribuan=False), format_angka(0.125, 2, buang_nol=True), format_angka(-0.004, 2)
    ('1234,50', '0,13', '0,00')
    >>> format_angka(1e20, 0), format_angka(float("inf"), 2)
    ('100.000.000.000.000.000.000', 'inf')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return kosong
    nilai = bulatkan(float(x), desimal) + 0.0  # + 0.0: no "-0,00"
    teks = f"{nilai:{',' if ribuan else ''}.{desimal}f}"
    if buang_nol and "." in teks:
        teks = teks.rstrip("0").rstrip(".")
    return pemisah_indonesia(teks)


def tulis_angka(x: float | None, desimal: int = 2) -> str:
    """A number as Indonesian readers write it: "1.234,5"; no trailing zeros; "-" for none.

    >>> tulis_angka(1234.5), tulis_angka(1234567), tulis_angka(0.125, 2), tulis_angka(None), tulis_angka(-3.0)
    ('1.234,5', '1.234.567', '0,13', '-', '-3')
    """
    return format_angka(x, desimal, buang_nol=True)


def pemisah_indonesia(teks: str) -> str:
    """Swap the separators of a Python-formatted number: "1,234.5" -> "1.234,5"."""
    return teks.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def tulis_persen(x: float | None, *, kosong: str = "-") -> str:
    """A capaian (or any share in percent) as every page, table, file and print shows it: two decimals, half up,
    the sign after the number without a space ("85,20%"); `kosong` for none (empty is not zero).

    >>> tulis_persen(85.2), tulis_persen(90.005), tulis_persen(1234.5), tulis_persen(0), tulis_persen(None)
    ('85,20%', '90,01%', '1.234,50%', '0,00%', '-')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return kosong
    return f"{format_angka(x, 2)}%"


def tulis_realisasi(nilai: float | None, satuan: str) -> str:
    """A realisasi as every page prints it: a percentage as computed from its numbers, as a capaian is printed
    (tulis_persen); a count or an amount as written, with its unit.

    >>> tulis_realisasi(426 / 500 * 100, "%"), tulis_realisasi(12, "kali"), tulis_realisasi(None, "%")
    ('85,20%', '12 kali', '-')
    """
    if satuan == "%":
        return tulis_persen(nilai)
    return tulis_target(nilai, satuan)


def tulis_target(nilai: float | None, satuan: str) -> str:
    """A target as every page prints it: the number as written, with its unit ("90%", "92,5%", "12 desa").

    >>> tulis_target(90.0, "%"), tulis_target(92.5, "%"), tulis_target(1200, "berkas"), tulis_target(None, "%")
    ('90%', '92,5%', '1.200 berkas', '-')
    """
    if nilai is None:
        return "-"
    return f"{tulis_angka(nilai)}%" if satuan == "%" else f"{tulis_angka(nilai)} {satuan}".strip()
