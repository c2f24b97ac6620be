"""Waktu Siklus SOP: working time per step against mutu baku, rework, the bottleneck, one execution's timeline."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.dasbor.kueri import sop_dalam_lingkup, sop_terbanyak

dash.register_page(__name__, path="/siklus", name="Waktu Siklus SOP", title="Waktu Siklus SOP · SAKIP Kecamatan",
                   order=2)

PREFIX, SARINGAN = ids.SIKLUS_PREFIX, ids.SIKLUS_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        sar = saringan_halaman(s, kwargs, setahun=True)
        bilah = bilah_saringan(s, PREFIX, sar, sop=sop_dalam_lingkup(s, sar.kantor_pilihan), setahun=True,
                               sop_bawaan=sop_terbanyak(s, sar.kantor_pilihan, sar.tahun))
    return html.Div([
        html.H2("Waktu Siklus SOP"),
        html.P("Waktu kerja tiap langkah dihitung menurut kalender kerja kantor (hari dan jam kerja, tanpa hari libur "
               "nasional dan cuti bersama), dibandingkan dengan mutu baku langkah itu. Pelaksanaan dipilih menurut "
               "periode yang dikerjakannya.", className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        dcc.Loading(html.Div(id=f"{PREFIX}-isi"), delay_show=300),
        html.H4("Garis waktu satu pelaksanaan", className="mt-4"),
        dropdown(id=f"{PREFIX}-eksekusi", placeholder="Pilih pelaksanaan…", className="mb-2"),
        dcc.Loading(html.Div(id=f"{PREFIX}-garis"), delay_show=300),
    ])
