"""The Anggaran page's pieces: the DPA as a table program → kegiatan → sub kegiatan, the form of one sub kegiatan,
the Excel card; and the capaian-beside-penyerapan table of a sasaran (Capaian page)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.components.pilihan import dropdown
from dashboard.format import angka
from models.perencanaan.anggaran import (
    Dpa,
    EfisiensiSasaran,
    Kelompok,
    persen_serapan,
    realisasi_sampai,
    realisasi_triwulan,
    rupiah,
)
from models.tables import Anggaran
from models.umum.angka import tulis_persen
from models.umum.lembar_kerja import MAKS_BERKAS
from models.umum.periode import ROMAWI

KOLOM_FORM = (("kode_program", "Kode program", "mis. 7.01.01"), ("program", "Program", ""),
              ("kode_kegiatan", "Kode kegiatan", "mis. 7.01.01.2.01"), ("kegiatan", "Kegiatan", ""),
              ("kode_sub_kegiatan", "Kode sub kegiatan", "mis. 7.01.01.2.01.0001"), ("sub_kegiatan", "Sub kegiatan", ""),
              ("pagu", "Pagu (Rp)", "mis. 150.000.000"), ("realisasi_1", "Realisasi TW I (Rp)", "kosong: belum"),
              ("realisasi_2", "Realisasi TW II (Rp)", "kosong: belum"), ("realisasi_3", "Realisasi TW III (Rp)",
                                                                           "kosong: belum"),
              ("realisasi_4", "Realisasi TW IV (Rp)", "kosong: belum"))
KOLOM_ISIAN = tuple(k for k, _, _ in KOLOM_FORM) + ("sasaran",)


def id_kolom(nama: str) -> str:
    return f"{ids.ANGGARAN_KOLOM}-{nama}"


def persen(x: float | None) -> str:
    return tulis_persen(x)


def _uang(x: int | None) -> html.Td:
    """A sum of the table, whose header says it is in rupiah: "1.234.567"; "-" when nothing is entered."""
    return html.Td(angka(x), className="text-end text-nowrap")


def _baris_kelompok(k: Kelompok, jenis: str) -> html.Tr:
    kelas = "table-primary fw-bold" if jenis == "program" else "table-light fw-semibold"
    return html.Tr([html.Td(k.kode, className="text-nowrap"), html.Td(k.nama, className="kolom-nama"), _uang(k.pagu),
                    *(_uang(k.realisasi(n)) for n in range(1, 5)), _uang(k.realisasi_sampai(4)),
                    html.Td(persen(k.penyerapan(4)), className="text-end")], className=kelas,
                   **{"data-jenis": jenis, "data-kode": k.kode})


def _baris_sub(r: Anggaran) -> html.Tr:
    total = realisasi_sampai(r, 4)
    sasaran = (html.Span(["Sasaran: ", r.sasaran], className="sasaran") if r.sasaran else
               html.Span("Belum dikaitkan dengan sasaran", className="sasaran fst-italic"))
    return html.Tr([html.Td(r.kode_sub_kegiatan, className="text-nowrap"),
                    html.Td([r.sub_kegiatan, html.Br(), html.Small(sasaran, className="text-muted")],
                            className="kolom-nama ps-3"),
                    _uang(r.pagu), *(_uang(v) for v in realisasi_triwulan(r)), _uang(total),
                    html.Td(persen(persen_serapan(r.pagu, total)), className="text-end")],
                   **{"data-jenis": "sub", "data-kode": r.kode_sub_kegiatan})


def tabel_dpa(d: Dpa, nama_kantor: str) -> html.Div:
    """The year's DPA; empty is said, never shown as Rp 0."""
    judul = html.H4(f"DPA Kecamatan {nama_kantor} {d.tahun}", className="mt-2")
    if d.kosong:
        return html.Div([judul, dbc.Alert(f"Belum ada DPA untuk tahun {d.tahun}.", color="light", id="dpa-kosong")])
    kepala = html.Thead([
        html.Tr([html.Th("Kode", rowSpan=2), html.Th("Program / kegiatan / sub kegiatan (sasaran)", rowSpan=2),
                 html.Th("Pagu (Rp)", rowSpan=2, className="text-end"),
                 html.Th("Realisasi (Rp)", colSpan=5, className="text-center"),
                 html.Th("Penyerapan", rowSpan=2, className="text-end")]),
        html.Tr([*(html.Th(f"TW {ROMAWI[n]}", className="text-end text-nowrap") for n in range(1, 5)),
                 html.Th("Jumlah", className="text-end")])])
    badan = []
    for p in d.program:
        badan.append(_baris_kelompok(p, "program"))
        for k in p.rincian:
            badan.append(_baris_kelompok(k, "kegiatan"))
            badan.extend(_baris_sub(r) for r in k.rincian)
    total = d.realisasi_sampai(4)
    kaki = html.Tfoot(html.Tr([html.Th("Jumlah", colSpan=2), _uang(d.pagu),
                               *(_uang(d.realisasi(n)) for n in range(1, 5)), _uang(total),
                               html.Th(persen(d.penyerapan(4)), className="text-end", id="dpa-penyerapan")],
                              className="fw-bold"))
    ringkas = dbc.Row([dbc.Col(html.Div([html.Div(label, className="small text-muted"),
                                         html.Div(nilai, className="fs-5 fw-semibold", id=ident)]), xs=12, md=4)
                       for label, nilai, ident in (
                           ("Pagu", rupiah(d.pagu), "dpa-pagu"),
                           ("Realisasi sampai triwulan terakhir yang diisi", rupiah(total), "dpa-realisasi"),
                           ("Penyerapan", persen(d.penyerapan(4)), "dpa-penyerapan-ringkas"))],
                      className="g-2 mb-2")
    return html.Div([
        judul,
        ringkas,
        html.P("Pagu program dan kegiatan adalah jumlah pagu sub kegiatannya. Realisasi tiap triwulan adalah belanja "
               "triwulan itu; penyerapan = jumlah realisasi yang sudah diisi dibagi pagu. Sel \"-\": belum diisi.",
               className="small text-muted"),
        dbc.Table([kepala, html.Tbody(badan), kaki], size="sm", bordered=True, hover=True, responsive=True,
                  id="tabel-dpa", className="tabel-dpa small"),
    ])


def form_anggaran(sasaran: list[str]) -> dbc.Card:
    """Add or change one sub kegiatan, including a quarter's realisation."""
    isian = []
    for nama, label, contoh in KOLOM_FORM:
        angka_ = nama == "pagu" or nama.startswith("realisasi")
        isian.append(dbc.Col([dbc.Label(label, html_for=id_kolom(nama), className="small mb-0"),
                              dbc.Input(id=id_kolom(nama), placeholder=contoh or None, size="sm",
                                        inputmode="numeric" if angka_ else None)],
                             md=(4 if nama == "pagu" else 2) if angka_ else (3 if nama.startswith("kode") else 9),
                             xs=12 if not angka_ or nama == "pagu" else 6))
    return dbc.Card(dbc.CardBody([
        html.H5("Tambah atau ubah sub kegiatan", className="card-title"),
        dropdown(id=ids.ANGGARAN_PILIH, options=[], value="", clearable=False, className="mb-2"),
        dbc.Row(isian, className="g-2 mb-2"),
        dbc.Label("Sasaran yang dilayani", html_for=id_kolom("sasaran"), className="small mb-0"),
        dropdown(id=id_kolom("sasaran"), options=[{"label": s, "value": s} for s in sasaran],
                 placeholder="Belum dikaitkan dengan sasaran", className="mb-2"),
        dcc.Store(id=ids.ANGGARAN_VERSI),
        html.Div([dbc.Button("Simpan", id=ids.ANGGARAN_SIMPAN, color="primary", size="sm", className="me-2"),
                  dbc.Button("Hapus sub kegiatan ini", id=ids.ANGGARAN_HAPUS, color="danger", outline=True,
                             size="sm")]),
        html.Div(id=ids.ANGGARAN_PESAN, className="mt-2"),
    ]), className="mb-3")


def kartu_excel() -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Isi lewat Excel", className="card-title"),
        html.P("Unduh templat (berisi DPA tahun terpilih), isi atau ubah, lalu unggah. Setiap baris diperiksa dulu; "
               "DPA disimpan semua sekaligus atau tidak sama sekali. Baris dengan kode sub kegiatan yang sudah ada "
               "mengubah sub kegiatan itu, kode baru menambah; sub kegiatan yang tidak ada di lembar tetap "
               "disimpan, kecuali Anda memilih mengganti seluruh DPA.", className="small text-muted"),
        dbc.Button("Unduh templat (.xlsx)", id=ids.ANGGARAN_UNDUH_TEMPLAT, color="primary", outline=True, size="sm",
                   className="mb-2"),
        dcc.Download(id=ids.ANGGARAN_TEMPLAT),
        dcc.Upload(id=ids.ANGGARAN_BERKAS, className="unggah", accept=".xlsx", max_size=MAKS_BERKAS,
                   children=html.Div(["Seret berkas .xlsx ke sini atau ", html.A("pilih berkas")])),
        dbc.Checkbox(id=ids.ANGGARAN_GANTI, value=False, className="mt-2",
                     label="Ganti seluruh DPA tahun ini (sub kegiatan yang tidak ada di lembar dihapus)"),
        html.Div(id=ids.ANGGARAN_PRATINJAU, className="mt-2"),
        dbc.Button("Simpan DPA dari lembar", id=ids.ANGGARAN_IMPOR, color="primary", size="sm", disabled=True),
        html.Div(id=ids.ANGGARAN_IMPOR_PESAN, className="mt-2"),
    ]), className="mb-3")


def pilihan_baris(d: Dpa) -> list[dict]:
    return [{"label": "Sub kegiatan baru…", "value": ""}] + [
        {"label": f"{r.kode_sub_kegiatan} {r.sub_kegiatan}", "value": r.id} for r in d.baris()]


def tabel_efisiensi(baris: list[EfisiensiSasaran], tahun: int, triwulan: int | None) -> html.Div:
    """Capaian beside penyerapan anggaran per sasaran (the LKj's efficiency analysis)."""
    periode = f"triwulan {ROMAWI[triwulan]} {tahun}" if triwulan else f"tahun {tahun}"
    judul = html.H5(f"Capaian dan penyerapan anggaran per sasaran, {periode}", className="mt-4 mb-2")
    catatan = html.P("Efisiensi = capaian − penyerapan (poin): positif berarti capaian kinerja lebih tinggi daripada "
                     "bagian pagu yang sudah terserap; negatif berarti anggaran terserap lebih cepat daripada "
                     "capaiannya. Capaian: rata-rata IKU sasaran itu (tiap capaian dihitung paling tinggi sebatas "
                     "batas kabupaten); penyerapan: realisasi sampai triwulan itu dibagi pagu sub kegiatan yang "
                     "melayani sasaran itu.", className="small text-muted")
    if not baris:
        return html.Div([judul, dbc.Alert("Belum ada sasaran IKU maupun DPA pada periode ini.", color="light")],
                        id="efisiensi-sasaran")
    kepala = html.Thead(html.Tr([html.Th("Sasaran"), html.Th("IKU"), html.Th("Capaian", className="text-end"),
                                 html.Th("Pagu", className="text-end"), html.Th("Realisasi", className="text-end"),
                                 html.Th("Penyerapan", className="text-end"),
                                 html.Th("Efisiensi (poin)", className="text-end")]))
    badan = []
    for e in baris:
        capaian = (f"{persen(e.capaian)}{'' if e.resmi else '*'}" if e.capaian is not None else "Belum ada capaian")
        pagu = rupiah(e.pagu) if e.pagu is not None else "Belum ada DPA"
        serap = persen(e.penyerapan) if e.penyerapan is not None else ("Belum ada realisasi" if e.pagu else "-")
        ef = e.efisiensi
        badan.append(html.Tr([html.Td(e.sasaran), html.Td(", ".join(e.iku) or "-", className="text-nowrap"),
                              html.Td(capaian, className="text-end" + (" text-muted" if e.capaian is None else "")),
                              html.Td(pagu, className="text-end text-nowrap" + (" text-muted" if e.pagu is None
                                                                                 else "")),
                              html.Td(rupiah(e.realisasi), className="text-end text-nowrap"),
                              html.Td(serap, className="text-end" + (" text-muted" if e.penyerapan is None else "")),
                              html.Td("-" if ef is None else f"{'+' if ef > 0 else ''}{angka(ef, 2)}",
                                      className="text-end fw-semibold " + (
                                          "" if ef is None else ("text-success" if ef >= 0 else "text-danger")))]))
    return html.Div([judul, catatan,
                     dbc.Table([kepala, html.Tbody(badan)], size="sm", bordered=True, responsive=True,
                               id="tabel-efisiensi"),
                     html.P("* sementara: belum semua capaiannya disahkan.", className="small text-muted")],
                    id="efisiensi-sasaran")
