"""Beranda: what the register holds, per office."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.akses import halaman
from dashboard.data import kecamatan_terlihat, sesi
from models.sop_register import daftar_sop

dash.register_page(__name__, path="/", name="Beranda", title="Beranda · SAKIP Kecamatan", order=0)


@halaman()
def layout(**_kwargs) -> html.Div:
    with sesi() as s:
        baris = daftar_sop(s, kecamatan_ids=kecamatan_terlihat(s))
    per_kantor: dict[tuple[str, str], int] = {}
    for b in baris:
        per_kantor[(b.kabupaten, b.kecamatan)] = per_kantor.get((b.kabupaten, b.kecamatan), 0) + 1
    kartu = [
        dbc.Col(dbc.Card(dbc.CardBody([
            html.Div(f"Kabupaten {kab}", className="text-muted small"),
            html.H5(f"Kecamatan {kec}", className="card-title"),
            html.P(f"{n} SOP berlaku", className="mb-2"),
            dbc.Button("Lihat SOP", href=f"/sop?kecamatan={kec}", size="sm", color="primary", outline=True),
        ])), md=3, className="mb-3")
        for (kab, kec), n in sorted(per_kantor.items())
    ]
    isi = dbc.Row(kartu) if kartu else dbc.Alert(
        "Belum ada SOP tersimpan. Impor dokumen SOP dengan perintah "
        "`flask --app app:server sop import BERKAS`.", color="info")
    return html.Div([
        html.H2("Beranda"),
        html.P("Pemantauan kinerja (SAKIP) kecamatan: SOP, capaian IKU, waktu siklus dan tindak lanjut.",
               className="lead"),
        html.H4("SOP per kantor", className="mt-4"),
        isi,
    ])
