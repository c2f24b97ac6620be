"""The server killed (SIGKILL, master and worker) in the middle of a request: an Excel import, an approval and an
SOP import sent over HTTP to gunicorn as the browser sends them leave the database as it was before, never
between; the same request to a restarted server then does all of its work. On SQLite and on PostgreSQL.

gunicorn runs with tests/gangguan/gunicorn_jeda.py, which holds the request's commit once its writes are flushed:
the latest moment a kill can come, when the most is written and nothing is kept yet."""
from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from sqlmodel import func, select

from models.db import session_scope
from models.tables import AuditLog
from tests.dash_util import daftar_callback, payload, sidik_basis_data
from tests.fabrik import nama_pengguna
from tests.integration.test_gangguan import (
    _excel,
    _langkah_terbuka,
    _setelah_excel,
    _setelah_persetujuan,
    _setelah_sop,
    _sop,
)
from tests.muat.jalankan import port_bebas

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Server:
    """gunicorn on the test's database, in a process group of its own so one signal reaches master and worker."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.pasang, self.siap = folder / "pasang", folder / "siap"
        self.proses: subprocess.Popen | None = None

    def mulai(self) -> str:
        port = port_bebas()
        env = {**os.environ, "DATABASE_URL": self.url, "APP_ENV": "production", "SECRET_KEY": "gangguan-http",
               "COOKIE_SECURE": "0", "UPLOAD_DIR": str(self.folder / "unggahan"), "PYTHONPATH": str(ROOT),
               "GANGGUAN_PASANG": str(self.pasang), "GANGGUAN_SIAP": str(self.siap)}
        self.proses = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "tests" / "gangguan" / "gunicorn_jeda.py"), "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--threads", "2", "app:server"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "server.log", "a"), start_new_session=True)
        alamat = f"http://127.0.0.1:{port}"
        for _ in range(480):  # a busy machine (the suite runs in parallel) may take a while to start it
            try:
                if requests.get(f"{alamat}/siap", timeout=5).status_code == 200:
                    return alamat
            except requests.RequestException:
                pass
            assert self.proses.poll() is None, (self.folder / "server.log").read_text()[-2000:]
            time.sleep(0.25)
        raise AssertionError("server tidak siap")

    def bunuh(self) -> None:
        os.killpg(self.proses.pid, signal.SIGKILL)
        assert self.proses.wait(timeout=30) == -signal.SIGKILL

    def henti(self) -> None:
        if self.proses and self.proses.poll() is None:
            os.killpg(self.proses.pid, signal.SIGTERM)
            self.proses.wait(timeout=30)


def _masuk(alamat: str, username: str) -> requests.Session:
    klien = requests.Session()
    halaman = klien.get(f"{alamat}/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    r = klien.post(f"{alamat}/login", data={"username": username, "password": "demo12345", "csrf_token": token},
                   allow_redirects=False)
    assert r.status_code == 302, r.text[:300]
    return klien


def _permintaan(kerja: str, masukan: bytes, callbacks: dict) -> tuple[str, str, dict, str]:
    """(username, audit pattern, Dash request body, the text the person reads on success)."""
    def body(nama_fungsi: str, picu: str, **nilai) -> dict:
        kunci = next(k for k, cb in callbacks.items()
                     if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == nama_fungsi)
        b = payload(kunci, callbacks[kunci], nilai)
        b["changedPropIds"] = [f"{picu}.n_clicks"]
        return b

    if kerja == "excel":
        isi = f"data:{XLSX};base64,{base64.b64encode(masukan).decode()}"
        return (nama_pengguna("kasubag_evapor"), "realisasi.%",
                body("callbacks.realisasi.terapkan_excel", "excel-terapkan", isi=isi,
                     periode={"tahun": 2025, "triwulan": 1}), "2 realisasi disimpan sebagai draf")
    if kerja == "persetujuan":
        catatan_id = int(masukan.decode())  # approved with none of its kelengkapan ticked: the confirmed request
        return (nama_pengguna("camat"), "langkah.%",
                body("callbacks.persetujuan.bertindak", "tugas-tanpa-bukti", catatan_id=catatan_id, alasan=None,
                     bukti=[], konfirmasi={"catatan_id": catatan_id, "tombol": "tugas-setuju"}), "Disetujui")
    isi = f"data:{DOCX};base64,{base64.b64encode(masukan).decode()}"
    return ("admin", "sop.%", body("callbacks.unggah_sop.simpan_semua", "unggah-sop-simpan", isi=isi,
                                   nama="kalipare.docx", kantor=None, nilai=None, ident=None, nilai_kembali=None,
                                   ident_kembali=None), "Tersimpan.")


@pytest.mark.parametrize("kerja", ["excel", "persetujuan", "sop"])
def test_killing_gunicorn_mid_request_leaves_nothing_and_the_request_again_does_it_all(demo, app, tmp_path, kerja):
    masukan = {"excel": _excel, "persetujuan": _langkah_terbuka, "sop": _sop}[kerja](demo)
    c = app.server.test_client()
    from tests.conftest import masuk

    masuk(c, "admin")
    c.get("/")
    username, pola, body, berhasil = _permintaan(kerja, masukan, daftar_callback(app))
    url = demo.url.render_as_string(hide_password=False)
    demo.dispose()
    server = Server(url, tmp_path)
    try:
        alamat = server.mulai()
        klien = _masuk(alamat, username)
        sebelum = sidik_basis_data(demo, kecuali=())  # every table, the audit log included, after the login
        with session_scope(demo) as s:
            audit = s.exec(select(func.count(AuditLog.id))).one()
            terakhir = s.exec(select(func.max(AuditLog.id))).one()
        demo.dispose()
        server.pasang.write_text(f"{pola} {terakhir}")
        jawaban: list = []
        kirim = threading.Thread(target=lambda: jawaban.append(_kirim(klien, alamat, body)), daemon=True)
        kirim.start()
        batas = time.monotonic() + 120
        while not server.siap.exists():
            assert time.monotonic() < batas, (tmp_path / "server.log").read_text()[-2000:]
            time.sleep(0.05)
        assert int(server.siap.read_text()) > audit  # written, not yet committed
        server.bunuh()
        kirim.join(timeout=30)
        assert jawaban == [None]  # the browser got no answer
        assert sidik_basis_data(demo, kecuali=()) == sebelum
        demo.dispose()

        server.pasang.unlink()
        alamat = server.mulai()
        jawab = _kirim(_masuk(alamat, username), alamat, body)
        assert jawab is not None and jawab.status_code == 200 and berhasil in jawab.text, getattr(jawab, "text", "")
    finally:
        server.henti()
    with session_scope(demo) as s:
        {"excel": _setelah_excel, "persetujuan": lambda s: _setelah_persetujuan(s, int(masukan.decode())),
         "sop": _setelah_sop}[kerja](s)


def _kirim(klien: requests.Session, alamat: str, body: dict) -> requests.Response | None:
    try:
        return klien.post(f"{alamat}/_dash-update-component", json=body, timeout=120)
    except requests.ConnectionError:
        return None
