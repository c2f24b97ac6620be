"""In Chromium: a kabupaten officer changes a due date of the SAKIP calendar; a value out of range is answered with
the rule, not ignored; an office user reads the calendar without the form."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, JadwalSakip
from tests.e2e.conftest import masuk_sebagai, tunggu_js


def test_a_kabupaten_changes_its_calendar_and_is_told_the_limits(page, server_url, e2e_engine):
    pg = page
    masuk_sebagai(pg, server_url, "kabupaten.malang")
    pg.goto(server_url + "/kalender-sakip")
    pg.wait_for_selector("#tabel-jadwal-sakip")
    pg.select_option("#jadwal-kewajiban", "pengukuran")
    tunggu_js(pg, "() => document.querySelector('#jadwal-hari-kerja').value === '15'")  # the value in force
    pg.fill("#jadwal-hari-kerja", "90")
    pg.click("#jadwal-simpan")
    pg.wait_for_selector("#jadwal-pesan .alert-danger")
    assert pg.inner_text("#jadwal-pesan") == ("Tenggat Pengukuran Kinerja paling lambat 60 hari kerja setelah akhir "
                                              "triwulan, bukan 90.")
    pg.fill("#jadwal-hari-kerja", "12")
    pg.click("#jadwal-simpan")
    pg.wait_for_selector("#jadwal-pesan .alert-success")
    # The table is drawn again after the save (its own callback): wait for it.
    pg.locator("#tabel-jadwal-sakip tr[data-kewajiban=pengukuran]",
               has_text="12 hari kerja setelah triwulan berakhir").wait_for()
    with session_scope(e2e_engine) as s:
        j = s.exec(select(JadwalSakip).where(JadwalSakip.kewajiban == "pengukuran")).one()
        assert j.tenggat_hari_kerja == 12
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "jadwal_sakip.ubah")).first() is not None
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/kalender-sakip")
    pg.wait_for_selector("#tabel-kewajiban-kantor")
    assert pg.locator("#jadwal-simpan").count() == 0
    assert "12 hari kerja setelah triwulan berakhir" in pg.inner_text("#tabel-jadwal-sakip tr[data-kewajiban=pengukuran]")


def test_a_kabupaten_picks_the_sop_from_its_offices_starting_from_the_values_in_force(page, server_url, e2e_engine):
    pg = page
    masuk_sebagai(pg, server_url, "kabupaten.malang")
    pg.goto(server_url + "/kalender-sakip")
    pg.wait_for_selector("#tabel-jadwal-sakip")
    pg.select_option("#jadwal-kewajiban", "pelaporan_kinerja")
    # The form starts from what is in force: its SOP, and 1 Januari to akhir (29) Februari of the next year.
    tunggu_js(pg, "() => document.querySelector('#jadwal-sop').value === 'Pelaporan Kinerja'")
    nilai = pg.eval_on_selector_all(
        "[id*='jadwal-mulai'], [id*='jadwal-tenggat']", "els => els.map(e => e.value)")
    assert nilai == ["1", "1", "1", "1", "2", "29"]
    assert pg.input_value("#jadwal-hari-kerja") == ""
    pilihan = pg.eval_on_selector_all("#jadwal-sop option", "els => els.map(e => e.textContent)")
    assert "Pelaporan Kinerja (1 dari 3 kantor)" in pilihan
    assert "Penyusunan Laporan Kinerja (LKj) (1 dari 3 kantor)" in pilihan
    assert not any("Tidak Ada" in p for p in pilihan)
    # A day the month never has, and 0, are answered with their own rule.
    tanggal = """[id='{"index":"tanggal","type":"jadwal-tenggat"}']"""
    for isi, pesan in (("0", "Tanggal tenggat Pelaporan Kinerja harus 1 sampai 31, bukan 0."),
                       ("31", "Tanggal tenggat Pelaporan Kinerja: 31 Februari tidak ada; Februari paling banyak 29 "
                              "hari (29 Februari berarti akhir Februari: 28 Februari pada tahun bukan kabisat).")):
        pg.fill(tanggal, isi)
        pg.click("#jadwal-simpan")
        pg.locator("#jadwal-pesan .alert-danger", has_text=pesan).wait_for()
    pg.fill(tanggal, "29")
    pg.select_option("#jadwal-sop", label="Penyusunan Laporan Kinerja (LKj) (1 dari 3 kantor)")
    pg.click("#jadwal-simpan")
    pg.wait_for_selector("#jadwal-pesan .alert-success")
    assert pg.inner_text("#jadwal-pesan") == (
        'Jadwal Pelaporan Kinerja Kabupaten Malang disimpan. SOP "Penyusunan Laporan Kinerja (LKj)" belum dimiliki 2 '
        'kantor (Kalipare, Karangploso): di kantor tersebut kewajiban ini tampil "Belum ada SOP".')
    pg.locator("#tabel-jadwal-sakip tr[data-kewajiban=pelaporan_kinerja]",
               has_text="Penyusunan Laporan Kinerja (LKj)").wait_for()
    with session_scope(e2e_engine) as s:
        j = s.exec(select(JadwalSakip).where(JadwalSakip.kewajiban == "pelaporan_kinerja")).one()
        assert (j.sop_nama, j.tenggat_bulan, j.tenggat_tanggal) == ("Penyusunan Laporan Kinerja (LKj)", 2, 29)
