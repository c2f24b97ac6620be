"""The kabupaten's Evaluasi AKIP recap as the pages show it (models.tindak_lanjut.rekap_akip): the table of offices
with total, predicate, the four components, the change from last year and the rank; the heatmap of
sub-components; and the short card of each office's state Beranda shows."""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.components.grafik import grafik
from dashboard.figures import peta_sub_akip
from dashboard.format import angka
from dashboard.format import tanggal as fmt_tanggal
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.tindak_lanjut.lke import ARTI_PREDIKAT, bulat
from models.tindak_lanjut.rekap_akip import BarisRekap, KeadaanAkip, RekapAkip, keadaan_teks


def _skor(v: Decimal | None) -> str:
    return angka(float(bulat(v)), 2) if v is not None else "-"


def _bobot(d: Decimal) -> str:
    """A weight as the LKE states it: "30", or "22,50" for a revised LKE's fractional one."""
    return angka(float(d), 0 if d == d.to_integral_value() else 2)


def _selisih(b: BarisRekap) -> html.Td:
    d = b.selisih
    if d is None:
        return html.Td("-", className="text-end text-muted")
    tanda = "+" if d > 0 else ""
    pred = f" ({b.predikat_lalu} → {b.predikat})" if b.predikat_lalu and b.predikat_lalu != b.predikat else ""
    warna = "text-success" if d > 0 else ("text-danger" if d < 0 else "")
    return html.Td(f"{tanda}{angka(float(d), 2)}{pred}", className=f"text-end {warna}",
                   title=f"Tahun lalu {_skor(b.total_lalu)} ({b.predikat_lalu})")


def _kantor(b: BarisRekap, tahun: int) -> html.Th:
    """The office's name, opening its LKE of the year (both columns, the evaluator's to answer)."""
    return html.Th(html.A(b.kecamatan, href="/evaluasi-akip?" + urlencode({"kecamatan": b.kecamatan, "tahun": tahun})))


def tombol_rilis(b: BarisRekap) -> html.Span:
    """Release the office's predicate to the public page (or withdraw it), beside a final evaluation."""
    k = {"index": b.evaluasi_akip_id}
    dirilis = b.dirilis_pada is not None
    return html.Span([
        dbc.Button("Tarik rilis" if dirilis else "Rilis predikat", id={"type": ids.RILIS_TOMBOL, **k}, size="sm",
                   outline=True, color="secondary" if dirilis else "primary", className="me-1"),
        html.Span(str(b.evaluasi_akip_id), id={"type": ids.RILIS_EVALUASI, **k}, hidden=True),
        html.Span("tarik" if dirilis else "rilis", id={"type": ids.RILIS_AKSI, **k}, hidden=True),
        html.Span(id={"type": ids.RILIS_PESAN, **k}, className="small"),
    ], className="text-nowrap")


def tabel_rekap(r: RekapAkip, *, perilis: bool, zona: str = "Asia/Jakarta") -> dbc.Table:
    """One row per office: rank, total, predicate, the components, change from last year; an office without a
    final evaluation shows its state instead of numbers. `perilis`: the viewer may release predicates."""
    kepala = html.Thead(html.Tr([
        html.Th("Peringkat", className="text-end"), html.Th("Kecamatan"), html.Th("Keadaan"),
        html.Th("Nilai", className="text-end"), html.Th("Predikat"),
        *(html.Th([k.nama, html.Br(), html.Small(f"bobot {_bobot(k.bobot)}", className="text-muted")],
                  className="text-end") for k in r.komponen),
        html.Th(f"Perubahan dari {r.tahun - 1}", className="text-end"), html.Th("Publik")]))
    baris = []
    for b in r.baris:
        final = b.total is not None
        if final:
            publik: list = [html.Span(f"dirilis {fmt_tanggal(tanggal_lokal(b.dirilis_pada, zona))}",
                                      className="small me-1")] if b.dirilis_pada else []
            if perilis:
                publik.append(tombol_rilis(b))
            isi = [html.Td(angka(b.peringkat), className="text-end fw-bold"), _kantor(b, r.tahun),
                   html.Td(dbc.Badge(b.keadaan.label, color=b.keadaan.warna)),
                   html.Td(_skor(b.total), className="text-end fw-bold"),
                   html.Td([html.Strong(b.predikat), html.Small(f" {ARTI_PREDIKAT.get(b.predikat or '', '')}",
                                                                className="text-muted")]),
                   *(html.Td(_skor(b.komponen.get(k.kode)), className="text-end") for k in r.komponen),
                   _selisih(b), html.Td(publik or "-")]
        else:
            kosong = "Evaluasi belum final" if b.keadaan != KeadaanAkip.BELUM_DIBUKA else "Belum ada evaluasi"
            isi = [html.Td("-", className="text-end text-muted"), _kantor(b, r.tahun),
                   html.Td(dbc.Badge(b.keadaan.label, color=b.keadaan.warna,
                                     text_color="dark" if b.keadaan.warna in ("light", "warning") else None)),
                   html.Td(kosong, colSpan=2 + len(r.komponen), className="text-muted fst-italic"),
                   _selisih(b), html.Td("-")]
        baris.append(html.Tr(isi, **{"data-kantor": b.kecamatan, "data-keadaan": str(b.keadaan)}))
    return dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, hover=True, responsive=True,
                     id="tabel-rekap-akip", className="tabel-dasbor")


def peta_sub(r: RekapAkip):
    """The heatmap of sub-components (share of each one's weight), offices in the table's order."""
    fig = peta_sub_akip([b.kecamatan for b in r.baris], [(k.kode, k.nama) for k in r.sub],
                        [[(float(p) if (p := b.persen_sub(k.kode)) is not None else None) for k in r.sub]
                         for b in r.baris],
                        [None if b.total is not None else b.keadaan.label.lower() for b in r.baris])
    return grafik(fig, f"Peta subkomponen Evaluasi AKIP {r.tahun}", id="grafik-rekap-akip")


def kartu_akip(r: RekapAkip, *, tautan: bool = True) -> dbc.Card:
    """Beranda's card: each office's evaluation state for the year (final: total and predicate)."""
    hitung = {k: sum(1 for b in r.baris if b.keadaan == k) for k in KeadaanAkip}
    ringkas = " · ".join(f"{k.label}: {n}" for k, n in hitung.items() if n)
    daftar = html.Ul([html.Li([html.Span(b.kecamatan, className="me-1"),
                               dbc.Badge(keadaan_teks(b), color=b.keadaan.warna,
                                         text_color="dark" if b.keadaan.warna in ("light", "warning") else None)],
                              className="d-flex justify-content-between align-items-center py-1 border-bottom",
                              **{"data-kantor": b.kecamatan, "data-keadaan": str(b.keadaan)})
                      for b in sorted(r.baris, key=lambda b: b.kecamatan)], className="list-unstyled mb-2 small")
    isi = [html.H5(f"Evaluasi AKIP {r.tahun}", className="card-title"), html.P(ringkas, className="small mb-2"),
           daftar]
    if tautan:
        isi.append(html.A("Rekap Evaluasi AKIP", href="/evaluasi-akip/rekap?" + urlencode({"tahun": r.tahun}),
                          className="small"))
    return dbc.Card(dbc.CardBody(isi), className="mb-3", id="kartu-evaluasi-akip")
