"""Pengaturan Kabupaten: the kabupaten's sets of capaian bands, each from its first year, as a table."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.format import tanggal
from models.kinerja.capaian import pita_berlaku as pita_tahun
from models.kinerja.mesin import PREDIKAT_BAKU, Predikat
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.perencanaan.pengaturan import SetPredikat, teks_pita
from models.umum.angka import tulis_angka

PENGATUR = frozenset({"admin", "kabupaten"})  # who opens the page (models.perencanaan.pengaturan checks the kabupaten)
BARIS_PITA = 7  # rows of the bands' form; empty ones are left out


def _pita(pita: tuple[Predikat, ...]) -> html.Span:
    """The bands in one line, each name on its colour."""
    teks = teks_pita(pita).split(" · ")
    return html.Span([html.Span(t, className="badge me-1 text-dark border",
                                style={"backgroundColor": f"{p.warna}33", "borderColor": p.warna})
                      for t, p in zip(teks, pita)])


def tabel_pita(daftar: list[SetPredikat], tahun_ini: int) -> html.Div:
    """Each set with the years it judges; before the first, the common scale."""
    baris = []
    if not daftar or daftar[0].berlaku_mulai > 2000:
        sampai = f"sampai {daftar[0].berlaku_mulai - 1}" if daftar else "semua tahun"
        baris.append(html.Tr([html.Td(sampai), html.Td(_pita(PREDIKAT_BAKU)),
                              html.Td("skala umum", className="text-muted small")], **{"data-mulai": "baku"}))
    for n, p in enumerate(daftar):
        akhir = daftar[n + 1].berlaku_mulai - 1 if n + 1 < len(daftar) else None
        tahun = (f"{p.berlaku_mulai}–{akhir}" if akhir is not None and akhir > p.berlaku_mulai else
                 str(p.berlaku_mulai) if akhir is not None else f"mulai {p.berlaku_mulai}")
        if p.berlaku_mulai <= 2000:
            tahun = f"sampai {akhir}" if akhir is not None else "semua tahun"
        oleh = f"{p.diubah_oleh or 'sistem'}, {tanggal(tanggal_lokal(p.diubah_pada))}"
        baris.append(html.Tr([html.Td(tahun), html.Td(_pita(p.pita)), html.Td(oleh, className="text-muted small")],
                             **{"data-mulai": str(p.berlaku_mulai)}))
    return html.Div([
        dbc.Table([html.Thead(html.Tr([html.Th("Tahun dinilai"), html.Th("Predikat (capaian %)"),
                                       html.Th("Diatur oleh")])), html.Tbody(baris)],
                  size="sm", responsive=True, id="tabel-pita", className="mb-1"),
        html.P(f"Tahun sebelum {tahun_ini} tetap dinilai dengan predikat yang berlaku saat itu.",
               className="small text-muted"),
    ])


def pita_berlaku(daftar: list[SetPredikat], tahun: int) -> tuple[Predikat, ...]:
    """The bands `tahun` is judged by, from the kabupaten's sets already read (the rule is the capaian engine's)."""
    return pita_tahun(((p.berlaku_mulai, p.pita) for p in daftar), tahun) or PREDIKAT_BAKU


def baris_pita(pita: tuple[Predikat, ...]) -> list[dbc.Row]:
    """The form's rows, filled with `pita` (highest first), then empty ones up to BARIS_PITA."""
    hasil = []
    for n in range(max(BARIS_PITA, len(pita))):
        p = pita[n] if n < len(pita) else None
        hasil.append(dbc.Row([
            dbc.Col(dbc.Input(id={"type": ids.PITA_NAMA, "index": n}, size="sm", maxLength=40,
                              value=p.nama if p else ""), xs=5),
            dbc.Col(dbc.Input(id={"type": ids.PITA_AMBANG, "index": n}, size="sm", inputMode="decimal",
                              value=tulis_angka(p.di_atas) if p and p.di_atas is not None else ""), xs=3),
            dbc.Col(dbc.Input(id={"type": ids.PITA_WARNA, "index": n}, size="sm", maxLength=7, placeholder="#rrggbb",
                              value=p.warna if p else ""), xs=4),
        ], className="g-1 mb-1"))
    return hasil
