"""Perjanjian Kinerja: an office's PKs of a year (the Camat's with the Bupati, the Sekretaris Camat's and each
Kasi's with the Camat), their cascade, and the Rencana Aksi per quarter. Office users act on their own office;
kabupaten users pick one of their offices and read."""
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
from models.akun.peran import NAMA_PERAN, PERAN_KANTOR
from models.kinerja.iku import iku_kantor
from models.perencanaan.pekerjaan import boleh_memulai
from models.perencanaan.perjanjian_kinerja import (
    PELAKSANA_RA,
    PENGATUR_PK,
    PENGELOLA_RA,
    PIHAK_BAWAH,
    PIHAK_PERTAMA,
    sop_pk,
)
from models.tables import User
from models.umum.periode import ROMAWI

dash.register_page(__name__, path="/perjanjian-kinerja", name="Perjanjian Kinerja",
                   title="Perjanjian Kinerja · SAKIP Kecamatan", order=6)

PREFIX = "perjanjian"
NAMA_SARINGAN = ("kecamatan", "tahun")
PENANDA_TANGAN = frozenset(PIHAK_PERTAMA)  # the Camat; a lower PK's own pihak pertama records theirs


def _sembunyi(tampil: bool) -> dict | None:
    return None if tampil else {"display": "none"}


def _tanda_tangan(user: User, boleh_sop: bool) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Tanda tangani", className="card-title"),
        html.P("Pilih PK, isi tanggal yang tertulis pada dokumen, dan lampirkan scan yang sudah ditandatangani "
               "kedua pihak (PDF, JPG atau PNG, paling besar 5 MB).", className="small text-muted"),
        dropdown(id=ids.PK_TTD_PILIH, options=[], placeholder="Perjanjian Kinerja…", className="mb-2"),
        dbc.Label("Tanggal penandatanganan", html_for=ids.PK_TTD_TANGGAL),
        dbc.Input(id=ids.PK_TTD_TANGGAL, type="text", placeholder="mis. 15 Januari 2026", className="mb-2"),
        dcc.Upload(id=ids.PK_TTD_SCAN, className="unggah mb-1", max_size=5 * 1024 * 1024,
                   accept=".pdf,.jpg,.jpeg,.png",
                   children=html.Div(["Seret scan ke sini atau ", html.A("pilih berkas")])),
        html.Div(id=ids.PK_TTD_NAMA_SCAN, className="small text-muted mb-2"),
        dbc.Button("Tanda tangani dengan scan", id=ids.PK_TTD, color="primary", className="me-2"),
        dbc.Button("Mulai SOP Perjanjian Kinerja", id=ids.PK_MULAI_SOP, color="secondary", outline=True,
                   style=_sembunyi(boleh_sop)),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PENANDA_TANGAN))


def _draf(user: User) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Draf dan PK perubahan", className="card-title"),
        dropdown(id=ids.PK_DRAF_PIHAK, clearable=False, value="camat", className="mb-2",
                 options=[{"label": f"Pihak pertama: {NAMA_PERAN[r]}", "value": r} for r in PIHAK_PERTAMA]),
        dbc.Button("Buat draf PK", id=ids.PK_DRAF, color="secondary", outline=True, className="mb-2"),
        dbc.Label("Alasan PK perubahan (mis. perubahan DPA)", html_for=ids.PK_DRAF_ALASAN),
        dbc.Textarea(id=ids.PK_DRAF_ALASAN, className="mb-2"),
        dbc.Button("Buat PK perubahan", id=ids.PK_PERUBAHAN, color="secondary", outline=True),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PENGATUR_PK))


def _indikator(user: User, opsi_iku: list[dict]) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Indikator Sekretaris Camat dan Kasi", className="card-title"),
        html.P("Setiap indikator mendukung satu IKU Camat (dan sasarannya). Kosongkan pilihan indikator untuk "
               "menambah yang baru.", className="small text-muted"),
        dropdown(id=ids.PK_IP_PILIH, options=[], placeholder="Indikator yang diubah…", className="mb-2"),
        dropdown(id=ids.PK_IP_PIHAK, clearable=False, value="sekcam", className="mb-2",
                 options=[{"label": NAMA_PERAN[r], "value": r} for r in PIHAK_BAWAH]),
        dropdown(id=ids.PK_IP_IKU, options=opsi_iku, placeholder="IKU Camat yang didukung…", className="mb-2"),
        dbc.Input(id=ids.PK_IP_NAMA, maxLength=300, placeholder="Nama indikator", className="mb-2"),
        dbc.Row([
            dbc.Col(dbc.Input(id=ids.PK_IP_TARGET, inputmode="decimal", placeholder="Target, mis. 92,5"), xs=7),
            dbc.Col(dbc.Input(id=ids.PK_IP_SATUAN, maxLength=40, value="%", placeholder="Satuan"), xs=5),
        ], className="g-2 mb-2"),
        dbc.Button("Simpan indikator", id=ids.PK_IP_SIMPAN, color="primary", className="me-2"),
        dbc.Button("Hapus", id=ids.PK_IP_HAPUS, color="danger", outline=True),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PENGATUR_PK))


def _rencana_aksi(user: User, opsi_iku: list[dict]) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Kegiatan Rencana Aksi", className="card-title"),
        html.P("Kosongkan pilihan kegiatan untuk menambah yang baru. Pelaksana kegiatan dapat mengisi yang "
               "terlaksana." if user.role_kode in PENGELOLA_RA else
               "Pilih kegiatan yang Anda laksanakan untuk mengisi yang terlaksana.", className="small text-muted"),
        dropdown(id=ids.RA_PILIH, options=[], placeholder="Kegiatan yang diubah…", className="mb-2"),
        dropdown(id=ids.RA_IKU, options=opsi_iku, placeholder="IKU…", className="mb-2"),
        dbc.Row([
            dbc.Col(dropdown(id=ids.RA_TRIWULAN, clearable=False, value=1,
                             options=[{"label": f"Triwulan {ROMAWI[n]}", "value": n} for n in range(1, 5)]), xs=5),
            dbc.Col(dropdown(id=ids.RA_PELAKSANA, placeholder="Pelaksana…",
                             options=[{"label": NAMA_PERAN[r], "value": r} for r in PELAKSANA_RA]), xs=7),
        ], className="g-2 mb-2"),
        dbc.Textarea(id=ids.RA_KEGIATAN, placeholder="Kegiatan yang direncanakan", className="mb-2"),
        dbc.Textarea(id=ids.RA_TERLAKSANA, placeholder="Yang terlaksana (diisi setelah dilaksanakan)",
                     className="mb-2"),
        dbc.Button("Simpan kegiatan", id=ids.RA_SIMPAN, color="primary", className="me-2"),
        dbc.Button("Hapus", id=ids.RA_HAPUS, color="danger", outline=True, style=_sembunyi(
            user.role_kode in PENGELOLA_RA)),
    ]), className="mb-3", style=_sembunyi(user.role_kode in PERAN_KANTOR))


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        sar = saringan_halaman(s, kwargs, setahun=True)
        bilah = bilah_saringan(s, PREFIX, sar, triwulan=False, setahun=True)
        kantor = user.kecamatan_id
        opsi_iku = [{"label": f"{i.kode} {i.nama}", "value": i.id} for i in iku_kantor(s, kantor)] if kantor else []
        sop = sop_pk(s, kantor) if kantor else None
        boleh_sop = sop is not None and boleh_memulai(s, user, sop)
    formulir = html.Div([_tanda_tangan(user, boleh_sop), _draf(user), _indikator(user, opsi_iku),
                         _rencana_aksi(user, opsi_iku)])
    return html.Div([
        html.H2("Perjanjian Kinerja"),
        html.P("Perjanjian Kinerja Camat dengan Bupati, dan Sekretaris Camat serta setiap Kasi dengan Camat: sasaran, "
               "indikator dan target tahun ini, dengan program dan anggaran tiap sasaran. Kewajiban Perjanjian "
               "Kinerja di Kalender SAKIP terpenuhi ketika PK Camat ditandatangani dan scannya dilampirkan.",
               className="text-muted"),
        bilah, penyimpan_alamat(PREFIX, NAMA_SARINGAN),
        dcc.Store(id=ids.PK_VERSI, data=0),
        html.Div(id=ids.PK_PESAN),
        dbc.Row([
            dbc.Col(dcc.Loading(html.Div(id=ids.PK_ISI)), lg=8 if kantor else 12),
            dbc.Col(formulir, lg=4, style=_sembunyi(bool(kantor))),  # rendered for every user: one page shape
        ]),
    ])
