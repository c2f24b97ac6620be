"""Anggaran: the DPA of the chosen office and year; one sub kegiatan saved or removed; the Excel template, the
preview of an uploaded sheet and its import. Every write is the signed-in keeper's own office, checked again by the
domain (models/perencanaan/anggaran.py)."""
from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.components.anggaran import KOLOM_ISIAN, id_kolom, pilihan_baris, tabel_dpa
from dashboard.components.saringan import pasang_alamat, query, saringan_halaman
from dashboard.components.tabel import tabel_layar
from dashboard.data import sesi
from models.akun.peran import PENGELOLA_ANGGARAN
from models.dasbor.kueri import nama_kantor
from models.dasbor.perbandingan import penyerapan_anggaran
from models.perencanaan import anggaran_excel
from models.perencanaan.anggaran import (
    IsianAnggaran,
    baris_terlihat,
    dpa,
    hapus_anggaran,
    simpan_anggaran,
    versi,
)
from models.tables import User
from models.umum.berkas import dari_unggahan
from models.umum.isian import MAKS_URAIAN, nomor_id, teks
from models.umum.nama_berkas import nama_unduhan
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah

PREFIX, SARINGAN = ids.ANGGARAN_PREFIX, ids.ANGGARAN_SARINGAN
ISIAN = [State(id_kolom(k), "value") for k in KOLOM_ISIAN]  # in the order of simpan's arguments


def _tahun_dpa(nilai) -> int:
    return tahun_sah(nilai, kosong="Pilih tahun DPA.")


def _id(nilai) -> int | None:
    if nilai in (None, ""):
        return None
    try:
        return nomor_id(nilai)
    except Ditolak:
        raise Ditolak("Sub kegiatan tidak ditemukan pada DPA kantor ini; muat ulang halaman.") from None


def _teks(nilai, label: str) -> str | None:
    """A typed field checked for its kind before the write (its length is the domain's rule, with its message)."""
    return teks(nilai, label=label, maks=MAKS_URAIAN)


def _isi(s, kecamatan_id: int, tahun: int):
    d = dpa(s, kecamatan_id, tahun)
    return tabel_dpa(d, nama_kantor(s, [kecamatan_id])[kecamatan_id]), pilihan_baris(d)


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(ids.ANGGARAN_ISI, "children"), Output(ids.ANGGARAN_PILIH, "options"),
              Input(f"{PREFIX}-kecamatan", "value"), Input(f"{PREFIX}-tahun", "value"), kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun}, setahun=True)
            if sar.kecamatan_id is None:  # every office in scope: their penyerapan side by side, as on Perbandingan
                setahun = replace(sar, triwulan=4)
                return html.Div([
                    dbc.Alert("Pilih satu kecamatan untuk melihat rincian DPA-nya.", color="light"),
                    tabel_layar(penyerapan_anggaran(s, setahun), nama="pk-anggaran", q=query(s, setahun),
                                ident="tabel-anggaran-kantor"),
                ]), []
            return _isi(s, sar.kecamatan_id, sar.tahun)

    @callback(app, *[Output(id_kolom(k), "value") for k in KOLOM_ISIAN], Output(ids.ANGGARAN_VERSI, "data"),
              Input(ids.ANGGARAN_PILIH, "value"), peran=PENGELOLA_ANGGARAN, prevent_initial_call=True)
    def isi_form(anggaran_id):
        ident = _id(anggaran_id)
        if ident is None:
            return *([None] * len(KOLOM_ISIAN)), None
        with sesi() as s:
            user = s.get(User, current_user.id)
            r = baris_terlihat(s, ident, user.kecamatan_id)
            return *(getattr(r, k) for k in KOLOM_ISIAN), {"id": r.id, "versi": versi(r)}

    @callback(app, Output(ids.ANGGARAN_PESAN, "children"), Output(ids.ANGGARAN_ISI, "children", allow_duplicate=True),
              Output(ids.ANGGARAN_PILIH, "options", allow_duplicate=True),
              Output(ids.ANGGARAN_PILIH, "value", allow_duplicate=True),
              Output(ids.ANGGARAN_VERSI, "data", allow_duplicate=True),
              Input(ids.ANGGARAN_SIMPAN, "n_clicks"), State(f"{PREFIX}-tahun", "value"),
              State(ids.ANGGARAN_PILIH, "value"), State(ids.ANGGARAN_VERSI, "data"), *ISIAN,
              peran=PENGELOLA_ANGGARAN, prevent_initial_call=True, tolak=0)
    def simpan(_n, tahun, anggaran_id, terlihat, kode_program, program, kode_kegiatan, kegiatan, kode_sub_kegiatan,
               sub_kegiatan, pagu, realisasi_1, realisasi_2, realisasi_3, realisasi_4, sasaran):
        th, ident = _tahun_dpa(tahun), _id(anggaran_id)
        isian = IsianAnggaran(kode_program=_teks(kode_program, "Kode program"), program=_teks(program, "Program"),
                              kode_kegiatan=_teks(kode_kegiatan, "Kode kegiatan"),
                              kegiatan=_teks(kegiatan, "Kegiatan"),
                              kode_sub_kegiatan=_teks(kode_sub_kegiatan, "Kode sub kegiatan"),
                              sub_kegiatan=_teks(sub_kegiatan, "Sub kegiatan"), sasaran=_teks(sasaran, "Sasaran"),
                              pagu=pagu,
                              realisasi=(realisasi_1, realisasi_2, realisasi_3, realisasi_4))
        harap = terlihat.get("versi") if isinstance(terlihat, dict) and terlihat.get("id") == ident else None
        if ident is not None and harap is None:
            raise Ditolak("Muat ulang halaman lalu pilih sub kegiatan itu lagi.")
        with sesi() as s:
            user = s.get(User, current_user.id)
            row = simpan_anggaran(s, kecamatan_id=user.kecamatan_id, tahun=th, isian=isian, oleh=user,
                                  anggaran_id=ident, diharapkan=harap)
            pesan = f"Sub kegiatan {row.kode_sub_kegiatan} disimpan."
            tabel, pilihan = _isi(s, user.kecamatan_id, th)
            # The form now holds the row as saved: a second save from it is not someone else's change.
            terlihat_baru = {"id": row.id, "versi": versi(row)}
        return dbc.Alert(pesan, color="success"), tabel, pilihan, row.id, terlihat_baru

    @callback(app, Output(ids.ANGGARAN_PESAN, "children", allow_duplicate=True),
              Output(ids.ANGGARAN_ISI, "children", allow_duplicate=True),
              Output(ids.ANGGARAN_PILIH, "options", allow_duplicate=True),
              Output(ids.ANGGARAN_PILIH, "value", allow_duplicate=True),
              Input(ids.ANGGARAN_HAPUS, "n_clicks"), State(f"{PREFIX}-tahun", "value"),
              State(ids.ANGGARAN_PILIH, "value"), State(ids.ANGGARAN_VERSI, "data"),
              peran=PENGELOLA_ANGGARAN, prevent_initial_call=True, tolak=0)
    def hapus(_n, tahun, anggaran_id, terlihat):
        th, ident = _tahun_dpa(tahun), _id(anggaran_id)
        if ident is None:
            raise Ditolak("Pilih sub kegiatan yang akan dihapus.")
        harap = terlihat.get("versi") if isinstance(terlihat, dict) and terlihat.get("id") == ident else None
        if harap is None:
            raise Ditolak("Muat ulang halaman lalu pilih sub kegiatan itu lagi.")
        with sesi() as s:
            user = s.get(User, current_user.id)
            kode = baris_terlihat(s, ident, user.kecamatan_id).kode_sub_kegiatan
            hapus_anggaran(s, kecamatan_id=user.kecamatan_id, anggaran_id=ident, oleh=user, diharapkan=harap)
            tabel, pilihan = _isi(s, user.kecamatan_id, th)
        return dbc.Alert(f"Sub kegiatan {kode} dihapus.", color="success"), tabel, pilihan, ""

    @callback(app, Output(ids.ANGGARAN_TEMPLAT, "data"), Input(ids.ANGGARAN_UNDUH_TEMPLAT, "n_clicks"),
              State(f"{PREFIX}-tahun", "value"), peran=PENGELOLA_ANGGARAN, prevent_initial_call=True)
    def templat(_n, tahun):
        th = _tahun_dpa(tahun)
        with sesi() as s:
            user = s.get(User, current_user.id)
            data = anggaran_excel.templat(s, kecamatan_id=user.kecamatan_id, tahun=th)
            nama = nama_kantor(s, [user.kecamatan_id])[user.kecamatan_id]
        return dcc.send_bytes(data, nama_unduhan(f"dpa {nama} {th}", "xlsx"))

    @callback(app, Output(ids.ANGGARAN_PRATINJAU, "children"), Output(ids.ANGGARAN_IMPOR, "disabled"),
              Input(ids.ANGGARAN_BERKAS, "contents"), Input(ids.ANGGARAN_GANTI, "value"),
              State(ids.ANGGARAN_BERKAS, "filename"), State(f"{PREFIX}-tahun", "value"),
              peran=PENGELOLA_ANGGARAN, prevent_initial_call=True, tolak=lambda pesan: (pesan_tolak(pesan), True))
    def pratinjau(isi, ganti, nama, tahun):
        if not isi:
            return no_update, True
        th = _tahun_dpa(tahun)
        with sesi() as s:
            user = s.get(User, current_user.id)
            try:
                pr = anggaran_excel.baca(s, dari_unggahan(isi), kecamatan_id=user.kecamatan_id, tahun=th,
                                         ganti=bool(ganti))
            except Ditolak as e:
                raise Ditolak(f"{nama}: {e}", aksi="anggaran.impor") from None
        return _pratinjau(pr), not pr.bersih

    @callback(app, Output(ids.ANGGARAN_IMPOR_PESAN, "children"),
              Output(ids.ANGGARAN_ISI, "children", allow_duplicate=True),
              Output(ids.ANGGARAN_PILIH, "options", allow_duplicate=True),
              Output(ids.ANGGARAN_IMPOR, "disabled", allow_duplicate=True),
              Input(ids.ANGGARAN_IMPOR, "n_clicks"), State(ids.ANGGARAN_BERKAS, "contents"),
              State(ids.ANGGARAN_GANTI, "value"), State(f"{PREFIX}-tahun", "value"),
              peran=PENGELOLA_ANGGARAN, prevent_initial_call=True, tolak=0)
    def impor(_n, isi, ganti, tahun):
        if not isi:
            raise Ditolak("Unggah lembar DPA terlebih dahulu.")
        th = _tahun_dpa(tahun)
        with sesi() as s:
            user = s.get(User, current_user.id)
            h = anggaran_excel.simpan(s, dari_unggahan(isi), kecamatan_id=user.kecamatan_id, tahun=th, oleh=user,
                                      ganti=bool(ganti))
            tabel, pilihan = _isi(s, user.kecamatan_id, th)
        pesan = (f"DPA {th} disimpan: {h.baru} sub kegiatan baru, {h.diubah} diubah, {h.sama} tidak berubah"
                 + (f", {h.dihapus} dihapus." if ganti else "."))
        return dbc.Alert(pesan, color="success", id="anggaran-impor-berhasil"), tabel, pilihan, True


def _pratinjau(pr: anggaran_excel.PratinjauDpa) -> html.Div:
    kepala = html.Thead(html.Tr([html.Th(x) for x in ("Baris", "Kode sub kegiatan", "Sub kegiatan", "Hasil")]))
    badan = [html.Tr([html.Td(b.baris), html.Td(b.kode_sub_kegiatan), html.Td(b.sub_kegiatan),
                      html.Td(b.hasil)],
                     className="" if b.sah else "table-danger") for b in pr.baris]
    badan += [html.Tr([html.Td("-"), html.Td(r.kode_sub_kegiatan), html.Td(r.sub_kegiatan), html.Td("Dihapus")],
                      className="table-warning") for r in pr.dihapus]
    ringkas = (dbc.Alert([html.Strong("Belum dapat disimpan; tidak ada yang ditulis. "),
                          html.Ul([html.Li(m) for m in pr.masalah], className="mb-0")], color="danger",
                         id="anggaran-masalah")
               if pr.masalah else dbc.Alert(f"{len(pr.baris)} sub kegiatan siap disimpan.", color="info"))
    return html.Div([ringkas, dbc.Table([kepala, html.Tbody(badan)], size="sm", bordered=True, responsive=True,
                                        id="anggaran-pratinjau-tabel", className="small")])
