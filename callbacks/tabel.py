"""The long tables of every page: paging, sorting and searching run in the browser on the rows the page holds.

The callback reads nothing from the server; the rows it pages are those the page was built with, for the
signed-in user, under that page's own checks.
"""
from __future__ import annotations

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State

from dashboard.components.tabel import (
    TABEL_BADAN,
    TABEL_CARI,
    TABEL_DATA,
    TABEL_HALAMAN,
    TABEL_KETERANGAN,
    TABEL_URUT,
    TABEL_URUTAN,
)


def register(app: Dash) -> None:
    def pid(jenis: str, **lain) -> dict:
        return {"type": jenis, "tabel": MATCH, **lain}

    app.clientside_callback(
        ClientsideFunction(namespace="tabel", function_name="tampilkan"),
        Output(pid(TABEL_BADAN), "children"), Output(pid(TABEL_HALAMAN), "max_value"),
        Output(pid(TABEL_HALAMAN), "active_page"), Output(pid(TABEL_URUTAN), "data"),
        Output(pid(TABEL_KETERANGAN), "children"), Output(pid(TABEL_URUT, kolom=ALL), "children"),
        Input(pid(TABEL_CARI), "value"), Input(pid(TABEL_HALAMAN), "active_page"),
        Input(pid(TABEL_URUT, kolom=ALL), "n_clicks"),
        State(pid(TABEL_DATA), "data"), State(pid(TABEL_URUTAN), "data"),
        prevent_initial_call=True,
    )
