"""The top bar: product name and the pages of the menu."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

MENU = (
    ("Beranda", "/"),
    ("Katalog SOP", "/sop"),
)


def navbar() -> dbc.Navbar:
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span("SAKIP", className="fw-bold"), html.Span(" Kecamatan", className="fw-light")],
                    href="/",
                ),
                dbc.Nav([dbc.NavItem(dbc.NavLink(nama, href=href, active="exact")) for nama, href in MENU],
                        navbar=True),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )
