"""The Tindak Lanjut page's content: counts by status, the list, and one item with its history."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlmodel import Session

from dashboard import format as fmt
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from models.akun.peran import NAMA_PERAN
from models.dasbor.daftar import tabel_halaman
from models.dasbor.kueri import KOLOM_TL, Saringan
from models.dasbor.laporan import data_tl, tabel_tl_daftar, tabel_tl_rekap
from models.tables import Evaluasi, Indikator, Kecamatan, Rekomendasi
from models.tindak_lanjut.rekomendasi import AKSI_LABEL, STATUS, label_evaluasi, riwayat, tindak_lanjut_terakhir
from models.umum.halaman import Halaman
from models.umum.status import StatusRekomendasi


def isi(s: Session, sar: Saringan) -> html.Div:
    """The counts by status and per office, role and quarter for the filter (the list itself is paged apart)."""
    df = data_tl(s, sar)
    q = query(s, sar)
    hitung = df["status"].value_counts() if not df.empty else pd.Series(dtype=int)
    lencana = html.Div([dbc.Badge(f"{st.label}: {int(hitung.get(st, 0))}", color=st.warna,
                                  className="me-2 p-2", id=f"tl-jumlah-{st.replace(' ', '-')}") for st in STATUS]
                       + [dbc.Badge(f"Terlambat: {int(df['terlambat'].sum()) if not df.empty else 0}",
                                    color="danger", className="p-2", id="tl-jumlah-terlambat")], className="mb-3")
    bagian = [lencana]
    lain = int(df["periode_lain"].sum()) if not df.empty else 0
    if lain:  # counted above, though their evaluation is of another period: say so
        bagian.append(html.P(f"Termasuk {lain} rekomendasi dari periode lain yang terlambat dan belum selesai; "
                             "ditandai \"periode lain\" pada daftar.", className="small text-muted",
                             id="tl-periode-lain"))
    if len(sar.kecamatan_ids) > 1:
        bagian.append(tabel_layar(tabel_tl_rekap(s, sar, "kecamatan", df), nama="tl-per-kecamatan", q=q,
                                  ident="tabel-tl-per-kecamatan"))
    bagian += [
        tabel_layar(tabel_tl_rekap(s, sar, "penanggung_jawab", df), nama="tl-per-penanggung-jawab", q=q,
                    ident="tabel-tl-per-penanggung-jawab"),
        tabel_layar(tabel_tl_rekap(s, sar, "periode", df), nama="tl-per-triwulan", q=q, ident="tabel-tl-per-triwulan"),
    ]
    return html.Div(bagian)


def daftar(s: Session, sar: Saringan, h: Halaman[dict]) -> html.Div:
    """One page of the recommendations, as the database paged them (models.dasbor.daftar.cari_rekomendasi), with the
    links to download the whole list."""
    return tabel_layar(tabel_tl_daftar(s, sar, tabel_halaman(h.baris, KOLOM_TL)), nama="tl-daftar", q=query(s, sar),
                       ident="tabel-tl-daftar", kosong="Belum ada rekomendasi pada periode ini." if not h.semua
                       else "Tidak ada rekomendasi yang cocok dengan pencarian.")


def label_pilihan(r: dict) -> str:
    """How a recommendation is named in the chooser of Rincian dan tindakan."""
    return (f"{r['kecamatan']} · {r['periode']}{' (periode lain)' if r['periode_lain'] else ''} · "
            f"{fmt.ringkas(r['teks'], 80)} · {r['status_label']}"
            + (f" · terlambat {r['hari_terlambat']} hari" if r["terlambat"] else ""))


def rincian(s: Session, rekomendasi_id: int) -> html.Div:
    r = s.get(Rekomendasi, rekomendasi_id)
    ev = s.get(Evaluasi, r.evaluasi_id)
    zona = s.get(Kecamatan, r.kecamatan_id).zona_waktu
    ind = s.get(Indikator, r.indikator_id) if r.indikator_id else None
    tl = tindak_lanjut_terakhir(s, r.id)
    baris = [("Rekomendasi", r.teks), ("Evaluasi", f"{label_evaluasi(ev.tahun, ev.triwulan)}, {fmt.tanggal(ev.tanggal)}"),
             ("IKU", f"{ind.kode} {ind.nama}" if ind else "-"), ("Penanggung jawab", NAMA_PERAN.get(r.role_kode)),
             ("Jatuh tempo", fmt.tanggal(r.jatuh_tempo)), ("Status", StatusRekomendasi.label_dari(r.status))]
    if tl is not None:
        baris += [("Tindak lanjut terakhir", tl.uraian), ("Bukti", ", ".join(tl.bukti) if tl.bukti else "-")]
    jejak = html.Ol([html.Li([html.Strong(AKSI_LABEL.get(h["aksi"], h["aksi"])),
                              f" · {fmt.waktu(h['waktu'], zona)} · {h['oleh']}",
                              f" (atas nama {NAMA_PERAN.get(h['atas_nama'], h['atas_nama'])})" if h["atas_nama"] else "",
                              html.Em(f" · {h['alasan']}") if h["alasan"] else None])
                     for h in riwayat(s, r.id)], className="small", id="tl-riwayat")
    return html.Div([
        dbc.Table(html.Tbody([html.Tr([html.Th(k, style={"width": "25%"}), html.Td(v)]) for k, v in baris]),
                  size="sm"),
        html.H6("Riwayat"), jejak,
    ])
