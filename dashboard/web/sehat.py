"""Health and readiness for whatever runs the server (a balancer, systemd, a container platform), and one
structured line per request for its logs (the `sehat` Blueprint).

  GET /sehat  200 while the process answers (no database touched)
  GET /siap   200 when the database answers and its schema is at the newest migration; else 503 with the reason.
              The schema's revision (and the database's failure) is told to a signed-in admin only.

A request's line (logger "sakip.permintaan", JSON): time, method, path (never the query string or a body, so
never a password), status, milliseconds, the signed-in user's username and role, the client address.
"""
from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone

from flask import Blueprint, Flask, current_app, g, jsonify, request
from flask_login import current_user
from sqlalchemy import text

LOG = logging.getLogger("sakip.permintaan")
bp = Blueprint("sehat", __name__)


def _revisi_kepala(server: Flask) -> str | None:
    from alembic.script import ScriptDirectory

    from models.migrasi import alembic_config

    return ScriptDirectory.from_config(alembic_config(server.extensions["sakip_engine"])).get_current_head()


def _pasang(state) -> None:
    """As the app is built: the newest migration is read once, and the request log attached if LOG_PERMINTAAN asks."""
    server = state.app
    server.extensions["sakip_revisi_kepala"] = _revisi_kepala(server)
    if not server.extensions["sakip_settings"].log_permintaan:
        return
    if not LOG.handlers:  # one line per request on stderr, whatever the server configures for its own logs
        tangan = logging.StreamHandler()
        tangan.setFormatter(logging.Formatter("%(message)s"))
        LOG.addHandler(tangan)
        LOG.setLevel(logging.INFO)
        LOG.propagate = False
    server.before_request(_mulai)
    server.after_request(_catat)


bp.record_once(_pasang)


@bp.route("/sehat")
def sehat():
    return jsonify({"status": "ok"})


def _admin() -> bool:
    return current_user.is_authenticated and current_user.role_kode == "admin"


@bp.route("/siap")
def siap():
    kepala = current_app.extensions["sakip_revisi_kepala"]
    admin = _admin()
    try:
        with current_app.extensions["sakip_engine"].connect() as c:
            revisi = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as e:  # noqa: BLE001  (any failure of the database is "not ready", said plainly)
        alasan = f"basis data tidak menjawab ({e.__class__.__name__})" if admin else "basis data tidak menjawab"
        return jsonify({"status": "belum siap", "alasan": alasan}), 503
    if revisi != kepala:
        alasan = (f"skema pada revisi {revisi}, terbaru {kepala}; jalankan flask db upgrade" if admin
                  else "skema basis data belum pada migrasi terbaru")
        return jsonify({"status": "belum siap", "alasan": alasan}), 503
    return jsonify({"status": "siap", "revisi": revisi} if admin else {"status": "siap"})


def _mulai() -> None:
    g.mulai_permintaan = time.perf_counter()


def _catat(jawaban):
    mulai = g.get("mulai_permintaan")
    masuk = current_user.is_authenticated
    LOG.info(json.dumps({
        "waktu": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "metode": request.method, "alamat": request.path, "status": jawaban.status_code,
        "ms": round((time.perf_counter() - mulai) * 1000, 1) if mulai else None,
        "pengguna": current_user.username if masuk else None, "peran": current_user.role_kode if masuk else None,
        "ip": request.remote_addr,
    }, ensure_ascii=False))
    return jawaban
