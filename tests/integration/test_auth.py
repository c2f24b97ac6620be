"""Login, the guard in front of everything, office scoping, and the admin-only pelaksana correction."""
from __future__ import annotations

import json
import re

import pytest
from sqlmodel import select

from dashboard.web.auth import PESAN_SESI_HABIS
from models.akun.pembatas import PESAN_DIBATASI
from models.akun.pengguna import PESAN_GAGAL
from models.db import session_scope
from models.sop.register import daftar_sop
from models.tables import AuditLog, SopLangkah, SopPelaksana
from tests.conftest import keluar, masuk

KATALOG = ("..katalog-hasil.children...katalog-jumlah.children...katalog-halaman.max_value..."
           "katalog-halaman.active_page...katalog-halaman.className..")


def _katalog(client, kecamatan=None):
    payload = {
        "output": KATALOG,
        "outputs": [{"id": "katalog-hasil", "property": "children"}, {"id": "katalog-jumlah", "property": "children"},
                    {"id": "katalog-halaman", "property": "max_value"},
                    {"id": "katalog-halaman", "property": "active_page"},
                    {"id": "katalog-halaman", "property": "className"}],
        "inputs": [{"id": "katalog-cari", "property": "value", "value": None},
                   {"id": "katalog-kecamatan", "property": "value", "value": kecamatan},
                   {"id": "katalog-halaman", "property": "active_page", "value": 1}],
        "changedPropIds": ["katalog-cari.value"], "state": [],
    }
    return client.post("/_dash-update-component", json=payload)


def test_without_a_session_nothing_but_the_login_page(client, demo):
    r = client.get("/sop")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=/sop")
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 401
    r = _katalog(client)
    assert r.status_code == 401
    assert r.get_json() == {"galat": "Sesi berakhir atau belum masuk. Silakan masuk kembali."}
    assert "Pelaporan Kinerja" not in r.get_data(as_text=True)
    halaman = client.get("/login")
    assert halaman.status_code == 200 and 'name="csrf_token"' in halaman.get_data(as_text=True)
    assert "camat.poncokusumo" in halaman.get_data(as_text=True)  # demo users listed on a demo database
    assert client.get("/vendor/bootstrap/css/bootstrap.min.css").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_message(client, demo):
    for username, password in (("camat.poncokusumo", "salah-sekali"), ("tidak.ada", "demo12345")):
        r = masuk(client, username, password)
        assert r.status_code == 401
        assert PESAN_GAGAL in r.get_data(as_text=True)
    assert _katalog(client).status_code == 401
    with session_scope(demo) as s:
        assert len(s.exec(select(AuditLog).where(AuditLog.aksi == "login.gagal")).all()) == 2


def test_attempts_are_limited_per_account_and_address_without_telling_which_accounts_exist(client, demo):
    """Five attempts per account from one address; the sixth is refused before its password is checked, even the
    right one, with the same answer for an unknown account. From another address the person still signs in."""
    for username in ("evapor.poncokusumo", "tidak.ada"):
        for _ in range(5):
            r = masuk(client, username, "keliru123", alamat="10.0.0.1")
            assert r.status_code == 401 and PESAN_GAGAL in r.get_data(as_text=True)
        r = masuk(client, username, "demo12345", alamat="10.0.0.1")
        assert r.status_code == 429 and PESAN_DIBATASI in r.get_data(as_text=True)
    assert _katalog(client).status_code == 401
    assert masuk(client, "evapor.poncokusumo", alamat="10.0.0.2").status_code == 302  # not locked out
    with session_scope(demo) as s:
        assert len(s.exec(select(AuditLog).where(AuditLog.aksi == "login.gagal")).all()) == 10
        assert len(s.exec(select(AuditLog).where(AuditLog.aksi == "login.dibatasi")).all()) == 2


def test_an_address_guessing_across_accounts_is_limited(client, demo):
    for n in range(30):
        assert masuk(client, f"tebakan{n}", "keliru123", alamat="10.0.0.3").status_code == 401
    assert masuk(client, "camat.poncokusumo", alamat="10.0.0.3").status_code == 429
    assert masuk(client, "camat.poncokusumo", alamat="10.0.0.4").status_code == 302


def test_an_account_guessed_from_many_addresses_is_slowed_but_its_own_device_still_signs_in(client, demo):
    assert masuk(client, "sekcam.poncokusumo", alamat="192.168.1.10").status_code == 302  # the person's device
    keluar(client)
    for n in range(20):
        assert masuk(client, "sekcam.poncokusumo", "keliru123", alamat=f"10.1.0.{n}").status_code == 401
    assert masuk(client, "sekcam.poncokusumo", alamat="10.1.1.1").status_code == 429
    assert masuk(client, "sekcam.poncokusumo", alamat="192.168.1.10").status_code == 302


def test_parallel_attempts_cannot_outrun_the_count(app, demo):
    """Forty simultaneous wrong passwords for one account from one address: exactly five are checked; the right
    password sent after the burst is refused."""
    from concurrent.futures import ThreadPoolExecutor

    klien = [app.server.test_client() for _ in range(40)]
    token = [re.search(r'name="csrf_token" value="([^"]+)"', k.get("/login").get_data(as_text=True)).group(1)
             for k in klien]

    def coba(i):
        return klien[i].post("/login", data={"username": "evapor.poncokusumo", "password": "keliru123",
                                             "csrf_token": token[i]}, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code

    with ThreadPoolExecutor(max_workers=8) as ex:
        kode = list(ex.map(coba, range(40)))
    assert sorted(set(kode)) == [401, 429] and kode.count(401) == 5
    assert masuk(app.server.test_client(), "evapor.poncokusumo", alamat="10.9.9.9").status_code == 429
    with session_scope(demo) as s:
        assert len(s.exec(select(AuditLog).where(AuditLog.aksi == "login.gagal")).all()) == 5


def test_an_unknown_account_costs_a_password_check_too(client, demo, monkeypatch):
    import models.akun.pengguna as pengguna

    diperiksa = []
    asli = pengguna.check_password_hash
    monkeypatch.setattr(pengguna, "check_password_hash", lambda h, p: diperiksa.append(h) or asli(h, p))
    masuk(client, "tidak.ada.sama.sekali", "keliru123")
    masuk(client, "camat.poncokusumo", "keliru123")
    assert len(diperiksa) == 2 and diperiksa[0] != diperiksa[1]


def test_logout_ends_every_session_of_the_user_and_is_a_post(client, app, demo):
    lain = app.server.test_client()
    masuk(client, "camat.poncokusumo")
    masuk(lain, "camat.poncokusumo")
    simpanan = client.get_cookie("session").value
    # A link (GET) only asks; a POST without the form's token changes nothing.
    r = client.get("/logout")
    assert r.status_code == 200 and "Keluar dari SAKIP Kecamatan?" in r.get_data(as_text=True)
    assert client.post("/logout").status_code == 400
    assert client.get("/sop").status_code == 200 and lain.get("/sop").status_code == 200
    keluar(client)
    assert client.get("/sop").status_code == 302
    assert lain.get("/sop").status_code == 302  # the other device's session ended with it
    curi = app.server.test_client()
    curi.set_cookie("session", simpanan)  # a saved copy of the cookie from before the logout
    assert curi.get("/sop").status_code == 302
    assert _katalog(curi).status_code == 401


@pytest.mark.parametrize("kunci,lalu", [("aktif_pada", 61 * 60), ("masuk_pada", 10 * 3600 + 1)])
def test_a_session_ends_when_idle_or_too_old(client, demo, kunci, lalu):
    import time

    masuk(client, "camat.poncokusumo")
    assert client.get("/sop").status_code == 200
    with client.session_transaction() as sesi:
        sesi[kunci] = int(time.time()) - lalu
    r = client.get("/sop")
    assert r.status_code == 401 and PESAN_SESI_HABIS in r.get_data(as_text=True)
    assert client.get("/sop").status_code == 302


def test_login_without_csrf_token_is_refused(client, demo):
    r = client.post("/login", data={"username": "admin", "password": "demo12345"})
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa. Silakan coba lagi." in r.get_data(as_text=True)
    assert _katalog(client).status_code == 401


def test_login_sets_a_safe_session_cookie_and_follows_next(client, demo):
    halaman = client.get("/login?next=/sop").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    r = client.post("/login?next=/sop", data={"username": "camat.poncokusumo", "password": "demo12345",
                                              "csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"] == "/sop"
    cookie = next(c for c in r.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    with session_scope(demo) as s:
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "login")).one().username == "camat.poncokusumo"
    keluar(client)
    assert _katalog(client).status_code == 401


def test_an_office_user_sees_only_its_office(client, demo):
    masuk(client, "camat.poncokusumo")
    data = _katalog(client).get_json()["response"]
    # the nine of its seed document and the demo's Penyusunan Perjanjian Kinerja
    assert data["katalog-jumlah"]["children"] == "10 SOP di 1 kecamatan"
    assert "Kalipare" not in json.dumps(data)
    r = _katalog(client, kecamatan="Kalipare")  # a crafted request naming another office
    assert r.status_code == 403 and r.get_json() == {"galat": "Data ini tidak ada atau bukan milik kantor Anda."}
    with session_scope(demo) as s:
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "akses.ditolak")).one()
        assert log.username == "camat.poncokusumo" and "kecamatan='Kalipare'" in log.keterangan


def _sop_karangploso(engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        (b,) = [b for b in daftar_sop(s) if b.kecamatan == "Karangploso"]
        langkah = s.exec(select(SopLangkah).order_by(SopLangkah.id)).all()
        from models.tables import SopRevisi

        rev = s.exec(select(SopRevisi).where(SopRevisi.sop_id == b.sop_id)).one()
        return b.sop_id, [lk.id for lk in langkah if lk.revisi_id == rev.id][5]


def _koreksi(client, langkah_id, label, status=200):
    payload = {
        "output": "..koreksi-pesan.children...sop-langkah.children..",
        "outputs": [{"id": "koreksi-pesan", "property": "children"}, {"id": "sop-langkah", "property": "children"}],
        "inputs": [{"id": "koreksi-simpan", "property": "n_clicks", "value": 1}],
        "state": [{"id": "koreksi-langkah", "property": "value", "value": langkah_id},
                  {"id": "koreksi-pelaksana", "property": "value", "value": label}],
        "changedPropIds": ["koreksi-simpan.n_clicks"],
    }
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == status, r.data[:300]
    return json.dumps(r.get_json(), ensure_ascii=False)


def _pelaksana(engine, langkah_id):
    with session_scope(engine) as s:
        return [a.label for a in s.exec(select(SopPelaksana).where(SopPelaksana.langkah_id == langkah_id)
                                        .order_by(SopPelaksana.urutan))]


def test_only_the_admin_corrects_a_pelaksana(client, demo):
    _, langkah_id = _sop_karangploso(demo)
    masuk(client, "camat.karangploso")
    assert _koreksi(client, langkah_id, ["Sub. Umum"], status=403) == json.dumps(
        {"galat": "Peran Anda tidak berwenang melakukan tindakan ini."})
    assert _pelaksana(demo, langkah_id) == ["Sub. Evapor"]
    keluar(client)
    masuk(client, "admin")
    jawab = _koreksi(client, langkah_id, ["Sub. Umum"])
    assert "Pelaksana langkah 6 disimpan: Sub. Umum." in jawab
    assert _pelaksana(demo, langkah_id) == ["Sub. Umum"]
    salah = _koreksi(client, langkah_id, ["Kasi Pem"])
    assert '\\"Kasi Pem\\" bukan kolom pelaksana SOP ini.' in salah or '"Kasi Pem" bukan kolom' in salah
    assert _pelaksana(demo, langkah_id) == ["Sub. Umum"]
    with session_scope(demo) as s:
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "sop.pelaksana.ubah")).one()
        assert log.username == "admin" and log.sesudah == {"pelaksana": ["Sub. Umum"]}


def test_behind_a_trusted_proxy_attempts_count_per_forwarded_address(db_url, demo, tmp_path):
    from app import create_app

    klien = create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji", "JUMLAH_PROXY": "1",
                        "UPLOAD_DIR": str(tmp_path)}).server.test_client()

    def coba(password, diteruskan):
        halaman = klien.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
        return klien.post("/login", data={"username": "camat.kalipare", "password": password, "csrf_token": token},
                          headers={"X-Forwarded-For": diteruskan}).status_code

    assert [coba("keliru123", "203.0.113.7") for _ in range(6)] == [401] * 5 + [429]
    assert coba("demo12345", "198.51.100.20") == 302  # another person behind the same proxy
