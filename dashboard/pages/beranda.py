"""Beranda: what the Camat opens every Monday (one office), or the kabupaten's offices side by side."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi

dash.register_page(__name__, path="/", name="Beranda", title="Beranda · SAKIP Kecamatan", order=0)

PREFIX, SARINGAN = ids.BERANDA_PREFIX, ids.BERANDA_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        # A quarter by default; the whole year ("Setahun", the yearly work such as the Renja) and next year as on
        # the other pages that show a year's work.
        sar = saringan_halaman(s, kwargs, setahun=True, bawaan_setahun=False)
        bilah = bilah_saringan(s, PREFIX, sar, setahun=True)
    diganti = kwargs.get("sandi") == "diganti"  # Ganti kata sandi lands here after the change
    return html.Div([
        dbc.Alert("Kata sandi berhasil diganti.", color="success", id="sandi-diganti", dismissable=True)
        if diganti else None,
        html.H2("Beranda"),
        html.P("Capaian IKU triwulan terpilih (atau setahun), pekerjaan tahunan, persetujuan yang menunggu, tindak "
               "lanjut yang terlambat, dan langkah SOP yang selesai dalam mutu baku.", className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        dcc.Loading(html.Div(id=f"{PREFIX}-isi"), delay_show=300),
    ])
