"""Login, logout and the password change (the `auth` Blueprint, HTML forms), and the one guard in front of every
page and callback (`penjaga`, a before-request hook of the whole app).

A session names its user and the user's session token (`id:token`); a new token (logout, a password change or
reset, deactivation) ends every session of that user on the server. A session also ends after SESI_MENGANGGUR_MENIT
without a request and SESI_MAKS_JAM after its login, whatever the cookie says.
"""
from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

from dash.exceptions import DependencyException
from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from sqlmodel import select
from wtforms.validators import ValidationError

from dashboard.akses import PESAN_MASUK, audit_akses_ditolak, catat_penolakan, periksa_alamat
from dashboard.data import mesin, sesi
from dashboard.web.publik import alamat_publik
from models.akun.akses import AksesDitolak
from models.akun.pembatas import (
    PESAN_DIBATASI,
    PESAN_GANTI_DIBATASI,
    berhasil,
    boleh_mencoba,
    boleh_mengganti,
    kembalikan_ganti,
)
from models.akun.pengguna import (
    KATA_SANDI_DEMO,
    PESAN_GAGAL,
    PESAN_SANDI_SALAH,
    akhiri_sesi,
    autentikasi,
    ganti_sandi_sendiri,
)
from models.dasbor.kueri import PilihKabupaten
from models.tables import AuditLog, Kabupaten, Kecamatan, Role, User
from models.umum.audit import catat
from models.umum.penolakan import Ditolak

# The routes open without a session, by the endpoint the address matched exactly (never by a prefix): the login
# page, the health checks, vendored Bootstrap and the app's assets (a missing file is a 404), the scripts Dash
# registered (another is a 404: the DependencyException handler) and the favicons. A kabupaten's public page: `alamat_publik`.
PUBLIK = frozenset({"auth.login", "sehat.sehat", "sehat.siap", "vendor.vendor_bootstrap", "vendor.favicon",
                    "_dash_assets.static",
                    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>", "/_favicon.ico"})
PUBLIK_KABUPATEN = frozenset({"publik.halaman", "publik.dokumen"})
# Dash's page shell: for the address of a registered page (`_halaman_dikenal`); another address is a 404 (to a
# signed-in user the shell itself, whose pages router shows the 404 page; to anyone else a small page).
SHELL_DASH = frozenset({"/", "/<path:path>"})
PESAN_CARA = "Cara permintaan ini tidak didukung untuk alamat ini. Kembali ke Beranda."
PESAN_TIDAK_ADA = "Alamat ini tidak ada. Periksa alamatnya, atau kembali ke Beranda."
DASH_DATA = ("/_dash-update-component", "/_dash-layout", "/_dash-dependencies")
PESAN_GANTI_SANDI = "Ganti kata sandi awal Anda lebih dahulu (halaman Ganti Kata Sandi)."
PESAN_SESI_HABIS = "Sesi Anda berakhir karena lama tidak digunakan atau sudah terlalu lama. Silakan masuk kembali."


@dataclass
class PenggunaSesi(UserMixin):
    """The signed-in user as the request sees it (a detached copy of the row)."""

    id: int
    username: str
    nama: str
    role_kode: str
    role_nama: str
    kecamatan_id: int | None
    kabupaten_id: int | None
    kantor: str
    token: str
    ganti_sandi: bool = False  # a first-login password: nothing else opens until the person sets their own

    def get_id(self) -> str:
        return f"{self.id}:{self.token}"


def muat_pengguna(sesi_id: str) -> PenggunaSesi | None:
    """The user a session names, while the session's token is still the user's (and the user active)."""
    user_id, _, token = (sesi_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    with sesi() as s:
        u = s.get(User, int(user_id))
        if u is None or not u.aktif or not hmac.compare_digest(u.sesi_token.encode(), token.encode()):
            return None
        role = s.get(Role, u.role_kode)
        if u.kecamatan_id:
            kantor = f"Kecamatan {s.get(Kecamatan, u.kecamatan_id).nama}"
        elif u.kabupaten_id:
            kantor = f"Kabupaten {s.get(Kabupaten, u.kabupaten_id).nama}"
        else:
            kantor = "Semua kantor"
        return PenggunaSesi(u.id, u.username, u.nama, u.role_kode, role.nama if role else u.role_kode,
                            u.kecamatan_id, u.kabupaten_id, kantor, u.sesi_token, u.ganti_sandi)


def _halaman_sandi(pesan: str | None, wajib: bool, *, status: int = 200):
    return (render_template("ganti_sandi.html", pesan=pesan, wajib=wajib, csrf_token=generate_csrf()), status,
            {"Content-Type": "text/html; charset=utf-8"})


def _aman(tujuan: str | None) -> str:
    """Only same-site paths after login; "/" for anything else, or for a path holding a control character (a
    header cannot carry CR or LF), a backslash or a lone surrogate.

    >>> [_aman(t) for t in ("/capaian?tahun=2025", "//jahat.invalid/", "http://x/", "/" + chr(13) + chr(10) + "x",
    ...                     "/" + chr(92) + "jahat", "/" + chr(0xD800))]
    ['/capaian?tahun=2025', '/', '/', '/', '/', '/']
    """
    if not tujuan or not tujuan.startswith("/") or tujuan.startswith("//") or "\\" in tujuan:
        return "/"
    if any(ord(c) < 32 or ord(c) == 127 for c in tujuan):
        return "/"
    try:
        tujuan.encode("utf-8")
    except UnicodeEncodeError:
        return "/"
    u = urlparse(tujuan)
    return tujuan if not u.scheme and not u.netloc else "/"


def _demo_dimuat() -> bool:
    with sesi() as s:
        return s.exec(select(AuditLog.id).where(AuditLog.aksi == "demo.muat")).first() is not None


def _halaman_login(pesan: str | None, username: str = "", status: int = 200):
    isi = render_template("login.html", pesan=pesan, username=username, demo=_demo_dimuat(),
                          demo_password=KATA_SANDI_DEMO, next_query=urlencode({"next": request.args.get("next", "/")}),
                          csrf_token=generate_csrf())
    return isi, status, {"Content-Type": "text/html; charset=utf-8"}


def jawaban_ditolak(e: AksesDitolak):
    """403 with the message only: JSON for Dash requests, a small page for a browser; audited, when no check before
    has audited it."""
    audit_akses_ditolak(e, sasaran=f"rute {request.path}")
    if request.path.startswith("/_dash"):
        return jsonify({"galat": e.pesan}), 403
    return render_template("ditolak.html", pesan=e.pesan), 403, {"Content-Type": "text/html; charset=utf-8"}


bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.user_loader(muat_pengguna)


def _pasang_login_manager(state) -> None:
    """flask-login on the app the Blueprint is registered on (its user loader, its remember-cookie hook)."""
    login_manager.init_app(state.app)


bp.record_once(_pasang_login_manager)


def _formulir_sah() -> bool:
    """The form carries this session's CSRF token."""
    try:
        validate_csrf(request.form.get("csrf_token"))
    except (CSRFError, ValidationError):
        return False
    return True


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method != "POST":
        return _halaman_login(None)
    if not _formulir_sah():
        return _halaman_login("Sesi formulir kedaluwarsa. Silakan coba lagi.", status=400)
    username = request.form.get("username", "")
    alamat = request.remote_addr or "-"
    if len(username) > 80 or any(ord(c) < 32 or ord(c) == 127 for c in username):  # no such account can exist
        return _halaman_login(PESAN_GAGAL, status=401)
    # Counted before the password is checked, whether or not the account exists.
    percobaan = boleh_mencoba(mesin(), username=username, alamat=alamat)
    if not percobaan.boleh:
        with sesi() as s:
            catat(s, aksi="login.dibatasi", keterangan=f"nama pengguna: {username[:80]}; alamat: {alamat}")
        return _halaman_login(PESAN_DIBATASI, username=username, status=429)
    with sesi() as s:
        hasil = autentikasi(s, username=username, password=request.form.get("password", ""), alamat=alamat)
        user_id = hasil.user.id if hasil.user else None
        token = hasil.user.sesi_token if hasil.user else ""
    if user_id is None:
        return _halaman_login(hasil.pesan, username=username, status=401)
    berhasil(mesin(), username=username, alamat=alamat, percobaan=percobaan)
    session.clear()
    login_user(muat_pengguna(f"{user_id}:{token}"))
    sekarang = int(time.time())
    session["masuk_pada"], session["aktif_pada"] = sekarang, sekarang
    return redirect(_aman(request.args.get("next")))


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    """A POST with the form's token signs out (every session of the user ends); a GET only asks."""
    if request.method != "POST":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return (render_template("keluar.html", csrf_token=generate_csrf()), 200,
                {"Content-Type": "text/html; charset=utf-8"})
    if not _formulir_sah():
        return (render_template("keluar.html", csrf_token=generate_csrf(),
                                pesan="Formulir kedaluwarsa; tekan Keluar sekali lagi."), 400,
                {"Content-Type": "text/html; charset=utf-8"})
    if current_user.is_authenticated:
        with sesi() as s:
            u = s.get(User, current_user.id)
            akhiri_sesi(u)
            s.add(u)
            catat(s, aksi="logout", oleh=u, objek="pengguna", objek_id=u.id, kecamatan_id=u.kecamatan_id)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/ganti-sandi", methods=["GET", "POST"])
def ganti_sandi():
    """The signed-in user sets their own password; after a first-login password, the only page that opens. Each
    attempt is counted before the current password is checked (models.akun.pembatas.GANTI: 5 in 15 minutes per
    account), every refusal and the change are audited, and the page it lands on says the change was made."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    wajib = current_user.ganti_sandi
    if request.method != "POST":
        return _halaman_sandi(None, wajib)
    if not _formulir_sah():
        return _halaman_sandi("Sesi formulir kedaluwarsa. Silakan coba lagi.", wajib, status=400)
    if not boleh_mengganti(mesin(), user_id=current_user.id):
        with sesi() as s:
            catat(s, aksi="pengguna.sandi.dibatasi", oleh=s.get(User, current_user.id), objek="pengguna",
                  objek_id=current_user.id, kecamatan_id=current_user.kecamatan_id,
                  keterangan=f"alamat: {request.remote_addr or '-'}")
        return _halaman_sandi(PESAN_GANTI_DIBATASI, wajib, status=429)
    try:
        with sesi() as s:
            u = ganti_sandi_sendiri(s, user_id=current_user.id, sandi_lama=request.form.get("sandi_lama", ""),
                                    sandi_baru=request.form.get("sandi_baru", ""),
                                    ulangi=request.form.get("ulangi", ""))
            sesi_id = f"{u.id}:{u.sesi_token}"
    except Ditolak as e:
        if str(e) != PESAN_SANDI_SALAH:  # the current password was right: only a guess counts against the limit
            kembalikan_ganti(mesin(), user_id=current_user.id, selesai=False)
        catat_penolakan(e, sasaran="rute /ganti-sandi")
        return _halaman_sandi(str(e), wajib, status=400)
    kembalikan_ganti(mesin(), user_id=current_user.id, selesai=True)
    login_user(muat_pengguna(sesi_id))  # this session goes on with the new token; every other one has ended
    return redirect("/?sandi=diganti")


bp.app_errorhandler(AksesDitolak)(jawaban_ditolak)


def halaman_tidak_ada():
    """404 for an address the product does not have, for everyone: JSON for Dash's requests, else a small page in
    Indonesian (no page shell, so nothing of the app's internals)."""
    if request.path.startswith("/_dash") and not request.path.startswith("/_dash-component-suites/"):
        return jsonify({"galat": "Alamat tidak ditemukan."}), 404
    return (render_template("tidak_ditemukan.html", pesan=PESAN_TIDAK_ADA), 404,
            {"Content-Type": "text/html; charset=utf-8"})


bp.app_errorhandler(404)(lambda _e: halaman_tidak_ada())


@bp.app_errorhandler(405)
def cara_tidak_didukung(_e):
    """A method the address does not take (POST to a page, PUT to /login): said in Indonesian, as JSON for Dash's
    requests."""
    if request.path.startswith("/_dash"):
        return jsonify({"galat": PESAN_CARA}), 405
    return (render_template("tidak_ditemukan.html", judul="Cara permintaan tidak didukung", pesan=PESAN_CARA), 405,
            {"Content-Type": "text/html; charset=utf-8"})
# A script Dash never registered (`/_dash-component-suites/nope/x.js`): Dash raises this, a 404 here.
bp.app_errorhandler(DependencyException)(lambda _e: halaman_tidak_ada())


@bp.app_errorhandler(Ditolak)
def jawaban_penolakan(e: Ditolak):
    """A refusal of the domain raised by a route (a download, a print): the work is rolled back with its session;
    audited in its own transaction, as the callbacks' refusals are (dashboard.akses.catat_penolakan), and answered
    400 with the message."""
    catat_penolakan(e, sasaran=f"rute {request.path}")
    if request.path.startswith("/_dash"):
        return jsonify({"galat": str(e)}), 400
    return render_template("ditolak.html", pesan=str(e)), 400, {"Content-Type": "text/html; charset=utf-8"}


@bp.app_errorhandler(PilihKabupaten)
def pilih_kabupaten(e: PilihKabupaten):
    """A download or print over every office of every kabupaten: asked for one kabupaten at a time (not a refusal)."""
    if request.path.startswith("/_dash"):
        return jsonify({"galat": str(e)}), 400
    return (render_template("tidak_ditemukan.html", judul="Pilih kabupaten", pesan=str(e)), 400,
            {"Content-Type": "text/html; charset=utf-8"})


@bp.app_errorhandler(413)
def terlalu_besar(_e):
    """A body over MAX_CONTENT_LENGTH is not read; the person is told in words."""
    mb = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    pesan = f"Berkas atau isian terlalu besar (lebih dari {mb} MB); tidak ada yang disimpan."
    if request.path.startswith("/_dash"):
        return jsonify({"galat": pesan}), 413
    return render_template("ditolak.html", pesan=pesan), 413, {"Content-Type": "text/html; charset=utf-8"}


# ---------------------------------------------------------------- the guard, in front of every request


@bp.before_app_request
def penjaga():
    """An address the product does not have is a 404 for everyone; public routes pass; otherwise a valid session is
    needed, a first-login password is changed before anything else, and a page address naming another office is
    refused."""
    path = request.path
    if request.routing_exception is not None:  # no route: Flask answers 404 (or 405) itself, for everyone
        return None
    dikenal = request.endpoint not in SHELL_DASH or _halaman_dikenal(path)
    if request.endpoint in PUBLIK_KABUPATEN and not alamat_publik(path):  # e.g. /publik/Malang
        return halaman_tidak_ada()
    if _publik(path):
        return None
    if not current_user.is_authenticated:
        return _minta_masuk(path) if dikenal else halaman_tidak_ada()
    if _sesi_habis():
        return _akhiri_sesi_habis(path)
    if _harus_ganti_sandi(path):
        return _minta_ganti_sandi(path)
    if not dikenal:  # the page shell with its navbar, whose router shows "Halaman tidak ditemukan"; status 404
        return current_app.view_functions[request.endpoint](**(request.view_args or {})), 404
    _periksa_alamat_halaman(path)
    return None


def _publik(path: str) -> bool:
    """The login page, static files, the health checks and a kabupaten's public page (exactly its two address
    shapes, dashboard.web.publik) open without a session: by the route the address matched, not by its prefix."""
    return request.endpoint in PUBLIK or alamat_publik(path)


def _halaman_dikenal(path: str) -> bool:
    """Whether an address the page shell would answer is a registered Dash page; the ids a page's address names are
    checked with the page's policy (`_periksa_alamat_halaman`)."""
    from dash._pages import _path_to_page

    page, _ = _path_to_page(path.strip("/"))
    return bool(page)


def _minta_masuk(path: str):
    """No session: Dash's data requests answer 401, anything else goes to the login page and comes back after."""
    if path.startswith(DASH_DATA):
        return jsonify({"galat": PESAN_MASUK}), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _akhiri_sesi_habis(path: str):
    """An idle or too old session ends here, on the server, whatever the cookie says."""
    logout_user()
    session.clear()
    if path.startswith(DASH_DATA):
        return jsonify({"galat": PESAN_SESI_HABIS}), 401
    return _halaman_login(PESAN_SESI_HABIS, status=401)


def _harus_ganti_sandi(path: str) -> bool:
    """A first-login password opens only the password page and logout."""
    return current_user.ganti_sandi and path not in ("/ganti-sandi", "/logout")


def _minta_ganti_sandi(path: str):
    if path.startswith(DASH_DATA):
        return jsonify({"galat": PESAN_GANTI_SANDI}), 403
    return redirect(url_for("auth.ganti_sandi"))


def _periksa_alamat_halaman(path: str) -> None:
    """A page address naming another office raises AksesDitolak (403); Dash's own requests are checked per
    callback."""
    if request.method == "GET" and not path.startswith("/_dash"):
        periksa_alamat(path, request.args.to_dict())


def _sesi_habis() -> bool:
    """Idle too long, or signed in too long ago; otherwise the session's last activity is noted (once a minute)."""
    sekarang = int(time.time())
    masuk, aktif = session.get("masuk_pada"), session.get("aktif_pada")
    if not isinstance(masuk, int) or not isinstance(aktif, int):
        return True
    config = current_app.config
    if sekarang - aktif > config["SESI_MENGANGGUR_MENIT"] * 60 or sekarang - masuk > config["SESI_MAKS_JAM"] * 3600:
        return True
    if sekarang - aktif >= 60:
        session["aktif_pada"] = sekarang
    return False
