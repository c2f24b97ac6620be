"""A table of the dashboards on screen: Indonesian numbers, dates and working times, with its downloads."""
from __future__ import annotations

from datetime import date, datetime

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.components.saringan import tautan_unduh
from dashboard.format import angka, tanggal, waktu
from models.dasbor.laporan import Kolom, Tabel
from models.sop.durasi import format_menit


def _kosong(v) -> bool:
    return v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v))


def sel(v, k: Kolom, zona: str, menit_per_hari: int = 480) -> str:
    """One value as printed for its kind."""
    if _kosong(v):
        return "-"
    if k.jenis == "persen":
        return f"{angka(float(v), 2)}%"
    if k.jenis == "angka":
        f = float(v)
        return angka(f, 0 if f.is_integer() else 2)
    if k.jenis == "menit":
        return format_menit(float(v), menit_per_hari=menit_per_hari)
    if k.jenis == "waktu" and isinstance(v, datetime):
        return waktu(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v, zona)
    if k.jenis == "tanggal" and isinstance(v, date):
        return tanggal(v)
    return str(v)


def tabel_layar(t: Tabel, *, nama: str | None, q: str, ident: str | None = None, kosong: str = "Tidak ada data.",
                menit_per_hari: int = 480, batas: int | None = None) -> html.Div:
    """The table with a title and its CSV/Excel links; rows beyond `batas` are left to the download."""
    judul = html.H5([t.judul, tautan_unduh(nama, q) if nama else None], className="mt-4 mb-2")
    if t.data.empty:
        return html.Div([judul, dbc.Alert(kosong, color="light")], id=ident or "")
    kanan = {"persen", "angka", "menit"}
    kepala = html.Thead(html.Tr([html.Th(k.nama, className="text-end" if k.jenis in kanan else None)
                                 for k in t.kolom]))
    semua = t.baris()
    tampil = semua[:batas] if batas else semua
    badan = html.Tbody([
        html.Tr([html.Td(sel(v, k, t.zona, menit_per_hari), className="text-end" if k.jenis in kanan else None)
                 for v, k in zip(baris, t.kolom)])
        for baris in tampil])
    catatan = (html.Small(f"Menampilkan {angka(len(tampil))} dari {angka(len(semua))} baris; unduh untuk semuanya.",
                          className="text-muted") if len(tampil) < len(semua) else None)
    return html.Div([judul, dbc.Table([kepala, badan], bordered=False, hover=True, size="sm", responsive=True,
                                      className="tabel-dasbor", **({"id": ident} if ident else {})), catatan])
