"""In Chromium: Poncokusumo's Tim starts the Pengukuran Kinerja of a quarter; on Persetujuan its first step shows
the quarter's Pengukuran Kinerja table from the capaian engine and attaches it as xlsx and PDF, the step's output."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.sop.keluaran import keluaran_eksekusi
from models.tables import Eksekusi
from tests.e2e.conftest import masuk_sebagai

JUDUL = "Pengukuran Kinerja triwulan II 2026"


def test_the_pengukuran_table_is_shown_and_attached_on_its_step(page, server_url, e2e_engine):
    pg = page
    masuk_sebagai(pg, server_url, "tim.poncokusumo")
    pg.goto(server_url + "/pekerjaan")
    pg.locator("#pekerjaan-sop").click()
    pg.get_by_role("option", name="Pengukuran Kinerja", exact=True).click()
    pg.fill("#pekerjaan-judul", JUDUL)
    pg.fill("#pekerjaan-tahun", "2026")
    pg.locator("#pekerjaan-triwulan").click()
    pg.get_by_role("option", name="Triwulan II", exact=True).click()
    pg.click("#pekerjaan-mulai")
    pg.wait_for_selector("#pekerjaan-pesan .alert-success")

    pg.goto(server_url + "/persetujuan")
    pg.locator(".daftar-tugas label", has_text=f"{JUDUL} · langkah 1 · diterima").first.click()
    pg.wait_for_selector("#tugas-dokumen-pratinjau")
    assert "Pengukuran Kinerja Triwulan II 2026" in pg.inner_text("#tugas-rinci")
    baris = pg.locator("#tugas-dokumen-pratinjau tbody tr")
    assert [baris.nth(i).locator("td").first.inner_text() for i in range(baris.count())] == [
        "IKU-1", "IKU-2", "IKU-3", "IKU-7"]  # IKU-7: Poncokusumo's own count indicator
    pg.click("#tugas-dokumen")
    pg.wait_for_selector("#tugas-pesan .alert-success")
    assert pg.inner_text("#tugas-pesan") == (
        "Pengukuran_Kinerja_Poncokusumo_Triwulan_II_2026.xlsx dan Pengukuran_Kinerja_Poncokusumo_Triwulan_II_2026.pdf "
        "dibuat dari angka saat ini dan dilampirkan pada langkah ini.")
    assert "Pengukuran_Kinerja_Poncokusumo_Triwulan_II_2026.pdf" in pg.inner_text("#tugas-keluaran")

    with session_scope(e2e_engine) as s:
        eks = s.exec(select(Eksekusi).where(Eksekusi.judul == JUDUL)).one()
        assert [b.jenis for b in keluaran_eksekusi(s, eks.id)] == [
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf"]
