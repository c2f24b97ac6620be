"""In Chromium at 1280 px: Pengguna's table shows every column whole, Jabatan and Status included, without
scrolling inside its box."""
from __future__ import annotations

from dashboard import ids
from tests.e2e.conftest import tunggu_js


def test_pengguna_shows_every_column_whole_at_1280(page, server_url):
    page.goto(server_url + "/pengguna")
    page.wait_for_selector(f"#{ids.PENGGUNA_TABEL} table th")
    tunggu_js(page, "s => document.querySelectorAll(s).length > 5", f"#{ids.PENGGUNA_TABEL} table tbody tr")
    kotak = page.evaluate("""s => { const t = document.querySelector(s); const k = t.parentElement;
        return {kepala: [...t.querySelectorAll('th')].map(th => [th.textContent, th.scrollWidth, th.clientWidth,
                                                                  th.getBoundingClientRect().right]),
                kanan: k.getBoundingClientRect().right, lebar: k.scrollWidth, tampak: k.clientWidth}; }""",
                          f"#{ids.PENGGUNA_TABEL} table")
    assert [k[0] for k in kotak["kepala"]] == ["Nama pengguna", "Nama", "Peran", "Kantor", "NIP", "Jabatan", "Status"]
    for teks, lebar, tampak, kanan in kotak["kepala"]:
        assert lebar <= tampak, teks  # the header's text is not cut inside its cell
        assert kanan <= kotak["kanan"] + 0.5, (teks, kanan, kotak["kanan"])  # nor the cell by the table's box
    assert kotak["lebar"] <= kotak["tampak"]
