"""Impor Pegawai: the template, the preview of a sheet and the creation of its accounts, each call checked for the
caller's role and office on the server (the sheet is read again to save)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.data import sesi
from models.akun.impor_pegawai import (
    PERAN_IMPOR,
    baca_pegawai,
    simpan_pegawai,
    templat_xlsx,
)
from models.akun.peran import PERAN
from models.tables import User
from models.umum.berkas import dari_unggahan
from models.umum.nip import format_nip

NAMA_PERAN = {p.kode: p.nama for p in PERAN}


def register(app: Dash) -> None:
    @callback(app, Output(ids.PEGAWAI_TEMPLAT, "data"), Input(ids.PEGAWAI_UNDUH_TEMPLAT, "n_clicks"),
              peran=PERAN_IMPOR, prevent_initial_call=True)
    def templat(_n):
        return dcc.send_bytes(templat_xlsx(), "templat-pegawai.xlsx")

    @callback(app, Output(ids.PEGAWAI_PRATINJAU, "children"), Output(ids.PEGAWAI_SIMPAN, "disabled"),
              Input(ids.PEGAWAI_BERKAS, "contents"), Input(ids.PEGAWAI_KANTOR, "value"),
              peran=PERAN_IMPOR, kecamatan=("kecamatan",), prevent_initial_call=True, tolak=lambda pesan: (pesan_tolak(pesan), True))
    def pratinjau(isi, kecamatan):
        if not isi:
            return no_update, True
        with sesi() as s:
            pr = baca_pegawai(s, dari_unggahan(isi), kecamatan_id=kecamatan, oleh=s.get(User, current_user.id))
        kepala = html.Thead(html.Tr([html.Th(x) for x in ("Baris", "Nama", "NIP", "Jabatan", "Peran", "Username",
                                                           "Keterangan")]))
        badan = [html.Tr([html.Td(b.baris), html.Td(b.nama), html.Td(format_nip(b.nip) or "-"), html.Td(b.jabatan),
                          html.Td(NAMA_PERAN.get(b.role_kode or "", "-")), html.Td(b.username),
                          html.Td("; ".join(p.split(": ", 1)[1] for p in b.pesan) or "Siap")],
                         className="" if b.sah else "table-danger") for b in pr.baris]
        ringkas = (dbc.Alert([html.Strong("Belum dapat dibuat. "), html.Ul([html.Li(m) for m in pr.semua_masalah],
                                                                            className="mb-0")], color="danger")
                   if pr.semua_masalah else
                   dbc.Alert(f"{len(pr.baris)} pegawai siap dibuat akunnya.", color="info"))
        tabel = dbc.Table([kepala, html.Tbody(badan)], size="sm", bordered=True, id="tabel-pegawai") if pr.baris \
            else None
        return html.Div([ringkas, tabel]), not pr.bersih

    @callback(app, Output(ids.PEGAWAI_PESAN, "children"), Output(ids.PEGAWAI_PRATINJAU, "children",
                                                                  allow_duplicate=True),
              Output(ids.PEGAWAI_SIMPAN, "disabled", allow_duplicate=True),
              Input(ids.PEGAWAI_SIMPAN, "n_clicks"), State(ids.PEGAWAI_BERKAS, "contents"),
              State(ids.PEGAWAI_KANTOR, "value"), peran=PERAN_IMPOR, kecamatan=("kecamatan",),
              prevent_initial_call=True, tolak=0)
    def simpan(_n, isi, kecamatan):
        if not isi:
            return dbc.Alert("Unggah lembar pegawai terlebih dahulu.", color="warning"), no_update, True
        with sesi() as s:
            hasil = simpan_pegawai(s, dari_unggahan(isi), kecamatan_id=kecamatan,
                                   oleh=s.get(User, current_user.id))
            baris = [(u.nama, u.username, NAMA_PERAN.get(u.role_kode, u.role_kode), sandi) for u, sandi in hasil]
        tabel = dbc.Table([html.Thead(html.Tr([html.Th(x) for x in ("Nama", "Username", "Peran", "Kata sandi awal")])),
                           html.Tbody([html.Tr([html.Td(a), html.Td(b), html.Td(c), html.Td(html.Code(d))])
                                       for a, b, c, d in baris])], size="sm", bordered=True, id="tabel-sandi-awal")
        return dbc.Alert([html.Strong(f"{len(baris)} akun dibuat. "),
                          "Berikan kata sandi awal kepada masing-masing pegawai; mereka diminta menggantinya saat "
                          "masuk pertama. Kata sandi ini tidak ditampilkan lagi.", tabel], color="success",
                         id="pegawai-berhasil"), None, True
