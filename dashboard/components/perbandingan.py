"""The Perbandingan Kecamatan page's content: the offices side by side (kabupaten and admin), or one office against
its kabupaten's median (an office user, or a kabupaten user who picks one office)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import html
from sqlmodel import Session

from dashboard.components.grafik import grafik
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from dashboard.format import angka
from models.dasbor.kueri import Saringan, nama_kantor, perbandingan
from models.dasbor.perbandingan import (
    MONITORING,
    alamat,
    capaian_peringkat,
    kepatuhan,
    lama_pengesahan,
    posisi_kantor,
    proses,
    tindak_lanjut_kantor,
    tren_kantor,
)
from models.umum.periode import ROMAWI

# The colour of a cell by its state (Bootstrap's contextual classes).
WARNA_KEADAAN = {"resmi": "success", "diajukan": "info", "draf": "secondary", "belum_diisi": "light",
                 "selesai": "success", "selesai_terlambat": "warning", "terlambat": "danger", "segera": "warning",
                 "berjalan": "info", "belum_jatuh_tempo": "light", "tanpa_sop": "dark"}


def _sel_kepatuhan(s, kantor: str, kunci: str, sar: Saringan, indikator: dict[str, int]) -> html.Td:
    warna = "danger" if s.bermasalah and s.keadaan in {"belum_diisi", "draf", "diajukan"} else \
        ("warning" if s.bermasalah and s.keadaan == "resmi" else WARNA_KEADAAN.get(s.keadaan, "light"))
    if kunci in indikator:  # a figure: its records on Capaian
        href = alamat("/capaian", kecamatan=kantor, tahun=sar.tahun, triwulan=sar.triwulan, indikator=indikator[kunci])
    elif kunci == MONITORING:  # the semester's monitoring sheet
        href = alamat("/monitoring-sop", kecamatan=kantor, tahun=sar.tahun, semester=1 if sar.triwulan <= 2 else 2)
    else:  # an obligation: the office's Beranda, whose calendar card lists it
        href = alamat("/", kecamatan=kantor, tahun=sar.tahun, triwulan=sar.triwulan)
    return html.Td(html.A(dbc.Badge(s.teks, color=warna, text_color="dark" if warna == "light" else None,
                                    className="text-wrap text-start"), href=href),
                   **{"data-keadaan": s.keadaan, "data-kunci": kunci})


def matriks_kepatuhan(s: Session, sar: Saringan, tabel, sel, df) -> html.Div:
    q = query(s, sar)
    judul = html.H5([tabel.judul, html.Span([
        html.A("CSV", href=f"/unduh/pk-kepatuhan.csv?{q}", className="btn btn-outline-secondary btn-sm me-1"),
        html.A("Excel", href=f"/unduh/pk-kepatuhan.xlsx?{q}", className="btn btn-outline-secondary btn-sm")],
        className="float-end unduh")], className="mt-4 mb-2")
    if tabel.data.empty:
        return html.Div([judul, dbc.Alert("Tidak ada kecamatan pada lingkup ini.", color="light")])
    indikator = dict(zip(df["kode"], df["indikator_id"])) if not df.empty else {}
    kepala = html.Thead(html.Tr([html.Th(k.nama) for k in tabel.kolom]))
    baris = []
    for rec in tabel.data.to_dict("records"):
        k = rec["kecamatan_id"]
        if k is None or k != k:  # the totals row
            baris.append(html.Tr([html.Th(rec["kecamatan"]), *(html.Td(rec[x.kunci]) for x in tabel.kolom[1:-1]),
                                  html.Th(angka(rec["bermasalah"]))], className="table-light"))
            continue
        nama = rec["kecamatan"]
        isi = [html.Th(html.A(nama, href=alamat("/", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan)))]
        for x in tabel.kolom[1:-1]:
            c = sel.get((int(k), x.kunci))
            isi.append(_sel_kepatuhan(c, nama, x.kunci, sar, indikator) if c else html.Td("-"))
        isi.append(html.Td(angka(rec["bermasalah"]), className="text-end fw-bold"))
        baris.append(html.Tr(isi, **{"data-kantor": nama}))
    return html.Div([judul, html.P("Urut dari yang paling banyak bermasalah (terlambat, belum dikerjakan setelah "
                                   "jatuh tempo, atau belum ada SOP). Klik sel untuk melihat catatannya.",
                                   className="small text-muted"),
                     dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, responsive=True,
                               id="tabel-pk-kepatuhan", className="tabel-kepatuhan")])


def grafik_bermasalah(sar: Saringan, tabel) -> html.Div:
    """The offices ordered by their count of obligations in trouble (no boundary map ships with the product)."""
    data = tabel.data[tabel.data["kecamatan_id"].notna()] if not tabel.data.empty else tabel.data
    if data.empty:
        return html.Div()
    data = data.sort_values(["bermasalah", "kecamatan"], ascending=[True, False])
    fig = go.Figure(go.Bar(x=data["bermasalah"], y=data["kecamatan"], orientation="h", marker_color="#dc3545",
                           text=[angka(v) for v in data["bermasalah"]], textposition="outside",
                           hovertemplate="%{y}: %{x} kewajiban bermasalah<extra></extra>"))
    fig.update_layout(height=max(220, 28 * len(data) + 80), margin={"l": 10, "r": 30, "t": 10, "b": 40},
                      xaxis_title="kewajiban bermasalah", plot_bgcolor="white", separators=",.")
    return grafik(fig, f"Kewajiban bermasalah per kecamatan triwulan {ROMAWI[sar.triwulan]} {sar.tahun}",
                  id="grafik-pk-bermasalah")


def matriks_capaian(s: Session, sar: Saringan, df) -> html.Div:
    """Kecamatan × IKU in the band colours; provisional and draft marked."""
    tren = tren_kantor(s, sar)
    tabel = capaian_peringkat(s, sar, df, tren)
    tren_teks = {k: "; ".join(f"{p}: {angka(v, 2) + '%' if v is not None else '-'}" for p, v in seri)
                 for k, seri in tren.items()}
    q = query(s, sar)
    warna = {(r.kecamatan, r.kode): (r.warna, r.predikat, r.status, r.indikator_id) for r in df.itertuples()}
    kode = list(dict.fromkeys(df["kode"])) if not df.empty else []
    judul = html.H5([tabel.judul, html.Span([
        html.A("CSV", href=f"/unduh/pk-capaian.csv?{q}", className="btn btn-outline-secondary btn-sm me-1"),
        html.A("Excel", href=f"/unduh/pk-capaian.xlsx?{q}", className="btn btn-outline-secondary btn-sm")],
        className="float-end unduh")], className="mt-4 mb-2")
    if tabel.data.empty:
        return html.Div([judul, dbc.Alert("Belum ada capaian pada periode ini.", color="light")])
    kepala = html.Thead(html.Tr([html.Th("Kecamatan"), *(html.Th(x, className="text-center") for x in kode),
                                 html.Th("Rata-rata", className="text-end"), html.Th("Peringkat", className="text-end"),
                                 html.Th("Selisih dari median (poin)", className="text-end"),
                                 html.Th("Tren 8 triwulan")]))
    baris = []
    for rec in tabel.data.to_dict("records"):
        nama = rec["kecamatan"]
        isi = [html.Th(html.A(nama, href=alamat("/", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan)))]
        for x in kode:
            c = rec.get(f"capaian_{x}")
            w, pred, status, ind = warna.get((nama, x), (None, None, None, None))
            if c is None or c != c:
                isi.append(html.Td("-", className="text-center text-muted"))
                continue
            tanda = "" if status == "resmi" else (" (draf)" if status == "draf" else "*")
            isi.append(html.Td(html.A(f"{angka(c, 2)}%{tanda}", href=alamat(
                "/capaian", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan, indikator=ind),
                className="text-dark"), title=f"{pred or ''}{'' if status == 'resmi' else ' · belum resmi'}",
                style={"backgroundColor": f"{w}40" if w else None}, className="text-center" + (
                    "" if status == "resmi" else " sel-sementara")))
        rata = rec.get("rata")
        isi += [html.Td(f"{angka(rata, 2)}%" if rata == rata and rata is not None else "-", className="text-end"),
                html.Td(angka(rec["peringkat"]) if rec["peringkat"] == rec["peringkat"] else "-",
                        className="text-end"),
                html.Td(angka(rec["selisih_median"], 2) if rec["selisih_median"] == rec["selisih_median"] else "-",
                        className="text-end"),
                html.Td(rec["tren"], className="tren font-monospace", title=tren_teks.get(rec["kecamatan_id"], ""))]
        baris.append(html.Tr(isi, **{"data-kantor": nama}))
    return html.Div([judul, html.P("Warna menurut predikat. Tanda * : sementara (diajukan, belum disahkan); "
                                   "(draf): belum diajukan. Peringkat menurut rata-rata capaian IKU kantor; tren: "
                                   "rata-rata itu pada delapan triwulan terakhir (arahkan kursor untuk angkanya).",
                                   className="small text-muted"),
                     dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, responsive=True,
                               id="tabel-pk-capaian")])


def isi_kepatuhan(s: Session, sar: Saringan) -> html.Div:
    """The downloads and what the offices owe; for one office, its place against the kabupaten instead."""
    q = query(s, sar)
    if len(sar.kecamatan_ids) == 1:
        nama = nama_kantor(s, sar.kecamatan_ids)[sar.kecamatan_ids[0]]
        return html.Div([
            html.H4(f"Kecamatan {nama} dibandingkan dengan median kabupaten"),
            html.P("Nama kecamatan lain tidak ditampilkan; median dihitung dari semua kecamatan kabupaten yang "
                   "mempunyai angkanya.", className="small text-muted"),
            tabel_layar(posisi_kantor(s, sar, bagian=("iku",)), nama=None, q=q, ident="tabel-pk-posisi",
                        kosong="Belum ada capaian pada periode ini."),
        ])
    unduh = html.Div([
        html.A("Unduh rekap (Excel)", href=f"/unduh/perbandingan-rekap.xlsx?{q}", id="pk-unduh-xlsx",
               className="btn btn-outline-primary btn-sm me-2"),
        html.A("Unduh rekap (PDF)", href=f"/unduh/perbandingan-rekap.pdf?{q}", id="pk-unduh-pdf",
               className="btn btn-outline-primary btn-sm"),
    ], className="mb-2")
    df = perbandingan(s, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan)
    tabel, sel = kepatuhan(s, sar, df=df)
    return html.Div([unduh, matriks_kepatuhan(s, sar, tabel, sel, df), grafik_bermasalah(sar, tabel)])


def isi_capaian(s: Session, sar: Saringan) -> html.Div:
    """What the offices achieve, side by side."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div()
    df = perbandingan(s, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan)
    return matriks_capaian(s, sar, df)


def isi_tindak(s: Session, sar: Saringan) -> html.Div:
    """How soon each office's figures became official, and how it follows up its recommendations."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div()
    q = query(s, sar)
    return html.Div([
        tabel_layar(lama_pengesahan(s, sar), nama="pk-pengesahan", q=q, ident="tabel-pk-pengesahan"),
        tabel_layar(tindak_lanjut_kantor(s, sar), nama="pk-tindak-lanjut", q=q, ident="tabel-pk-tindak-lanjut"),
    ])


def isi_proses(s: Session, sar: Saringan) -> html.Div:
    """How the chosen SOP runs in each office that holds it; for one office, against the kabupaten's median."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div([
            html.P("Waktu siklus: median jam kerja satu pelaksanaan SOP pilihan yang selesai, dibandingkan dengan "
                   "median kecamatan lain yang memiliki SOP yang sama.", className="small text-muted mt-3"),
            tabel_layar(posisi_kantor(s, sar, bagian=("sop",)), nama=None, q=query(s, sar), ident="tabel-pk-posisi-sop",
                        kosong="Belum ada pelaksanaan SOP ini yang selesai di kantor ini pada periode ini."),
        ])
    return tabel_layar(proses(s, sar), nama="pk-proses", q=query(s, sar), ident="tabel-pk-proses",
                       kosong="Belum ada pelaksanaan SOP ini yang dimiliki dua kecamatan atau lebih pada periode ini.")
