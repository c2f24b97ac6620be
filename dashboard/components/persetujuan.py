"""The Persetujuan page's overview: open steps per role (chart and table) and the whole queue."""
from __future__ import annotations

from dash import dcc, html
from sqlmodel import Session

from dashboard import figures
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from models.dasbor import Saringan, antrian_terbuka
from models.laporan import tabel_antrian, tabel_per_peran


def isi_antrian(s: Session, sar: Saringan, menit_per_hari: int) -> html.Div:
    q = query(s, sar)
    antrian = antrian_terbuka(s, kecamatan_ids=sar.kecamatan_ids)
    peran = tabel_per_peran(s, sar, antrian)
    return html.Div([
        html.H4("Menunggu per peran", className="mt-4"),
        dcc.Graph(figure=figures.grafik_per_peran(peran.data), config={"displaylogo": False}, id="grafik-per-peran"),
        tabel_layar(peran, nama="per-peran", q=q, ident="tabel-per-peran"),
        tabel_layar(tabel_antrian(s, sar, antrian), nama="antrian", q=q, ident="tabel-antrian",
                    menit_per_hari=menit_per_hari, kosong="Tidak ada langkah yang menunggu.", batas=60),
    ])
