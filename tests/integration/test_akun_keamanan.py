"""Who may create which role, first-login passwords that do not stay with whoever issued them, Ganti kata sandi's
limit, audit and password rule, no username enumeration through Impor Pegawai, and the bounds of an account's
fields (issue 27, points 4, 7, 8 and 13's accounts)."""
from __future__ import annotations

import base64
import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import update
from sqlmodel import select

from models.akun.impor_pegawai import baca_pegawai, simpan_pegawai
from models.akun.pengguna import buat_pengguna, setel_ulang_sandi, ubah_pengguna
from models.db import session_scope
from models.tables import AuditLog, PercobaanMasuk, User, utcnow
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, payload, sidik_basis_data, teks_jawaban
from tests.fabrik import akun, kantor, lepas, pengguna
from tests.integration.test_impor_pegawai import _lembar

UBAH = "..kelola-pesan.children...pengguna-versi.data.."
# The messages a person reads, as they read them.
PESAN_GANTI_DIBATASI = "Terlalu banyak percobaan mengganti kata sandi. Coba lagi setelah 15 menit."
PESAN_SANDI_AWAL_HABIS = ("Kata sandi awal sudah tidak berlaku (berlaku 72 jam sejak diterbitkan). Minta Admin "
                          "menyetel ulang kata sandi Anda.")
PESAN_SANDI_AWAL_PERANGKAT = ("Kata sandi awal tidak dapat dipakai dari perangkat yang menerbitkannya. Masuklah dari "
                              "perangkat Anda sendiri.")
PESAN_UMUM = "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain."
PESAN_PANJANG = "Kata sandi paling banyak 128 karakter."
PESAN_NAMA = "Kata sandi tidak boleh memuat nama pengguna atau nama Anda."
HANYA_ADMIN = "akun Camat hanya dapat dibuat atau diganti oleh Admin (halaman Pengguna)."


def _kunci(app, awal: str) -> str:
    return next(k for k in daftar_callback(app) if k.startswith(awal))


def _token(client, alamat: str = "/ganti-sandi") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(alamat).get_data(as_text=True)).group(1)


def _ganti(client, token: str, lama: str, baru: str, ulangi: str | None = None):
    return client.post("/ganti-sandi", data={"sandi_lama": lama, "sandi_baru": baru,
                                             "ulangi": baru if ulangi is None else ulangi, "csrf_token": token})


def _audit(engine, aksi: str) -> list[AuditLog]:
    with session_scope(engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)))


# ---------------------------------------------------------------- point 4: who may create which role


def test_a_kabupaten_user_cannot_make_a_camat_through_impor_pegawai(demo, client, app):
    """The tester's path: kabupaten.malang imports camat2.kalipare for Kalipare. Refused by row, in the preview and
    at saving (the callback audits the refusal); no account is made."""
    lembar = _lembar([("Camat Kedua", "", "Camat", "camat2.kalipare"),
                      ("Sekcam Kedua", "", "Sekretaris Kecamatan", "sekcam2.kalipare"),
                      ("Staf Baru", "", "Staf", "staf2.kalipare")])
    with session_scope(demo) as s:
        kalipare = kantor(s, nama="Kalipare").id
        kab = pengguna(s, peran="kabupaten", kabupaten="Malang")
        pr = baca_pegawai(s, lembar, kecamatan_id=kalipare, oleh=kab)
        assert pr.semua_masalah == [f"Baris 2: {HANYA_ADMIN}",
                                    "Baris 3: akun Sekretaris Camat hanya dapat dibuat atau diganti oleh Admin "
                                    "(halaman Pengguna)."]
        # The other creation path a kabupaten user could reach: the model itself.
        with pytest.raises(Ditolak) as e:
            buat_pengguna(s, username="camat3.kalipare", nama="Camat Ketiga", password="sandi-kuat-2026x",
                          role_kode="camat", kecamatan_id=kalipare, oleh=kab)
        assert str(e.value) == "Akun Camat hanya dapat dibuat atau diganti oleh Admin (halaman Pengguna)."
        with pytest.raises(Ditolak) as e:
            buat_pengguna(s, username="kab2.malang", nama="Kabupaten Dua", password="rahasia-kab-2",
                          role_kode="kabupaten", kabupaten_id=kab.kabupaten_id, oleh=kab)
        assert str(e.value) == "Hanya Admin yang dapat membuat akun dengan peran atau kantor ini."
        with pytest.raises(Ditolak) as e:
            ubah_pengguna(s, user_id=pengguna(s, peran="staf", kecamatan="Kalipare").id, role_kode="camat",
                          kecamatan_id=kalipare, kabupaten_id=None, aktif=True, oleh=kab)
        assert str(e.value) == "Hanya Admin yang dapat mengubah peran, kantor atau status akun."
    sebelum = sidik_basis_data(demo)
    masuk(client, "kabupaten.malang")
    isi = "data:application/octet-stream;base64," + base64.b64encode(lembar).decode()
    kunci = _kunci(app, "..pegawai-pesan.children")
    teks = teks_jawaban(client.post("/_dash-update-component", json=payload(kunci, daftar_callback(app)[kunci], {
        "isi": isi, "kecamatan": kalipare, "_n": 1})))
    assert f"Baris 2: {HANYA_ADMIN}" in teks and "Belum ada akun yang dibuat" in teks
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        assert s.exec(select(User).where(User.username == "camat2.kalipare")).first() is None
    ditolak = _audit(demo, "aksi.ditolak")[-1]
    assert ditolak.username == "kabupaten.malang" and HANYA_ADMIN in ditolak.keterangan


def test_an_office_has_one_active_camat_and_the_admin_replaces_them_ending_their_sessions(demo, client, app):
    lama_klien = app.server.test_client()
    assert masuk(lama_klien, "camat.kalipare").status_code == 302
    assert lama_klien.get("/sop").status_code == 200
    kalipare = lepas(demo, kantor, nama="Kalipare").id
    lama = lepas(demo, akun, username="camat.kalipare")
    masuk(client, "admin")
    kunci = _kunci(app, "..baru-pesan.children")
    nilai = dict(username="camat2.kalipare", nama="Drs. Camat Baru", peran="camat", kantor=f"kec:{kalipare}",
                 sandi="sandi-kuat-2026x", versi=0)
    sebelum = sidik_basis_data(demo)
    teks = teks_jawaban(panggil(client, app, kunci, **nilai))
    assert ('Kecamatan Kalipare sudah punya Camat aktif (camat.kalipare). Centang "Gantikan Camat yang sekarang" '
            "untuk menggantinya.") in teks
    assert sidik_basis_data(demo) == sebelum
    # Another path to a second Camat: giving an office's staf the role.
    staf = lepas(demo, pengguna, peran="staf", kecamatan="Kalipare")
    teks = teks_jawaban(panggil(client, app, UBAH, user_id=staf.id, peran="camat", kantor=f"kec:{kalipare}",
                                aktif=True, sandi=None, versi=0))
    assert "Kecamatan Kalipare sudah punya Camat aktif (camat.kalipare)." in teks
    assert sidik_basis_data(demo) == sebelum
    # Replaced: the old one deactivated and signed out in the same transaction, both audited.
    teks = teks_jawaban(panggil(client, app, kunci, **nilai, gantikan=True))
    assert "Pengguna camat2.kalipare dibuat." in teks
    with session_scope(demo) as s:
        aktif = s.exec(select(User.username).where(User.kecamatan_id == kalipare).where(User.role_kode == "camat")
                       .where(User.aktif == True)).all()  # noqa: E712
        assert aktif == ["camat2.kalipare"]
        assert s.get(User, lama.id).sesi_token != lama.sesi_token
    assert lama_klien.get("/sop").status_code == 302
    nonaktif = _audit(demo, "pengguna.nonaktif")[-1]
    assert (nonaktif.objek_id, nonaktif.username, nonaktif.keterangan) == (lama.id, "admin", "Camat digantikan.")
    buat = _audit(demo, "pengguna.buat")[-1]
    assert buat.sesudah == {"username": "camat2.kalipare", "role": "camat", "menggantikan": ["camat.kalipare"]}


def test_the_cli_cannot_make_a_second_camat_or_a_too_long_username(demo, app):
    runner = app.server.test_cli_runner()
    r = runner.invoke(args=["user", "create", "--username", "camat2.kalipare", "--nama", "Camat Kedua", "--role",
                            "camat", "--kecamatan", "Kalipare", "--password", "sandi-kuat-2026x"])
    assert r.exit_code != 0
    assert "Kecamatan Kalipare sudah punya Camat aktif (camat.kalipare)." in r.output
    r = runner.invoke(args=["user", "create", "--username", "u" * 5000, "--nama", "Nama", "--password",
                            "rahasia-admin-2"])
    assert "Nama pengguna terlalu panjang: 5000 karakter, paling banyak 80. Pengguna tidak dibuat." in r.output
    r = runner.invoke(args=["user", "create", "--username", "admin2", "--nama", "Admin Dua", "--password",
                            "12345678"])
    assert f"{PESAN_UMUM} Pengguna tidak dibuat." in r.output
    with session_scope(demo) as s:
        assert s.exec(select(User).where(User.username.in_(["camat2.kalipare", "admin2"]))).first() is None


# ---------------------------------------------------------------- point 4: first-login passwords


def test_a_first_login_password_does_not_sign_in_from_the_issuing_device_nor_after_72_hours(demo, app):
    with session_scope(demo) as s:
        dibuat = simpan_pegawai(s, _lembar([("Agus Salim", "", "Staf", "agus.kalipare"),
                                            ("Rina Marlina", "", "Staf", "rina.kalipare")]),
                                kecamatan_id=kantor(s, nama="Kalipare").id,
                                oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"), alamat="10.0.0.5")
        sandi = {u.username: p for u, p in dibuat}
    # The importer's device: refused, said so, audited.
    r = masuk(app.server.test_client(), "agus.kalipare", sandi["agus.kalipare"], alamat="10.0.0.5")
    assert r.status_code == 401 and PESAN_SANDI_AWAL_PERANGKAT in r.get_data(as_text=True)
    ditolak = _audit(demo, "login.sandi_awal.ditolak")
    assert [(a.username, a.keterangan) for a in ditolak] == [("agus.kalipare", PESAN_SANDI_AWAL_PERANGKAT)]
    # The person's own device, within 72 hours: in (to the password page).
    klien = app.server.test_client()
    r = masuk(klien, "agus.kalipare", sandi["agus.kalipare"], alamat="10.0.0.9")
    assert r.status_code == 302 and klien.get("/").headers["Location"].endswith("/ganti-sandi")
    # 73 hours after its issue: expired, only a reset gives a new one.
    with session_scope(demo) as s:
        s.exec(update(PercobaanMasuk).where(PercobaanMasuk.kunci.startswith("p:rina.kalipare|"))
               .values(mulai=utcnow() - timedelta(hours=73)))
    r = masuk(app.server.test_client(), "rina.kalipare", sandi["rina.kalipare"], alamat="10.0.0.9")
    assert r.status_code == 401 and PESAN_SANDI_AWAL_HABIS in r.get_data(as_text=True)
    with session_scope(demo) as s:
        u = akun(s, username="rina.kalipare")
        setel_ulang_sandi(s, user_id=u.id, password="sandi-kuat-2026x", oleh=pengguna(s, peran="admin"))
    assert masuk(app.server.test_client(), "rina.kalipare", "sandi-kuat-2026x", alamat="10.0.0.9").status_code == 302


def test_first_login_passwords_leave_as_one_pdf_slip_per_person(demo, client, app):
    lembar = _lembar([("Agus Salim", "", "Staf", "agus.kalipare"), ("Rina Marlina, SE", "19850607 201001 2 015",
                                                                      "Kasubag Evapor", "rina.kalipare")])
    kalipare = lepas(demo, kantor, nama="Kalipare").id
    masuk(client, "kabupaten.malang")
    kunci = _kunci(app, "..pegawai-pesan.children")
    isi = "data:application/octet-stream;base64," + base64.b64encode(lembar).decode()
    r = client.post("/_dash-update-component", json=payload(kunci, daftar_callback(app)[kunci],
                                                            {"isi": isi, "kecamatan": kalipare, "_n": 1}))
    jawaban = r.get_json()["response"]
    unduh = jawaban["pegawai-slip"]["data"]
    assert unduh["filename"] == "slip-sandi-awal.pdf"
    halaman = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(base64.b64decode(unduh["content"])))
               .pages]
    assert len(halaman) == 2
    assert "Agus Salim" in halaman[0] and "agus.kalipare" in halaman[0] and "rina.kalipare" not in halaman[0]
    assert "19850607 201001 2 015" in halaman[1] and "tidak dapat dipakai dari perangkat yang menerbitkannya" in \
        halaman[1]
    sandi = re.search(r"Kata sandi awal ([a-zA-Z2-9]{10})", halaman[1]).group(1)
    layar = str(jawaban["pegawai-pesan"])
    assert "2 akun dibuat." in layar and sandi not in layar  # not on screen
    r = masuk(app.server.test_client(), "rina.kalipare", sandi, alamat="10.1.1.1")
    assert r.status_code == 302


# ---------------------------------------------------------------- point 7: Ganti kata sandi


def test_ganti_sandi_counts_wrong_current_passwords_audits_each_and_stops_after_five(demo, client):
    masuk(client, "staf.kalipare")
    token = _token(client)
    for _ in range(5):
        r = _ganti(client, token, "salah-sekali", "rahasia-baru-77")
        assert r.status_code == 400 and "Kata sandi sekarang salah." in r.get_data(as_text=True)
    for lama in ("salah-lagi", "demo12345"):  # past the limit even the right one is not checked
        r = _ganti(client, token, lama, "rahasia-baru-77")
        assert r.status_code == 429 and PESAN_GANTI_DIBATASI in r.get_data(as_text=True)
    salah = [a for a in _audit(demo, "aksi.ditolak") if a.username == "staf.kalipare"]
    assert [a.keterangan for a in salah] == ["Kata sandi sekarang salah."] * 5
    assert [a.username for a in _audit(demo, "pengguna.sandi.dibatasi")] == ["staf.kalipare"] * 2
    assert _audit(demo, "pengguna.sandi.sendiri") == []
    assert masuk(client.application.test_client(), "staf.kalipare").status_code == 302  # unchanged


def test_ganti_sandi_refuses_common_long_and_personal_passwords_then_says_it_was_changed(demo, client):
    masuk(client, "camat.poncokusumo")
    token = _token(client)
    sebelum = sidik_basis_data(demo)
    for baru, pesan in (("12345678", PESAN_UMUM), ("Password1", PESAN_UMUM), ("x" * 5000, PESAN_PANJANG),
                        ("a" * 129, PESAN_PANJANG), ("poncokusumo-2026", PESAN_NAMA),
                        ("camat.poncokusumo!", PESAN_NAMA), ("pendek", "Kata sandi sedikitnya 8 karakter.")):
        r = _ganti(client, token, "demo12345", baru)
        assert r.status_code == 400 and pesan in r.get_data(as_text=True), baru
    assert sidik_basis_data(demo) == sebelum
    assert [a.keterangan for a in _audit(demo, "aksi.ditolak")][-7:] == [
        PESAN_UMUM, PESAN_UMUM, PESAN_PANJANG, PESAN_PANJANG, PESAN_NAMA, PESAN_NAMA,
        "Kata sandi sedikitnya 8 karakter."]
    # Those refusals did not count against the limit: the right current password and a good new one go through.
    r = _ganti(client, token, "demo12345", "a" * 128)
    assert r.status_code == 302 and r.headers["Location"] == "/?sandi=diganti"
    assert [a.username for a in _audit(demo, "pengguna.sandi.sendiri")] == ["camat.poncokusumo"]
    assert masuk(client.application.test_client(), "camat.poncokusumo", "a" * 128).status_code == 302


def test_every_place_a_password_is_set_applies_the_same_rule(demo, client, app):
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        staf = pengguna(s, peran="staf", kecamatan="Kalipare")
        for sandi, pesan in (("12345678", PESAN_UMUM), ("q" * 129, PESAN_PANJANG), ("staf.kalipare1", PESAN_NAMA)):
            with pytest.raises(Ditolak) as e:
                setel_ulang_sandi(s, user_id=staf.id, password=sandi, oleh=admin)
            assert str(e.value) == pesan
            with pytest.raises(Ditolak) as e:
                buat_pengguna(s, username="baru.kalipare", nama="Baru", password=sandi.replace("staf", "baru"),
                              role_kode="staf", kecamatan_id=staf.kecamatan_id, oleh=admin)
            assert str(e.value) == pesan
    masuk(client, "admin")
    teks = teks_jawaban(panggil(client, app, UBAH, user_id=staf.id, peran="staf", kantor=f"kec:{staf.kecamatan_id}",
                                aktif=True, sandi="password", versi=0))
    assert PESAN_UMUM in teks


# ---------------------------------------------------------------- point 8: no username enumeration


def test_impor_pegawai_does_not_say_whether_a_username_outside_the_callers_scope_exists(demo):
    """Preview and saving read the same for a username taken in another kabupaten and a made-up one: a kabupaten
    user names an office's accounts within the office's namespace (".muarapapalik"), so a name it may try is taken
    only by an account of that office, which it may see."""
    def suffix_message(n: int, username: str) -> str:
        return (f'Baris {n}: nama pengguna "{username}" harus berakhir dengan ".muarapapalik" (akun Kecamatan Muara '
                f'Papalik), mis. "{username.split(".")[0]}.muarapapalik".')

    with session_scope(demo) as s:
        muara = kantor(s, nama="Muara Papalik").id
        tjb = pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat")
        pengguna(s, peran="staf", kecamatan="Muara Papalik")
        lembar = _lembar([("Satu", "", "Staf", "camat.poncokusumo"),  # exists, in Malang
                          ("Dua", "", "Staf", "kabupaten.malang"),  # exists, Malang's kabupaten account
                          ("Tiga", "", "Staf", "tidak.ada.sama.sekali"),  # made up
                          ("Empat", "", "Staf", "staf.muarapapalik"),  # exists, in the caller's own scope
                          ("Lima", "", "Staf", "lima.muarapapalik")])  # made up, in the office's namespace
        pr = baca_pegawai(s, lembar, kecamatan_id=muara, oleh=tjb)
        assert [b.pesan for b in pr.baris] == [
            [suffix_message(2, "camat.poncokusumo")], [suffix_message(3, "kabupaten.malang")],
            [suffix_message(4, "tidak.ada.sama.sekali")],
            ['Baris 5: nama pengguna "staf.muarapapalik" tidak dapat dipakai; pilih nama lain.'], []]
    # Saving an existing outside name and a made-up one: the same refusal, by the same rule, nothing written.
    sebelum = sidik_basis_data(demo)
    pesan = []
    for nama in ("camat.poncokusumo", "tidak.ada.sama.sekali"):
        with session_scope(demo) as s:
            with pytest.raises(Ditolak) as e:
                simpan_pegawai(s, _lembar([("Satu", "", "Staf", nama)]), kecamatan_id=muara,
                               oleh=pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat"))
            pesan.append(str(e.value).replace(f'"{nama}"', "…").replace(f'"{nama.split(".")[0]}.', "…"))
    assert pesan[0] == pesan[1]
    assert sidik_basis_data(demo) == sebelum
    # The admin names accounts freely and may learn of any.
    with session_scope(demo) as s:
        pr = baca_pegawai(s, _lembar([("Satu", "", "Staf", "camat.poncokusumo")]), kecamatan_id=muara,
                          oleh=pengguna(s, peran="admin"))
        assert pr.baris[0].pesan == ['Baris 2: nama pengguna "camat.poncokusumo" tidak dapat dipakai; pilih nama '
                                     'lain.']


def test_an_offices_namespace_names_its_kabupaten_when_another_office_shares_its_name(demo):
    from models.akun.impor_pegawai import akhiran_kantor
    from models.tables import Kecamatan

    with session_scope(demo) as s:
        kalipare = kantor(s, nama="Kalipare")
        assert akhiran_kantor(s, kalipare) == ".kalipare"
        lain = kantor(s, nama="Muara Papalik")
        s.add(Kecamatan(nama="Kali Pare", kabupaten_id=lain.kabupaten_id))
        s.flush()
        assert akhiran_kantor(s, kalipare) == ".kalipare.malang"


def test_impor_pegawai_does_not_name_the_account_holding_a_nip_outside_the_scope(demo):
    with session_scope(demo) as s:
        camat = pengguna(s, peran="camat", kecamatan="Poncokusumo")
        camat.nip = "197005121995031002"
        s.add(camat)
    with session_scope(demo) as s:
        pr = baca_pegawai(s, _lembar([("Satu", "19700512 199503 1 002", "Staf", "satu.muarapapalik")]),
                          kecamatan_id=kantor(s, nama="Muara Papalik").id,
                          oleh=pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat"))
        assert pr.semua_masalah == []
        pr = baca_pegawai(s, _lembar([("Satu", "19700512 199503 1 002", "Staf", "satu.kalipare")]),
                          kecamatan_id=kantor(s, nama="Kalipare").id, oleh=pengguna(s, peran="admin"))
        assert pr.semua_masalah == ["Baris 2: NIP 19700512 199503 1 002 tidak dapat dipakai; periksa lagi NIP-nya."]


# ---------------------------------------------------------------- point 13: an account's fields are bounded


def test_an_account_s_fields_are_bounded_on_the_server_everywhere(demo, client, app):
    kalipare = lepas(demo, kantor, nama="Kalipare").id
    masuk(client, "admin")
    kunci = _kunci(app, "..baru-pesan.children")
    sebelum = sidik_basis_data(demo)
    for nilai, pesan in (
            (dict(username="u" * 5000, nama="Nama"), "Nama pengguna terlalu panjang: 5000 karakter, paling banyak 80."),
            (dict(username="baru.kalipare", nama="N" * 500), "Nama lengkap terlalu panjang: 500 karakter, paling banyak "
                                                             "160."),
            (dict(username=["a"], nama="Nama"), "Nama pengguna tidak sah."),
            (dict(username="baru\x00", nama="Nama"), "Nama pengguna memuat karakter yang tidak sah."),
            (dict(username="dua kata", nama="Nama"), 'Nama pengguna "dua kata" hanya boleh huruf kecil, angka, titik, '
                                                     "garis bawah atau tanda hubung (3–80 karakter).")):
        teks = teks_jawaban(panggil(client, app, kunci, **nilai, peran="staf", kantor=f"kec:{kalipare}",
                                    sandi="rahasia-baru-9", versi=0))
        assert pesan in teks, pesan
    staf = lepas(demo, pengguna, peran="staf", kecamatan="Kalipare")
    umum = dict(user_id=staf.id, peran="staf", kantor=f"kec:{kalipare}", aktif=True, sandi=None, versi=0)
    for nilai, pesan in ((dict(jabatan="J" * 500), "Jabatan terlalu panjang: 500 karakter, paling banyak 160."),
                         (dict(nip="1" * 5000), "NIP terlalu panjang: 5000 karakter, paling banyak 100.")):
        assert pesan in teks_jawaban(panggil(client, app, UBAH, **umum, **nilai)), pesan
    assert sidik_basis_data(demo) == sebelum
    assert len([a for a in _audit(demo, "aksi.ditolak") if a.username == "admin"]) == 7
    with session_scope(demo) as s:
        pr = baca_pegawai(s, _lembar([("N" * 500, "", "Staf", "u" * 5000), ("Baik", "", "J" * 200, "baik.kalipare")]),
                          kecamatan_id=kalipare, oleh=pengguna(s, peran="admin"))
        assert pr.semua_masalah == ["Baris 2: Nama lengkap terlalu panjang: 500 karakter, paling banyak 160.",
                                    "Baris 2: Nama pengguna terlalu panjang: 5000 karakter, paling banyak 80.",
                                    "Baris 3: Jabatan terlalu panjang: 200 karakter, paling banyak 160."]


def test_an_account_given_its_first_password_before_issues_were_noted_still_signs_in_to_set_its_own(app, demo):
    """A first-login account with no issue on record (imported before issues were noted) is not locked out: it
    signs in, and nothing opens but Ganti kata sandi."""
    with session_scope(demo) as s:
        u = pengguna(s, peran="staf", kecamatan="Kalipare")
        u.ganti_sandi = True
        s.add(u)
        username = u.username
    klien = app.server.test_client()
    assert masuk(klien, username).status_code == 302
    assert klien.get("/capaian").headers["Location"].endswith("/ganti-sandi")
