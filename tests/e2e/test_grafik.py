"""In Chromium: no chart offers to send its data anywhere; the toolbar speaks Indonesian; a chart downloads as a
PNG named after what it shows."""
from __future__ import annotations

from tests.e2e.conftest import masuk_sebagai

TOMBOL = {"Unduh grafik sebagai PNG", "Perbesar area", "Geser", "Perbesar", "Perkecil", "Skala otomatis",
          "Kembalikan sumbu"}


def _toolbar(pg) -> tuple[set[str], str]:
    grafik = pg.locator(".js-plotly-plot").first
    grafik.wait_for()
    grafik.hover()
    pg.wait_for_selector(".modebar-btn")
    judul = set(pg.eval_on_selector_all(".js-plotly-plot >> nth=0 >> .modebar-btn",
                                        "bs => bs.map(b => b.getAttribute('data-title'))"))
    nama = pg.eval_on_selector(".js-plotly-plot", "g => g._context.toImageButtonOptions.filename")
    return judul, nama


def test_charts_toolbar_is_indonesian_and_sends_nothing_out(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/capaian?tahun=2026&triwulan=3")
    judul, nama = _toolbar(pg)
    assert judul == TOMBOL, judul
    assert nama.startswith("Capaian_IKU-1_Persentase_partisipasi_delegasi_Musrenbangcam_Poncokusumo_")
    assert pg.locator("[data-title*='Chart Studio'], [data-title*='Cloud']").count() == 0
    pg.goto(server_url + "/persetujuan")
    judul, nama = _toolbar(pg)
    assert "Unduh grafik sebagai PNG" in judul and nama == "Langkah_menunggu_per_peran"
