"""Perbandingan Kecamatan in Chromium: kabupaten.malang reads the page, follows a cell to its records and an office
to its overview, and downloads both recaps, opened back with readers other than the writers."""
from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlmodel import select

from models.db import session_scope
from models.tables import Kecamatan
from tests.e2e.conftest import masuk_sebagai


def test_the_kabupaten_compares_its_offices_follows_a_cell_and_downloads_the_recap(halaman_riwayat, riwayat_url,
                                                                                  riwayat_engine):
    from models.umum.periode import periode_baku

    th, tw = periode_baku()
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    pg.goto(f"{riwayat_url}/perbandingan?tahun={th}&triwulan={tw}")
    pg.wait_for_selector("#tabel-pk-kepatuhan tbody tr", timeout=20000)
    with session_scope(riwayat_engine) as s:
        semua = set(s.exec(select(Kecamatan.nama).where(Kecamatan.kabupaten_id == 1)).all())
    baris = pg.locator("#tabel-pk-kepatuhan tbody tr[data-kantor]").evaluate_all("rs => rs.map(r => r.dataset.kantor)")
    assert set(baris) == semua
    bermasalah = [int(x) for x in pg.locator("#tabel-pk-kepatuhan tbody tr[data-kantor] td:nth-child(2)")
                  .all_inner_texts()]
    assert bermasalah == sorted(bermasalah, reverse=True)  # worst first
    pg.wait_for_selector("#tabel-pk-capaian tbody tr")
    pg.wait_for_selector("#grafik-pk-bermasalah .main-svg")

    # A figure's cell opens its records on Capaian, for that office, quarter and indicator.
    pertama = baris[0]
    pg.locator(f"#tabel-pk-kepatuhan tr[data-kantor='{pertama}'] td[data-kunci='IKU-1'] a").click()
    pg.wait_for_url("**/capaian?**")
    q = parse_qs(urlparse(pg.url).query)
    assert (q["kecamatan"], q["tahun"], q["triwulan"]) == ([pertama], [str(th)], [str(tw)]) and q["indikator"]
    pg.go_back()
    pg.wait_for_selector("#tabel-pk-kepatuhan tbody tr", timeout=20000)
    # An office's name opens its overview.
    pg.locator("#tabel-pk-capaian tbody tr").first.locator("th a").click()
    pg.wait_for_selector("#beranda-isi .isi-kantor", timeout=20000)
    assert parse_qs(urlparse(pg.url).query)["kecamatan"][0] in semua

    # A follow-up count opens that office's recommendations of the quarter.
    pg.goto(f"{riwayat_url}/perbandingan?tahun={th}&triwulan={tw}")
    pg.wait_for_selector("#tabel-pk-tindak-lanjut tbody tr", timeout=20000)
    baris_tl = pg.locator("#tabel-pk-tindak-lanjut tbody tr").first
    kantor_tl = baris_tl.locator("td").first.inner_text()
    baris_tl.locator("td:nth-child(2) a").click()
    pg.wait_for_selector("#tabel-tl-daftar, #tl-isi .alert", timeout=20000)
    q = parse_qs(urlparse(pg.url).query)
    assert urlparse(pg.url).path == "/tindak-lanjut" and q["kecamatan"] == [kantor_tl]

    pg.goto(f"{riwayat_url}/perbandingan?tahun={th}&triwulan={tw}")
    pg.wait_for_selector("#pk-unduh-xlsx")
    with pg.expect_download() as unduh:
        pg.click("#pk-unduh-xlsx")
    wb = CalamineWorkbook.from_filelike(io.BytesIO(open(unduh.value.path(), "rb").read()))
    assert wb.sheet_names == ["Kepatuhan", "Capaian", "Proses SOP", "Pengesahan", "Tindak lanjut", "Anggaran"]
    kepatuhan = wb.get_sheet_by_name("Kepatuhan").to_python()
    assert [b[0] for b in kepatuhan[1:-1]] == baris and kepatuhan[-1][0] == "Jumlah bermasalah"
    with pg.expect_download() as unduh:
        pg.click("#pk-unduh-pdf")
    teks = "\n".join(p.extract_text() for p in PdfReader(unduh.value.path()).pages)
    assert "PEMERINTAH KABUPATEN MALANG" in teks and "Periode: triwulan" in teks
    assert all(nama in teks for nama in semua)
