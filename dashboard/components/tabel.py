"""A table of the dashboards on screen: Indonesian numbers, dates and working times, with its downloads."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.saringan import tautan_unduh
from dashboard.components.statis import statis as tabel_statis
from dashboard.format import angka
from models.dasbor.laporan import Kolom, Tabel, nilai_kosong, teks_sel

PER_HALAMAN = 25
ANGKA = {"persen", "angka", "menit"}  # right-aligned, sorted as numbers
# Pattern ids of a paged table's parts, keyed by the table; assets/tabel.js pages, sorts and searches them.
TABEL_CARI, TABEL_URUT, TABEL_BADAN, TABEL_HALAMAN = "tabel-cari", "tabel-urut", "tabel-badan", "tabel-halaman"
TABEL_KETERANGAN, TABEL_DATA, TABEL_URUTAN = "tabel-keterangan", "tabel-data", "tabel-urutan"


def sel(v, k: Kolom, zona: str, menit_per_hari: int = 480) -> str:
    """One value as printed for its kind (models.dasbor.laporan.teks_sel, shared with the printed recap)."""
    return teks_sel(v, k, zona, menit_per_hari)


def kunci_urut(v, k: Kolom) -> float | str | None:
    """The value a column sorts by: numbers as numbers, dates in calendar order, text as read; empty sorts last."""
    if nilai_kosong(v):
        return None
    if k.jenis in ANGKA:
        return float(v)
    if k.jenis in {"waktu", "tanggal"} and hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).casefold()


def keterangan_baris(dari: int, sampai: int, cocok: int, semua: int, satuan: str = "baris") -> str:
    """'Menampilkan 1–25 dari 31 baris', the same words as the browser writes when paging (assets/tabel.js)."""
    if cocok == 0:
        return f"Tidak ada {satuan} yang cocok dengan pencarian."
    teks = f"Menampilkan {angka(dari)}–{angka(sampai)} dari {angka(cocok)} {satuan}"
    return teks + (f" (disaring dari {angka(semua)})." if cocok < semua else ".")


def tabel_layar(t: Tabel, *, nama: str | None, q: str, ident: str | None = None, kosong: str = "Tidak ada data.",
                menit_per_hari: int = 480, per_halaman: int = PER_HALAMAN, statis: bool = False) -> html.Div:
    """The table with a title and its CSV/Excel links.

    A table longer than one page is paged, sorted by a click on a column's name and searched in the browser
    (assets/tabel.js); every row travels with the page, so nothing is cut and no request is made per click.
    `statis`: every row at once as one component of plain HTML (dashboard.components.statis), for a page that
    draws several tables of a kabupaten's offices, whose thousands of components the browser draws too slowly.
    """
    judul = html.H5([t.judul, tautan_unduh(nama, q) if nama else None], className="mt-4 mb-2")
    if t.data.empty:
        return html.Div([judul, dbc.Alert(kosong, color="light")], id=ident or "")
    semua = t.baris()
    teks = [[sel(v, k, t.zona, menit_per_hari) for v, k in zip(baris, t.kolom)] for baris in semua]
    kanan = [k.jenis in ANGKA for k in t.kolom]
    # Per cell the address of its records, for the columns that have one (a link on screen; files keep the text).
    tautan = [[rec.get(k.tautan) if k.tautan else None for k in t.kolom] for rec in t.data.to_dict("records")]
    badan = [_baris(b, kanan, a) for b, a in zip(teks[:per_halaman], tautan)]
    tabel_id = {"id": ident} if ident else {}
    if statis:
        badan = [_baris(b, kanan, a) for b, a in zip(teks, tautan)]
    if len(semua) <= per_halaman or statis:
        kepala = html.Thead(html.Tr([html.Th(k.nama, className="text-end" if r else None)
                                     for k, r in zip(t.kolom, kanan)]))
        tabel = dbc.Table([kepala, html.Tbody(badan)], bordered=False, hover=True, size="sm", responsive=True,
                          className="tabel-dasbor", **tabel_id)
        return html.Div([judul, tabel_statis(tabel) if statis else tabel])
    kunci = ident or nama or t.judul

    def pid(jenis: str, **lain) -> dict:
        return {"type": jenis, "tabel": kunci, **lain}

    kepala = html.Thead(html.Tr([
        html.Th(html.Button(k.nama, id=pid(TABEL_URUT, kolom=i), type="button", title="Urutkan menurut kolom ini",
                            className="btn btn-link btn-sm p-0 text-reset fw-semibold text-decoration-none"),
                className="text-end" if r else None)
        for i, (k, r) in enumerate(zip(t.kolom, kanan))]))
    data = {"kolom": [k.nama for k in t.kolom], "kanan": kanan, "baris": teks, "tautan": tautan,
            "kunci": [[kunci_urut(v, k) for v, k in zip(baris, t.kolom)] for baris in semua],
            "per_halaman": per_halaman}
    halaman = -(-len(semua) // per_halaman)
    return html.Div([
        judul,
        html.Div([
            dbc.Input(id=pid(TABEL_CARI), type="search", placeholder="Cari di tabel ini…", debounce=True,
                      size="sm", className="w-auto", style={"minWidth": "16rem"}),
            html.Small(keterangan_baris(1, per_halaman, len(semua), len(semua)), id=pid(TABEL_KETERANGAN),
                       className="text-muted"),
        ], className="d-flex flex-wrap align-items-center gap-3 mb-2"),
        dbc.Table([kepala, html.Tbody(badan, id=pid(TABEL_BADAN))], bordered=False, hover=True, size="sm",
                  responsive=True, className="tabel-dasbor", **tabel_id),
        dbc.Pagination(id=pid(TABEL_HALAMAN), max_value=halaman, active_page=1, first_last=True, previous_next=True,
                       fully_expanded=False, size="sm"),
        dcc.Store(id=pid(TABEL_DATA), data=data),
        dcc.Store(id=pid(TABEL_URUTAN), data=None),
    ])


def _baris(sel_teks: list[str], kanan: list[bool], tautan: list[str | None]) -> html.Tr:
    return html.Tr([html.Td(html.A(v, href=a) if a else v, className="text-end" if r else None)
                    for v, r, a in zip(sel_teks, kanan, tautan)])
