"""Persetujuan: the steps waiting on the signed-in user, and acting on them."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.tugas import label_tugas
from dashboard.data import sesi
from models.alur import antrian
from models.peran import PERAN_KANTOR
from models.tables import Kecamatan, User

dash.register_page(__name__, path="/persetujuan", name="Persetujuan", title="Persetujuan · SAKIP Kecamatan",
                   order=4)


def opsi_tugas(s, user: User) -> list[dict]:
    zona = s.get(Kecamatan, user.kecamatan_id).zona_waktu
    return [{"label": label_tugas(t, zona), "value": t.catatan.id} for t in antrian(s, user)]


@halaman(peran=PERAN_KANTOR)
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        opsi = opsi_tugas(s, s.get(User, current_user.id))
    kosong = dbc.Alert("Tidak ada langkah yang menunggu Anda.", color="light", id="tugas-kosong")
    return html.Div([
        html.H2("Persetujuan dan tugas"),
        html.P("Langkah SOP yang menunggu Anda. Pilih satu untuk melihat rinciannya lalu selesaikan, setujui, atau "
               "kembalikan dengan alasan.", className="text-muted"),
        dbc.Row([
            dbc.Col(html.Div(dbc.RadioItems(id=ids.TUGAS_PILIH, options=opsi, className="daftar-tugas")
                             if opsi else kosong, id=ids.TUGAS_DAFTAR), lg=5),
            dbc.Col(dbc.Card(dbc.CardBody([
                html.Div(html.P("Pilih langkah di sebelah kiri.", className="text-muted"), id=ids.TUGAS_RINCI),
                dbc.Textarea(id=ids.TUGAS_ALASAN, placeholder="Catatan, atau alasan bila dikembalikan…",
                             className="mb-2"),
                dbc.Button("Selesai", id=ids.TUGAS_SELESAI, color="primary", className="me-2", disabled=True),
                dbc.Button("Setujui", id=ids.TUGAS_SETUJU, color="success", className="me-2", disabled=True),
                dbc.Button("Kembalikan untuk perbaikan", id=ids.TUGAS_KEMBALI, color="warning", disabled=True),
                html.Div(id=ids.TUGAS_PESAN, className="mt-2"),
            ])), lg=7),
        ]),
    ])
