"""The admin's users page: create, assign role and office, deactivate, reset a password; all audited."""
from __future__ import annotations

from sqlmodel import select

from models.akun.pengguna import PESAN_GAGAL, PESAN_SANDI_AWAL_PERANGKAT
from models.db import session_scope
from models.tables import AuditLog
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import akun, kantor, lepas, pengguna

TABEL = "..pengguna-tabel.children...pengguna-keterangan.children...pengguna-halaman.max_value...pengguna-halaman.active_page.."
UBAH = "..kelola-pesan.children...pengguna-versi.data.."


def _kunci_buat(app) -> str:
    return next(k for k in daftar_callback(app) if k.startswith("..baru-pesan.children"))


def _teks(r) -> str:
    return teks_jawaban(r)


def test_admin_creates_a_user_who_can_then_log_in(client, app, demo):
    masuk(client, "admin")
    kalipare = lepas(demo, kantor, nama="Kalipare").id
    teks = _teks(panggil(client, app, _kunci_buat(app), username="Evapor2.Kalipare", nama="Siti Aminah",
                         peran="kasubag_evapor", kantor=f"kec:{kalipare}", sandi="rahasia-99", versi=0))
    assert "Pengguna evapor2.kalipare dibuat." in teks
    u = lepas(demo, akun, username="evapor2.kalipare")
    assert (u.nama, u.role_kode, u.kecamatan_id, u.aktif) == ("Siti Aminah", "kasubag_evapor", kalipare, True)
    assert "evapor2.kalipare" in _teks(panggil(client, app, TABEL, cari="aminah"))
    with session_scope(demo) as s:
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "pengguna.buat")
                     .where(AuditLog.objek_id == u.id)).one()
        assert log.username == "admin" and log.sesudah == {"username": "evapor2.kalipare", "role": "kasubag_evapor"}
    keluar(client)
    # The admin set the password: a first-login one, of no use from the admin's device, to be replaced by its owner.
    r = masuk(client, "evapor2.kalipare", "rahasia-99")
    assert r.status_code == 401 and PESAN_SANDI_AWAL_PERANGKAT in r.get_data(as_text=True)
    r = masuk(client, "evapor2.kalipare", "rahasia-99", alamat="10.0.0.7")
    assert r.status_code == 302 and client.get("/").headers["Location"].endswith("/ganti-sandi")


def test_bad_new_user_gets_a_message_and_nothing_is_written(client, app, demo):
    masuk(client, "admin")
    sebelum = sidik_basis_data(demo)
    kunci = _kunci_buat(app)
    kalipare = lepas(demo, kantor, nama="Kalipare").id
    kasus = [
        (dict(username="camat.kalipare", nama="X", peran="camat", kantor=f"kec:{kalipare}",
              sandi="panjang-sekali"), 'Nama pengguna "camat.kalipare" sudah dipakai.'),
        (dict(username="baru", nama="Baru", peran="camat", kantor=None, sandi="panjang-sekali"),
         "Pengguna kantor harus terikat pada satu kecamatan."),
        (dict(username="baru", nama="Baru", peran="kabupaten", kantor=f"kec:{kalipare}",
              sandi="panjang-sekali"), "Pengguna kabupaten harus terikat pada satu kabupaten."),
        (dict(username="baru", nama="Baru", peran="staf", kantor=f"kec:{kalipare}", sandi="pendek"),
         "Kata sandi sedikitnya 8 karakter."),
        (dict(username="dua kata", nama="Baru", peran="staf", sandi="panjang-sekali"),
         'Nama pengguna "dua kata" hanya boleh huruf kecil, angka, titik, garis bawah atau tanda hubung (3–80 '
         "karakter)."),
        (dict(username="baru", nama="Baru", sandi="panjang-sekali"), "Pilih peran pengguna baru."),
    ]
    for nilai, pesan in kasus:
        assert pesan in _teks(panggil(client, app, kunci, **nilai)), pesan
    assert sidik_basis_data(demo) == sebelum


def test_deactivated_user_cannot_log_in_and_loses_the_session(client, app, demo):
    target = lepas(demo, pengguna, peran="staf", kecamatan="Kalipare")
    other = app.server.test_client()
    masuk(other, "staf.kalipare")
    assert other.get("/sop").status_code == 200
    masuk(client, "admin")
    teks = _teks(panggil(client, app, UBAH, user_id=target.id, peran="staf",
                         kantor=f"kec:{target.kecamatan_id}", aktif=False, sandi=None, versi=3))
    assert "Perubahan staf.kalipare disimpan." in teks
    assert lepas(demo, pengguna, peran="staf", kecamatan="Kalipare").aktif is False
    assert other.get("/sop").status_code == 302  # the open session ends at its next request
    r = masuk(app.server.test_client(), "staf.kalipare")
    assert r.status_code == 401 and PESAN_GAGAL in r.get_data(as_text=True)
    with session_scope(demo) as s:
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "pengguna.nonaktif")).one()
        assert log.sebelum["aktif"] is True and log.sesudah["aktif"] is False
    # Reactivated, the account signs in afresh: the session of before stays ended.
    teks = _teks(panggil(client, app, UBAH, user_id=target.id, peran="staf",
                         kantor=f"kec:{target.kecamatan_id}", aktif=True, sandi=None, versi=3))
    assert lepas(demo, pengguna, peran="staf", kecamatan="Kalipare").aktif is True
    assert other.get("/sop").status_code == 302


def test_reassigning_role_and_office_and_resetting_a_password_ends_the_users_sessions(client, app, demo):
    lain = app.server.test_client()
    assert masuk(lain, "kasipem.kalipare").status_code == 302
    assert lain.get("/sop").status_code == 200
    target = lepas(demo, pengguna, peran="kasi_pem", kecamatan="Kalipare")
    masuk(client, "admin")
    ponco = lepas(demo, kantor).id
    teks = _teks(panggil(client, app, UBAH, user_id=target.id, peran="kasi_ekbang", kantor=f"kec:{ponco}",
                         aktif=True, sandi="sandi-baru-1", versi=0))
    assert "Perubahan kasipem.kalipare disimpan dan kata sandi diganti." in teks
    u = lepas(demo, akun, username="kasipem.kalipare")  # the same account, now of another role and office
    assert (u.role_kode, u.kecamatan_id) == ("kasi_ekbang", ponco)
    assert lain.get("/sop").status_code == 302  # the session signed in before the reset has ended
    assert masuk(app.server.test_client(), "kasipem.kalipare", "sandi-baru-1").status_code == 401  # admin's device
    klien = app.server.test_client()
    assert masuk(klien, "kasipem.kalipare", "sandi-baru-1", alamat="10.0.0.7").status_code == 302
    assert klien.get("/").headers["Location"].endswith("/ganti-sandi")  # a first-login password
    with session_scope(demo) as s:
        aksi = [a.aksi for a in s.exec(select(AuditLog).where(AuditLog.objek_id == u.id)
                                       .where(AuditLog.aksi.like("pengguna.%")).order_by(AuditLog.id))]
    assert aksi[-2:] == ["pengguna.ubah", "pengguna.sandi"]


def test_admin_cannot_lock_themself_out(client, app, demo):
    admin = lepas(demo, pengguna, peran="admin")
    masuk(client, "admin")
    sebelum = sidik_basis_data(demo)
    teks = _teks(panggil(client, app, UBAH, user_id=admin.id, peran="admin", kantor=None, aktif=False, sandi=None))
    assert "Anda tidak dapat menonaktifkan atau mengubah peran akun Anda sendiri." in teks
    assert sidik_basis_data(demo) == sebelum


def test_the_admin_sets_a_camat_s_nip_and_jabatan_and_a_bad_nip_changes_nothing(client, app, demo):
    camat = lepas(demo, pengguna, peran="camat", kecamatan="Kalipare")
    masuk(client, "admin")
    nilai = dict(user_id=camat.id, peran="camat", kantor=f"kec:{camat.kecamatan_id}", aktif=True, sandi=None, versi=1)
    sebelum = sidik_basis_data(demo)
    teks = _teks(panggil(client, app, UBAH, **nilai, nip="1970 0512", jabatan="Camat Kalipare"))
    assert 'NIP "1970 0512" harus 18 angka.' in teks
    assert sidik_basis_data(demo) == sebelum
    teks = _teks(panggil(client, app, UBAH, **nilai, nip="19700512 199503 1 002", jabatan="  Camat   Kalipare "))
    assert "Perubahan camat.kalipare disimpan." in teks
    u = lepas(demo, pengguna, peran="camat", kecamatan="Kalipare")
    assert (u.nip, u.jabatan) == ("197005121995031002", "Camat Kalipare")
    assert "19700512 199503 1 002" in _teks(panggil(client, app, TABEL, cari="camat.kalipare"))
    with session_scope(demo) as s:
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "pengguna.ubah")).all()[-1]
        assert (log.sebelum["nip"], log.sesudah["nip"]) == (None, "197005121995031002")
    # The same NIP on another account is refused.
    lain = lepas(demo, pengguna, peran="camat")
    teks = _teks(panggil(client, app, UBAH, **{**nilai, "user_id": lain.id, "kantor": f"kec:{lain.kecamatan_id}"},
                         nip="197005121995031002", jabatan=None))
    assert "NIP 19700512 199503 1 002 sudah dipakai akun lain." in teks
