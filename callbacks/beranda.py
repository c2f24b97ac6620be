"""Beranda: the filter's view of one office or of the kabupaten's offices."""
from __future__ import annotations

from dash import Dash, Input, Output
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.beranda import isi_kabupaten, isi_kantor
from dashboard.components.nasional import isi_nasional
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import pengaturan, sesi
from models.tables import User
from models.umum import periode

PREFIX, SARINGAN = ids.BERANDA_PREFIX, ids.BERANDA_SARINGAN


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(f"{PREFIX}-isi", "children"), Input(f"{PREFIX}-kecamatan", "value"),
              Input(f"{PREFIX}-tahun", "value"), Input(f"{PREFIX}-triwulan", "value"), kecamatan=("kecamatan",), tembolok=True)
    def isi(kecamatan, tahun, triwulan):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan}, setahun=True,
                                   bawaan_setahun=False)
            if sar.nasional:
                return isi_nasional(s, sar, "/")
            if sar.kecamatan_id:
                return isi_kantor(s, sar, s.get(User, current_user.id), periode.hari_ini(), pengaturan().menit_per_hari)
            return isi_kabupaten(s, sar, periode.hari_ini())
