"""In Chromium: the admin uploads a Word SOP, sees the pelaksana read from its flowchart shapes, corrects one step,
sees the difference from the revision in force, saves, and the catalogue and the SOP page show the new revision;
the SOP page's printed PDF and Word files download."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.sop.register import detail_sop
from models.tables import Kecamatan, Sop
from tests.docx_contoh import Tanda
from tests.e2e.conftest import masuk_sebagai, tunggu_js
from tests.integration.test_sop_unggah import NAMA, _kalipare


def test_the_admin_uploads_a_word_sop_corrects_a_step_and_saves_a_new_revision(page, server_url, e2e_engine,
                                                                               tmp_path):
    berkas = tmp_path / "kalipare-revisi.docx"
    berkas.write_bytes(_kalipare(lambda t: [*t[:5], Tanda(("Sekretaris",), False)]))  # step 6 moved in Word
    pg = page
    masuk_sebagai(pg, server_url, "admin")
    pg.goto(server_url + "/unggah-sop")
    pg.set_input_files("#unggah-sop-berkas input[type=file]", str(berkas))
    kartu = pg.locator(".kartu-unggah[data-prosedur='0']")
    kartu.wait_for(timeout=20000)
    assert NAMA in kartu.locator(".card-header").inner_text() and "Revisi ke-2" in kartu.inner_text()
    # The pelaksana as the shapes mark them.
    pelaksana = [kartu.locator(f"td.sel-pelaksana[data-urutan='{n}']").inner_text().split("\n")[0]
                 for n in range(1, 7)]
    assert pelaksana[0] == "Kasi Ekbang" and pelaksana[5] == "Sekretaris"
    assert kartu.locator("td.sel-pelaksana[data-urutan='6']").inner_text().endswith("dari diagram alir")
    selisih = kartu.locator("[id*='unggah-selisih']").first
    assert selisih.inner_text().splitlines()[-1] == "Langkah 6 diubah: pelaksana Sub. Evapor menjadi Sekretaris"

    # Step 2 corrected to the Sub. Evapor: the difference says so at once.
    kartu.locator("td.sel-pelaksana[data-urutan='2'] .dash-dropdown").first.click()
    pg.locator("[role=listbox] [role=option]", has_text="Sub. Evapor").click()
    pg.locator("[role=listbox] [role=option]", has_text="Kasi Ekbang").click()
    pg.keyboard.press("Escape")
    tunggu_js(pg, "() => document.querySelector('.kartu-unggah[data-prosedur=\"0\"]').innerText"
                  ".includes('Langkah 2 diubah: pelaksana Kasi Ekbang menjadi Sub. Evapor')")
    pg.click("#unggah-sop-simpan")
    pg.wait_for_selector("#unggah-sop-berhasil", timeout=20000)
    hasil = pg.inner_text("#unggah-sop-berhasil")
    assert f"Revisi ke-2 disimpan: {NAMA} (Kalipare)" in hasil and hasil.count("Tidak berubah:") == 2

    with session_scope(e2e_engine) as s:
        sop_id = s.exec(select(Sop.id).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id)
                        .where(Kecamatan.nama == "Kalipare").where(Sop.nama == NAMA)).one()
        d = detail_sop(s, sop_id)
        assert d.revisi.revisi_ke == 2 and [lk.pelaksana for lk in d.langkah][1] == ["Sub. Evapor"]
    pg.goto(server_url + "/sop?kecamatan=Kalipare")
    pg.wait_for_selector(".kantor tbody tr")
    baris = pg.locator(".kantor tbody tr", has_text=NAMA)
    assert baris.locator("td.revisi").inner_text() == "ke-2"
    baris.locator("a").click()
    pg.wait_for_selector("#sop-judul")
    assert "revisi ke-2" in pg.inner_text("#sop-judul + p")
    with pg.expect_download() as unduh:
        pg.click("#sop-cetak-docx")
    assert unduh.value.suggested_filename.endswith("revisi-2.docx")
    assert open(unduh.value.path(), "rb").read(4) == b"PK\x03\x04"


def test_a_camat_may_not_upload_another_office_s_sop(page, server_url, tmp_path):
    from seed import dokumen_seed

    pg = page
    masuk_sebagai(pg, server_url, "camat.kalipare")
    pg.goto(server_url + "/unggah-sop")
    pg.set_input_files("#unggah-sop-berkas input[type=file]", str(dokumen_seed()[1]))  # Poncokusumo's
    pg.wait_for_selector(".alert-danger", timeout=20000)
    assert "Anda hanya dapat mengunggah SOP Kecamatan Kalipare" in pg.inner_text(".alert-danger")
    assert pg.locator("#unggah-sop-simpan").is_disabled()
