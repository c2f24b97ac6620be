"""Laporan Kinerja: an office's LKj of a year, chapter by chapter, from the engines; the passages the office writes,
the reviu and the Camat's signature; downloads as Word and PDF. Office users act on their own office; kabupaten
users and the Inspektorat's evaluators pick one of their offices (an evaluator records the reviu where the kabupaten
has the Inspektorat review)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.perencanaan.laporan_kinerja import PENULIS
from models.tables import User

dash.register_page(__name__, path="/laporan-kinerja", name="Laporan Kinerja",
                   title="Laporan Kinerja · SAKIP Kecamatan", order=7)

PREFIX = "lkj"
NAMA_SARINGAN = ("kecamatan", "tahun")
PEREVIU = frozenset({"sekcam", "evaluator"})


def _sembunyi(tampil: bool) -> dict | None:
    return None if tampil else {"display": "none"}


def _penulis(user: User) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Teks laporan", className="card-title"),
        html.P("Angka dan tabel dihitung dari data; kantor menulis teksnya. Bab I yang tidak ditulis ulang dibawa "
               "dari tahun sebelumnya. Kosongkan lalu simpan untuk menghapus.", className="small text-muted"),
        dropdown(id=ids.LKJ_BAGIAN, options=[], placeholder="Bagian yang ditulis…", className="mb-2"),
        html.Div(id=ids.LKJ_TEKS_INFO, className="small text-muted mb-1"),
        dbc.Textarea(id=ids.LKJ_TEKS, rows=8, className="mb-2", placeholder="Tulis teksnya di sini."),
        html.Div(id=ids.LKJ_SIMPAN_INFO, className="small text-danger mb-1"),
        dbc.Button("Simpan teks", id=ids.LKJ_SIMPAN, color="primary"),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PENULIS))


def _reviu(user: User) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Reviu", className="card-title"),
        html.P("Catatan reviu atas laporan ini (kelengkapan, keandalan data, kesesuaian dengan PermenPAN-RB "
               "53/2014).", className="small text-muted"),
        dbc.Textarea(id=ids.LKJ_REVIU_CATATAN, rows=4, className="mb-2"),
        html.Div(id=ids.LKJ_REVIU_INFO, className="small text-danger mb-1"),
        dbc.Button("Catat reviu", id=ids.LKJ_REVIU, color="primary"),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PEREVIU))


def _tanda_tangan(user: User) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Tanda tangani", className="card-title"),
        html.P("Setelah reviu dicatat: isi tanggal yang tertulis pada laporan dan lampirkan scan yang sudah "
               "ditandatangani (PDF, JPG atau PNG, paling besar 5 MB).", className="small text-muted"),
        dbc.Label("Tanggal penandatanganan", html_for=ids.LKJ_TTD_TANGGAL),
        dbc.Input(id=ids.LKJ_TTD_TANGGAL, type="text", placeholder="mis. 20 Februari 2027", className="mb-2"),
        dcc.Upload(id=ids.LKJ_TTD_SCAN, className="unggah mb-1", max_size=5 * 1024 * 1024,
                   accept=".pdf,.jpg,.jpeg,.png",
                   children=html.Div(["Seret scan ke sini atau ", html.A("pilih berkas")])),
        html.Div(id=ids.LKJ_TTD_NAMA_SCAN, className="small text-muted mb-2"),
        html.Div(id=ids.LKJ_TTD_INFO, className="small text-danger mb-1"),
        dbc.Button("Tanda tangani dengan scan", id=ids.LKJ_TTD, color="primary"),
    ]), className="mb-3", style=_sembunyi(user.role_kode == "camat"))


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        sar = saringan_halaman(s, kwargs, setahun=True)
        bilah = bilah_saringan(s, PREFIX, sar, triwulan=False, setahun=True)
    bertindak = user.role_kode in PENULIS or user.role_kode in PEREVIU
    return html.Div([
        html.H2("Laporan Kinerja"),
        html.P("Laporan Kinerja (LKj) tahunan menurut PermenPAN-RB 53/2014: Bab I Pendahuluan, Bab II Perencanaan "
               "Kinerja, Bab III Akuntabilitas Kinerja (capaian per sasaran dan IKU dengan tujuh analisis, realisasi "
               "anggaran), Bab IV Penutup dan lampiran. Direviu, lalu ditandatangani Camat.",
               className="text-muted"),
        bilah, penyimpan_alamat(PREFIX, NAMA_SARINGAN),
        dcc.Store(id=ids.LKJ_VERSI, data=0),
        html.Div(id=ids.LKJ_PESAN),
        dbc.Row([
            dbc.Col(dcc.Loading(html.Div(id=ids.LKJ_ISI)), lg=8 if bertindak else 12),
            dbc.Col([_penulis(user), _reviu(user), _tanda_tangan(user)], lg=4, style=_sembunyi(bertindak)),
        ]),
    ])
