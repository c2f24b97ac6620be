"""IKU & Target: the office's indicators as defined, the year's targets with their revisions, and the Renstra
end-of-period targets (set by the Camat)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.iku import opsi_sop_kantor, tabel_iku
from dashboard.components.pilihan import dropdown
from dashboard.data import sesi
from models.akun.peran import PENETAP_RENSTRA, PENGATUR_PENGUMPUL, PENGATUR_TARGET, PERAN_KANTOR
from models.kinerja.iku import iku_kantor
from models.tables import Kecamatan, User
from models.umum import periode
from models.umum.periode import ROMAWI

dash.register_page(__name__, path="/iku", name="IKU & Target", title="IKU & Target · SAKIP Kecamatan", order=5)


def _excel(tahun: int, *, boleh_impor: bool) -> dbc.Card:
    """The template of this year and of the next (whose Perjanjian Kinerja is drafted from December) for every office
    user; its import only for those who may set targets."""
    unggah = [
        dcc.Upload(id=ids.TARGET_XLSX_UNGGAH, children=html.Div(["Seret templat yang sudah diisi ke sini atau ",
                                                                  html.A("pilih berkas")]),
                   className="unggah mt-2", accept=".xlsx", max_size=2 * 1024 * 1024),
        html.Div(id=ids.TARGET_XLSX_HASIL, className="mt-2"),
    ] if boleh_impor else []
    return dbc.Card(dbc.CardBody([
        html.H5("Target lewat Excel", className="card-title"),
        html.P("Templat berisi setiap IKU dengan target tahun itu dan target triwulannya (Rencana Aksi) yang berlaku. "
               + ("Isi atau ubah, tulis alasan perubahan, lalu unggah: semua baris disimpan sekaligus, atau tidak "
                  "sama sekali bila ada baris yang bermasalah." if boleh_impor else ""),
               className="small text-muted mb-2"),
        html.A(f"Unduh templat target {tahun}", href=f"/iku/templat-target.xlsx?tahun={tahun}",
               id="unduh-templat-target", className="btn btn-outline-primary btn-sm me-2"),
        html.A(f"Unduh templat target {tahun + 1}", href=f"/iku/templat-target.xlsx?tahun={tahun + 1}",
               id="unduh-templat-target-depan", className="btn btn-outline-primary btn-sm"),
        *unggah,
    ]), className="mb-3")


@halaman(peran=PERAN_KANTOR)
def layout(**_kwargs) -> html.Div:
    tahun = periode.hari_ini().year
    with sesi() as s:
        user = s.get(User, current_user.id)
        kec = s.get(Kecamatan, user.kecamatan_id)
        tabel = tabel_iku(s, kec.id, tahun)
        opsi = [{"label": f"{i.kode} {i.nama}", "value": i.id} for i in iku_kantor(s, kec.id)]
        opsi_sop = opsi_sop_kantor(s, kec.id)
    form = None
    if user.role_kode in PENGATUR_TARGET:
        form = dbc.Card(dbc.CardBody([
            html.H5("Tetapkan atau ubah target", className="card-title"),
            dropdown(id=ids.TARGET_INDIKATOR, options=opsi, placeholder="Indikator…", className="mb-2"),
            dbc.Row([
                dbc.Col([dbc.Label("Tahun"), dbc.Input(id=ids.TARGET_TAHUN, type="number", value=tahun)], md=4),
                dbc.Col([dbc.Label("Target (Perjanjian Kinerja)"),
                         dbc.Input(id=ids.TARGET_NILAI, inputmode="decimal", placeholder="mis. 92,5")], md=8),
            ], className="g-2 mb-2"),
            html.Div([
                dbc.Label("Target per triwulan (Rencana Aksi)", className="mb-0"),
                html.Div("Untuk indikator kumulatif: yang harus tercapai sampai akhir triwulan itu; selain itu: "
                         "target triwulan itu sendiri. Kosongkan bila tidak ada; triwulan tanpa target diukur "
                         "terhadap target tahun.", className="small text-muted mb-1"),
                dbc.Row([dbc.Col([dbc.Label(f"Triwulan {ROMAWI[n]}", html_for=ids.TARGET_TRIWULAN[n],
                                            className="small mb-0"),
                                  dbc.Input(id=ids.TARGET_TRIWULAN[n], inputmode="decimal", placeholder="-")],
                                 xs=6, md=3) for n in (1, 2, 3, 4)], className="g-2"),
            ], className="mb-2"),
            dbc.Label("Alasan perubahan (wajib bila target sudah ada)"),
            dbc.Textarea(id=ids.TARGET_ALASAN, className="mb-2"),
            dbc.Button("Simpan target", id=ids.TARGET_SIMPAN, color="primary"),
            html.Div(id=ids.TARGET_PESAN, className="mt-2"),
            html.Div(id=ids.TARGET_RIWAYAT, className="mt-3"),
            dcc.Store(id=ids.TARGET_TERLIHAT),
        ]))
    renstra = None
    if user.role_kode in PENETAP_RENSTRA:
        renstra = dbc.Card(dbc.CardBody([
            html.H5("Target Renstra (akhir periode)", className="card-title"),
            html.P("Target akhir periode Renstra lima tahun sebuah indikator; Laporan Kinerja membandingkan capaian "
                   "tahunan dengannya.", className="small text-muted"),
            dropdown(id=ids.RENSTRA_INDIKATOR, options=opsi, placeholder="Indikator…", className="mb-2"),
            dbc.Row([
                dbc.Col([dbc.Label("Tahun awal"),
                         dbc.Input(id=ids.RENSTRA_AWAL, type="number", placeholder=f"mis. {tahun}")], md=4),
                dbc.Col([dbc.Label("Tahun akhir"),
                         dbc.Input(id=ids.RENSTRA_AKHIR, type="number", placeholder=f"mis. {tahun + 4}")], md=4),
                dbc.Col([dbc.Label("Target akhir periode"),
                         dbc.Input(id=ids.RENSTRA_NILAI, inputmode="decimal", placeholder="mis. 95,5")], md=4),
            ], className="g-2 mb-2"),
            dbc.Button("Simpan target Renstra", id=ids.RENSTRA_SIMPAN, color="primary"),
            html.Div(id=ids.RENSTRA_PESAN, className="mt-2"),
        ]), className="mt-3" if form else None)
    pengumpul = None
    if user.role_kode in PENGATUR_PENGUMPUL:
        pengumpul = dbc.Card(dbc.CardBody([
            html.H5("SOP pengumpulan data", className="card-title"),
            html.P("SOP kantor ini yang mengumpulkan realisasi sebuah indikator. Sebuah SOP dapat membawa satu "
                   "indikator per triwulan, atau semua indikator yang dikumpulkannya sekaligus dalam satu "
                   "pelaksanaan per triwulan; angkanya resmi ketika pelaksanaan SOP itu selesai.",
                   className="small text-muted"),
            dropdown(id=ids.PENGUMPUL_INDIKATOR, options=opsi, placeholder="Indikator…", className="mb-2"),
            dropdown(id=ids.PENGUMPUL_SOP, options=opsi_sop, placeholder="SOP…", className="mb-2"),
            dbc.Checkbox(id=ids.PENGUMPUL_BERSAMA, value=False, className="mb-2",
                         label="Semua indikator SOP ini dikumpulkan sekaligus setiap triwulan"),
            dbc.Button("Simpan pilihan SOP", id=ids.PENGUMPUL_SIMPAN, color="primary"),
            html.Div(id=ids.PENGUMPUL_PESAN, className="mt-2"),
        ]))
    return html.Div([
        html.H2("IKU & Target"),
        html.P(f"Indikator Kinerja Utama Kecamatan {kec.nama}: definisi, rumus, penanggung jawab, SOP yang "
               "mengumpulkannya, target tahun ini, dan target akhir periode Renstra.", className="text-muted"),
        html.Div(tabel, id=ids.IKU_TABEL),
        _excel(tahun, boleh_impor=user.role_kode in PENGATUR_TARGET),
        dbc.Row([dbc.Col([form, renstra], lg=6) if form or renstra else None,
                 dbc.Col(pengumpul, lg=6) if pengumpul else None], className="g-3"),
    ])
