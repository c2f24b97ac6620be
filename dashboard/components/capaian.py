"""The Capaian IKU page's content: trend charts for one office, comparison charts for many, a figure's records."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlmodel import Session

from dashboard import figures
from dashboard import format as fmt
from dashboard.components.anggaran import tabel_efisiensi
from dashboard.components.grafik import konfigurasi
from dashboard.components.realisasi import daftar_lampiran, riwayat
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from models.dasbor.kueri import Saringan, nama_kantor, perbandingan, seri_capaian
from models.dasbor.laporan import tabel_perbandingan, tabel_seri_capaian
from models.kinerja.capaian import predikat_kabupaten
from models.kinerja.lampiran import lampiran_realisasi
from models.kinerja.realisasi import jejak
from models.perencanaan.anggaran import efisiensi_sasaran
from models.tables import Indikator, Kecamatan, Realisasi, User
from models.umum.angka import tulis_angka, tulis_realisasi
from models.umum.periode import ROMAWI, label_periode
from models.umum.status import StatusRealisasi

TAHUN_SERI = 5  # quarters of this many years, up to the year chosen


def isi_kantor(s: Session, sar: Saringan, prefix: str) -> html.Div:
    kec = sar.kecamatan_id
    df, proyeksi = seri_capaian(s, kecamatan_id=kec, tahun_awal=sar.tahun - TAHUN_SERI + 1, tahun_akhir=sar.tahun,
                                sampai_triwulan=sar.triwulan or 4,
                                indikator_id=sar.indikator_id)
    pita = predikat_kabupaten(s, kec, sar.tahun)
    grafik = []
    for ind_id, bagian in df.groupby("indikator_id", sort=False):
        r = bagian.iloc[0]
        judul = f"{r['kode']} {r['indikator']}"
        grafik.append(dcc.Graph(id={"type": f"{prefix}-grafik", "indikator": int(ind_id)},
                                figure=figures.grafik_capaian(bagian, pita, proyeksi.get(int(ind_id)), judul,
                                                              r["satuan"]),
                                config=konfigurasi(f"Capaian {judul} {nama_kantor(s, [kec])[kec]} "
                                                   f"{sar.tahun - TAHUN_SERI + 1}-{sar.tahun}"),
                                className="mb-3 grafik-capaian"))
    if not grafik:
        grafik = [dbc.Alert("Kantor ini belum memiliki IKU.", color="light")]
    return html.Div([
        html.H4(f"Kecamatan {nama_kantor(s, [kec])[kec]}, {sar.tahun - TAHUN_SERI + 1}–{sar.tahun}", className="mt-2"),
        html.P("Titik penuh: capaian resmi (disahkan Camat). Lingkaran kosong: sementara, belum disahkan. Belah "
               "ketupat: proyeksi akhir tahun dari rata-rata triwulan yang sudah ada, bukan angka resmi.",
               className="small text-muted"),
        *grafik,
        tabel_layar(tabel_seri_capaian(s, sar, terbaru_dulu=True), nama="seri-capaian", q=query(s, sar),
                    ident="tabel-seri-capaian", per_halaman=12),
        tabel_efisiensi(efisiensi_sasaran(s, kec, sar.tahun, sar.triwulan), sar.tahun, sar.triwulan),
    ])


def isi_kabupaten(s: Session, sar: Saringan) -> html.Div:
    semua = perbandingan(s, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan)
    df = semua[semua["indikator_id"] == sar.indikator_id] if sar.indikator_id else semua
    grafik = [dcc.Graph(figure=figures.grafik_perbandingan(bagian, f"{bagian.iloc[0]['kode']} "
                                                                   f"{bagian.iloc[0]['indikator']}"),
                        config=konfigurasi(f"Perbandingan {bagian.iloc[0]['kode']} triwulan {sar.triwulan} "
                                           f"{sar.tahun}"), className="mb-3 grafik-perbandingan")
              for _, bagian in df.groupby("kode", sort=False)]
    return html.Div([
        html.H4(f"Perbandingan kecamatan, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", className="mt-2"),
        html.P("Warna menurut predikat; arsir dan warna pucat: sementara, belum disahkan. Pilih satu kecamatan pada "
               "saringan untuk melihat capaiannya per triwulan.", className="small text-muted"),
        *(grafik or [dbc.Alert("Belum ada IKU pada kecamatan ini.", color="light")]),
        tabel_layar(tabel_perbandingan(s, sar, semua), nama="perbandingan", q=query(s, sar), ident="tabel-perbandingan"),
    ])


def _nama(s: Session, user_id: int | None) -> str:
    u = s.get(User, user_id) if user_id else None
    return u.nama if u else "-"


def rincian_realisasi(s: Session, realisasi_id: int) -> dbc.Card:
    """The records behind one point: who entered and approved it, when, the evidence and the SOP trail."""
    r = s.get(Realisasi, realisasi_id)
    ind = s.get(Indikator, r.indikator_id)
    zona = s.get(Kecamatan, r.kecamatan_id).zona_waktu
    nilai = tulis_realisasi(r.nilai, ind.satuan)
    if r.penyebut is not None:
        nilai += f" ({tulis_angka(r.pembilang, 2)} dari {tulis_angka(r.penyebut, 2)})"
    baris = [("Realisasi", nilai), ("Status", StatusRealisasi.label_dari(r.status)),
             ("Diisi oleh", f"{_nama(s, r.dibuat_oleh)}, {fmt.waktu(r.dibuat_pada, zona)}"),
             ("Terakhir diubah", f"{_nama(s, r.diubah_oleh)}, {fmt.waktu(r.diubah_pada, zona)}"),
             ("Disahkan oleh", f"{_nama(s, r.disahkan_oleh)}, {fmt.waktu(r.disahkan_pada, zona)}"
              if r.disahkan_pada else "Belum disahkan"),
             ("Bukti dicentang", ", ".join(r.bukti) if r.bukti else "-"),
             ("Catatan", r.catatan or "-")]
    return dbc.Card(dbc.CardBody([
        html.H5(f"{ind.kode} {ind.nama}, {label_periode(r.tahun, r.triwulan)}"),
        dbc.Table(html.Tbody([html.Tr([html.Th(k, style={"width": "25%"}), html.Td(v)]) for k, v in baris]),
                  size="sm", id="rincian-realisasi"),
        html.H6("Lampiran"),
        daftar_lampiran(lampiran_realisasi(s, r.id)),
        riwayat(r, jejak(s, r.eksekusi_id), zona),
    ]), className="rincian-titik")
