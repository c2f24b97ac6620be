"""Perbandingan Kecamatan: a kabupaten's offices side by side for a quarter; an office against its kabupaten."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.dasbor.kueri import sop_dalam_lingkup, sop_terbanyak

dash.register_page(__name__, path="/perbandingan", name="Perbandingan Kecamatan",
                   title="Perbandingan Kecamatan · SAKIP Kecamatan", order=3)

PREFIX, SARINGAN = ids.PERBANDINGAN_PREFIX, ids.PERBANDINGAN_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        sar = saringan_halaman(s, kwargs)
        bilah = bilah_saringan(s, PREFIX, sar, sop=sop_dalam_lingkup(s, sar.kantor_pilihan),
                               sop_bawaan=sop_terbanyak(s, sar.kantor_pilihan, sar.tahun))
    return html.Div([
        html.H2("Perbandingan Kecamatan"),
        html.P("Siapa yang terlambat, bagaimana capaian dan proses tiap kecamatan dibandingkan, dan rekap untuk "
               "rapat. Pilih satu kecamatan untuk melihat posisinya terhadap median kabupaten; pilih SOP untuk "
               "membandingkan prosesnya.",
               className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        # Four parts, each drawn by its own callback: what the offices owe, what they achieve, how soon and how
        # well they follow up, how an SOP runs.
        dcc.Loading(html.Div(id=f"{PREFIX}-kepatuhan"), delay_show=300),
        dcc.Loading(html.Div(id=f"{PREFIX}-capaian"), delay_show=300),
        dcc.Loading(html.Div(id=f"{PREFIX}-tindak"), delay_show=300),
        dcc.Loading(html.Div(id=f"{PREFIX}-proses"), delay_show=300),
    ])
