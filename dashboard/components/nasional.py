"""The admin's view across kabupaten: the summary one row per kabupaten, each name opening that kabupaten's view."""
from __future__ import annotations

from dataclasses import replace

from dash import html
from sqlmodel import Session

from dashboard.components.tabel import tabel_layar
from models.dasbor.kueri import Saringan, triwulan_capaian
from models.dasbor.laporan import periode_capaian
from models.dasbor.nasional import ringkasan_kabupaten, triwulan_periode
from models.umum import periode
from models.umum.periode import ROMAWI


def isi_nasional(s: Session, sar: Saringan, tautan: str, semester: int | None = None) -> html.Div:
    """The summary for the filter's quarter (the last ended one when the filter shows a whole year); with
    `semester` (Monitoring SOP), for that semester of the filter's year."""
    hari_ini = periode.hari_ini()
    if semester:
        triwulan = min(2 * semester, triwulan_capaian(sar.tahun, 0, hari_ini))
        tabel = ringkasan_kabupaten(s, tahun=sar.tahun, triwulan=triwulan, hari_ini=hari_ini, tautan=tautan,
                                    periode=triwulan_periode(0, semester), semester=semester)
        pilihan = f"pada triwulan {ROMAWI[triwulan]} {sar.tahun}"
    else:
        triwulan = triwulan_capaian(sar.tahun, sar.triwulan, hari_ini)
        tabel = ringkasan_kabupaten(s, tahun=sar.tahun, triwulan=triwulan, hari_ini=hari_ini, tautan=tautan,
                                    periode=triwulan_periode(sar.triwulan))
        pilihan = "pada triwulan yang dipilih"
        if not sar.triwulan:  # a whole year's filter: the figures are the year's as far as it has gone
            tabel = replace(tabel, judul=f"Ringkasan per kabupaten, {periode_capaian(sar.tahun, 0, hari_ini)}")
            pilihan = f"sampai triwulan {ROMAWI[triwulan]}"
    return html.Div([
        html.P("Satu baris per kabupaten. Pilih nama kabupaten (atau pilih pada saringan) untuk membuka tampilan "
               "kecamatannya. Angka IKU resmi: angka triwulan yang telah disahkan Camat, dari IKU yang wajib "
               f"dilaporkan tiap kecamatan, {pilihan}; kewajiban dan tindak lanjut: yang jatuh tempo pada periode "
               "ini dan belum dipenuhi hari ini; langkah menunggu: keadaan hari ini; predikat: Evaluasi AKIP tahun "
               "sebelumnya yang telah final.",
               className="small text-muted mb-1"),
        tabel_layar(tabel, nama=None, q="", ident="tabel-nasional", kosong="Belum ada kabupaten."),
    ], className="isi-nasional")
