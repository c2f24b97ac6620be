"""Rekap Evaluasi AKIP: a kabupaten's offices' Evaluasi AKIP of a year side by side (total, predicate, the four
components, the change from last year, the rank, a heatmap of sub-components), with its CSV and Excel downloads;
the kabupaten's users and its Inspektorat's evaluators release each final predicate to the public page. For the
kabupaten's users, its evaluators and the admin (who picks a kabupaten); office users are refused on the server."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user
from sqlmodel import col, select

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.pilihan import dropdown
from dashboard.data import sesi
from models.tables import Kabupaten, User
from models.tindak_lanjut.rekap_akip import PENGLIHAT
from models.umum import periode

dash.register_page(__name__, path="/evaluasi-akip/rekap", name="Rekap Evaluasi AKIP",
                   title="Rekap Evaluasi AKIP · SAKIP Kecamatan", order=9)


def _bilangan(v) -> int | None:
    return int(v) if isinstance(v, (str, int)) and str(v).isdigit() else None


@halaman(peran=PENGLIHAT, objek={"kabupaten": Kabupaten})
def layout(kabupaten=None, tahun=None, **_kw) -> html.Div:
    sekarang = periode.hari_ini().year
    th = _bilangan(tahun) if _bilangan(tahun) in range(2000, 2101) else sekarang - 1  # the last full year
    with sesi() as s:
        user = s.get(User, current_user.id)
        semua = s.exec(select(Kabupaten).order_by(col(Kabupaten.nama))).all()
        opsi = [{"label": f"Kabupaten {k.nama}", "value": k.id} for k in semua
                if user.kabupaten_id in (None, k.id)]
    # The admin, who reads every kabupaten, chooses one first (one kabupaten's offices are drawn at a time).
    pilih = _bilangan(kabupaten) or user.kabupaten_id or (opsi[0]["value"] if len(opsi) == 1 else None)
    tahun_opsi = sorted({*range(sekarang - 5, sekarang + 1), th}, reverse=True)
    return html.Div([
        html.H2("Rekap Evaluasi AKIP"),
        html.P("Nilai Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (PermenPAN-RB 88/2021) setiap kecamatan: "
               "nilai dan predikat, empat komponen, perubahan dari tahun lalu, dan peringkat. Nilai dihitung dari "
               "jawaban evaluator atas LKE yang dipakai evaluasi itu; kecamatan yang evaluasinya belum final "
               "ditampilkan dengan keadaannya, tanpa angka.", className="text-muted"),
        dbc.Row([
            dbc.Col(dropdown(id=ids.REKAP_AKIP_KABUPATEN, options=opsi, value=pilih, clearable=False,
                             placeholder="Pilih kabupaten…",
                             disabled=user.kabupaten_id is not None), md=4),
            dbc.Col(dropdown(id=ids.REKAP_AKIP_TAHUN, options=[{"label": f"Tahun {t}", "value": t}
                                                                for t in tahun_opsi],
                             value=th, clearable=False), md=3),
        ], className="g-2 mb-3 bilah-saringan"),
        dcc.Loading(html.Div(id=ids.REKAP_AKIP_ISI)),
    ])
