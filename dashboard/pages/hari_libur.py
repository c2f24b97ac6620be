"""Hari Libur: the year's national holidays and cuti bersama, and the local days off the admin enters for every
office."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.data import pengaturan
from models.umum import periode
from models.umum.kalender import TAHUN_AWAL, baca_jam_kerja, tulis_jam_kerja

dash.register_page(__name__, path="/hari-libur", name="Hari Libur", title="Hari Libur · SAKIP Kecamatan", order=10)

ADMIN = {"admin"}


def _tambah() -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Tambah libur lokal", className="card-title"),
        dbc.Label("Tanggal", html_for=ids.LIBUR_TANGGAL),
        # Typed as people write dates (a browser's date field shows its own locale's order, mm/dd/yyyy in English).
        dbc.Input(id=ids.LIBUR_TANGGAL, placeholder="mis. 29 Oktober 2026", className="mb-2"),
        dbc.Label("Keterangan", html_for=ids.LIBUR_KETERANGAN),
        dbc.Input(id=ids.LIBUR_KETERANGAN, maxLength=200, placeholder="mis. Hari Jadi Kabupaten"),
        dbc.FormText("Hari libur nasional dan cuti bersama (SKB Tiga Menteri) sudah termasuk dengan sendirinya. "
                     "Tambahkan di sini hari libur lain yang berlaku bagi semua kantor."),
        html.Div(dbc.Button("Tambahkan", id=ids.LIBUR_SIMPAN, color="primary"), className="mt-3"),
        html.Div(id=ids.LIBUR_PESAN, className="mt-2"),
    ]), className="mb-3")


def _konfirmasi() -> dbc.Modal:
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle("Hapus libur lokal")),
        dbc.ModalBody(id=ids.LIBUR_KONFIRMASI_TEKS),
        dbc.ModalFooter([
            dbc.Button("Batal", id=ids.LIBUR_KONFIRMASI_BATAL, color="secondary", outline=True),
            dbc.Button("Hapus", id=ids.LIBUR_KONFIRMASI_YA, color="danger"),
        ]),
    ], id=ids.LIBUR_KONFIRMASI, is_open=False)


@halaman(peran=ADMIN)
def layout(**_kwargs) -> html.Div:
    tahun_ini = periode.hari_ini().year
    tahun = [{"label": str(t), "value": t} for t in range(tahun_ini + 1, TAHUN_AWAL - 1, -1)]
    return html.Div([
        html.H2("Hari Libur"),
        html.P(["Hari libur nasional, cuti bersama dan libur lokal tidak dihitung sebagai waktu kerja dalam setiap perhitungan "
                "waktu siklus SOP. Jam kerja kantor: ", html.Strong(tulis_jam_kerja(baca_jam_kerja(pengaturan().jam_kerja))),
                " (waktu setempat tiap kecamatan; diatur oleh pengelola server). Setiap perubahan dicatat di log "
                "audit."],
               className="text-muted"),
        dcc.Store(id=ids.LIBUR_VERSI, data=0),
        dcc.Store(id=ids.LIBUR_HAPUS_ID),
        dbc.Row([
            dbc.Col([
                html.Div([
                    dbc.Label("Tahun", html_for=ids.LIBUR_TAHUN, className="mb-0 me-2"),
                    dropdown(id=ids.LIBUR_TAHUN, options=tahun, value=tahun_ini, clearable=False,
                                 searchable=False, style={"width": "8rem"}),
                ], className="d-flex align-items-center mb-2"),
                dcc.Loading(html.Div(id=ids.LIBUR_TABEL)),
            ], lg=8),
            dbc.Col(_tambah(), lg=4),
        ]),
        _konfirmasi(),
    ])
