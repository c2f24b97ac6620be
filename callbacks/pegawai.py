"""Impor Pegawai: the template, the preview of a sheet and the creation of its accounts, each call checked for the
caller's role and office on the server (the sheet is read again to save)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update
from flask import request
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.components.pilihan import pilihan_kantor_pegawai
from dashboard.data import kecamatan_terlihat, sesi
from models.akun.impor_pegawai import (
    PERAN_IMPOR,
    baca_pegawai,
    simpan_pegawai,
    templat_xlsx,
)
from models.akun.kantor import kantor_bernomor
from models.akun.peran import PERAN
from models.akun.slip_sandi import Slip, pdf_slip
from models.tables import Kecamatan, User, utcnow
from models.umum.berkas import dari_unggahan
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak

NAMA_PERAN = {p.kode: p.nama for p in PERAN}


def register(app: Dash) -> None:
    @callback(app, Output(ids.PEGAWAI_KANTOR, "options"), Input(ids.PEGAWAI_KANTOR, "search_value"),
              State(ids.PEGAWAI_KANTOR, "value"), peran=PERAN_IMPOR, prevent_initial_call=True)
    def pilihan_kantor(cari, terpilih):
        """The offices the typed words find (the admin's country is searched in the database); the chosen one stays."""
        with sesi() as s:
            lingkup = kecamatan_terlihat(s)
            pilihan = pilihan_kantor_pegawai(s, lingkup, cari)
            if isinstance(terpilih, int) and not isinstance(terpilih, bool) \
                    and all(p["value"] != terpilih for p in pilihan):
                pilih = kantor_bernomor(s, terpilih, lingkup)
                pilihan += [{"label": pilih[1], "value": pilih[0]}] if pilih else []
        return pilihan

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
              Output(ids.PEGAWAI_SIMPAN, "disabled", allow_duplicate=True), Output(ids.PEGAWAI_SLIP, "data"),
              Input(ids.PEGAWAI_SIMPAN, "n_clicks"), State(ids.PEGAWAI_BERKAS, "contents"),
              State(ids.PEGAWAI_KANTOR, "value"), peran=PERAN_IMPOR, kecamatan=("kecamatan",),
              prevent_initial_call=True, tolak=0)
    def simpan(_n, isi, kecamatan):
        """The accounts are made and their first-login passwords leave as one PDF of slips, one per person, to
        print and hand over; the screen lists the accounts without their passwords."""
        if not isi:
            raise Ditolak("Unggah lembar pegawai terlebih dahulu.", aksi="pengguna.impor")
        terbit = utcnow()
        with sesi() as s:
            hasil = simpan_pegawai(s, dari_unggahan(isi), kecamatan_id=kecamatan,
                                   oleh=s.get(User, current_user.id), alamat=request.remote_addr or "-")
            kec = s.get(Kecamatan, hasil[0][0].kecamatan_id)
            nama_kec = kec.nama if kec else ""
            baris = [(u.nama, u.username, NAMA_PERAN.get(u.role_kode, u.role_kode)) for u, _ in hasil]
            slip = [Slip(u.nama, u.nip, u.jabatan, u.username, sandi) for u, sandi in hasil]
        pdf = pdf_slip(slip, kecamatan=nama_kec, terbit=terbit)
        tabel = dbc.Table([html.Thead(html.Tr([html.Th(x) for x in ("Nama", "Username", "Peran")])),
                           html.Tbody([html.Tr([html.Td(a), html.Td(b), html.Td(c)]) for a, b, c in baris])],
                          size="sm", bordered=True, id="tabel-akun-baru")
        return dbc.Alert([html.Strong(f"{len(baris)} akun dibuat. "),
                          "Slip kata sandi awal (PDF, satu lembar per pegawai) diunduh sekali ini saja: cetak, "
                          "serahkan langsung kepada masing-masing pegawai, lalu hapus berkasnya. Kata sandi awal "
                          "berlaku 72 jam, tidak dapat dipakai dari perangkat ini, dan tidak ditampilkan lagi.",
                          tabel], color="success", id="pegawai-berhasil"), None, True, \
            dcc.send_bytes(pdf, "slip-sandi-awal.pdf")
