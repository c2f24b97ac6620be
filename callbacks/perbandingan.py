"""Perbandingan Kecamatan: the page's content for the filter (offices in the user's scope only)."""
from __future__ import annotations

from dash import Dash, Input, Output, html

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.nasional import isi_nasional
from dashboard.components.perbandingan import isi_capaian, isi_kepatuhan, isi_proses, isi_tindak
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import sesi

PREFIX, SARINGAN = ids.PERBANDINGAN_PREFIX, ids.PERBANDINGAN_SARINGAN


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    periode = (Input(f"{PREFIX}-kecamatan", "value"), Input(f"{PREFIX}-tahun", "value"),
               Input(f"{PREFIX}-triwulan", "value"))

    @callback(app, Output(f"{PREFIX}-kepatuhan", "children"), *periode, kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, triwulan):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan})
            return isi_nasional(s, sar, "/perbandingan") if sar.nasional else isi_kepatuhan(s, sar)

    @callback(app, Output(f"{PREFIX}-capaian", "children"), *periode, kecamatan=("kecamatan",), tembolok=True)
    def tampil_capaian(kecamatan, tahun, triwulan):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan})
            return html.Div() if sar.nasional else isi_capaian(s, sar)  # the summary above stands for the country

    @callback(app, Output(f"{PREFIX}-tindak", "children"), *periode, kecamatan=("kecamatan",), tembolok=True)
    def tampil_tindak(kecamatan, tahun, triwulan):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan})
            return html.Div() if sar.nasional else isi_tindak(s, sar)  # the summary above stands for the country

    @callback(app, Output(f"{PREFIX}-proses", "children"), *periode, Input(f"{PREFIX}-sop", "value"),
              kecamatan=("kecamatan",), tembolok=True)
    def tampil_proses(kecamatan, tahun, triwulan, sop):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan, "sop": sop})
            return html.Div() if sar.nasional else isi_proses(s, sar)
