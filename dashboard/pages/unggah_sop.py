"""Unggah SOP: an office's Word SOP (or its text export) read, previewed, corrected and saved as a new SOP or a new
revision (models/sop/unggah.py). For the admin (any office) and an office's Camat or Sekretaris (their own)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.components.unggah import kotak_unggah
from dashboard.data import peran_aktif, sesi
from models.akun.pengguna import pilihan_kantor
from models.sop.berkas import UNGGAH_SOP
from models.sop.unggah import PERAN_UNGGAH
from models.umum.batas_unggah import ukuran_teks

dash.register_page(__name__, path="/unggah-sop", name="Unggah SOP", title="Unggah SOP · SAKIP Kecamatan", order=3)


@halaman(peran=PERAN_UNGGAH)
def layout(**_kwargs) -> html.Div:
    admin = peran_aktif() == "admin"
    pilihan = []
    if admin:  # an office's Camat or Sekretaris uploads for their own office only: no choice to make
        with sesi() as s:
            pilihan = [{"label": label, "value": int(nilai.split(":")[1])} for nilai, label in pilihan_kantor(s)
                       if nilai.startswith("kec:")]
    kantor = html.Div([
        dbc.Label("Kecamatan tujuan, bila dokumen tidak menyebut kecamatannya", html_for=ids.UNGGAH_SOP_KANTOR),
        dropdown(id=ids.UNGGAH_SOP_KANTOR, options=pilihan, placeholder="Dari dokumen…"),
    ], className="mb-3", style={"maxWidth": "32rem"} if admin else {"display": "none"})
    return html.Div([
        html.H2("Unggah SOP"),
        html.P(["Unggah dokumen SOP kantor dalam format Word (.docx) atau teks hasil konversinya. Setiap prosedur "
                "di dalamnya dibaca: halaman identitas, langkah dengan mutu baku, kolom pelaksana, dan simbol bagan "
                "alir di kolom pelaksana yang menandai siapa mengerjakan tiap langkah serta langkah keputusan. "
                "Periksa pratinjaunya, koreksi pelaksana bila perlu, lalu simpan: SOP baru, atau revisi baru dari "
                "SOP bernama sama yang berlaku (revisi lama tetap tersimpan). Semua prosedur disimpan sekaligus atau "
                "tidak sama sekali."] + ([] if admin else [" Anda hanya dapat mengunggah SOP kantor Anda sendiri."]),
               className="text-muted"),
        kantor,
        kotak_unggah(ids.UNGGAH_SOP_BERKAS, UNGGAH_SOP, pesan=ids.UNGGAH_SOP_PRATINJAU, bersihkan=[ids.UNGGAH_SOP_PESAN],
                     className="unggah mb-3",
                     children=html.Div([f"Seret berkas .docx atau .txt (paling besar "
                                        f"{ukuran_teks(UNGGAH_SOP.maks_byte)}) ke sini atau ", html.A("pilih berkas")])),
        dcc.Loading(html.Div(id=ids.UNGGAH_SOP_PRATINJAU)),
        html.Div([dbc.Button("Simpan SOP", id=ids.UNGGAH_SOP_SIMPAN, color="primary", disabled=True)],
                 className="mb-2"),
        html.Div(id=ids.UNGGAH_SOP_PESAN),
    ])
