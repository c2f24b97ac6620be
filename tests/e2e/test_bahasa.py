"""In Chromium: the words the components bring are Indonesian too (a dropdown's search, an unknown address)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import masuk_sebagai


def test_dropdown_search_and_an_unknown_address_speak_indonesian(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/pekerjaan")
    pg.locator("#pekerjaan-sop").click()
    cari = pg.locator("input.dash-dropdown-search").first  # the open menu's search box
    cari.wait_for()
    assert cari.get_attribute("placeholder") == "Cari"
    pg.keyboard.type("zzz tidak ada")
    expect(pg.get_by_text("Tidak ada pilihan yang cocok")).to_be_visible()  # the menu filters after the keystrokes
    r = pg.goto(server_url + "/alamat-yang-tidak-ada")
    assert r is not None and r.status == 404  # an unknown address is a 404, its page in Indonesian
    pg.wait_for_selector("#halaman-tidak-ada")
    teks = pg.inner_text("#_pages_content")
    assert "Halaman tidak ditemukan" in teks and "Page not found" not in teks
    # the browser reports the document's own 404 on its console: expected here, and the only one
    dokumen_404 = [m for m in pg.masalah if "status of 404" in m]
    assert len(dokumen_404) == 1
    pg.masalah.remove(dokumen_404[0])


def test_dates_are_typed_as_people_write_them_not_in_the_browsers_order(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "admin")
    pg.goto(server_url + "/hari-libur")
    tanggal = pg.locator("#libur-tanggal")
    tanggal.wait_for()
    assert tanggal.get_attribute("type") in (None, "text")  # a date field would show mm/dd/yyyy in English
    assert tanggal.get_attribute("placeholder") == "mis. 29 Oktober 2026"
    assert pg.locator("input[type=date]").count() == 0
