"""Publishing a signed document, as a page shows it: the document's publication state, and for who may publish it
a "Publikasikan" / "Tarik publikasi" button that acts on that one document (callbacks/publikasi.py, one callback
per kind of document, by pattern-matching ids). A page of signed PKs or LKjs places `tombol_publikasi` beside
each signed document; the domain (models.perencanaan.publikasi) checks again who may and what."""
from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.format import tanggal
from models.perencanaan.kalender_sakip import tanggal_lokal


def _kunci(jenis: str, dok_id: int) -> dict:
    return {"jenis": jenis, "index": dok_id}


def label_tombol(terbit: bool) -> str:
    return "Tarik publikasi" if terbit else "Publikasikan"


def lencana_publikasi(dipublikasikan_pada: datetime | None, zona: str) -> dbc.Badge | None:
    """"Dipublikasikan 20 Januari 2026" for a published document; nothing otherwise."""
    if dipublikasikan_pada is None:
        return None
    return dbc.Badge(f"Dipublikasikan {tanggal(tanggal_lokal(dipublikasikan_pada, zona))}", color="info",
                     className="me-1 lencana-publikasi")


def tombol_publikasi(jenis: str, dok_id: int, terbit: bool) -> html.Span:
    """The button that publishes the document (or withdraws it, when `terbit`), with its own message beside it.
    `jenis`: "pk" or "lkj"."""
    k = _kunci(jenis, dok_id)
    return html.Span([
        dbc.Button(label_tombol(terbit), id={"type": ids.PUBLIKASI_TOMBOL, **k}, size="sm", outline=True,
                   color="secondary" if terbit else "primary", className="me-1"),
        html.Span(str(dok_id), id={"type": ids.PUBLIKASI_DOKUMEN, **k}, hidden=True),
        # what the button does when pressed, as the person saw it: never the reverse of what they read
        html.Span("tarik" if terbit else "terbitkan", id={"type": ids.PUBLIKASI_AKSI, **k}, hidden=True),
        html.Span(id={"type": ids.PUBLIKASI_PESAN, **k}, className="small"),
    ], className="tombol-publikasi")
