"""Impor Pegawai: an office's people from a spreadsheet, one account each (models/akun/impor_pegawai.py). For the
admin (any office) and a kabupaten user (its offices)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown, pilihan_kantor_pegawai
from dashboard.data import kecamatan_terlihat, sesi
from models.akun.impor_pegawai import PERAN_IMPOR
from models.umum.lembar_kerja import MAKS_BERKAS

dash.register_page(__name__, path="/pegawai", name="Impor Pegawai", title="Impor Pegawai · SAKIP Kecamatan",
                   order=40)


@halaman(peran=PERAN_IMPOR)
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        pilihan = pilihan_kantor_pegawai(s, kecamatan_terlihat(s))
    return html.Div([
        html.H2("Impor Pegawai"),
        html.P("Satu akun untuk setiap pegawai kantor dari lembar Excel (Nama, NIP, Jabatan, Username). Peran akun "
               "mengikuti jabatannya, dengan padanan yang sama seperti kolom pelaksana SOP. Pratinjau dulu; akun "
               "dibuat semua sekaligus setelah setiap baris benar, masing-masing dengan kata sandi awal yang wajib "
               "diganti pegawai saat masuk pertama. NIP dan jabatan tercetak pada blok tanda tangan SOP dan lembar "
               "monitoring.", className="text-muted"),
        html.P("Kata sandi awal hanya diberikan sekali, sebagai slip PDF (satu lembar per pegawai) untuk dicetak dan "
               "diserahkan langsung; berlaku 72 jam dan tidak dapat dipakai dari perangkat yang menerbitkannya. Akun "
               "Camat dan Sekretaris Camat dibuat atau diganti Admin di halaman Pengguna.", className="text-muted"),
        dbc.Row([
            dbc.Col([dbc.Label("Kecamatan", html_for=ids.PEGAWAI_KANTOR),
                     dropdown(id=ids.PEGAWAI_KANTOR, options=pilihan,
                              placeholder="Ketik nama kecamatan atau kabupaten…")], md=5),
            dbc.Col(dbc.Button("Unduh templat Excel", id=ids.PEGAWAI_UNDUH_TEMPLAT, color="secondary", outline=True),
                    md="auto", className="align-self-end"),
        ], className="mb-3 g-2"),
        dcc.Download(id=ids.PEGAWAI_TEMPLAT),
        dcc.Download(id=ids.PEGAWAI_SLIP),
        dcc.Upload(id=ids.PEGAWAI_BERKAS, className="unggah mb-3", max_size=MAKS_BERKAS, accept=".xlsx",
                   children=html.Div(["Seret berkas .xlsx ke sini atau ", html.A("pilih berkas")])),
        html.Div(id=ids.PEGAWAI_PRATINJAU),
        dbc.Button("Buat akun", id=ids.PEGAWAI_SIMPAN, color="primary", disabled=True, className="mb-3"),
        html.Div(id=ids.PEGAWAI_PESAN),
    ])
