"""The one CSV writer of the product (every CSV download, the capaian command): every field quoted, and no text a
spreadsheet could split off a cell, at any separator it may be told to use, starting a formula.

A spreadsheet opening the file may split it on a separator other than the one written ("," or tab instead of ";",
or every line), and may ignore the quotes while doing so. So each part of a text that follows a separator or a
line break (and the text's start) is looked at: one starting, after spaces and quotes, with a formula's first
character gets an apostrophe before it, which the spreadsheet shows as text.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one of these may be read as a formula
_AWAL_BAGIAN = re.compile(r"(^|[,;\t\r\n])([ \"]*)(?=[" + re.escape("".join(PEMICU_RUMUS)) + "])")
_ANGKA = re.compile(r"-?\d[\d.,]*")  # a number as the product prints it ("-1,5", "1.234,5"): read as a number


def teks_csv(teks: str) -> str:
    """A text cell as a spreadsheet must read it, at whatever separator: never a formula.

    >>> teks_csv("=1+1"), teks_csv("Rapat -2 kali"), teks_csv("Catatan,=HYPERLINK(A1)")
    ("'=1+1", 'Rapat -2 kali', "Catatan,'=HYPERLINK(A1)")
    >>> teks_csv('a; "@SUM(A1)"'), teks_csv("a,\\t=1"), teks_csv("baris\\n+62 812")
    ('a; "\\'@SUM(A1)"', "a,'\\t'=1", "baris\\n'+62 812")
    >>> teks_csv("-1,5"), teks_csv("-12.345,67"), teks_csv("-")
    ('-1,5', '-12.345,67', "'-")
    """
    if _ANGKA.fullmatch(teks):
        return teks
    return _AWAL_BAGIAN.sub(r"\1\2'", teks)


def tulis_csv(baris: Iterable[Iterable[object]], *, pemisah: str = ";", akhir_baris: str = "\r\n") -> str:
    """Rows as CSV text: every field quoted, every text passed through `teks_csv` (numbers and dates the caller
    formatted as text are left as they are when they are plain numbers), None an empty field.

    >>> tulis_csv([["IKU", "Nilai"], ["=1+1", 12.5], ["Catatan,-2", None]], pemisah=",", akhir_baris="\\n")
    '"IKU","Nilai"\\n"\\'=1+1","12.5"\\n"Catatan,\\'-2",""\\n'
    """
    keluar = io.StringIO()
    penulis = csv.writer(keluar, delimiter=pemisah, lineterminator=akhir_baris, quoting=csv.QUOTE_ALL)
    for b in baris:
        penulis.writerow(["" if v is None else teks_csv(v) if isinstance(v, str) else v for v in b])
    return keluar.getvalue()
