"""The controls of a long list paged by the database (as on Pengguna): a search box, the order, the words
"Menampilkan 1–25 dari N …", the page's table and the pager. The callback answers one page (models.umum.halaman)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.pilihan import dropdown
from dashboard.components.tabel import keterangan_baris
from models.umum.halaman import Halaman


def id_daftar(prefix: str, bagian: str) -> str:
    """The ids of one list's parts: "<prefix>-cari", "-urut", "-keterangan", "-tabel", "-halaman"."""
    return f"{prefix}-{bagian}"


def kendali_daftar(prefix: str, *, urutan: dict[str, str], bawaan: str, placeholder: str,
                   judul: str | None = None, ident: str | None = None, hidden: bool = False,
                   kelas: str = "mt-4") -> html.Div:
    """The list's search box, order, words, table and pager, empty until its callback fills them."""
    return html.Div([
        html.H5(judul, className="mt-4 mb-2") if judul else None,
        dbc.Row([
            dbc.Col(dbc.Input(id=id_daftar(prefix, "cari"), type="search", debounce=True, placeholder=placeholder),
                    md=8),
            dbc.Col(dropdown(id=id_daftar(prefix, "urut"), clearable=False, searchable=False, value=bawaan,
                             options=[{"label": f"Urut: {label}", "value": kunci} for kunci, label in urutan.items()]),
                    md=4),
        ], className="g-2 mb-2"),
        html.Small(id=id_daftar(prefix, "keterangan"), className="text-muted d-block mb-1", role="status"),
        dcc.Loading(html.Div(id=id_daftar(prefix, "tabel")), delay_show=300),
        dbc.Pagination(id=id_daftar(prefix, "halaman"), max_value=1, active_page=1, first_last=True,
                       previous_next=True, fully_expanded=False, size="sm"),
    ], hidden=hidden, className=kelas, **({"id": ident} if ident else {}))


def keterangan(h: Halaman, satuan: str) -> str:
    """'Menampilkan 1–25 dari 312 rekomendasi (disaring dari 540).', the same words as Pengguna's and the browser's."""
    return keterangan_baris(h.dari, h.sampai, h.cocok, h.semua, satuan=satuan)
