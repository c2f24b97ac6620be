"""One hand-worked LKE, one set of numbers: the office's page, the LHE's PDF and Word, and the kabupaten's recap
(table and Excel) all print the scores worked by hand in tests/lke_contoh.py."""
from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from models.db import session_scope
from tests import lke_contoh
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, tabel_jawaban, teks_jawaban
from tests.fabrik import kantor
from tests.integration.test_evaluasi_akip_halaman import NILAI_LKE_CONTOH, _final, _panggil


def _koma(d) -> str:
    return f"{d:.2f}".replace(".", ",")


def _rekap(app):
    return next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "tampil"
                and cb["callback"].__module__ == "callbacks.rekap_akip")


def test_the_hand_worked_lke_gives_the_same_numbers_on_the_page_the_lhe_and_the_recap(client, app, demo):
    """Poncokusumo's Evaluasi AKIP 2025 answered through the workflow as tests/lke_contoh.py lists (every answer
    and the hand computation are in its docstring): sub-components 5,14 / 6,08 / 10,31 / 6,00 / 7,39 / 8,25 /
    2,50 / 3,38 / 5,63 / 3,33 / 5,25 / 6,88; components 21,53 / 21,64 / 11,50 / 15,46; total 70,13, predicate BB
    (above 70 up to 80)."""
    ev_id = _final(demo)
    with session_scope(demo) as s:
        kec = kantor(s).id
    masuk(client, "evapor.poncokusumo")  # the office's page
    assert tabel_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id), "akip-tabel-nilai") == NILAI_LKE_CONTOH
    assert "Nilai 70,13 · predikat BB (Sangat Baik)" in teks_jawaban(_panggil(client, app, "kepala",
                                                                               evaluasi_id=ev_id))

    r = client.get(f"/cetak/lhe/{kec}/2025.pdf")  # the LHE, as the office reads it once final
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages).split())
    for kode, nilai in {**lke_contoh.SUB, **lke_contoh.KOMPONEN}.items():
        assert f"{kode} " in teks and _koma(nilai) in teks, kode
    assert ("Nilai hasil evaluasi AKIP Kecamatan Poncokusumo tahun 2025 adalah 70,13 dengan predikat BB "
            "(Sangat Baik).") in teks
    r = client.get(f"/cetak/lhe/{kec}/2025.docx")
    assert r.status_code == 200
    tabel = Document(io.BytesIO(r.data)).tables[0]
    baris = {row.cells[0].text: row.cells[3].text for row in tabel.rows[1:] if row.cells[0].text}
    assert baris == {k: _koma(v) for k, v in {**lke_contoh.SUB, **lke_contoh.KOMPONEN}.items()}
    assert tabel.rows[-1].cells[3].text == "70,13"

    masuk(client, "kabupaten.malang")  # the kabupaten's recap: table and Excel
    r = panggil(client, app, _rekap(app), kabupaten=1, tahun=2025)
    rekap = tabel_jawaban(r, "tabel-rekap-akip")
    ponco = next(b for b in rekap if len(b) > 1 and b[1] == "Poncokusumo")
    assert ponco[:9] == ["1", "Poncokusumo", "Final", "70,13", "BB Sangat Baik", "21,53", "21,64", "11,50", "15,46"]
    r = client.get("/evaluasi-akip/rekap.xlsx?kabupaten=1&tahun=2025")
    ws = load_workbook(io.BytesIO(r.data)).active
    kepala = [c.value for c in ws[1]]
    p = next(dict(zip(kepala, row)) for row in ws.iter_rows(min_row=2, values_only=True) if row[1] == "Poncokusumo")
    assert (p["Nilai"], p["Predikat"], p["1. Perencanaan Kinerja"], p["2. Pengukuran Kinerja"],
            p["3. Pelaporan Kinerja"], p["4. Evaluasi Akuntabilitas Kinerja Internal"]) == (
        70.13, "BB", 21.53, 21.64, 11.5, 15.46)
    assert {k.split(" ")[0]: p[k] for k in kepala if k and k[0].isdigit() and k[1] == "." and k[2].isdigit()} == {
        k: float(v) for k, v in lke_contoh.SUB.items()}
