"""Isi Realisasi: save, submit, attach, reopen, and the Excel round trip. Each write is one transaction."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from flask_login import current_user

from callbacks.lampiran import simpan_unggahan
from dashboard import ids
from dashboard.akses import callback
from dashboard.components.realisasi import daftar_lampiran, lencana, tabel_realisasi
from dashboard.data import sesi
from models.akun.peran import PENGISI_REALISASI, PERAN_KANTOR
from models.kinerja.capaian import capaian_kantor, predikat_kabupaten
from models.kinerja.excel import baca, pesan_terapkan, terapkan
from models.kinerja.lampiran import lampiran_realisasi, lampirkan
from models.kinerja.realisasi import (
    Isian,
    ajukan,
    buka_kembali,
    simpan_draf,
    tindakan_realisasi,
)
from models.sop.alur import jenis_subjek
from models.tables import Indikator, Realisasi, User
from models.umum.berkas import dari_unggahan, nama_aman
from models.umum.isian import MAKS_KALIMAT, bulat, nomor_id, teks
from models.umum.lembar_kerja import UNGGAH_XLSX
from models.umum.mesin_status import boleh
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah
from models.umum.status import StatusRealisasi


def _periode(periode: dict | None) -> tuple[int, int]:
    try:
        tahun = tahun_sah(bulat(periode["tahun"], label="Tahun"), teks=False)
        return tahun, bulat(periode["triwulan"], label="Triwulan", minimum=1, maksimum=4)
    except (TypeError, KeyError, IndexError, Ditolak):
        raise Ditolak("Periode tidak sah; muat ulang halaman.") from None


def _tabel(s, user: User, tahun: int, triwulan: int, terpilih: int | None = None):
    return tabel_realisasi(capaian_kantor(s, kecamatan_id=user.kecamatan_id, tahun=tahun), tahun=tahun,
                           triwulan=triwulan, pita=predikat_kabupaten(s, user.kecamatan_id, tahun), terpilih=terpilih)


def register(app: Dash) -> None:
    # Saving a figure and attaching to it are open to every office role at the gate: whether this person may touch
    # this figure (its indicator's collector, or the role a returned figure came back to) is the domain's rule,
    # told in its own words (simpan_draf, ajukan, lampirkan).
    @callback(app, Output(ids.REAL_PESAN, "children"), Output(ids.REAL_VERSI, "data"), Output(ids.REAL_ID, "data"),
              Output(ids.REAL_TABEL, "children"), Output(ids.REAL_SIMPAN, "disabled"),
              Output(ids.REAL_AJUKAN, "disabled"), Output(ids.REAL_STATUS, "children"),
              Input(ids.REAL_SIMPAN, "n_clicks"), Input(ids.REAL_AJUKAN, "n_clicks"),
              State(ids.REAL_INDIKATOR, "data"), State(ids.REAL_PERIODE, "data"), State(ids.REAL_PEMBILANG, "value"),
              State(ids.REAL_PENYEBUT, "value"), State(ids.REAL_CATATAN, "value"), State(ids.REAL_BUKTI, "value"),
              State(ids.REAL_VERSI, "data"),
              peran=PERAN_KANTOR, objek={"indikator_id": Indikator}, prevent_initial_call=True, tolak=0)
    def simpan(_n1, _n2, indikator_id, periode, pembilang, penyebut, catatan, bukti, versi):
        ajukan_juga = ctx.triggered_id == ids.REAL_AJUKAN
        if not indikator_id:
            raise Ditolak("Pilih indikator terlebih dahulu.")
        tahun, triwulan = _periode(periode)
        indikator_id = nomor_id(indikator_id, label="Indikator")
        catatan = teks(catatan, label="Catatan", maks=MAKS_KALIMAT)
        if bukti is not None and (not isinstance(bukti, list) or not all(isinstance(b, str) for b in bukti)):
            raise Ditolak("Kelengkapan yang dicentang tidak sah.")
        versi = bulat(versi, label="Versi", wajib=False)
        with sesi() as s:
            user = s.get(User, current_user.id)
            r = simpan_draf(s, kecamatan_id=user.kecamatan_id, tahun=tahun, triwulan=triwulan, oleh=user,
                            isian=Isian(indikator_id, pembilang, penyebut, catatan, list(bukti or []), versi))
            bersama = 0
            if ajukan_juga:
                eks = ajukan(s, realisasi_id=r.id, oleh=user)
                jenis = jenis_subjek(eks.subjek_jenis)
                bersama = len(jenis.angka(s, eks)) if jenis.sekaligus else 0
            s.refresh(r)
            versi_baru, r_id, status = r.versi, r.id, StatusRealisasi(r.status)
            terkunci = not boleh(tindakan_realisasi(s, realisasi_id=r_id, oleh=user), "ubah")
            tabel = _tabel(s, user, tahun, triwulan, indikator_id)
            tanpa_bukti = ajukan_juga and not bukti and not lampiran_realisasi(s, r_id)
        if bersama:
            pesan = (f"Diajukan bersama {bersama} indikator triwulan ini. Angkanya berjalan melalui langkah SOP "
                     "berikutnya, terkunci sampai dikembalikan, dan resmi ketika SOP selesai.")
        elif ajukan_juga:
            pesan = ("Diajukan. Realisasi kini berjalan melalui langkah SOP berikutnya dan terkunci sampai "
                     "dikembalikan atau disetujui Camat.")
        else:
            pesan = "Draf disimpan."
        if tanpa_bukti:  # allowed, but the checker downstream will ask for it: say so now
            pesan += (" Perhatian: diajukan tanpa bukti yang dicentang maupun lampiran; pemeriksa di langkah "
                      "berikutnya dapat mengembalikannya.")
        return (dbc.Alert(pesan, color="warning" if tanpa_bukti else "success"), versi_baru, r_id, tabel, terkunci,
                terkunci,
                lencana(status))

    @callback(app, Output(ids.REAL_LAMPIRAN_DAFTAR, "children"), Output(ids.REAL_PESAN, "children", allow_duplicate=True),
              Input(ids.REAL_LAMPIRAN, "contents"), State(ids.REAL_LAMPIRAN, "filename"), State(ids.REAL_ID, "data"),
              peran=PERAN_KANTOR, objek={"realisasi_id": Realisasi}, prevent_initial_call=True, tolak=1)
    def unggah_lampiran(isi, nama, realisasi_id):
        return simpan_unggahan(
            isi, nama, realisasi_id, belum_dipilih="Simpan draf realisasi dahulu, lalu lampirkan berkas.",
            lampirkan=lambda s, i, **berkas: lampirkan(s, realisasi_id=i, **berkas),
            daftar=lambda s, i: daftar_lampiran(lampiran_realisasi(s, i)), berhasil="Lampiran {nama} disimpan.")

    @callback(app, Output(ids.REAL_PESAN, "children", allow_duplicate=True), Output(ids.REAL_MUAT, "href"),
              Input(ids.REAL_BUKA, "n_clicks"), State(ids.REAL_ID, "data"), State(ids.REAL_BUKA_ALASAN, "value"),
              peran={"camat"}, objek={"realisasi_id": Realisasi}, prevent_initial_call=True, tolak=0)
    def buka(_n, realisasi_id, alasan):
        if not realisasi_id:
            raise Ditolak("Realisasi tidak ditemukan.")
        realisasi_id = nomor_id(realisasi_id, label="Realisasi")
        alasan = teks(alasan, label="Alasan", maks=MAKS_KALIMAT) or ""
        with sesi() as s:
            r = buka_kembali(s, realisasi_id=realisasi_id, alasan=alasan, oleh=s.get(User, current_user.id))
            alamat = f"/realisasi?tahun={r.tahun}&triwulan={r.triwulan}&indikator={r.indikator_id}"
        # The page draws itself again at this figure: its badge, the open form and the table say "Dibuka kembali".
        return dbc.Alert("Angka dibuka kembali untuk diperbaiki; ajukan lagi setelah diubah.", color="success"), alamat

    @callback(app, Output(ids.EXCEL_PRATINJAU, "children"),
              Input(ids.EXCEL_UNGGAH, "contents"), State(ids.EXCEL_UNGGAH, "filename"),
              State(ids.REAL_PERIODE, "data"), peran=PENGISI_REALISASI, prevent_initial_call=True, tolak=0)
    def pratinjau(isi, nama, periode):
        if not isi:
            return no_update
        data = dari_unggahan(isi)
        UNGGAH_XLSX.periksa(nama_aman(nama), len(data))  # as the page's upload field said, whatever the browser did
        try:
            tahun, triwulan = _periode(periode)
            with sesi() as s:
                user = s.get(User, current_user.id)
                baris = baca(s, data, kecamatan_id=user.kecamatan_id, tahun=tahun, triwulan=triwulan)
        except Ditolak as e:
            raise Ditolak(f"{nama}: {e}", aksi="realisasi.impor_excel") from None
        return dbc.Table([html.Thead(html.Tr([html.Th("Baris"), html.Th("IKU"), html.Th("Hasil")])),
                          html.Tbody([html.Tr([html.Td(b.baris), html.Td(b.kode), html.Td(b.pesan)],
                                              className="" if b.sah else "table-danger") for b in baris])],
                         size="sm", className="pratinjau-excel")

    @callback(app, Output(ids.EXCEL_PESAN, "children"), Output(ids.REAL_TABEL, "children", allow_duplicate=True),
              Input(ids.EXCEL_TERAPKAN, "n_clicks"), State(ids.EXCEL_UNGGAH, "contents"),
              State(ids.REAL_PERIODE, "data"), peran=PENGISI_REALISASI, prevent_initial_call=True, tolak=0)
    def terapkan_excel(_n, isi, periode):
        if not isi:
            raise Ditolak("Unggah berkas Excel terlebih dahulu.")
        tahun, triwulan = _periode(periode)
        with sesi() as s:
            user = s.get(User, current_user.id)
            baris = baca(s, dari_unggahan(isi), kecamatan_id=user.kecamatan_id, tahun=tahun, triwulan=triwulan)
            n = terapkan(s, baris, kecamatan_id=user.kecamatan_id, tahun=tahun, triwulan=triwulan, oleh=user)
            pesan = pesan_terapkan(s, baris, kecamatan_id=user.kecamatan_id, n=n)
            tabel = _tabel(s, user, tahun, triwulan)
        return dbc.Alert(pesan, color="success"), tabel
