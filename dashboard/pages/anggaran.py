"""Anggaran: the office's DPA for a year (program → kegiatan → sub kegiatan, pagu, realisation per quarter,
penyerapan) and the sasaran each sub kegiatan serves; kept by the office's budget keepers, read by everyone in
scope (a kabupaten user picks the office)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.anggaran import form_anggaran, kartu_excel
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.akun.peran import PENGELOLA_ANGGARAN
from models.perencanaan.anggaran import sasaran_kantor
from models.tables import User

dash.register_page(__name__, path="/anggaran", name="Anggaran", title="Anggaran · SAKIP Kecamatan", order=6)

PREFIX, SARINGAN = ids.ANGGARAN_PREFIX, ids.ANGGARAN_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        sar = saringan_halaman(s, kwargs, setahun=True)
        bilah = bilah_saringan(s, PREFIX, sar, triwulan=False, setahun=True)
        user = s.get(User, current_user.id)
        menulis = user.role_kode in PENGELOLA_ANGGARAN and user.kecamatan_id is not None
        sasaran = sasaran_kantor(s, user.kecamatan_id) if menulis else []
    # The form and the Excel card are on every page (the callbacks name them) and shown to the keepers only; the
    # server refuses a write from anyone else.
    kelas = "" if menulis else "d-none"
    return html.Div([
        html.H2("Anggaran"),
        html.P("Dokumen Pelaksanaan Anggaran (DPA) kecamatan per tahun: program, kegiatan dan sub kegiatan dengan "
               "pagu, realisasi tiap triwulan dan penyerapannya, serta sasaran IKU yang dilayani tiap sub kegiatan. "
               "Diisi oleh Camat, Sekretaris Camat, Kasubag Perencanaan dan Keuangan, Kasubag Umum atau Kasubag "
               "Evapor.", className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        None if menulis else dbc.Alert("Anda dapat melihat DPA; perubahan dilakukan oleh pengelola anggaran kantor.",
                                       color="light", className="small py-2", id="anggaran-baca-saja"),
        dcc.Loading(html.Div(id=ids.ANGGARAN_ISI), delay_show=300),
        dbc.Row([dbc.Col(form_anggaran(sasaran), lg=7), dbc.Col(kartu_excel(), lg=5)], className=f"g-3 {kelas}",
                id="anggaran-kelola"),
    ])
