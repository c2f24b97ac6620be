"""The Pengukuran Kinerja table and the Laporan Kinerja measurement chapter, worked by hand for Poncokusumo 2023,
read back from the workbook (python-calamine, not the openpyxl that wrote it) and the PDF (pypdf); and the
Renstra end-of-period target: who may set it, what is refused, what is audited.

The year (official figures unless marked; ratio figures are numerator / denominator × 100):

  IKU-1  positif, nilai terakhir   target 90    Q1 40/50=80  Q2 45/50=90  Q3 46/50=92  Q4 47/50=94
  IKU-2  positif, kumulatif        target 95    Q1 45/50     Q2 50/50     Q3 36/40 (diajukan)  Q4 48/60
  IKU-3  positif, rata-rata        target 75    Q1 30/40=75  Q2 32/40=80  Q3 none      Q4 34/40=85
  IKU-4  negatif 2T-R, rata-rata   target 2,5   Q1 3         Q2 2,5       Q3 2,2       Q4 1,5     (hari)
  IKU-5  negatif T/R, terakhir     target 4     Q1 6         Q2 5         Q3 5         Q4 3       (kasus)
  IKU-6  positif, kumulatif        target 4800  Q1 1250      Q2 1190      Q3 1300      Q4 1260    (layanan)

Triwulan III 2023 (the table; a provisional figure counts while not approved, and says so):
  IKU-1  R = 92 (the last)                      92 / 90 = 102,22 %  Sangat Baik  Resmi
  IKU-2  R = (45+50+36) / (50+50+40) = 131/140 = 93,5714;  93,5714 / 95 = 98,50 %  Sangat Baik  Sementara
  IKU-3  no quarter III figure                  "-"                               Belum ada realisasi
  IKU-4  R = (3 + 2,5 + 2,2) / 3 = 2,5667;  (2 × 2,5 − 2,5667) / 2,5 = 97,33 %  Sangat Baik  Resmi
  IKU-5  R = 5;  4 / 5 = 80,00 %  Baik  Resmi
  IKU-6  R = 1250 + 1190 + 1300 = 3740;  3740 / 4800 = 77,92 %  Baik  Resmi

The year 2023 (official only; all four quarters needed):
  IKU-1  R = 94;  94 / 90 = 104,44 %        Renstra 2021–2025 target 95:  94 / 95 = 98,95 %
  IKU-2  Q3 not official: "-" (triwulan III belum ada realisasi yang disetujui)
  IKU-3  Q3 missing: "-"
  IKU-4  R = 9,2 / 4 = 2,3;  (5 − 2,3) / 2,5 = 108,00 %   Renstra target 2:  (4 − 2,3) / 2 = 85,00 %
  IKU-5  R = 3;  4 / 3 = 133,33 %           its Renstra is 2016–2020: none covers 2023
  IKU-6  R = 5000;  5000 / 4800 = 104,17 %  Renstra target 5500:  5000 / 5500 = 90,91 %
The quarters, up to and including each:
  IKU-1  80 → 88,89   90 → 100,00   92 → 102,22   94 → 104,44
  IKU-2  90 → 94,74   95 → 100,00   -             -
  IKU-3  75 → 100,00  77,5 → 103,33 -             -
  IKU-4  3 → 80,00    2,75 → 90,00  2,5667 → 97,33  2,3 → 108,00
  IKU-5  6 → 66,67    5 → 80,00     5 → 80,00     3 → 133,33
  IKU-6  1250 → 26,04 2440 → 50,83  3740 → 77,92  5000 → 104,17

The year before, 2022 (targets 85, 90, 70, 3, 5 and none for IKU-6, a new indicator):
  IKU-1  Q4 44/50 = 88;  88 / 85 = 103,53 %
  IKU-2  (40+45+44+46) / 200 = 87,5;  87,5 / 90 = 97,22 %
  IKU-3  (70 + 75 + 72,5 + 77,5) / 4 = 73,75;  73,75 / 70 = 105,36 %
  IKU-4  (3,5 + 3 + 2,8 + 2,7) / 4 = 3;  (6 − 3) / 3 = 100,00 %
  IKU-5  Q4 4;  5 / 4 = 125,00 %
  IKU-6  1100 + 1050 + 1150 + 1200 = 4500, no target: "-" (Target belum ditetapkan)
"""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlmodel import func, select

from models.db import session_scope
from models.kinerja.iku import iku_kantor, pastikan_iku, tetapkan_target
from models.kinerja.mesin import nilai_realisasi
from models.perencanaan.dokumen_kinerja import (
    bab_pengukuran_tahunan,
    nama_berkas,
    pdf_bab,
    pdf_pengukuran,
    tabel_pengukuran,
    tetapkan_target_renstra,
    xlsx_bab,
    xlsx_pengukuran,
)
from models.tables import AuditLog, Kabupaten, PredikatKabupaten, Realisasi, TargetRenstra
from models.umum.penolakan import Ditolak
from tests.fabrik import KANTOR, indikator, kantor, pengguna

TAHUN, LALU = 2023, 2022
DICETAK_TW, DICETAK_BAB = date(2023, 10, 16), date(2024, 2, 15)

IKU_SENDIRI = [  # Poncokusumo's own indicators, next to the kabupaten's IKU-1..3
    {"kabupaten": "Malang", "kecamatan": "Poncokusumo", "kode": "IKU-4", "nama": "Rata-rata lama penyelesaian "
     "surat pengantar", "sasaran": "Meningkatnya kualitas pelayanan administrasi kependudukan", "satuan": "hari",
     "pembilang": "Lama penyelesaian", "polaritas": "negatif", "rumus_negatif": "2T-R", "agregasi": "rata-rata"},
    {"kabupaten": "Malang", "kecamatan": "Poncokusumo", "kode": "IKU-5", "nama": "Jumlah gangguan ketertiban",
     "sasaran": "Meningkatnya ketentraman dan ketertiban masyarakat", "satuan": "kasus",
     "pembilang": "Kejadian gangguan", "polaritas": "negatif", "rumus_negatif": "T/R", "agregasi": "terakhir"},
    {"kabupaten": "Malang", "kecamatan": "Poncokusumo", "kode": "IKU-6", "nama": "Jumlah layanan PATEN diselesaikan",
     "sasaran": "Meningkatnya kualitas pelayanan administrasi terpadu", "satuan": "layanan",
     "pembilang": "Layanan diselesaikan", "polaritas": "positif", "agregasi": "kumulatif"},
]
TARGET = {TAHUN: {"IKU-1": 90, "IKU-2": 95, "IKU-3": 75, "IKU-4": 2.5, "IKU-5": 4, "IKU-6": 4800},
          LALU: {"IKU-1": 85, "IKU-2": 90, "IKU-3": 70, "IKU-4": 3, "IKU-5": 5}}
# Per quarter: (numerator, denominator) of a ratio, a plain count, a status after either, or None (no figure).
ANGKA = {
    TAHUN: {"IKU-1": [(40, 50), (45, 50), (46, 50), (47, 50)],
            "IKU-2": [(45, 50), (50, 50), (36, 40, "diajukan"), (48, 60)],
            "IKU-3": [(30, 40), (32, 40), None, (34, 40)],
            "IKU-4": [3, 2.5, 2.2, 1.5], "IKU-5": [6, 5, 5, 3], "IKU-6": [1250, 1190, 1300, 1260]},
    LALU: {"IKU-1": [(40, 50), (42, 50), (43, 50), (44, 50)], "IKU-2": [(40, 50), (45, 50), (44, 50), (46, 50)],
           "IKU-3": [(28, 40), (30, 40), (29, 40), (31, 40)],
           "IKU-4": [3.5, 3, 2.8, 2.7], "IKU-5": [6, 5, 5, 4], "IKU-6": [1100, 1050, 1150, 1200]},
}
RENSTRA = {"IKU-1": (2021, 95), "IKU-4": (2021, 2), "IKU-6": (2021, 5500), "IKU-5": (2016, 6)}

RUMUS = {"IKU-1": "Realisasi ÷ Target × 100% (nilai terakhir)", "IKU-2": "Realisasi ÷ Target × 100% (kumulatif)",
         "IKU-3": "Realisasi ÷ Target × 100% (rata-rata)",
         "IKU-4": "(2 × Target − Realisasi) ÷ Target × 100% (rata-rata)",
         "IKU-5": "Target ÷ Realisasi × 100% (nilai terakhir)", "IKU-6": "Realisasi ÷ Target × 100% (kumulatif)",
         "IKU-7": "Realisasi ÷ Target × 100% (kumulatif)"}


def _realisasi(ind_id: int, kec_id: int, tahun: int, triwulan: int, isi) -> Realisasi:
    """A row of the table above as stored. Written directly rather than through tests.fabrik.realisasi: IKU-4 to
    IKU-6 are the office's own indicators with no collection SOP to carry them to official."""
    status = isi[-1] if isinstance(isi, tuple) and isinstance(isi[-1], str) else "resmi"
    angka = isi[:2] if isinstance(isi, tuple) else (isi, None)
    return Realisasi(indikator_id=ind_id, kecamatan_id=kec_id, tahun=tahun, triwulan=triwulan, pembilang=angka[0],
                     penyebut=angka[1], nilai=nilai_realisasi(*angka), status=status)


@pytest.fixture
def tahun_kerja(demo):
    """Poncokusumo's 2022 and 2023 as in the module docstring; returns the office's id."""
    with session_scope(demo) as s:
        kec, evapor = kantor(s), pengguna(s, peran="kasubag_evapor")
        pastikan_iku(s, IKU_SENDIRI)
        iku = {i.kode: i for i in iku_kantor(s, kec.id)}
        for tahun, target in TARGET.items():
            for kode, nilai in target.items():
                tetapkan_target(s, indikator_id=iku[kode].id, kecamatan_id=kec.id, tahun=tahun, nilai=nilai,
                                oleh=evapor, alasan="Perjanjian Kinerja")
        for tahun, per_iku in ANGKA.items():
            for kode, kuartal in per_iku.items():
                s.add_all(_realisasi(iku[kode].id, kec.id, tahun, n, isi)
                          for n, isi in enumerate(kuartal, start=1) if isi is not None)
        for kode, (awal, nilai) in RENSTRA.items():
            tetapkan_target_renstra(s, indikator_id=iku[kode].id, kecamatan_id=kec.id, tahun_awal=awal,
                                    tahun_akhir=awal + 4, nilai=nilai, oleh=pengguna(s, peran="camat"))
        return kec.id


def _tabel(demo, kec_id: int, tahun: int = TAHUN, triwulan: int = 3):
    with session_scope(demo) as s:
        return tabel_pengukuran(s, kecamatan_id=kec_id, tahun=tahun, triwulan=triwulan, dicetak=DICETAK_TW)


def _bab(demo, kec_id: int):
    with session_scope(demo) as s:
        return bab_pengukuran_tahunan(s, kecamatan_id=kec_id, tahun=TAHUN, dicetak=DICETAK_BAB)


def _lembar(data: bytes, nama: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(nama).to_python()


def _per_kode(rows: list[list], baris_judul: int = 5) -> dict[str, dict]:
    """The rows under the header row, by the Kode column, each as header -> cell."""
    kepala = rows[baris_judul]
    return {r[kepala.index("Kode")]: dict(zip(kepala, r)) for r in rows[baris_judul + 1:] if any(r)}


def _teks_pdf(data: bytes) -> str:
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", teks)


# ---------------------------------------------------------------- the quarter's table


def test_quarter_table_rows_are_the_engines_values(tahun_kerja, demo):
    t = _tabel(demo, tahun_kerja)
    assert (t.kecamatan, t.kabupaten, t.periode, t.camat.nama) == ("Poncokusumo", "Malang", "Triwulan III 2023",
                                                                   "Camat Poncokusumo")
    baris = {b.kode: b for b in t.baris}
    # IKU-7 is the demo's own count indicator of Poncokusumo: no target or figure in 2022 and 2023
    assert list(baris) == ["IKU-1", "IKU-2", "IKU-3", "IKU-4", "IKU-5", "IKU-6", "IKU-7"]
    ringkas = {k: (b.target, None if b.realisasi is None else round(b.realisasi, 4),
                   None if b.capaian is None else round(b.capaian, 2), b.predikat, b.status)
               for k, b in baris.items()}
    assert ringkas == {
        "IKU-1": (90, 92.0, 102.22, "Sangat Baik", "Resmi"),
        "IKU-2": (95, 93.5714, 98.5, "Sangat Baik", "Sementara"),
        "IKU-3": (75, None, None, None, "Belum ada realisasi"),
        "IKU-4": (2.5, 2.5667, 97.33, "Sangat Baik", "Resmi"),
        "IKU-5": (4, 5.0, 80.0, "Baik", "Resmi"),
        "IKU-6": (4800, 3740.0, 77.92, "Baik", "Resmi"),
        "IKU-7": (None, None, None, None, "Target belum ditetapkan"),
    }
    assert {k: b.rumus for k, b in baris.items()} == RUMUS
    assert baris["IKU-3"].keterangan == "triwulan III belum ada realisasi yang disetujui"
    assert baris["IKU-1"].keterangan is None


@pytest.mark.parametrize("triwulan, harap", [
    # IKU-4: 3 → (5 − 3) / 2,5 = 80,00 Baik; IKU-5: 4 / 6 = 66,67 Cukup; IKU-6: 1250 / 4800 = 26,04 Sangat Kurang
    (1, {"IKU-4": "Baik", "IKU-5": "Cukup", "IKU-6": "Sangat Kurang"}),
    # IKU-4: 2,75 → 90,00, not above 90: Baik; IKU-5: 4 / 5 = 80,00 Baik; IKU-6: 2440 / 4800 = 50,83 Kurang
    (2, {"IKU-4": "Baik", "IKU-5": "Baik", "IKU-6": "Kurang"}),
])
def test_quarter_table_bands_follow_the_printed_value(tahun_kerja, demo, triwulan, harap):
    baris = {b.kode: b for b in _tabel(demo, tahun_kerja, triwulan=triwulan).baris}
    assert {k: baris[k].predikat for k in harap} == harap
    assert all(baris[k].status == "Resmi" for k in harap)


def test_a_year_without_target_shows_the_realisasi_and_says_why(tahun_kerja, demo):
    """IKU-6, Triwulan III 2022: 1100 + 1050 + 1150 = 3300 measured, no target for 2022: no capaian, no band."""
    b = next(b for b in _tabel(demo, tahun_kerja, tahun=LALU).baris if b.kode == "IKU-6")
    assert (b.target, b.realisasi, b.capaian, b.predikat, b.status) == (None, 3300, None, None,
                                                                        "Target belum ditetapkan")
    assert "3.300" in _teks_pdf(pdf_pengukuran(_tabel(demo, tahun_kerja, tahun=LALU)))


def test_the_kabupatens_own_bands_judge_the_table(tahun_kerja, demo):
    with session_scope(demo) as s:
        kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one()
        s.add(PredikatKabupaten(kabupaten_id=kab.id, berlaku_mulai=tahun_kerja, pita=[
            {"nama": "Memuaskan", "di_atas": 100}, {"nama": "Baik", "di_atas": 80},
            {"nama": "Perlu Perbaikan", "di_atas": None}]))
    baris = {b.kode: b.predikat for b in _tabel(demo, tahun_kerja).baris}
    # 102,22 above 100; 98,50 and 97,33 above 80; 80,00 and 77,92 not above 80
    assert baris == {"IKU-1": "Memuaskan", "IKU-2": "Baik", "IKU-3": None, "IKU-4": "Baik",
                     "IKU-5": "Perlu Perbaikan", "IKU-6": "Perlu Perbaikan", "IKU-7": None}


def test_quarter_table_workbook(tahun_kerja, demo):
    t = _tabel(demo, tahun_kerja)
    data = xlsx_pengukuran(t)
    assert nama_berkas(t, "xlsx") == "Pengukuran Kinerja Poncokusumo Triwulan III 2023.xlsx"
    rows = _lembar(data, "Pengukuran Kinerja")
    assert [r[0] for r in rows[:4]] == ["Pengukuran Kinerja Kecamatan Poncokusumo", "Kabupaten Malang",
                                        "Triwulan III 2023", "Dicetak 16 Oktober 2023"]
    baris = _per_kode(rows)
    assert rows[5][:14] == ["No", "Sasaran", "Kode", "Indikator Kinerja", "Satuan", "Target", "Dasar capaian",
                            "Realisasi", "Capaian (%)", "Predikat", "Rumus capaian", "Status", "Rencana aksi",
                            "Keterangan"]
    ambil = ("Target", "Realisasi", "Capaian (%)", "Predikat", "Status")
    assert {k: tuple(b[x] for x in ambil) for k, b in baris.items()} == {
        "IKU-1": (90.0, 92.0, 102.22, "Sangat Baik", "Resmi"),
        "IKU-2": (95.0, 93.57, 98.5, "Sangat Baik", "Sementara"),
        "IKU-3": (75.0, "", "", "", "Belum ada realisasi"),  # empty, not 0
        "IKU-4": (2.5, 2.57, 97.33, "Sangat Baik", "Resmi"),
        "IKU-5": (4.0, 5.0, 80.0, "Baik", "Resmi"),
        "IKU-6": (4800.0, 3740.0, 77.92, "Baik", "Resmi"),
        "IKU-7": ("", "", "", "", "Target belum ditetapkan"),
    }
    assert {k: b["Rumus capaian"] for k, b in baris.items()} == RUMUS
    assert baris["IKU-3"]["Keterangan"] == "triwulan III belum ada realisasi yang disetujui"
    assert baris["IKU-4"]["Indikator Kinerja"] == "Rata-rata lama penyelesaian surat pengantar"
    assert baris["IKU-4"]["Satuan"] == "hari"


def test_quarter_table_workbook_numbers_carry_two_decimals(tahun_kerja, demo):
    from openpyxl import load_workbook  # only for the cells' number format, which calamine does not read

    ws = load_workbook(io.BytesIO(xlsx_pengukuran(_tabel(demo, tahun_kerja)))).active
    assert {ws.cell(row=7, column=c).number_format for c in (6, 8, 9)} == {"#,##0.00"}


def test_quarter_table_pdf(tahun_kerja, demo):
    t = _tabel(demo, tahun_kerja)
    assert nama_berkas(t, "pdf") == "Pengukuran Kinerja Poncokusumo Triwulan III 2023.pdf"
    teks = _teks_pdf(pdf_pengukuran(t))
    for harap in ("PEMERINTAH KABUPATEN MALANG", "KECAMATAN PONCOKUSUMO", "PENGUKURAN KINERJA",
                  "Periode : Triwulan III 2023", "Dicetak : 16 Oktober 2023", "Poncokusumo, 16 Oktober 2023",
                  "Camat Poncokusumo",
                  "102,22", "98,50", "97,33", "80,00", "77,92",  # capaian, two decimals
                  "93,57", "2,57", "3.740", "4.800", "2,5",  # target and realisasi as offices write them
                  "Sangat Baik", "Baik", "Resmi", "Sementara",
                  "Belum ada realisasi (triwulan III belum ada realisasi yang disetujui)",
                  "Realisasi dan capaian sampai dengan triwulan III 2023 terhadap target triwulan III menurut "
                  "Rencana Aksi bila ditetapkan, selain itu terhadap target tahun 2023", "terhadap target tahun"):
        assert harap in teks, harap
    for rumus in set(RUMUS.values()):
        assert rumus in teks, rumus


# ---------------------------------------------------------------- the Laporan Kinerja chapter


def _r(u):
    return None if u is None else (None if u.realisasi is None else round(u.realisasi, 4),
                                   None if u.capaian is None else round(u.capaian, 2))


def test_chapter_year_previous_year_and_renstra(tahun_kerja, demo):
    bab = _bab(demo, tahun_kerja)
    assert (bab.periode, bab.dicetak) == ("Tahun 2023", DICETAK_BAB)
    baris = {b.kode: b for b in bab.baris}
    assert {k: (b.target, _r(b.tahun), b.tahun.predikat) for k, b in baris.items()} == {
        "IKU-1": (90, (94.0, 104.44), "Sangat Baik"),
        "IKU-2": (95, (None, None), None),
        "IKU-3": (75, (None, None), None),
        "IKU-4": (2.5, (2.3, 108.0), "Sangat Baik"),
        "IKU-5": (4, (3.0, 133.33), "Sangat Baik"),
        "IKU-6": (4800, (5000.0, 104.17), "Sangat Baik"),
        "IKU-7": (None, (None, None), None),
    }
    assert baris["IKU-2"].tahun.keterangan == "triwulan III belum ada realisasi yang disetujui"
    assert {k: (b.target_lalu, _r(b.lalu)) for k, b in baris.items()} == {
        "IKU-1": (85, (88.0, 103.53)), "IKU-2": (90, (87.5, 97.22)), "IKU-3": (70, (73.75, 105.36)),
        "IKU-4": (3, (3.0, 100.0)), "IKU-5": (5, (4.0, 125.0)), "IKU-6": (None, (4500.0, None)),
        "IKU-7": (None, (None, None)),
    }
    assert baris["IKU-6"].lalu.keterangan == "Target belum ditetapkan"
    assert {k: (b.renstra, b.target_renstra, _r(b.terhadap_renstra)) for k, b in baris.items()} == {
        "IKU-1": ("2021–2025", 95, (94.0, 98.95)), "IKU-2": (None, None, None), "IKU-3": (None, None, None),
        "IKU-4": ("2021–2025", 2, (2.3, 85.0)), "IKU-5": (None, None, None),  # 2016–2020 does not cover 2023
        "IKU-6": ("2021–2025", 5500, (5000.0, 90.91)), "IKU-7": (None, None, None),
    }


def test_chapter_quarters_are_official_and_up_to_each_quarter(tahun_kerja, demo):
    baris = {b.kode: b for b in _bab(demo, tahun_kerja).baris}
    assert {k: [_r(u) for u in b.triwulan] for k, b in baris.items()} == {
        "IKU-1": [(80.0, 88.89), (90.0, 100.0), (92.0, 102.22), (94.0, 104.44)],
        "IKU-2": [(90.0, 94.74), (95.0, 100.0), (None, None), (None, None)],  # Q3 only submitted
        "IKU-3": [(75.0, 100.0), (77.5, 103.33), (None, None), (None, None)],
        "IKU-4": [(3.0, 80.0), (2.75, 90.0), (2.5667, 97.33), (2.3, 108.0)],
        "IKU-5": [(6.0, 66.67), (5.0, 80.0), (5.0, 80.0), (3.0, 133.33)],
        "IKU-6": [(1250.0, 26.04), (2440.0, 50.83), (3740.0, 77.92), (5000.0, 104.17)],
        "IKU-7": [(None, None)] * 4,
    }


def test_chapter_workbook(tahun_kerja, demo):
    bab = _bab(demo, tahun_kerja)
    data = xlsx_bab(bab)
    assert nama_berkas(bab, "xlsx") == "Laporan Kinerja Poncokusumo 2023 Bab Pengukuran Kinerja.xlsx"
    tahunan = _lembar(data, "Capaian Tahunan")
    assert [r[0] for r in tahunan[:4]] == ["Pengukuran Kinerja Kecamatan Poncokusumo", "Kabupaten Malang",
                                           "Laporan Kinerja Tahun 2023", "Dicetak 15 Februari 2024"]
    ambil = ("Target 2023", "Realisasi 2023", "Capaian 2023 (%)", "Predikat", "Realisasi 2022",
             "Capaian 2022 (%)", "Periode Renstra", "Target akhir Renstra", "Capaian thd. target Renstra (%)")
    assert {k: tuple(b[x] for x in ambil) for k, b in _per_kode(tahunan).items()} == {
        "IKU-1": (90.0, 94.0, 104.44, "Sangat Baik", 88.0, 103.53, "2021–2025", 95.0, 98.95),
        "IKU-2": (95.0, "", "", "", 87.5, 97.22, "", "", ""),
        "IKU-3": (75.0, "", "", "", 73.75, 105.36, "", "", ""),
        "IKU-4": (2.5, 2.3, 108.0, "Sangat Baik", 3.0, 100.0, "2021–2025", 2.0, 85.0),
        "IKU-5": (4.0, 3.0, 133.33, "Sangat Baik", 4.0, 125.0, "", "", ""),
        "IKU-6": (4800.0, 5000.0, 104.17, "Sangat Baik", 4500.0, "", "2021–2025", 5500.0, 90.91),
        "IKU-7": ("",) * 9,
    }
    ket = {k: b["Keterangan"] for k, b in _per_kode(tahunan).items()}
    assert ket["IKU-2"] == "2023: triwulan III belum ada realisasi yang disetujui"
    assert ket["IKU-6"] == "2022: Target belum ditetapkan"
    triwulan = _per_kode(_lembar(data, "Capaian per Triwulan"))
    assert [triwulan["IKU-4"][f"{j} TW {r}"] for r in ("I", "II", "III", "IV") for j in ("Realisasi", "Capaian (%)")] \
        == [3.0, 80.0, 2.75, 90.0, 2.57, 97.33, 2.3, 108.0]
    assert [triwulan["IKU-2"][f"Capaian (%) TW {r}"] for r in ("I", "II", "III", "IV")] == [94.74, 100.0, "", ""]
    assert triwulan["IKU-5"]["Rumus capaian"] == RUMUS["IKU-5"]


def test_chapter_pdf(tahun_kerja, demo):
    bab = _bab(demo, tahun_kerja)
    assert nama_berkas(bab, "pdf") == "Laporan Kinerja Poncokusumo 2023 Bab Pengukuran Kinerja.pdf"
    teks = _teks_pdf(pdf_bab(bab))
    for harap in ("PENGUKURAN KINERJA TAHUN 2023", "Periode : Laporan Kinerja Tahun 2023",
                  "Dicetak : 15 Februari 2024", "Poncokusumo, 15 Februari 2024",
                  "104,44", "108,00", "133,33", "104,17",  # the year
                  "103,53", "97,22", "105,36", "125,00",  # the year before
                  "95 (2021–2025)", "98,95", "85,00", "5.500 (2021–2025)", "90,91",  # Renstra
                  "88,89", "94,74", "66,67", "26,04", "50,83",  # quarters
                  "5.000", "4.500", "2,3", "87,5", "Sangat Baik",
                  "2022: Target belum ditetapkan", "2023: triwulan III belum ada realisasi yang disetujui",
                  "Capaian per triwulan 2023"):
        assert harap in teks, harap
    for rumus in set(RUMUS.values()):
        assert rumus in teks, rumus


# ---------------------------------------------------------------- the Renstra target


def _hitung(s) -> tuple[int, int]:
    return (s.exec(select(func.count(TargetRenstra.id))).one(), s.exec(select(func.count(AuditLog.id))).one())


def _iku(s, kode: str) -> int:
    return indikator(s, kode=kode).id


NAMA_IKU1 = "IKU-1 Persentase partisipasi delegasi Musrenbangcam"
PERAN_DITOLAK = "Target Renstra hanya dapat ditetapkan oleh Camat kantor ini."


@pytest.mark.parametrize("oleh, kode, kecamatan, awal, akhir, nilai, pesan", [
    (dict(peran="kasubag_evapor"), "IKU-1", KANTOR, 2025, 2029, 95, PERAN_DITOLAK),  # the Renstra is the Camat's
    (dict(peran="sekcam"), "IKU-1", KANTOR, 2025, 2029, 95, PERAN_DITOLAK),
    (dict(peran="kasi_pem"), "IKU-1", KANTOR, 2025, 2029, 95, PERAN_DITOLAK),
    (dict(peran="staf"), "IKU-1", KANTOR, 2025, 2029, 95, PERAN_DITOLAK),
    (dict(peran="camat", kecamatan="Kalipare"), "IKU-1", KANTOR, 2025, 2029, 95,
     PERAN_DITOLAK),  # another office's Camat
    (dict(peran="camat", kecamatan="Kalipare"), "IKU-4", "Kalipare", 2025, 2029, 2,
     "Indikator ini tidak ada dalam IKU kantor Anda."),
    (dict(peran="camat"), "IKU-1", KANTOR, 2025, 2028, 95,
     f"{NAMA_IKU1}, target Renstra 2025–2028: periode Renstra harus lima tahun, 2025–2029."),
    (dict(peran="camat"), "IKU-1", KANTOR, 2025, 2029, -1,
     f"{NAMA_IKU1}, target Renstra 2025–2029: nilai target tidak boleh negatif."),
    (dict(peran="camat"), "IKU-1", KANTOR, 2025, 2029, None,
     f"{NAMA_IKU1}, target Renstra 2025–2029: nilai target wajib diisi."),
    (dict(peran="camat"), "IKU-1", KANTOR, 2023, 2027, 95,  # overlaps the 2021–2025 set below
     f"{NAMA_IKU1}, target Renstra 2023–2027: periode ini bertumpang tindih dengan Renstra 2021–2025 yang sudah "
     "ada."),
])
def test_renstra_target_refusals_write_nothing(demo, oleh, kode, kecamatan, awal, akhir, nilai, pesan):
    with session_scope(demo) as s:
        pastikan_iku(s, IKU_SENDIRI)
        tetapkan_target_renstra(s, indikator_id=_iku(s, "IKU-1"), kecamatan_id=kantor(s).id, tahun_awal=2021,
                                tahun_akhir=2025, nilai=90, oleh=pengguna(s, peran="camat"))
    with session_scope(demo) as s:
        sebelum = _hitung(s)
        with pytest.raises(Ditolak) as e:
            tetapkan_target_renstra(s, indikator_id=_iku(s, kode), kecamatan_id=kantor(s, nama=kecamatan).id,
                                    tahun_awal=awal, tahun_akhir=akhir, nilai=nilai, oleh=pengguna(s, **oleh))
        assert str(e.value) == pesan
        assert _hitung(s) == sebelum


def test_renstra_target_set_then_changed_with_its_audit(demo):
    with session_scope(demo) as s:
        kec_id, ind_id = kantor(s).id, _iku(s, "IKU-1")
        camat = pengguna(s, peran="camat")
        camat_id = camat.id
        baru = tetapkan_target_renstra(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun_awal=2025,
                                       tahun_akhir=2029, nilai=92.5, oleh=camat)
        ubah = tetapkan_target_renstra(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun_awal=2025,
                                       tahun_akhir=2029, nilai=95.0, oleh=camat)
        tetapkan_target_renstra(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun_awal=2025, tahun_akhir=2029,
                                nilai=95.0, oleh=camat)  # the same value again: nothing to record
        assert ubah.id == baru.id
    with session_scope(demo) as s:
        rows = s.exec(select(TargetRenstra)).all()
        assert [(t.tahun_awal, t.tahun_akhir, t.nilai, t.diubah_oleh) for t in rows] == [(2025, 2029, 95.0,
                                                                                           camat_id)]
        audit = s.exec(select(AuditLog).where(AuditLog.objek == "target_renstra").order_by(AuditLog.id)).all()
        sesudah = {"indikator": "IKU-1", "tahun_awal": 2025, "tahun_akhir": 2029}
        assert [(a.aksi, a.username, a.objek_id, a.kecamatan_id, a.sebelum, a.sesudah) for a in audit] == [
            ("target_renstra.tetapkan", "camat.poncokusumo", rows[0].id, kec_id, None, {**sesudah, "nilai": 92.5}),
            ("target_renstra.ubah", "camat.poncokusumo", rows[0].id, kec_id, {"nilai": 92.5},
             {**sesudah, "nilai": 95.0}),
        ]
