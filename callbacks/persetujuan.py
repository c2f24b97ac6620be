"""Persetujuan: show a waiting step and act on it through the state machine."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from flask_login import current_user

from callbacks.lampiran import simpan_unggahan
from dashboard import ids
from dashboard.akses import callback
from dashboard.components.daftar import keterangan
from dashboard.components.dokumen_kinerja import pratinjau
from dashboard.components.persetujuan import daftar_antrian, isi_antrian, judul_tugas, opsi_tugas
from dashboard.components.realisasi import daftar_lampiran
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.components.tugas import rincian
from dashboard.data import pengaturan, sesi
from models.akun.peran import PERAN_KANTOR
from models.dasbor.daftar import cari_antrian
from models.perencanaan.keluaran_kinerja import isi_dokumen, lampirkan_dokumen_kinerja
from models.sop.alur import (
    antrian,
    daftar_bukti,
    jenis_subjek,
    kelengkapan_tak_dicentang,
    mulai_kerjakan,
    pesan_tanpa_kelengkapan,
    putuskan,
    selesaikan,
    tindakan_langkah,
)
from models.sop.keluaran import keluaran_eksekusi, lampirkan_keluaran
from models.sop.nomor import nomor_langkah
from models.tables import CatatanLangkah, Eksekusi, Role, SopLangkah, User
from models.umum.isian import MAKS_KALIMAT, nomor_id, teks
from models.umum.penolakan import Ditolak

PREFIX, SARINGAN = ids.PERSETUJUAN_PREFIX, ids.PERSETUJUAN_SARINGAN
ANTRIAN = ids.PERSETUJUAN_ANTRIAN


def _keluaran(s, eksekusi_id: int):
    """The files attached to the execution's steps so far."""
    berkas = keluaran_eksekusi(s, eksekusi_id)
    return html.Div([html.Small("Keluaran terlampir:", className="text-muted"), daftar_lampiran(berkas)]) if berkas \
        else None


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(f"{PREFIX}-isi", "children"), Input(f"{PREFIX}-kecamatan", "value"),
              Input(ids.TUGAS_PESAN, "children"), kecamatan=("kecamatan",), tembolok=True)
    def isi(kecamatan, _pesan):
        with sesi() as s:
            return isi_antrian(s, saringan_halaman(s, {"kecamatan": kecamatan}), pengaturan().menit_per_hari)

    @callback(app, Output(f"{ANTRIAN}-tabel", "children"), Output(f"{ANTRIAN}-keterangan", "children"),
              Output(f"{ANTRIAN}-halaman", "max_value"), Output(f"{ANTRIAN}-halaman", "active_page"),
              Output(ANTRIAN, "hidden"), Input(f"{PREFIX}-kecamatan", "value"), Input(ids.TUGAS_PESAN, "children"),
              Input(f"{ANTRIAN}-cari", "value"), Input(f"{ANTRIAN}-urut", "value"),
              Input(f"{ANTRIAN}-halaman", "active_page"), kecamatan=("kecamatan",), tembolok=True)
    def daftar(kecamatan, _pesan, cari=None, urut=None, halaman=None):
        """One page of the queue: a new office, search or order starts at page 1; an action keeps the page."""
        if ctx.triggered_id not in (f"{ANTRIAN}-halaman", ids.TUGAS_PESAN):
            halaman = 1
        mpd = pengaturan().menit_per_hari
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan})
            if sar.nasional:  # the admin chooses a kabupaten first (the overview says so)
                return None, "", 1, 1, True
            h = cari_antrian(s, kecamatan_ids=sar.kecamatan_ids, cari=cari, urut=urut, halaman=halaman)
            tabel = daftar_antrian(s, sar, h, mpd)
        return tabel, keterangan(h, "langkah") if h.cocok else "", h.jumlah_halaman, h.halaman, False

    @callback(app, Output(ids.TUGAS_RINCI, "children"), Output(ids.TUGAS_SELESAI, "disabled"),
              Output(ids.TUGAS_SETUJU, "disabled"), Output(ids.TUGAS_KEMBALI, "disabled"),
              Output(ids.TUGAS_MULAI, "disabled"), Output(ids.TUGAS_BUKTI, "options"), Output(ids.TUGAS_BUKTI, "value"),
              Output(ids.TUGAS_KELUARAN, "children"), Output(ids.TUGAS_DOKUMEN, "className"),
              Output(ids.TUGAS_TANPA_BUKTI, "className", allow_duplicate=True),
              Input(ids.TUGAS_PILIH, "value"), Input(ids.TUGAS_PESAN, "children"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True, tembolok=True)
    def tampilkan(catatan_id, _pesan):
        """The chosen step as it stands, drawn again after each action on it (a started step says so). Drawn again
        after an action, the kelengkapan ticked so far and the attached outputs are left as the person has them;
        another step chosen puts away a confirmation asked for the previous one. It writes nothing and depends on the
        step, the person and the input that triggered it (all in the shared cache's key)."""
        hasil = _tampilkan(catatan_id)
        if ctx.triggered_id == ids.TUGAS_PESAN and catatan_id:
            return (*hasil[:5], no_update, no_update, no_update, hasil[8], no_update)
        return (*hasil, "mt-1 d-none" if ctx.triggered_id == ids.TUGAS_PILIH else no_update)

    def _tampilkan(catatan_id):
        tombol_dokumen = "mb-2 d-none"
        if not catatan_id:  # after an action the step just completed leaves the panel with its checklist
            kosong = html.P("Pilih langkah di sebelah kiri.", className="text-muted", id="tugas-belum-dipilih")
            return kosong, True, True, True, True, [], [], None, tombol_dokumen
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
              Output(ids.TUGAS_TANPA_BUKTI, "className"), Output(ids.TUGAS_KONFIRMASI, "data"),
              Output(ids.TUGAS_JUDUL, "children"), Output(ids.TUGAS_ATAS_NAMA, "children"),
              Output(ids.TUGAS_ATAS_NAMA, "className"),
              Input(ids.TUGAS_SELESAI, "n_clicks"), Input(ids.TUGAS_SETUJU, "n_clicks"),
              Input(ids.TUGAS_KEMBALI, "n_clicks"), Input(ids.TUGAS_MULAI, "n_clicks"),
              Input(ids.TUGAS_TANPA_BUKTI, "n_clicks"), State(ids.TUGAS_PILIH, "value"),
              State(ids.TUGAS_ALASAN, "value"), State(ids.TUGAS_BUKTI, "value"), State(ids.TUGAS_KONFIRMASI, "data"),
              peran=PERAN_KANTOR, objek={"catatan_id": CatatanLangkah}, prevent_initial_call=True, tolak=0)
    def bertindak(_n1, _n2, _n3, _n4, _n5, catatan_id, alasan, bukti, konfirmasi):
        if not catatan_id:
            raise Ditolak("Pilih langkah terlebih dahulu.", aksi="langkah")
        tombol = ctx.triggered_id
        catatan_id = nomor_id(catatan_id, label="Langkah")
        alasan = teks(alasan, label="Catatan", maks=MAKS_KALIMAT)
        if bukti is not None and (not isinstance(bukti, list) or not all(isinstance(b, str) for b in bukti)):
            raise Ditolak("Kelengkapan yang dicentang tidak sah.")
        tanpa_kelengkapan = tombol == ids.TUGAS_TANPA_BUKTI
        if tanpa_kelengkapan:  # the confirmation names the step and the action it was asked for
            if not isinstance(konfirmasi, dict) or konfirmasi.get("catatan_id") != catatan_id \
                    or konfirmasi.get("tombol") not in (ids.TUGAS_SELESAI, ids.TUGAS_SETUJU):
                raise Ditolak("Konfirmasi ini bukan untuk langkah yang dipilih; klik Selesai atau Setujui lagi.")
            tombol = konfirmasi["tombol"]
        bukti = list(bukti or [])
        with sesi() as s:
            user = s.get(User, current_user.id)
            rec = s.get(CatatanLangkah, catatan_id)
            if rec is None:
                raise Ditolak("Langkah ini tidak ditemukan.")
            judul = s.get(Eksekusi, rec.eksekusi_id).judul
            lk = s.get(SopLangkah, rec.langkah_id)
            aksi = {ids.TUGAS_SELESAI: "selesaikan", ids.TUGAS_SETUJU: "setujui"}.get(tombol)
            kurang = kelengkapan_tak_dicentang(lk.kelengkapan, bukti) if aksi else []
            if kurang and not tanpa_kelengkapan and any(
                    t.aksi == aksi and t.boleh for t in tindakan_langkah(s, catatan_id=catatan_id, oleh=user)):
                # Asked again, naming what is missing; nothing is written until it is confirmed.
                return (dbc.Alert(pesan_tanpa_kelengkapan(nomor_langkah(lk.no), kurang), color="warning",
                                  id="tugas-tanya-kelengkapan"), no_update, no_update, no_update, "mt-1",
                        {"catatan_id": catatan_id, "tombol": tombol}, no_update, no_update, no_update)
            baru = None
            if tombol == ids.TUGAS_MULAI:
                mulai_kerjakan(s, catatan_id=catatan_id, oleh=user)
                pesan = "Dicatat: langkah mulai dikerjakan sekarang; waktu sebelumnya dihitung sebagai waktu tunggu."
            elif tombol == ids.TUGAS_SELESAI:
                baru = selesaikan(s, catatan_id=catatan_id, oleh=user, catatan=alasan, bukti=bukti,
                                  tanpa_kelengkapan=tanpa_kelengkapan)
                pesan = _sesudah(s, "Langkah diselesaikan", judul, baru)
            else:
                setuju = tombol == ids.TUGAS_SETUJU
                baru = putuskan(s, catatan_id=catatan_id, setuju=setuju, alasan=alasan, oleh=user,
                                bukti=bukti if setuju or bukti else None, tanpa_kelengkapan=tanpa_kelengkapan)
                pesan = (_sesudah(s, "Disetujui", judul, baru) if setuju
                         else f"Dikembalikan untuk perbaikan{_ke(s, baru)}.")
            if tanpa_kelengkapan and kurang:
                pesan += " Dicatat pada langkah ini: diselesaikan tanpa kelengkapan yang dicentang."
            tugas = antrian(s, user)
            opsi = opsi_tugas(s, user, tugas)
            kepala = judul_tugas(opsi, sum(1 for t in tugas if t.milik_sendiri))
        if tombol == ids.TUGAS_MULAI:  # the step stays selected: the person now works on it
            return dbc.Alert(pesan, color="info"), opsi, no_update, no_update, "mt-1 d-none", None, *kepala
        # The step just completed leaves the list and the panel; the heading counts what is left.
        return dbc.Alert(pesan, color="success"), opsi, None, "", "mt-1 d-none", None, *kepala


def _ke(s, baru: CatatanLangkah | None) -> str:
    """" ke langkah 5 (Staf)": where the work went."""
    if baru is None:
        return ""
    lk = s.get(SopLangkah, baru.langkah_id)
    peran = s.get(Role, baru.role_kode)
    return f" ke langkah {nomor_langkah(lk.no)} ({peran.nama if peran else baru.role_kode})"


def _sesudah(s, awal: str, judul: str, baru: CatatanLangkah | None) -> str:
    """What happened after a step went forward: handed on to the next step, or the end of the work."""
    if baru is None:
        return f"{awal}. Pekerjaan \"{judul}\" telah selesai: semua langkah SOP sudah dilalui."
    return f"{awal}; berkas diteruskan{_ke(s, baru)}."
