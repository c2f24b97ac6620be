"""A preview of the document an execution writes itself (Pengukuran Kinerja of a quarter, the Laporan Kinerja's
measurement chapter), shown on the step that produces it."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from models.perencanaan.dokumen_kinerja import BabPengukuran, TabelPengukuran, pesan_draf
from models.umum.angka import format_angka, tulis_angka


def _persen(x: float | None) -> str:
    return "-" if x is None else format_angka(x, 2)


def pratinjau(isi: TabelPengukuran | BabPengukuran) -> html.Div:
    if isinstance(isi, TabelPengukuran):
        kepala = ["Kode", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat", "Status"]
        baris = [[b.kode, html.Div([b.indikator, html.Div(b.rumus, className="small text-muted")]), b.satuan,
                  html.Div([tulis_angka(b.target), html.Div(f"terhadap {b.terhadap}", className="small text-muted")]),
                  tulis_angka(b.realisasi), _persen(b.capaian), b.predikat or "-",
                  html.Div([b.status, html.Div(b.rencana_aksi, className="small")]) if b.rencana_aksi else b.status]
                 for b in isi.baris]
        judul = f"Pengukuran Kinerja {isi.periode}"
    else:
        kepala = ["Kode", "Indikator", "Target", "Realisasi", "Capaian (%)", f"Capaian {isi.tahun - 1} (%)",
                  "Target Renstra", "Capaian thd Renstra (%)"]
        baris = [[b.kode, html.Div([b.indikator, html.Div(b.rumus, className="small text-muted")]),
                  tulis_angka(b.target), tulis_angka(b.tahun.realisasi), _persen(b.tahun.capaian),
                  _persen(b.lalu.capaian), tulis_angka(b.target_renstra) if b.target_renstra is not None else "-",
                  _persen(b.terhadap_renstra.capaian) if b.terhadap_renstra else "-"] for b in isi.baris]
        judul = f"Bab Pengukuran Kinerja, Laporan Kinerja {isi.periode}"
    draf = pesan_draf(isi) if isinstance(isi, TabelPengukuran) else None
    return html.Div([
        html.H6(judul),
        dbc.Alert(draf, color="warning", id="tugas-dokumen-draf") if draf else None,
        dbc.Table([html.Thead(html.Tr([html.Th(k) for k in kepala])),
                   html.Tbody([html.Tr([html.Td(x) for x in b]) for b in baris])],
                  size="sm", bordered=True, responsive=True, id="tugas-dokumen-pratinjau"),
        html.Small("Dihitung dari realisasi dan target saat ini oleh mesin capaian; lampirkan sebagai keluaran "
                   "langkah dengan tombol di bawah.", className="text-muted"),
    ])
