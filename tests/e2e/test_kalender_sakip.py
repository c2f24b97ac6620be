"""In Chromium: a kabupaten officer changes a due date of the SAKIP calendar; a value out of range is answered with
the rule, not ignored; an office user reads the calendar without the form."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, JadwalSakip
from tests.e2e.conftest import masuk_sebagai


def test_a_kabupaten_changes_its_calendar_and_is_told_the_limits(page, server_url, e2e_engine):
    pg = page
    masuk_sebagai(pg, server_url, "kabupaten.malang")
    pg.goto(server_url + "/kalender-sakip")
    pg.wait_for_selector("#tabel-jadwal-sakip")
    pg.select_option("#jadwal-kewajiban", "pengukuran")
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
