"""The capaian engine: every formula, aggregation and edge case the offices meet."""
from __future__ import annotations

import pytest

from models.kinerja.capaian_csv import hitung_csv
from models.kinerja.mesin import (
    Indikator,
    Predikat,
    Realisasi,
    capaian,
    capaian_tahun,
    capaian_triwulan,
    gabung,
    predikat,
)
from models.umum.penolakan import Ditolak


def R(*nilai):
    return [Realisasi(v) if v is not None else None for v in nilai]


@pytest.mark.parametrize("target,realisasi,polaritas,rumus,batas,harapan", [
    (80, 60, "positif", "2T-R", None, 75.0),             # R / T
    (80, 100, "positif", "2T-R", None, 125.0),           # above target, no cap by default
    (80, 100, "positif", "2T-R", 110, 110.0),            # optional cap
    (10, 12, "negatif", "2T-R", None, 80.0),             # (2T − R) / T
    (10, 8, "negatif", "2T-R", None, 120.0),
    (10, 25, "negatif", "2T-R", None, 0.0),              # floor at 0
    (10, 8, "negatif", "T/R", None, 125.0),              # T / R
    (10, 20, "negatif", "T/R", None, 50.0),
    (0, 0, "negatif", "2T-R", None, 100.0),              # zero target met by zero (e.g. no social conflict)
    (0, 0, "negatif", "T/R", None, 100.0),
    (50, 0, "positif", "2T-R", None, 0.0),               # a real zero is a figure: 0 %, not "empty"
])
def test_capaian_formulas(target, realisasi, polaritas, rumus, batas, harapan):
    hasil = capaian(target, realisasi, polaritas=polaritas, rumus_negatif=rumus, batas_atas=batas)
    assert hasil.tersedia and hasil.persen == pytest.approx(harapan)


@pytest.mark.parametrize("target,realisasi,polaritas,rumus,alasan", [
    (None, 5, "positif", "2T-R", "belum ada target"),
    (50, None, "positif", "2T-R", "belum ada realisasi yang disetujui"),
    (0, 5, "positif", "2T-R", "target 0: capaian tidak dapat dihitung"),
    (0, 0, "positif", "2T-R", "target 0: capaian tidak dapat dihitung"),
    (0, 3, "negatif", "2T-R", "target 0: capaian tidak dapat dihitung karena realisasi lebih dari 0"),
    (5, 0, "negatif", "T/R", "realisasi 0: rumus T/R tidak dapat dihitung"),
    (-5, 3, "positif", "2T-R", "target atau realisasi negatif"),
])
def test_what_cannot_be_computed_is_not_available_with_its_reason(target, realisasi, polaritas, rumus, alasan):
    hasil = capaian(target, realisasi, polaritas=polaritas, rumus_negatif=rumus)
    assert hasil.persen is None and hasil.alasan == alasan
    assert predikat(hasil.persen) is None  # never a colour


def test_quarters_combine_as_the_indicator_says():
    r = R(10, 20, 30, 40)
    assert [gabung(r, n, "kumulatif") for n in range(1, 5)] == [10, 30, 60, 100]
    assert [gabung(r, n, "terakhir") for n in range(1, 5)] == [10, 20, 30, 40]
    assert [gabung(r, n, "rata-rata") for n in range(1, 5)] == [10, 15, 20, 25]
    # a ratio indicator accumulates numerators and denominators, not percentages
    rasio = [Realisasi(90.0, 45, 50), Realisasi(50.0, 5, 10)]
    assert gabung(rasio, 2, "kumulatif") == pytest.approx(50 / 60 * 100)
    with pytest.raises(ValueError):
        gabung(r, 2, "jumlah")


def test_a_gap_is_not_zero():
    r = R(10, None, 30, 40)
    assert gabung(r, 3, "kumulatif") == "triwulan II belum ada realisasi yang disetujui"
    assert gabung(r, 3, "rata-rata") == "triwulan II belum ada realisasi yang disetujui"
    assert gabung(r, 3, "terakhir") == 30
    ind = Indikator(agregasi="kumulatif")
    assert capaian_triwulan(ind, 100, r, 2).alasan == "triwulan II belum ada realisasi yang disetujui"
    assert capaian_triwulan(ind, 100, r, 3).persen is None
    assert capaian_triwulan(Indikator(agregasi="terakhir"), 100, r, 3).persen == 30.0


def test_quarter_capaian_compares_with_the_years_target():
    ind = Indikator(agregasi="kumulatif")
    r = R(300, 280, 310, 330)
    assert [round(capaian_triwulan(ind, 1200, r, n).persen, 2) for n in range(1, 5)] == [25.0, 48.33, 74.17, 101.67]
    assert round(capaian_tahun(ind, 1200, r).persen, 2) == 101.67
    assert capaian_tahun(ind, 1200, r[:3]).alasan == "triwulan IV belum ada realisasi yang disetujui"
    assert capaian_triwulan(ind, None, r, 1).alasan == "belum ada target"
    neg = Indikator(polaritas="negatif", rumus_negatif="T/R", agregasi="rata-rata")
    assert round(capaian_tahun(neg, 10, R(12, 8, 9, 11)).persen, 2) == 100.0
    with pytest.raises(ValueError):
        capaian_triwulan(ind, 100, r, 5)


@pytest.mark.parametrize("persen,nama", [
    (120, "Sangat Baik"), (90.01, "Sangat Baik"), (90.004, "Baik"), (90, "Baik"), (75.01, "Baik"), (75, "Cukup"),
    (65.5, "Cukup"), (65, "Kurang"), (50.01, "Kurang"), (50, "Sangat Kurang"), (0, "Sangat Kurang"),
])
def test_default_bands(persen, nama):
    assert predikat(persen).nama == nama


def test_a_kabupaten_may_set_its_own_bands():
    pita = (Predikat("Memuaskan", 80, "#0a0"), Predikat("Belum", None, "#a00"))
    assert predikat(80.5, pita).nama == "Memuaskan" and predikat(80, pita).nama == "Belum"


CSV = """indikator,polaritas,rumus_negatif,agregasi,target,realisasi_t1,realisasi_t2,realisasi_t3,realisasi_t4
Partisipasi Delegasi Musrenbangcam,positif,,terakhir,90,,"85,5",88,92
Konflik sosial,negatif,2T-R,kumulatif,0,0,0,0,0
Pengantar KTP KK Mutasi,positif,,kumulatif,1.200,300,280,310,330
Kecelakaan,negatif,T/R,rata-rata,10,12,8,9,11
Aduan,negatif,2T-R,kumulatif,20,4,6,,
Poskamling aktif,positif,,rata-rata,80,40.5,45,50,55
"""


def test_csv_prints_what_the_engine_computes():
    assert hitung_csv(CSV).splitlines() == [
        '"indikator","capaian_t1","capaian_t2","capaian_t3","capaian_t4","capaian_tahun","predikat_tahun"',
        '"Partisipasi Delegasi Musrenbangcam","","95.00","97.78","102.22","",""',
        '"Konflik sosial","100.00","100.00","100.00","100.00","100.00","Sangat Baik"',
        '"Pengantar KTP KK Mutasi","25.00","48.33","74.17","101.67","101.67","Sangat Baik"',
        '"Kecelakaan","83.33","100.00","103.45","100.00","100.00","Sangat Baik"',
        '"Aduan","180.00","150.00","","","",""',
        '"Poskamling aktif","50.63","53.44","56.46","59.53","59.53","Kurang"',  # 40,5 / 80 = 50,625: half up
    ]


@pytest.mark.parametrize("teks,pesan", [
    ("indikator,target\nA,1\n", "kolom tidak ada: polaritas, rumus_negatif, agregasi, realisasi_t1"),
    (CSV.splitlines()[0] + "\nA,naik,,kumulatif,1,1,,,\n", 'baris 2: polaritas "naik" tidak dikenal'),
    (CSV.splitlines()[0] + "\nA,positif,,kumulatif,1,1,,,\nB,positif,,,10,dua,,,\n", 'baris 3: "dua" bukan angka'),
])
def test_csv_errors_name_the_row(teks, pesan):
    with pytest.raises(Ditolak, match=pesan):
        hitung_csv(teks)
