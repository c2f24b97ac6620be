"""Pengguna: the admin creates accounts, assigns role and office, deactivates, and resets passwords."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlmodel import select

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.daftar import kendali_daftar
from dashboard.components.pilihan import dropdown
from dashboard.data import sesi
from models.akun.pengguna import URUTAN_PENGGUNA, pilihan_kantor
from models.tables import Role

dash.register_page(__name__, path="/pengguna", name="Pengguna", title="Pengguna · SAKIP Kecamatan", order=9)

ADMIN = {"admin"}


def _pilihan(session) -> tuple[list[dict], list[dict]]:
    peran = [{"label": r.nama, "value": r.kode}
             for r in session.exec(select(Role).where(Role.dinamis == False).order_by(Role.urutan))]  # noqa: E712
    kantor = [{"label": label, "value": nilai} for nilai, label in pilihan_kantor(session)]
    return peran, kantor


def _baru(peran, kantor) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Pengguna baru", className="card-title"),
        dbc.Label("Nama pengguna", html_for=ids.BARU_USERNAME),
        dbc.Input(id=ids.BARU_USERNAME, placeholder="mis. evapor.kalipare", className="mb-2"),
        dbc.Label("Nama lengkap", html_for=ids.BARU_NAMA),
        dbc.Input(id=ids.BARU_NAMA, className="mb-2"),
        dbc.Label("Peran"),
        dropdown(id=ids.BARU_PERAN, options=peran, placeholder="Pilih peran…", className="mb-2"),
        dbc.Label("Kantor"),
        dropdown(id=ids.BARU_KANTOR, options=kantor, placeholder="Kecamatan atau kabupaten…", className="mb-2"),
        dbc.Label("Kata sandi awal", html_for=ids.BARU_SANDI),
        dbc.Input(id=ids.BARU_SANDI, type="password", autocomplete="new-password", className="mb-1"),
        dbc.FormText("8–128 karakter, bukan kata sandi yang umum dipakai dan tidak memuat nama pengguna atau nama. "
                     "Sampaikan kepada pengguna secara langsung."),
        dbc.Checkbox(id=ids.BARU_GANTIKAN, value=False, className="mt-2",
                     label="Gantikan Camat atau Sekretaris Camat yang sekarang (akunnya dinonaktifkan)"),
        html.Div(dbc.Button("Buat pengguna", id=ids.BARU_SIMPAN, color="primary"), className="mt-3"),
        html.Div(id=ids.BARU_PESAN, className="mt-2"),
    ]), className="mb-3")


def _kelola(peran, kantor) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Ubah pengguna", className="card-title"),
        dbc.Label("Pengguna"),
        dropdown(id=ids.KELOLA_PENGGUNA, placeholder="Ketik nama, nama pengguna atau NIP…", className="mb-2"),
        dbc.Label("Peran"),
        dropdown(id=ids.KELOLA_PERAN, options=peran, className="mb-2", clearable=False),
        dbc.Label("Kantor"),
        dropdown(id=ids.KELOLA_KANTOR, options=kantor, className="mb-2"),
        dbc.Row([
            dbc.Col([dbc.Label("NIP (18 angka, boleh berspasi)", html_for=ids.KELOLA_NIP),
                     dbc.Input(id=ids.KELOLA_NIP, placeholder="19700512 199503 1 002")], md=6),
            dbc.Col([dbc.Label("Jabatan (tercetak pada tanda tangan)", html_for=ids.KELOLA_JABATAN),
                     dbc.Input(id=ids.KELOLA_JABATAN, placeholder="Camat Kalipare")], md=6),
        ], className="mb-2 g-2"),
        dbc.Switch(id=ids.KELOLA_AKTIF, label="Akun aktif", value=True, className="mb-2"),
        dbc.Checkbox(id=ids.KELOLA_GANTIKAN, value=False, className="mb-2",
                     label="Gantikan Camat atau Sekretaris Camat yang sekarang (akunnya dinonaktifkan)"),
        dbc.Label("Kata sandi baru (kosongkan bila tidak diganti)", html_for=ids.KELOLA_SANDI),
        dbc.Input(id=ids.KELOLA_SANDI, type="password", autocomplete="new-password"),
        html.Div(dbc.Button("Simpan perubahan", id=ids.KELOLA_SIMPAN, color="primary"), className="mt-3"),
        html.Div(id=ids.KELOLA_PESAN, className="mt-2"),
    ]), className="mb-3")


@halaman(peran=ADMIN)
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        peran, kantor = _pilihan(s)
    return html.Div([
        html.H2("Pengguna"),
        html.P("Akun tiap kantor: peran, kecamatan atau kabupaten, status dan kata sandi. Setiap perubahan dicatat "
               "di log audit.", className="text-muted"),
        dcc.Store(id=ids.PENGGUNA_VERSI, data=0),
        dbc.Row([
            dbc.Col([
                kendali_daftar("pengguna", urutan=URUTAN_PENGGUNA, bawaan="kantor",
                               placeholder="Cari nama, nama pengguna, NIP, kantor atau peran…", kelas=""),
            ], lg=8),
            dbc.Col([_kelola(peran, kantor), _baru(peran, kantor)], lg=4),
        ]),
    ])
