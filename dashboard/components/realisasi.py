"""Pieces of the Isi Realisasi page: the quarter's table with capaian, and one IKU's entry form."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import format as fmt
from dashboard.components.kartu import lencana_keadaan
from models.akun.peran import NAMA_PERAN
from models.kinerja.capaian import BarisCapaian
from models.kinerja.mesin import Capaian, Predikat, predikat
from models.kinerja.realisasi import BISA_DIUBAH, keadaan_angka
from models.sop.alur import keadaan_catatan, milik_peran
from models.sop.nomor import nomor_langkah
from models.umum.angka import tulis_angka, tulis_persen, tulis_realisasi, tulis_target
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanLangkah, StatusRealisasi


def lencana(status: str) -> dbc.Badge:
    """A figure's status as a badge, in the one vocabulary (models.kinerja.realisasi.keadaan_angka), as Beranda
    names it too."""
    keadaan = keadaan_angka(status)
    assert keadaan is not None  # a figure's row always has a status
    return lencana_keadaan(keadaan, className="ms-2")


def _terhadap(c: Capaian) -> html.Div:
    return html.Div(f"terhadap {c.terhadap}", className="small text-muted capaian-terhadap")


def sel_capaian(resmi: Capaian, sementara: Capaian, pita: tuple[Predikat, ...]) -> html.Td:
    """Official capaian with its band and the target it is measured against; otherwise the provisional one,
    marked; otherwise why there is none."""
    if resmi.tersedia:
        p = predikat(resmi.persen, pita)
        return html.Td([html.Strong(tulis_persen(resmi.persen)), " ",
                        html.Span(p.nama, className="badge", style={"backgroundColor": p.warna}), _terhadap(resmi)],
                       className="capaian-resmi")
    if sementara.tersedia:
        return html.Td([html.Span(tulis_persen(sementara.persen), className="fst-italic"),
                        html.Small(" sementara, belum disetujui", className="text-muted"), _terhadap(sementara)],
                       className="capaian-sementara")
    return html.Td(html.Small(f"tidak tersedia: {resmi.alasan}", className="text-muted"),
                   className="capaian-kosong")


def tabel_realisasi(baris: list[BarisCapaian], *, tahun: int, triwulan: int, pita: tuple[Predikat, ...],
                    terpilih: int | None = None) -> dbc.Table:
    kepala = ["Kode", "Indikator", f"Target {tahun}", f"Target triwulan {ROMAWI[triwulan]}",
              f"Realisasi triwulan {ROMAWI[triwulan]}", "Status",
              f"Capaian s.d. triwulan {ROMAWI[triwulan]}", ""]
    isi = []
    for b in baris:
        ind, r = b.indikator, b.realisasi[triwulan - 1]
        if r is None:
            angka, status = html.Span("belum diisi", className="text-muted"), ""
        else:
            rincian = (f"{tulis_angka(r.pembilang)} / {tulis_angka(r.penyebut)} = " if r.penyebut is not None else "")
            angka = f"{rincian}{tulis_realisasi(r.nilai, ind.satuan)}"
            status = lencana(r.status)
        aksi = "Isi" if r is None else ("Ubah" if StatusRealisasi(r.status) in BISA_DIUBAH else "Lihat")
        isi.append(html.Tr([
            html.Td(ind.kode, className="text-nowrap"), html.Td(ind.nama),
            html.Td(tulis_target(b.target, ind.satuan), className="text-end"),
            html.Td(tulis_target(b.target_triwulan[triwulan - 1], ind.satuan)
                    if b.target_triwulan[triwulan - 1] is not None else html.Small("-", className="text-muted"),
                    className="text-end"),
            html.Td(angka), html.Td(status),
            sel_capaian(b.resmi[triwulan - 1], b.sementara[triwulan - 1], pita),
            html.Td(dcc.Link(aksi, href=f"/realisasi?tahun={tahun}&triwulan={triwulan}&indikator={ind.id}",
                             className="btn btn-sm " + ("btn-primary" if ind.id == terpilih else "btn-outline-primary"))),
        ], **{"data-kode": ind.kode}))
    return dbc.Table([html.Thead(html.Tr([html.Th(k) for k in kepala])), html.Tbody(isi)], hover=True,
                     size="sm", responsive=True, className="tabel-realisasi")


def daftar_lampiran(lampiran) -> html.Ul | html.Small:
    if not lampiran:
        return html.Small("Belum ada lampiran.", className="text-muted")
    return html.Ul([html.Li([html.A(x.nama_berkas, href=f"/lampiran/{x.id}"),
                             html.Small(f" ({tulis_angka(x.ukuran / 1024, 0)} KB)", className="text-muted")])
                    for x in lampiran], className="mb-0")


def _peran(kode: str) -> str:
    return NAMA_PERAN.get(kode, kode)


def _pelaku(c, pelaku) -> str:
    """Who acted on a step record: the person, and on whose behalf when it was not their role's step."""
    if pelaku is None:
        return ""
    atas_nama = "" if milik_peran(pelaku, c) else f" atas nama {_peran(c.role_kode)}"
    return f" oleh {pelaku.nama}{atas_nama}"


def riwayat(r, catatan_langkah, zona: str) -> html.Div | None:
    """The SOP trail of a figure: each step, the role it waits on, what was done, by whom and when."""
    if not catatan_langkah:
        return None
    return html.Div([
        html.H6("Jejak SOP", className="mt-3"),
        html.Ol([html.Li([f"Langkah {nomor_langkah(lk.no)} ({_peran(c.role_kode)}): ",
                          html.Strong(keadaan_catatan(c).label.lower()), _pelaku(c, pelaku),
                          f" · {fmt.waktu(c.selesai_pada or c.diterima_pada, zona)}",
                          html.Em(f" · {c.catatan}") if c.catatan and keadaan_catatan(c) == KeadaanLangkah.DIKEMBALIKAN else None])
                 for c, lk, pelaku in catatan_langkah], className="small", id="jejak-sop"),
    ])
