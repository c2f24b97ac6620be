"""Katalog SOP: search and office filter."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, ctx, html

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.data import kecamatan_terlihat, pengaturan, sesi
from dashboard.format import angka
from models.sop.durasi import format_menit
from models.sop.register import BarisKatalog, halaman_katalog


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
        Output(ids.KATALOG_HALAMAN, "max_value"),
        Output(ids.KATALOG_HALAMAN, "active_page"),
        Output(ids.KATALOG_HALAMAN, "className"),
        Input(ids.KATALOG_CARI, "value"),
        Input(ids.KATALOG_KECAMATAN, "value"),
        Input(ids.KATALOG_HALAMAN, "active_page"),
        kecamatan="kecamatan",
        tolak=lambda pesan: (pesan_tolak(pesan), "0 SOP", 1, 1, "d-none"),
        tembolok=True,
    )
    def tampilkan(cari: str | None, kecamatan: str | None, halaman: int | None):
        # A new search or office starts at the first page of offices.
        awal = ctx.triggered_id in (ids.KATALOG_CARI, ids.KATALOG_KECAMATAN)
        with sesi() as s:
            h = halaman_katalog(s, kecamatan_ids=kecamatan_terlihat(s), cari=cari, nama_kecamatan=kecamatan or None,
                                halaman=1 if awal else halaman)
        if not h.baris:
            return (dbc.Alert("Tidak ada SOP yang cocok dengan pencarian ini.", color="light"), "0 SOP", 1, 1,
                    "d-none")
        kelompok: dict[tuple[str, str], list[BarisKatalog]] = {}
        for b in h.baris:
            kelompok.setdefault((b.kabupaten, b.kecamatan), []).append(b)
        menit = pengaturan().menit_per_hari
        kartu = [_kartu_kantor(kab, kec, bs, menit) for (kab, kec), bs in kelompok.items()]
        jumlah = f"{angka(h.sop)} SOP di {angka(h.kantor)} kecamatan"
        if h.jumlah_halaman > 1:  # a kabupaten's or the country's catalogue is read a page of offices at a time
            jumlah += (f"; menampilkan kecamatan {angka(h.kantor_dari)}–{angka(h.kantor_sampai)} "
                       f"(halaman {angka(h.halaman)} dari {angka(h.jumlah_halaman)}). Ketik nama SOP atau kecamatan, "
                       "atau pilih kecamatan, untuk mempersempit.")
        return (kartu, jumlah, h.jumlah_halaman, h.halaman,
                "mt-2 flex-wrap" if h.jumlah_halaman > 1 else "d-none")
