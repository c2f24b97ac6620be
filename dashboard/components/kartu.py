"""The Beranda cards: one IKU's capaian for a quarter, and a single figure with its caption."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.format import angka
from models.dasbor.kueri import KartuIku
from models.umum.angka import tulis_persen, tulis_target
from models.umum.periode import ROMAWI
from models.umum.status import Keadaan, KeadaanCapaian


def _perubahan(k: KartuIku, tw_lalu: int) -> html.Span:
    if k.selisih is None:
        return html.Span(f"Triwulan {ROMAWI[tw_lalu]}: tidak ada pembanding", className="text-muted")
    arah, kelas = ("▲", "text-success") if k.selisih > 0 else (("▼", "text-danger") if k.selisih < 0 else ("■", ""))
    return html.Span([html.Span(f"{arah} {angka(abs(k.selisih), 2)} poin", className=kelas),
                      f" dari triwulan {ROMAWI[tw_lalu]}"], className="perubahan")


def lencana_keadaan(keadaan: Keadaan, className: str | None = None) -> dbc.Badge:
    """A state as a badge: its label on its colour, dark text where the colour is light."""
    return dbc.Badge(keadaan.label, color=keadaan.warna, className=className,
                     text_color="dark" if keadaan.warna in ("warning", "info", "light") else None)


def kartu_iku(k: KartuIku, tw_lalu: int) -> html.Div:
    """Capaian, band colour, change from the previous quarter, official or provisional."""
    warna = k.predikat.warna if k.predikat else "#adb5bd"
    if k.persen is None:
        nilai = [html.Div("Tidak tersedia", className="fs-4 text-muted"), html.Small(k.alasan or "", className="text-muted")]
        # a figure returned or reopened is named by its state (as on Isi Realisasi), never shown as a number
        status = lencana_keadaan(k.keadaan, className="status-diperbaiki") if k.keadaan is not None else \
            dbc.Badge("Belum ada angka", color="light", text_color="secondary")
    else:
        nilai = [html.Div(tulis_persen(k.persen), className="fs-2 fw-semibold capaian-angka"),
                 html.Div(f"terhadap {k.terhadap}", className="small text-muted capaian-terhadap"),
                 html.Div(k.predikat.nama if k.predikat else "", style={"color": warna}, className="fw-semibold")]
        if k.rencana_aksi:
            nilai.append(html.Div(k.rencana_aksi, className="small fw-semibold rencana-aksi " + (
                "text-success" if k.rencana_aksi.startswith("Sesuai") else "text-warning-emphasis")))
        keadaan = KeadaanCapaian.RESMI if k.resmi else (k.keadaan or KeadaanCapaian.SEMENTARA)
        kelas = {KeadaanCapaian.RESMI: "status-resmi", KeadaanCapaian.DRAF: "status-draf"}.get(keadaan,
                                                                                              "status-sementara")
        status = lencana_keadaan(keadaan, className=kelas)
    return html.Div(dbc.Card(dbc.CardBody([
        html.Div([html.Span(k.indikator.kode, className="fw-bold me-2"), status], className="mb-1"),
        html.Div(k.indikator.nama, className="small text-muted mb-2 nama-iku"),
        *nilai,
        html.Div(_perubahan(k, tw_lalu), className="small mt-1") if k.persen is not None else None,
        html.Div(f"Target tahun: {tulis_target(k.target, k.indikator.satuan)}", className="small text-muted"),
        *([html.Div(f"T{k.terhadap[1:]}: {tulis_target(k.target_triwulan, k.indikator.satuan)}",
                    className="small text-muted")] if k.target_triwulan is not None else []),
    ]), className="h-100 kartu-iku", style={"borderTop": f"6px solid {warna}"}), className="h-100",
        **{"data-kode": k.indikator.kode})


def kartu_angka(judul: str, nilai: str, keterangan, *, ident: str, href: str | None = None,
                warna: str = "primary") -> dbc.Card:
    isi = [html.Div(judul, className="small text-muted"), html.Div(nilai, className=f"fs-3 fw-semibold text-{warna}",
                                                                   id=ident),
           html.Div(keterangan, className="small")]
    if href:
        isi.append(html.A("Lihat", href=href, className="small"))
    return dbc.Card(dbc.CardBody(isi), className="h-100")
