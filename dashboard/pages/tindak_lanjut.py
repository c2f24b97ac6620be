"""Tindak Lanjut: the recommendations of evaluations and their follow-up, per office, per role and per quarter;
recording a monitoring or an evaluation with its recommendations; acting on an item."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.daftar import kendali_daftar
from dashboard.components.pilihan import dropdown
from dashboard.components.rekomendasi_lhe import evaluasi_final, formulir_rekomendasi_lhe
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.data import sesi
from models.akun.peran import PERAN, PERAN_KANTOR
from models.dasbor.daftar import URUTAN_REKOMENDASI
from models.kinerja.iku import iku_kantor
from models.tables import User
from models.tindak_lanjut.rekomendasi import PENCATAT
from models.umum.periode import ROMAWI

dash.register_page(__name__, path="/tindak-lanjut", name="Tindak Lanjut", title="Tindak Lanjut · SAKIP Kecamatan",
                   order=5)

PREFIX, SARINGAN = ids.TL_PREFIX, ids.TL_SARINGAN
BARIS_REKOMENDASI = ids.TL_BARIS_REKOMENDASI


def _formulir(s, user: User, tahun: int, triwulan: int) -> html.Div:
    """The form of a monitoring or an evaluation with up to five recommendations (empty rows are skipped)."""
    iku = [{"label": f"{i.kode} {i.nama}", "value": i.id} for i in iku_kantor(s, user.kecamatan_id)]
    peran = [{"label": p.nama, "value": p.kode} for p in PERAN if p.kode in PERAN_KANTOR]
    baris = [dbc.Row([
        dbc.Col(dbc.Input(id=f"tl-rek-teks-{n}", placeholder=f"Rekomendasi {n}"), md=5),
        dbc.Col(dropdown(id=f"tl-rek-iku-{n}", options=iku, placeholder="IKU (bila ada)"), md=3),
        dbc.Col(dropdown(id=f"tl-rek-peran-{n}", options=peran, placeholder="Penanggung jawab"), md=2),
        dbc.Col(html.Div(dbc.Input(id=f"tl-rek-tempo-{n}", placeholder="jatuh tempo, mis. 15 Desember 2026"),
                         title="Jatuh tempo"), md=2),
    ], className="g-2 mb-2") for n in range(1, BARIS_REKOMENDASI + 1)]
    return html.Div([
        dbc.Button("Catat pemantauan atau evaluasi", id="tl-buka-formulir", color="primary", outline=True,
                   className="mb-2"),
        dbc.Collapse(dbc.Card(dbc.CardBody([
            dbc.Row([
                dbc.Col([dbc.Label("Jenis"), dbc.RadioItems(id="tl-jenis", value="evaluasi", inline=True, options=[
                    {"label": "Evaluasi (Berita Acara Evaluasi)", "value": "evaluasi"},
                    {"label": "Pemantauan", "value": "pemantauan"}])], md=5),
                dbc.Col([dbc.Label("Triwulan yang dinilai"), dropdown(
                    id="tl-ev-triwulan", clearable=False, value=triwulan,
                    options=[{"label": f"Triwulan {ROMAWI[n]}", "value": n} for n in range(1, 5)])], md=2),
                dbc.Col([dbc.Label("Tahun"), dbc.Input(id="tl-ev-tahun", type="number", value=tahun)], md=2),
                dbc.Col([dbc.Label("Tanggal"), dbc.Input(id="tl-ev-tanggal", placeholder="mis. 26 Oktober 2026")],
                        md=3),
            ], className="g-2 mb-2"),
            dbc.Label("Peserta"), dbc.Textarea(id="tl-ev-peserta", className="mb-2",
                                               placeholder="Nama dan jabatan peserta rapat"),
            dbc.Label("Temuan"), dbc.Textarea(id="tl-ev-temuan", className="mb-2"),
            dbc.Label("Berita acara (ringkasan)"), dbc.Textarea(id="tl-ev-ba", className="mb-3"),
            html.H6("Rekomendasi (khusus evaluasi; baris kosong dilewati)"),
            *baris,
            dbc.Button("Simpan", id="tl-ev-simpan", color="primary"),
        ])), id="tl-formulir", is_open=False),
    ], className="mb-3")


def _nomor(teks) -> int | None:
    try:
        return int(teks) if teks else None
    except (TypeError, ValueError):
        return None


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        sar = saringan_halaman(s, kwargs, setahun=True)
        bilah = bilah_saringan(s, PREFIX, sar, setahun=True)
        formulir = _formulir(s, user, sar.tahun, sar.triwulan or 1) if user.role_kode in PENCATAT and \
            user.kecamatan_id else html.Div()
        if user.role_kode == "evaluator":  # the LHE's recommendations, for the kabupaten's final evaluations
            formulir = formulir_rekomendasi_lhe(s, evaluasi_final(s, user))
    return html.Div([
        html.H2("Tindak Lanjut Rekomendasi"),
        html.P("Rekomendasi hasil evaluasi dan tindak lanjutnya: Kasi (atau penanggung jawab lain) mengerjakan dan "
               "menyerahkan dengan bukti, Sekretaris Camat memeriksa, Camat mengakui selesai. Yang terlambat di atas.",
               className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        dcc.Store(id="tl-minta", data=_nomor(kwargs.get("rekomendasi"))),
        formulir,
        html.Div(id="tl-ev-pesan", className="mb-2"),
        dcc.Loading(html.Div(id="tl-isi"), delay_show=300),
        # The list is paged, searched and sorted by the database: a kabupaten's years of recommendations are long.
        kendali_daftar("tl", urutan=URUTAN_REKOMENDASI, bawaan="terlambat", ident="tl-daftar",
                       placeholder="Cari kecamatan, rekomendasi, IKU, SOP, penanggung jawab atau status…"),
        html.H4("Rincian dan tindakan", className="mt-4"),
        dropdown(id="tl-pilih", placeholder="Pilih rekomendasi dari halaman daftar di atas…", className="mb-2"),
        dbc.Card(dbc.CardBody([
            html.Div(html.P("Pilih rekomendasi di atas.", className="text-muted"), id="tl-rinci"),
            # The action form only for people of an office (a kabupaten reader or the admin acts on none); the
            # buttons a person may not use on the chosen item stay disabled, and the server refuses them anyway.
            html.Div([
                dbc.Textarea(id="tl-uraian", className="mb-2",
                             placeholder="Uraian tindak lanjut (saat menyerahkan) atau alasan pengembalian"),
                dbc.Input(id="tl-bukti", className="mb-2",
                          placeholder="Bukti yang dilampirkan, dipisah koma (mis. Berita Acara, Daftar Hadir)"),
                *[dbc.Button(label, id=f"tl-{aksi}", color=warna, className="me-2", disabled=True)
                  for aksi, label, warna in (("mulai", "Mulai kerjakan", "secondary"),
                                             ("serahkan", "Serahkan", "primary"), ("terima", "Terima", "success"),
                                             ("kembalikan", "Kembalikan", "warning"),
                                             ("akui", "Akui selesai", "success"))],
            ], hidden=not user.kecamatan_id, id="tl-tindakan"),
            html.Div(id="tl-pesan", className="mt-2"),
        ])),
    ])
