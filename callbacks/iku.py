"""IKU & Target: set or revise a target (with a reason), show its history, and set the Renstra end-of-period
target."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from flask_login import current_user

from dashboard import format as fmt
from dashboard import ids
from dashboard.akses import callback
from dashboard.components.iku import tabel_iku
from dashboard.data import sesi
from models.akun.peran import PENETAP_RENSTRA, PENGATUR_PENGUMPUL, PENGATUR_TARGET
from models.kinerja.iku import (
    TANPA,
    atur_pengumpul,
    riwayat_target,
    sop_pengumpul,
    target_berlaku,
)
from models.perencanaan.dokumen_kinerja import tetapkan_target_renstra
from models.perencanaan.target import ubah_target
from models.tables import Indikator, Kecamatan, User
from models.umum import periode
from models.umum.angka import baca_angka, tulis_angka, tulis_target
from models.umum.penolakan import Ditolak


def _riwayat(s, indikator_id: int, kecamatan_id: int, tahun: int) -> html.Div:
    zona = s.get(Kecamatan, kecamatan_id).zona_waktu
    baris = [html.Li([html.Strong(tulis_angka(t.nilai)), f" · {fmt.waktu(t.diubah_pada, zona)}",
                      f" · {s.get(User, t.diubah_oleh).nama}" if t.diubah_oleh else "",
                      html.Em(f" · {t.alasan}") if t.alasan else "",
                      "" if t.berlaku else html.Span(" (diganti)", className="text-muted")])
             for t in riwayat_target(s, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun)]
    return html.Div([html.H6(f"Riwayat target {tahun}"), html.Ul(baris) if baris else
                     html.Small("Belum ada target.", className="text-muted")])


def _terlihat(s, indikator_id: int, kecamatan_id: int, tahun: int) -> dict:
    t = target_berlaku(s, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun)
    return {"id": t.id if t else None}


def _tahun(nilai, label: str) -> int:
    """A year as the form sends it (a number field: an int, or text when typed by hand)."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        raise Ditolak(f"{label} wajib diisi.")
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool) and float(nilai).is_integer():
        return int(nilai)
    if isinstance(nilai, str) and nilai.strip().isdigit():
        return int(nilai.strip())
    raise Ditolak(f"{label} tidak sah; tulis tahunnya, mis. 2025.")


def register(app: Dash) -> None:
    @callback(app, Output(ids.TARGET_RIWAYAT, "children"), Output(ids.TARGET_TERLIHAT, "data"),
              Input(ids.TARGET_INDIKATOR, "value"), Input(ids.TARGET_TAHUN, "value"), peran=PENGATUR_TARGET,
              objek={"indikator_id": Indikator}, prevent_initial_call=True)
    def riwayat(indikator_id, tahun):
        if not indikator_id or not tahun:
            return None, None
        try:
            th = int(tahun)
        except (TypeError, ValueError):
            return None, None
        with sesi() as s:
            kec = s.get(User, current_user.id).kecamatan_id
            return _riwayat(s, int(indikator_id), kec, th), _terlihat(s, int(indikator_id), kec, th)

    @callback(app, Output(ids.TARGET_PESAN, "children"), Output(ids.IKU_TABEL, "children"),
              Output(ids.TARGET_RIWAYAT, "children", allow_duplicate=True),
              Output(ids.TARGET_TERLIHAT, "data", allow_duplicate=True),
              Input(ids.TARGET_SIMPAN, "n_clicks"), State(ids.TARGET_INDIKATOR, "value"),
              State(ids.TARGET_TAHUN, "value"), State(ids.TARGET_NILAI, "value"), State(ids.TARGET_ALASAN, "value"),
              State(ids.TARGET_TERLIHAT, "data"),
              peran=PENGATUR_TARGET, objek={"indikator_id": Indikator}, prevent_initial_call=True, tolak=0)
    def simpan(_n, indikator_id, tahun, nilai, alasan, terlihat):
        if not indikator_id:
            raise Ditolak("Pilih indikator terlebih dahulu.")
        try:
            angka = baca_angka(nilai)
            th = int(tahun)
        except (Ditolak, TypeError, ValueError) as e:
            raise Ditolak(f"Target: {e}" if isinstance(e, Ditolak) else "Tahun tidak sah.") from None
        with sesi() as s:
            user = s.get(User, current_user.id)
            # The form's record of the target it showed: {"id": …} (None: none in force); absent: not loaded.
            harap = terlihat["id"] if isinstance(terlihat, dict) and "id" in terlihat else TANPA
            hasil = ubah_target(s, indikator_id=int(indikator_id), kecamatan_id=user.kecamatan_id, tahun=th,
                                nilai=angka, alasan=alasan, oleh=user, diharapkan=harap)
            pesan = f"Target {th} disimpan: {tulis_angka(hasil.target.nilai)}."
            if hasil.capaian_resmi:
                pesan += f" Capaian resmi yang berubah: {'; '.join(hasil.capaian_resmi)}."
            tabel = tabel_iku(s, user.kecamatan_id, periode.hari_ini().year)
            riwayat_html = _riwayat(s, int(indikator_id), user.kecamatan_id, th)
            sekarang = _terlihat(s, int(indikator_id), user.kecamatan_id, th)
        return dbc.Alert(pesan, color="success"), tabel, riwayat_html, sekarang

    @callback(app, Output(ids.PENGUMPUL_PESAN, "children"), Output(ids.IKU_TABEL, "children", allow_duplicate=True),
              Input(ids.PENGUMPUL_SIMPAN, "n_clicks"), State(ids.PENGUMPUL_INDIKATOR, "value"),
              State(ids.PENGUMPUL_SOP, "value"), State(ids.PENGUMPUL_BERSAMA, "value"),
              peran=PENGATUR_PENGUMPUL, objek={"indikator_id": Indikator}, prevent_initial_call=True, tolak=0)
    def simpan_pengumpul(_n, indikator_id, sop_id, bersama):
        if not indikator_id:
            raise Ditolak("Pilih indikator terlebih dahulu.")
        if sop_id is None:
            raise Ditolak("Pilih SOP pengumpulannya.")
        try:
            sop = int(sop_id) or None
        except (TypeError, ValueError):
            raise Ditolak("SOP yang dipilih tidak dikenal.") from None
        with sesi() as s:
            user = s.get(User, current_user.id)
            atur_pengumpul(s, kecamatan_id=user.kecamatan_id, indikator_id=int(indikator_id),
                           sop_id=sop, per_triwulan=bool(bersama), oleh=user)
            ind = s.get(Indikator, int(indikator_id))
            rev = sop_pengumpul(s, ind, user.kecamatan_id)
            pesan = (f"{ind.kode} dikumpulkan melalui {rev.nama}." if rev else
                     f"{ind.kode} kembali ke SOP bawaan kabupaten, yang belum ada di kantor ini.")
            tabel = tabel_iku(s, user.kecamatan_id, periode.hari_ini().year)
        return dbc.Alert(pesan, color="success"), tabel

    # The Renstra is the Camat's (the domain refuses anyone else too).
    @callback(app, Output(ids.RENSTRA_PESAN, "children"), Output(ids.IKU_TABEL, "children", allow_duplicate=True),
              Input(ids.RENSTRA_SIMPAN, "n_clicks"), State(ids.RENSTRA_INDIKATOR, "value"),
              State(ids.RENSTRA_AWAL, "value"), State(ids.RENSTRA_AKHIR, "value"), State(ids.RENSTRA_NILAI, "value"),
              peran=PENETAP_RENSTRA, objek={"indikator_id": Indikator}, prevent_initial_call=True, tolak=0)
    def simpan_renstra(_n, indikator_id, tahun_awal, tahun_akhir, nilai):
        if not indikator_id:
            raise Ditolak("Pilih indikator terlebih dahulu.")
        awal, akhir = _tahun(tahun_awal, "Tahun awal"), _tahun(tahun_akhir, "Tahun akhir")
        try:
            angka = baca_angka(nilai)
        except Ditolak as e:
            raise Ditolak(f"Target Renstra: {e}") from None
        with sesi() as s:
            user = s.get(User, current_user.id)
            t = tetapkan_target_renstra(s, indikator_id=int(indikator_id), kecamatan_id=user.kecamatan_id,
                                        tahun_awal=awal, tahun_akhir=akhir, nilai=angka, oleh=user)
            ind = s.get(Indikator, t.indikator_id)
            pesan = f"Target Renstra {awal}–{akhir} {ind.kode} disimpan: {tulis_target(t.nilai, ind.satuan)}."
            tabel = tabel_iku(s, user.kecamatan_id, periode.hari_ini().year)
        return dbc.Alert(pesan, color="success"), tabel
