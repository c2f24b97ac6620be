"""In Chromium: Poncokusumo's Kasubag Evapor writes the year's conclusion of the Laporan Kinerja, sees it in Bab IV
with who wrote it, and downloads the report as Word, which holds Bab I to IV and the passage."""
from __future__ import annotations

import io

from docx import Document
from sqlmodel import select

from models.db import session_scope
from models.tables import TeksLkj
from models.umum import periode
from tests.e2e.conftest import masuk_sebagai

SIMPULAN = "Tiga dari empat IKU mencapai target; pelayanan pengantar perlu dipercepat pada tahun berikutnya."


def test_the_office_writes_a_passage_and_downloads_the_report_as_word(page, server_url, e2e_engine):
    tahun = periode.hari_ini().year
    pg = page
    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    pg.goto(server_url + f"/laporan-kinerja?tahun={tahun}")
    pg.wait_for_selector("#lkj-perjalanan")
    pg.locator("#lkj-bagian").click()
    pg.get_by_role("option", name="Bab IV · Simpulan", exact=True).click()
    pg.locator("#lkj-teks-info", has_text="Belum ditulis.").wait_for()
    pg.fill("#lkj-teks", SIMPULAN)
    pg.click("#lkj-simpan")
    pg.locator("#lkj-pesan .alert-success", has_text="Simpulan disimpan.").wait_for()
    pg.locator("#lkj-bab").get_by_text("BAB IV PENUTUP").click()
    pg.locator("#lkj-bab", has_text=SIMPULAN).wait_for()
    assert "Ditulis oleh Kasubag Evapor Poncokusumo" in pg.locator("#lkj-bab").inner_text()
    with pg.expect_download() as unduhan:
        pg.click("#lkj-unduh-docx")
    berkas = unduhan.value
    assert berkas.suggested_filename == f"laporan-kinerja-poncokusumo-{tahun}.docx"
    with open(berkas.path(), "rb") as f:
        doc = Document(io.BytesIO(f.read()))
    judul = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert judul[:4] == ["BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                         "BAB IV PENUTUP"]
    assert SIMPULAN in [p.text for p in doc.paragraphs]
    with session_scope(e2e_engine) as s:
        row = s.exec(select(TeksLkj).where(TeksLkj.bagian == "simpulan").where(TeksLkj.tahun == tahun)).one()
        assert row.isi == SIMPULAN


def test_a_passage_changed_after_the_reviu_says_the_reviu_is_to_be_recorded_again(page, server_url, e2e_engine):
    from models.perencanaan.laporan_kinerja import laporan, reviu, simpan_teks
    from tests.fabrik import kantor, pengguna

    tahun = periode.hari_ini().year
    with session_scope(e2e_engine) as s:
        kec = kantor(s).id
        simpan_teks(s, kecamatan_id=kec, tahun=tahun, bagian="perbaikan", indikator_id=None,
                    isi="Mempercepat pelayanan pengantar.", oleh=pengguna(s, peran="kasubag_evapor"))
        reviu(s, kecamatan_id=kec, tahun=tahun, catatan="Lengkap.", oleh=pengguna(s, peran="sekcam"))
    pg = page
    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    pg.goto(server_url + f"/laporan-kinerja?tahun={tahun}")
    pg.wait_for_selector("#lkj-perjalanan")
    pg.locator("#lkj-bagian").click()
    pg.get_by_role("option", name="Bab IV · Langkah perbaikan ke depan", exact=True).click()
    pg.locator("#lkj-teks-info", has_text="Ditulis oleh").wait_for()
    pg.fill("#lkj-teks", "Mempercepat pelayanan pengantar menjadi satu hari.")
    pg.click("#lkj-simpan")
    pg.locator("#lkj-pesan .alert-success", has_text="Langkah perbaikan ke depan disimpan. Reviu perlu dicatat ulang "
               "karena teks berubah.").wait_for()
    with session_scope(e2e_engine) as s:
        assert laporan(s, kantor(s).id, tahun).status == "draf"
