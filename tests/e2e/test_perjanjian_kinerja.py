"""In Chromium: Karangploso's Camat (no SOP for the PK: he signs on the page) drafts the year's Perjanjian Kinerja,
signs it with the scan attached, and Kalender SAKIP then shows the year's Perjanjian Kinerja as met."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import Lampiran, PerjanjianKinerja
from models.umum import periode
from tests.e2e.conftest import masuk_sebagai

SCAN = b"%PDF-1.4\n% Perjanjian Kinerja Camat Karangploso, ditandatangani\n%%EOF\n"


def test_the_camat_signs_the_pk_with_a_scan_and_the_calendar_shows_it_met(page, server_url, e2e_engine):
    tahun = periode.hari_ini().year
    pg = page
    masuk_sebagai(pg, server_url, "camat.karangploso")
    pg.goto(server_url + "/kalender-sakip")
    baris = pg.locator("#tabel-kewajiban-kantor tr[data-kewajiban=perjanjian_kinerja]", has_text=f"Tahun {tahun}")
    baris.wait_for()
    assert baris.get_attribute("data-status") == "terlambat"  # targets in force are not a signed PK

    pg.goto(server_url + f"/perjanjian-kinerja?tahun={tahun}")
    pg.wait_for_selector("#pk-daftar")
    pg.click("#pk-draf")
    pg.wait_for_selector("#pk-pesan .alert-success")
    assert f"Draf Perjanjian Kinerja Camat {tahun} siap." in pg.inner_text("#pk-pesan")
    pg.locator("#pk-ttd-pilih").click()
    pg.get_by_role("option", name=f"Perjanjian Kinerja Camat {tahun}", exact=True).click()
    pg.fill("#pk-ttd-tanggal", f"20 Januari {tahun}")
    pg.set_input_files("#pk-ttd-scan input[type=file]", files=[
        {"name": "PK Camat Karangploso.pdf", "mimeType": "application/pdf", "buffer": SCAN}])
    pg.wait_for_selector("#pk-ttd-nama-scan >> text=Dipilih: PK Camat Karangploso.pdf")
    pg.click("#pk-ttd")
    pg.locator("#pk-pesan .alert-success", has_text=f"Perjanjian Kinerja Camat {tahun} ditandatangani; scan "
                                                     "dilampirkan.").wait_for()
    kartu = pg.locator("[data-pihak=camat]")
    kartu.locator(".badge", has_text="Ditandatangani").wait_for()
    assert f"ditandatangani 20 Januari {tahun}" in kartu.inner_text()
    assert kartu.locator("a", has_text="Scan").get_attribute("href").startswith("/lampiran/")

    pg.goto(server_url + "/kalender-sakip")
    baris = pg.locator("#tabel-kewajiban-kantor tr[data-kewajiban=perjanjian_kinerja]", has_text=f"Tahun {tahun}")
    baris.wait_for()
    assert baris.get_attribute("data-status") in ("selesai", "selesai_terlambat")
    assert "terpenuhi" in baris.inner_text()

    with session_scope(e2e_engine) as s:
        pk = s.exec(select(PerjanjianKinerja).where(PerjanjianKinerja.tahun == tahun)
                    .where(PerjanjianKinerja.role_kode == "camat")
                    .where(PerjanjianKinerja.kecamatan_id == 3)).one()
        assert pk.status == "ditandatangani" and pk.isi["pihak_pertama"]["jabatan"]
        scan = s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "perjanjian_kinerja")
                      .where(Lampiran.pemilik_id == pk.id)).one()
        assert (scan.nama_berkas, scan.ukuran) == ("PK_Camat_Karangploso.pdf", len(SCAN))
