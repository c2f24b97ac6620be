"""The page shown for an address the product does not have (Dash's own says "404 - Page not found")."""
from __future__ import annotations

import dash
from dash import html

from dashboard.akses import halaman

dash.register_page(__name__, path="/404", name="Halaman tidak ditemukan", title="Halaman tidak ditemukan · SAKIP")


@halaman()
def layout(**_kwargs) -> html.Div:
    return html.Div([
        html.H2("Halaman tidak ditemukan"),
        html.P("Alamat ini tidak ada. Periksa alamatnya, atau kembali ke Beranda.", className="text-muted"),
        html.A("Ke Beranda", href="/", className="btn btn-primary"),
    ], id="halaman-tidak-ada")
