"""Pengaturan Kabupaten: the Bupati's name, the cap for averages, the RPJMD in force, and the capaian bands from a
year on. The kabupaten's own users for their kabupaten, the admin for any (models/perencanaan/pengaturan.py)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user
from sqlmodel import select

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pengaturan import PENGATUR, baris_pita, pita_berlaku
from dashboard.data import sesi
from models.kinerja.mesin import PREDIKAT_BAKU
from models.perencanaan.pengaturan import REVIU_LKJ, daftar_predikat
from models.tables import Kabupaten, User
from models.umum import periode

dash.register_page(__name__, path="/pengaturan-kabupaten", name="Pengaturan Kabupaten",
                   title="Pengaturan Kabupaten · SAKIP Kecamatan", order=12)


def _isian(label: str, ident: str, bantuan: str | None = None, **kw) -> html.Div:
    return html.Div([dbc.Label(label, html_for=ident), dbc.Input(id=ident, **kw),
                     dbc.FormText(bantuan) if bantuan else None], className="mb-3")


def _pengaturan() -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Pengaturan umum", className="card-title"),
        _isian("Nama Bupati", ids.PENGATURAN_BUPATI, "Pihak kedua Perjanjian Kinerja setiap Camat.",
               maxLength=160, placeholder="nama lengkap dengan gelar"),
        _isian("Batas capaian dalam rata-rata (%)", ids.PENGATURAN_BATAS,
               "Rata-rata dan peringkat di Perbandingan menghitung tiap capaian paling tinggi sebesar ini, agar satu "
               "IKU yang jauh melampaui target tidak menentukan peringkat. 100 sampai 300; bawaan 120 "
               "(PermenPAN-RB 8/2021).", inputMode="decimal"),
        html.Div([dbc.Label("Reviu Laporan Kinerja kecamatan oleh", html_for=ids.PENGATURAN_REVIU_LKJ),
                  dbc.RadioItems(id=ids.PENGATURAN_REVIU_LKJ, inline=True, value="sekcam",
                                 options=[{"label": v, "value": k} for k, v in REVIU_LKJ.items()]),
                  dbc.FormText("Langkah reviu LKj sebelum Camat menandatanganinya.")], className="mb-3"),
        html.H6("RPJMD yang berlaku", className="mt-2"),
        dbc.Row([
            dbc.Col(_isian("Tahun awal periode", ids.PENGATURAN_RPJMD_AWAL, None, inputMode="numeric",
                           placeholder="mis. 2025"), sm=5),
            dbc.Col(_isian("Tanggal Perda RPJMD ditetapkan", ids.PENGATURAN_RPJMD_TANGGAL, None,
                           placeholder="mis. 14 Agustus 2025"), sm=7),
        ], className="g-2"),
        dbc.FormText("Renstra kecamatan periode itu jatuh tempo satu bulan setelah tanggal penetapan RPJMD "
                     "(Permendagri 86/2017). Tanpa tanggal, Renstra belum memiliki jatuh tempo dan tidak pernah "
                     "dihitung terlambat.", className="d-block mb-3"),
        dbc.Button("Simpan pengaturan", id=ids.PENGATURAN_SIMPAN, color="primary"),
        html.Div(id=ids.PENGATURAN_PESAN, className="mt-2"),
        html.P(id=ids.PENGATURAN_INFO, className="small text-muted mt-2 mb-0"),
    ]), className="mb-3")


def _formulir_pita(baris: list) -> dbc.Card:
    kepala = dbc.Row([dbc.Col(dbc.Label("Nama predikat", className="small mb-0"), xs=5),
                      dbc.Col(dbc.Label("Di atas (%)", className="small mb-0"), xs=3),
                      dbc.Col(dbc.Label("Warna", className="small mb-0"), xs=4)], className="g-1")
    return dbc.Card(dbc.CardBody([
        html.H5("Predikat capaian", className="card-title"),
        html.P("Setiap tahun dinilai dengan susunan predikat yang mulai berlaku paling akhir sebelum atau pada tahun "
               "itu. Susunan baru berlaku mulai tahun ini atau sesudahnya, sehingga tahun yang sudah dinilai tidak "
               "berubah.", className="small text-muted"),
        html.Div(id=ids.PITA_DAFTAR),
        html.H6("Atur predikat mulai tahun", className="mt-3"),
        _isian("Berlaku mulai tahun", ids.PITA_TAHUN, None, inputMode="numeric"),
        kepala, html.Div(baris, id=ids.PITA_BARIS),
        dbc.FormText("Urutkan dari tertinggi. Predikat berlaku untuk capaian di atas batasnya; batas harus menurun; "
                     "predikat terendah tanpa batas. Warna kosong: warna skala umum.", className="d-block mb-2"),
        dbc.Button("Simpan predikat", id=ids.PITA_SIMPAN, color="primary"),
        html.Div(id=ids.PITA_PESAN, className="mt-2"),
    ]), className="mb-3")


@halaman(peran=PENGATUR)
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        semua = s.exec(select(Kabupaten).order_by(Kabupaten.nama)).all()
        if user.role_kode == "admin":
            pilihan, nilai = semua, (semua[0].id if semua else None)
        else:
            pilihan, nilai = [k for k in semua if k.id == user.kabupaten_id], user.kabupaten_id
        admin = user.role_kode == "admin"
        # The rows are drawn here too (the callback redraws them for the kabupaten chosen): next year's bands.
        baris = baris_pita(pita_berlaku(daftar_predikat(s, nilai), periode.hari_ini().year + 1) if nilai else
                           PREDIKAT_BAKU)
    return html.Div([
        html.H2("Pengaturan Kabupaten"),
        html.P("Pengaturan yang berlaku untuk semua kecamatan kabupaten. Setiap perubahan tercatat di log audit.",
               className="text-muted"),
        dcc.Store(id=ids.PENGATURAN_VERSI, data=0),
        dcc.Store(id=ids.PITA_VERSI, data=0),
        html.Div([dbc.Label("Kabupaten", html_for=ids.PENGATURAN_KABUPATEN),
                  dbc.Select(id=ids.PENGATURAN_KABUPATEN, value=nilai, className="w-auto",
                             options=[{"label": f"Kabupaten {k.nama}", "value": k.id} for k in pilihan])],
                 className="mb-3", style=None if admin else {"display": "none"}),
        dbc.Row([dbc.Col(_pengaturan(), lg=5), dbc.Col(_formulir_pita(baris), lg=7)]),
        dbc.Alert(["Jatuh tempo penyampaian LKj kepada Bupati (Pelaporan Kinerja) ditetapkan kabupaten di ",
                   html.A("Kalender SAKIP", href="/kalender-sakip"), " → Ubah jadwal; bawaan akhir Februari. "
                   "31 Maret adalah batas LKjIP kabupaten kepada Kementerian."], color="light", className="small"),
    ])
