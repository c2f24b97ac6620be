"""The admin's view across kabupaten: the summary one row per kabupaten, each name opening that kabupaten's view."""
from __future__ import annotations

from dataclasses import replace

from dash import html
from sqlmodel import Session

from dashboard.components.tabel import tabel_layar
from models.dasbor.kueri import Saringan, triwulan_capaian
from models.dasbor.laporan import periode_capaian
from models.dasbor.nasional import ringkasan_kabupaten
from models.umum import periode


def isi_nasional(s: Session, sar: Saringan, tautan: str) -> html.Div:
    """The summary for the filter's quarter (the last ended one when the filter shows a whole year)."""
    triwulan = triwulan_capaian(sar.tahun, sar.triwulan)
    tabel = ringkasan_kabupaten(s, tahun=sar.tahun, triwulan=triwulan, hari_ini=periode.hari_ini(), tautan=tautan)
    if not sar.triwulan:  # a whole year's filter: the figures are the year's as far as it has gone
        tabel = replace(tabel, judul=f"Ringkasan per kabupaten, {periode_capaian(sar.tahun, 0)}")
    return html.Div([
        html.P("Satu baris per kabupaten. Pilih nama kabupaten (atau pilih pada saringan) untuk membuka tampilan "
               "kecamatannya. Angka IKU resmi: angka triwulan yang telah disahkan Camat, dari IKU yang wajib "
               "dilaporkan tiap kecamatan, pada triwulan yang dipilih; kewajiban, langkah dan tindak lanjut: keadaan hari ini; "
               "predikat: Evaluasi AKIP tahun sebelumnya yang telah final.",
               className="small text-muted mb-1"),
        tabel_layar(tabel, nama=None, q="", ident="tabel-nasional", kosong="Belum ada kabupaten."),
    ], className="isi-nasional")
