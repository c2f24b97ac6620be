"""In Chromium: the Camat of Poncokusumo uploads a DPA sheet; a broken row is shown by its row number and nothing is
saved; the corrected sheet is saved and the table shows the program, its sub kegiatan, the sasaran and the
penyerapan; a Kasi sees the same DPA without the form."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.anggaran_excel import LEMBAR, templat
from models.tables import Anggaran
from tests.e2e.conftest import keluar, masuk_sebagai, tunggu_js
from tests.fabrik import kantor

TAHUN = 2024  # a year no other browser test gives a DPA
S_ADMINDUK = "Meningkatnya kualitas pelayanan administrasi kependudukan"
PROGRAM = ["7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "7.01.02.2.01",
           "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan"]


def _lembar(engine, baris: list[list]) -> bytes:
    with session_scope(engine) as s:
        data = templat(s, kecamatan_id=kantor(s).id, tahun=TAHUN)
    wb = load_workbook(io.BytesIO(data))
    for b in baris:
        wb[LEMBAR].append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_camat_uploads_a_dpa_sheet_and_sees_the_table_and_its_penyerapan(page, server_url, e2e_engine, tmp_path):
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(f"{server_url}/anggaran?tahun={TAHUN}")
    pg.wait_for_selector("#dpa-kosong", timeout=20000)
    assert f"Belum ada DPA untuk tahun {TAHUN}." in pg.inner_text("#anggaran-isi")

    sub_a = [*PROGRAM, "7.01.02.2.01.0002", "Fasilitasi Pelayanan Administrasi Terpadu Kecamatan", S_ADMINDUK,
             200_000_000, 50_000_000, 40_000_000, None, None]
    sub_b = [*PROGRAM, "7.01.02.2.01.0004", "Pembinaan Penyelenggaraan Pemerintahan Desa", None, 100_000_000,
             "1,5", None, None, None]
    kotor = tmp_path / "kotor.xlsx"
    kotor.write_bytes(_lembar(e2e_engine, [sub_a, sub_b]))
    pg.set_input_files("#anggaran-berkas input[type=file]", str(kotor))
    pg.wait_for_selector("#anggaran-masalah", timeout=20000)
    assert ('Baris 7: Realisasi triwulan I "1,5" bukan rupiah utuh; tulis tanpa sen, mis. 150.000.000.'
            in pg.inner_text("#anggaran-masalah"))
    assert pg.locator("#anggaran-impor").is_disabled()

    sub_b[8] = 10_000_000
    bersih = tmp_path / "bersih.xlsx"
    bersih.write_bytes(_lembar(e2e_engine, [sub_a, sub_b]))
    pg.set_input_files("#anggaran-berkas input[type=file]", str(bersih))
    pg.wait_for_selector("text=2 sub kegiatan siap disimpan.", timeout=20000)
    with session_scope(e2e_engine) as s:
        assert s.exec(select(Anggaran).where(Anggaran.tahun == TAHUN)).first() is None
    pg.click("#anggaran-impor")
    pg.wait_for_selector("#anggaran-impor-berhasil", timeout=20000)
    assert "2 sub kegiatan baru" in pg.inner_text("#anggaran-impor-berhasil")
    tabel = pg.inner_text("#tabel-dpa")
    # 50 + 40 + 10 million of 300 million: 33,33 %; the program's row sums its sub kegiatan.
    assert "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik" in tabel and S_ADMINDUK in tabel
    assert "Belum dikaitkan dengan sasaran" in tabel
    program = pg.locator("#tabel-dpa tr[data-jenis=program]").inner_text()
    assert "300.000.000" in program and "100.000.000" in program and "33,33%" in program
    assert pg.inner_text("#dpa-penyerapan") == "33,33%"
    assert pg.inner_text("#dpa-pagu") == "Rp 300.000.000"

    # The form: the second sub kegiatan's quarter II entered; a pagu of "abc" refused with its message.
    pg.locator("#anggaran-pilih").click()
    pg.locator("[role=listbox] [role=option]", has_text="7.01.02.2.01.0004").click()
    tunggu_js(pg, "document.querySelector('#anggaran-kolom-pagu').value === '100000000'", batas=20)
    pg.fill("#anggaran-kolom-pagu", "abc")
    pg.click("#anggaran-simpan")
    pg.wait_for_selector("#anggaran-pesan .pesan-tolak", timeout=20000)
    assert pg.inner_text("#anggaran-pesan") == 'Pagu "abc" bukan angka; tulis rupiah utuh, mis. 150.000.000.'
    pg.fill("#anggaran-kolom-pagu", "100.000.000")
    pg.fill("#anggaran-kolom-realisasi_2", "5.000.000")
    pg.click("#anggaran-simpan")
    pg.wait_for_selector("text=Sub kegiatan 7.01.02.2.01.0004 disimpan.", timeout=20000)
    tunggu_js(pg, "document.querySelector('#dpa-penyerapan').innerText !== '33,33%'", batas=20)
    assert pg.inner_text("#dpa-penyerapan") == "35,00%"  # 105 million of 300 million
    pg.fill("#anggaran-kolom-realisasi_3", "15.000.000")  # a second save from the same form
    pg.click("#anggaran-simpan")
    tunggu_js(pg, "document.querySelector('#dpa-penyerapan').innerText === '40,00%'", batas=20)
    with session_scope(e2e_engine) as s:
        row = s.exec(select(Anggaran).where(Anggaran.kode_sub_kegiatan == "7.01.02.2.01.0004")
                     .where(Anggaran.tahun == TAHUN)).one()
        assert (row.pagu, row.realisasi_1, row.realisasi_2, row.realisasi_3) == (100_000_000, 10_000_000, 5_000_000,
                                                                                 15_000_000)

    keluar(pg, server_url)
    masuk_sebagai(pg, server_url, "kasipem.poncokusumo")
    pg.goto(f"{server_url}/anggaran?tahun={TAHUN}")
    pg.wait_for_selector("#tabel-dpa", timeout=20000)
    assert pg.inner_text("#dpa-penyerapan") == "40,00%"
    expect(pg.locator("#anggaran-baca-saja")).to_be_visible()
    expect(pg.locator("#anggaran-kelola")).to_be_hidden()
