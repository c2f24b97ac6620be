"""Pengguna page: list, create, change (admin only, checked on the server by the policy)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html
from flask import request
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.daftar import keterangan as teks_keterangan
from dashboard.data import sesi
from models.akun.pengguna import PESAN_SANDI_AWAL_DIBERIKAN as PESAN_SANDI_AWAL
from models.akun.pengguna import (
    baca_kantor,
    buat_pengguna,
    cari_pengguna,
    label_pengguna,
    pengguna_terpilih,
    setel_ulang_sandi,
    ubah_pengguna,
)
from models.tables import User
from models.umum.isian import nomor_id, versi_berikut
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak

ADMIN = {"admin"}


def _tabel(baris) -> dbc.Table:
    isi = [html.Tr([
        html.Td(html.Code(b.username)), html.Td(b.nama), html.Td(b.peran), html.Td(b.kantor),
        html.Td(b.nip or "-", className="text-nowrap"), html.Td(b.jabatan or "-"),
        html.Td(dbc.Badge("aktif", color="success") if b.aktif else dbc.Badge("nonaktif", color="secondary")),
    ], className="" if b.aktif else "text-muted") for b in baris]
    return dbc.Table([html.Thead(html.Tr([html.Th(x) for x in ("Nama pengguna", "Nama", "Peran", "Kantor", "NIP",
                                                               "Jabatan", "Status")])),
                      html.Tbody(isi)], size="sm", hover=True, responsive=True, className="tabel-pengguna")


def register(app: Dash) -> None:
    @callback(app, Output(ids.PENGGUNA_TABEL, "children"), Output(ids.PENGGUNA_KETERANGAN, "children"),
              Output(ids.PENGGUNA_HALAMAN, "max_value"), Output(ids.PENGGUNA_HALAMAN, "active_page"),
              Input(ids.PENGGUNA_CARI, "value"), Input(ids.PENGGUNA_URUT, "value"),
              Input(ids.PENGGUNA_HALAMAN, "active_page"), Input(ids.PENGGUNA_VERSI, "data"), peran=ADMIN)
    def tampilkan(cari: str | None, urut: str | None, halaman: int | None, _versi: int | None):
        # A new search or order starts at its first page; a save keeps the page the admin was on.
        awal = ctx.triggered_id in (ids.PENGGUNA_CARI, ids.PENGGUNA_URUT)
        with sesi() as s:
            h = cari_pengguna(s, cari=cari, urut=urut, halaman=1 if awal else halaman)
        keterangan = teks_keterangan(h, "pengguna")
        if not h.cocok:
            return dbc.Alert(keterangan, color="light"), "", 1, 1
        return _tabel(h.baris), keterangan, h.jumlah_halaman, h.halaman

    @callback(app, Output(ids.KELOLA_PENGGUNA, "options"), Input(ids.KELOLA_PENGGUNA, "search_value"),
              Input(ids.PENGGUNA_VERSI, "data"), State(ids.KELOLA_PENGGUNA, "value"), peran=ADMIN)
    def pilihan_pengguna(cari: str | None, _versi: int | None, terpilih: int | None):
        """The chooser offers the accounts its typed words find (20 at most) and keeps the one chosen."""
        with sesi() as s:
            baris = cari_pengguna(s, cari=cari, halaman=1, per_halaman=20).baris
            pilih = pengguna_terpilih(s, nomor_id(terpilih)) if terpilih else None
        if pilih and all(b.id != pilih.id for b in baris):
            baris = [pilih, *baris]
        return [{"label": label_pengguna(b), "value": b.id} for b in baris]

    @callback(app, Output(ids.KELOLA_PERAN, "value"), Output(ids.KELOLA_KANTOR, "value"),
              Output(ids.KELOLA_AKTIF, "value"), Output(ids.KELOLA_NIP, "value"), Output(ids.KELOLA_JABATAN, "value"),
              Input(ids.KELOLA_PENGGUNA, "value"), peran=ADMIN, objek={"user_id": User}, prevent_initial_call=True)
    def isi_form(user_id: int | None):
        if not user_id:
            return None, None, True, "", ""
        with sesi() as s:
            u = s.get(User, int(user_id))
            kantor = f"kec:{u.kecamatan_id}" if u.kecamatan_id else f"kab:{u.kabupaten_id}" if u.kabupaten_id else None
            return u.role_kode, kantor, u.aktif, format_nip(u.nip) or "", u.jabatan or ""

    @callback(app, Output(ids.BARU_PESAN, "children"), Output(ids.PENGGUNA_VERSI, "data", allow_duplicate=True),
              Input(ids.BARU_SIMPAN, "n_clicks"), State(ids.BARU_USERNAME, "value"), State(ids.BARU_NAMA, "value"),
              State(ids.BARU_PERAN, "value"), State(ids.BARU_KANTOR, "value"), State(ids.BARU_SANDI, "value"),
              State(ids.PENGGUNA_VERSI, "data"), State(ids.BARU_GANTIKAN, "value"), peran=ADMIN,
              prevent_initial_call=True, tolak=0)
    def buat(_n, username: str | None, nama: str | None, peran: str | None, kantor: str | None,
             sandi: str | None, versi: int | None, gantikan: bool | None = False):
        if not peran:
            raise Ditolak("Pilih peran pengguna baru.", aksi="pengguna.buat")
        kec, kab = baca_kantor(kantor)
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            u = buat_pengguna(s, username=username, nama=nama, password=sandi or "",  # type: ignore[arg-type]
                              role_kode=peran, kecamatan_id=kec, kabupaten_id=kab,
                              oleh=s.get(User, current_user.id), gantikan=gantikan is True,
                              sandi_awal_dari=request.remote_addr or "-")
            nama_baru = u.username
        return dbc.Alert(f"Pengguna {nama_baru} dibuat. {PESAN_SANDI_AWAL}", color="success"), versi_baru

    @callback(app, Output(ids.KELOLA_PESAN, "children"), Output(ids.PENGGUNA_VERSI, "data"),
              Input(ids.KELOLA_SIMPAN, "n_clicks"), State(ids.KELOLA_PENGGUNA, "value"),
              State(ids.KELOLA_PERAN, "value"), State(ids.KELOLA_KANTOR, "value"), State(ids.KELOLA_AKTIF, "value"),
              State(ids.KELOLA_SANDI, "value"), State(ids.PENGGUNA_VERSI, "data"), State(ids.KELOLA_NIP, "value"),
              State(ids.KELOLA_JABATAN, "value"), State(ids.KELOLA_GANTIKAN, "value"), peran=ADMIN,
              objek={"user_id": User}, prevent_initial_call=True, tolak=0)
    def simpan(_n, user_id: int | None, peran: str | None, kantor: str | None, aktif: bool | None,
               sandi: str | None, versi: int | None, nip: str | None, jabatan: str | None,
               gantikan: bool | None = False):
        if not user_id or not peran:
            raise Ditolak("Pilih pengguna yang akan diubah.", aksi="pengguna.ubah")
        kec, kab = baca_kantor(kantor)
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            admin = s.get(User, current_user.id)
            u = ubah_pengguna(s, user_id=nomor_id(user_id), role_kode=peran, kecamatan_id=kec, kabupaten_id=kab,
                              aktif=bool(aktif), oleh=admin, nip=nip, jabatan=jabatan, gantikan=gantikan is True)
            if sandi:
                # The admin's own password is the admin's, not a first-login one.
                setel_ulang_sandi(s, user_id=u.id, password=sandi, oleh=admin,
                                  sandi_awal_dari=None if u.id == admin.id else request.remote_addr or "-")
            nama = u.username
        sendiri = nama == current_user.username
        pesan = f"Perubahan {nama} disimpan" + (
            "." if not sandi else " dan kata sandi diganti." if sendiri else f" dan kata sandi diganti. {PESAN_SANDI_AWAL}")
        return dbc.Alert(pesan, color="success"), versi_baru
