"""The kabupaten's recap of the Evaluasi AKIP (models.tindak_lanjut.rekap_akip), on hand-worked answers.

Poncokusumo 2025, the evaluator's answers on the regulation's LKE (PermenPAN-RB 88/2021), scores worked by hand
(sub-component = weight x average value of its criteria; Y 1, T 0; A 1, B 0,75, C 0,5, D 0,25, E 0):

    1.1 (6; 7 criteria)  all Y                      6 x 1            =  6,00
    1.2 (9; 10)          all B                      9 x 0,75         =  6,75
    1.3 (15; 8)          1.3.1-1.3.4 A, 1.3.5-8 C   15 x (4+2)/8     = 11,25   component 1 = 24,00
    2.1 (6; 3)           Y, Y, T                    6 x 2/3          =  4,00
    2.2 (9; 7)           all A                      9 x 1            =  9,00
    2.3 (15; 10)         all C                      15 x 0,5         =  7,50   component 2 = 20,50
    3.1 (3; 6)           all Y                      3 x 1            =  3,00
    3.2 (4,5; 9)         all B                      4,5 x 0,75       =  3,375
    3.3 (7,5; 7)         all D                      7,5 x 0,25       =  1,875  component 3 =  8,25
    4.1 (5; 3)           Y, T, T                    5 x 1/3          =  1,6667
    4.2 (7,5; 5)         A, B, C, D, E              7,5 x 2,5/5      =  3,75
    4.3 (12,5; 5)        all E                      12,5 x 0         =  0,00   component 4 =  5,4167 (5,42)
    total 24 + 20,5 + 8,25 + 5,41667 = 58,1667 -> 58,17, predicate CC (above 50 up to 60).

Poncokusumo 2024: every Y/T criterion Y and every A-E criterion B: 1: 6 + 6,75 + 11,25 = 24; 2: 6 + 6,75 + 11,25
= 24; 3: 3 + 3,375 + 5,625 = 12; 4: 5 + 5,625 + 9,375 = 20; total 80,00, BB (80 is not above 80). Change
58,17 - 80,00 = -21,83, BB -> CC.
Kalipare 2025: all Y and A: 100,00 AA; no 2024. Karangploso 2025: Y and B = 80,00 BB; 2024: Y and C: Y/T
sub-components whole, A-E ones half: 6+4,5+7,5 + 6+4,5+7,5 + 3+2,25+3,75 + 5+3,75+6,25 = 60,00 CC; change +20,00.
Wajak 2025: Y and B = 80,00: shares rank 2 with Karangploso. Dau 2025 in reviu, Wagir 2025 in self-assessment,
Tumpang none in 2025 (a final 100 in 2024): no numbers for them.
"""
from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import event
from sqlmodel import select

from models.dasbor.kueri import Saringan
from models.dasbor.perbandingan import kepatuhan, warna_kepatuhan
from models.db import session_scope
from models.tables import EvaluasiAkip, Kecamatan
from models.tindak_lanjut.lke import Kriteria, bulat
from models.tindak_lanjut.rekap_akip import KeadaanAkip, keadaan_teks, rekap_akip
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, panggil, urai_statis
from tests.fabrik import kantor
from tests.fabrik_akip import evaluasi_akip, evaluator, semua


def jawaban_poncokusumo(k: Kriteria) -> str:
    """The answers of the module's docstring."""
    sub, no = k.kode.rsplit(".", 1)
    n = int(no)
    if sub == "4.2":
        return "ABCDE"[n - 1]
    return {
        "1.1": "Y", "1.2": "B", "1.3": "A" if n <= 4 else "C",
        "2.1": "T" if n == 3 else "Y", "2.2": "A", "2.3": "C",
        "3.1": "Y", "3.2": "B", "3.3": "D",
        "4.1": "Y" if n == 1 else "T", "4.3": "E",
    }[sub]


def _malang(s) -> list[int]:
    return list(s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == 1).order_by(Kecamatan.id)).all())


@pytest.fixture
def evaluasi(demo):
    with session_scope(demo) as s:
        evaluasi_akip(s, kecamatan="Poncokusumo", tahun=2025, jawaban=jawaban_poncokusumo)
        evaluasi_akip(s, kecamatan="Poncokusumo", tahun=2024, jawaban=semua("Y", "B"))
        evaluasi_akip(s, kecamatan="Kalipare", tahun=2025, jawaban=semua("Y", "A"), dirilis=True)
        evaluasi_akip(s, kecamatan="Karangploso", tahun=2025, jawaban=semua("Y", "B"))
        evaluasi_akip(s, kecamatan="Karangploso", tahun=2024, jawaban=semua("Y", "C"))
        evaluasi_akip(s, kecamatan="Wajak", tahun=2025, jawaban=semua("Y", "B"))
        evaluasi_akip(s, kecamatan="Dau", tahun=2025, status="reviu", jawaban=semua("T", "E"))
        evaluasi_akip(s, kecamatan="Wagir", tahun=2025, status="mandiri")
        evaluasi_akip(s, kecamatan="Tumpang", tahun=2024)
        evaluasi_akip(s, kecamatan="Muara Papalik", tahun=2025, kabupaten_id=2)  # another kabupaten's
    return demo


def test_the_hand_worked_scores_ranking_and_change_from_last_year(evaluasi):
    with session_scope(evaluasi) as s:
        r = rekap_akip(s, kecamatan_ids=_malang(s), tahun=2025)
    assert [k.kode for k in r.komponen] == ["1", "2", "3", "4"]
    assert [k.kode for k in r.sub] == [f"{a}.{b}" for a in range(1, 5) for b in range(1, 4)]
    baris = {b.kecamatan: b for b in r.baris}
    p = baris["Poncokusumo"]
    assert p.keadaan == KeadaanAkip.FINAL
    assert {k: bulat(v) for k, v in p.sub.items()} == {
        "1.1": Decimal("6.00"), "1.2": Decimal("6.75"), "1.3": Decimal("11.25"),
        "2.1": Decimal("4.00"), "2.2": Decimal("9.00"), "2.3": Decimal("7.50"),
        "3.1": Decimal("3.00"), "3.2": Decimal("3.38"), "3.3": Decimal("1.88"),
        "4.1": Decimal("1.67"), "4.2": Decimal("3.75"), "4.3": Decimal("0.00")}
    assert {k: bulat(v) for k, v in p.komponen.items()} == {"1": Decimal("24.00"), "2": Decimal("20.50"),
                                                             "3": Decimal("8.25"), "4": Decimal("5.42")}
    assert (bulat(p.total), p.predikat) == (Decimal("58.17"), "CC")
    assert (bulat(p.total_lalu), p.predikat_lalu, p.selisih) == (Decimal("80.00"), "BB", Decimal("-21.83"))
    assert p.persen_sub("1.2") == Decimal(75) and p.persen_sub("4.3") == Decimal(0)
    k = baris["Karangploso"]
    assert (bulat(k.total), k.predikat, bulat(k.total_lalu), k.predikat_lalu, k.selisih) == (
        Decimal("80.00"), "BB", Decimal("60.00"), "CC", Decimal("20.00"))
    kal = baris["Kalipare"]
    assert (bulat(kal.total), kal.predikat, kal.total_lalu, kal.selisih) == (Decimal("100.00"), "AA", None, None)
    assert kal.dirilis_pada is not None and p.dirilis_pada is None
    # ranked by total as printed, ties share a rank; then the offices without a final evaluation, by name
    assert [(b.kecamatan, b.peringkat) for b in r.baris] == [
        ("Kalipare", 1), ("Karangploso", 2), ("Wajak", 2), ("Poncokusumo", 4),
        ("Dau", None), ("Tumpang", None), ("Wagir", None)]


def test_offices_without_a_final_evaluation_have_no_number(evaluasi):
    with session_scope(evaluasi) as s:
        baris = {b.kecamatan: b for b in rekap_akip(s, kecamatan_ids=_malang(s), tahun=2025).baris}
    for nama, keadaan, teks in (("Dau", KeadaanAkip.REVIU, "Reviu evaluator"),
                                ("Wagir", KeadaanAkip.MANDIRI, "Penilaian mandiri"),
                                ("Tumpang", KeadaanAkip.BELUM_DIBUKA, "Belum dibuka")):
        b = baris[nama]
        assert (b.keadaan, keadaan_teks(b)) == (keadaan, teks)
        assert (b.total, b.predikat, b.komponen, b.sub, b.peringkat, b.selisih) == (None, None, {}, {}, None, None)
    assert bulat(baris["Tumpang"].total_lalu) == Decimal("100.00")  # last year's, but no change without this year
    assert keadaan_teks(baris["Poncokusumo"]) == "Final: 58,17 (CC)"


def test_a_year_without_any_evaluation_and_another_kabupaten(evaluasi):
    with session_scope(evaluasi) as s:
        kosong = rekap_akip(s, kecamatan_ids=_malang(s), tahun=2023)
        tjb = rekap_akip(s, kecamatan_ids=[s.exec(select(Kecamatan.id).where(Kecamatan.nama == "Muara Papalik")).one()],
                         tahun=2025)
    assert kosong.komponen == () and {b.keadaan for b in kosong.baris} == {KeadaanAkip.BELUM_DIBUKA}
    assert [(b.kecamatan, b.predikat) for b in tjb.baris] == [("Muara Papalik", "AA")]


def test_a_bounded_number_of_queries_whatever_the_number_of_offices(evaluasi):
    """Three statements (offices, evaluations of the year and the year before, their answers) for 3 or 7 offices."""
    jumlah: list[str] = []

    def hitung(conn, cursor, statement, *args):
        jumlah.append(statement)

    with session_scope(evaluasi) as s:
        semua_kantor = _malang(s)
        s.connection()
        hasil = {}
        for n in (3, len(semua_kantor)):
            jumlah.clear()
            event.listen(evaluasi, "before_cursor_execute", hitung)
            try:
                rekap_akip(s, kecamatan_ids=semua_kantor[:n], tahun=2025)
            finally:
                event.remove(evaluasi, "before_cursor_execute", hitung)
            hasil[n] = len(jumlah)
    assert len(semua_kantor) == 7
    assert hasil == {3: 3, 7: 3}


# ---------------------------------------------------------------- the page, its downloads, who may read it


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == nama
                and cb["callback"].__module__ == "callbacks.rekap_akip")


def test_the_recap_page_shows_the_hand_worked_numbers_to_the_kabupaten(client, app, evaluasi):
    client.get("/_dash-layout")
    masuk(client, "kabupaten.malang")
    assert buka_halaman(client, "/evaluasi-akip/rekap?tahun=2025").status_code == 200
    r = panggil(client, app, _kunci(app, "tampil"), kabupaten=1, tahun=2025)
    assert r.status_code == 200
    teks = json.dumps(r.get_json(), ensure_ascii=False)
    for nilai in ("58,17", "24,00", "20,50", "8,25", "5,42", "-21,83 (BB → CC)", "+20,00 (CC → BB)",
                  "100,00", "Sangat Memuaskan", "4 dari 7 kecamatan sudah final", "/publik/malang",
                  "/evaluasi-akip/rekap.csv?kabupaten=1&tahun=2025", "Rilis predikat", "Tarik rilis",
                  "Reviu evaluator", "Penilaian mandiri", "Belum dibuka", "Evaluasi belum final",
                  "Belum ada evaluasi"):
        assert nilai in teks, nilai
    assert "Muara Papalik" not in teks


def test_the_evaluator_releases_and_office_users_or_another_kabupaten_are_refused(client, app, evaluasi):
    with session_scope(evaluasi) as s:
        evaluator(s)
        evaluator(s, kabupaten_nama="Tanjung Jabung Barat")
        ponco = s.exec(select(EvaluasiAkip.id).where(EvaluasiAkip.tahun == 2025)
                       .where(EvaluasiAkip.kecamatan_id == kantor(s).id)).one()
    client.get("/_dash-layout")
    for username in ("camat.poncokusumo", "evapor.poncokusumo"):
        masuk(client, username)
        assert client.get("/evaluasi-akip/rekap").status_code == 403
        assert panggil(client, app, _kunci(app, "tampil"), kabupaten=1, tahun=2025).status_code == 403
        assert client.get("/evaluasi-akip/rekap.csv?kabupaten=1&tahun=2025").status_code == 403
    for username in ("kabupaten.tanjungjabungbarat", "inspektorat.tanjungjabungbarat"):
        masuk(client, username)
        assert client.get("/evaluasi-akip/rekap?kabupaten=1").status_code == 403
        r = panggil(client, app, _kunci(app, "tampil"), kabupaten=1, tahun=2025)
        assert r.status_code == 403 and "Poncokusumo" not in r.get_data(as_text=True)
        assert panggil(client, app, _kunci(app, "rilis"), evaluasi_akip_id=str(ponco), aksi="rilis").status_code == 403
    masuk(client, "inspektorat.malang")
    r = panggil(client, app, _kunci(app, "tampil"), kabupaten=1, tahun=2025)
    assert r.status_code == 200 and "58,17" in r.get_data(as_text=True)
    r = panggil(client, app, _kunci(app, "rilis"), evaluasi_akip_id=str(ponco), aksi="rilis")
    assert "Predikat CC dirilis ke halaman publik." in r.get_data(as_text=True)
    with session_scope(evaluasi) as s:
        assert s.get(EvaluasiAkip, ponco).dirilis_pada is not None
    assert "<strong>58,17</strong>" in client.get("/publik/malang").get_data(as_text=True)


def test_the_recap_downloads_hold_the_pages_numbers(client, evaluasi):
    masuk(client, "kabupaten.malang")
    r = client.get("/evaluasi-akip/rekap.xlsx?kabupaten=1&tahun=2025")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    kepala = [c.value for c in ws[1]]
    baris = {row[1]: dict(zip(kepala, row)) for row in ws.iter_rows(min_row=2, values_only=True)}
    p = baris["Poncokusumo"]
    assert (p["Peringkat"], p["Nilai"], p["Predikat"], p["1. Perencanaan Kinerja"], p["4. Evaluasi Akuntabilitas "
            "Kinerja Internal"], p["Nilai 2024"], p["Predikat 2024"], p["Perubahan nilai"]) == (
        4, 58.17, "CC", 24, 5.42, 80, "BB", -21.83)
    assert [p[k] for k in kepala if k.startswith(("3.2 ", "4.1 "))] == [3.38, 1.67]
    assert (baris["Dau"]["Keadaan"], baris["Dau"]["Nilai"], baris["Dau"]["Peringkat"]) == ("Reviu evaluator", None,
                                                                                           None)
    csv = client.get("/evaluasi-akip/rekap.csv?kabupaten=1&tahun=2025").get_data().decode("utf-8-sig")
    assert '"4";"Poncokusumo";"Final";"58,17";"CC";"24";"20,50";"8,25";"5,42";' in csv


# ---------------------------------------------------------------- Perbandingan's Kepatuhan and the kabupaten's Beranda


def test_kepatuhan_shows_each_offices_evaluasi_akip_of_last_year(evaluasi):
    """Perbandingan of 2026 shows the Evaluasi AKIP held in 2026, of 2025's work; not counted as trouble."""
    with session_scope(evaluasi) as s:
        ids = _malang(s)
        tabel, sel = kepatuhan(s, Saringan(kecamatan_ids=ids, kecamatan_id=None, tahun=2026, triwulan=1),
                               hari_ini=date(2026, 3, 31))
        nama = dict(s.exec(select(Kecamatan.nama, Kecamatan.id)).all())
    assert tabel.kolom[-1].nama == "Evaluasi AKIP 2025"
    kolom = tabel.kolom[-1].kunci
    isi = {r["kecamatan"]: r[kolom] for r in tabel.data.to_dict("records")}
    assert (isi["Poncokusumo"], isi["Kalipare"], isi["Dau"], isi["Wagir"], isi["Tumpang"], isi["Jumlah bermasalah"]) \
        == ("Final: 58,17 (CC)", "Final: 100,00 (AA)", "Reviu evaluator", "Penilaian mandiri", "Belum dibuka", 0)  # a count, a number
    assert (sel[(nama["Poncokusumo"], kolom)].keadaan, sel[(nama["Tumpang"], kolom)].keadaan) == (
        KeadaanAkip.FINAL, KeadaanAkip.BELUM_DIBUKA)
    assert warna_kepatuhan(KeadaanAkip.FINAL, False) == "success"


def test_the_kabupatens_beranda_and_perbandingan_pages_show_the_state(client, app, evaluasi):
    client.get("/_dash-layout")
    masuk(client, "kabupaten.malang")
    r = panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=1)
    teks = json.dumps(r.get_json(), ensure_ascii=False)
    assert "kartu-evaluasi-akip" in teks and "Evaluasi AKIP 2025" in teks
    for bagian in ("Final: 58,17 (CC)", "Final: 80,00 (BB)", "Reviu evaluator", "Penilaian mandiri", "Belum dibuka",
                   "Belum dibuka: 1 · Penilaian mandiri: 1 · Reviu evaluator: 1 · Final: 4"):
        assert bagian in teks, bagian
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.perbandingan.tampil")
    r = panggil(client, app, kunci, kecamatan=None, tahun=2026, triwulan=1)
    teks = json.dumps(urai_statis(r.get_json()), ensure_ascii=False)  # the matrix travels as plain HTML
    assert "Evaluasi AKIP 2025" in teks and "Final: 58,17 (CC)" in teks and '"data-kunci": "evaluasi_akip"' in teks
