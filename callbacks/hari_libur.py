"""Hari Libur page: the year's list, adding a local day off, removing one (admin only, checked on the server)."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.data import pengaturan, sesi
from models.tables import HariLibur, User
from models.umum import periode
from models.umum.hari_libur import daftar_hari_libur, hapus_hari_libur, hari_libur_tercatat, tambah_hari_libur
from models.umum.kalender import baca_jam_kerja
from models.umum.tanggal import baca_tanggal, tanggal_hari

ADMIN = {"admin"}
_SUMBER = {"nasional": ("Libur nasional", "secondary"), "cuti bersama": ("Cuti bersama", "info"),
           "lokal": ("Libur lokal", "warning")}


def _tabel(tahun: int, baris: list[tuple[date, str, str]], tercatat: dict[date, int],
           hari_buka: set[int]) -> html.Div:
    isi = []
    for tgl, keterangan, sumber in baris:
        label, warna = _SUMBER[sumber]
        hapus = (dbc.Button("Hapus", id={"type": ids.LIBUR_HAPUS, "index": tercatat[tgl]}, size="sm",
                            color="danger", outline=True, className="py-0")
                 if sumber == "lokal" and tgl in tercatat else None)
        redup = "" if tgl.weekday() in hari_buka else " text-muted"  # on the cells: Bootstrap colours them
        isi.append(html.Tr([html.Td(tanggal_hari(tgl), className="text-nowrap" + redup),
                            html.Td(keterangan, className=redup), html.Td(dbc.Badge(label, color=warna)),
                            html.Td(hapus, className="text-end")]))
    n = {s: sum(1 for b in baris if b[2] == s) for s in _SUMBER}
    ringkas = (f"{n['nasional']} hari libur nasional, {n['cuti bersama']} cuti bersama dan {n['lokal']} libur lokal "
               f"pada tahun {tahun}. Baris abu-abu jatuh pada hari tanpa jam kerja.")
    kepala = html.Thead(html.Tr([html.Th("Tanggal"), html.Th("Keterangan"), html.Th("Sumber"), html.Th("")]))
    return html.Div([html.P(ringkas, className="small text-muted mb-2"),
                     dbc.Table([kepala, html.Tbody(isi)], size="sm", hover=True, responsive=True,
                               className="align-middle")])


def _tanggal(nilai: str | None) -> date | None:
    return baca_tanggal(nilai)


def register(app: Dash) -> None:
    @callback(app, Output(ids.LIBUR_TABEL, "children"), Input(ids.LIBUR_TAHUN, "value"),
              Input(ids.LIBUR_VERSI, "data"), peran=ADMIN)
    def tampilkan(tahun: int | None, _versi: int | None):
        tahun = periode.tahun_sah(tahun) if tahun else periode.hari_ini().year
        with sesi() as s:
            baris = daftar_hari_libur(s, tahun)
            tercatat = {h.tanggal: h.id for h in hari_libur_tercatat(s, tahun)}
        return _tabel(tahun, baris, tercatat, set(baca_jam_kerja(pengaturan().jam_kerja)))

    @callback(app, Output(ids.LIBUR_PESAN, "children"), Output(ids.LIBUR_VERSI, "data"),
              Output(ids.LIBUR_TAHUN, "value"), Output(ids.LIBUR_KETERANGAN, "value"),
              Input(ids.LIBUR_SIMPAN, "n_clicks"), State(ids.LIBUR_TANGGAL, "value"),
              State(ids.LIBUR_KETERANGAN, "value"), State(ids.LIBUR_VERSI, "data"),
              peran=ADMIN, prevent_initial_call=True, tolak=0)
    def tambah(_n, tanggal: str | None, keterangan: str | None, versi: int | None):
        tgl = _tanggal(tanggal)
        with sesi() as s:
            row = tambah_hari_libur(s, tanggal=tgl, keterangan=keterangan or "", oleh=s.get(User, current_user.id))
            pesan = f"Libur lokal {tanggal_hari(row.tanggal)} ({row.keterangan}) ditambahkan."
        return dbc.Alert(pesan, color="success"), (versi or 0) + 1, tgl.year, ""

    @callback(app, Output(ids.LIBUR_HAPUS_ID, "data"), Output(ids.LIBUR_KONFIRMASI, "is_open"),
              Output(ids.LIBUR_KONFIRMASI_TEKS, "children"),
              Input({"type": ids.LIBUR_HAPUS, "index": ALL}, "n_clicks"), peran=ADMIN, prevent_initial_call=True)
    def pilih_hapus(_klik):
        tombol = ctx.triggered_id
        diklik = ctx.triggered and ctx.triggered[0].get("value")
        if not diklik or not isinstance(tombol, dict) or not isinstance(tombol.get("index"), int):
            return no_update, no_update, no_update  # the table was drawn again: no button was pressed
        with sesi() as s:
            row = s.get(HariLibur, tombol["index"])
            if row is None:
                return no_update, no_update, no_update
            teks = [html.P(["Hapus ", html.Strong(tanggal_hari(row.tanggal)), f" ({row.keterangan}) dari daftar "
                            "libur lokal?"]),
                    html.P("Hari itu akan dihitung lagi sebagai hari kerja pada semua perhitungan waktu siklus.",
                           className="small text-muted mb-0")]
            return row.id, True, teks

    @callback(app, Output(ids.LIBUR_PESAN, "children", allow_duplicate=True),
              Output(ids.LIBUR_VERSI, "data", allow_duplicate=True),
              Output(ids.LIBUR_KONFIRMASI, "is_open", allow_duplicate=True),
              Input(ids.LIBUR_KONFIRMASI_YA, "n_clicks"), State(ids.LIBUR_HAPUS_ID, "data"),
              State(ids.LIBUR_VERSI, "data"), peran=ADMIN, objek={"hari_libur_id": HariLibur},
              prevent_initial_call=True, tolak=lambda pesan: (pesan_tolak(pesan), no_update, False))
    def hapus(_n, hari_libur_id: int | None, versi: int | None):
        if not hari_libur_id:
            return dbc.Alert("Pilih libur lokal yang akan dihapus.", color="warning"), no_update, False
        with sesi() as s:
            row = s.get(HariLibur, int(hari_libur_id))
            label = tanggal_hari(row.tanggal) if row else ""
            hapus_hari_libur(s, hari_libur_id=int(hari_libur_id), oleh=s.get(User, current_user.id))
        return dbc.Alert(f"Libur lokal {label} dihapus.", color="success"), (versi or 0) + 1, False

    app.clientside_callback("function(n) { return false; }",
                            Output(ids.LIBUR_KONFIRMASI, "is_open", allow_duplicate=True),
                            Input(ids.LIBUR_KONFIRMASI_BATAL, "n_clicks"), prevent_initial_call=True)
