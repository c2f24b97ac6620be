"""Every upload field's limits are checked by the server too, whatever the browser did, and the refusal names the
file, its size and the limit (or the kinds taken), in the words the browser uses (models.umum.batas_unggah):
Persetujuan's step output, Isi Realisasi's evidence and its Excel import, Unggah SOP. Nothing is written."""
from __future__ import annotations

import base64

from models.db import session_scope
from models.sop.alur import catatan_terbuka
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import indikator, nama_pengguna, pekerjaan
from tests.integration.test_excel_lampiran import TAHUN, _kunci

MB = 1024 * 1024
RENJA = "Penyusunan Rencana Kerja (Renja)"
LAMPIRAN = "PDF, JPG, JPEG, PNG, XLSX atau DOCX"


def _pesan(r) -> str:
    """The refusal's sentence (the first text of the answer's alert)."""
    return teks_jawaban(r).split(" | ")[0]


def _unggah(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def test_persetujuan_refuses_a_step_output_over_5_mb_or_of_another_kind(client, app, demo):
    with session_scope(demo) as s:
        rec_id = catatan_terbuka(s, pekerjaan(s, sop=RENJA, judul="Renja 2027", tahun=2027).id).id
    masuk(client, nama_pengguna("camat"))
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.persetujuan.unggah")
    sebelum = sidik_basis_data(demo)
    for nama, data, pesan in (
            ("laporan.pdf", b"%PDF" + b"0" * (5 * MB + MB // 2), "Berkas laporan.pdf 5,6 MB; paling besar 5 MB."),
            ("laporan.odt", b"PK\x03\x04", f"Berkas laporan.odt tidak diterima; hanya berkas {LAMPIRAN}.")):
        teks = _pesan(panggil(client, app, kunci, isi=_unggah(data), nama=nama, catatan_id=rec_id))
        assert teks == pesan
    assert sidik_basis_data(demo) == sebelum


def test_isi_realisasi_refuses_evidence_over_5_mb(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    with session_scope(demo) as s:
        ind = indikator(s, kode="IKU-1")
    r = panggil(client, app, _kunci(app, "..real-pesan.children...real-versi.data"), indikator_id=ind.id,
                periode={"tahun": TAHUN, "triwulan": 1}, pembilang="45", penyebut="50", catatan=None, bukti=[],
                versi=None)
    r_id = r.get_json()["response"]["real-id"]["data"]
    sebelum = sidik_basis_data(demo)
    teks = _pesan(panggil(client, app, _kunci(app, "..real-lampiran-daftar.children"),
                                isi=_unggah(b"%PDF" + b"0" * (7 * MB - 4)), nama="laporan.pdf", realisasi_id=r_id))
    assert teks == "Berkas laporan.pdf 7 MB; paling besar 5 MB."
    assert sidik_basis_data(demo) == sebelum


def test_isi_lewat_excel_refuses_a_workbook_over_2_mb_or_not_xlsx(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    for nama, data, pesan in (("isian.xlsx", b"PK\x03\x04" + b"0" * (3 * MB), "Berkas isian.xlsx 3,1 MB; paling besar 2 MB."),
                              ("isian.csv", b"IKU-1;45;50", "Berkas isian.csv tidak diterima; hanya berkas XLSX.")):
        teks = _pesan(panggil(client, app, "excel-pratinjau.children", isi=_unggah(data), nama=nama,
                                    periode={"tahun": TAHUN, "triwulan": 1}))
        assert teks == pesan


def test_unggah_sop_refuses_a_document_over_8_mb_or_of_another_kind_and_keeps_simpan_disabled(client, app, demo):
    masuk(client, "admin")
    kunci = _kunci(app, "..unggah-sop-pratinjau.children...unggah-sop-simpan.disabled")
    sebelum = sidik_basis_data(demo)
    for nama, data, pesan in (
            ("sop.docx", b"PK\x03\x04" + b"0" * (8 * MB + MB // 4), "Berkas sop.docx 8,3 MB; paling besar 8 MB."),
            ("sop.pdf", b"%PDF-1.4", "Berkas sop.pdf tidak diterima; hanya berkas DOCX atau TXT.")):
        r = panggil(client, app, kunci, isi=_unggah(data), nama=nama, kantor=None)
        assert _pesan(r) == pesan
        assert r.get_json()["response"]["unggah-sop-simpan"]["disabled"] is True
    assert sidik_basis_data(demo) == sebelum
