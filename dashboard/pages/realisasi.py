"""Isi Realisasi: a quarter's figures of the office's IKU, entered, evidenced and submitted into the SOP."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import format as fmt
from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.realisasi import daftar_lampiran, lencana, riwayat, tabel_realisasi
from dashboard.components.unggah import kotak_unggah
from dashboard.data import sesi
from models.akun.peran import PENGISI_REALISASI, PERAN_KANTOR
from models.kinerja.capaian import capaian_kantor, predikat_kabupaten
from models.kinerja.iku import cara_pengajuan, pengumpulan_bersama
from models.kinerja.lampiran import lampiran_realisasi
from models.kinerja.realisasi import (
    boleh_mengisi,
    bukti_diminta,
    cari,
    jejak,
    pengembalian,
    tindakan_realisasi,
)
from models.tables import Indikator, Kecamatan, User
from models.umum import periode
from models.umum.angka import tulis_angka
from models.umum.batas_unggah import ukuran_teks
from models.umum.berkas import LAMPIRAN
from models.umum.lembar_kerja import UNGGAH_XLSX
from models.umum.mesin_status import boleh
from models.umum.periode import ROMAWI, periode_baku

dash.register_page(__name__, path="/realisasi", name="Isi Realisasi", title="Isi Realisasi · SAKIP Kecamatan",
                   order=3)


def _periode(tahun: str | None, triwulan: str | None) -> tuple[int, int]:
    th, tw = periode_baku()
    if tahun and tahun.isdigit() and 2000 <= int(tahun) <= 2100:
        th = int(tahun)
    if triwulan and triwulan in ("1", "2", "3", "4"):
        tw = int(triwulan)
    return th, tw


def _pilih_periode(tahun: int, triwulan: int) -> html.Form:
    ini = periode.hari_ini().year
    return html.Form([
        dbc.Select(name="tahun", value=str(tahun), options=[{"label": str(t), "value": str(t)}
                                                             for t in range(ini - 4, ini + 1)],
                   className="w-auto", id="pilih-tahun"),
        dbc.Select(name="triwulan", value=str(triwulan),
                   options=[{"label": f"Triwulan {ROMAWI[t]}", "value": str(t)} for t in range(1, 5)],
                   className="w-auto", id="pilih-triwulan"),
        dbc.Button("Tampilkan", type="submit", color="secondary", outline=True),
    ], method="get", action="/realisasi", className="d-flex gap-2 mb-3")


def lencana_status(status: str | None) -> html.Span:
    """The figure's status beside its name; the same id whatever the status, so a save can update it."""
    return html.Span(lencana(status) if status else None, id=ids.REAL_STATUS)


def _form(s, user: User, ind: Indikator, tahun: int, triwulan: int, zona: str) -> dbc.Card:
    r = cari(s, indikator_id=ind.id, kecamatan_id=user.kecamatan_id, tahun=tahun, triwulan=triwulan)
    # What this person may do to the figure now, from its machine (models.kinerja.realisasi.MESIN_REALISASI).
    tindakan = tindakan_realisasi(s, realisasi_id=r.id, oleh=user) if r is not None else []
    terkunci = not (boleh(tindakan, "ubah") if r is not None else boleh_mengisi(s, user, ind, user.kecamatan_id))
    opsi = bukti_diminta(s, ind, user.kecamatan_id)
    status = lencana_status(r.status if r else None)
    angka = [
        dbc.Col([dbc.Label(ind.pembilang, html_for=ids.REAL_PEMBILANG),
                 dbc.Input(id=ids.REAL_PEMBILANG, value=_teks(r.pembilang if r else None), disabled=terkunci,
                           inputmode="decimal", placeholder="mis. 1.234,5")], md=6),
    ]
    if ind.penyebut:
        angka.append(dbc.Col([dbc.Label(ind.penyebut, html_for=ids.REAL_PENYEBUT),
                              dbc.Input(id=ids.REAL_PENYEBUT, value=_teks(r.penyebut if r else None),
                                        disabled=terkunci, inputmode="decimal")], md=6))
    else:
        angka.append(html.Div(dbc.Input(id=ids.REAL_PENYEBUT, value=None), hidden=True))
    buka = None
    if boleh(tindakan, "buka"):
        buka = html.Div([
            html.Hr(), html.H6("Buka kembali angka resmi"),
            dbc.Textarea(id=ids.REAL_BUKA_ALASAN, placeholder="Alasan membuka kembali (wajib)…", className="mb-2"),
            dbc.Button("Buka kembali", id=ids.REAL_BUKA, color="warning", outline=True, size="sm"),
            dcc.Location(id=ids.REAL_MUAT, refresh=True),
        ])
    kembali = pengembalian(s, r) if r is not None else None
    return dbc.Card(dbc.CardBody([
        html.H5([f"{ind.kode} {ind.nama}", status], className="card-title"),
        dbc.Alert([html.Strong("Dikembalikan untuk diperbaiki. "),
                   f"{kembali.oleh} ({kembali.peran}), {fmt.waktu(kembali.pada, zona)}: ", html.Em(kembali.alasan),
                   html.Br(), f"Perbaiki angkanya lalu ajukan kembali; pengajuan itu menyelesaikan langkah yang "
                              f"menunggu {kembali.menunggu}."], color="warning", id="realisasi-dikembalikan")
        if kembali else None,
        html.P(ind.definisi or "", className="text-muted small"),
        dcc.Store(id=ids.REAL_INDIKATOR, data=ind.id),
        dcc.Store(id=ids.REAL_ID, data=r.id if r else None),
        dcc.Store(id=ids.REAL_VERSI, data=r.versi if r else None),
        dbc.Row(angka, className="g-2 mb-2"),
        dbc.Label("Catatan", html_for=ids.REAL_CATATAN),
        dbc.Textarea(id=ids.REAL_CATATAN, value=(r.catatan if r else None) or "", disabled=terkunci,
                     className="mb-2"),
        dbc.Label("Bukti yang tersedia (kelengkapan langkah 1 SOP)"),
        dbc.Checklist(id=ids.REAL_BUKTI, options=[{"label": x, "value": x, "disabled": terkunci} for x in opsi],
                      value=list(r.bukti or []) if r else [], className="mb-2"),
        html.Div([
            dbc.Label(f"Lampiran ({LAMPIRAN.jenis_teks}; paling besar {ukuran_teks(LAMPIRAN.maks_byte)})"),
            html.Div(daftar_lampiran(lampiran_realisasi(s, r.id) if r else []), id=ids.REAL_LAMPIRAN_DAFTAR),
            kotak_unggah(ids.REAL_LAMPIRAN, LAMPIRAN, pesan=ids.REAL_PESAN, className="unggah mt-1",
                         disabled=terkunci,
                         children=html.Div(["Seret berkas ke sini atau ", html.A("pilih berkas")])),
        ], className="mb-3"),
        html.Div([
            dbc.Button("Simpan draf", id=ids.REAL_SIMPAN, color="secondary", disabled=terkunci, className="me-2"),
            dbc.Button("Ajukan ke SOP", id=ids.REAL_AJUKAN, color="primary", disabled=terkunci),
        ]) if boleh else dbc.Alert("Peran Anda hanya dapat melihat realisasi indikator ini.", color="light"),
        html.Div(id=ids.REAL_PESAN, className="mt-2"),
        riwayat(r, jejak(s, r.eksekusi_id) if r else [], zona),
        buka,
    ]), className="mb-3", id="form-realisasi")


def _teks(x: float | None) -> str:
    return "" if x is None else tulis_angka(x, 4)


def _excel(tahun: int, triwulan: int) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H5("Isi lewat Excel", className="card-title"),
        html.P("Unduh templat triwulan ini, isi, lalu unggah. Pratinjau menampilkan hasil tiap baris; menerapkan "
               "menyimpan semua baris sebagai draf sekaligus, atau tidak sama sekali.", className="small text-muted"),
        html.A("Unduh templat (.xlsx)", href=f"/realisasi/templat.xlsx?tahun={tahun}&triwulan={triwulan}",
               className="btn btn-outline-primary btn-sm mb-2", id="unduh-templat"),
        kotak_unggah(ids.EXCEL_UNGGAH, UNGGAH_XLSX, pesan=ids.EXCEL_PRATINJAU, bersihkan=[ids.EXCEL_PESAN],
                     children=html.Div([f"Seret berkas .xlsx (paling besar {ukuran_teks(UNGGAH_XLSX.maks_byte)}) ke "
                                        "sini atau ", html.A("pilih")])),
        html.Div(id=ids.EXCEL_PRATINJAU, className="mt-2"),
        dbc.Button("Terapkan", id=ids.EXCEL_TERAPKAN, color="primary", size="sm", className="mt-2"),
        html.Div(id=ids.EXCEL_PESAN, className="mt-2"),
    ]), className="mb-3")


@halaman(peran=PERAN_KANTOR, objek={"indikator": Indikator})
def layout(tahun: str | None = None, triwulan: str | None = None, indikator: str | None = None,
           **_kwargs) -> html.Div:
    th, tw = _periode(tahun, triwulan)
    with sesi() as s:
        user = s.get(User, current_user.id)
        kec = s.get(Kecamatan, user.kecamatan_id)
        baris = capaian_kantor(s, kecamatan_id=kec.id, tahun=th)
        pita = predikat_kabupaten(s, kec.id, th)
        terpilih = int(indikator) if indikator and indikator.isdigit() else None
        form = _form(s, user, s.get(Indikator, terpilih), th, tw, kec.zona_waktu) if terpilih else None
        bersama = pengumpulan_bersama(s, kec.id)
    return html.Div([
        html.H2("Isi Realisasi IKU"),
        html.P(f"Kecamatan {kec.nama}: angka tiap triwulan, bukti, dan {cara_pengajuan(bersama, [b.indikator.kode for b in baris])}",
               className="text-muted", id="real-cara"),
        _pilih_periode(th, tw),
        dcc.Store(id=ids.REAL_PERIODE, data={"tahun": th, "triwulan": tw}),
        html.Div(tabel_realisasi(baris, tahun=th, triwulan=tw, pita=pita, terpilih=terpilih), id=ids.REAL_TABEL),
        dbc.Row([
            dbc.Col(form or dbc.Alert("Pilih Isi, Ubah atau Lihat pada baris indikator.", color="light"), lg=7),
            # The spreadsheet round trip only for those who may enter figures (the server refuses the others too).
            dbc.Col(_excel(th, tw), lg=5) if user.role_kode in PENGISI_REALISASI else None,
        ]),
    ])
