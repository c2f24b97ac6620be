"""`make fuzz`: the long run of the property-based tests (tests/fuzz/penguji.py) on a fresh demo database, with the
figures printed at the end; exit status 1 when a property failed.

    python -m tests.fuzz.jalankan [--jumlah 20000] [--db postgresql+psycopg://user:pw@host/any] [--acak 1]

Without --db the database is a new SQLite file. With --db (a PostgreSQL URL; `make fuzz` passes FUZZ_DB_URL or else
TEST_DATABASE_URL), a database of its own is created on that server for the run, as tests/conftest.py does, and
dropped at the end: other users of the server are not disturbed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path

os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "kunci-uji")


def _pg_admin(url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(sql))
    finally:
        admin.dispose()


def _siapkan(url: str) -> None:
    """Migrate and load the demo (cheap password hashes, as the test suite uses)."""
    from werkzeug.security import generate_password_hash

    import models.akun.pengguna
    from models.db import get_engine
    from models.jenis_kerja import muat
    from models.migrasi import pastikan_skema
    from seed.demo import muat_demo

    muat()
    models.akun.pengguna.generate_password_hash = partial(generate_password_hash, method="pbkdf2:sha256:1")
    engine = get_engine(url)
    pastikan_skema(engine)
    muat_demo(engine)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jumlah", type=int, default=20_000, help="requests to draw (default 20000)")
    ap.add_argument("--db", default=None, help="a PostgreSQL URL: the run gets its own database on that server")
    ap.add_argument("--acak", type=int, default=1, help="hypothesis seed (the same seed draws the same requests)")
    ap.add_argument("--sidik-tiap", type=int, default=100, help="full database fingerprint every N requests")
    a = ap.parse_args(argv)

    from sqlalchemy.engine import make_url

    pg_nama = None
    if a.db:
        pg_nama = f"sakip_fuzz_{uuid.uuid4().hex[:10]}"
        _pg_admin(a.db, f'CREATE DATABASE "{pg_nama}"')
        url = make_url(a.db).set(database=pg_nama).render_as_string(hide_password=False)
        nama_db = f"PostgreSQL (basis data {pg_nama})"
    else:
        berkas = Path(tempfile.mkdtemp(prefix="sakip-fuzz-")) / "fuzz.db"
        url = f"sqlite:///{berkas}"
        nama_db = f"SQLite ({berkas})"
    try:
        mulai = time.monotonic()
        _siapkan(url)
        from app import create_app
        from tests.fuzz.penguji import Penguji, jalankan

        app = create_app({"DATABASE_URL": url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji",
                          "UPLOAD_DIR": tempfile.mkdtemp(prefix="sakip-fuzz-unggah-")})
        penguji = Penguji(app)
        print(f"fuzz: {a.jumlah} masukan pada {nama_db}, {len(penguji.callback)} callback, "
              f"{len(penguji.aturan)} rute, {len(set(penguji.klien))} peran (termasuk anonim)", flush=True)
        try:
            jalankan(penguji, a.jumlah, kumpulkan=True, sidik_tiap=a.sidik_tiap, acak=a.acak)
            penguji.cocokkan_sidik()
        finally:
            penguji.tutup()
        c = penguji.catatan
        print(c.ringkas())
        print(f"waktu: {time.monotonic() - mulai:.0f} detik")
        gagal = c.galat_500 or c.tulis_ditolak or c.tanpa_audit or c.sidik_meleset
        return 1 if gagal else 0
    finally:
        from models.db import dispose_engine

        dispose_engine(url)
        if pg_nama:
            _pg_admin(a.db, f'DROP DATABASE IF EXISTS "{pg_nama}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
