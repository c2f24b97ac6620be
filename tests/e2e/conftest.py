"""A real server on a free port with the demo database, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import shutil
import socket
import threading
from urllib.parse import urlparse

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    """Every test of this folder is a browser test: marked e2e, so the group can be run or skipped at once."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_engine(tmp_path_factory):
    """The demo database the e2e server runs on (tests may read it to check what the browser did)."""
    from models.db import get_engine
    from models.migrasi import pastikan_skema
    from seed.demo import muat_demo

    engine = get_engine(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'demo.db'}")
    pastikan_skema(engine)
    muat_demo(engine)
    return engine


def _server(engine, unggahan):
    """Serve the app on `engine` from a thread; yields its address."""
    from app import create_app

    url = engine.url.render_as_string(hide_password=False)
    app = create_app({"DATABASE_URL": url, "APP_ENV": "test", "SECRET_KEY": "kunci-e2e", "UPLOAD_DIR": str(unggahan)})
    port = _port_bebas()
    srv = make_server("127.0.0.1", port, app.server, threaded=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{port}"
    srv.shutdown()


@pytest.fixture(scope="session")
def server_url(e2e_engine, tmp_path_factory):
    yield from _server(e2e_engine, tmp_path_factory.mktemp("unggahan"))


@pytest.fixture(scope="session")
def riwayat_engine(tmp_path_factory):
    """A second database with a small generated history (4 Malang offices, 2 years), for the dashboards; or a copy
    of the SQLite file E2E_RIWAYAT_DB names (e.g. make bench's instance/bench-33x5.db, 33 offices over 5 years)."""
    import os
    import sqlite3

    from models.db import get_engine
    from models.migrasi import pastikan_skema
    from seed.riwayat import buat_riwayat

    berkas = tmp_path_factory.mktemp("riwayat") / "riwayat.db"
    if os.environ.get("E2E_RIWAYAT_DB"):
        with sqlite3.connect(os.environ["E2E_RIWAYAT_DB"]) as asal, sqlite3.connect(berkas) as salinan:
            asal.backup(salinan)  # its write-ahead log included
        engine = get_engine(f"sqlite:///{berkas}")
        pastikan_skema(engine)
        return engine
    engine = get_engine(f"sqlite:///{berkas}")
    pastikan_skema(engine)
    buat_riwayat(engine, kabupaten="Malang", kecamatan=4, tahun=2, seed=1)
    return engine


@pytest.fixture(scope="session")
def riwayat_url(riwayat_engine, tmp_path_factory):
    yield from _server(riwayat_engine, tmp_path_factory.mktemp("unggahan-riwayat"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _halaman(browser, url: str):
    """A page that records console errors and any request leaving the server; the test fails on either."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID", accept_downloads=True)
    pg = ctx.new_page()
    host = urlparse(url).netloc
    masalah: list[str] = []
    pg.on("console", lambda m: m.type == "error" and masalah.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: masalah.append(f"pageerror: {e}"))
    pg.on("request", lambda r: urlparse(r.url).netloc not in (host, "") and not r.url.startswith(("data:", "about:"))
          and masalah.append(f"request outside the server: {r.url}"))
    pg.masalah = masalah
    masuk_sebagai(pg, url, "admin")
    yield pg
    ctx.close()
    assert masalah == []


@pytest.fixture
def page(browser, server_url):
    yield from _halaman(browser, server_url)


@pytest.fixture
def halaman_riwayat(browser, riwayat_url):
    """A page on the server with the generated history."""
    yield from _halaman(browser, riwayat_url)


def tunggu_js(pg, ekspresi: str, arg=None, batas: float = 10.0) -> None:
    """Wait until a JavaScript expression is true. Polled through page.evaluate (the DevTools protocol): Playwright's
    own wait_for_function evaluates a string inside the page, which the app's Content-Security-Policy forbids."""
    import time

    akhir = time.monotonic() + batas
    while not pg.evaluate(ekspresi, arg):
        if time.monotonic() > akhir:
            raise AssertionError(f"tidak terjadi dalam {batas} detik: {ekspresi}")
        pg.wait_for_timeout(100)


def keluar(pg, server_url: str) -> None:
    """Sign out (the confirmation's POST), when signed in."""
    pg.goto(server_url + "/logout")
    if pg.locator("#konfirmasi-keluar").count():
        pg.click("#konfirmasi-keluar")
        pg.wait_for_url("**/login")


def masuk_sebagai(pg, server_url: str, username: str, password: str = "demo12345") -> None:
    """Log in through the form, as a person does. The page's callbacks still under way finish first: answered
    after the logout, they would be refused (401) and logged by the browser as errors."""
    pg.wait_for_load_state("networkidle")
    keluar(pg, server_url)
    pg.goto(server_url + "/login")
    pg.fill("input[name=username]", username)
    pg.fill("input[name=password]", password)
    pg.click("button[type=submit]")
    pg.wait_for_selector("#pengguna-aktif")
