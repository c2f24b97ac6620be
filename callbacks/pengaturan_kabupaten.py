"""Pengaturan Kabupaten: read the kabupaten's settings into the forms and save them (models.perencanaan.pengaturan
checks who may, again, and audits). The admin reads the kabupaten asked for; a kabupaten user only their own."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.pengaturan import PENGATUR, baris_pita, pita_berlaku, tabel_pita
from dashboard.data import sesi
from dashboard.format import tanggal
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.perencanaan.pengaturan import atur_predikat, baca_pengaturan, daftar_predikat, ubah_pengaturan
from models.tables import Kabupaten, User
from models.umum import periode
from models.umum.angka import tulis_angka
from models.umum.isian import nomor_id, versi_berikut
from models.umum.penolakan import Ditolak


def _kabupaten(s, user: User, diminta) -> Kabupaten:
    """The admin's choice; anyone else's own kabupaten, whatever the request says."""
    if user.role_kode != "admin":
        kab = s.get(Kabupaten, user.kabupaten_id) if user.kabupaten_id else None
    else:
        try:
            kab = s.get(Kabupaten, nomor_id(diminta)) if diminta not in (None, "") else None
        except Ditolak:
            kab = None
    if kab is None:
        raise Ditolak("Pilih kabupaten yang diatur.")
    return kab


def _daftar(nilai) -> list:
    """A column of the bands' form as a list (a crafted request may send anything)."""
    return list(nilai) if isinstance(nilai, list) else []


def register(app: Dash) -> None:
    @callback(app, Output(ids.PENGATURAN_BUPATI, "value"), Output(ids.PENGATURAN_BATAS, "value"),
              Output(ids.PENGATURAN_RPJMD_AWAL, "value"), Output(ids.PENGATURAN_RPJMD_TANGGAL, "value"),
              Output(ids.PENGATURAN_INFO, "children"), Output(ids.PITA_DAFTAR, "children"),
              Output(ids.PITA_TAHUN, "value"), Output(ids.PITA_BARIS, "children"),
              Output(ids.PENGATURAN_REVIU_LKJ, "value"), Input(ids.PENGATURAN_KABUPATEN, "value"), Input(ids.PENGATURAN_VERSI, "data"),
              Input(ids.PITA_VERSI, "data"), peran=PENGATUR, tolak=4)
    def isi(kabupaten, _versi, _versi_pita):
        tahun = periode.hari_ini().year
        with sesi() as s:
            kab = _kabupaten(s, s.get(User, current_user.id), kabupaten)
            p = baca_pengaturan(s, kab.id)
            daftar = daftar_predikat(s, kab.id)
        info = (f"Terakhir diubah oleh {p.diubah_oleh or '-'}, {tanggal(tanggal_lokal(p.diubah_pada))}."
                if p.diubah_pada else "Belum pernah diubah: nilai bawaan.")
        # The form offers next year's bands to change: the set that will hold then.
        return (p.bupati_nama or "", tulis_angka(p.batas_rerata), p.rpjmd_tahun_awal or "",
                tanggal(p.rpjmd_ditetapkan) if p.rpjmd_ditetapkan else "", info, tabel_pita(daftar, tahun),
                tahun + 1, baris_pita(pita_berlaku(daftar, tahun + 1)), p.reviu_lkj)

    @callback(app, Output(ids.PENGATURAN_PESAN, "children"), Output(ids.PENGATURAN_VERSI, "data"),
              Input(ids.PENGATURAN_SIMPAN, "n_clicks"), State(ids.PENGATURAN_KABUPATEN, "value"),
              State(ids.PENGATURAN_BUPATI, "value"), State(ids.PENGATURAN_BATAS, "value"),
              State(ids.PENGATURAN_RPJMD_AWAL, "value"), State(ids.PENGATURAN_RPJMD_TANGGAL, "value"),
              State(ids.PENGATURAN_VERSI, "data"), State(ids.PENGATURAN_REVIU_LKJ, "value"), peran=PENGATUR,
              prevent_initial_call=True, tolak=0)
    def simpan(_n, kabupaten, bupati, batas, awal, ditetapkan, versi, reviu_lkj=None):
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = s.get(User, current_user.id)
            kab = _kabupaten(s, user, kabupaten)
            ubah_pengaturan(s, kabupaten_id=kab.id, oleh=user, bupati_nama=bupati or None,
                            batas_rerata=batas, rpjmd_tahun_awal=awal, rpjmd_ditetapkan=ditetapkan or None,
                            **({"reviu_lkj": reviu_lkj} if reviu_lkj is not None else {}))
            pesan = (f"Pengaturan Kabupaten {kab.nama} disimpan. Rata-rata capaian kini menghitung tiap capaian "
                     f"paling tinggi {tulis_angka(kab.batas_rerata)}%.")
        return dbc.Alert(pesan, color="success"), versi_baru

    @callback(app, Output(ids.PITA_PESAN, "children"), Output(ids.PITA_VERSI, "data"),
              Input(ids.PITA_SIMPAN, "n_clicks"), State(ids.PENGATURAN_KABUPATEN, "value"),
              State(ids.PITA_TAHUN, "value"), State({"type": ids.PITA_NAMA, "index": ALL}, "value"),
              State({"type": ids.PITA_AMBANG, "index": ALL}, "value"),
              State({"type": ids.PITA_WARNA, "index": ALL}, "value"), State(ids.PITA_VERSI, "data"),
              peran=PENGATUR, prevent_initial_call=True, tolak=0)
    def simpan_pita(_n, kabupaten, tahun, nama, ambang, warna, versi):
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = s.get(User, current_user.id)
            kab = _kabupaten(s, user, kabupaten)
            row = atur_predikat(s, kabupaten_id=kab.id, berlaku_mulai=tahun, oleh=user,
                                pita=[{"nama": a, "di_atas": b, "warna": c}
                                      for a, b, c in zip(_daftar(nama), _daftar(ambang), _daftar(warna))])
            pesan = (f"Predikat Kabupaten {kab.nama} mulai tahun {row.berlaku_mulai} disimpan "
                     f"({len(row.pita)} predikat).")
        return dbc.Alert(pesan, color="success"), versi_baru
