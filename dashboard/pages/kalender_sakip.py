"""Kalender SAKIP: which SOP runs when and by when it must end, per kabupaten; an office's obligations of a year and
where each stands. The kabupaten's users and the admin change the calendar."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user
from sqlmodel import select

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.kalender_sakip import PENGUBAH, kabupaten_pengguna
from dashboard.data import sesi
from models.perencanaan.kalender_sakip import jadwal_kabupaten
from models.tables import Kabupaten, Kecamatan, User
from models.umum import periode
from models.umum.tanggal import BULAN

dash.register_page(__name__, path="/kalender-sakip", name="Kalender SAKIP", title="Kalender SAKIP · SAKIP Kecamatan",
                   order=11)


def _tanggal_relatif(nama: str, label: str) -> html.Div:
    # The year on its own line, the month and the day below it: each whole in the narrow card and on a phone.
    return html.Div([
        dbc.Label(label),
        dbc.Select(id={"type": nama, "index": "geser"}, size="sm", className="mb-1", options=[
            {"label": t, "value": str(g)} for g, t in ((-2, "2 tahun sebelum"), (-1, "tahun sebelum"),
                                                        (0, "tahun periode"), (1, "tahun sesudah"),
                                                        (2, "2 tahun sesudah"))]),
        dbc.InputGroup([
            dbc.Select(id={"type": nama, "index": "bulan"},
                       options=[{"label": b, "value": str(n)} for n, b in enumerate(BULAN, start=1)]),
            # No min/max: a browser empties a number out of range, and "0" must reach the server to be answered.
            dbc.Input(id={"type": nama, "index": "tanggal"}, type="number", placeholder="tgl",
                      style={"flex": "0 0 5rem"}),
        ], size="sm"),
    ], className="mb-2")


def _formulir(jadwal) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Ubah jadwal", className="card-title"),
        dbc.Select(id=ids.JADWAL_KEWAJIBAN, options=[{"label": j.nama, "value": j.kewajiban} for j in jadwal],
                   placeholder="Kewajiban…", className="mb-2"),
        dbc.Label("SOP yang memenuhinya (SOP yang dimiliki kantor-kantor kabupaten ini)", html_for=ids.JADWAL_SOP),
        dbc.Select(id=ids.JADWAL_SOP, options=[], placeholder="SOP…", className="mb-2"),
        dbc.Label("Kewajiban triwulanan: jatuh tempo (hari kerja setelah triwulan berakhir)"),
        dbc.Input(id=ids.JADWAL_HARI_KERJA, type="number", className="mb-2"),  # limits: the server says them
        _tanggal_relatif(ids.JADWAL_MULAI, "Kewajiban tahunan dan Renstra: dibuka"),
        _tanggal_relatif(ids.JADWAL_TENGGAT, "Kewajiban tahunan: jatuh tempo"),
        dbc.FormText(["Pelaporan Kinerja (penyampaian LKj kepada Bupati) jatuh tempo pada tanggal yang ditetapkan "
                      "kabupaten di sini, bawaan akhir Februari tahun berikutnya. Jatuh tempo Renstra tidak diatur di "
                      "sini: satu bulan setelah RPJMD ditetapkan, diisi di ",
                      html.A("Pengaturan Kabupaten", href="/pengaturan-kabupaten"), "."],
                     className="d-block mb-2", id="jadwal-catatan-tenggat"),
        dbc.Button("Simpan jadwal", id=ids.JADWAL_SIMPAN, color="primary"),
        html.Div(id=ids.JADWAL_PESAN, className="mt-2"),
    ]), className="mb-3")


@halaman()
def layout(**_kwargs) -> html.Div:
    tahun = periode.hari_ini().year
    with sesi() as s:
        user = s.get(User, current_user.id)
        kab_id = kabupaten_pengguna(s, user)
        semua_kab = s.exec(select(Kabupaten).order_by(Kabupaten.nama)).all()
        kab_id = kab_id or (semua_kab[0].id if semua_kab else None)
        jadwal = jadwal_kabupaten(s, kab_id) if kab_id else []
        kantor = s.get(Kecamatan, user.kecamatan_id) if user.kecamatan_id else None
    pilih_kab = dbc.Select(id=ids.JADWAL_KABUPATEN, value=kab_id, options=[
        {"label": f"Kabupaten {k.nama}", "value": k.id} for k in semua_kab], className="mb-2",
        style=None if user.role_kode == "admin" else {"display": "none"})
    return html.Div([
        html.H2("Kalender SAKIP"),
        html.P("Kapan setiap kewajiban SAKIP kecamatan dibuka dan kapan harus selesai. Pelaksanaan SOP yang selesai "
               "setelah jatuh tempo dihitung terlambat. Jatuh tempo triwulanan dihitung dengan kalender kerja kantor. "
               "LKj disampaikan kepada Bupati paling lambat pada tanggal yang ditetapkan kabupaten (bawaan akhir "
               "Februari; 31 Maret adalah batas LKjIP kabupaten kepada Kementerian). Renstra jatuh tempo satu bulan "
               "setelah RPJMD periodenya ditetapkan; sebelum tanggal RPJMD diisi, jatuh temponya belum ditetapkan "
               "dan tidak pernah dihitung terlambat.", className="text-muted"),
        dcc.Store(id=ids.JADWAL_VERSI, data=0),
        dbc.Row([
            dbc.Col([pilih_kab, html.Div(id=ids.JADWAL_TABEL)], lg=8),
            dbc.Col(_formulir(jadwal) if user.role_kode in PENGUBAH else None, lg=4),
        ]),
        html.Div([
            html.H4(f"Kewajiban Kecamatan {kantor.nama}", className="mt-3"),
            dbc.Select(id=ids.JADWAL_TAHUN, value=tahun, className="mb-2 w-auto", options=[
                {"label": f"Tahun {t}", "value": t} for t in range(tahun + 1, tahun - 5, -1)]),
            html.Div(id=ids.JADWAL_KANTOR),
        ]) if kantor else None,
    ])
