"""The identity page of an SOP (PermenPAN-RB 35/2012), its step table and its swimlane flowchart."""
from __future__ import annotations

import re

import dash_bootstrap_components as dbc
from dash import html

from dashboard import format as fmt
from dashboard.components.swimlane import swimlane_svg
from models.sop.durasi import format_menit, tulis_waktu
from models.sop.nomor import nomor_langkah


def diagram_alir(pelaksana: list[str], langkah: list[dict], judul: str, ident: str | None = None) -> html.Iframe:
    """The swimlane flowchart in a frame as tall as the drawing (`langkah`: as swimlane_svg takes them); raises
    ValueError, in Indonesian, when the steps cannot be drawn."""
    svg = swimlane_svg(list(pelaksana), langkah)
    tinggi = int(float(re.search(r'height="([\d.]+)"', svg).group(1)))
    return html.Iframe(srcDoc=f"<html><body style='margin:0'>{svg}</body></html>", title=f"Diagram alir {judul}",
                       style={"width": "100%", "height": f"{tinggi + 8}px", "border": "0"},
                       **({"id": ident} if ident else {}))


def _daftar(isi: list[str]) -> html.Component:
    if not isi:
        return html.Span("-", className="text-muted")
    return html.Ol([html.Li(x) for x in isi], className="mb-0 ps-3")


def _menit_kerja(lk, waktu: str) -> html.Small | None:
    """The working minutes behind a "hari" (as shown: `waktu`); "1 jam" or "15 menit" needs no gloss."""
    if "hari" not in waktu:
        return None
    return html.Small(f"= {fmt.angka(lk.waktu_menit)} menit kerja", className="text-muted d-block")


def identitas(detail) -> dbc.Table:
    """The two-column identity block as the office printed it."""
    rev, kec, kab = detail.revisi, detail.kecamatan, detail.kabupaten
    pengesah = [x for x in (rev.disahkan_jabatan, rev.disahkan_nama, rev.disahkan_pangkat) if x]
    if rev.disahkan_nip:
        pengesah.append(f"NIP. {rev.disahkan_nip}")
    baris = [
        ("Kantor", f"Kecamatan {kec.nama}, Kabupaten {kab.nama}"),
        ("Nomor SOP", rev.nomor or "-"),
        ("Tanggal Pembuatan", fmt.tanggal(rev.tanggal_pembuatan)),
        ("Tanggal Revisi", fmt.tanggal(rev.tanggal_revisi)),
        ("Tanggal Efektif", fmt.tanggal(rev.tanggal_efektif)),
        ("Disahkan oleh", html.Div([html.Div(x) for x in pengesah]) if pengesah else "-"),
        ("Nama SOP", html.Strong(rev.nama)),
    ]
    atas = [html.Tr([html.Th(k, className="w-25"), html.Td(v)]) for k, v in baris]
    pasangan = [
        ("Dasar Hukum", _daftar(rev.dasar_hukum), "Kualifikasi Pelaksana", _daftar(rev.kualifikasi_pelaksana)),
        ("Keterkaitan", _daftar(rev.keterkaitan), "Peralatan/Perlengkapan", _daftar(rev.peralatan)),
        ("Peringatan", rev.peringatan or "-", "Pencatatan dan Pendataan", rev.pencatatan or "-"),
    ]
    bawah = []
    for k1, v1, k2, v2 in pasangan:
        bawah.append(html.Tr([html.Th(k1), html.Th(k2)], className="table-light"))
        bawah.append(html.Tr([html.Td(v1), html.Td(v2)]))
    return html.Div([
        dbc.Table(html.Tbody(atas), bordered=True, size="sm", className="mb-0"),
        dbc.Table(html.Tbody(bawah), bordered=True, size="sm", className="identitas-bawah"),
    ])


def tabel_langkah(detail, menit_per_hari: int) -> dbc.Table:
    """Steps with their pelaksana and mutu baku, and the total standard time."""
    kepala = html.Thead([
        html.Tr([html.Th("No", rowSpan=2), html.Th("Kegiatan", rowSpan=2), html.Th("Pelaksana", rowSpan=2),
                 html.Th("Mutu Baku", colSpan=3, className="text-center"), html.Th("Keterangan", rowSpan=2)]),
        html.Tr([html.Th("Kelengkapan"), html.Th("Waktu"), html.Th("Output")]),
    ], className="table-light")
    baris = []
    for lk in detail.langkah:
        tanda = []
        if lk.keputusan:
            kembali = next((x for x in detail.langkah if x.urutan == lk.kembali_ke), None)
            tanda.append(dbc.Badge("Keputusan", color="warning", text_color="dark", className="me-1"))
            if kembali:
                kembar = sum(1 for x in detail.langkah if x.no == kembali.no) > 1
                letak = f"langkah {nomor_langkah(kembali.no)}" + (f" (baris ke-{kembali.urutan} tabel)" if kembar else "")
                tanda.append(html.Small(f"Jika tidak: kembali ke {letak}", className="text-muted d-block"))
        waktu = tulis_waktu(lk.waktu, menit_per_hari=menit_per_hari)
        pelaksana = " → ".join(lk.pelaksana) if lk.pelaksana else html.Em("belum ditetapkan", className="text-danger")
        baris.append(html.Tr([
            html.Td(nomor_langkah(lk.no)), html.Td([html.Div(lk.kegiatan), *tanda]), html.Td(pelaksana),
            html.Td(lk.kelengkapan or "-"),
            html.Td([html.Div(waktu, className="waktu-baku"), _menit_kerja(lk, waktu)]),
            html.Td(lk.output or "-"), html.Td(lk.keterangan or ""),
        ], **{"data-urutan": str(lk.urutan)}))
    total = detail.revisi.total_menit
    kaki = html.Tfoot(html.Tr([
        html.Th("Jumlah waktu penyelesaian", colSpan=4, className="text-end"),
        html.Th(format_menit(total, menit_per_hari=menit_per_hari), colSpan=3, id="sop-total"),
    ]))
    return dbc.Table([kepala, html.Tbody(baris), kaki], bordered=True, hover=True, size="sm",
                     className="tabel-langkah", responsive=True)
