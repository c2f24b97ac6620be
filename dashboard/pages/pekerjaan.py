"""Pekerjaan SOP: start any SOP in force about a document of a period, see what runs, and (the Camat) cancel."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pekerjaan import opsi_batal, tabel_berjalan
from dashboard.components.pilihan import dropdown
from dashboard.data import sesi
from models.akun.peran import PERAN_KANTOR
from models.perencanaan.pekerjaan import PEMBATAL, daftar_berjalan, sop_untuk_dimulai
from models.tables import User
from models.umum import periode
from models.umum.periode import ROMAWI

dash.register_page(__name__, path="/pekerjaan", name="Pekerjaan SOP", title="Pekerjaan SOP · SAKIP Kecamatan",
                   order=5)


def _mulai(opsi: list[dict], tahun: int) -> dbc.Card:
    if not opsi:
        isi = [html.P("Peran Anda tidak melaksanakan langkah pertama SOP mana pun di kantor ini; pekerjaan dimulai "
                      "oleh pelaksana langkah pertamanya atau Camat.", className="text-muted mb-0")]
    else:
        isi = [
            dbc.Label("SOP", html_for=ids.PEKERJAAN_SOP),
            dropdown(id=ids.PEKERJAAN_SOP, options=opsi, placeholder="Pilih SOP…", className="mb-2"),
            dbc.Label("Judul", html_for=ids.PEKERJAAN_JUDUL),
            dbc.Input(id=ids.PEKERJAAN_JUDUL, maxLength=200, placeholder='mis. "Renja 2027"', className="mb-2"),
            dbc.Row([
                dbc.Col([dbc.Label("Tahun", html_for=ids.PEKERJAAN_TAHUN),
                         dbc.Input(id=ids.PEKERJAAN_TAHUN, type="number", value=tahun, min=2000, max=2100)], md=5),
                dbc.Col([dbc.Label("Triwulan", html_for=ids.PEKERJAAN_TRIWULAN),
                         dropdown(id=ids.PEKERJAAN_TRIWULAN, value=0, clearable=False,
                                      options=[{"label": "Tahunan", "value": 0}]
                                      + [{"label": f"Triwulan {ROMAWI[n]}", "value": n} for n in range(1, 5)])], md=7),
            ], className="g-2 mb-2"),
            # What stands in the way of the start for the period chosen, said before the click (callbacks.pekerjaan)
            html.Div(id=ids.PEKERJAAN_CATATAN),
            html.Div(dbc.Checkbox(id=ids.PEKERJAAN_ULANG, value=False,
                                  label="Kerjakan ulang: pekerjaan periode ini sudah selesai dan memang dikerjakan "
                                        "lagi"),
                     id=ids.PEKERJAAN_ULANG_KOTAK, className="mb-2", style={"display": "none"}),
            html.Div(className="mb-3"),
        ]
    return dbc.Card(dbc.CardBody([
        html.H5("Mulai pekerjaan", className="card-title"), *isi,
        dbc.Button("Mulai", id=ids.PEKERJAAN_MULAI, color="primary", style=None if opsi else {"display": "none"}),
        html.Div(id=ids.PEKERJAAN_PESAN, className="mt-2"),
    ]), className="mb-3")


def _batal(opsi: list[dict], tampil: bool) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Batalkan pekerjaan", className="card-title"),
        dropdown(id=ids.PEKERJAAN_BATAL_PILIH, options=opsi, placeholder="Pilih pekerjaan…", className="mb-2"),
        dbc.Label("Alasan", html_for=ids.PEKERJAAN_BATAL_ALASAN),
        dbc.Textarea(id=ids.PEKERJAAN_BATAL_ALASAN, className="mb-2"),
        dbc.Button("Batalkan", id=ids.PEKERJAAN_BATAL, color="danger", outline=True),
        html.Div(id=ids.PEKERJAAN_BATAL_PESAN, className="mt-2"),
    ]), className="mb-3", style=None if tampil else {"display": "none"})


@halaman(peran=PERAN_KANTOR)
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        opsi = [{"label": sop.nama, "value": sop.id} for sop in sop_untuk_dimulai(s, user)]
        daftar = daftar_berjalan(s, user.kecamatan_id)
        tabel = tabel_berjalan(s, user.kecamatan_id, daftar)
        batal = opsi_batal(daftar)
    return html.Div([
        html.H2("Pekerjaan SOP"),
        html.P("Setiap pekerjaan SAKIP kantor adalah pelaksanaan SOP-nya sendiri: Renstra, Renja, Pengukuran Kinerja, "
               "Laporan Kinerja, Pelaporan. Mulai di sini; setiap langkah dikerjakan, disetujui atau dikembalikan "
               "di halaman Persetujuan oleh pelaksananya, dan waktunya tercatat di Waktu Siklus.",
               className="text-muted"),
        dbc.Row([
            dbc.Col([html.H4("Sedang berjalan"), html.Div(tabel, id=ids.PEKERJAAN_DAFTAR),
                     html.A("Buka Persetujuan", href="/persetujuan")], lg=7),
            dbc.Col([_mulai(opsi, periode.hari_ini().year), _batal(batal, user.role_kode in PEMBATAL)], lg=5),
        ]),
    ])
