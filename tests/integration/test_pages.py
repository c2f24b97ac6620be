"""Pages and callbacks answer from the database, with Bootstrap served by the app itself."""
from __future__ import annotations

import json

import pytest

from models.akun.akses import AksesDitolak
from tests.conftest import masuk
from tests.fabrik import pengguna


def _teks(komponen) -> str:
    """All text of a Dash component tree (as the JSON the browser receives)."""
    return json.dumps(komponen, default=lambda o: o.to_plotly_json() if hasattr(o, "to_plotly_json") else str(o),
                      ensure_ascii=False)


KATALOG = ("..katalog-hasil.children...katalog-jumlah.children...katalog-halaman.max_value..."
           "katalog-halaman.active_page...katalog-halaman.className..")


def _katalog(client, cari=None, kecamatan=None):
    payload = {
        "output": KATALOG,
        "outputs": [{"id": "katalog-hasil", "property": "children"}, {"id": "katalog-jumlah", "property": "children"},
                    {"id": "katalog-halaman", "property": "max_value"},
                    {"id": "katalog-halaman", "property": "active_page"},
                    {"id": "katalog-halaman", "property": "className"}],
        "inputs": [{"id": "katalog-cari", "property": "value", "value": cari},
                   {"id": "katalog-kecamatan", "property": "value", "value": kecamatan},
                   {"id": "katalog-halaman", "property": "active_page", "value": 1}],
        "changedPropIds": ["katalog-cari.value"],
        "state": [],
    }
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == 200, r.data[:500]
    return r.get_json()["response"]


def test_catalog_callback_lists_every_office_to_the_admin(client, demo):
    masuk(client, "admin")
    resp = _katalog(client)
    assert resp["katalog-jumlah"]["children"] == "17 SOP di 4 kecamatan"
    teks = json.dumps(resp["katalog-hasil"], ensure_ascii=False)
    for kantor in ("Kecamatan Kalipare", "Kecamatan Poncokusumo", "Kecamatan Karangploso", "Kecamatan Muara Papalik"):
        assert kantor in teks
    assert "2 hari 3 jam 15 menit" in teks


def test_catalog_search_and_office_filter(client, demo):
    masuk(client, "kabupaten.malang")
    assert _katalog(client)["katalog-jumlah"]["children"] == "14 SOP di 3 kecamatan"
    assert _katalog(client, cari="renja")["katalog-jumlah"]["children"] == "1 SOP di 1 kecamatan"
    assert _katalog(client, kecamatan="Kalipare")["katalog-jumlah"]["children"] == "3 SOP di 1 kecamatan"
    kosong = _katalog(client, cari="tidak ada sop begini")
    assert kosong["katalog-jumlah"]["children"] == "0 SOP"
    assert "Tidak ada SOP yang cocok" in json.dumps(kosong, ensure_ascii=False)


def test_sop_page_shows_total_and_flowchart(app, demo):
    from flask_login import login_user

    from dashboard.pages import sop_detail
    from dashboard.web.auth import muat_pengguna
    from models.db import session_scope
    from models.sop.register import daftar_sop

    with session_scope(demo) as s:
        (karangploso,) = [b for b in daftar_sop(s) if b.kecamatan == "Karangploso"]
    with app.server.test_request_context():
        with session_scope(demo) as s:
            admin = pengguna(s, peran="admin")
            admin_id, token = admin.id, admin.sesi_token
        login_user(muat_pengguna(f"{admin_id}:{token}"))
        halaman = sop_detail.layout(sop_id=str(karangploso.sop_id))
        teks = _teks(halaman)
        assert "Pelaporan Kinerja" in teks
        assert teks.count("2 hari 3 jam 15 menit") >= 2
        assert "Diparaf Sekretaris dan ditandatangani Camat" in teks
        assert 'class=\\"simbol keputusan\\"' in teks  # the swimlane SVG is embedded
        for salah in ("99999", "abc"):  # absent or not a number: the same refusal as another office's SOP
            with pytest.raises(AksesDitolak, match="Data ini tidak ada atau bukan milik kantor Anda."):
                sop_detail.layout(sop_id=salah)
        hilang = _teks(sop_detail.layout(sop_id=str(karangploso.sop_id), revisi="7"))
        assert f"SOP nomor {karangploso.sop_id} tidak ada dalam katalog." in hilang


def test_bootstrap_is_served_locally(client, demo):
    masuk(client, "admin")
    r = client.get("/vendor/bootstrap/css/bootstrap.min.css")
    assert r.status_code == 200
    assert b"Bootstrap" in r.data[:200]
    halaman = client.get("/sop").get_data(as_text=True)
    assert "/vendor/bootstrap/css/bootstrap.min.css" in halaman
    assert "cdn" not in halaman.lower()


def test_a_freshly_built_app_knows_its_bundles_before_any_request(db_url, tmp_path):
    """Dash registers the bundles it may serve during its first-request set-up, after flagging that set-up done; a
    second thread of a new gunicorn worker then answered bundle requests with 500. create_app does the set-up."""
    from app import create_app

    app = create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji",
                      "UPLOAD_DIR": str(tmp_path / "unggahan")})
    assert {"dash", "dash_bootstrap_components"} <= set(app.registered_paths)
