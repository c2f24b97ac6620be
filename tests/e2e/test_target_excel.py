"""In Chromium: the Camat of Poncokusumo downloads the year's target template from IKU & Target, fills IKU-1's
quarterly targets (Rencana Aksi) in it, uploads it, reads each row's result and sees the targets in the table."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.e2e.conftest import masuk_sebagai


def test_the_target_template_is_downloaded_filled_and_imported_and_the_table_shows_the_quarters(
        page, server_url, e2e_engine, tmp_path):
    from models.perencanaan.target_excel import BARIS_JUDUL, KOLOM
    from models.umum import periode

    tahun = periode.hari_ini().year
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/iku")
    pg.wait_for_selector("#unduh-templat-target")
    with pg.expect_download() as unduhan:
        pg.click("#unduh-templat-target")
    berkas = tmp_path / "target.xlsx"
    unduhan.value.save_as(berkas)
    assert unduhan.value.suggested_filename == f"target-poncokusumo-{tahun}.xlsx"

    wb = load_workbook(io.BytesIO(berkas.read_bytes()))
    ws = wb["Target"]
    kolom = {judul: i for i, judul in enumerate(KOLOM)}
    baris = next(r for r in ws.iter_rows(min_row=BARIS_JUDUL + 1) if r[0].value == "IKU-1")
    for judul, nilai in (("Target TW I", 81), ("Target TW II", "82,5"), ("Target TW III", 83),
                         ("Target TW IV", 84)):
        baris[kolom[judul]].value = nilai
    baris[kolom["Alasan perubahan"]].value = "Rencana Aksi hasil rapat evaluasi"
    wb.save(berkas)

    pg.set_input_files("#target-xlsx-unggah input[type=file]", str(berkas))
    pg.wait_for_selector("#target-impor-berhasil", timeout=20000)
    assert pg.inner_text("#target-impor-berhasil").startswith(f"Target {tahun} diimpor: 1 dari ")
    hasil = {r.locator("td").nth(1).inner_text(): r.locator("td").nth(2).inner_text()
             for r in pg.locator("#target-impor-tabel tbody tr").all()}
    # Each quarter's new target, and (when another browser test has made a quarter official by now) the official
    # capaian it moves, named after that quarter's target.
    bagian = hasil["IKU-1"].rstrip(".").split("; ")
    assert [b for b in bagian if b.startswith("Target")] == [
        "Target TW I ditetapkan 81", "Target TW II ditetapkan 82,5", "Target TW III ditetapkan 83",
        "Target TW IV ditetapkan 84"]
    assert all(b.startswith("capaian resmi triwulan") for b in bagian if not b.startswith("Target"))
    assert {h for k, h in hasil.items() if k != "IKU-1"} == {"Tidak berubah."}
    sel = pg.locator("#iku-tabel [data-target='IKU-1']")
    assert sel.locator(".target-triwulan").inner_text() == "TW I: 81 · TW II: 82,5 · TW III: 83 · TW IV: 84"
