"""Login and logout (Flask routes with an HTML form), and the one guard in front of every page and callback."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from sqlmodel import select
from wtforms.validators import ValidationError

from dashboard.akses import PESAN_MASUK, periksa_alamat
from dashboard.data import sesi
from models.akun.akses import AksesDitolak
from models.akun.pengguna import KATA_SANDI_DEMO, autentikasi
from models.tables import AuditLog, Kabupaten, Kecamatan, Role, User

PUBLIK = ("/login", "/vendor/", "/assets/", "/_dash-component-suites/", "/_favicon.ico", "/favicon.ico")
DASH_DATA = ("/_dash-update-component", "/_dash-layout", "/_dash-dependencies")


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

    def get_id(self) -> str:
        return str(self.id)


def muat_pengguna(user_id: str) -> PenggunaSesi | None:
    if not user_id.isdigit():
        return None
    with sesi() as s:
        u = s.get(User, int(user_id))
        if u is None or not u.aktif:
            return None
        role = s.get(Role, u.role_kode)
        if u.kecamatan_id:
            kantor = f"Kecamatan {s.get(Kecamatan, u.kecamatan_id).nama}"
        elif u.kabupaten_id:
            kantor = f"Kabupaten {s.get(Kabupaten, u.kabupaten_id).nama}"
        else:
            kantor = "Semua kantor"
        return PenggunaSesi(u.id, u.username, u.nama, u.role_kode, role.nama if role else u.role_kode,
                            u.kecamatan_id, u.kabupaten_id, kantor)


def _aman(tujuan: str | None) -> str:
    """Only same-site paths after login."""
    if not tujuan:
        return "/"
    u = urlparse(tujuan)
    return tujuan if not u.scheme and not u.netloc and tujuan.startswith("/") else "/"


def _demo_dimuat() -> bool:
    with sesi() as s:
        return s.exec(select(AuditLog.id).where(AuditLog.aksi == "demo.muat")).first() is not None


def _halaman_login(pesan: str | None, username: str = "", status: int = 200):
    isi = render_template("login.html", pesan=pesan, username=username, demo=_demo_dimuat(),
                          demo_password=KATA_SANDI_DEMO, next_query=urlencode({"next": request.args.get("next", "/")}),
                          csrf_token=generate_csrf())
    return isi, status, {"Content-Type": "text/html; charset=utf-8"}


def jawaban_ditolak(e: AksesDitolak):
    """403 with the message only: JSON for Dash requests, a small page for a browser."""
    if request.path.startswith("/_dash"):
        return jsonify({"galat": e.pesan}), 403
    return render_template("ditolak.html", pesan=e.pesan), 403, {"Content-Type": "text/html; charset=utf-8"}


def pasang_auth(server: Flask) -> None:
    """Attach flask-login, /login, /logout and the guard to the Flask server."""
    lm = LoginManager()
    lm.user_loader(muat_pengguna)
    lm.init_app(server)

    @server.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return _halaman_login(None)
        try:
            validate_csrf(request.form.get("csrf_token"))
        except (CSRFError, ValidationError):
            return _halaman_login("Sesi formulir kedaluwarsa. Silakan coba lagi.", status=400)
        username = request.form.get("username", "")
        with sesi() as s:
            hasil = autentikasi(s, username=username, password=request.form.get("password", ""))
            user_id = hasil.user.id if hasil.user else None
        if user_id is None:
            return _halaman_login(hasil.pesan, username=username, status=401)
        login_user(muat_pengguna(str(user_id)))
        return redirect(_aman(request.args.get("next")))

    @server.route("/logout", methods=["POST", "GET"])
    def logout():
        logout_user()
        return redirect(url_for("login"))

    server.register_error_handler(AksesDitolak, jawaban_ditolak)

    @server.before_request
    def penjaga():
        path = request.path
        if path.startswith(PUBLIK):
            return None
        if current_user.is_authenticated:
            if request.method == "GET" and not path.startswith("/_dash"):
                periksa_alamat(path, request.args.to_dict())  # a page address naming another office: 403
            return None
        if path.startswith(DASH_DATA):
            return jsonify({"galat": PESAN_MASUK}), 401
        return redirect(url_for("login", next=request.full_path.rstrip("?")))
