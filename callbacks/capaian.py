"""Capaian IKU: the charts for the filter, and the records behind a clicked point."""
from __future__ import annotations

from dash import ALL, Dash, Input, Output, no_update

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.capaian import isi_kabupaten, isi_kantor, rincian_realisasi
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import sesi
from models.tables import Realisasi

PREFIX, SARINGAN = ids.CAPAIAN_PREFIX, ids.CAPAIAN_SARINGAN


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(f"{PREFIX}-isi", "children"), Input(f"{PREFIX}-kecamatan", "value"),
              Input(f"{PREFIX}-tahun", "value"), Input(f"{PREFIX}-triwulan", "value"),
              Input(f"{PREFIX}-indikator", "value"), kecamatan=("kecamatan",), tembolok=True)
    def isi(kecamatan, tahun, triwulan, indikator):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan,
                                       "indikator": indikator})
            return isi_kantor(s, sar, PREFIX) if sar.kecamatan_id else isi_kabupaten(s, sar)

    # The clicked point's figure id, taken in the browser so the server callback names it as an argument
    # (and checks it like any record id).
    app.clientside_callback(
        """function (klik) {
            const t = (window.dash_clientside.callback_context.triggered || [])[0];
            const p = t && t.value && t.value.points && t.value.points[0];
            return p && p.customdata ? p.customdata : window.dash_clientside.no_update;
        }""",
        Output(f"{PREFIX}-terpilih", "data"), Input({"type": f"{PREFIX}-grafik", "indikator": ALL}, "clickData"),
        prevent_initial_call=True)

    @callback(app, Output(f"{PREFIX}-rincian", "children"), Output(f"{PREFIX}-rincian-jendela", "is_open"),
              Input(f"{PREFIX}-terpilih", "data"), objek={"realisasi_id": Realisasi}, prevent_initial_call=True, tembolok=True)
    def rincian(realisasi_id):
        if not realisasi_id:
            return no_update, no_update
        with sesi() as s:
            return rincian_realisasi(s, int(realisasi_id)), True
