"""Monitoring SOP: the six-monthly monitoring and the yearly evaluation of the office's SOPs (PermenPAN-RB 35/2012)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.monitoring_sop import pilihan_tahun, semester_halaman
from dashboard.components.pilihan import dropdown
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi

dash.register_page(__name__, path="/monitoring-sop", name="Monitoring SOP", title="Monitoring SOP · SAKIP Kecamatan",
                   order=7)

PREFIX, SARINGAN = ids.MONSOP_PREFIX, ids.MONSOP_SARINGAN


def _pilih(label: str, isi, md: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, className="small text-muted mb-0"), isi], md=md)


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        sar = saringan_halaman(s, kwargs)
        bilah = bilah_saringan(s, PREFIX, sar, periode=False)
    semester = semester_halaman(kwargs, sar.tahun)
    # One row: the office (for readers of several offices; hidden for an office user), the year and the semester.
    bilah = dbc.Row(list(bilah.children) + [
        _pilih("Tahun", dropdown(id=ids.MONSOP_TAHUN, options=pilihan_tahun(sar.tahun), value=sar.tahun,
                                     clearable=False, searchable=False), md=2),
        _pilih("Semester (monitoring)", dropdown(
            id=ids.MONSOP_SEMESTER, clearable=False, searchable=False, value=semester,
            options=[{"label": "Semester I (Januari–Juni)", "value": 1},
                     {"label": "Semester II (Juli–Desember)", "value": 2}]), md=3),
    ], className="g-2 mb-2 saringan")
    return html.Div([
        html.H2("Monitoring SOP"),
        html.P("Sesuai PermenPAN-RB Nomor 35 Tahun 2012: setiap enam bulan setiap SOP dinilai apakah berjalan baik, "
               "dengan catatan dan tindakan yang harus diambil; sekurang-kurangnya sekali setahun setiap SOP "
               "dievaluasi terhadap tujuh kriteria. Data waktu siklus dari pelaksanaan SOP menjadi bahan penilaian.",
               className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        dbc.Tabs([
            dbc.Tab(dcc.Loading(html.Div(id=ids.MONSOP_MONITORING), delay_show=300), label="Monitoring semester",
                    tab_id="monitoring"),
            dbc.Tab(dcc.Loading(html.Div(id=ids.MONSOP_EVALUASI), delay_show=300), label="Evaluasi tahunan",
                    tab_id="evaluasi"),
        ], id=ids.MONSOP_TAB, active_tab="monitoring", className="mt-2"),
    ])
