"""The follow-up rules that need no database: the transition table, who may act, due dates, date words."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from models.tables import Rekomendasi, User
from models.tindak_lanjut.rekomendasi import (
    AKSI,
    AKSI_LABEL,
    STATUS,
    TRANSISI,
    boleh,
    jatuh_tempo_dekat,
    terlambat,
    tindakan_tersedia,
)
from models.umum.tanggal import tanggal_panjang, waktu_panjang

HARI_INI = date(2026, 8, 10)


def _r(status="baru", jatuh_tempo=HARI_INI, role_kode="kasi_pem", user_id=None, kecamatan_id=1) -> Rekomendasi:
    return Rekomendasi(id=1, evaluasi_id=1, kecamatan_id=kecamatan_id, teks="x", role_kode=role_kode,
                       user_id=user_id, jatuh_tempo=jatuh_tempo, status=status)


def _user(role_kode, id=10, kecamatan_id=1, aktif=True) -> User:
    return User(id=id, username=f"u{id}", nama=f"U{id}", password_hash="-", role_kode=role_kode,
                kecamatan_id=kecamatan_id, aktif=aktif)


class _TanpaData:
    """A session that holds no rows: the refusals' reasons name a role or a user by its code then."""

    def get(self, *_):
        return None


# ---------------------------------------------------------------- the table


def test_the_table_speaks_only_of_known_statuses_and_actions():
    assert all(s.label for s in STATUS)
    assert set(AKSI_LABEL) == set(AKSI) | {"tambah"}
    for (dari, aksi), ke in TRANSISI.items():
        assert dari in STATUS and ke in STATUS and aksi in AKSI and dari != ke


def test_every_status_is_reachable_from_baru_and_selesai_is_the_end():
    dicapai, baru = {"baru"}, ["baru"]
    while baru:
        s = baru.pop()
        for (dari, _), ke in TRANSISI.items():
            if dari == s and ke not in dicapai:
                dicapai.add(ke)
                baru.append(ke)
    assert dicapai == set(STATUS)
    assert not [k for k in TRANSISI if k[0] == "selesai"]


def test_a_return_goes_back_to_the_responsible_role_and_only_the_camat_closes():
    assert TRANSISI[("diserahkan", "kembalikan")] == "dikembalikan"
    assert TRANSISI[("dikembalikan", "mulai")] == "dalam proses"
    assert [k for k, v in TRANSISI.items() if v == "selesai"] == [("diverifikasi", "akui")]


# ---------------------------------------------------------------- who may act


@pytest.mark.parametrize("status,role,harapan", [
    ("baru", "kasi_pem", ["mulai"]),
    ("baru", "kasi_ekbang", []),
    ("baru", "sekcam", []),
    ("dalam proses", "kasi_pem", ["serahkan"]),
    ("diserahkan", "kasi_pem", []),
    ("diserahkan", "sekcam", ["terima", "kembalikan"]),
    ("dikembalikan", "kasi_pem", ["mulai"]),
    ("diverifikasi", "sekcam", []),
    ("diverifikasi", "camat", ["akui"]),
    ("selesai", "camat", []),
])
def test_the_actions_a_role_is_offered(status, role, harapan):
    assert tindakan_tersedia(_TanpaData(), _r(status), _user(role)) == harapan


@pytest.mark.parametrize("status", STATUS)
def test_the_camat_is_offered_every_action_the_status_allows(status):
    assert tindakan_tersedia(_TanpaData(), _r(status), _user("camat")) == [a for (d, a) in TRANSISI if d == status]


def test_another_office_an_inactive_user_and_a_kabupaten_reader_are_offered_nothing():
    for aksi in AKSI:
        assert not boleh(_r(), _user("camat", kecamatan_id=2), aksi)
        assert not boleh(_r(), _user("camat", aktif=False), aksi)
        assert not boleh(_r(), _user("kabupaten", kecamatan_id=None), aksi)


def test_a_named_user_not_the_role_carries_the_follow_up():
    r = _r(user_id=10)
    assert boleh(r, _user("kasi_pem", id=10), "mulai")
    assert not boleh(r, _user("kasi_pem", id=11), "mulai")
    assert boleh(r, _user("camat", id=12), "serahkan")


# ---------------------------------------------------------------- due dates


@pytest.mark.parametrize("status", STATUS)
@pytest.mark.parametrize("jatuh_tempo,lewat", [
    (date(2026, 8, 9), True),    # yesterday
    (date(2026, 8, 10), False),  # today is not late yet
    (date(2026, 8, 11), False),
])
def test_terlambat_is_strictly_after_the_due_date_and_not_for_verified_or_done(status, jatuh_tempo, lewat):
    assert terlambat(_r(status, jatuh_tempo), HARI_INI) is (lewat and status not in ("diverifikasi", "selesai"))


@pytest.mark.parametrize("status", STATUS)
@pytest.mark.parametrize("jatuh_tempo,dekat", [
    (date(2026, 8, 9), False),   # already late, not "near"
    (date(2026, 8, 10), True),   # today
    (date(2026, 8, 17), True),   # the seventh day
    (date(2026, 8, 18), False),  # the eighth
])
def test_jatuh_tempo_dekat_counts_today_to_the_seventh_day(status, jatuh_tempo, dekat):
    assert jatuh_tempo_dekat(_r(status, jatuh_tempo), HARI_INI) is (dekat and status not in ("diverifikasi",
                                                                                            "selesai"))


def test_jatuh_tempo_dekat_with_another_window():
    assert jatuh_tempo_dekat(_r(jatuh_tempo=HARI_INI), HARI_INI, hari=0)
    assert not jatuh_tempo_dekat(_r(jatuh_tempo=date(2026, 8, 11)), HARI_INI, hari=0)
    assert jatuh_tempo_dekat(_r(jatuh_tempo=date(2026, 9, 9)), HARI_INI, hari=30)


# ---------------------------------------------------------------- dates in words, and the import direction


def test_dates_and_times_in_indonesian_words():
    assert tanggal_panjang(date(2021, 2, 15)) == "15 Februari 2021"
    assert tanggal_panjang(datetime(2026, 12, 1, 23, 0)) == "1 Desember 2026"
    t = datetime(2026, 12, 31, 17, 5, tzinfo=timezone.utc)
    assert waktu_panjang(t) == "1 Januari 2027 00.05 WIB"  # the office's day, not UTC's
    assert waktu_panjang(t, "Asia/Makassar") == "1 Januari 2027 01.05 WITA"
    assert waktu_panjang(t, "Asia/Jayapura") == "1 Januari 2027 02.05 WIT"


def test_the_follow_up_domain_does_not_import_dash():
    kode = "import sys, models.tindak_lanjut.rekomendasi; print(any(m == 'dash' or m.startswith('dash.') for m in sys.modules))"
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert hasil.stdout.strip() == "False"
