"""Numbers as offices type them: "1.234,5" (Indonesian), "1234.5" or "1234,5"."""
from __future__ import annotations

import math
import re

_RIBUAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


class AngkaTidakSah(ValueError):
    pass


def baca_angka(teks: str | float | int | None) -> float | None:
    """A number from a cell or a field; None for an empty one (empty is not zero).

    A dot followed by groups of three digits is a thousands separator ("1.234" is 1234); with a comma present,
    dots are thousands and the comma is the decimal mark; otherwise a lone dot is a decimal point.

    >>> [baca_angka(x) for x in ("1.234,5", "1234,5", "1234.5", "1.234", "1.234.567", " 95,25 ", "0", "", None, 7)]
    [1234.5, 1234.5, 1234.5, 1234.0, 1234567.0, 95.25, 0.0, None, None, 7.0]
    >>> baca_angka("inf")
    Traceback (most recent call last):
    ...
    models.angka.AngkaTidakSah: "inf" bukan angka
    >>> baca_angka("12a")
    Traceback (most recent call last):
    ...
    models.angka.AngkaTidakSah: "12a" bukan angka
    """
    if teks is None:
        return None
    if isinstance(teks, (int, float)) and not isinstance(teks, bool):
        if not math.isfinite(teks):
            raise AngkaTidakSah(f'"{teks}" bukan angka')
        return float(teks)
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
        raise AngkaTidakSah(f'"{str(teks).strip()}" bukan angka') from None
    if not math.isfinite(hasil):
        raise AngkaTidakSah(f'"{str(teks).strip()}" bukan angka')
    return hasil


def tulis_angka(x: float | None, desimal: int = 2) -> str:
    """A number as Indonesian readers write it: "1.234,5"; no trailing zeros; "-" for none.

    >>> tulis_angka(1234.5), tulis_angka(1234567), tulis_angka(0.125, 2), tulis_angka(None), tulis_angka(-3.0)
    ('1.234,5', '1.234.567', '0,13', '-', '-3')
    """
    if x is None:
        return "-"
    from models.metrics import bulatkan

    return pemisah_indonesia(f"{bulatkan(float(x), desimal):,.{desimal}f}".rstrip("0").rstrip("."))


def pemisah_indonesia(teks: str) -> str:
    """Swap the separators of a Python-formatted number: "1,234.5" -> "1.234,5"."""
    return teks.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
