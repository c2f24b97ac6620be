"""The Perbandingan Kecamatan page's content: the offices side by side (kabupaten and admin), or one office against
its kabupaten's median (an office user, or a kabupaten user who picks one office)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import html
from sqlmodel import Session

from dashboard.components.grafik import grafik
from dashboard.components.saringan import query, tautan_unduh
from dashboard.components.statis import statis
from dashboard.components.tabel import tabel_layar
from dashboard.format import angka
from models.dasbor.kueri import Saringan, nama_kantor, perbandingan
from models.dasbor.perbandingan import (
    EVALUASI_AKIP,
    MONITORING,
    alamat,
    capaian_peringkat,
    capaian_tren,
    kepatuhan,
    lama_pengesahan,
    penyerapan_anggaran,
    posisi_kantor,
    proses,
    tindak_lanjut_kantor,
    tren_kantor,
    warna_kepatuhan,
)
from models.perencanaan.pengaturan import batas_tampil
from models.tables import Kabupaten
from models.umum.angka import tulis_persen
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanCapaian


def _sel_kepatuhan(s, kantor: str, kunci: str, sar: Saringan) -> html.Td:
    if s.indikator_id is not None:  # a figure: its records on Capaian
        href = alamat("/capaian", kecamatan=kantor, tahun=sar.tahun, triwulan=sar.triwulan, indikator=s.indikator_id)
    elif kunci == MONITORING:  # the semester's monitoring sheet
        href = alamat("/monitoring-sop", kecamatan=kantor, tahun=sar.tahun, semester=1 if sar.triwulan <= 2 else 2)
    elif kunci == EVALUASI_AKIP:  # the kabupaten's recap of that year
        href = alamat("/evaluasi-akip/rekap", tahun=sar.tahun - 1)
    else:  # an obligation: the office's Beranda, whose calendar card lists it
        href = alamat("/", kecamatan=kantor, tahun=sar.tahun, triwulan=sar.triwulan)
    return html.Td(html.A(s.teks, href=href), className=f"table-{warna_kepatuhan(s.keadaan, s.bermasalah)}",
                   **{"data-keadaan": s.keadaan, "data-kunci": kunci})


def matriks_kepatuhan(sar: Saringan, q: str, akhiran: str, tabel, sel) -> html.Div:
    judul = html.H5([tabel.judul, tautan_unduh("pk-kepatuhan", q)], className="mt-4 mb-2")
    if tabel.data.empty:
        return html.Div([judul, dbc.Alert("Tidak ada kecamatan pada lingkup ini.", color="light")])
    kepala = html.Thead(html.Tr([html.Th(k.nama) for k in tabel.kolom]))
    baris = []
    for rec in tabel.data.to_dict("records"):
        k = rec["kecamatan_id"]
        if k is None or k != k:  # the totals row
            baris.append(html.Tr([html.Th(rec["kecamatan"]), html.Th(angka(rec["bermasalah"]), className="text-end"),
                                  *(html.Td(rec[x.kunci]) for x in tabel.kolom[2:])], className="table-light"))
            continue
        nama = rec["kecamatan"]
        isi = [html.Th(html.A(nama, href=alamat("/", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan))),
               html.Td(angka(rec["bermasalah"]), className="text-end fw-bold")]
        for x in tabel.kolom[2:]:
            c = sel.get((int(k), x.kunci))
            isi.append(_sel_kepatuhan(c, nama, x.kunci, sar) if c else html.Td("-"))
        baris.append(html.Tr(isi, **{"data-kantor": nama}))
    return html.Div([judul, html.P("Urut dari yang paling banyak bermasalah (terlambat, belum dikerjakan setelah "
                                   "jatuh tempo, atau belum ada SOP). Klik sel untuk melihat catatannya.",
                                   className="small text-muted"),
                     statis(dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, responsive=True,
                                      id=f"tabel-pk-kepatuhan{akhiran}", className="tabel-kepatuhan"))])


def grafik_bermasalah(sar: Saringan, tabel, akhiran: str = "") -> html.Div:
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
                  id=f"grafik-pk-bermasalah{akhiran}")


def matriks_capaian(s: Session, sar: Saringan, q: str, akhiran: str, df, tren) -> html.Div:
    """Kecamatan × IKU in the band colours; provisional and draft marked."""
    tabel = capaian_peringkat(s, sar, df, tren)
    tren_teks = {k: "; ".join(f"{p}: {tulis_persen(v)}" for p, v in seri)
                 for k, seri in tren.items()}
    info = {(r.kecamatan, r.kode): (r.predikat, r.status, r.indikator_id) for r in df.itertuples()}
    kode = list(dict.fromkeys(df["kode"])) if not df.empty else []
    judul = html.H5([tabel.judul, tautan_unduh("pk-capaian", q)], className="mt-4 mb-2")
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
            w = rec.get(f"warna_{x}")
            pred, status, ind = info.get((nama, x), (None, None, None))
            if c is None or c != c:
                isi.append(html.Td("-", className="text-center text-muted"))
                continue
            tanda = "" if status == KeadaanCapaian.RESMI else (" (draf)" if status == KeadaanCapaian.DRAF else "*")
            isi.append(html.Td(html.A(f"{angka(c, 2)}%{tanda}", href=alamat(
                "/capaian", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan, indikator=ind),
                className="text-dark"), title=f"{pred or ''}{'' if status == KeadaanCapaian.RESMI else ' · belum resmi'}",
                style={"backgroundColor": f"{w}40" if w else None}, className="text-center" + (
                    "" if status == KeadaanCapaian.RESMI else " sel-sementara")))
        rata = rec.get("rata")
        isi += [html.Td(tulis_persen(rata), className="text-end"),
                html.Td(angka(rec["peringkat"]) if rec["peringkat"] == rec["peringkat"] else "-",
                        className="text-end"),
                html.Td(angka(rec["selisih_median"], 2) if rec["selisih_median"] == rec["selisih_median"] else "-",
                        className="text-end"),
                html.Td(rec["tren"], className="tren font-monospace", title=tren_teks.get(rec["kecamatan_id"], ""))]
        baris.append(html.Tr(isi, **{"data-kantor": nama}))
    return html.Div([judul, html.P(f"Rata-rata dan peringkat atas IKU bersama kabupaten (IKU milik satu kantor "
                                   f"ditampilkan, tidak dibandingkan): {batas_tampil(s, sar.kecamatan_ids)} (batas "
                                   "yang ditetapkan kabupaten di Pengaturan Kabupaten).",
                                   className="small fw-semibold mb-1", id=f"catatan-batas-rerata{akhiran}"),
                     html.P("Warna menurut predikat. Tanda * : sementara (diajukan, belum disahkan); "
                                   "(draf): belum diajukan. Peringkat menurut rata-rata capaian IKU bersama; tren: "
                                   "rata-rata itu pada delapan triwulan terakhir (arahkan kursor untuk angkanya).",
                                   className="small text-muted"),
                     statis(dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, responsive=True,
                                      id=f"tabel-pk-capaian{akhiran}"))])


def _tiap_kabupaten(s: Session, sar: Saringan, gambar) -> html.Div:
    """Draw a part for the view's one kabupaten (IKU codes and calendars are each kabupaten's own): a kabupaten
    user's own as is; the one the admin chose, under its name. `gambar(s, view, query, suffix)`."""
    q = query(s, sar)
    if sar.kabupaten_id is None:
        return gambar(s, sar, q, "")
    kab = s.get(Kabupaten, sar.kabupaten_id)
    return html.Div([html.H3(f"Kabupaten {kab.nama}", className="mt-4 border-bottom"),
                     gambar(s, sar, q, f"-{kab.id}")])


def isi_kepatuhan(s: Session, sar: Saringan) -> html.Div:
    """The downloads and what the offices owe; for one office, its place against the kabupaten instead."""
    if len(sar.kecamatan_ids) == 1:
        nama = nama_kantor(s, sar.kecamatan_ids)[sar.kecamatan_ids[0]]
        return html.Div([
            html.H4(f"Kecamatan {nama} dibandingkan dengan median kabupaten"),
            html.P("Nama kecamatan lain tidak ditampilkan; median dihitung dari semua kecamatan kabupaten yang "
                   "mempunyai angkanya.", className="small text-muted"),
            tabel_layar(posisi_kantor(s, sar, bagian=("iku",)), nama=None, q=query(s, sar), ident="tabel-pk-posisi",
                        kosong="Belum ada capaian pada periode ini."),
        ])

    def gambar(s, sub, q, akhiran):
        unduh = html.Div([
            html.A("Unduh rekap (Excel)", href=f"/unduh/perbandingan-rekap.xlsx?{q}", id=f"pk-unduh-xlsx{akhiran}",
                   className="btn btn-outline-primary btn-sm me-2"),
            html.A("Unduh rekap (PDF)", href=f"/unduh/perbandingan-rekap.pdf?{q}", id=f"pk-unduh-pdf{akhiran}",
                   className="btn btn-outline-primary btn-sm"),
        ], className="mb-2")
        tabel, sel = kepatuhan(s, sub)
        return html.Div([unduh, matriks_kepatuhan(sub, q, akhiran, tabel, sel), grafik_bermasalah(sub, tabel, akhiran)])

    return _tiap_kabupaten(s, sar, gambar)


def isi_capaian(s: Session, sar: Saringan) -> html.Div:
    """What the offices achieve, side by side."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div()

    def gambar(s, sub, q, akhiran):
        data = capaian_tren(s, sub)  # the trend's years include the quarter's: read once for both
        df = perbandingan(s, kecamatan_ids=sub.kecamatan_ids, tahun=sub.tahun, triwulan=sub.triwulan, data=data)
        return matriks_capaian(s, sub, q, akhiran, df, tren_kantor(s, sub, data=data))

    return _tiap_kabupaten(s, sar, gambar)


def isi_tindak(s: Session, sar: Saringan) -> html.Div:
    """How soon each office's figures became official, and how it follows up its recommendations."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div()

    def gambar(s, sub, q, akhiran):
        return html.Div([
            tabel_layar(lama_pengesahan(s, sub), nama="pk-pengesahan", q=q, ident=f"tabel-pk-pengesahan{akhiran}",
                        statis=True),
            tabel_layar(tindak_lanjut_kantor(s, sub), nama="pk-tindak-lanjut", q=q,
                        ident=f"tabel-pk-tindak-lanjut{akhiran}", statis=True),
            tabel_layar(penyerapan_anggaran(s, sub), nama="pk-anggaran", q=q, ident=f"tabel-pk-anggaran{akhiran}",
                        statis=True),
        ])

    return _tiap_kabupaten(s, sar, gambar)


def isi_proses(s: Session, sar: Saringan) -> html.Div:
    """How the chosen SOP runs in each office that holds it; for one office, against the kabupaten's median."""
    if len(sar.kecamatan_ids) == 1:
        return html.Div([
            html.P("Waktu siklus: median jam kerja satu pelaksanaan SOP pilihan yang selesai, dibandingkan dengan "
                   "median kecamatan lain yang memiliki SOP yang sama.", className="small text-muted mt-3"),
            tabel_layar(posisi_kantor(s, sar, bagian=("sop",)), nama=None, q=query(s, sar), ident="tabel-pk-posisi-sop",
                        kosong="Belum ada pelaksanaan SOP ini yang selesai di kantor ini pada periode ini."),
        ])

    def gambar(s, sub, q, akhiran):
        return tabel_layar(proses(s, sub), nama="pk-proses", q=q, ident=f"tabel-pk-proses{akhiran}",
                           kosong="Belum ada pelaksanaan SOP ini yang dimiliki dua kecamatan atau lebih pada periode "
                                  "ini.")

    return _tiap_kabupaten(s, sar, gambar)
