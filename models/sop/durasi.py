"""Standard times of SOP steps: reading "1 jam", "15 Menit", "1Hari", "480" and printing them back.

A "hari" is one working day of the office's calendar (480 working minutes by default), not 24 hours.
"""
from __future__ import annotations

import re

from models.umum.angka import bulatkan
from models.umum.penolakan import Ditolak

MENIT_PER_HARI_BAKU = 480

_SATUAN = {"jam": 60, "menit": 1}
_BAGIAN = re.compile(r"(\d+(?:[.,]\d+)?|½)\s*(hari|jam|menit)\b", re.IGNORECASE)
_ANGKA_SAJA = re.compile(r"^\d+$")




def beda_total_tercetak(tercetak: str | None, total_menit: float, *,
                        menit_per_hari: int = MENIT_PER_HARI_BAKU) -> str | None:
    """The warning when the total a document prints differs from the sum of its steps' times (None: it agrees, or
    none is printed); the SOP page and Unggah SOP's preview say the same.

    >>> beda_total_tercetak("2 jam 10 menit", 120)
    'Dokumen mencetak jumlah waktu "2 jam 10 menit", berbeda dengan jumlah waktu langkah-langkahnya (2 jam).'
    >>> beda_total_tercetak("2 Hari 3 Jam 15 Menit", 1155), beda_total_tercetak(None, 60)
    (None, None)
    """
    if not tercetak:
        return None
    dihitung = format_menit(total_menit, menit_per_hari=menit_per_hari)
    if " ".join(tercetak.lower().split()) == dihitung:
        return None
    return (f'Dokumen mencetak jumlah waktu "{tercetak}", berbeda dengan jumlah waktu langkah-langkahnya '
            f"({dihitung}).")


def parse_waktu(teks: str, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> int:
    """Working minutes of a printed standard time.

    >>> parse_waktu("1 jam"), parse_waktu("15 Menit"), parse_waktu("1Hari"), parse_waktu(": 480")
    (60, 15, 480, 480)
    >>> parse_waktu("2 hari 3 jam 15 menit")
    1155

    A bare number is minutes (the "Waktu (menit)" layout writes a day as 480); "0" is zero minutes.
    Text that names no time ("", "-", "sebentar") raises Ditolak.
    """
    bersih = " ".join((teks or "").replace(":", " ").split())
    if not bersih:
        raise Ditolak("waktu kosong")
    if _ANGKA_SAJA.match(bersih):
        return int(bersih)
    bagian = _BAGIAN.findall(bersih)
    sisa = re.sub(r"[\s,.;+&]|\bdan\b", "", _BAGIAN.sub("", bersih), flags=re.IGNORECASE)
    if not bagian or sisa:
        raise Ditolak(f'waktu "{bersih}" tidak dapat dibaca')
    total = 0.0
    for angka, satuan in bagian:
        nilai = 0.5 if angka == "½" else float(angka.replace(",", "."))
        total += nilai * (menit_per_hari if satuan.lower() == "hari" else _SATUAN[satuan.lower()])
    return round(total)


def format_menit(menit: float | None, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> str:
    """Minutes as the offices print them, rounded to a whole minute half up (as every number is printed).

    >>> format_menit(1155)
    '2 hari 3 jam 15 menit'
    >>> format_menit(170), format_menit(0), format_menit(None), format_menit(30.5), format_menit(31.5)
    ('2 jam 50 menit', '0 menit', '-', '31 menit', '32 menit')
    """
    if menit is None or menit != menit:  # None or NaN: no value
        return "-"
    hari, sisa = divmod(int(bulatkan(menit, 0)), menit_per_hari)
    jam, mnt = divmod(sisa, 60)
    bagian = [f"{hari} hari" if hari else "", f"{jam} jam" if jam else "", f"{mnt} menit" if mnt else ""]
    return " ".join(b for b in bagian if b) or "0 menit"


def tulis_waktu(teks: str | None, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> str:
    """A step's standard time as every page and print shows it: always with its unit.

    A bare number is minutes (the "Waktu (menit)" layout), printed as the totals are (format_menit); a time that
    names its unit keeps the office's words, each number and unit spaced and in lower case.

    >>> tulis_waktu("5"), tulis_waktu("480"), tulis_waktu("90"), tulis_waktu(": 10")
    ('5 menit', '1 hari', '1 jam 30 menit', '10 menit')
    >>> tulis_waktu("1Hari"), tulis_waktu("20 Menit"), tulis_waktu("½ hari"), tulis_waktu("1 jam 15 menit")
    ('1 hari', '20 menit', '½ hari', '1 jam 15 menit')
    >>> tulis_waktu(""), tulis_waktu(None), tulis_waktu("sebentar")
    ('-', '-', 'sebentar')
    """
    bersih = " ".join((teks or "").replace(":", " ").split())
    if not bersih:
        return "-"
    if _ANGKA_SAJA.match(bersih):
        return format_menit(int(bersih), menit_per_hari=menit_per_hari)
    return " ".join(_BAGIAN.sub(lambda m: f" {m.group(1)} {m.group(2).lower()} ", bersih).split())
