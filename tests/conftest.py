"""Fixtures: each test gets its own migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid

os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "kunci-uji")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/sakip-import-{os.getpid()}.db")

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402

from models.db import dispose_engine, get_engine  # noqa: E402
from models.migrasi import pastikan_skema  # noqa: E402

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _pg_admin(sql: str, *, percobaan: int = 10) -> None:
    """One statement on the TEST_DATABASE_URL server outside a transaction. A database still in use (an autovacuum
    worker on a template or on a database being dropped) is waited for rather than failing the test."""
    admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
    try:
        for ke in range(percobaan):
            try:
                with admin.connect() as c:
                    c.execute(text(sql))
                return
            except DBAPIError:
                if ke == percobaan - 1:
                    raise
                time.sleep(0.5)
    finally:
        admin.dispose()


def _pg_url(nama: str) -> str:
    return make_url(PG_URL).set(database=nama).render_as_string(hide_password=False)


def _pg_database(nama: str) -> str:
    """A fresh PostgreSQL database for one test, created from the TEST_DATABASE_URL server."""
    _pg_admin(f'CREATE DATABASE "{nama}"', percobaan=1)
    return _pg_url(nama)


def _pg_drop(nama: str) -> None:
    """Drop a test database."""
    _pg_admin(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def _pg_dari_templat(nama: str, templat: str) -> str:
    """A test's PostgreSQL database as a copy of a template database (CREATE DATABASE … TEMPLATE)."""
    _pg_admin(f'CREATE DATABASE "{nama}" TEMPLATE "{templat}"')
    return _pg_url(nama)


def _bangun(url: str, demo: bool) -> None:
    engine = get_engine(url)
    pastikan_skema(engine)
    if demo:
        from models.umum import periode
        from seed.demo import muat_demo

        # The template is built once per worker, whichever test asks first: on the system date, not on a day that
        # test set (the demo's targets are written for this year and the last).
        jam = periode.jam()
        periode.atur_hari_ini(None)
        try:
            muat_demo(engine)
        finally:
            periode.atur_hari_ini(jam)
    dispose_engine(url)  # no connection may stay open on a template; SQLite checkpoints its WAL into the file


@pytest.fixture(scope="session")
def templat_basis_data(tmp_path_factory, sandi_murah):
    """Migrated databases, empty and with the demo, built once per run; each test gets a copy of one of them
    (migrating and loading the demo for every test made most of the suite's time)."""
    dibuat: dict[tuple[str, bool], str] = {}

    def ambil(backend: str, demo: bool) -> str:
        kunci = (backend, demo)
        if kunci not in dibuat:
            if backend == "sqlite":
                berkas = tmp_path_factory.mktemp("templat") / f"{'demo' if demo else 'kosong'}.db"
                _bangun(f"sqlite:///{berkas}", demo)
                dibuat[kunci] = str(berkas)
            else:
                nama = f"sakip_templat_{uuid.uuid4().hex[:10]}"
                _bangun(_pg_database(nama), demo)
                dibuat[kunci] = nama
        return dibuat[kunci]

    yield ambil
    for (backend, _demo), nama in dibuat.items():
        if backend == "postgresql":
            _pg_drop(nama)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path, templat_basis_data):
    """A migrated database for this test alone: a copy of the template, with the demo when the test asks for it."""
    demo = "demo" in request.fixturenames
    templat = templat_basis_data(request.param, demo)
    if request.param == "sqlite":
        berkas = tmp_path / "uji.db"
        shutil.copyfile(templat, berkas)
        url = f"sqlite:///{berkas}"
        yield url
        dispose_engine(url)
    else:
        nama = f"sakip_uji_{uuid.uuid4().hex[:10]}"
        url = _pg_dari_templat(nama, templat)
        yield url
        dispose_engine(url)
        _pg_drop(nama)


@pytest.fixture
def engine(db_url):
    return get_engine(db_url)


@pytest.fixture
def app(engine, db_url, tmp_path):
    from app import create_app

    return create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji",
                       "UPLOAD_DIR": str(tmp_path / "unggahan")})


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def demo(engine):
    """The demo (seed.demo.muat_demo), already in the copy db_url made of the demo template."""
    return engine


def masuk(client, username: str, password: str = "demo12345", alamat: str = "127.0.0.1"):
    """Log in through the real form, CSRF token included, from `alamat`; returns the response of the POST."""
    import re

    halaman = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": alamat})


def keluar(client):
    """Sign out as the navbar's button does: a POST with the page's CSRF token."""
    import re

    halaman = client.get("/logout").get_data(as_text=True)
    cocok = re.search(r'name="csrf_token" value="([^"]+)"', halaman)
    if cocok is None:  # not signed in: /logout sends to the login page
        return None
    return client.post("/logout", data={"csrf_token": cocok.group(1)})


@pytest.fixture(scope="session", autouse=True)
def jenis_kerja():
    """Every kind of work registered with the state machine, as create_app does at start-up."""
    from models.jenis_kerja import muat

    muat()


@pytest.fixture(scope="session", autouse=True)
def sandi_murah():
    """Cheap password hashes for the test databases: the demo makes dozens of users and scrypt costs most of the
    time of loading it. Logins still check the hash; the method is the only difference."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    import models.akun.pengguna

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(models.akun.pengguna, "generate_password_hash", partial(generate_password_hash, method="pbkdf2:sha256:1"))
        yield
