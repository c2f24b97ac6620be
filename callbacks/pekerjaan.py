"""Pekerjaan SOP: start a piece of work, and the Camat's cancellation; the domain decides, the page reports."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.pekerjaan import opsi_batal, tabel_berjalan
from dashboard.data import sesi
from models.akun.peran import PERAN_KANTOR
from models.perencanaan.pekerjaan import (
    PEMBATAL,
    batalkan,
    daftar_berjalan,
    mulai_pekerjaan,
)
from models.perencanaan.perjanjian_kinerja import mulai_sop, sop_pk
from models.tables import Eksekusi, Sop, User
from models.umum.isian import bulat
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah


def _berjalan() -> tuple:
    """The running list and the cancel form's choices, after a start or a cancellation."""
    with sesi() as s:
        kec = s.get(User, current_user.id).kecamatan_id
        daftar = daftar_berjalan(s, kec)
        return tabel_berjalan(s, kec, daftar), opsi_batal(daftar)


def register(app: Dash) -> None:
    @callback(app, Output(ids.PEKERJAAN_PESAN, "children"), Output(ids.PEKERJAAN_DAFTAR, "children"),
              Output(ids.PEKERJAAN_BATAL_PILIH, "options"),
              Input(ids.PEKERJAAN_MULAI, "n_clicks"), State(ids.PEKERJAAN_SOP, "value"),
              State(ids.PEKERJAAN_JUDUL, "value"), State(ids.PEKERJAAN_TAHUN, "value"),
              State(ids.PEKERJAAN_TRIWULAN, "value"),
              peran=PERAN_KANTOR, objek={"sop_id": Sop}, prevent_initial_call=True, tolak=0)
    def mulai(_n, sop_id, judul, tahun, triwulan):
        if not sop_id:
            raise Ditolak("Pilih SOP terlebih dahulu.")
        th = tahun_sah(tahun, kosong="Tahun tidak sah.")
        tw = bulat(triwulan, label="Triwulan", minimum=0, maksimum=4, wajib=False) or None  # 0: Tahunan
        with sesi() as s:
            user = s.get(User, current_user.id)
            pk = sop_pk(s, user.kecamatan_id) if user.kecamatan_id else None
            if pk is not None and pk.id == int(sop_id):  # about the Camat's PK of the year, not a free document
                if tw:
                    raise Ditolak("Perjanjian Kinerja dikerjakan tiap tahun: pilih Tahunan, bukan triwulan.")
                eks = mulai_sop(s, kecamatan_id=user.kecamatan_id, tahun=th, oleh=user)
            else:
                eks = mulai_pekerjaan(s, sop_id=int(sop_id), judul=judul or "", tahun=th,
                                      triwulan=tw, oleh=user)
            pesan = dbc.Alert(f"\"{eks.judul}\" dimulai; langkah pertamanya menunggu di Persetujuan.",
                              color="success")
        return pesan, *_berjalan()

    @callback(app, Output(ids.PEKERJAAN_BATAL_PESAN, "children"),
              Output(ids.PEKERJAAN_DAFTAR, "children", allow_duplicate=True),
              Output(ids.PEKERJAAN_BATAL_PILIH, "options", allow_duplicate=True),
              Input(ids.PEKERJAAN_BATAL, "n_clicks"), State(ids.PEKERJAAN_BATAL_PILIH, "value"),
              State(ids.PEKERJAAN_BATAL_ALASAN, "value"),
              peran=PEMBATAL, objek={"eksekusi_id": Eksekusi}, prevent_initial_call=True, tolak=0)
    def batal(_n, eksekusi_id, alasan):
        if not eksekusi_id:
            raise Ditolak("Pilih pekerjaan yang akan dibatalkan.")
        with sesi() as s:
            eks = batalkan(s, eksekusi_id=int(eksekusi_id), alasan=alasan or "", oleh=s.get(User, current_user.id))
            pesan = dbc.Alert(f"\"{eks.judul}\" dibatalkan.", color="success")
        return pesan, *_berjalan()
