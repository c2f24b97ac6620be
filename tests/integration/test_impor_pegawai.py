"""An office's people from a spreadsheet: every problem named by its row and nothing written until the sheet is
clean; then one account per row with its role, NIP and jabatan, and a first-login password that must be replaced
before anything else opens; the signature blocks print the Camat's NIP."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from sqlmodel import select

from models.akun.impor_pegawai import (
    PESAN_LINGKUP,
    PESAN_PERAN,
    baca_pegawai,
    simpan_pegawai,
    templat_xlsx,
)
from models.db import session_scope
from models.tables import AuditLog, User
from models.umum.penolakan import Ditolak
from tests import fabrik
from tests.conftest import masuk
from tests.dash_util import sidik_basis_data
from tests.fabrik import KANTOR, kantor, pengguna

BERSIH = [("Drs. Budi Santoso, M.Si", "19700512 199503 1 002", "Camat", "budi.dau"),
          ("Sri Wahyuni, S.Sos", "198103152006042011", "Sekretaris Camat", "sri.dau"),
          ("Agus Salim", "", "Staf", "agus.dau"),
          ("Rina Marlina, SE", "19850607 201001 2 015", "Kasubag Evaluasi dan Pelaporan", "rina.dau")]


def _lembar(baris) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(("Nama", "NIP", "Jabatan", "Username"))
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def karangploso(demo) -> int:
    with session_scope(demo) as s:
        return kantor(s, nama="Karangploso").id


def test_a_sheet_with_problems_names_each_by_its_row_and_writes_nothing(demo, karangploso):
    kotor = _lembar([BERSIH[0],
                     ("Joko Widodo", "19650101 199003 1 00", "Kasi Pemerintahan", "joko.dau"),  # 17 digits
                     ("Ani Lestari", "", "Juru Masak", "ani.dau"),  # no such jabatan
                     ("Budi Lain", "", "Staf", "Budi.Dau"),  # the same username as row 2
                     ("Citra", "", "Staf", "camat.kalipare")])  # an account that exists
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        pr = baca_pegawai(s, kotor, kecamatan_id=karangploso, oleh=admin)
        assert pr.semua_masalah == [
            "Baris 2: Kecamatan Karangploso sudah punya Camat aktif (camat.karangploso); penggantiannya di halaman "
            "Pengguna.",
            'Baris 3: NIP "19650101 199003 1 00" harus 18 angka.',
            'Baris 4: jabatan "Juru Masak" belum dikenal; gunakan jabatan seperti pada kolom pelaksana SOP (mis. '
            "Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan, Staf).",
            'Baris 5: nama pengguna "budi.dau" sama dengan baris 2.',
            'Baris 6: nama pengguna "camat.kalipare" tidak dapat dipakai; pilih nama lain.',
        ]
        assert [b.role_kode for b in pr.baris] == ["camat", "kasi_pem", None, "staf", "staf"] and not pr.bersih
        with pytest.raises(Ditolak) as e:
            simpan_pegawai(s, kotor, kecamatan_id=karangploso, oleh=admin)
        assert str(e.value).startswith("Belum ada akun yang dibuat: Baris 2: Kecamatan Karangploso sudah punya Camat")
        assert str(e.value).endswith("Perbaiki lembarnya lalu unggah lagi.")
        pr = baca_pegawai(s, b"bukan excel", kecamatan_id=karangploso, oleh=admin)
        assert pr.masalah == ["Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca."]
        wb = Workbook()
        wb.active.append(("Nama", "Jabatan"))
        buf = io.BytesIO()
        wb.save(buf)
        pr = baca_pegawai(s, buf.getvalue(), kecamatan_id=karangploso, oleh=admin)
        assert pr.masalah == ["Baris 1 harus berisi kolom Nama, NIP, Jabatan, Username (unduh templatnya dari halaman "
                              "ini)."]
    assert sidik_basis_data(demo) == sebelum


def test_who_may_import_for_which_office(demo, karangploso):
    with session_scope(demo) as s:
        muara = kantor(s, nama="Muara Papalik").id
        for siapa, kec, pesan in ((dict(peran="camat", kecamatan="Karangploso"), karangploso, PESAN_PERAN),
                                  (dict(peran="kabupaten", kabupaten="Malang"), muara, PESAN_LINGKUP)):
            with pytest.raises(Ditolak) as e:
                baca_pegawai(s, _lembar(BERSIH), kecamatan_id=kec, oleh=pengguna(s, **siapa))
            assert str(e.value) == pesan
        # A kabupaten user imports an office's people but its Camat and Sekretaris Camat (the admin's).
        baris = [(n, nip, j, u.replace(".dau", ".karangploso")) for n, nip, j, u in BERSIH[2:]]
        assert baca_pegawai(s, _lembar(baris), kecamatan_id=karangploso,
                            oleh=pengguna(s, peran="kabupaten", kabupaten="Malang")).bersih


def test_a_clean_sheet_makes_one_account_per_row_whose_first_login_password_must_be_replaced(
        demo, karangploso, client, app):
    from models.akun.pengguna import lingkup

    with session_scope(demo) as s:
        for peran in ("camat", "sekcam"):  # the office's previous Camat and Sekretaris Camat have left
            pengguna(s, peran=peran, kecamatan="Karangploso").aktif = False
        s.flush()
        dibuat = simpan_pegawai(s, _lembar(BERSIH), kecamatan_id=karangploso, oleh=pengguna(s, peran="admin"))
        sandi = {u.username: p for u, p in dibuat}
    assert list(sandi) == ["budi.dau", "sri.dau", "agus.dau", "rina.dau"]
    assert all(re.fullmatch(r"[a-zA-Z2-9]{10}", p) for p in sandi.values()) and len(set(sandi.values())) == 4
    with session_scope(demo) as s:
        akun = {u.username: (u.role_kode, u.nip, u.jabatan, u.kecamatan_id, u.ganti_sandi)
                for u in s.exec(select(User).where(User.username.in_(list(sandi))))}
        assert akun == {"budi.dau": ("camat", "197005121995031002", "Camat", karangploso, True),
                        "sri.dau": ("sekcam", "198103152006042011", "Sekretaris Camat", karangploso, True),
                        "agus.dau": ("staf", None, "Staf", karangploso, True),
                        "rina.dau": ("kasubag_evapor", "198506072010012015", "Kasubag Evaluasi dan Pelaporan",
                                     karangploso, True)}
        assert lingkup(s, fabrik.akun(s, username="sri.dau")).kecamatan_ids == [karangploso]
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "pengguna.impor")).one()
        assert audit.sesudah == {"akun": list(sandi)} and not any(p in str(audit.sesudah) for p in sandi.values())

    # The first sign-in: nothing but the password page opens.
    r = masuk(client, "sri.dau", sandi["sri.dau"])
    assert r.status_code == 302
    r = client.get("/")
    assert r.status_code == 302 and r.headers["Location"].endswith("/ganti-sandi")
    r = client.post("/_dash-update-component", json={})
    assert r.status_code == 403 and "Ganti kata sandi awal" in r.get_json()["galat"]
    halaman = client.get("/ganti-sandi").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    for isian, pesan in (({"sandi_lama": "salah-sekali", "sandi_baru": "rahasia-baru-1", "ulangi": "rahasia-baru-1"},
                          "Kata sandi sekarang salah."),
                         ({"sandi_lama": sandi["sri.dau"], "sandi_baru": "pendek", "ulangi": "pendek"},
                          "Kata sandi sedikitnya 8 karakter."),
                         ({"sandi_lama": sandi["sri.dau"], "sandi_baru": "rahasia-baru-1", "ulangi": "rahasia-baru-2"},
                          "Kata sandi baru dan ulangannya tidak sama.")):
        r = client.post("/ganti-sandi", data={**isian, "csrf_token": token})
        assert r.status_code == 400 and pesan in r.get_data(as_text=True)
    r = client.post("/ganti-sandi", data={"sandi_lama": sandi["sri.dau"], "sandi_baru": "rahasia-baru-1",
                                          "ulangi": "rahasia-baru-1", "csrf_token": token})
    assert r.status_code == 302
    assert client.get("/").status_code == 200  # this session goes on
    with session_scope(demo) as s:
        assert fabrik.akun(s, username="sri.dau").ganti_sandi is False


def test_the_signature_blocks_print_the_camat_s_nip_instead_of_dots(demo, client):
    from models.tables import Sop, SopRevisi

    with session_scope(demo) as s:
        for kecamatan in (KANTOR, "Muara Papalik"):
            u = pengguna(s, peran="camat", kecamatan=kecamatan)
            u.nip = "197005121995031002"
            s.add(u)
        mekanisme = s.exec(select(Sop.id).join(SopRevisi, SopRevisi.sop_id == Sop.id)
                           .where(SopRevisi.nama == "MEKANISME PENGUMPULAN DATA KINERJA")).one()
    masuk(client, "admin")
    r = client.get("/monitoring-sop/cetak.pdf?kecamatan=Poncokusumo&tahun=2025&semester=1")
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    assert "Camat Poncokusumo" in teks and "NIP. 19700512 199503 1 002" in teks
    r = client.get("/monitoring-sop/cetak?kecamatan=Poncokusumo&tahun=2025&semester=1")
    assert "NIP. 19700512 199503 1 002" in r.get_data(as_text=True)
    # An SOP whose document recorded no approver: its office's Camat signs it.
    r = client.get(f"/cetak/sop/{mekanisme}.pdf")
    teks = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(r.data)).pages)
    assert "CAMAT MUARA PAPALIK" in teks and "Camat Muara Papalik" in teks and "NIP. 19700512 199503 1 002" in teks


def test_the_template_has_the_four_columns():
    from python_calamine import CalamineWorkbook

    baris = CalamineWorkbook.from_filelike(io.BytesIO(templat_xlsx())).get_sheet_by_name("Pegawai").to_python()
    assert baris[0] == ["Nama", "NIP", "Jabatan", "Username"] and len(baris) == 2
