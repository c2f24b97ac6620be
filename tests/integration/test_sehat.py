"""Health and readiness answer without a session; the request log is one JSON line per request, without the query
string or the form (so never a password)."""
from __future__ import annotations

import json
import logging

from tests.conftest import masuk


def test_health_and_readiness_answer_without_a_session(client, demo):
    r = client.get("/sehat")
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}
    r = client.get("/siap")
    assert r.status_code == 200 and r.get_json() == {"status": "siap"}  # the revision is the admin's to read
    masuk(client, "admin")
    r = client.get("/siap")
    assert r.status_code == 200 and r.get_json() == {"status": "siap", "revisi": "0009"}


def test_readiness_says_why_when_the_schema_is_behind(client, demo):
    from sqlalchemy import text

    with demo.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    try:
        r = client.get("/siap")
        assert r.status_code == 503
        assert r.get_json() == {"status": "belum siap", "alasan": "skema basis data belum pada migrasi terbaru"}
        masuk(client, "admin")
        r = client.get("/siap")
        assert r.status_code == 503
        assert r.get_json() == {"status": "belum siap", "alasan": "skema pada revisi 0004, terbaru 0009; jalankan "
                                                                  "flask db upgrade"}
    finally:
        with demo.begin() as c:
            c.execute(text("UPDATE alembic_version SET version_num = '0009'"))


def test_each_request_is_one_json_line_without_the_password(engine, tmp_path, demo):
    from app import create_app

    url = engine.url.render_as_string(hide_password=False)
    app = create_app({"DATABASE_URL": url, "APP_ENV": "test", "SECRET_KEY": "k", "UPLOAD_DIR": str(tmp_path),
                      "LOG_PERMINTAAN": "1"})
    baris: list[str] = []

    class Kumpul(logging.Handler):
        def emit(self, record):
            baris.append(record.getMessage())

    log = logging.getLogger("sakip.permintaan")
    tangan = Kumpul()
    log.addHandler(tangan)
    try:
        c = app.server.test_client()
        masuk(c, "camat.kalipare")
        c.get("/capaian?tahun=2025&triwulan=1")
    finally:
        log.removeHandler(tangan)
    data = [json.loads(b) for b in baris]
    post = next(d for d in data if d["metode"] == "POST" and d["alamat"] == "/login")
    assert post["status"] == 302 and post["ms"] >= 0 and post["ip"] == "127.0.0.1"
    akhir = data[-1]
    assert (akhir["alamat"], akhir["status"], akhir["pengguna"], akhir["peran"]) == (
        "/capaian", 200, "camat.kalipare", "camat")
    assert set(akhir) == {"waktu", "metode", "alamat", "status", "ms", "pengguna", "peran", "ip"}
    assert not any("demo12345" in b or "tahun=2025" in b for b in baris)
