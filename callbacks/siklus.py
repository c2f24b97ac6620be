"""Waktu Siklus SOP: statistics for the filter, and the timeline of the execution picked."""
from __future__ import annotations

from dash import Dash, Input, Output

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.components.siklus import garis, isi
from dashboard.data import pengaturan, sesi
from models.tables import Eksekusi

PREFIX, SARINGAN = ids.SIKLUS_PREFIX, ids.SIKLUS_SARINGAN


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(f"{PREFIX}-isi", "children"), Output(f"{PREFIX}-eksekusi", "options"),
              Output(f"{PREFIX}-eksekusi", "value"), Input(f"{PREFIX}-kecamatan", "value"),
              Input(f"{PREFIX}-tahun", "value"), Input(f"{PREFIX}-triwulan", "value"), Input(f"{PREFIX}-sop", "value"),
              kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, triwulan, sop):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan, "sop": sop},
                                   setahun=True)
            konten, pilihan = isi(s, sar, pengaturan().menit_per_hari)
        return konten, pilihan, pilihan[0]["value"] if pilihan else None

    @callback(app, Output(f"{PREFIX}-garis", "children"), Input(f"{PREFIX}-eksekusi", "value"),
              objek={"eksekusi_id": Eksekusi}, tembolok=True)
    def garis_waktu(eksekusi_id):
        if not eksekusi_id:
            return None
        with sesi() as s:
            return garis(s, int(eksekusi_id), pengaturan().menit_per_hari)
