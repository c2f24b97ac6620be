"""The load test in its short form (make load runs 50 users for two minutes): simulated users of the real roles
against gunicorn, then the database checked (tests/muat/jalankan.py), on SQLite and on PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_short_load_leaves_no_server_error_and_every_write_exactly_once(backend):
    argumen = ["--pengguna", "8", "--detik", "15"]
    if backend == "postgresql":
        if not os.environ.get("TEST_DATABASE_URL"):
            pytest.skip("TEST_DATABASE_URL tidak diisi")
        url = make_url(os.environ["TEST_DATABASE_URL"]).set(database="sakip_muat_uji")
        argumen += ["--db", url.render_as_string(hide_password=False)]
    r = subprocess.run([sys.executable, "-m", "tests.muat.jalankan", *argumen], cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "Tidak ada galat server; setiap tulisan tepat satu kali" in r.stdout
    assert "Realisasi: ajukan" in r.stdout and "Persetujuan (antrian)" in r.stdout
