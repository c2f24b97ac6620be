"""Laporan Kinerja page builders: the report's course (status, reviu, signature, downloads) and the report itself,
chapter by chapter, from the same blocks the Word file and the PDF are written from (models.perencanaan.cetak_lkj)."""
from __future__ import annotations

import base64

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import Session

from dashboard import format as fmt
from dashboard.components.kartu import lencana_keadaan
from dashboard.components.publikasi import lencana_publikasi, tombol_publikasi
from models.perencanaan.cetak_lkj import Gambar, Judul, Paragraf, Tabel, naskah
from models.perencanaan.laporan_kinerja import (
    BAGIAN,
    BAGIAN_BAB_I,
    BAGIAN_BAB_IV,
    BAGIAN_INDIKATOR,
    REVIU_INSPEKTORAT,
    Lkj,
    laporan,
    pereviu,
    run_lkj,
    sop_lkj,
)
from models.sop.alur import catatan_terbuka
from models.sop.nomor import nomor_langkah
from models.tables import Eksekusi, Kecamatan, SopLangkah
from models.umum.status import StatusEksekusi


def _tabel(t: Tabel) -> dbc.Table:
    kepala = html.Thead(html.Tr([html.Th(k) for k in t.kepala]))
    baris = [html.Tr([html.Td(v, className="text-end text-nowrap" if i in t.kanan else None)
                      for i, v in enumerate(b)]) for b in t.baris]
    if not t.baris:
        baris = [html.Tr(html.Td(t.kosong, colSpan=len(t.kepala), className="text-muted text-center"))]
    return dbc.Table([kepala, html.Tbody(baris)], size="sm", bordered=True, responsive=True, className="small")


def isi_laporan(lkj: Lkj) -> html.Div:
    """The report on screen: one collapsible section per chapter."""
    bab: list[tuple[str, list]] = []
    for b in naskah(lkj).blok:
        if isinstance(b, Judul) and b.tingkat == 1:
            bab.append((b.teks, []))
            continue
        if not bab:
            continue
        isi = bab[-1][1]
        if isinstance(b, Judul):
            isi.append(html.H5(b.teks, className="h6 mt-3 fw-bold") if b.tingkat == 2 else
                       html.H6(b.teks, className="mt-3"))
        elif isinstance(b, Paragraf):
            isi.append(html.P(b.teks, className="small text-muted fst-italic mb-2" if b.catatan else "mb-1"))
        elif isinstance(b, Tabel):
            isi.append(_tabel(b))
        elif isinstance(b, Gambar):
            isi.append(html.Img(src="data:image/png;base64," + base64.b64encode(b.png).decode(),
                                alt="Grafik tren capaian", className="img-fluid mb-2", style={"maxWidth": "min(640px, 100%)"}))
    return dbc.Accordion([dbc.AccordionItem(isi, title=judul, item_id=f"bab-{n}") for n, (judul, isi) in
                          enumerate(bab)], always_open=True, active_item=["bab-0", "bab-2"], id="lkj-bab",
                         className="mb-3")


def perjalanan_laporan(s: Session, lkj: Lkj, *, penerbit: bool = False) -> dbc.Card:
    """The report's course: status, who reviews and what they noted, the signature and its scan, its publication
    (the button for a `penerbit`, who may publish the office's signed documents), the SOP run, and the downloads."""
    p = lkj.perjalanan
    th, kec_id = lkj.tahun, lkj.kecamatan_id
    siapa = "Evaluator Inspektorat kabupaten" if pereviu(s, kec_id) == REVIU_INSPEKTORAT else "Sekretaris Camat"
    baris: list = [html.Div([lencana_keadaan(p.status, className="me-2"),
                             html.Span(f"Reviu oleh {siapa}.", className="small text-muted")], className="mb-2")]
    if p.reviu_pada:
        baris.append(html.P([html.Strong("Reviu: "), f"{p.reviu_oleh or '-'}, {fmt.waktu(p.reviu_pada)}. ",
                             html.Span(p.catatan_reviu or "", className="fst-italic")], className="small mb-1",
                            id="lkj-reviu-tercatat"))
    if p.ditandatangani_pada:
        scan = [" ", html.A("scan", href=f"/lampiran/{p.scan.id}", target="_blank")] if p.scan else []
        baris.append(html.P([html.Strong("Ditandatangani: "), f"{p.ditandatangani_oleh or '-'}, tanggal "
                             f"{fmt.tanggal(p.tanggal)}", *scan, ". Teks laporan terkunci."], className="small mb-1"))
    sop = sop_lkj(s, kec_id)
    lk = laporan(s, kec_id, th)
    if lk is not None and lkj.terkunci and p.scan is not None:
        kec = s.get(Kecamatan, kec_id)
        terbit = [lencana_publikasi(lk.dipublikasikan_pada, kec.zona_waktu if kec else "Asia/Jakarta")]
        if penerbit:
            terbit.append(tombol_publikasi("lkj", lk.id, lk.dipublikasikan_pada is not None))
        baris.append(html.Div(terbit, className="mb-1", id="lkj-publikasi"))
    selesai = s.get(Eksekusi, lk.eksekusi_id) if lk is not None and lk.eksekusi_id else None
    if selesai is not None and selesai.status != StatusEksekusi.BERJALAN:
        baris.append(html.P(f"\"{selesai.judul}\": {StatusEksekusi(selesai.status).label.lower()}.",
                            className="small text-muted mb-1"))
    elif sop is not None:
        eks = run_lkj(s, kec_id, th)
        if eks is None:
            teks = (f"Disusun melalui SOP \"{sop.nama}\": mulai pelaksanaannya untuk tahun {th} di halaman Pekerjaan; "
                    "Camat menandatangani pada langkahnya.")
        else:
            rec = catatan_terbuka(s, eks.id)
            lk = s.get(SopLangkah, rec.langkah_id) if rec else None
            teks = (f"\"{eks.judul}\" berjalan" + (f", menunggu langkah {nomor_langkah(lk.no)}: {lk.kegiatan}" if lk else "") + ".")
        baris.append(html.P(teks, className="small text-muted mb-1"))
    baris.append(html.Div([
        html.A("Unduh Word", href=f"/cetak/lkj/{kec_id}/{th}.docx", className="btn btn-outline-primary btn-sm me-2",
               id="lkj-unduh-docx"),
        html.A("Unduh PDF", href=f"/cetak/lkj/{kec_id}/{th}.pdf", target="_blank",
               className="btn btn-outline-primary btn-sm", id="lkj-unduh-pdf"),
    ], className="mt-2"))
    return dbc.Card(dbc.CardBody(baris), className="mb-3", id="lkj-perjalanan")


def opsi_bagian(lkj: Lkj) -> list[dict]:
    """The passages the office writes, in the report's order: Bab I, per IKU, Bab IV."""
    opsi = [{"label": f"Bab I · {BAGIAN[b].judul}", "value": b} for b in BAGIAN_BAB_I]
    for i in lkj.iku:
        opsi += [{"label": f"Bab III · {i.kode} · {BAGIAN[b].judul}", "value": f"{b}:{i.indikator_id}"}
                 for b in BAGIAN_INDIKATOR]
    opsi += [{"label": f"Bab IV · {BAGIAN[b].judul}", "value": b} for b in BAGIAN_BAB_IV]
    return opsi
