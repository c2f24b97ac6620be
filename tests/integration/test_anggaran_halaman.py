"""Anggaran through the page's callbacks, as a browser calls them: the keepers of the office write, every other role
and office is refused on the server with nothing written; a bad pagu and a broken sheet show their message and
write nothing; Perbandingan shows penyerapan per office, "Belum ada DPA" where there is none."""
from __future__ import annotations

import base64
import csv
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.akun.akses import PESAN_KANTOR, PESAN_PERAN
from models.db import session_scope
from models.perencanaan.anggaran import IsianAnggaran, simpan_anggaran
from models.perencanaan.anggaran_excel import LEMBAR, templat
from models.tables import Anggaran, AuditLog
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data
from tests.fabrik import kantor, pengguna

S_ADMINDUK = "Meningkatnya kualitas pelayanan administrasi kependudukan"
ISIAN = {"kode_program": "7.01.02", "program": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
         "kode_kegiatan": "7.01.02.2.01", "kegiatan": "Koordinasi Penyelenggaraan Kegiatan Pemerintahan",
         "kode_sub_kegiatan": "7.01.02.2.01.0002", "sub_kegiatan": "Fasilitasi Pelayanan Administrasi Terpadu",
         "sasaran": S_ADMINDUK, "pagu": "200.000.000", "realisasi_1": "50.000.000", "realisasi_2": None,
         "realisasi_3": None, "realisasi_4": None}


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if cb["callback"].__module__ == "callbacks.anggaran" and cb["callback"].__name__ == nama)


def _siap(client, app):
    client.get("/login")  # one request: the pages router is registered


def _jumlah_ditolak(engine) -> int:
    with session_scope(engine) as s:
        return len(s.exec(select(AuditLog).where(AuditLog.aksi.in_(["aksi.ditolak", "akses.ditolak"]))).all())


def _baris(engine) -> list[tuple]:
    with session_scope(engine) as s:
        return [(r.kecamatan_id, r.kode_sub_kegiatan, r.pagu, r.realisasi_1, r.sasaran)
                for r in s.exec(select(Anggaran).order_by(Anggaran.id))]


def test_the_camat_saves_a_row_and_a_pagu_of_abc_is_refused_with_its_message(client, app, demo):
    _siap(client, app)
    masuk(client, "camat.poncokusumo")
    kunci = _kunci(app, "simpan")
    sebelum, ditolak = sidik_basis_data(demo), _jumlah_ditolak(demo)
    r = panggil(client, app, kunci, tahun=2025, anggaran_id="", terlihat=None, **{**ISIAN, "pagu": "abc"})
    assert r.status_code == 200
    assert 'Pagu \\"abc\\" bukan angka; tulis rupiah utuh, mis. 150.000.000.' in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum and _jumlah_ditolak(demo) == ditolak + 1
    r = panggil(client, app, kunci, tahun=2025, anggaran_id="", terlihat=None,
                **{**ISIAN, "realisasi_2": "160.000.000"})
    assert ("Realisasi Rp 210.000.000 melebihi pagu Rp 200.000.000 pada sub kegiatan 7.01.02.2.01.0002 Fasilitasi "
            "Pelayanan Administrasi Terpadu.") in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum
    r = panggil(client, app, kunci, tahun=2025, anggaran_id="", terlihat=None, **ISIAN)
    teks = r.get_data(as_text=True)
    assert "Sub kegiatan 7.01.02.2.01.0002 disimpan." in teks and "Rp 200.000.000" in teks and "25,00%" in teks
    with session_scope(demo) as s:
        pk = kantor(s).id
    assert _baris(demo) == [(pk, "7.01.02.2.01.0002", 200_000_000, 50_000_000, S_ADMINDUK)]


@pytest.mark.parametrize("username", ["staf.poncokusumo", "kasipem.poncokusumo", "tim.poncokusumo",
                                      "kabupaten.malang", "admin"])
def test_roles_that_only_read_are_refused_on_the_server_and_nothing_is_written(client, app, demo, username):
    _siap(client, app)
    masuk(client, username)
    sebelum = sidik_basis_data(demo)
    for nama in ("simpan", "hapus", "impor", "isi_form", "templat", "pratinjau"):
        r = panggil(client, app, _kunci(app, nama), tahun=2025, anggaran_id="", terlihat=None, isi="data:x;base64,",
                    **ISIAN)
        assert r.status_code == 403 and r.get_json() == {"galat": PESAN_PERAN}, nama
    assert sidik_basis_data(demo) == sebelum


def test_another_offices_row_is_neither_shown_in_the_form_nor_changed(client, app, demo):
    with session_scope(demo) as s:
        kal = kantor(s, nama="Kalipare")
        row = simpan_anggaran(s, kecamatan_id=kal.id, tahun=2025, oleh=pengguna(s, peran="camat", kecamatan="Kalipare"),
                              isian=IsianAnggaran(**{k: v for k, v in ISIAN.items() if not k.startswith("realisasi")},
                                                  realisasi=("50.000.000", None, None, None)))
        asing = row.id
    _siap(client, app)
    masuk(client, "camat.poncokusumo")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, _kunci(app, "isi_form"), anggaran_id=asing)
    assert "Sub kegiatan tidak ditemukan pada DPA kantor ini; muat ulang halaman." in r.get_data(as_text=True)
    assert "Fasilitasi Pelayanan" not in r.get_data(as_text=True)
    r = panggil(client, app, _kunci(app, "hapus"), tahun=2025, anggaran_id=asing,
                terlihat={"id": asing, "versi": "x"})
    assert "Sub kegiatan tidak ditemukan pada DPA kantor ini" in r.get_data(as_text=True)
    r = panggil(client, app, _kunci(app, "simpan"), tahun=2025, anggaran_id=asing,
                terlihat={"id": asing, "versi": "x"}, **{**ISIAN, "pagu": "1.000.000.000"})
    assert r.status_code == 200 and "disimpan" not in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum
    # Reading: a kabupaten user opens Kalipare's DPA; another kabupaten is refused.
    masuk(client, "kabupaten.malang")
    teks = panggil(client, app, _kunci(app, "tampil"), kecamatan="Kalipare", tahun=2025).get_data(as_text=True)
    assert "DPA Kecamatan Kalipare 2025" in teks and "200.000.000" in teks
    masuk(client, "kabupaten.tanjungjabungbarat")
    r = panggil(client, app, _kunci(app, "tampil"), kecamatan="Kalipare", tahun=2025)
    assert r.status_code == 403 and r.get_json() == {"galat": PESAN_KANTOR}


def _unggahan(data: bytes) -> str:
    return "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + \
        base64.b64encode(data).decode()


def test_a_sheet_with_broken_rows_shows_each_row_and_writes_nothing(client, app, demo):
    with session_scope(demo) as s:
        data = templat(s, kecamatan_id=kantor(s).id, tahun=2025)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[LEMBAR]
    baris = [ISIAN[k] for k in ("kode_program", "program", "kode_kegiatan", "kegiatan", "kode_sub_kegiatan",
                                "sub_kegiatan", "sasaran", "pagu")]
    ws.append([*baris, 50_000_000, None, None, None])
    ws.append([*baris[:4], "7.01.02.2.01.0003", "Rapat koordinasi", None, "abc", None, None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    _siap(client, app)
    masuk(client, "sekcam.poncokusumo")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, _kunci(app, "pratinjau"), isi=_unggahan(buf.getvalue()), ganti=False, nama="dpa.xlsx",
                tahun=2025)
    teks = r.get_data(as_text=True)
    assert "Baris 7: Pagu \\\"abc\\\" bukan angka" in teks and "Belum dapat disimpan" in teks
    r = panggil(client, app, _kunci(app, "impor"), isi=_unggahan(buf.getvalue()), ganti=False, tahun=2025)
    assert ('1 masalah pada lembar; tidak ada yang disimpan. Baris 7: Pagu \\"abc\\" bukan angka; tulis rupiah '
            "utuh, mis. 150.000.000.") in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum
    ws.delete_rows(7)
    buf = io.BytesIO()
    wb.save(buf)
    r = panggil(client, app, _kunci(app, "impor"), isi=_unggahan(buf.getvalue()), ganti=False, tahun=2025)
    assert "DPA 2025 disimpan: 1 sub kegiatan baru, 0 diubah, 0 tidak berubah." in r.get_data(as_text=True)
    assert [b[1:] for b in _baris(demo)] == [("7.01.02.2.01.0002", 200_000_000, 50_000_000, S_ADMINDUK)]


def test_perbandingan_shows_penyerapan_per_office_and_belum_ada_dpa(client, app, demo):
    with session_scope(demo) as s:
        simpan_anggaran(s, kecamatan_id=kantor(s).id, tahun=2025, oleh=pengguna(s, peran="camat"),
                        isian=IsianAnggaran(**{k: v for k, v in ISIAN.items() if not k.startswith("realisasi")},
                                            realisasi=("50.000.000", "30.000.000", "40.000.000", None)))
    masuk(client, "kabupaten.malang")
    r = client.get("/unduh/pk-anggaran.csv?tahun=2025&triwulan=2")
    assert r.status_code == 200
    baris = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";"))
    assert baris[0] == ["Kecamatan", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)", "Keterangan"]
    per_kantor = {b[0]: b[1:] for b in baris[1:]}
    # Up to TW II: 50.000.000 + 30.000.000 of 200.000.000 = 40 %.
    assert per_kantor["Poncokusumo"] == ["200000000", "80000000", "40,00", ""]
    assert per_kantor["Kalipare"] == ["", "", "", "Belum ada DPA"]
    assert baris[1][0] == "Poncokusumo"  # highest penyerapan first, offices without a DPA last
