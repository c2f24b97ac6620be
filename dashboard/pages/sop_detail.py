"""One SOP: identity page, steps with their mutu baku, total standard time and the swimlane flowchart."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import format as fmt
from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.identitas import diagram_alir, identitas, tabel_langkah
from dashboard.components.pilihan import dropdown
from dashboard.data import kecamatan_terlihat, pengaturan, peran_aktif, sesi
from models.sop.durasi import beda_total_tercetak, format_menit, tulis_waktu
from models.sop.nomor import nomor_langkah
from models.sop.register import detail_sop
from models.tables import Sop
from models.umum.isian import bulat, nomor_id
from models.umum.penolakan import Ditolak

dash.register_page(__name__, path_template="/sop/<sop_id>", name="SOP", title="SOP · SAKIP Kecamatan",
                   order=2)


def _tidak_ada(pesan: str) -> html.Div:
    return html.Div([html.H2("SOP tidak ditemukan"), dbc.Alert(pesan, color="warning"),
                     dbc.Button("Kembali ke katalog", href="/sop", color="secondary")])


def diagram(detail, menit_per_hari: int) -> html.Iframe:
    langkah = [
        {"urutan": lk.urutan, "no": nomor_langkah(lk.no), "kegiatan": lk.kegiatan, "pelaksana": lk.pelaksana,
         "keputusan": lk.keputusan, "kembali_ke": lk.kembali_ke,
         "waktu": tulis_waktu(lk.waktu, menit_per_hari=menit_per_hari)}
        for lk in detail.langkah
    ]
    return diagram_alir(detail.revisi.pelaksana, langkah, detail.revisi.nama, ident="sop-diagram")


def koreksi_pelaksana(detail) -> dbc.Card:
    """The admin's form to correct who carries out a step (checked again on the server)."""
    pilihan_langkah = [{"label": f"{nomor_langkah(lk.no)}. {lk.kegiatan[:70]}{'…' if len(lk.kegiatan) > 70 else ''}",
                        "value": lk.id} for lk in detail.langkah]
    return dbc.Card(dbc.CardBody([
        html.H5("Koreksi pelaksana", className="card-title"),
        html.P("Pilih langkah lalu pelaksananya, berurutan bila lebih dari satu. Perubahan dicatat di log audit.",
               className="text-muted small"),
        dbc.Row([
            dbc.Col(dropdown(id=ids.KOREKSI_LANGKAH, options=pilihan_langkah, placeholder="Langkah…"), md=6),
            dbc.Col(dropdown(id=ids.KOREKSI_PELAKSANA, options=list(detail.revisi.pelaksana), multi=True,
                                 placeholder="Pelaksana…"), md=4),
            dbc.Col(dbc.Button("Simpan", id=ids.KOREKSI_SIMPAN, color="primary"), md=2),
        ], className="g-2"),
        html.Div(id=ids.KOREKSI_PESAN, className="mt-2"),
    ]), className="mt-3", id="koreksi-pelaksana-kartu")


@halaman(objek={"sop_id": Sop})
def layout(sop_id: str | None = None, revisi: str | None = None, **_kwargs) -> html.Div:
    try:
        nomor, revisi_ke = nomor_id(sop_id), bulat(revisi, label="Revisi", wajib=False)
    except Ditolak:
        return _tidak_ada("Alamat SOP tidak sah.")
    with sesi() as s:
        detail = detail_sop(s, nomor, kecamatan_ids=kecamatan_terlihat(s), revisi_ke=revisi_ke)
    if detail is None:
        return _tidak_ada(f"SOP nomor {sop_id} tidak ada dalam katalog.")
    rev = detail.revisi
    menit_per_hari = pengaturan().menit_per_hari
    revisi_lain = [
        html.Li(html.A(f"Revisi ke-{r.revisi_ke}" + (" (berlaku)" if r.berlaku else "")
                       + f", diimpor {fmt.waktu(r.diimpor_pada, detail.kecamatan.zona_waktu)}",
                       href=f"/sop/{detail.sop.id}?revisi={r.revisi_ke}"))
        for r in detail.revisi_lain
    ]
    beda = beda_total_tercetak(rev.total_tercetak, rev.total_menit, menit_per_hari=menit_per_hari)
    catatan_total = dbc.Alert(beda, color="warning", id="sop-beda-total") if beda else None
    return html.Div([
        dbc.Breadcrumb(items=[{"label": "Katalog SOP", "href": "/sop"},
                              {"label": f"Kecamatan {detail.kecamatan.nama}",
                               "href": f"/sop?kecamatan={detail.kecamatan.nama}"},
                              {"label": rev.nama, "active": True}]),
        html.H2(rev.nama, id="sop-judul"),
        html.P([
            f"Kecamatan {detail.kecamatan.nama}, Kabupaten {detail.kabupaten.nama} · revisi ke-{rev.revisi_ke}"
            + ("" if rev.berlaku else " (tidak berlaku lagi)") + " · ",
            html.Strong(f"{len(detail.langkah)} langkah, "),
            html.Strong(format_menit(rev.total_menit, menit_per_hari=menit_per_hari), id="sop-total-ringkas"),
        ], className="text-muted"),
        catatan_total,
        html.Div([
            dbc.Button("Cetak SOP (PDF)", href=f"/cetak/sop/{detail.sop.id}.pdf?revisi={rev.revisi_ke}",
                       external_link=True, target="_blank", color="secondary", outline=True, size="sm",
                       id="sop-cetak-pdf"),
            dbc.Button("Unduh SOP (Word)", href=f"/cetak/sop/{detail.sop.id}.docx?revisi={rev.revisi_ke}",
                       external_link=True, color="secondary", outline=True, size="sm", id="sop-cetak-docx"),
            html.Small("format PermenPAN-RB 35/2012: halaman identitas dan tabel prosedur dengan diagram alir",
                       className="text-muted align-self-center"),
        ], className="d-flex gap-2 mb-3"),
        dbc.Tabs([
            dbc.Tab([html.Div(tabel_langkah(detail, menit_per_hari), id=ids.SOP_LANGKAH),
                     koreksi_pelaksana(detail) if peran_aktif() == "admin" and rev.berlaku else None],
                    label="Langkah & mutu baku", tab_id="langkah", className="pt-3"),
            dbc.Tab(diagram(detail, menit_per_hari), label="Diagram alir", tab_id="diagram", className="pt-3"),
            dbc.Tab(identitas(detail), label="Identitas SOP", tab_id="identitas", className="pt-3"),
        ], active_tab="langkah", id="sop-tab"),
        html.Div([html.H5("Revisi lain", className="mt-4"), html.Ul(revisi_lain)]) if revisi_lain else None,
        html.Small(f"Revisi ke-{rev.revisi_ke}, diimpor {fmt.waktu(rev.diimpor_pada, detail.kecamatan.zona_waktu)} "
                   "dari dokumen SOP kantor.", className="text-muted", id="sop-asal"),
    ])
