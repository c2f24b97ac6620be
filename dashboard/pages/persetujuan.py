"""Persetujuan: open steps per role and the queue (overdue first); office users act on their own items here."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import ids
from dashboard.akses import halaman
from dashboard.components.daftar import kendali_daftar
from dashboard.components.persetujuan import judul_tugas, opsi_tugas
from dashboard.components.saringan import bilah_saringan, penyimpan_alamat, saringan_halaman
from dashboard.components.unggah import kotak_unggah
from dashboard.data import sesi
from models.dasbor.daftar import URUTAN_ANTRIAN
from models.sop.alur import antrian
from models.tables import User
from models.umum.batas_unggah import ukuran_teks
from models.umum.berkas import LAMPIRAN

dash.register_page(__name__, path="/persetujuan", name="Persetujuan", title="Persetujuan · SAKIP Kecamatan",
                   order=4)

PREFIX, SARINGAN = ids.PERSETUJUAN_PREFIX, ids.PERSETUJUAN_SARINGAN


@halaman(kecamatan=("kecamatan",))
def layout(**kwargs) -> html.Div:
    with sesi() as s:
        user = s.get(User, current_user.id)
        sar = saringan_halaman(s, kwargs)
        bilah = bilah_saringan(s, PREFIX, sar, periode=False)
        tugas = antrian(s, user)
        opsi = opsi_tugas(s, user, tugas)
        judul, atas_nama, kelas_atas_nama = judul_tugas(opsi, sum(1 for t in tugas if t.milik_sendiri))
    kosong = dbc.Alert("Tidak ada langkah yang menunggu Anda.", color="light", id="tugas-kosong")
    bertindak = html.Div([
        html.H4(judul, className="mt-4", id=ids.TUGAS_JUDUL),
        html.P(atas_nama, className=kelas_atas_nama, id=ids.TUGAS_ATAS_NAMA),
        html.P("Pilih satu untuk melihat rinciannya lalu selesaikan, setujui, atau kembalikan dengan alasan. Yang "
               "melewati mutu baku di atas.", className="text-muted"),
        dbc.Row([
            dbc.Col(html.Div(dbc.RadioItems(id=ids.TUGAS_PILIH, options=opsi, className="daftar-tugas"),
                             id=ids.TUGAS_DAFTAR), lg=5),
            dbc.Col(dbc.Card(dbc.CardBody([
                html.Div(html.P("Pilih langkah di sebelah kiri.", className="text-muted"), id=ids.TUGAS_RINCI),
                dbc.Checklist(id=ids.TUGAS_BUKTI, options=[], value=[], className="mb-2"),
                html.Div(id=ids.TUGAS_KELUARAN, className="mb-2"),
                dbc.Button("Buat dan lampirkan tabel pengukuran (XLSX dan PDF)", id=ids.TUGAS_DOKUMEN,
                           color="info", outline=True, size="sm", className="mb-2 d-none"),
                kotak_unggah(ids.TUGAS_UNGGAH, LAMPIRAN, pesan=ids.TUGAS_PESAN, className="unggah mb-2",
                             children=html.Div([f"Lampirkan keluaran langkah ({LAMPIRAN.jenis_teks}; paling besar "
                                                f"{ukuran_teks(LAMPIRAN.maks_byte)}): seret ke sini atau ",
                                                html.A("pilih berkas")])),
                dbc.Textarea(id=ids.TUGAS_ALASAN, placeholder="Catatan, atau alasan bila dikembalikan…",
                             className="mb-2"),
                dbc.Button("Mulai kerjakan", id=ids.TUGAS_MULAI, color="secondary", outline=True, className="me-2",
                           disabled=True),
                dbc.Button("Selesai", id=ids.TUGAS_SELESAI, color="primary", className="me-2", disabled=True),
                dbc.Button("Setujui", id=ids.TUGAS_SETUJU, color="success", className="me-2", disabled=True),
                dbc.Button("Kembalikan untuk perbaikan", id=ids.TUGAS_KEMBALI, color="warning", disabled=True),
                html.Div(id=ids.TUGAS_PESAN, className="mt-2"),
                # Finishing with none of the step's kelengkapan ticked is asked again, named, before it is done.
                dbc.Button("Ya, selesaikan tanpa kelengkapan", id=ids.TUGAS_TANPA_BUKTI, color="danger",
                           outline=True, className="mt-1 d-none"),
                dcc.Store(id=ids.TUGAS_KONFIRMASI),
            ])), lg=7),
        ], className="d-none" if not opsi else None),  # kept in the page: the overview listens to its messages
        kosong if not opsi else None,
    ], className="" if user.kecamatan_id else "d-none")
    return html.Div([
        html.H2("Persetujuan"),
        html.P("Langkah SOP yang sedang menunggu, per peran; umur dihitung dalam waktu kerja sejak langkah diterima "
               "dan dibandingkan dengan mutu baku langkah itu.", className="text-muted"),
        bilah,
        penyimpan_alamat(PREFIX, SARINGAN),
        bertindak,
        dcc.Loading(html.Div(id=f"{PREFIX}-isi"), delay_show=300),
        # Every open step of the offices, paged, searched and sorted by the database.
        kendali_daftar(ids.PERSETUJUAN_ANTRIAN, urutan=URUTAN_ANTRIAN, bawaan="terlambat", ident=ids.PERSETUJUAN_ANTRIAN,
                       placeholder="Cari kecamatan, perihal, SOP, kegiatan atau peran yang ditunggu…"),
    ])
