"""The top bar: product name and the pages of the menu."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from flask_login import current_user

MENU = (
    ("Beranda", "/"),
    ("Katalog SOP", "/sop"),
)


def navbar() -> dbc.Navbar:
    pengguna = []
    if current_user.is_authenticated:
        pengguna = [
            html.Span([html.Strong(current_user.nama), f" · {current_user.role_nama} · {current_user.kantor}"],
                      className="navbar-text text-light small me-3", id="pengguna-aktif"),
            html.A("Keluar", href="/logout", className="btn btn-outline-light btn-sm", id="tombol-keluar"),
        ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span("SAKIP", className="fw-bold"), html.Span(" Kecamatan", className="fw-light")],
                    href="/",
                ),
                dbc.Nav([dbc.NavItem(dbc.NavLink(nama, href=href, active="exact")) for nama, href in MENU],
                        navbar=True, className="me-auto"),
                html.Div(pengguna, className="d-flex align-items-center"),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )
