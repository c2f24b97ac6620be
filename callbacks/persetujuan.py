"""Persetujuan: show a waiting step and act on it through the state machine."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from flask_login import current_user

from callbacks.lampiran import simpan_unggahan
from dashboard import ids
from dashboard.akses import callback
from dashboard.components.dokumen_kinerja import pratinjau
from dashboard.components.persetujuan import isi_antrian, opsi_tugas
from dashboard.components.realisasi import daftar_lampiran
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.components.tugas import rincian
from dashboard.data import pengaturan, sesi
from models.akun.peran import PERAN_KANTOR
from models.perencanaan.keluaran_kinerja import isi_dokumen, lampirkan_dokumen_kinerja
from models.sop.alur import (
    antrian,
    daftar_bukti,
    jenis_subjek,
    mulai_kerjakan,
    putuskan,
    selesaikan,
    tindakan_langkah,
)
from models.sop.keluaran import keluaran_eksekusi, lampirkan_keluaran
from models.tables import CatatanLangkah, User
from models.umum.isian import MAKS_KALIMAT, nomor_id, teks
from models.umum.penolakan import Ditolak

PREFIX, SARINGAN = ids.PERSETUJUAN_PREFIX, ids.PERSETUJUAN_SARINGAN


def _keluaran(s, eksekusi_id: int):
    """The files attached to the execution's steps so far."""
    berkas = keluaran_eksekusi(s, eksekusi_id)
    return html.Div([html.Small("Keluaran terlampir:", className="text-muted"), daftar_lampiran(berkas)]) if berkas \
        else None


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(f"{PREFIX}-isi", "children"), Input(f"{PREFIX}-kecamatan", "value"),
              Input(ids.TUGAS_PESAN, "children"), kecamatan=("kecamatan",))
    def isi(kecamatan, _pesan):
        with sesi() as s:
            return isi_antrian(s, saringan_halaman(s, {"kecamatan": kecamatan}), pengaturan().menit_per_hari)

    @callback(app, Output(ids.TUGAS_RINCI, "children"), Output(ids.TUGAS_SELESAI, "disabled"),
              Output(ids.TUGAS_SETUJU, "disabled"), Output(ids.TUGAS_KEMBALI, "disabled"),
              Output(ids.TUGAS_MULAI, "disabled"), Output(ids.TUGAS_BUKTI, "options"), Output(ids.TUGAS_BUKTI, "value"),
              Output(ids.TUGAS_KELUARAN, "children"), Output(ids.TUGAS_DOKUMEN, "className"),
              Input(ids.TUGAS_PILIH, "value"), Input(ids.TUGAS_PESAN, "children"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True)
    def tampilkan(catatan_id, _pesan):
        """The chosen step as it stands, drawn again after each action on it (a started step says so). Drawn again
        after an action, the kelengkapan ticked so far and the attached outputs are left as the person has them."""
        hasil = _tampilkan(catatan_id)
        if ctx.triggered_id == ids.TUGAS_PESAN and catatan_id:
            hasil = (*hasil[:5], no_update, no_update, no_update, hasil[8])
        return hasil

    def _tampilkan(catatan_id):
        tombol_dokumen = "mb-2 d-none"
        if not catatan_id:
            return no_update, True, True, True, True, [], [], None, tombol_dokumen
        with sesi() as s:
            user = s.get(User, current_user.id)
            tugas = {t.catatan.id: t for t in antrian(s, user)}.get(int(catatan_id))
            if tugas is None:
                tidak_lagi = dbc.Alert("Langkah ini tidak lagi menunggu Anda.", color="warning")
                return tidak_lagi, True, True, True, True, [], [], None, tombol_dokumen
            isi = rincian(s, tugas, pengaturan().menit_per_hari)
            dokumen = isi_dokumen(s, tugas.eksekusi)
            if dokumen is not None:  # the document this work writes, as it stands now
                isi = html.Div([isi, pratinjau(dokumen)])
                tombol_dokumen = "mb-2"
            # What this person may do to the step now, from the step machine (models.sop.alur.MESIN_LANGKAH).
            tindakan = tindakan_langkah(s, catatan_id=tugas.catatan.id, oleh=user)
            boleh = {t.aksi for t in tindakan if t.boleh}
            maju = "setujui" if tugas.langkah.keputusan else "selesaikan"
            ditahan = next((t.alasan for t in tindakan if t.aksi == maju and not t.boleh), None)
            # The step's kelengkapan to tick (a figure's entry steps are ticked on its own form).
            bukti = daftar_bukti(tugas.langkah.kelengkapan) if maju in boleh else []
            keluaran = _keluaran(s, tugas.eksekusi.id)
            jenis = jenis_subjek(tugas.eksekusi.subjek_jenis)
            tautan, halaman = jenis.tautan(s, tugas.eksekusi), jenis.halaman
        if ditahan:  # the step moves elsewhere (the subject's own page): say where
            isi = html.Div([dbc.Alert([ditahan, " ", html.A(f"Buka {halaman}", href=tautan) if tautan else None],
                                      color="warning", id="tugas-terkunci"), isi])
        return (isi, "selesaikan" not in boleh, "setujui" not in boleh, "kembalikan" not in boleh,
                "mulai_kerjakan" not in boleh, [{"label": b, "value": b} for b in bukti], [], keluaran, tombol_dokumen)

    @callback(app, Output(ids.TUGAS_KELUARAN, "children", allow_duplicate=True),
              Output(ids.TUGAS_PESAN, "children", allow_duplicate=True),
              Input(ids.TUGAS_DOKUMEN, "n_clicks"), State(ids.TUGAS_PILIH, "value"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True, tolak=1)
    def lampirkan_dokumen(_n, catatan_id):
        if not catatan_id:
            raise Ditolak("Pilih langkah terlebih dahulu.")
        with sesi() as s:
            berkas = lampirkan_dokumen_kinerja(s, catatan_id=int(catatan_id), oleh=s.get(User, current_user.id),
                                               folder=pengaturan().upload_dir)
            nama = " dan ".join(b.nama_berkas for b in berkas)
            daftar = _keluaran(s, s.get(CatatanLangkah, int(catatan_id)).eksekusi_id)
        return daftar, dbc.Alert(f"{nama} dibuat dari angka saat ini dan dilampirkan pada langkah ini.",
                                 color="success")

    @callback(app, Output(ids.TUGAS_KELUARAN, "children", allow_duplicate=True),
              Output(ids.TUGAS_PESAN, "children", allow_duplicate=True),
              Input(ids.TUGAS_UNGGAH, "contents"), State(ids.TUGAS_UNGGAH, "filename"), State(ids.TUGAS_PILIH, "value"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True, tolak=1)
    def unggah(isi, nama, catatan_id):
        return simpan_unggahan(
            isi, nama, catatan_id, belum_dipilih="Pilih langkah terlebih dahulu, lalu lampirkan keluarannya.",
            lampirkan=lambda s, i, **berkas: lampirkan_keluaran(s, catatan_id=i, **berkas),
            daftar=lambda s, i: _keluaran(s, s.get(CatatanLangkah, i).eksekusi_id),
            berhasil="Lampiran {nama} disimpan pada langkah ini.")

    @callback(app, Output(ids.TUGAS_PESAN, "children"), Output(ids.TUGAS_PILIH, "options"),
              Output(ids.TUGAS_PILIH, "value"), Output(ids.TUGAS_ALASAN, "value"),
              Input(ids.TUGAS_SELESAI, "n_clicks"), Input(ids.TUGAS_SETUJU, "n_clicks"),
              Input(ids.TUGAS_KEMBALI, "n_clicks"), Input(ids.TUGAS_MULAI, "n_clicks"), State(ids.TUGAS_PILIH, "value"),
              State(ids.TUGAS_ALASAN, "value"), State(ids.TUGAS_BUKTI, "value"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True, tolak=0)
    def bertindak(_n1, _n2, _n3, _n4, catatan_id, alasan, bukti):
        if not catatan_id:
            raise Ditolak("Pilih langkah terlebih dahulu.", aksi="langkah")
        tombol = ctx.triggered_id
        catatan_id = nomor_id(catatan_id, label="Langkah")
        alasan = teks(alasan, label="Catatan", maks=MAKS_KALIMAT)
        if bukti is not None and (not isinstance(bukti, list) or not all(isinstance(b, str) for b in bukti)):
            raise Ditolak("Kelengkapan yang dicentang tidak sah.")
        with sesi() as s:
            user = s.get(User, current_user.id)
            if tombol == ids.TUGAS_MULAI:
                mulai_kerjakan(s, catatan_id=catatan_id, oleh=user)
                pesan = "Dicatat: langkah mulai dikerjakan sekarang; waktu sebelumnya dihitung sebagai waktu tunggu."
            elif tombol == ids.TUGAS_SELESAI:
                selesaikan(s, catatan_id=catatan_id, oleh=user, catatan=alasan, bukti=list(bukti) if bukti else None)
                pesan = "Langkah diselesaikan; berkas diteruskan ke langkah berikutnya."
            else:
                setuju = tombol == ids.TUGAS_SETUJU
                putuskan(s, catatan_id=catatan_id, setuju=setuju, alasan=alasan, oleh=user,
                         bukti=list(bukti) if bukti else None)
                pesan = "Disetujui." if setuju else "Dikembalikan untuk perbaikan."
            opsi = opsi_tugas(s, user)
        if tombol == ids.TUGAS_MULAI:  # the step stays selected: the person now works on it
            return dbc.Alert(pesan, color="info"), opsi, no_update, no_update
        return dbc.Alert(pesan, color="success"), opsi, None, ""
