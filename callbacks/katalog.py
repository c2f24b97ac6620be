"""Katalog SOP: search and office filter."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.data import kecamatan_terlihat, pengaturan, sesi
from dashboard.format import angka
from models.sop.durasi import format_menit
from models.sop.register import BarisKatalog, daftar_sop

BATAS_KANTOR = 30  # offices drawn at once; more are read by narrowing the search


def _kartu_kantor(kab: str, kec: str, baris: list[BarisKatalog], menit_per_hari: int) -> dbc.Card:
    isi = [
        html.Tr([
            html.Td(html.A(b.nama, href=f"/sop/{b.sop_id}")),
            html.Td(b.nomor or "-", className="text-nowrap"),
            html.Td(f"ke-{b.revisi_ke}", className="text-nowrap revisi"),
            html.Td(str(b.jumlah_langkah), className="text-end"),
            html.Td(format_menit(b.total_menit, menit_per_hari=menit_per_hari), className="text-nowrap"),
        ])
        for b in baris
    ]
    return html.Div(dbc.Card([
        dbc.CardHeader([html.Strong(f"Kecamatan {kec}"), html.Span(f" · Kabupaten {kab}", className="text-muted")]),
        dbc.Table([
            html.Thead(html.Tr([html.Th("Nama SOP"), html.Th("Nomor"), html.Th("Revisi"),
                                html.Th("Langkah", className="text-end"),
                                html.Th("Waktu baku")])),
            html.Tbody(isi),
        ], hover=True, size="sm", responsive=True, className="mb-0"),  # a phone scrolls the table, not the page
    ]), className="mb-3 kantor", **{"data-kecamatan": kec})


def register(app: Dash) -> None:
    @callback(
        app,
        Output(ids.KATALOG_HASIL, "children"),
        Output(ids.KATALOG_JUMLAH, "children"),
        Input(ids.KATALOG_CARI, "value"),
        Input(ids.KATALOG_KECAMATAN, "value"),
        kecamatan="kecamatan",
        tolak=lambda pesan: (pesan_tolak(pesan), "0 SOP"),
        tembolok=True,
    )
    def tampilkan(cari: str | None, kecamatan: str | None):
        with sesi() as s:
            baris = daftar_sop(s, kecamatan_ids=kecamatan_terlihat(s), cari=cari, nama_kecamatan=kecamatan or None)
        if not baris:
            return dbc.Alert("Tidak ada SOP yang cocok dengan pencarian ini.", color="light"), "0 SOP"
        kelompok: dict[tuple[str, str], list[BarisKatalog]] = {}
        for b in baris:
            kelompok.setdefault((b.kabupaten, b.kecamatan), []).append(b)
        menit = pengaturan().menit_per_hari
        kartu = [_kartu_kantor(kab, kec, bs, menit) for (kab, kec), bs in list(kelompok.items())[:BATAS_KANTOR]]
        if len(kelompok) > BATAS_KANTOR:  # a province's or the country's catalogue is read by search, not whole
            kartu.insert(0, dbc.Alert(f"Menampilkan {BATAS_KANTOR} kecamatan pertama dari {angka(len(kelompok))}. "
                                      "Ketik nama SOP atau kecamatan, atau pilih kecamatan, untuk mempersempit.",
                                      color="info", id="katalog-terbatas"))
        return kartu, f"{angka(len(baris))} SOP di {angka(len(kelompok))} kecamatan"
