"""Every menu page drawn in a real browser: how long until a person sees it, and the largest answer it waited for.

    make bench-layar                                   # the 33-office SQLite history (BENCH_DB, as make bench)
    BENCH_LAYAR_URL=postgresql+psycopg://sakip:sakip@127.0.0.1:5432/sakip_bench_600 make bench-layar
    .venv/bin/python tests/bench/bench_layar.py --db URL --pengguna admin,kabupaten.malang --halaman Perbandingan

The app is served from a thread of this process (werkzeug, threaded, as the browser tests do) on the database
named by --db, else BENCH_LAYAR_URL, else the SQLite file BENCH_DB (default instance/bench-33x5.db). Debian's
Chromium (Playwright) logs in through the form as each user (default admin and kabupaten.malang; every bench and
demo database is built on seed.demo's users, whose password is demo12345, --sandi or BENCH_SANDI otherwise) and
opens every page of that user's menu (dashboard.components.navbar.menu_untuk) in turn, in one window of 1280 × 900,
each by its address (a full load: the layout, Dash's dependencies and every callback the page fires), after one
unmeasured visit of Beranda per user so the server's first request of a kind (imports, compiled queries) is not
charged to the first page (--tanpa-pemanasan measures that too).

A page counts as drawn at the first moment when all of these hold, provided they still hold 500 ms later (so a
callback chained on an answer counts as part of the page): the page's address is loaded, Dash's page container has
content, no request to /_dash-update-component is under way, Dash shows no callback as loading (its
`_dash-loading-callback` marker) and no spinner is on the page (dcc.Loading, dbc.Spinner); each check runs after
the browser painted a frame, so a page whose drawing blocks the browser is measured to the end of that drawing.
The time runs from the navigation's start. A page not drawn within --tunggu seconds (30) is reported as such.

For each page it prints the seconds, the largest callback answer (decoded body, KB) with the output it was for,
the number of callbacks answered and the browser's console errors. Exits 1 when a page takes more than 5 s
(--batas) or an answer is larger than 1 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "kunci-bench-layar")

BATAS_DETIK = 5.0
BATAS_JAWABAN = 1_000_000  # bytes of one callback answer
TENANG_MS = 500  # how long a drawn page must stay drawn
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
CALLBACK = "/_dash-update-component"

# Checked in the page after the next two animation frames (the browser has painted what it had).
CEK_GAMBAR = """() => new Promise(selesai => requestAnimationFrame(() => requestAnimationFrame(() => {
    const isi = document.getElementById('_pages_content');
    selesai({
        siap: document.readyState === 'complete',
        isi: !!(isi && isi.childElementCount),
        memuat: !!document.querySelector('._dash-loading-callback, .dash-spinner, .dash-spinner-container, '
                                          + '.spinner-border, .spinner-grow'),
    });
})))"""


@dataclass
class Hasil:
    """One page opened by one user."""

    pengguna: str
    nama: str
    href: str
    detik: float | None  # None: not drawn within the wait
    jawaban: int = 0  # bytes of the largest callback answer
    keluaran: str = ""  # the output that answer was for
    panggilan: int = 0  # callbacks answered
    galat: list[str] = field(default_factory=list)

    def lewat(self, batas: float) -> list[str]:
        alasan = []
        if self.detik is None or self.detik > batas:
            alasan.append("lambat")
        if self.jawaban > BATAS_JAWABAN:
            alasan.append("jawaban > 1 MB")
        return alasan


def url_basis_data(argumen: str | None) -> str:
    if argumen:
        return argumen
    if os.environ.get("BENCH_LAYAR_URL"):
        return os.environ["BENCH_LAYAR_URL"]
    berkas = Path(os.environ.get("BENCH_DB", ROOT / "instance" / "bench-33x5.db"))
    if not berkas.exists():
        raise SystemExit(f"{berkas} belum ada: jalankan make bench sekali, atau beri --db / BENCH_LAYAR_URL.")
    return f"sqlite:///{berkas}"


def layani(url: str) -> tuple[str, object]:
    """The app on `url`, served from a thread on a free port; returns its address and the server."""
    import socket
    import tempfile

    from werkzeug.serving import WSGIRequestHandler, make_server

    from app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app({"DATABASE_URL": url, "APP_ENV": "test", "SECRET_KEY": os.environ["SECRET_KEY"],
                      "UPLOAD_DIR": tempfile.mkdtemp(prefix="bench-layar-")})
    class Sunyi(WSGIRequestHandler):
        def log_request(self, *args, **kwargs) -> None:  # one line a request would bury the table
            pass

    srv = make_server("127.0.0.1", port, app.server, threaded=True, request_handler=Sunyi)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", srv


def peran(url: str, username: str) -> str:
    from sqlmodel import select

    from models.db import get_engine, session_scope
    from models.tables import User

    with session_scope(get_engine(url)) as s:
        role = s.exec(select(User.role_kode).where(User.username == username)).first()
    if role is None:
        raise SystemExit(f"Pengguna {username} tidak ada di basis data ini.")
    return role


class Pengamat:
    """The callbacks of the page being opened: those under way, and the answers with their size."""

    def __init__(self, pg) -> None:
        self.berjalan: set = set()
        self.selesai: list = []
        self.galat: list[str] = []
        pg.on("request", self._mulai)
        pg.on("requestfinished", self._akhir)
        pg.on("requestfailed", self._akhir)
        pg.on("console", lambda m: m.type == "error" and self.galat.append(m.text[:300]))
        pg.on("pageerror", lambda e: self.galat.append(f"pageerror: {str(e)[:300]}"))

    def baru(self) -> None:
        self.berjalan.clear()
        self.selesai.clear()
        self.galat.clear()

    def _mulai(self, req) -> None:
        if CALLBACK in req.url:
            self.berjalan.add(req)

    def _akhir(self, req) -> None:
        if req in self.berjalan:
            self.berjalan.discard(req)
            self.selesai.append(req)


def _keluaran(req) -> str:
    try:
        data = json.loads(req.post_data or "{}")
    except ValueError:
        return "?"
    return str(data.get("output", "?"))[:80]


def buka(pg, amat: Pengamat, base: str, pengguna: str, nama: str, href: str, tunggu: float) -> Hasil:
    """Open one page and wait until it is drawn (see the module's docstring)."""
    amat.baru()
    t0 = time.perf_counter()
    pg.goto(base + href, wait_until="commit")
    digambar: float | None = None
    while True:
        sekarang = time.perf_counter()
        if sekarang - t0 > tunggu:
            digambar = None
            break
        try:
            k = pg.evaluate(CEK_GAMBAR)
        except Exception:  # the page navigated under the check (a redirect): look again
            k = {"siap": False}
        sekarang = time.perf_counter()
        tenang = k.get("siap") and k.get("isi") and not k.get("memuat") and not amat.berjalan
        if not tenang:
            digambar = None
        elif digambar is None:
            digambar = sekarang
        elif (sekarang - digambar) * 1000 >= TENANG_MS:
            break
        pg.wait_for_timeout(50)
    hasil = Hasil(pengguna, nama, href, None if digambar is None else digambar - t0)
    for req in list(amat.selesai):
        resp = req.response()
        if resp is None:
            continue
        try:
            n = len(resp.body())
        except Exception:  # the body is gone (the request failed): count what the network saw
            n = req.sizes().get("responseBodySize", 0)
        hasil.panggilan += 1
        if n > hasil.jawaban:
            hasil.jawaban, hasil.keluaran = n, _keluaran(req)
    hasil.galat = list(amat.galat)
    return hasil


def masuk(pg, base: str, username: str, sandi: str) -> None:
    pg.goto(base + "/login")
    pg.fill("input[name=username]", username)
    pg.fill("input[name=password]", sandi)
    pg.click("button[type=submit]")
    pg.wait_for_selector("#pengguna-aktif", timeout=60_000)
    pg.wait_for_load_state("networkidle")


def jalankan(url: str, pengguna: list[str], sandi: str, saring: str, tunggu: float, batas: float,
             tulis=print, panas: bool = True) -> list[Hasil]:
    from playwright.sync_api import sync_playwright

    from dashboard.components.navbar import menu_untuk

    base, srv = layani(url)
    hasil: list[Hasil] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for username in pengguna:
                ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
                pg = ctx.new_page()
                amat = Pengamat(pg)
                masuk(pg, base, username, sandi)
                if panas:  # the server's first request of a kind (imports, compiled queries) is not the page's cost
                    buka(pg, amat, base, username, "pemanasan", "/", tunggu)
                for nama, href in menu_untuk(peran(url, username)):
                    if saring and saring.lower() not in nama.lower():
                        continue
                    h = buka(pg, amat, base, username, nama, href, tunggu)
                    tulis(baris(h, batas))
                    hasil.append(h)
                    if h.detik is None:  # still drawing: a fresh tab for the next page
                        pg.close()
                        pg = ctx.new_page()
                        amat = Pengamat(pg)
                ctx.close()
            browser.close()
    finally:
        srv.shutdown()
    return hasil


KEPALA = f"{'pengguna':<18} {'halaman':<22} {'detik':>7} {'jawaban KB':>11} {'cb':>4}  terbesar untuk"


def baris(h: Hasil, batas: float) -> str:
    detik = "> tunggu" if h.detik is None else f"{h.detik:.2f}"
    tanda = f"  <-- {', '.join(h.lewat(batas))}" if h.lewat(batas) else ""
    galat = f"  [{len(h.galat)} galat konsol]" if h.galat else ""
    return (f"{h.pengguna:<18} {h.nama:<22} {detik:>7} {h.jawaban / 1000:>11.1f} {h.panggilan:>4}  {h.keluaran}"
            f"{galat}{tanda}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="SQLAlchemy URL of the database (default: BENCH_LAYAR_URL, else BENCH_DB's file)")
    ap.add_argument("--pengguna", default=os.environ.get("BENCH_LAYAR_PENGGUNA", "admin,kabupaten.malang"))
    ap.add_argument("--sandi", default=os.environ.get("BENCH_SANDI", "demo12345"))
    ap.add_argument("--halaman", default=os.environ.get("BENCH_SARING", ""),
                    help="only the pages whose menu name holds this text")
    ap.add_argument("--tunggu", type=float, default=30.0, help="seconds to wait for one page")
    ap.add_argument("--batas", type=float, default=BATAS_DETIK, help="seconds a page may take")
    ap.add_argument("--tanpa-pemanasan", action="store_true",
                    help="measure the first page too as the server's very first (no unmeasured visit of Beranda)")
    a = ap.parse_args(argv)
    url = url_basis_data(a.db)
    print(f"Basis data: {url.split('@')[-1]}")
    print(KEPALA)
    hasil = jalankan(url, [u.strip() for u in a.pengguna.split(",") if u.strip()], a.sandi, a.halaman, a.tunggu,
                     a.batas, panas=not a.tanpa_pemanasan)
    for h in hasil:
        for g in h.galat[:5]:
            print(f"galat konsol, {h.pengguna} {h.nama}: {g}")
    lewat = [h for h in hasil if h.lewat(a.batas)]
    print(f"{len(hasil)} halaman; {len(lewat)} melewati batas ({a.batas:g} detik, 1 MB per jawaban).")
    return 1 if lewat else 0


if __name__ == "__main__":
    sys.exit(main())
