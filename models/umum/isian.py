"""What a form or a request gives, checked before anything is written: text within its bound, whole numbers within
theirs, ids a database can hold. One source for the messages a person reads when a field is refused.

A value from the browser may be of any JSON type (a list where a text was expected, a 5,000-digit number, a lone
surrogate); each check here refuses what it cannot use with `Ditolak`, never with a TypeError or an OverflowError.
"""
from __future__ import annotations

from typing import Any

from models.umum.penolakan import Ditolak

# The largest key every id column holds: they are INTEGER, 32 bits on PostgreSQL (SQLite's hold 2^63 - 1); a larger
# id reached PostgreSQL as "integer out of range".
MAKS_ID = 2**31 - 1
MAKS_BULAT = 2**63 - 1  # the largest whole number a column of counts or rupiah (BIGINT) holds
MAKS_DIGIT = 30  # digits of a whole number typed or sent; far beyond any count, rupiah or year

# Bounds of the kinds of text a person types, in characters (one source; a module may name a tighter one).
MAKS_NAMA = 200  # a person's or an office's name, a title
MAKS_PENDEK = 100  # a username, a NIP, a code, a jabatan
MAKS_KALIMAT = 2_000  # a reason, a recommendation, a note
MAKS_URAIAN = 20_000  # a passage of a report
MAKS_CARI = 200  # a search: longer than any name, number or office it can find


def _sah_unicode(t: str) -> bool:
    """False for text holding a NUL or a lone surrogate (neither can be stored or sent back as UTF-8).

    >>> _sah_unicode("Camat"), _sah_unicode("a\\x00b"), _sah_unicode("\\ud800")
    (True, False, False)
    """
    if "\x00" in t:
        return False
    try:
        t.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def teks(nilai: Any, *, label: str, maks: int, wajib: bool = False) -> str | None:
    """A typed text, stripped; None when empty and not `wajib`. Refused, naming the field, when it is not text,
    holds characters that cannot be stored, or is longer than `maks`.

    >>> teks("  Kalipare ", label="Nama", maks=10)
    'Kalipare'
    >>> teks("", label="Nama", maks=10) is None, teks(None, label="Nama", maks=10) is None
    (True, True)
    >>> teks(None, label="Nama", maks=10, wajib=True)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nama wajib diisi.
    >>> teks("x" * 11, label="Nama", maks=10)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nama terlalu panjang: 11 karakter, paling banyak 10.
    >>> teks(["a"], label="Nama", maks=10)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nama tidak sah.
    >>> teks("a\\x00", label="Nama", maks=10)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nama memuat karakter yang tidak sah.
    """
    if nilai is None:
        t = ""
    elif isinstance(nilai, str):
        t = nilai.strip()
    else:
        raise Ditolak(f"{label} tidak sah.")
    if not _sah_unicode(t):
        raise Ditolak(f"{label} memuat karakter yang tidak sah.")
    if not t:
        if wajib:
            raise Ditolak(f"{label} wajib diisi.")
        return None
    if len(t) > maks:
        raise Ditolak(f"{label} terlalu panjang: {len(t)} karakter, paling banyak {maks}.")
    return t


def bulat(nilai: Any, *, label: str, minimum: int = 0, maksimum: int = MAKS_BULAT, wajib: bool = True) -> int | None:
    """A whole number as a form or a request gives it (a number or its digits), within [minimum, maksimum]; None
    when empty and not `wajib`. Refused, naming the field, otherwise (never an OverflowError or a ValueError).

    >>> bulat("12", label="Versi"), bulat(3, label="Versi")
    (12, 3)
    >>> bulat("abc", label="Versi")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Versi harus bilangan bulat.
    >>> bulat(2**63, label="Nomor")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nomor di luar batas (0 sampai 9223372036854775807).
    >>> bulat("9" * 5000, label="Nomor")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nomor harus bilangan bulat.
    >>> bulat(True, label="Versi")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Versi harus bilangan bulat.
    >>> bulat(None, label="Versi", wajib=False) is None
    True
    """
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        if wajib:
            raise Ditolak(f"{label} wajib diisi.")
        return None
    if isinstance(nilai, bool):
        raise Ditolak(f"{label} harus bilangan bulat.")
    if isinstance(nilai, float):
        if not nilai.is_integer():
            raise Ditolak(f"{label} harus bilangan bulat.")
        nilai = int(nilai)
    if isinstance(nilai, str):
        t = nilai.strip()
        digit = t[1:] if t[:1] in "+-" else t
        if not digit.isascii() or not digit.isdigit() or len(digit) > MAKS_DIGIT:
            raise Ditolak(f"{label} harus bilangan bulat.")
        nilai = int(t)
    if not isinstance(nilai, int):
        raise Ditolak(f"{label} harus bilangan bulat.")
    if not minimum <= nilai <= maksimum:
        raise Ditolak(f"{label} di luar batas ({minimum} sampai {maksimum}).")
    return nilai


def nomor_id(nilai: Any, *, label: str = "Nomor data") -> int:
    """A record's id from a request: a whole number from 1 to the largest key a column holds.

    >>> nomor_id("7")
    7
    >>> nomor_id(2**31)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nomor data di luar batas (1 sampai 2147483647).
    >>> nomor_id(0)
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Nomor data di luar batas (1 sampai 2147483647).
    """
    hasil = bulat(nilai, label=label, minimum=1, maksimum=MAKS_ID)
    assert hasil is not None  # wajib
    return hasil


def versi_berikut(versi: Any) -> int:
    """The next value of a page's version counter (a store that redraws a list after a write), checked before the
    write so that nothing after it can fail.

    >>> versi_berikut(None), versi_berikut(4)
    (1, 5)
    >>> versi_berikut("abc")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Versi halaman harus bilangan bulat.
    """
    hasil = bulat(versi, label="Versi halaman", minimum=0, maksimum=MAKS_ID - 1, wajib=False)
    return (hasil or 0) + 1
