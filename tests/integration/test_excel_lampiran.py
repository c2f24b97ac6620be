"""The Excel round trip on a workbook written by openpyxl, evidence files, and the file routes' checks."""
from __future__ import annotations

import base64
import io
from datetime import date

from openpyxl import load_workbook
from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, Lampiran, Realisasi
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data
from tests.fabrik import indikator, nama_pengguna, realisasi

TAHUN = date.today().year


def _kunci(app, awal: str) -> str:
    return next(k for k in daftar_callback(app) if k.startswith(awal))


def _unggah(data: bytes, jenis: str = "application/octet-stream") -> str:
    return f"data:{jenis};base64," + base64.b64encode(data).decode()


def _pesan(r) -> str:
    """The text of the Excel card's message in an answer of "Terapkan"."""
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()["response"]["excel-pesan"]["children"]["props"]["children"]


def _templat(client, triwulan=1) -> bytes:
    r = client.get(f"/realisasi/templat.xlsx?tahun={TAHUN}&triwulan={triwulan}")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    return r.data


def _isi_templat(data: bytes, isian: dict[str, tuple]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Realisasi"]
    for row in ws.iter_rows(min_row=6):
        if row[0].value in isian:
            row[5].value, row[7].value, row[8].value = isian[row[0].value]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_template_is_prefilled_and_a_filled_copy_applies_all_rows(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    data = _templat(client)
    ws = load_workbook(io.BytesIO(data))["Realisasi"]
    assert ws["A1"].value == "Realisasi IKU Kecamatan Poncokusumo" and (ws["B2"].value, ws["B3"].value) == (TAHUN, 1)
    assert ws.column_dimensions["J"].hidden
    baris = [[c.value for c in r] for r in ws.iter_rows(min_row=6, max_col=9)]
    assert [(b[0], b[3], b[4], b[6]) for b in baris] == [
        ("IKU-1", 90, "Delegasi yang hadir", "Delegasi yang diundang"),
        ("IKU-2", 95, "Pengantar yang diselesaikan", "Permohonan pengantar yang masuk"),
        ("IKU-3", 75, "Poskamling aktif", "Poskamling terdaftar"),
        ("IKU-7", 60, "Desa yang menyampaikan laporan tepat waktu", "-")]  # the office's own count: no penyebut
    isi = _isi_templat(data, {"IKU-1": (45, 50, "Musrenbangcam 12 Februari"), "IKU-2": ("1.140", "1.200", None)})
    pratinjau = panggil(client, app, "excel-pratinjau.children", isi=_unggah(isi), nama="isi.xlsx",
                        periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert "Sah (isian baru)." in pratinjau and "Kosong: dilewati." in pratinjau
    r = panggil(client, app, _kunci(app, "..excel-pesan.children"), isi=_unggah(isi),
                periode={"tahun": TAHUN, "triwulan": 1})
    assert _pesan(r) == "2 realisasi disimpan sebagai draf. Periksa, lalu ajukan tiap indikator."
    with session_scope(demo) as s:
        rows = {x.pembilang: x for x in s.exec(select(Realisasi))}
        assert set(rows) == {45, 1140}
        assert rows[45].catatan == "Musrenbangcam 12 Februari" and rows[45].nilai == 90.0
        assert rows[1140].penyebut == 1200 and rows[1140].status == "draf"
    # A fresh template updates the drafts instead of entering twice; the first, now stale, file is refused.
    basi = panggil(client, app, "excel-pratinjau.children", isi=_unggah(isi), nama="isi.xlsx",
                   periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert "Baris 6: angka IKU-1 telah diubah sejak templat ini diunduh" in basi
    isi2 = _isi_templat(_templat(client), {"IKU-1": (46, 50, None)})
    r = panggil(client, app, _kunci(app, "..excel-pesan.children"), isi=_unggah(isi2),
                periode={"tahun": TAHUN, "triwulan": 1})
    assert "2 realisasi disimpan sebagai draf." in r.get_data(as_text=True)
    with session_scope(demo) as s:
        assert sorted(x.pembilang for x in s.exec(select(Realisasi))) == [46, 1140]


def test_an_office_whose_figures_go_together_is_told_to_submit_them_together(client, app, demo):
    """Muara Papalik's Mekanisme Pengumpulan Data Kinerja carries all five IKU of a quarter in one submission (the
    office's choice on IKU & Target): after an import its people read that, not "ajukan tiap indikator"."""
    masuk(client, nama_pengguna("kasubag_renkeu", "Muara Papalik"))
    isi = _isi_templat(_templat(client), {"IKU-1": (9, 12, None), "IKU-2": (180, 200, None)})
    r = panggil(client, app, _kunci(app, "..excel-pesan.children"), isi=_unggah(isi),
                periode={"tahun": TAHUN, "triwulan": 1})
    assert _pesan(r) == (
        "2 realisasi disimpan sebagai draf. Periksa, lalu SOP MEKANISME PENGUMPULAN DATA KINERJA mengajukan IKU-1, "
        "IKU-2, IKU-3, IKU-4, IKU-5 bersama dalam satu pengajuan (Ajukan ke SOP pada salah satunya; semuanya harus "
        "sudah terisi).")
    assert "tiap indikator" not in r.get_data(as_text=True)


def test_one_bad_row_applies_nothing_and_says_where(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    isi = _isi_templat(_templat(client), {"IKU-1": (45, 50, None), "IKU-3": (30, 24, None)})
    pratinjau = panggil(client, app, "excel-pratinjau.children", isi=_unggah(isi), nama="isi.xlsx",
                        periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert ("Baris 8: IKU-3 Persentase poskamling aktif, triwulan I " + str(TAHUN)
            + ": poskamling aktif (30) lebih besar dari poskamling terdaftar (24).") in pratinjau
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, _kunci(app, "..excel-pesan.children"), isi=_unggah(isi),
                periode={"tahun": TAHUN, "triwulan": 1})
    assert "1 baris bermasalah; tidak ada yang disimpan." in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum


def test_a_file_for_another_quarter_or_not_excel_is_refused(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    isi = _isi_templat(_templat(client, triwulan=2), {"IKU-1": (45, 50, None)})
    teks = panggil(client, app, "excel-pratinjau.children", isi=_unggah(isi), nama="tw2.xlsx",
                   periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert f"tw2.xlsx: Berkas ini untuk triwulan II {TAHUN}, bukan triwulan I {TAHUN}." in teks
    teks = panggil(client, app, "excel-pratinjau.children", isi=_unggah(b"bukan excel"), nama="x.xlsx",
                   periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert "x.xlsx: Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca." in teks


def test_template_route_is_for_office_users_only(client, demo):
    assert client.get(f"/realisasi/templat.xlsx?tahun={TAHUN}&triwulan=1").status_code == 302
    masuk(client, "kabupaten.malang")
    r = client.get(f"/realisasi/templat.xlsx?tahun={TAHUN}&triwulan=1")
    assert r.status_code == 403 and "Peran Anda tidak berwenang" in r.get_data(as_text=True)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_files_are_checked_stored_and_served_only_to_the_office(client, app, demo, tmp_path):
    masuk(client, nama_pengguna("kasubag_evapor"))
    simpan = _kunci(app, "..real-pesan.children...real-versi.data")
    with session_scope(demo) as s:
        ind = indikator(s, kode="IKU-1")
    r = panggil(client, app, simpan, indikator_id=ind.id, periode={"tahun": TAHUN, "triwulan": 1},
                pembilang="45", penyebut="50", catatan=None, bukti=["Foto"], versi=None)
    r_id = r.get_json()["response"]["real-id"]["data"]
    unggah = _kunci(app, "..real-lampiran-daftar.children")
    tolak = {
        ("skrip.exe", b"MZ"): "Berkas skrip.exe tidak diterima; hanya berkas PDF, JPG, JPEG, PNG, XLSX atau DOCX.",
        ("palsu.pdf", b"GIF89a"): "palsu.pdf: isi berkas tidak sesuai dengan jenisnya (.pdf).",
        ("besar.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024)): "Berkas besar.pdf 5,1 MB; paling besar 5 MB.",
    }
    for (nama, data), pesan in tolak.items():
        teks = panggil(client, app, unggah, isi=_unggah(data), nama=nama, realisasi_id=r_id).get_data(as_text=True)
        assert pesan in teks
    teks = panggil(client, app, unggah, isi=_unggah(PDF), nama="../Berita Acara.pdf",
                   realisasi_id=r_id).get_data(as_text=True)
    assert "Lampiran Berita_Acara.pdf disimpan." in teks
    with session_scope(demo) as s:
        (x,) = s.exec(select(Lampiran)).all()
        assert (x.nama_berkas, x.ukuran, x.jenis, x.pemilik_id) == ("Berita_Acara.pdf", len(PDF), "application/pdf",
                                                                     r_id)
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "lampiran.tambah")).one().objek_id == x.id
    unduh = client.get(f"/lampiran/{x.id}")
    assert unduh.status_code == 200 and unduh.data == PDF
    lain = app.server.test_client()
    masuk(lain, "camat.kalipare")
    r = lain.get(f"/lampiran/{x.id}")
    assert r.status_code == 403 and PDF not in r.data


def test_a_spreadsheet_row_for_an_official_figure_says_it_is_official_and_locked(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    data = _templat(client)
    with session_scope(demo) as s:
        realisasi(s, indikator="IKU-1", tahun=TAHUN, triwulan=1, pembilang="45", penyebut="50", status="resmi")
    isi = _isi_templat(data, {"IKU-1": (46, 50, None)})
    pratinjau = panggil(client, app, "excel-pratinjau.children", isi=_unggah(isi), nama="isi.xlsx",
                        periode={"tahun": TAHUN, "triwulan": 1}).get_data(as_text=True)
    assert ("Baris 6: IKU-1 triwulan ini sudah resmi dan terkunci; hanya Camat yang dapat membukanya kembali untuk "
            "diperbaiki.") in pratinjau
    assert "telah diubah sejak templat ini diunduh" not in pratinjau
