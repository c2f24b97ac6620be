"""Evaluasi AKIP: an office's LKE of a year. Office users see their own office's, answer its column (Sekretaris
Camat, Kasubag Evapor) and read the evaluator's; kabupaten users and the Inspektorat's evaluator pick an office
(?kecamatan=<id or name>&tahun=), and the evaluator answers its column, reviews and finalises."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.evaluasi_akip import kartu_lke
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.akun.peran import TINGKAT_KABUPATEN
from models.tables import User
from models.tindak_lanjut.evaluasi_akip import PENGATUR_LKE, daftar_lke, tahun_bawaan

dash.register_page(__name__, path="/evaluasi-akip", name="Evaluasi AKIP", title="Evaluasi AKIP · SAKIP Kecamatan",
                   order=9)

NAMA_SARINGAN = ("kecamatan", "tahun")


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        args = {"tahun": tahun_bawaan(), **kwargs}
        sar = saringan_halaman(s, args, setahun=True)
        bilah = bilah_saringan(s, ids.AKIP_PREFIX, sar, triwulan=False)
        lke = kartu_lke(daftar_lke(s, user.kabupaten_id)) if user.role_kode in PENGATUR_LKE and user.kabupaten_id \
            else None
        kabupaten = user.role_kode in TINGKAT_KABUPATEN or user.role_kode == "admin"
    return html.Div([
        html.H2("Evaluasi AKIP"),
        html.P("Lembar Kerja Evaluasi (LKE) PermenPAN-RB 88/2021 satu kecamatan setahun: penilaian mandiri kecamatan "
               "dengan catatan dan bukti, penilaian evaluator Inspektorat, reviu (kriteria dapat dikembalikan dengan "
               "pertanyaan), lalu nilai dan predikat final.", className="text-muted"),
        html.P(html.A("Rekap Evaluasi AKIP kabupaten", href="/evaluasi-akip/rekap", id="akip-tautan-rekap"))
        if kabupaten else None,
        bilah, penyimpan_alamat(ids.AKIP_PREFIX, NAMA_SARINGAN),
        dcc.Store(id=ids.AKIP_VERSI, data=0), dcc.Store(id=ids.AKIP_NILAI_VERSI, data=0),
        dcc.Store(id=ids.AKIP_EVALUASI),
        html.Div(id=ids.AKIP_PESAN),
        dbc.Row([
            dbc.Col([html.Div(id=ids.AKIP_KEPALA), dcc.Loading(html.Div(id=ids.AKIP_ISI))], lg=8,
                    className="order-2 order-lg-1"),
            # On a phone the scores come before the 80 criteria; beside them from a laptop on.
            dbc.Col([html.Div(id=ids.AKIP_NILAI, className="sticky-lg-top"), lke], lg=4,
                    className="order-1 order-lg-2"),
        ]),
    ])
