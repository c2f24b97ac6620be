"""Dates and times as Indonesian readers write them: "17 Agustus 2026", "15 Februari 2021 09.30 WIB"."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_month_names

from models.umum.penolakan import Ditolak

LOKAL = "id"  # the users' language: Indonesian names from the Unicode CLDR, through Babel
BULAN = tuple(get_month_names("wide", locale=LOKAL)[n] for n in range(1, 13))  # "Januari" … "Desember"
_SINGKATAN_ZONA = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def tanggal_panjang(nilai: date) -> str:
    """A date in words (a datetime gives its own date part).

    >>> tanggal_panjang(date(2026, 8, 17)), tanggal_panjang(datetime(2019, 8, 1, 9, 30))
    ('17 Agustus 2026', '1 Agustus 2019')
    """
    if isinstance(nilai, datetime):
        nilai = nilai.date()
    return format_date(nilai, "d MMMM y", locale=LOKAL)


def tanggal_hari(nilai: date) -> str:
    """The date with its weekday name.

    >>> tanggal_hari(date(2026, 8, 17))
    'Senin, 17 Agustus 2026'
    """
    if isinstance(nilai, datetime):
        nilai = nilai.date()
    return format_date(nilai, "EEEE, d MMMM y", locale=LOKAL)


def waktu_panjang(nilai: datetime, zona: str = "Asia/Jakarta") -> str:
    """An aware time in the office's zone.

    >>> from datetime import timezone
    >>> waktu_panjang(datetime(2021, 2, 15, 2, 30, tzinfo=timezone.utc))
    '15 Februari 2021 09.30 WIB'
    >>> waktu_panjang(datetime(2021, 2, 15, 2, 30, tzinfo=timezone.utc), "Asia/Makassar")
    '15 Februari 2021 10.30 WITA'
    """
    lokal = nilai.astimezone(ZoneInfo(zona))
    return f"{tanggal_panjang(lokal)} {lokal:%H.%M} {_SINGKATAN_ZONA.get(zona, '')}".strip()


def pastikan_sadar_zona(t: datetime) -> datetime:
    """`t` itself when it carries a time zone; a naive time is refused (a programming error, not a person's input).

    >>> from datetime import timezone
    >>> pastikan_sadar_zona(datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)).hour
    2
    >>> pastikan_sadar_zona(datetime(2026, 1, 5, 9, 0))
    Traceback (most recent call last):
    ...
    ValueError: waktu harus memiliki zona waktu
    """
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError("waktu harus memiliki zona waktu")
    return t


PESAN_TANGGAL = "Tanggal tidak dapat dibaca; tulis seperti 15 Februari 2026 atau 15/02/2026."
_BULAN_KUNCI = {b.lower(): n for n, b in enumerate(BULAN, start=1)} | {
    b.lower()[:3]: n for n, b in enumerate(BULAN, start=1)} | {"agu": 8, "agt": 8, "okt": 10, "nop": 11, "des": 12}


def baca_tanggal(teks: str | date | None) -> date | None:
    """A date as Indonesians type it: "15 Februari 2026", "15 Feb 2026", "15/02/2026", "15-2-2026", or ISO
    "2026-02-15"; None for nothing typed.

    >>> [baca_tanggal(t) for t in ("15 Februari 2026", "15 feb 2026", "15/02/2026", "15-2-2026", "2026-02-15")]
    ... # doctest: +ELLIPSIS
    [datetime.date(2026, 2, 15), datetime.date(2026, 2, 15), ...]
    >>> baca_tanggal("Senin, 16 Februari 2026")
    datetime.date(2026, 2, 16)
    >>> baca_tanggal("16/02/26")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Tanggal tidak dapat dibaca; tulis seperti 15 Februari 2026 atau 15/02/2026.
    >>> baca_tanggal("  "), baca_tanggal("31 Februari 2026")
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Tanggal tidak dapat dibaca; tulis seperti 15 Februari 2026 atau 15/02/2026.
    """
    if teks is None or isinstance(teks, date):
        return teks
    bersih = " ".join(str(teks).replace(",", " ").split()).lower()
    if not bersih:
        return None
    hari_nama = bersih.split(" ", 1)
    if len(hari_nama) == 2 and hari_nama[0] in _NAMA_HARI:  # "Senin, 16 Februari 2026", as the pages print dates
        bersih = hari_nama[1]
    try:
        if len(bersih) == 10 and bersih[4] == "-" and bersih[7] == "-":
            return date.fromisoformat(bersih)
        for pemisah in ("/", "-", "."):
            if pemisah in bersih:
                h, b, t = bersih.split(pemisah)
                return _tanggal(t, b, h)
        hari, bulan, tahun = bersih.split(" ")
        return _tanggal(tahun, str(_BULAN_KUNCI[bulan]), hari)
    except (ValueError, KeyError):
        raise Ditolak(PESAN_TANGGAL) from None


_NAMA_HARI = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu"})


def _tanggal(tahun: str, bulan: str, hari: str) -> date:
    """A date from its parts as typed; the year in full (a two-digit "26" is refused, not taken as the year 26)."""
    if len(tahun) != 4 or not 1900 <= int(tahun) <= 2100:
        raise ValueError("tahun")
    return date(int(tahun), int(bulan), int(hari))
