"""In Chromium: the Kasubag Evapor of Poncokusumo enters IKU-1's quarterly targets (Rencana Aksi) for 2025 beside the
year's target on IKU & Target; a quarter that is not a number is refused with its message and writes nothing; the
Capaian page then says each 2025 quarter is measured against its own target."""
from __future__ import annotations

from sqlmodel import select

from tests.e2e.conftest import masuk_sebagai, tunggu_js

IKU1 = "IKU-1 Persentase partisipasi delegasi Musrenbangcam"
TAHUN = 2025


def _target_triwulan(engine) -> list[tuple[int, float]]:
    from models.db import session_scope
    from models.tables import Indikator, Kecamatan, Target

    with session_scope(engine) as s:
        q = (select(Target.triwulan, Target.nilai).join(Indikator, Indikator.id == Target.indikator_id)
             .join(Kecamatan, Kecamatan.id == Target.kecamatan_id).where(Kecamatan.nama == "Poncokusumo")
             .where(Indikator.kode == "IKU-1").where(Target.tahun == TAHUN).where(Target.triwulan != None)  # noqa: E711
             .where(Target.berlaku == True).order_by(Target.triwulan))  # noqa: E712
        return [tuple(x) for x in s.exec(q).all()]


def test_quarterly_targets_are_entered_beside_the_years_and_capaian_says_what_it_is_measured_against(
        page, server_url, e2e_engine):
    from models.db import session_scope
    from models.tables import Indikator

    pg = page
    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    pg.goto(server_url + "/iku")
    pg.locator("#target-indikator").click()
    pg.get_by_role("option", name=IKU1, exact=True).click()
    pg.fill("#target-tahun", str(TAHUN))
    pg.wait_for_load_state("networkidle")
    tunggu_js(pg, "document.querySelector('#target-nilai').value === '90' && "
                         "document.querySelector('#target-riwayat').innerText.includes('Riwayat target 2025')")
    # The form shows what is in force: the year's 90, no quarterly target yet.
    assert pg.input_value("#target-nilai") == "90"
    assert [pg.input_value(f"#target-tw{n}") for n in (1, 2, 3, 4)] == ["", "", "", ""]

    for n, nilai in zip((1, 2, 3, 4), ("abc", "85", "88", "90")):
        pg.fill(f"#target-tw{n}", nilai)
    pg.click("#target-simpan")
    pg.wait_for_selector("#target-pesan .alert-danger")
    assert pg.inner_text("#target-pesan") == f'{IKU1}, target triwulan I {TAHUN}: "abc" bukan angka.'
    assert _target_triwulan(e2e_engine) == []

    pg.fill("#target-tw1", "80")
    pg.click("#target-simpan")
    pg.wait_for_selector("#target-pesan .alert-success")
    assert pg.inner_text("#target-pesan") == (
        f"Target {TAHUN} disimpan: 90. Target triwulan I {TAHUN} disimpan: 80. Target triwulan II {TAHUN} disimpan: "
        f"85. Target triwulan III {TAHUN} disimpan: 88. Target triwulan IV {TAHUN} disimpan: 90.")
    assert _target_triwulan(e2e_engine) == [(1, 80.0), (2, 85.0), (3, 88.0), (4, 90.0)]
    riwayat = pg.inner_text("#target-riwayat")
    assert "Triwulan I: 80" in riwayat and "Triwulan IV: 90" in riwayat and "Tahun: 90" in riwayat

    with session_scope(e2e_engine) as s:
        ind_id = s.exec(select(Indikator.id).where(Indikator.kode == "IKU-1")
                        .where(Indikator.kecamatan_id == None)  # noqa: E711
                        .where(Indikator.nama == IKU1.removeprefix("IKU-1 "))).first()
    pg.goto(server_url + f"/capaian?tahun={TAHUN}&triwulan=4&indikator={ind_id}")
    pg.wait_for_selector("#tabel-seri-capaian")
    baris = {r.locator("td").nth(2).inner_text(): r.inner_text()
             for r in pg.locator("#tabel-seri-capaian tbody tr").all()}
    for romawi, target in (("I", "80"), ("II", "85"), ("III", "88"), ("IV", "90")):
        teks = baris[f"Triwulan {romawi} {TAHUN}"]
        assert f"terhadap target triwulan {romawi}" in teks and target in teks, teks
