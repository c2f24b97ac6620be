"""The work calendar every cycle-time number goes through: office hours, national holidays and cuti bersama.

Working time is counted on the office's wall clock (Kecamatan.zona_waktu): a step received on Friday at 15:00 and
completed on Monday at 09:00 took 120 working minutes under "Sen-Jum 08:00-16:00". A mutu baku of "1 hari" is one
working day of the calendar, `menit_per_hari` minutes (480 by default).

Many intervals are counted at once with a table per local date: the working minutes before the day starts
(a cumulative sum, closed days and holidays adding 0). An instant's *position* is that sum plus the minutes worked
that day before it; the working time between two instants is the difference of their positions.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pandas as pd

from models.umum import periode
from models.umum.penolakan import Ditolak
from models.umum.tanggal import pastikan_sadar_zona

__all__ = ["JAM_KERJA_BAKU", "Ditolak", "KalenderKerja", "baca_jam_kerja", "tulis_jam_kerja", "libur_nasional",
           "menit_hari_terpanjang"]

JAM_KERJA_BAKU = "Sen-Jum 08:00-16:00"
ZONA_BAKU = "Asia/Jakarta"
TAHUN_AWAL = 2015  # the earliest year kalender_kantor loads national holidays for by default

_US_MENIT = 60_000_000
_US_HARI = 86_400_000_000
_EPOCH = date(1970, 1, 1)  # a Thursday: weekday = (epoch day + 3) % 7
_JENDELA_BAKU = (date(TAHUN_AWAL, 1, 1), 400)  # the table covers at least this start and today + this many days
_PAD_HARI = 366  # a table grown to reach a date outside it reaches this much further, to grow rarely




def _us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@dataclass(frozen=True)
class _Tabel:
    """Per local date from epoch day `hari0`: opening (µs after midnight), working length, and the working
    µs before the day starts (`kumulatif`, one longer than the days)."""

    hari0: int
    buka: np.ndarray
    durasi: np.ndarray
    kumulatif: np.ndarray

    @property
    def hari_akhir(self) -> int:  # exclusive
        return self.hari0 + len(self.buka)


@dataclass(frozen=True)
class KalenderKerja:
    """Office hours per weekday, days off, and the office's time zone."""

    jam: Mapping[int, tuple[time, time]] = field(hash=False)  # 0=Senin..6=Minggu -> (buka, tutup); absent: closed
    libur: frozenset[date] = frozenset()  # national holidays and cuti bersama, local dates
    zona: str = ZONA_BAKU
    _tz: ZoneInfo = field(init=False, repr=False, compare=False)
    _tabel_: _Tabel | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for hari, (buka, tutup) in self.jam.items():
            if hari not in range(7):
                raise ValueError(f"Hari {hari!r} bukan 0 (Senin) sampai 6 (Minggu).")
            if not buka < tutup:
                raise ValueError(f"Jam tutup {tutup:%H:%M} harus sesudah jam buka {buka:%H:%M}.")
        if not self.jam:
            raise ValueError("Kalender kerja tanpa satu pun hari kerja.")
        object.__setattr__(self, "libur", frozenset(self.libur))
        object.__setattr__(self, "_tz", ZoneInfo(self.zona))
        object.__setattr__(self, "_tabel_", None)

    # ------------------------------------------------------------------ single values

    def hari_kerja(self, d: date) -> bool:
        """Whether the office works on local date `d`."""
        return d.weekday() in self.jam and d not in self.libur

    @property
    def menit_per_hari(self) -> int:
        """The longest day's working minutes: what a mutu baku of "1 hari" stands for (480 for the default)."""
        return menit_hari_terpanjang(self.jam)

    def working_minutes(self, mulai: datetime, selesai: datetime) -> int:
        """Whole working minutes in [mulai, selesai) (rounded down); 0 when selesai is not after mulai.

        Both must be aware datetimes (any zone); they are read on the office's wall clock.
        """
        lokal = [self._lokal_us(t) for t in (mulai, selesai)]  # refuses naive datetimes before comparing
        if selesai <= mulai:
            return 0
        tabel = self._tabel(min(lokal) // _US_HARI, max(lokal) // _US_HARI)
        p0, p1 = (self._posisi_satu(tabel, x) for x in lokal)
        return max(0, p1 - p0) // _US_MENIT

    def tambah_menit_kerja(self, mulai: datetime, menit: float) -> datetime:
        """The earliest instant by which `menit` working minutes have passed since `mulai` (aware, UTC).

        Counting starts at the next opening when `mulai` is outside office hours; 0 minutes gives `mulai` itself.
        The inverse of working_minutes: working_minutes(m, tambah_menit_kerja(m, n)) == n for whole n.
        """
        if menit < 0 or menit != menit:
            raise ValueError(f"Menit kerja tidak boleh negatif atau kosong: {menit!r}.")
        awal = self._lokal_us(mulai)
        tambah = round(menit * _US_MENIT)
        if tambah == 0:
            return mulai.astimezone(timezone.utc)
        hari = awal // _US_HARI
        tabel = self._tabel(hari, hari + 1)
        sasaran = self._posisi_satu(tabel, awal) + tambah
        while sasaran > tabel.kumulatif[-1]:  # beyond the table: grow it by about the days still needed
            perlu = (sasaran - int(tabel.kumulatif[-1])) // max(1, self.menit_per_hari * _US_MENIT) * 2 + 7
            tabel = self._tabel(hari, tabel.hari_akhir + perlu)
        i = int(np.searchsorted(tabel.kumulatif, sasaran, side="left")) - 1  # kumulatif[i] < sasaran <= [i+1]
        lokal_us = (tabel.hari0 + i) * _US_HARI + int(tabel.buka[i]) + (sasaran - int(tabel.kumulatif[i]))
        lokal = datetime(1970, 1, 1) + timedelta(microseconds=lokal_us)
        return lokal.replace(tzinfo=self._tz).astimezone(timezone.utc)

    # ------------------------------------------------------------------ many values

    def working_minutes_many(self, mulai: Any, selesai: Any) -> np.ndarray:
        """working_minutes for each pair of two equally long sequences, as a float array; NaN where either end is
        missing (None/NaT). Accepts lists of aware datetimes or Timestamps, pandas Series/Index, or numpy
        datetime64 arrays (taken as UTC, as are naive values inside a sequence)."""
        a_utc, a_lokal = self._lokal_many(mulai)
        b_utc, b_lokal = self._lokal_many(selesai)
        if len(a_utc) != len(b_utc):
            raise ValueError(f"Panjang mulai ({len(a_utc)}) dan selesai ({len(b_utc)}) berbeda.")
        ada = (a_utc != _NAT) & (b_utc != _NAT)
        hasil = np.full(len(a_utc), np.nan)
        if not ada.any():
            return hasil
        a, b = a_lokal[ada], b_lokal[ada]
        hari_a, hari_b = a // _US_HARI, b // _US_HARI
        tabel = self._tabel(int(min(hari_a.min(), hari_b.min())), int(max(hari_a.max(), hari_b.max())))
        selisih = self._posisi_many(tabel, b, hari_b) - self._posisi_many(tabel, a, hari_a)
        selisih[b_utc[ada] <= a_utc[ada]] = 0
        hasil[ada] = np.maximum(selisih, 0) // _US_MENIT
        return hasil

    # ------------------------------------------------------------------ the table

    def _lokal_us(self, t: datetime) -> int:
        """Microseconds since 1970-01-01 00:00 on the office's wall clock."""
        lokal = pastikan_sadar_zona(t).astimezone(self._tz).replace(tzinfo=None)
        return (lokal.toordinal() - _EPOCH.toordinal()) * _US_HARI + _us(lokal.time())

    def _lokal_many(self, nilai: Any) -> tuple[np.ndarray, np.ndarray]:
        """(UTC µs, wall-clock µs) of each value; missing values are _NAT in both."""
        if isinstance(nilai, np.ndarray) and np.issubdtype(nilai.dtype, np.datetime64):
            idx = pd.DatetimeIndex(nilai)
        elif isinstance(nilai, (pd.Series, pd.Index)) and pd.api.types.is_datetime64_any_dtype(nilai.dtype):
            idx = pd.DatetimeIndex(nilai)
        else:
            isi = list(nilai)
            try:  # Timestamps (a Series made into a list): .value is UTC ns for aware ones, NaT's is _NAT
                ns = np.fromiter((x.value for x in isi), dtype=np.int64, count=len(isi))
                idx = pd.DatetimeIndex(ns.view("M8[ns]"))
            except AttributeError:  # datetimes, None
                try:
                    idx = pd.DatetimeIndex(isi)
                except (TypeError, ValueError):  # mixed zones, or aware next to naive
                    idx = pd.DatetimeIndex(pd.to_datetime(isi, utc=True))
        idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
        utc = idx.as_unit("us").asi8
        lokal = idx.tz_convert(self.zona).tz_localize(None).as_unit("us").asi8
        return utc, lokal

    def _tabel(self, hari_awal: int, hari_akhir: int) -> _Tabel:
        """The table, grown (and kept on the instance) to cover epoch days hari_awal..hari_akhir."""
        tabel: _Tabel | None = self._tabel_
        if tabel is not None and tabel.hari0 <= hari_awal and hari_akhir < tabel.hari_akhir:
            return tabel
        mulai_baku = (_JENDELA_BAKU[0] - _EPOCH).days
        akhir_baku = (periode.hari_ini() - _EPOCH).days + _JENDELA_BAKU[1]
        lo = min(hari_awal - (0 if hari_awal >= mulai_baku else _PAD_HARI), mulai_baku)
        hi = max(hari_akhir + (0 if hari_akhir <= akhir_baku else _PAD_HARI), akhir_baku)
        if tabel is not None:
            lo, hi = min(lo, tabel.hari0), max(hi, tabel.hari_akhir - 1)
        tabel = self._bangun(lo, hi)
        object.__setattr__(self, "_tabel_", tabel)
        return tabel

    def _bangun(self, lo: int, hi: int) -> _Tabel:
        hari = np.arange(lo, hi + 1, dtype=np.int64)
        buka_mg = np.zeros(7, dtype=np.int64)
        durasi_mg = np.zeros(7, dtype=np.int64)
        for h, (jam_buka, jam_tutup) in self.jam.items():
            buka_mg[h], durasi_mg[h] = _us(jam_buka), _us(jam_tutup) - _us(jam_buka)
        minggu = (hari + 3) % 7
        buka, durasi = buka_mg[minggu], durasi_mg[minggu]
        if self.libur:
            libur = np.fromiter(((d - _EPOCH).days for d in self.libur), dtype=np.int64, count=len(self.libur))
            durasi[np.isin(hari, libur)] = 0
        kumulatif = np.concatenate(([0], np.cumsum(durasi)))
        return _Tabel(hari0=lo, buka=buka, durasi=durasi, kumulatif=kumulatif)

    @staticmethod
    def _posisi_satu(tabel: _Tabel, lokal_us: int) -> int:
        i = lokal_us // _US_HARI - tabel.hari0
        dalam_hari = lokal_us % _US_HARI - int(tabel.buka[i])
        return int(tabel.kumulatif[i]) + min(max(dalam_hari, 0), int(tabel.durasi[i]))

    @staticmethod
    def _posisi_many(tabel: _Tabel, lokal_us: np.ndarray, hari: np.ndarray) -> np.ndarray:
        i = hari - tabel.hari0
        dalam_hari = lokal_us - hari * _US_HARI - tabel.buka[i]
        posisi: np.ndarray = tabel.kumulatif[i] + np.clip(dalam_hari, 0, tabel.durasi[i])
        return posisi


_NAT = np.iinfo(np.int64).min  # what pandas gives for NaT as int64


# ---------------------------------------------------------------------- office hours as text

_NAMA_HARI = {
    "sen": 0, "senin": 0, "sel": 1, "selasa": 1, "rab": 2, "rabu": 2, "kam": 3, "kamis": 3,
    "jum": 4, "jumat": 4, "jum'at": 4, "sab": 5, "sabtu": 5, "min": 6, "minggu": 6,
}
_SINGKAT = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
_JAM = r"(\d{1,2})[:.](\d{2})"
_BAGIAN = re.compile(rf"^(?:(?P<hari>.*?)\s+)?{_JAM}\s*-\s*{_JAM}$")
_SAMPAI = re.compile(r"\s*(?:–|—|\bs\.?\s?d\.?(?=\s|$)|\bs/d\b|\bsampai\b)\s*", re.IGNORECASE)


def _hari(nama: str, teks: str) -> int:
    kunci = nama.strip().lower().rstrip(".")
    if kunci not in _NAMA_HARI:
        raise ValueError(_salah(teks, f'hari "{nama.strip()}" tidak dikenal (pakai {", ".join(_SINGKAT)})'))
    return _NAMA_HARI[kunci]


def _salah(teks: str, alasan: str) -> str:
    return f'Jam kerja "{teks}" tidak dapat dibaca: {alasan}.'


def menit_hari_terpanjang(jam: Mapping[int, tuple[time, time]]) -> int:
    """The working minutes of the longest day of office hours: the one definition of "1 hari".

    >>> menit_hari_terpanjang(baca_jam_kerja("Sen-Kam 07:30-16:00; Jum 07:30-16:30"))
    540
    """
    return max((_us(tutup) - _us(buka)) // _US_MENIT for buka, tutup in jam.values())


def baca_jam_kerja(teks: str) -> dict[int, tuple[time, time]]:
    """Office hours from text: parts separated by ";", each "days HH:MM-HH:MM" (a later part overrides the
    days it names); hours alone mean Senin-Jumat.

    >>> j = baca_jam_kerja("Sen-Kam 07:30-16:00; Jum 07:30-16:30")
    >>> sorted(j), j[4][1]
    ([0, 1, 2, 3, 4], datetime.time(16, 30))
    >>> baca_jam_kerja("08:00-16:00") == baca_jam_kerja("Senin s.d. Jumat 08.00-16.00") == baca_jam_kerja(JAM_KERJA_BAKU)
    True
    >>> sorted(baca_jam_kerja("Sen, Rab, Sab 08:00-12:00"))
    [0, 2, 5]
    >>> baca_jam_kerja("Sen-Jum 16:00-08:00")
    Traceback (most recent call last):
    ...
    ValueError: Jam kerja "Sen-Jum 16:00-08:00" tidak dapat dibaca: jam tutup 08:00 harus sesudah jam buka 16:00.
    """
    teks = (teks or "").strip()
    if not teks:
        raise ValueError(_salah(teks, "teks kosong"))
    hasil: dict[int, tuple[time, time]] = {}
    for bagian in (b.strip() for b in teks.split(";")):
        if not bagian:
            continue
        m = _BAGIAN.match(_SAMPAI.sub("-", bagian))
        if not m:
            raise ValueError(_salah(teks, f'bagian "{bagian}" bukan "hari JJ:MM-JJ:MM", mis. "Sen-Jum 08:00-16:00"'))
        try:
            buka = time(int(m.group(2)), int(m.group(3)))
            tutup = time(int(m.group(4)), int(m.group(5)))
        except ValueError:
            raise ValueError(_salah(teks, f'jam pada "{bagian}" tidak ada (00:00 sampai 23:59)')) from None
        if not buka < tutup:
            raise ValueError(_salah(teks, f"jam tutup {tutup:%H:%M} harus sesudah jam buka {buka:%H:%M}"))
        hari: list[int] = []
        for butir in (m.group("hari") or "Sen-Jum").split(","):
            if not butir.strip():
                raise ValueError(_salah(teks, f'daftar hari pada "{bagian}" tidak lengkap'))
            if "-" in butir:
                awal, _, akhir = butir.partition("-")
                a, b = _hari(awal, teks), _hari(akhir, teks)
                if a > b:
                    raise ValueError(_salah(teks, f"rentang hari {awal.strip()}-{akhir.strip()} terbalik"))
                hari.extend(range(a, b + 1))
            else:
                hari.append(_hari(butir, teks))
        for h in hari:
            hasil[h] = (buka, tutup)
    if not hasil:
        raise ValueError(_salah(teks, "teks kosong"))
    return dict(sorted(hasil.items()))


# ---------------------------------------------------------------------- holidays


@lru_cache(maxsize=32)
def _libur(tahun_awal: int, tahun_akhir: int, kategori: str) -> tuple[tuple[date, str], ...]:
    kalender = holidays.country_holidays("ID", years=range(tahun_awal, tahun_akhir + 1), language="id",
                                         categories=(kategori,))
    return tuple(sorted(kalender.items()))


def libur_nasional(tahun_awal: int, tahun_akhir: int) -> dict[date, str]:
    """Indonesia's national public holidays of the years, with their Indonesian names (the holidays library).

    >>> libur_nasional(2026, 2026)[date(2026, 8, 17)]
    'Hari Kemerdekaan Republik Indonesia'
    """
    return dict(_libur(tahun_awal, tahun_akhir, "public"))


def cuti_bersama(tahun_awal: int, tahun_akhir: int) -> dict[date, str]:
    """The government's cuti bersama of the years (the holidays library's "government" category).

    >>> cuti_bersama(2026, 2026)[date(2026, 12, 24)]
    'Cuti Bersama Hari Raya Natal'
    """
    return dict(_libur(tahun_awal, tahun_akhir, "government"))


def libur_resmi(tahun_awal: int, tahun_akhir: int) -> dict[date, str]:
    """Every official day off of the years: public holidays and cuti bersama (a day that is both keeps the
    holiday's name)."""
    return cuti_bersama(tahun_awal, tahun_akhir) | libur_nasional(tahun_awal, tahun_akhir)


_HARI_PENUH = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tulis_jam_kerja(jam: dict[int, tuple[time, time]]) -> str:
    """Office hours as a person reads them, consecutive days with the same hours joined.

    >>> tulis_jam_kerja(baca_jam_kerja("Sen-Jum 08:00-16:00"))
    'Senin–Jumat 08.00–16.00'
    >>> tulis_jam_kerja(baca_jam_kerja("Sen-Kam 07:30-16:00; Jum 07:30-16:30"))
    'Senin–Kamis 07.30–16.00; Jumat 07.30–16.30'
    """
    bagian: list[tuple[int, int, tuple[time, time]]] = []
    for hari in sorted(jam):
        if bagian and bagian[-1][1] == hari - 1 and bagian[-1][2] == jam[hari]:
            bagian[-1] = (bagian[-1][0], hari, jam[hari])
        else:
            bagian.append((hari, hari, jam[hari]))

    def hari_teks(a: int, b: int) -> str:
        return _HARI_PENUH[a] if a == b else f"{_HARI_PENUH[a]}–{_HARI_PENUH[b]}"

    return "; ".join(f"{hari_teks(a, b)} {m:%H.%M}–{s:%H.%M}" for a, b, (m, s) in bagian)
