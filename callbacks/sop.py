"""SOP page: the admin's correction of a step's pelaksana."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State
from flask_login import current_user
from sqlmodel import select

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.identitas import tabel_langkah
from dashboard.data import kecamatan_terlihat, pengaturan, sesi
from models.sop.nomor import nomor_langkah
from models.sop.register import detail_sop, ubah_pelaksana
from models.tables import SopLangkah, SopPelaksana, SopRevisi, User
from models.umum.isian import nomor_id
from models.umum.penolakan import Ditolak

ADMIN = {"admin"}


def register(app: Dash) -> None:
    @callback(app, Output(ids.KOREKSI_PELAKSANA, "value"), Input(ids.KOREKSI_LANGKAH, "value"),
              peran=ADMIN, objek={"langkah_id": SopLangkah}, prevent_initial_call=True)
    def isi_pelaksana(langkah_id: int | None):
        if not langkah_id:
            return []
        langkah_id = nomor_id(langkah_id)  # "5" compared with an integer column fails on PostgreSQL
        with sesi() as s:
            return list(s.exec(select(SopPelaksana.label).where(SopPelaksana.langkah_id == langkah_id)
                               .order_by(SopPelaksana.urutan)).all())

    @callback(
        app,
        Output(ids.KOREKSI_PESAN, "children"),
        Output(ids.SOP_LANGKAH, "children"),
        Input(ids.KOREKSI_SIMPAN, "n_clicks"),
        State(ids.KOREKSI_LANGKAH, "value"),
        State(ids.KOREKSI_PELAKSANA, "value"),
        peran=ADMIN,
        objek={"langkah_id": SopLangkah},
        prevent_initial_call=True,
        tolak=0,
    )
    def simpan(_n: int | None, langkah_id: int | None, label: list[str] | None):
        if not langkah_id:
            raise Ditolak("Pilih langkah yang akan dikoreksi.", aksi="sop.koreksi_pelaksana")
        langkah_id = nomor_id(langkah_id, label="Langkah")
        if not isinstance(label, list | None) or not all(isinstance(x, str) for x in label or []):
            raise Ditolak("Pelaksana tidak sah.", aksi="sop.koreksi_pelaksana")
        with sesi() as s:
            admin = s.get(User, current_user.id)
            lk = ubah_pelaksana(s, langkah_id=langkah_id, label=list(label or []), oleh=admin,
                                kecamatan_ids=kecamatan_terlihat(s))
            sop_id = s.get(SopRevisi, lk.revisi_id).sop_id
        with sesi() as s:
            detail = detail_sop(s, sop_id)
        tabel = tabel_langkah(detail, pengaturan().menit_per_hari)
        return dbc.Alert(f"Pelaksana langkah {nomor_langkah(lk.no)} disimpan: {' → '.join(label or [])}.", color="success"), tabel
