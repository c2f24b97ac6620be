"""Kalender SAKIP: the kabupaten's calendar (the admin picks any, everyone else reads their own), an office's
obligations of a year, and changes by the kabupaten or the admin (checked again by models.perencanaan)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.kalender_sakip import PENGUBAH, kabupaten_pengguna, tabel_jadwal, tabel_kewajiban
from dashboard.data import sesi
from models.akun.peran import PERAN_KANTOR
from models.perencanaan.kalender_sakip import (
    PENGUMPULAN,
    isian_jadwal,
    jadwal_kabupaten,
    kantor_kabupaten,
    kantor_tanpa_sop,
    kewajiban_kantor,
    rpjmd_kabupaten,
    sop_kabupaten,
    ubah_jadwal,
)
from models.sop.dokumen import kunci_nama
from models.tables import Kabupaten, Kecamatan, User
from models.umum import periode
from models.umum.isian import MAKS_URAIAN, bulat, nomor_id, teks, versi_berikut
from models.umum.penolakan import Ditolak


def _kabupaten(s, user: User, diminta) -> Kabupaten | None:
    """The admin reads the kabupaten asked for; anyone else only their own, whatever the request says."""
    sendiri = kabupaten_pengguna(s, user)
    if sendiri is not None:
        return s.get(Kabupaten, sendiri)
    if user.role_kode != "admin":  # a user of no office and no kabupaten reads no calendar
        return None
    try:
        return s.get(Kabupaten, nomor_id(diminta)) if diminta else None
    except Ditolak:
        return None


def _tahun(nilai) -> int:
    """The year asked for, or this year for anything that is not one."""
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return periode.hari_ini().year
    return tahun if 2000 <= tahun <= 2100 else periode.hari_ini().year


def _tanggal(nilai: list) -> tuple[int, int, int] | None:
    """(geser, bulan, tanggal) from the three inputs; None when all are empty."""
    if all(v in (None, "") for v in nilai):
        return None
    try:
        return tuple(bulat(v, label="Tanggal", minimum=-1000, maksimum=1000) for v in nilai)  # type: ignore[return-value]
    except Ditolak:
        raise Ditolak("Lengkapi tahun, bulan dan tanggal, atau kosongkan ketiganya.") from None


TANPA_SOP = {"label": "Tanpa SOP", "value": ""}
_TANGGAL = ("geser", "bulan", "tanggal")


def pilihan_sop(s, kabupaten_id: int, sekarang: str | None, kewajiban: str) -> tuple[list[dict], str]:
    """The SOP choices of Ubah jadwal (the SOPs the kabupaten's offices hold) and the one in force now. The current
    name keeps its own spelling; a current name no office holds is shown as such, so that it can be replaced."""
    if kewajiban == PENGUMPULAN:  # met by each IKU's own collection SOP, never by one
        return [TANPA_SOP], ""
    jumlah = len(kantor_kabupaten(s, kabupaten_id))
    kunci_sekarang = kunci_nama(sekarang) if sekarang else None
    pilihan, ada = [], False
    for sop in sop_kabupaten(s, kabupaten_id):
        nama = sekarang if sop.kunci == kunci_sekarang else sop.nama
        ada = ada or sop.kunci == kunci_sekarang
        pilihan.append({"label": f"{nama} ({len(sop.kantor)} dari {jumlah} kantor)", "value": nama})
    if sekarang and not ada:
        pilihan.insert(0, {"label": f"{sekarang} (tidak dimiliki kantor mana pun)", "value": sekarang})
    return [TANPA_SOP, *pilihan], sekarang or ""


def register(app: Dash) -> None:
    # Choosing an obligation fills the form with what is in force: its SOP (from the offices' SOPs), working days
    # and dates, so that a change starts from the current values.
    @callback(app, Output(ids.JADWAL_SOP, "options"), Output(ids.JADWAL_SOP, "value"),
              Output(ids.JADWAL_HARI_KERJA, "value"),
              *[Output({"type": jenis, "index": i}, "value") for jenis in (ids.JADWAL_MULAI, ids.JADWAL_TENGGAT)
                for i in _TANGGAL],
              Input(ids.JADWAL_KEWAJIBAN, "value"), Input(ids.JADWAL_KABUPATEN, "value"),
              peran=PENGUBAH, prevent_initial_call=True)
    def isi_formulir(kewajiban, kabupaten):
        with sesi() as s:
            kab = _kabupaten(s, s.get(User, current_user.id), kabupaten)
            row = next((j for j in jadwal_kabupaten(s, kab.id) if j.kewajiban == kewajiban), None) if kab else None
            if row is None:
                return (no_update,) * 9
            isi = isian_jadwal(row)
            pilihan, sop = pilihan_sop(s, kab.id, isi["sop_nama"], row.kewajiban)
        tanggal = [str(v) if v is not None else None for awalan in ("mulai", "tenggat")
                   for v in (isi[awalan] or (None, None, None))]
        return (pilihan, sop, isi["tenggat_hari_kerja"], *tanggal)

    @callback(app, Output(ids.JADWAL_TABEL, "children"), Input(ids.JADWAL_KABUPATEN, "value"),
              Input(ids.JADWAL_VERSI, "data"), tembolok=True)
    def jadwal(kabupaten, _versi):
        with sesi() as s:
            kab = _kabupaten(s, s.get(User, current_user.id), kabupaten)
            if kab is None:
                return html.P("Belum ada kabupaten.", className="text-muted")
            return html.Div([html.H4(f"Jadwal Kabupaten {kab.nama}"), tabel_jadwal(jadwal_kabupaten(s, kab.id),
                                                                                rpjmd_kabupaten(s, [kab.id]).get(kab.id))])

    @callback(app, Output(ids.JADWAL_KANTOR, "children"), Input(ids.JADWAL_TAHUN, "value"),
              peran=PERAN_KANTOR, tembolok=True)
    def kantor(tahun):
        with sesi() as s:
            user = s.get(User, current_user.id)
            kec = s.get(Kecamatan, user.kecamatan_id) if user.kecamatan_id else None
            if kec is None:
                return html.P("Akun Anda belum terhubung ke kantor kecamatan.", className="text-muted")
            daftar = kewajiban_kantor(s, kec.id, hari_ini=periode.hari_ini(), tahun=_tahun(tahun))
            return tabel_kewajiban(daftar, kec.zona_waktu)

    @callback(app, Output(ids.JADWAL_PESAN, "children"), Output(ids.JADWAL_VERSI, "data"),
              Input(ids.JADWAL_SIMPAN, "n_clicks"), State(ids.JADWAL_KABUPATEN, "value"),
              State(ids.JADWAL_KEWAJIBAN, "value"), State(ids.JADWAL_SOP, "value"),
              State(ids.JADWAL_HARI_KERJA, "value"), State({"type": ids.JADWAL_MULAI, "index": ALL}, "value"),
              State({"type": ids.JADWAL_TENGGAT, "index": ALL}, "value"), State(ids.JADWAL_VERSI, "data"),
              peran=PENGUBAH, prevent_initial_call=True, tolak=0)
    def simpan(_n, kabupaten, kewajiban, sop, hari_kerja, mulai, tenggat, versi):
        versi_baru = versi_berikut(versi)
        # Its type here; its length by the calendar's own rule (the SOP register's bound).
        sop_nama = teks(sop, label="Nama SOP", maks=MAKS_URAIAN)  # empty: none; None: left as it is
        try:
            if not kewajiban:
                raise Ditolak("Pilih kewajiban yang diubah.")
            with sesi() as s:
                user = s.get(User, current_user.id)
                kab = _kabupaten(s, user, kabupaten)
                if kab is None:
                    raise Ditolak("Kabupaten tidak ditemukan.")
                ubah = {}
                if sop is not None:
                    ubah["sop_nama"] = sop_nama
                if hari_kerja not in (None, ""):
                    ubah["tenggat_hari_kerja"] = hari_kerja  # as typed: the domain refuses 2,5 with its message
                for kunci, nilai in (("mulai", _tanggal(mulai)), ("tenggat", _tanggal(tenggat))):
                    if nilai is not None:
                        ubah[kunci] = nilai
                if not ubah:
                    raise Ditolak("Isi sedikitnya satu perubahan.")
                row = ubah_jadwal(s, kabupaten_id=kab.id, kewajiban=kewajiban, oleh=user, **ubah)
                pesan = f"Jadwal {row.nama} Kabupaten {kab.nama} disimpan."
                kurang = kantor_tanpa_sop(s, kab.id, row.sop_nama) if row.sop_nama and row.kewajiban != PENGUMPULAN \
                    else []
                if kurang:
                    pesan += (f" SOP \"{row.sop_nama}\" belum dimiliki {len(kurang)} kantor ({', '.join(kurang)}): "
                              "di kantor tersebut kewajiban ini tampil \"Belum ada SOP\".")
        except Ditolak:
            raise
        except (ValueError, TypeError):
            raise Ditolak("Isian tidak sah.") from None
        return dbc.Alert(pesan, color="success"), versi_baru
