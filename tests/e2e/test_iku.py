"""IKU & Target in Chromium: the Camat sets IKU-3's Renstra end-of-period target, typed the Indonesian way, and the
table shows it; a four-year period is refused with its message and changes nothing; the Kasubag Evapor, who sets
yearly targets, has no Renstra form."""
from __future__ import annotations

from sqlmodel import select

from models.umum import periode
from tests.e2e.conftest import masuk_sebagai

IKU3 = "IKU-3 Persentase poskamling aktif"


def test_the_camat_sets_a_renstra_target_and_the_table_shows_it(page, server_url, e2e_engine):
    from models.db import session_scope
    from models.tables import AuditLog, Indikator, TargetRenstra

    pg = page
    awal = periode.hari_ini().year  # a period covering the year the table shows
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/iku")
    pg.locator("#renstra-indikator").click()
    pg.get_by_role("option", name=IKU3, exact=True).click()
    pg.fill("#renstra-awal", str(awal))
    pg.fill("#renstra-akhir", str(awal + 4))
    pg.fill("#renstra-nilai", "87,5")
    pg.click("#renstra-simpan")
    pg.wait_for_selector("#renstra-pesan .alert-success")
    assert pg.inner_text("#renstra-pesan") == f"Target Renstra {awal}–{awal + 4} IKU-3 disimpan: 87,5%."
    sel = pg.inner_text("td[data-renstra='IKU-3']")
    assert "87,5%" in sel and f"Renstra {awal}–{awal + 4}" in sel

    pg.fill("#renstra-akhir", str(awal + 3))
    pg.fill("#renstra-nilai", "99")
    pg.click("#renstra-simpan")
    pg.wait_for_selector("#renstra-pesan .alert-danger")
    assert pg.inner_text("#renstra-pesan") == (f"{IKU3}, target Renstra {awal}–{awal + 3}: periode Renstra harus lima "
                                               f"tahun, {awal}–{awal + 4}.")
    assert "87,5%" in pg.inner_text("td[data-renstra='IKU-3']")
    with session_scope(e2e_engine) as s:
        rows = s.exec(select(TargetRenstra).join(Indikator, Indikator.id == TargetRenstra.indikator_id)
                      .where(Indikator.kode == "IKU-3")).all()
        assert [(t.tahun_awal, t.tahun_akhir, t.nilai) for t in rows] == [(awal, awal + 4, 87.5)]
        audit = s.exec(select(AuditLog).where(AuditLog.objek == "target_renstra")).all()
        assert [(a.aksi, a.username, a.objek_id) for a in audit] == [
            ("target_renstra.tetapkan", "camat.poncokusumo", rows[0].id)]

    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    pg.goto(server_url + "/iku")
    pg.wait_for_selector("#target-simpan")
    assert pg.locator("#renstra-simpan").count() == 0
