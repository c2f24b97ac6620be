"""Laporan Kinerja: show an office's LKj of a year; write a passage, record the reviu, sign with the scan. The
domain (models.perencanaan.laporan_kinerja) decides and checks again; a refusal is shown and audited."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from flask_login import current_user

from dashboard import format as fmt
from dashboard import ids
from dashboard.akses import callback
from dashboard.components.laporan_kinerja import isi_laporan, opsi_bagian, perjalanan_laporan
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import pengaturan, sesi
from models.perencanaan.laporan_kinerja import (
    BAGIAN,
    PENULIS,
    PESAN_REVIU_ULANG,
    boleh_menulis,
    laporan,
    reviu,
    simpan_teks,
    susun_lkj,
    tandatangani,
    teks_tahun,
    tindakan_lkj,
)
from models.perencanaan.publikasi import PENERBIT
from models.tables import User
from models.umum.berkas import dari_unggahan
from models.umum.isian import teks, versi_berikut
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah
from models.umum.status import StatusLaporan

KECAMATAN = "lkj-kecamatan"  # the filter bar of dashboard.pages.laporan_kinerja
TAHUN = "lkj-tahun"
MAKS_TEKS_BEBAS = 1_000_000  # a field checked here for its kind only: its length is the domain's rule and message



def _bagian(nilai) -> tuple[str, int | None]:
    """A passage's value on the form: "profil", or per IKU "penyebab:<indicator id>"."""
    teks = str(nilai or "")
    if not teks:
        raise Ditolak("Pilih bagian yang ditulis.")
    bagian, _, ind = teks.partition(":")
    try:
        return bagian, int(ind) if ind else None
    except ValueError:
        raise Ditolak("Bagian tidak dikenal.") from None


def _berhasil(pesan: str, versi_baru: int) -> tuple:
    """The success message and the page's next version (`versi_berikut`, read before the write)."""
    return dbc.Alert(pesan, color="success", dismissable=True), versi_baru


def _teks(nilai, label: str) -> str | None:
    """A typed field checked for its kind before the write (its length is the domain's rule, with its message)."""
    return teks(nilai, label=label, maks=MAKS_TEKS_BEBAS)


def _pengguna(s) -> User:
    return s.get(User, current_user.id)


def register(app: Dash) -> None:
    pasang_alamat(app, "lkj", ("kecamatan", "tahun"))

    @callback(app, Output(ids.LKJ_ISI, "children"), Output(ids.LKJ_BAGIAN, "options"),
              Output(ids.LKJ_SIMPAN, "disabled"), Output(ids.LKJ_SIMPAN_INFO, "children"),
              Output(ids.LKJ_REVIU, "disabled"), Output(ids.LKJ_REVIU_INFO, "children"),
              Output(ids.LKJ_TTD, "disabled"), Output(ids.LKJ_TTD_INFO, "children"),
              Input(KECAMATAN, "value"), Input(TAHUN, "value"), Input(ids.LKJ_VERSI, "data"),
              kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, _versi):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun}, setahun=True)
            if sar.kecamatan_id is None:
                pilih = "Pilih satu kecamatan."
                return (html.P("Pilih satu kecamatan untuk melihat Laporan Kinerjanya.", className="text-muted"), [],
                        True, "", True, pilih, True, pilih)
            lkj = susun_lkj(s, sar.kecamatan_id, sar.tahun)
            user = _pengguna(s)
            penerbit = user.role_kode in PENERBIT and user.kecamatan_id == lkj.kecamatan_id
            isi = html.Div([
                html.H4(f"Kecamatan {lkj.kecamatan} · Tahun {lkj.tahun}", className="h5"),
                perjalanan_laporan(s, lkj, penerbit=penerbit),
                isi_laporan(lkj),
            ])
            menulis = boleh_menulis(user, lkj.kecamatan_id)
            opsi = opsi_bagian(lkj) if menulis else []
            # What this user may do now, from the report's machine (models.perencanaan.laporan_kinerja.MESIN_LKJ).
            tindakan = {t.aksi: t for t in tindakan_lkj(s, kecamatan_id=lkj.kecamatan_id, tahun=lkj.tahun, oleh=user)}
        kunci = (f"Laporan Kinerja {lkj.tahun} sudah ditandatangani; teksnya terkunci." if lkj.terkunci else "")

        def boleh(aksi: str) -> tuple[bool, str]:
            t = tindakan.get(aksi)
            if t is None:
                return True, f"Laporan Kinerja {lkj.tahun} sudah ditandatangani."
            return not t.boleh, t.alasan or ""

        return (isi, opsi, lkj.terkunci or not menulis, kunci, *boleh("reviu"), *boleh("tandatangani"))

    @callback(app, Output(ids.LKJ_TEKS, "value"), Output(ids.LKJ_TEKS_INFO, "children"),
              Input(ids.LKJ_BAGIAN, "value"), Input(ids.LKJ_VERSI, "data"), State(TAHUN, "value"),
              peran=PENULIS, prevent_initial_call=True)
    def pilih_bagian(nilai, _versi, tahun):
        if not nilai:
            return "", ""
        bagian, ind = _bagian(nilai)
        if bagian not in BAGIAN:
            raise Ditolak("Bagian tidak dikenal.")
        with sesi() as s:
            user = _pengguna(s)
            t = teks_tahun(s, user.kecamatan_id, tahun_sah(tahun)).get((bagian, ind))
        if t is None:
            return "", "Belum ditulis."
        info = f"Ditulis oleh {t.oleh or '-'}, {fmt.waktu(t.pada)}"
        if t.dibawa:
            info += f"; dibawa dari Laporan Kinerja {t.tahun_asal} (simpan untuk menjadikannya teks tahun ini)"
        return t.isi, info + "."

    @callback(app, Output(ids.LKJ_PESAN, "children"), Output(ids.LKJ_VERSI, "data"),
              Input(ids.LKJ_SIMPAN, "n_clicks"), State(ids.LKJ_BAGIAN, "value"), State(ids.LKJ_TEKS, "value"),
              State(TAHUN, "value"), State(ids.LKJ_VERSI, "data"),
              peran=PENULIS, prevent_initial_call=True, tolak=0)
    def simpan(_n, nilai, isi, tahun, versi):
        bagian, ind = _bagian(nilai)
        if bagian not in BAGIAN:
            raise Ditolak("Bagian tidak dikenal.")
        isi = _teks(isi, "Teks")
        th = tahun_sah(tahun)
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            lk = laporan(s, user.kecamatan_id, th)
            direviu = lk is not None and lk.status == StatusLaporan.DIREVIU
            row = simpan_teks(s, kecamatan_id=user.kecamatan_id, tahun=th, bagian=bagian,
                              indikator_id=ind, isi=isi, oleh=user)
            lk = laporan(s, user.kecamatan_id, th)
            ulang = direviu and lk is not None and lk.status == StatusLaporan.DRAF
        judul = BAGIAN[bagian].judul
        pesan = f"{judul} disimpan." if row is not None else f"{judul} tahun ini dihapus."
        return _berhasil(f"{pesan} {PESAN_REVIU_ULANG}" if ulang else pesan, versi_baru)

    @callback(app, Output(ids.LKJ_PESAN, "children", allow_duplicate=True),
              Output(ids.LKJ_VERSI, "data", allow_duplicate=True),
              Input(ids.LKJ_REVIU, "n_clicks"), State(KECAMATAN, "value"), State(TAHUN, "value"),
              State(ids.LKJ_REVIU_CATATAN, "value"), State(ids.LKJ_VERSI, "data"),
              peran=frozenset({"sekcam", "evaluator"}), kecamatan=("kecamatan",), prevent_initial_call=True, tolak=0)
    def catat_reviu(_n, kecamatan, tahun, catatan, versi):
        th, catatan = tahun_sah(tahun), _teks(catatan, "Catatan reviu")
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun}, setahun=True)
            if sar.kecamatan_id is None:
                raise Ditolak("Pilih satu kecamatan yang laporannya direviu.")
            reviu(s, kecamatan_id=sar.kecamatan_id, tahun=th, catatan=catatan, oleh=_pengguna(s))
        return _berhasil("Reviu Laporan Kinerja dicatat.", versi_baru)

    @callback(app, Output(ids.LKJ_TTD_NAMA_SCAN, "children"), Input(ids.LKJ_TTD_SCAN, "filename"),
              prevent_initial_call=True)
    def nama_scan(nama):
        return f"Dipilih: {nama}" if nama else ""

    @callback(app, Output(ids.LKJ_PESAN, "children", allow_duplicate=True),
              Output(ids.LKJ_VERSI, "data", allow_duplicate=True),
              Input(ids.LKJ_TTD, "n_clicks"), State(TAHUN, "value"), State(ids.LKJ_TTD_TANGGAL, "value"),
              State(ids.LKJ_TTD_SCAN, "contents"), State(ids.LKJ_TTD_SCAN, "filename"), State(ids.LKJ_VERSI, "data"),
              peran=frozenset({"camat"}), prevent_initial_call=True, tolak=0)
    def tanda_tangani(_n, tahun, tanggal, isi, nama, versi):
        data = dari_unggahan(isi) if isi else b""
        th = tahun_sah(tahun)
        nama, tanggal = _teks(nama, "Nama berkas") or "", _teks(tanggal, "Tanggal") or ""
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            tandatangani(s, kecamatan_id=user.kecamatan_id, tahun=th, nama_berkas=nama, data=data,
                         tanggal=tanggal, oleh=user, folder=pengaturan().upload_dir)
        return _berhasil(f"Laporan Kinerja {th} ditandatangani; scan dilampirkan dan teksnya terkunci.", versi_baru)
