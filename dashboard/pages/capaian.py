"""Capaian IKU: per indicator, quarter by quarter over the years (one office), or the offices side by side."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.dasbor.kueri import indikator_dalam_lingkup

dash.register_page(__name__, path="/capaian", name="Capaian IKU", title="Capaian IKU · SAKIP Kecamatan", order=1)

PREFIX, SARINGAN = ids.CAPAIAN_PREFIX, ids.CAPAIAN_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        sar = saringan_halaman(s, kwargs)
        bilah = bilah_saringan(s, PREFIX, sar, indikator=indikator_dalam_lingkup(s, sar.kantor_pilihan))
    return html.Div([
        html.H2("Capaian IKU"),
        html.P("Satu kecamatan: capaian per triwulan selama lima tahun sampai tahun terpilih, dengan pita predikat, "
               "angka sementara, dan proyeksi akhir tahun; klik satu titik untuk melihat catatannya. Semua "
               "kecamatan: perbandingan pada triwulan terpilih.", className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        dcc.Store(id=f"{PREFIX}-terpilih"),
        dcc.Loading(html.Div(id=f"{PREFIX}-isi"), delay_show=300),
        # A clicked point's records open over the chart, where the person is looking.
        dbc.Modal([dbc.ModalHeader(dbc.ModalTitle("Catatan realisasi")), dbc.ModalBody(id=f"{PREFIX}-rincian")],
                  id=f"{PREFIX}-rincian-jendela", size="lg", scrollable=True, is_open=False),
    ])
