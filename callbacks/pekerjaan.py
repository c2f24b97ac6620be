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
    kesiapan,
    mulai_pekerjaan,
)
from models.perencanaan.perjanjian_kinerja import mulai_sop, sop_pk
from models.tables import Eksekusi, Sop, User
from models.umum.isian import MAKS_KALIMAT, MAKS_NAMA, bulat, nomor_id, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah


def _berjalan() -> tuple:
    """The running list and the cancel form's choices, after a start or a cancellation."""
    with sesi() as s:
        kec = s.get(User, current_user.id).kecamatan_id
        daftar = daftar_berjalan(s, kec)
        return tabel_berjalan(s, kec, daftar), opsi_batal(daftar)


def register(app: Dash) -> None:
    @callback(app, Output(ids.PEKERJAAN_CATATAN, "children"), Output(ids.PEKERJAAN_ULANG_KOTAK, "style"),
              Output(ids.PEKERJAAN_ULANG, "value"),
              Input(ids.PEKERJAAN_SOP, "value"), Input(ids.PEKERJAAN_TAHUN, "value"),
              Input(ids.PEKERJAAN_TRIWULAN, "value"),
              peran=PERAN_KANTOR, objek={"sop_id": Sop}, tolak=0)
    def catatan(sop_id, tahun, triwulan):
        """Before the click: why the SOP cannot start for the period, or that its run of the period already
        ended (then the redo box shows, unticked); the start itself enforces the same (models.perencanaan.pekerjaan
        .kesiapan)."""
        sembunyi = {"display": "none"}
        if not sop_id or tahun in (None, ""):
            return None, sembunyi, False
        sop_id = nomor_id(sop_id, label="SOP")
        th = tahun_sah(tahun, kosong="Tahun tidak sah.")
        tw = bulat(triwulan, label="Triwulan", minimum=0, maksimum=4, wajib=False) or None
        with sesi() as s:
            sop = s.get(Sop, sop_id)
            user = s.get(User, current_user.id)
            if sop is None or sop.kecamatan_id != user.kecamatan_id:
                return None, sembunyi, False
            pk = sop_pk(s, user.kecamatan_id)
            if pk is not None and pk.id == sop_id:  # the Camat's PK of the year: its own checks on the start
                return None, sembunyi, False
            siap = kesiapan(s, sop, tahun=th, triwulan=tw)
        if siap.tolak:
            return dbc.Alert(siap.tolak, color="warning", className="mb-2"), sembunyi, False
        if siap.pesan_selesai:
            return dbc.Alert(siap.pesan_selesai, color="warning", className="mb-2"), {}, False
        return None, sembunyi, False

    @callback(app, Output(ids.PEKERJAAN_PESAN, "children"), Output(ids.PEKERJAAN_DAFTAR, "children"),
              Output(ids.PEKERJAAN_BATAL_PILIH, "options"),
              Input(ids.PEKERJAAN_MULAI, "n_clicks"), State(ids.PEKERJAAN_SOP, "value"),
              State(ids.PEKERJAAN_JUDUL, "value"), State(ids.PEKERJAAN_TAHUN, "value"),
              State(ids.PEKERJAAN_TRIWULAN, "value"), State(ids.PEKERJAAN_ULANG, "value"),
              peran=PERAN_KANTOR, objek={"sop_id": Sop}, prevent_initial_call=True, tolak=0)
    def mulai(_n, sop_id, judul, tahun, triwulan, ulang):
        if not sop_id:
            raise Ditolak("Pilih SOP terlebih dahulu.")
        sop_id = nomor_id(sop_id, label="SOP")
        th = tahun_sah(tahun, kosong="Tahun tidak sah.")
        tw = bulat(triwulan, label="Triwulan", minimum=0, maksimum=4, wajib=False) or None  # 0: tahunan
        judul = teks(judul, label="Judul", maks=MAKS_NAMA) or ""
        with sesi() as s:
            user = s.get(User, current_user.id)
            pk = sop_pk(s, user.kecamatan_id) if user.kecamatan_id else None
            if pk is not None and pk.id == sop_id:  # about the Camat's PK of the year, not a free document
                if tw:
                    raise Ditolak("Perjanjian Kinerja dikerjakan tiap tahun: pilih Tahunan, bukan triwulan.")
                eks = mulai_sop(s, kecamatan_id=user.kecamatan_id, tahun=th, oleh=user)
            else:
                eks = mulai_pekerjaan(s, sop_id=sop_id, judul=judul, tahun=th, triwulan=tw, oleh=user,
                                      ulang=ulang is True)
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
        eksekusi_id = nomor_id(eksekusi_id, label="Pekerjaan")
        alasan = teks(alasan, label="Alasan pembatalan", maks=MAKS_KALIMAT) or ""
        with sesi() as s:
            eks = batalkan(s, eksekusi_id=eksekusi_id, alasan=alasan, oleh=s.get(User, current_user.id))
            pesan = dbc.Alert(f"\"{eks.judul}\" dibatalkan.", color="success")
        return pesan, *_berjalan()
