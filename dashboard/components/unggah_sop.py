"""The preview of an uploaded SOP document: per procedure its office and identity, the steps with a pelaksana
picker (read from the flowchart marks or suggested from the wording), the total standard time, the swimlane
flowchart, the difference from the revision in force and the problems that keep it from being saved."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.components.identitas import diagram_alir
from dashboard.components.pilihan import dropdown
from models.sop.cetak_sop import tanggal_iso_teks
from models.sop.durasi import format_menit, tulis_waktu
from models.sop.nomor import nomor_langkah
from models.sop.unggah import SUMBER_LABEL, Pratinjau, ProsedurPratinjau


def bagian_diagram(pp: ProsedurPratinjau, menit_per_hari: int) -> html.Div:
    langkah = [{"urutan": n, "no": nomor_langkah(lk.no), "kegiatan": lk.kegiatan, "pelaksana": list(t.pelaksana),
                "keputusan": t.keputusan, "kembali_ke": t.kembali_ke, "waktu": tulis_waktu(lk.waktu, menit_per_hari=menit_per_hari)}
               for n, (lk, t) in enumerate(zip(pp.prosedur.langkah, pp.penetapan), start=1)]
    try:
        return html.Div(diagram_alir(pp.prosedur.pelaksana, langkah, pp.judul))
    except ValueError as e:
        return html.Div(dbc.Alert(f"Diagram alir belum dapat digambar: {e}.", color="warning"))


def bagian_selisih(pp: ProsedurPratinjau) -> html.Div:
    if pp.duplikat:
        asal = pp.prosedur.duplikat_dari or {}
        return html.Div(dbc.Alert(f"Salinan dari \"{asal.get('nama')}\" (Kecamatan {asal.get('kecamatan')}); tidak "
                                  "disimpan lagi.", color="secondary"))
    isi: list = [dbc.Alert(m, color="danger", className="py-2 mb-2") for m in pp.masalah]
    isi += [dbc.Alert(m, color="warning", className="py-2 mb-2 peringatan-unggah") for m in pp.peringatan]
    if pp.selisih is None:
        isi.append(html.P("SOP baru untuk kantor ini; belum ada revisi yang berlaku.", className="mb-0"))
    elif not pp.selisih:
        isi.append(html.P(f"Sama dengan revisi ke-{pp.revisi_berlaku} yang berlaku; tidak akan disimpan lagi.",
                          className="mb-0"))
    else:
        isi += [html.P(f"Perbedaan dari revisi ke-{pp.revisi_berlaku} yang berlaku (disimpan sebagai revisi ke-"
                       f"{pp.revisi_berlaku + 1}; revisi lama tetap tersimpan):", className="mb-1"),
                html.Ul([html.Li(x.kalimat, className=f"selisih-{x.jenis}") for x in pp.selisih], className="mb-0")]
    return html.Div(isi)


def _status(pp: ProsedurPratinjau) -> dbc.Badge:
    if pp.duplikat:
        return dbc.Badge("Salinan", color="secondary")
    if pp.selisih is None:
        return dbc.Badge("SOP baru", color="primary")
    if not pp.selisih:
        return dbc.Badge("Tidak berubah", color="light", text_color="dark")
    return dbc.Badge(f"Revisi ke-{(pp.revisi_berlaku or 0) + 1}", color="warning", text_color="dark")


def _identitas_lengkap(p) -> html.Dl:
    def daftar(isi: list[str]):
        return html.Ol([html.Li(x) for x in isi], className="mb-1") if isi else "-"

    bagian = [("Tanggal pembuatan", tanggal_iso_teks(p.tanggal_pembuatan)),
              ("Tanggal revisi", tanggal_iso_teks(p.tanggal_revisi)), ("Dasar hukum", daftar(p.dasar_hukum)),
              ("Kualifikasi pelaksana", daftar(p.kualifikasi_pelaksana)), ("Keterkaitan", daftar(p.keterkaitan)),
              ("Peralatan/perlengkapan", daftar(p.peralatan)), ("Peringatan", p.peringatan or "-"),
              ("Pencatatan dan pendataan", p.pencatatan or "-")]
    return html.Dl([x for label, nilai in bagian for x in (html.Dt(label, className="col-sm-3"),
                                                             html.Dd(nilai, className="col-sm-9"))],
                   className="row mt-2")


def kartu_prosedur(pp: ProsedurPratinjau, menit_per_hari: int) -> html.Div:
    p = pp.prosedur
    sah = p.disahkan_oleh
    identitas = [("Kecamatan", f"{pp.kecamatan or '-'}, Kabupaten {pp.kabupaten or '-'}"),
                 ("Nomor SOP", p.nomor or "-"), ("Tanggal efektif", tanggal_iso_teks(p.tanggal_efektif)),
                 ("Disahkan oleh", " · ".join(x for x in (sah.get("jabatan"), sah.get("nama"),
                                                          f"NIP {sah['nip']}" if sah.get("nip") else None) if x)
                  or "-"),
                 ("Kolom pelaksana", ", ".join(p.pelaksana)),
                 ("Jumlah waktu baku", format_menit(p.total_menit, menit_per_hari=menit_per_hari))]
    baris = []
    for n, (lk, t) in enumerate(zip(p.langkah, pp.penetapan or [None] * len(p.langkah)), start=1):
        pilih = dropdown(id={"type": ids.UNGGAH_PELAKSANA, "p": pp.indeks, "l": n}, options=list(p.pelaksana),
                         value=list(t.pelaksana) if t else [], multi=True, clearable=False,
                         disabled=pp.duplikat or t is None)
        asal = html.Small(SUMBER_LABEL.get(t.sumber, t.sumber) if t else "", className="text-muted")
        putus = html.Div([
            dbc.Badge("Keputusan", color="warning", text_color="dark", className="me-2"),
            html.Small("jika tidak, kembali ke langkah ", className="text-muted"),
            dropdown(id={"type": ids.UNGGAH_KEMBALI, "p": pp.indeks, "l": n},
                     options=[{"label": nomor_langkah(p.langkah[k].no), "value": k + 1} for k in range(n - 1)],
                     value=t.kembali_ke, clearable=False, disabled=pp.duplikat, className="d-inline-block",
                     style={"minWidth": "5rem"}),
        ], className="d-flex align-items-center mt-1") if t and t.keputusan else None
        baris.append(html.Tr([html.Td(nomor_langkah(lk.no)), html.Td([lk.kegiatan, putus]), html.Td(lk.kelengkapan),
                              html.Td(tulis_waktu(lk.waktu, menit_per_hari=menit_per_hari)), html.Td(lk.output),
                              html.Td([pilih, asal], className="sel-pelaksana", **{"data-urutan": n})]))
    return html.Div(dbc.Card([
        dbc.CardHeader([html.Strong(pp.judul), " ", _status(pp)]),
        dbc.CardBody([
            html.Dl([x for label, nilai in identitas for x in (html.Dt(label, className="col-sm-3"),
                                                                 html.Dd(nilai, className="col-sm-9"))],
                    className="row small mb-2"),
            html.Details([html.Summary("Identitas lengkap"), _identitas_lengkap(p)], className="mb-2 small"),
            html.Div(bagian_selisih(pp), id={"type": ids.UNGGAH_SELISIH, "p": pp.indeks}, className="mb-3"),
            dbc.Table([html.Thead(html.Tr([html.Th("No"), html.Th("Kegiatan"), html.Th("Kelengkapan"),
                                           html.Th("Waktu"), html.Th("Output"), html.Th("Pelaksana")])),
                       html.Tbody(baris)], size="sm", bordered=True, responsive=True, className="tabel-unggah"),
            html.Details([html.Summary("Diagram alir"),
                          html.Div(bagian_diagram(pp, menit_per_hari), id={"type": ids.UNGGAH_DIAGRAM, "p": pp.indeks})],
                         open=True),
        ]),
    ]), className="mb-3 kartu-unggah", **{"data-prosedur": pp.indeks})


def tampil_pratinjau(pr: Pratinjau, menit_per_hari: int) -> html.Div:
    masalah = pr.semua_masalah
    kepala = (dbc.Alert([html.Strong("Belum dapat disimpan. "), html.Ul([html.Li(m) for m in masalah],
                                                                         className="mb-0")], color="danger")
              if masalah else
              dbc.Alert(f"{pr.berkas}: {len(pr.prosedur)} prosedur terbaca, semuanya sama dengan revisi yang berlaku "
                        "atau salinan; tidak ada yang akan disimpan.", color="secondary", id="unggah-sop-tanpa-ubah")
              if not pr.bisa_disimpan else
              dbc.Alert(f"{pr.berkas}: {len(pr.prosedur)} prosedur terbaca. Periksa pelaksana tiap langkah, lalu "
                        "simpan.", color="info"))
    return html.Div([kepala, *(kartu_prosedur(pp, menit_per_hari) for pp in pr.prosedur)])
