"""The work calendar: working minutes between instants, counted by hand on the office's wall clock."""
from __future__ import annotations

import random
import time as jam_dinding
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from models.settings import KonfigurasiSalah, load_settings
from models.sop.durasi import parse_waktu
from models.umum.kalender import JAM_KERJA_BAKU, KalenderKerja, baca_jam_kerja, libur_nasional

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
UTC = timezone.utc
CUTI_NATAL_2026 = date(2026, 12, 24)  # a Thursday; 25 December is the national holiday


def kalender(*, cuti: tuple[date, ...] = (), zona: str = "Asia/Jakarta", jam: str = JAM_KERJA_BAKU) -> KalenderKerja:
    return KalenderKerja(jam=baca_jam_kerja(jam), libur=frozenset(libur_nasional(2024, 2027)) | set(cuti), zona=zona)


KAL = kalender()


def wib(*a: int) -> datetime:
    return datetime(*a, tzinfo=WIB)


def test_within_one_working_day():
    assert KAL.working_minutes(wib(2026, 8, 11, 9, 15), wib(2026, 8, 11, 11, 45)) == 150  # a Tuesday
    assert KAL.working_minutes(wib(2026, 8, 11, 8), wib(2026, 8, 11, 16)) == 480


def test_seconds_are_rounded_down_to_whole_minutes():
    assert KAL.working_minutes(wib(2026, 8, 11, 9, 0, 30), wib(2026, 8, 11, 9, 2, 29)) == 1


def test_a_weekend_is_not_working_time():
    # Friday 15:00 -> Monday 09:30: one hour on Friday, ninety minutes on Monday.
    assert KAL.working_minutes(wib(2026, 8, 7, 15), wib(2026, 8, 10, 9, 30)) == 150
    assert KAL.working_minutes(wib(2026, 8, 8, 9), wib(2026, 8, 9, 15)) == 0  # Saturday to Sunday


def test_17_agustus_is_not_working_time():
    # Friday 14 August 15:00 -> Tuesday 18 August 09:00; Monday is Hari Kemerdekaan.
    assert KAL.working_minutes(wib(2026, 8, 14, 15), wib(2026, 8, 18, 9)) == 60 + 60
    tanpa_libur = KalenderKerja(jam=baca_jam_kerja(JAM_KERJA_BAKU), libur=frozenset())
    assert tanpa_libur.working_minutes(wib(2026, 8, 14, 15), wib(2026, 8, 18, 9)) == 60 + 480 + 60


def test_a_cuti_bersama_day_is_not_working_time():
    # Wednesday 23 December 14:00 -> Monday 28 December 10:00: 24th cuti bersama, 25th Natal, then the weekend.
    mulai, selesai = wib(2026, 12, 23, 14), wib(2026, 12, 28, 10)
    assert kalender(cuti=(CUTI_NATAL_2026,)).working_minutes(mulai, selesai) == 120 + 120
    assert KAL.working_minutes(mulai, selesai) == 120 + 480 + 120


def test_start_before_opening_and_after_closing():
    assert KAL.working_minutes(wib(2026, 8, 11, 6), wib(2026, 8, 11, 9)) == 60
    assert KAL.working_minutes(wib(2026, 8, 11, 17), wib(2026, 8, 12, 8, 30)) == 30
    assert KAL.working_minutes(wib(2026, 8, 11, 17), wib(2026, 8, 12, 7)) == 0
    assert KAL.working_minutes(wib(2026, 8, 11, 15), wib(2026, 8, 11, 23)) == 60


def test_end_not_after_start_is_zero():
    assert KAL.working_minutes(wib(2026, 8, 11, 12), wib(2026, 8, 11, 10)) == 0
    assert KAL.working_minutes(wib(2026, 8, 11, 12), wib(2026, 8, 11, 12)) == 0


def test_an_office_in_asia_makassar_counts_on_its_own_clock():
    # 00:00-08:00 UTC is 08:00-16:00 WITA (a full day) but 07:00-15:00 WIB (seven hours).
    mulai, selesai = datetime(2026, 8, 11, 0, tzinfo=UTC), datetime(2026, 8, 11, 8, tzinfo=UTC)
    assert kalender(zona="Asia/Makassar").working_minutes(mulai, selesai) == 480
    assert KAL.working_minutes(mulai, selesai) == 420
    assert kalender(zona="Asia/Makassar").tambah_menit_kerja(mulai, 60) == datetime(2026, 8, 11, 1, tzinfo=UTC)
    # Instants may come in any zone: 09:00 WIB is 10:00 WITA.
    assert kalender(zona="Asia/Makassar").working_minutes(
        datetime(2026, 8, 11, 8, tzinfo=WITA), datetime(2026, 8, 11, 9, tzinfo=WIB)) == 120


def test_dates_far_outside_the_usual_years_still_count():
    assert KAL.working_minutes(wib(2041, 1, 8, 8), wib(2041, 1, 9, 8)) == 480  # Tuesday to Wednesday
    assert KAL.working_minutes(wib(1999, 1, 5, 8), wib(1999, 1, 6, 8)) == 480
    assert KAL.working_minutes(wib(1999, 1, 5, 8), wib(2041, 1, 9, 8)) > 0
    hasil = KAL.working_minutes_many([wib(1999, 1, 5, 8), wib(2026, 8, 11, 9)], [wib(1999, 1, 6, 8), wib(2041, 1, 9)])
    assert hasil[0] == 480 and hasil[1] > 480 * 250 * 14


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="zona waktu"):
        KAL.working_minutes(datetime(2026, 8, 11, 9), wib(2026, 8, 11, 10))


def test_working_day_and_one_hari_of_mutu_baku():
    assert KAL.hari_kerja(date(2026, 8, 11)) and not KAL.hari_kerja(date(2026, 8, 15))
    assert not KAL.hari_kerja(date(2026, 8, 17))
    assert KAL.menit_per_hari == 480 == parse_waktu("1 hari", menit_per_hari=KAL.menit_per_hari)
    assert KAL.tambah_menit_kerja(wib(2026, 8, 11, 8), parse_waktu("1 hari")) == wib(2026, 8, 11, 16)
    assert kalender(jam="Sen-Kam 07:30-16:00; Jum 07:30-16:30").menit_per_hari == 540


def _acak(rng: random.Random, n: int) -> tuple[list, list]:
    """Random instants over three years around holidays, in assorted zones, some missing or reversed."""
    awal = datetime(2024, 12, 1, tzinfo=UTC)
    zona = [UTC, WIB, WITA]
    mulai, selesai = [], []
    for _ in range(n):
        a = awal + timedelta(seconds=rng.randrange(0, 3 * 365 * 86400))
        b = a + timedelta(seconds=rng.randrange(-86400, 30 * 86400))
        mulai.append(None if rng.random() < 0.03 else a.astimezone(rng.choice(zona)))
        selesai.append(None if rng.random() < 0.03 else b.astimezone(rng.choice(zona)))
    return mulai, selesai


def test_many_equals_the_scalar_on_500_random_intervals():
    mulai, selesai = _acak(random.Random(17), 500)
    kal = kalender(cuti=(CUTI_NATAL_2026, date(2025, 4, 2)))
    harapan = np.array([np.nan if a is None or b is None else kal.working_minutes(a, b)
                        for a, b in zip(mulai, selesai, strict=True)])
    assert np.isnan(harapan).sum() > 0 and (harapan == 0).sum() > 0 and (harapan > 480).sum() > 0
    series = (pd.to_datetime(pd.Series(mulai), utc=True), pd.to_datetime(pd.Series(selesai), utc=True))
    numpy = tuple(s.dt.tz_localize(None).to_numpy() for s in series)  # datetime64, UTC by convention
    for a, b in [(mulai, selesai), series, (list(series[0]), list(series[1])), numpy]:
        np.testing.assert_array_equal(kal.working_minutes_many(a, b), harapan)


def test_many_with_nothing_to_count():
    assert KAL.working_minutes_many([], []).shape == (0,)
    assert np.isnan(KAL.working_minutes_many([None], [pd.NaT])).all()
    with pytest.raises(ValueError):
        KAL.working_minutes_many([wib(2026, 8, 11, 9)], [])


def test_adding_working_minutes_inverts_working_minutes():
    assert KAL.tambah_menit_kerja(wib(2026, 8, 14, 15), 120) == wib(2026, 8, 18, 9)  # over 17 Agustus
    assert KAL.tambah_menit_kerja(wib(2026, 8, 14, 15), 60) == wib(2026, 8, 14, 16)  # the closing itself
    assert KAL.tambah_menit_kerja(wib(2026, 8, 15, 10), 1) == wib(2026, 8, 18, 8, 1)  # Saturday: from Tuesday
    assert KAL.tambah_menit_kerja(wib(2026, 8, 15, 10), 0) == wib(2026, 8, 15, 10)
    assert KAL.tambah_menit_kerja(wib(2026, 8, 11, 9), 30).tzinfo == UTC
    rng = random.Random(5)
    mulai, _ = _acak(rng, 300)
    for m in filter(None, mulai):
        menit = rng.choice([1, 59, 480, 481, 2400, rng.randrange(1, 20000)])
        hasil = KAL.tambah_menit_kerja(m, menit)
        assert KAL.working_minutes(m, hasil) == menit, (m, menit)
        assert KAL.working_minutes(m, hasil - timedelta(seconds=1)) == menit - 1  # the earliest such instant
    with pytest.raises(ValueError):
        KAL.tambah_menit_kerja(wib(2026, 8, 11, 9), -5)


@pytest.mark.parametrize("teks, harapan", [
    ("Sen-Jum 08:00-16:00", {h: (time(8), time(16)) for h in range(5)}),
    ("08:00-16:00", {h: (time(8), time(16)) for h in range(5)}),
    ("Sen-Kam 07:30-16:00; Jum 07:30-16:30",
     {0: (time(7, 30), time(16)), 1: (time(7, 30), time(16)), 2: (time(7, 30), time(16)), 3: (time(7, 30), time(16)),
      4: (time(7, 30), time(16, 30))}),
    ("senin-SABTU 07.00-14.00", {h: (time(7), time(14)) for h in range(6)}),
    ("Senin s.d. Kamis 08:00-16:00; Jumat 08:00-11:30",
     {0: (time(8), time(16)), 1: (time(8), time(16)), 2: (time(8), time(16)), 3: (time(8), time(16)),
      4: (time(8), time(11, 30))}),
    ("Sen-Jum 08:00-16:00; Jum 08:00-11:00", {**{h: (time(8), time(16)) for h in range(4)}, 4: (time(8), time(11))}),
    ("Sen, Rab, Min 09:00-12:00", {0: (time(9), time(12)), 2: (time(9), time(12)), 6: (time(9), time(12))}),
])
def test_office_hours_text_that_reads(teks, harapan):
    assert baca_jam_kerja(teks) == harapan


@pytest.mark.parametrize("teks, alasan", [
    ("", "teks kosong"),
    ("Sen-Jum", 'bagian "Sen-Jum" bukan "hari JJ:MM-JJ:MM"'),
    ("Mon-Fri 08:00-16:00", 'hari "Mon" tidak dikenal'),
    ("Sen-Jum 16:00-08:00", "jam tutup 08:00 harus sesudah jam buka 16:00"),
    ("Sen-Jum 08:00-25:00", "tidak ada (00:00 sampai 23:59)"),
    ("Jum-Sen 08:00-16:00", "rentang hari Jum-Sen terbalik"),
    ("Sen,,Rab 08:00-16:00", "daftar hari"),
])
def test_office_hours_text_that_does_not_read(teks, alasan):
    with pytest.raises(ValueError) as e:
        baca_jam_kerja(teks)
    assert str(e.value).startswith(f'Jam kerja "{teks}" tidak dapat dibaca: ') and alasan in str(e.value)


def test_jam_kerja_setting_is_checked_at_load():
    dasar = {"APP_ENV": "test", "SECRET_KEY": "x"}
    assert load_settings(dasar).jam_kerja == JAM_KERJA_BAKU
    assert load_settings(dasar | {"JAM_KERJA": "Sen-Kam 07:30-16:00; Jum 07:30-16:30"}).jam_kerja.startswith("Sen-Kam")
    with pytest.raises(KonfigurasiSalah, match='JAM_KERJA salah. Jam kerja "Sen-Jum 8-16" tidak dapat dibaca'):
        load_settings(dasar | {"JAM_KERJA": "Sen-Jum 8-16"})


def test_national_holidays_have_indonesian_names_and_a_copy_is_returned():
    libur = libur_nasional(2026, 2026)
    assert libur[date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert libur[date(2026, 12, 25)] == "Hari Raya Natal" and date(2026, 12, 24) not in libur
    libur.clear()
    assert libur_nasional(2026, 2026)


def test_twenty_thousand_intervals_are_counted_quickly():
    rng = np.random.default_rng(3)
    awal = np.datetime64("2024-01-01T00:00:00", "s") + rng.integers(0, 3 * 365 * 86400, 20_000).astype("m8[s]")
    akhir = awal + rng.integers(0, 20 * 86400, 20_000).astype("m8[s]")
    mulai = pd.Series(pd.to_datetime(awal, utc=True))
    selesai = pd.Series(pd.to_datetime(akhir, utc=True))
    kal = kalender()
    kal.working_minutes_many(mulai[:5], selesai[:5])  # the table is built once per calendar
    for a, b in [(mulai, selesai), (list(mulai), list(selesai)), (awal, akhir)]:
        t0 = jam_dinding.perf_counter()
        hasil = kal.working_minutes_many(a, b)
        assert jam_dinding.perf_counter() - t0 < 0.2
        assert hasil.shape == (20_000,) and not np.isnan(hasil).any()


def test_one_hari_is_the_longest_day_of_the_office_hours_and_a_disagreeing_setting_is_refused():
    """"1 hari" has one definition: MENIT_PER_HARI follows JAM_KERJA, and a value that disagrees is refused."""
    dasar = {"APP_ENV": "test", "SECRET_KEY": "x", "DATABASE_URL": "sqlite://"}
    assert load_settings(dasar).menit_per_hari == 480
    jumat_panjang = dasar | {"JAM_KERJA": "Sen-Kam 07:30-16:00; Jum 07:30-16:30"}
    assert load_settings(jumat_panjang).menit_per_hari == 540
    assert load_settings(jumat_panjang | {"MENIT_PER_HARI": "540"}).menit_per_hari == 540
    with pytest.raises(KonfigurasiSalah) as e:
        load_settings(dasar | {"MENIT_PER_HARI": "450"})
    assert str(e.value) == ('MENIT_PER_HARI (450) tidak sama dengan hari kerja terpanjang JAM_KERJA '
                            '"Sen-Jum 08:00-16:00" (480 menit); kosongkan MENIT_PER_HARI atau samakan keduanya.')
