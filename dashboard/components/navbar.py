"""The top bar: product name and the pages of the menu."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from dashboard import ids
from models.akun.peran import PERAN_KANTOR
from models.sop.unggah import PERAN_UNGGAH

SEMUA = None
# (label, address, roles that may use the page; None: every signed-in user). Comfort only: each page and
# callback checks the role again on the server.
MENU: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("Beranda", "/", SEMUA),
    ("Capaian", "/capaian", SEMUA),
    ("Waktu Siklus", "/siklus", SEMUA),
    ("Perbandingan", "/perbandingan", SEMUA),
    ("Persetujuan", "/persetujuan", SEMUA),
    ("Pekerjaan", "/pekerjaan", PERAN_KANTOR),
    ("Tindak Lanjut", "/tindak-lanjut", SEMUA),
    ("Realisasi", "/realisasi", PERAN_KANTOR),
    ("IKU & Target", "/iku", PERAN_KANTOR),
    ("Perjanjian Kinerja", "/perjanjian-kinerja", SEMUA),
    ("Laporan Kinerja", "/laporan-kinerja", SEMUA),
    # An office answers its own LKE; the kabupaten's users start from every office's recap, which opens each LKE.
    ("Evaluasi AKIP", "/evaluasi-akip", PERAN_KANTOR),
    ("Evaluasi AKIP", "/evaluasi-akip/rekap", frozenset({"admin", "kabupaten", "evaluator"})),
    ("Anggaran", "/anggaran", SEMUA),
    ("Katalog", "/sop", SEMUA),
    ("Unggah SOP", "/unggah-sop", PERAN_UNGGAH),
    ("Monitoring SOP", "/monitoring-sop", SEMUA),
    ("Kalender SAKIP", "/kalender-sakip", SEMUA),
    ("Pengaturan Kabupaten", "/pengaturan-kabupaten", frozenset({"admin", "kabupaten"})),
    ("Pengguna", "/pengguna", frozenset({"admin"})),
    ("Impor Pegawai", "/pegawai", frozenset({"admin", "kabupaten"})),
    ("Hari Libur", "/hari-libur", frozenset({"admin"})),
)


def menu_untuk(role_kode: str | None) -> list[tuple[str, str]]:
    """The menu entries a role sees.

    >>> [nama for nama, _ in menu_untuk("camat")]
    ['Beranda', 'Capaian', 'Waktu Siklus', 'Perbandingan', 'Persetujuan', 'Pekerjaan', 'Tindak Lanjut', 'Realisasi',
     'IKU & Target', 'Perjanjian Kinerja', 'Laporan Kinerja', 'Evaluasi AKIP', 'Anggaran', 'Katalog', 'Unggah SOP',
     'Monitoring SOP', 'Kalender SAKIP']
    >>> [nama for nama, _ in menu_untuk("kabupaten")]
    ['Beranda', 'Capaian', 'Waktu Siklus', 'Perbandingan', 'Persetujuan', 'Tindak Lanjut', 'Perjanjian Kinerja',
     'Laporan Kinerja', 'Evaluasi AKIP', 'Anggaran', 'Katalog', 'Monitoring SOP', 'Kalender SAKIP',
     'Pengaturan Kabupaten', 'Impor Pegawai']
    >>> [nama for nama, _ in menu_untuk("evaluator")]
    ['Beranda', 'Capaian', 'Waktu Siklus', 'Perbandingan', 'Persetujuan', 'Tindak Lanjut', 'Perjanjian Kinerja',
     'Laporan Kinerja', 'Evaluasi AKIP', 'Anggaran', 'Katalog', 'Monitoring SOP', 'Kalender SAKIP']
    >>> dict(menu_untuk("evaluator"))["Evaluasi AKIP"], dict(menu_untuk("kasubag_evapor"))["Evaluasi AKIP"]
    ('/evaluasi-akip/rekap', '/evaluasi-akip')
    >>> [nama for nama in ("Pengguna", "Hari Libur") if nama in dict(menu_untuk("admin"))]
    ['Pengguna', 'Hari Libur']
    """
    return [(nama, href) for nama, href, peran in MENU if peran is None or role_kode in peran]


def navbar() -> dbc.Navbar:
    pengguna = []
    role = current_user.role_kode if current_user.is_authenticated else None
    if current_user.is_authenticated:
        pengguna = [
            html.Div([html.Strong(current_user.nama), html.Br(),
                      html.Span(f"{current_user.role_nama} · {current_user.kantor}", className="text-white-50")],
                     className="navbar-text text-light small me-2 lh-sm text-end pengguna-aktif", id="pengguna-aktif",
                     title=f"{current_user.nama} · {current_user.role_nama} · {current_user.kantor}"),
            html.A("Ganti sandi", href="/ganti-sandi", className="btn btn-link btn-sm link-light text-nowrap px-1 me-1",
                   id="tautan-sandi"),
            # Signing out is a POST with the form's token: no other site can sign a person out with a link.
            html.Form([dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
                       html.Button("Keluar", type="submit", className="btn btn-outline-light btn-sm",
                                   id="tombol-keluar")], method="POST", action="/logout", className="m-0"),
        ]
    # Below the large breakpoint the menu and the signed-in person fold behind the toggler (a phone shows the page's
    # title on its first screen); callbacks/__init__.py opens and closes it in the browser.
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span("SAKIP", className="fw-bold"),
                     html.Span(" Kecamatan", className="fw-light d-none d-xxl-inline")],
                    href="/",
                ),
                # Bootstrap's toggler, written here: dbc's names itself in English ("Toggle navigation").
                html.Button(html.Span(className="navbar-toggler-icon"), id=ids.MENU_TOGGLER, type="button",
                            className="navbar-toggler", title="Menu",
                            **{"aria-label": "Menu", "aria-controls": ids.MENU_LIPAT, "aria-expanded": "false"}),
                dbc.Collapse(
                    [
                        dbc.Nav([dbc.NavItem(dbc.NavLink(nama, href=href, active="exact"))
                                 for nama, href in menu_untuk(role)], navbar=True, className="me-auto"),
                        html.Div(pengguna, className="d-flex align-items-center flex-wrap flex-lg-nowrap menu-pengguna"),
                    ],
                    id=ids.MENU_LIPAT, is_open=False, navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3",
    )
