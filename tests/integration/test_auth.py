"""Login, the guard in front of everything, office scoping, and the admin-only pelaksana correction."""
from __future__ import annotations

import json
import re

from sqlmodel import select

from models.akun.pengguna import PESAN_GAGAL, PESAN_TERKUNCI
from models.db import session_scope
from models.sop.register import daftar_sop
from models.tables import AuditLog, SopLangkah, SopPelaksana, User
from tests.conftest import masuk


def _katalog(client, kecamatan=None):
    payload = {
        "output": "..katalog-hasil.children...katalog-jumlah.children..",
        "outputs": [{"id": "katalog-hasil", "property": "children"}, {"id": "katalog-jumlah", "property": "children"}],
        "inputs": [{"id": "katalog-cari", "property": "value", "value": None},
                   {"id": "katalog-kecamatan", "property": "value", "value": kecamatan}],
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


def test_five_failures_lock_the_account(client, demo):
    for _ in range(4):
        assert PESAN_GAGAL in masuk(client, "evapor.poncokusumo", "keliru123").get_data(as_text=True)
    assert PESAN_TERKUNCI in masuk(client, "evapor.poncokusumo", "keliru123").get_data(as_text=True)
    r = masuk(client, "evapor.poncokusumo")  # the right password, while locked
    assert r.status_code == 401 and PESAN_TERKUNCI in r.get_data(as_text=True)
    with session_scope(demo) as s:
        assert s.exec(select(User).where(User.username == "evapor.poncokusumo")).one().terkunci_sampai is not None
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "login.terkunci")).first() is not None


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
    client.get("/logout")
    assert _katalog(client).status_code == 401


def test_an_office_user_sees_only_its_office(client, demo):
    masuk(client, "camat.poncokusumo")
    data = _katalog(client).get_json()["response"]
    assert data["katalog-jumlah"]["children"] == "9 SOP di 1 kecamatan"
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
    client.get("/logout")
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
