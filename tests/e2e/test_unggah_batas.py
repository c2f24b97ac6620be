"""In Chromium: a file an upload field does not take is refused in the browser, before anything is sent, with the
server's words ("Berkas laporan.pdf 20 MB; paling besar 5 MB."), replacing the message an earlier file left, on
Persetujuan, Isi Realisasi (evidence and Isi lewat Excel) and Unggah SOP; Unggah SOP's preview warns of a printed
total as the SOP page does, and an identical document leaves Simpan disabled."""
from __future__ import annotations

import copy

import pytest
from playwright.sync_api import expect

from models import jenis_kerja
from models.db import session_scope
from models.sop.berkas import baca_dokumen_banyak
from models.sop.dokumen import kunci_nama
from models.umum import periode
from seed import dokumen_seed, kurasi_pelaksana
from tests.docx_contoh import Tanda, tulis_docx
from tests.e2e.conftest import masuk_sebagai
from tests.fabrik import pekerjaan

MB = 1024 * 1024
PDF_20 = {"name": "laporan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF" + b"0" * (20 * MB - 4)}


def _kiriman(pg) -> list[int]:
    """The sizes of the callback requests the page sends from now on."""
    ukuran: list[int] = []
    pg.on("request", lambda r: ukuran.append(len(r.post_data_buffer or b""))
          if "_dash-update-component" in r.url else None)
    return ukuran


def _pilih(pg, upload: str, berkas) -> None:
    pg.set_input_files(f"#{upload} input[type=file]", files=[berkas])


def test_persetujuan_says_a_step_output_is_over_5_mb_before_sending_it(page, server_url, e2e_engine):
    jenis_kerja.muat()
    with session_scope(e2e_engine) as s:
        pekerjaan(s, sop="Penyusunan Mekanisme Pengumpulan Data Kinerja", kecamatan="Muara Papalik", tahun=2028,
                  judul="Mekanisme 2028 (lampiran)")
    pg = page
    masuk_sebagai(pg, server_url, "camat.muarapapalik")
    pg.goto(server_url + "/persetujuan")
    pg.locator(".daftar-tugas label", has_text="Mekanisme 2028 (lampiran)").first.click()
    pg.wait_for_selector("#tugas-rinci >> text=Mekanisme 2028 (lampiran)")
    # A file the server refuses leaves its message …
    _pilih(pg, "tugas-unggah", {"name": "palsu.pdf", "mimeType": "application/pdf", "buffer": b"GIF89a"})
    pg.wait_for_selector("#tugas-pesan .alert-danger")
    expect(pg.locator("#tugas-pesan")).to_have_text("palsu.pdf: isi berkas tidak sesuai dengan jenisnya (.pdf).")
    # … which the next file's refusal replaces, said before anything is sent.
    dikirim = _kiriman(pg)
    _pilih(pg, "tugas-unggah", PDF_20)
    pg.wait_for_selector("#tugas-pesan .pesan-unggah")
    expect(pg.locator("#tugas-pesan")).to_have_text("Berkas laporan.pdf 20 MB; paling besar 5 MB.")
    pg.wait_for_timeout(500)
    assert all(n < MB for n in dikirim)
    _pilih(pg, "tugas-unggah", {"name": "catatan.odt", "mimeType": "application/octet-stream", "buffer": b"PK"})
    pg.wait_for_selector("#tugas-pesan >> text=Berkas catatan.odt tidak diterima")
    expect(pg.locator("#tugas-pesan")).to_have_text("Berkas catatan.odt tidak diterima; hanya berkas PDF, JPG, "
                                                    "JPEG, PNG, XLSX atau DOCX.")
    assert pg.locator("#tugas-unggah input[type=file]").get_attribute("accept") == ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"


def test_isi_realisasi_says_evidence_over_5_mb_and_a_workbook_over_2_mb(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "evapor.kalipare")
    tahun = periode.periode_baku()[0]
    pg.goto(f"{server_url}/realisasi?tahun={tahun}&triwulan=2")
    pg.wait_for_selector(".tabel-realisasi")
    pg.locator("tr[data-kode='IKU-1'] a").click()
    pg.locator("#form-realisasi h5", has_text="IKU-1").wait_for()
    if pg.locator("#real-lampiran input[type=file]").is_disabled():
        pytest.skip("IKU-1 triwulan II sudah terkunci oleh uji lain")
    _pilih(pg, "real-lampiran", {"name": "palsu.pdf", "mimeType": "application/pdf", "buffer": b"GIF89a"})
    pg.wait_for_selector("#real-pesan .alert-danger")
    sebelumnya = pg.inner_text("#real-pesan")
    dikirim = _kiriman(pg)
    _pilih(pg, "real-lampiran", PDF_20)
    pg.wait_for_selector("#real-pesan .pesan-unggah")
    expect(pg.locator("#real-pesan")).to_have_text("Berkas laporan.pdf 20 MB; paling besar 5 MB.")
    assert sebelumnya == "Simpan draf realisasi dahulu, lalu lampirkan berkas." or sebelumnya.startswith("palsu.pdf")

    xlsx = {"name": "isian.xlsx", "buffer": b"PK\x03\x04" + b"0" * (3 * MB - 4),
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    _pilih(pg, "excel-unggah", {**xlsx, "name": "rusak.xlsx", "buffer": b"bukan excel"})
    pg.wait_for_selector("#excel-pratinjau .alert-danger")
    assert "rusak.xlsx" in pg.inner_text("#excel-pratinjau")
    _pilih(pg, "excel-unggah", xlsx)
    pg.wait_for_selector("#excel-pratinjau .pesan-unggah")
    expect(pg.locator("#excel-pratinjau")).to_have_text("Berkas isian.xlsx 3 MB; paling besar 2 MB.")
    pg.wait_for_timeout(500)
    assert all(n < MB for n in dikirim)


def _karangploso(ubah=None) -> bytes:
    """Karangploso's SOP as Word with the curated marks: as in force, or changed by `ubah`."""
    teks = dokumen_seed()[2]
    (p,) = baca_dokumen_banyak([(teks.name, teks.read_text(encoding="utf-8"))])
    tanda = [Tanda(x.pelaksana, bool(x.keputusan), x.kembali_ke)
             for x in kurasi_pelaksana()[("karangploso", kunci_nama(p.nama))]]
    return tulis_docx([(ubah(copy.deepcopy(p)) if ubah else p, tanda)])


def _dicetak(p):
    p.langkah[0].waktu, p.langkah[0].waktu_menit = "30 Menit", 30
    p.total_menit = sum(lk.waktu_menit for lk in p.langkah)
    p.total_tercetak = "2 jam 10 menit"
    return p


def test_unggah_sop_says_why_a_file_is_refused_and_forgets_the_previous_one(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "admin")
    pg.goto(server_url + "/unggah-sop")
    _pilih(pg, "unggah-sop-berkas", {"name": "rusak.docx", "mimeType": "application/octet-stream",
                                     "buffer": b"PK\x03\x04 bukan zip"})
    pg.wait_for_selector("#unggah-sop-pratinjau >> text=rusak.docx: berkas bukan dokumen Word")
    dikirim = _kiriman(pg)
    _pilih(pg, "unggah-sop-berkas", {"name": "sop.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"})
    pg.wait_for_selector("#unggah-sop-pratinjau .pesan-unggah")
    expect(pg.locator("#unggah-sop-pratinjau")).to_have_text("Berkas sop.pdf tidak diterima; hanya berkas DOCX atau "
                                                             "TXT.")
    expect(pg.locator("#unggah-sop-pesan")).to_have_text("")
    assert "rusak.docx" not in pg.inner_text("body")
    _pilih(pg, "unggah-sop-berkas", {"name": "besar.docx", "mimeType": "application/octet-stream",
                                     "buffer": b"PK\x03\x04" + b"0" * (20 * MB - 4)})
    pg.wait_for_selector("#unggah-sop-pratinjau >> text=Berkas besar.docx 20 MB; paling besar 8 MB.")
    expect(pg.locator("#unggah-sop-simpan")).to_be_disabled()
    pg.wait_for_timeout(500)
    assert all(n < MB for n in dikirim)


def test_unggah_sop_warns_of_a_printed_total_and_keeps_simpan_disabled_for_an_identical_document(page, server_url):
    pg = page
    masuk_sebagai(pg, server_url, "admin")
    pg.goto(server_url + "/unggah-sop")
    # A changed document whose printed total disagrees with its steps: warned as the SOP page will; it may be saved.
    _pilih(pg, "unggah-sop-berkas", {"name": "karangploso-2.docx", "mimeType": "application/octet-stream",
                                     "buffer": _karangploso(_dicetak)})
    pg.wait_for_selector(".peringatan-unggah", timeout=20000)
    expect(pg.locator(".peringatan-unggah")).to_have_text(
        'Dokumen mencetak jumlah waktu "2 jam 10 menit", berbeda dengan jumlah waktu langkah-langkahnya '
        "(2 hari 2 jam 45 menit).")
    expect(pg.locator("#unggah-sop-simpan")).to_be_enabled()

    # The document as in force: said so, and Simpan is disabled.
    _pilih(pg, "unggah-sop-berkas", {"name": "karangploso.docx", "mimeType": "application/octet-stream",
                                     "buffer": _karangploso()})
    pg.wait_for_selector("#unggah-sop-tanpa-ubah", timeout=20000)
    expect(pg.locator("#unggah-sop-pratinjau")).to_contain_text(
        "Sama dengan revisi ke-1 yang berlaku; tidak akan disimpan lagi.")
    expect(pg.locator("#unggah-sop-simpan")).to_be_disabled()
