"""Perjanjian Kinerja: show an office's PKs, cascade and Rencana Aksi of a year; sign with a scan, start the SOP,
draft and revise, keep the lower PKs' indicators and the Rencana Aksi kegiatan. The domain
(models.perencanaan.perjanjian_kinerja) decides and checks again; a refusal is shown and audited."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update
from flask_login import current_user
from sqlmodel import col, select

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.perjanjian_kinerja import (
    daftar_perjanjian,
    opsi_pk,
    pohon_kinerja,
    tabel_rencana_aksi,
)
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import pengaturan, sesi
from models.akun.peran import NAMA_PERAN, PERAN_KANTOR
from models.perencanaan.perjanjian_kinerja import (
    PENGATUR_PK,
    PENGELOLA_RA,
    PIHAK_PERTAMA,
    buat_draf,
    buat_perubahan,
    hapus_indikator,
    hapus_rencana_aksi,
    indikator_pk,
    judul_pk,
    mulai_sop,
    pk_terakhir,
    simpan_rencana_aksi,
    tambah_indikator,
    tandatangani,
    ubah_indikator,
)
from models.perencanaan.publikasi import PENERBIT
from models.tables import Indikator, IndikatorPk, Kecamatan, PerjanjianKinerja, RencanaAksi, User
from models.umum.angka import tulis_angka
from models.umum.berkas import dari_unggahan
from models.umum.isian import MAKS_URAIAN, bulat, teks, versi_berikut
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI, tahun_sah

KECAMATAN = "perjanjian-kecamatan"  # the filter bar of dashboard.pages.perjanjian_kinerja
TAHUN = "perjanjian-tahun"



def _berhasil(pesan: str, versi_baru: int) -> tuple:
    """The success message and the page's next version (`versi_berikut`, read before the write)."""
    return dbc.Alert(pesan, color="success", dismissable=True), versi_baru


def _teks(nilai, label: str) -> str | None:
    """A typed field checked for its kind before the write (its length is the domain's rule, with its message)."""
    return teks(nilai, label=label, maks=MAKS_URAIAN)


def _pengguna(s) -> User:
    return s.get(User, current_user.id)


def register(app: Dash) -> None:
    pasang_alamat(app, "perjanjian", ("kecamatan", "tahun"))

    @callback(app, Output(ids.PK_ISI, "children"), Output(ids.PK_TTD_PILIH, "options"),
              Output(ids.PK_IP_PILIH, "options"), Output(ids.RA_PILIH, "options"),
              Input(KECAMATAN, "value"), Input(TAHUN, "value"), Input(ids.PK_VERSI, "data"),
              kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, _versi):
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun}, setahun=True)
            if sar.kecamatan_id is None:
                return html.P("Pilih satu kecamatan untuk melihat Perjanjian Kinerjanya.",
                              className="text-muted"), [], [], []
            kec = s.get(Kecamatan, sar.kecamatan_id)
            th = sar.tahun
            user = _pengguna(s)
            sendiri = user.kecamatan_id == kec.id
            isi = html.Div([
                html.H4(f"Kecamatan {kec.nama} · Tahun {th}", className="h5"),
                daftar_perjanjian(s, kec, th, penerbit=sendiri and user.role_kode in PENERBIT),
                html.H4("Pohon kinerja", className="h5 mt-3"),
                html.P("Sasaran → IKU Camat dan targetnya → indikator Sekretaris Camat dan Kasi yang mendukungnya.",
                       className="small text-muted"),
                pohon_kinerja(s, kec.id, th),
                html.H4("Rencana Aksi", className="h5 mt-3"),
                html.P("Target tiap triwulan diisi di halaman IKU & Target; di sini kegiatan yang direncanakan untuk "
                       "mencapainya, pelaksananya, dan yang terlaksana.", className="small text-muted"),
                tabel_rencana_aksi(s, kec.id, th),
            ])
            ttd = opsi_pk(s, kec.id, th, user) if sendiri else []
            ip = [{"label": f"{NAMA_PERAN.get(x.role_kode, x.role_kode)}: {x.nama}", "value": x.id}
                  for x in indikator_pk(s, kec.id, th)] if sendiri else []
            ra = [{"label": f"Triwulan {ROMAWI[r.triwulan]} · {r.kegiatan[:80]}", "value": r.id}
                  for r in s.exec(select(RencanaAksi).where(RencanaAksi.kecamatan_id == kec.id)
                                  .where(RencanaAksi.tahun == th).order_by(col(RencanaAksi.triwulan),
                                                                           col(RencanaAksi.id))).all()] \
                if sendiri else []
        return isi, ttd, ip, ra

    @callback(app, Output(ids.PK_TTD_NAMA_SCAN, "children"), Input(ids.PK_TTD_SCAN, "filename"),
              prevent_initial_call=True)
    def nama_scan(nama):
        return f"Dipilih: {nama}" if nama else ""

    @callback(app, Output(ids.PK_PESAN, "children"), Output(ids.PK_VERSI, "data"),
              Input(ids.PK_TTD, "n_clicks"), State(ids.PK_TTD_PILIH, "value"), State(ids.PK_TTD_TANGGAL, "value"),
              State(ids.PK_TTD_SCAN, "contents"), State(ids.PK_TTD_SCAN, "filename"), State(ids.PK_VERSI, "data"),
              peran=frozenset(PIHAK_PERTAMA), objek={"pk_id": PerjanjianKinerja}, prevent_initial_call=True,
              tolak=0)
    def tanda_tangani(_n, pk_id, tanggal, isi, nama, versi):
        if not pk_id:
            raise Ditolak("Pilih Perjanjian Kinerja yang ditandatangani.")
        data = dari_unggahan(isi) if isi else b""
        nama, tanggal = _teks(nama, "Nama berkas") or "", _teks(tanggal, "Tanggal") or ""
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            pk = tandatangani(s, pk_id=int(pk_id), nama_berkas=nama, data=data, tanggal=tanggal,
                              oleh=_pengguna(s), folder=pengaturan().upload_dir)
            judul = judul_pk(pk.role_kode, pk.tahun, pk.perubahan_ke)
        return _berhasil(f"{judul} ditandatangani; scan dilampirkan.", versi_baru)

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.PK_MULAI_SOP, "n_clicks"), State(TAHUN, "value"), State(ids.PK_VERSI, "data"),
              peran=PERAN_KANTOR, prevent_initial_call=True, tolak=0)
    def mulai(_n, tahun, versi):
        th = tahun_sah(tahun)
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            eks = mulai_sop(s, kecamatan_id=user.kecamatan_id, tahun=th, oleh=user)
            judul = eks.judul
        return _berhasil(f"\"{judul}\" dimulai; langkah pertamanya menunggu di Persetujuan.", versi_baru)

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.PK_DRAF, "n_clicks"), State(ids.PK_DRAF_PIHAK, "value"), State(TAHUN, "value"),
              State(ids.PK_VERSI, "data"), peran=PENGATUR_PK, prevent_initial_call=True, tolak=0)
    def draf(_n, pihak, tahun, versi):
        th = tahun_sah(tahun)
        pihak = _teks(pihak, "Pihak pertama")
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            pk = buat_draf(s, kecamatan_id=user.kecamatan_id, tahun=th, role_kode=pihak, oleh=user)
            judul = judul_pk(pk.role_kode, pk.tahun, pk.perubahan_ke)
        return _berhasil(f"Draf {judul} siap.", versi_baru)

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.PK_PERUBAHAN, "n_clicks"), State(ids.PK_DRAF_PIHAK, "value"),
              State(ids.PK_DRAF_ALASAN, "value"), State(TAHUN, "value"), State(ids.PK_VERSI, "data"),
              peran=PENGATUR_PK, prevent_initial_call=True, tolak=0)
    def perubahan(_n, pihak, alasan, tahun, versi):
        th = tahun_sah(tahun)
        pihak, alasan = _teks(pihak, "Pihak pertama"), _teks(alasan, "Alasan perubahan")
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            akhir = pk_terakhir(s, user.kecamatan_id, th, pihak or "")
            if akhir is None:
                raise Ditolak(f"Belum ada Perjanjian Kinerja {NAMA_PERAN.get(pihak, pihak)} tahun {th} yang "
                              "ditandatangani; buat drafnya lebih dulu.")
            pk = buat_perubahan(s, pk_id=akhir.id, alasan=alasan, oleh=user)
            judul = judul_pk(pk.role_kode, pk.tahun, pk.perubahan_ke)
        return _berhasil(f"Draf {judul} dibuat; PK sebelumnya tetap tersimpan.", versi_baru)

    @callback(app, Output(ids.PK_IP_PIHAK, "value"), Output(ids.PK_IP_IKU, "value"), Output(ids.PK_IP_NAMA, "value"),
              Output(ids.PK_IP_TARGET, "value"), Output(ids.PK_IP_SATUAN, "value"),
              Input(ids.PK_IP_PILIH, "value"), objek={"ip_id": IndikatorPk},
              prevent_initial_call=True)
    def pilih_indikator(ip_id):
        if not ip_id:
            return no_update, None, "", "", "%"
        with sesi() as s:
            ip = s.get(IndikatorPk, int(ip_id))
            return ip.role_kode, ip.indikator_id, ip.nama, tulis_angka(ip.target, 4), ip.satuan

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.PK_IP_SIMPAN, "n_clicks"), State(ids.PK_IP_PILIH, "value"), State(ids.PK_IP_PIHAK, "value"),
              State(ids.PK_IP_IKU, "value"), State(ids.PK_IP_NAMA, "value"), State(ids.PK_IP_SATUAN, "value"),
              State(ids.PK_IP_TARGET, "value"), State(TAHUN, "value"), State(ids.PK_VERSI, "data"),
              peran=PENGATUR_PK, objek={"ip_id": IndikatorPk, "indikator_id": Indikator},
              prevent_initial_call=True, tolak=0)
    def simpan_indikator(_n, ip_id, pihak, indikator_id, nama, satuan, target, tahun, versi):
        th = tahun_sah(tahun)
        pihak, nama, satuan = _teks(pihak, "Pihak pertama"), _teks(nama, "Nama indikator"), _teks(satuan, "Satuan")
        indikator_id = bulat(indikator_id, label="IKU", minimum=1, wajib=False)
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            if ip_id:
                ip = ubah_indikator(s, indikator_pk_id=int(ip_id), indikator_id=indikator_id, nama=nama,
                                    satuan=satuan, target=target, oleh=user)
                pesan = f"Indikator \"{ip.nama}\" diubah."
            else:
                ip = tambah_indikator(s, kecamatan_id=user.kecamatan_id, tahun=th, role_kode=pihak,
                                      indikator_id=indikator_id, nama=nama, satuan=satuan, target=target, oleh=user)
                pesan = f"Indikator \"{ip.nama}\" ditambahkan ke PK {NAMA_PERAN.get(ip.role_kode, ip.role_kode)}."
        return _berhasil(pesan, versi_baru)

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.PK_IP_HAPUS, "n_clicks"), State(ids.PK_IP_PILIH, "value"), State(ids.PK_VERSI, "data"),
              peran=PENGATUR_PK, objek={"ip_id": IndikatorPk}, prevent_initial_call=True, tolak=0)
    def hapus_ip(_n, ip_id, versi):
        if not ip_id:
            raise Ditolak("Pilih indikator yang dihapus.")
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            hapus_indikator(s, indikator_pk_id=int(ip_id), oleh=_pengguna(s))
        return _berhasil("Indikator dihapus.", versi_baru)

    @callback(app, Output(ids.RA_IKU, "value"), Output(ids.RA_TRIWULAN, "value"), Output(ids.RA_PELAKSANA, "value"),
              Output(ids.RA_KEGIATAN, "value"), Output(ids.RA_TERLAKSANA, "value"),
              Input(ids.RA_PILIH, "value"), objek={"ra_id": RencanaAksi},
              prevent_initial_call=True)
    def pilih_kegiatan(ra_id):
        if not ra_id:
            return no_update, no_update, None, "", ""
        with sesi() as s:
            r = s.get(RencanaAksi, int(ra_id))
            return r.indikator_id, r.triwulan, r.role_kode, r.kegiatan, r.terlaksana or ""

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.RA_SIMPAN, "n_clicks"), State(ids.RA_PILIH, "value"), State(ids.RA_IKU, "value"),
              State(ids.RA_TRIWULAN, "value"), State(ids.RA_PELAKSANA, "value"), State(ids.RA_KEGIATAN, "value"),
              State(ids.RA_TERLAKSANA, "value"), State(TAHUN, "value"), State(ids.PK_VERSI, "data"),
              peran=PERAN_KANTOR, objek={"ra_id": RencanaAksi, "indikator_id": Indikator},
              prevent_initial_call=True, tolak=0)
    def simpan_kegiatan(_n, ra_id, indikator_id, triwulan, pelaksana, kegiatan, terlaksana, tahun, versi):
        ra_id = bulat(ra_id, label="Kegiatan", minimum=1, wajib=False)
        indikator_id = bulat(indikator_id, label="IKU", minimum=1, wajib=False)
        triwulan = bulat(triwulan, label="Triwulan", minimum=1, maksimum=4, wajib=False)
        pelaksana, kegiatan = _teks(pelaksana, "Pelaksana"), _teks(kegiatan, "Kegiatan")
        terlaksana = _teks(terlaksana, "Yang terlaksana")
        th_baru = tahun_sah(tahun) if not ra_id else None
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            user = _pengguna(s)
            lama = s.get(RencanaAksi, ra_id) if ra_id else None
            th = lama.tahun if lama else th_baru if th_baru is not None else tahun_sah(tahun)  # keeps its year
            r = simpan_rencana_aksi(s, kecamatan_id=user.kecamatan_id, tahun=th, triwulan=triwulan,
                                    indikator_id=indikator_id, kegiatan=kegiatan, role_kode=pelaksana,
                                    terlaksana=terlaksana, oleh=user, rencana_id=ra_id)
            pesan = f"Kegiatan triwulan {ROMAWI[r.triwulan]} disimpan."
        return _berhasil(pesan, versi_baru)

    @callback(app, Output(ids.PK_PESAN, "children", allow_duplicate=True),
              Output(ids.PK_VERSI, "data", allow_duplicate=True),
              Input(ids.RA_HAPUS, "n_clicks"), State(ids.RA_PILIH, "value"), State(ids.PK_VERSI, "data"),
              peran=PENGELOLA_RA, objek={"ra_id": RencanaAksi}, prevent_initial_call=True, tolak=0)
    def hapus_kegiatan(_n, ra_id, versi):
        if not ra_id:
            raise Ditolak("Pilih kegiatan yang dihapus.")
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            hapus_rencana_aksi(s, rencana_id=int(ra_id), oleh=_pengguna(s))
        return _berhasil("Kegiatan dihapus.", versi_baru)
