"""Katalog SOP: every SOP in force, per office, with search."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.data import kecamatan_terlihat, sesi
from models.sop.register import kantor_katalog
from models.umum.isian import MAKS_CARI

dash.register_page(__name__, path="/sop", name="Katalog SOP", title="Katalog SOP · SAKIP Kecamatan", order=1)


@halaman(kecamatan="kecamatan")
def layout(kecamatan: str | None = None, q: str | None = None, **_kwargs) -> html.Div:
    with sesi() as s:
        kantor = kantor_katalog(s, kecamatan_terlihat(s))
    pilihan = [{"label": f"{kec} (Kab. {kab})", "value": kec} for kab, kec in kantor]
    return html.Div([
        html.H2("Katalog SOP"),
        html.P("Standar Operasional Prosedur tiap kantor kecamatan: identitas, langkah, mutu baku dan diagram alir.",
               className="text-muted"),
        dbc.Row([
            dbc.Col(dbc.Input(id=ids.KATALOG_CARI, type="search", value=q or "", debounce=True, maxLength=MAKS_CARI,
                              placeholder="Cari nama SOP, nomor atau kecamatan…"), md=6),
            dbc.Col(dropdown(id=ids.KATALOG_KECAMATAN, options=pilihan, value=kecamatan,
                                 placeholder="Semua kecamatan", clearable=True), md=4),
        ], className="mb-3 g-2"),
        html.Div(id=ids.KATALOG_JUMLAH, className="text-muted small mb-2"),
        dcc.Loading(html.Div(id=ids.KATALOG_HASIL)),
        # A page of offices at a time (models.sop.register.halaman_katalog); hidden while one page holds them all.
        dbc.Pagination(id=ids.KATALOG_HALAMAN, max_value=1, active_page=1, first_last=True, previous_next=True,
                       fully_expanded=False, size="sm", className="d-none"),
    ])
