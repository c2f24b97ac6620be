"""In Chromium: the kabupaten changes the cap for averages on Pengaturan Kabupaten (a bad value is answered with
the rule), and Perbandingan's note says the new cap; an office user gets neither the menu entry nor the form."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, Kabupaten
from tests.e2e.conftest import masuk_sebagai, tunggu_js


def test_the_kabupaten_changes_the_cap_and_perbandingan_says_so(page, server_url, e2e_engine):
    pg = page
    try:
        masuk_sebagai(pg, server_url, "kabupaten.malang")
        pg.goto(server_url + "/pengaturan-kabupaten")
        pg.wait_for_selector("#tabel-pita")
        tunggu_js(pg, "document.querySelector('#pengaturan-batas').value === '120'")
        pg.fill("#pengaturan-batas", "abc")
        pg.click("#pengaturan-simpan")
        pg.wait_for_selector("#pengaturan-pesan .alert-danger")
        assert pg.inner_text("#pengaturan-pesan") == 'Batas rata-rata capaian harus berupa angka persen, bukan "abc".'
        pg.fill("#pengaturan-batas", "150")
        pg.click("#pengaturan-simpan")
        pg.wait_for_selector("#pengaturan-pesan .alert-success")
        assert pg.inner_text("#pengaturan-pesan") == ("Pengaturan Kabupaten Malang disimpan. Rata-rata capaian kini "
                                                      "menghitung tiap capaian paling tinggi 150%.")
        pg.locator("#pengaturan-info", has_text="Terakhir diubah oleh").wait_for()
        with session_scope(e2e_engine) as s:
            assert s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one().batas_rerata == 150.0
            assert s.exec(select(AuditLog).where(AuditLog.aksi == "kabupaten.pengaturan")).first() is not None

        pg.goto(server_url + "/perbandingan?tahun=2026&triwulan=1")
        pg.wait_for_selector("#catatan-batas-rerata", timeout=20000)
        assert pg.inner_text("#catatan-batas-rerata") == (
            "Rata-rata dan peringkat atas IKU bersama kabupaten (IKU milik satu kantor ditampilkan, tidak "
            "dibandingkan): tiap capaian dihitung paling tinggi 150% (batas yang ditetapkan kabupaten di "
            "Pengaturan Kabupaten).")

        masuk_sebagai(pg, server_url, "camat.poncokusumo")
        assert pg.locator("nav a", has_text="Pengaturan Kabupaten").count() == 0
        r = pg.goto(server_url + "/pengaturan-kabupaten")
        assert r.status == 403
        assert pg.locator("#pengaturan-simpan").count() == 0
        pg.masalah.clear()  # the browser logs the 403 of the refused address
    finally:
        with session_scope(e2e_engine) as s:  # the server is shared by the other browser tests: the default back
            kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one()
            kab.batas_rerata = 120.0
            s.add(kab)
