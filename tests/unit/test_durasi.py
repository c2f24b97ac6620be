import pytest

from models.sop.durasi import format_menit, parse_waktu, tulis_waktu
from models.sop.nomor import nomor_langkah
from models.umum.penolakan import Ditolak


@pytest.mark.parametrize(
    "teks, menit",
    [("1 jam", 60), ("1 Jam", 60), ("15 Menit", 15), ("1Hari", 480), ("2 Hari", 960), ("1 hari", 480),
     ("0", 0), ("480", 480), (": 5", 5), ("2 hari 3 jam 15 menit", 1155), ("1,5 jam", 90), ("½ hari", 240),
     ("1 jam 30 menit", 90)],
)
def test_parse_waktu_reads_the_ways_offices_print_time(teks, menit):
    assert parse_waktu(teks) == menit


def test_a_day_follows_the_configured_working_day():
    assert parse_waktu("1 hari", menit_per_hari=450) == 450
    assert format_menit(900, menit_per_hari=450) == "2 hari"


@pytest.mark.parametrize("teks", ["", "-", "sebentar", "1 minggu", "jam"])
def test_unreadable_time_is_refused_not_zero(teks):
    with pytest.raises(Ditolak):
        parse_waktu(teks)


@pytest.mark.parametrize(
    "menit, teks",
    [(1155, "2 hari 3 jam 15 menit"), (170, "2 jam 50 menit"), (480, "1 hari"), (0, "0 menit"), (5, "5 menit"),
     (60, "1 jam"), (None, "-")],
)
def test_format_menit_prints_as_the_documents_do(menit, teks):
    assert format_menit(menit) == teks


@pytest.mark.parametrize(
    "teks, tampil",
    [("5", "5 menit"), ("480", "1 hari"), ("90", "1 jam 30 menit"), (": 10", "10 menit"), ("0", "0 menit"),
     ("1Hari", "1 hari"), ("2 Hari", "2 hari"), ("20 Menit", "20 menit"), ("1,5 jam", "1,5 jam"), ("½ hari", "½ hari")],
)
def test_a_standard_time_is_shown_with_its_unit(teks, tampil):
    """Muara Papalik's "Waktu (menit)" table prints bare minutes; every page and the printed SOP show a unit."""
    assert tulis_waktu(teks) == tampil


def test_a_bare_number_follows_the_configured_working_day():
    assert tulis_waktu("480", menit_per_hari=450) == "1 hari 30 menit"


@pytest.mark.parametrize("no, tampil", [("3.", "3"), ("10", "10"), (" 2. ", "2"), (4, "4")])
def test_a_step_is_named_without_the_tables_period(no, tampil):
    assert nomor_langkah(no) == tampil
