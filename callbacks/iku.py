"""IKU & Target: set or revise a year's target and the quarters' (Rencana Aksi) in one go (with a reason), show
their history, and set the Renstra end-of-period target."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update
from flask_login import current_user

from dashboard import format as fmt
from dashboard import ids
from dashboard.akses import callback, pesan_tolak
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
from models.perencanaan.target_excel import HasilImporTarget, impor
from models.tables import Indikator, Kecamatan, Target, User
from models.umum import periode
from models.umum.angka import baca_angka, tulis_angka, tulis_target
from models.umum.berkas import dari_unggahan
from models.umum.isian import MAKS_KALIMAT, bulat, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI, tahun_sah


def _riwayat(s, indikator_id: int, kecamatan_id: int, tahun: int) -> html.Div:
    zona = s.get(Kecamatan, kecamatan_id).zona_waktu
    semua = riwayat_target(s, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun)
    diganti = {t.menggantikan_id for t in semua}
    baris = [html.Li([f"Triwulan {ROMAWI[t.triwulan]}: " if t.triwulan else "Tahun: ",
                      html.Strong(tulis_angka(t.nilai)), f" · {fmt.waktu(t.diubah_pada, zona)}",
                      f" · {s.get(User, t.diubah_oleh).nama}" if t.diubah_oleh else "",
                      html.Em(f" · {t.alasan}") if t.alasan else "",
                      "" if t.berlaku else html.Span(" (diganti)" if t.id in diganti else " (dihapus)",
                                                     className="text-muted")])
             for t in semua]
    return html.Div([html.H6(f"Riwayat target {tahun}"), html.Ul(baris) if baris else
                     html.Small("Belum ada target.", className="text-muted")])


def _berlaku(s, indikator_id: int, kecamatan_id: int, tahun: int) -> dict[int, Target | None]:
    """The targets in force: 0 the year's, 1..4 the quarters'."""
    return {n: target_berlaku(s, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=n or None)
            for n in (0, 1, 2, 3, 4)}


def _terlihat(s, indikator_id: int, kecamatan_id: int, tahun: int) -> dict:
    t = _berlaku(s, indikator_id, kecamatan_id, tahun)
    return {"id": t[0].id if t[0] else None,
            "triwulan": {str(n): t[n].id if t[n] else None for n in (1, 2, 3, 4)}}


def _harapan(terlihat, triwulan: int | None) -> object:
    """The id of the target the form showed (None: none); TANPA when the form did not record it (not loaded)."""
    if not isinstance(terlihat, dict):
        return TANPA
    if triwulan is None:
        return terlihat["id"] if "id" in terlihat else TANPA
    per_tw = terlihat.get("triwulan")
    return per_tw[str(triwulan)] if isinstance(per_tw, dict) and str(triwulan) in per_tw else TANPA


def _angka_triwulan(teks, ind: Indikator, triwulan: int, tahun: int) -> float | None:
    try:
        return baca_angka(teks)
    except Ditolak as e:
        raise Ditolak(f"{ind.kode} {ind.nama}, target triwulan {ROMAWI[triwulan]} {tahun}: {e}.") from None


def _tahun(nilai, label: str) -> int:
    """A year as the form sends it (a number field: an int, or text when typed by hand)."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        raise Ditolak(f"{label} wajib diisi.")
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool) and float(nilai).is_integer():
        return int(nilai)
    if isinstance(nilai, str) and nilai.strip().isdigit():
        return int(nilai.strip())
    raise Ditolak(f"{label} tidak sah; tulis tahunnya, mis. 2025.")


def _hasil_impor(h: HasilImporTarget) -> html.Div:
    ringkas = (f"Target {h.tahun} diimpor: {h.baris_berubah} dari {len(h.baris)} IKU berubah ({h.ditetapkan} target "
               f"ditetapkan, {h.diubah} diubah, {h.dihapus} dihapus).")
    return html.Div([
        dbc.Alert(ringkas, color="success", id="target-impor-berhasil"),
        dbc.Table([html.Thead(html.Tr([html.Th(x) for x in ("Baris", "IKU", "Hasil")])),
                   html.Tbody([html.Tr([html.Td(b.baris), html.Td(b.kode), html.Td(b.hasil)]) for b in h.baris])],
                  size="sm", bordered=True, responsive=True, className="small", id="target-impor-tabel"),
    ])


def _tolak_impor(pesan: str):
    """A refused sheet: every problem on its own line, each naming its row."""
    judul, _, rincian = pesan.partition("\n")
    isi = [judul, html.Ul([html.Li(x) for x in rincian.split("\n")], className="mb-0")] if rincian else pesan
    return pesan_tolak(isi), no_update


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

    # The form shows the targets in force of the indicator and year chosen; an emptied quarter removes its target.
    @callback(app, Output(ids.TARGET_NILAI, "value"),
              *[Output(ids.TARGET_TRIWULAN[n], "value") for n in (1, 2, 3, 4)],
              Input(ids.TARGET_INDIKATOR, "value"), Input(ids.TARGET_TAHUN, "value"), peran=PENGATUR_TARGET,
              objek={"indikator_id": Indikator}, prevent_initial_call=True)
    def isi_form(indikator_id, tahun):
        try:
            th = int(tahun)
        except (TypeError, ValueError):
            return (no_update,) * 5
        if not indikator_id:
            return (no_update,) * 5
        with sesi() as s:
            kec = s.get(User, current_user.id).kecamatan_id
            t = _berlaku(s, int(indikator_id), kec, th)
        return tuple(tulis_angka(t[n].nilai) if t[n] else "" for n in (0, 1, 2, 3, 4))

    @callback(app, Output(ids.TARGET_PESAN, "children"), Output(ids.IKU_TABEL, "children"),
              Output(ids.TARGET_RIWAYAT, "children", allow_duplicate=True),
              Output(ids.TARGET_TERLIHAT, "data", allow_duplicate=True),
              Input(ids.TARGET_SIMPAN, "n_clicks"), State(ids.TARGET_INDIKATOR, "value"),
              State(ids.TARGET_TAHUN, "value"), State(ids.TARGET_NILAI, "value"), State(ids.TARGET_ALASAN, "value"),
              State(ids.TARGET_TERLIHAT, "data"), *[State(ids.TARGET_TRIWULAN[n], "value") for n in (1, 2, 3, 4)],
              peran=PENGATUR_TARGET, objek={"indikator_id": Indikator}, prevent_initial_call=True, tolak=0)
    def simpan(_n, indikator_id, tahun, nilai, alasan, terlihat, tw1=None, tw2=None, tw3=None, tw4=None):
        if not indikator_id:
            raise Ditolak("Pilih indikator terlebih dahulu.")
        try:
            angka = baca_angka(nilai)
        except Ditolak as e:
            raise Ditolak(f"Target: {e}") from None
        th = tahun_sah(tahun, kosong="Tahun tidak sah.")
        alasan = teks(alasan, label="Alasan", maks=MAKS_KALIMAT)
        # One transaction for the whole form: any refusal (a quarter that is not a number, a change only the Camat
        # may make) writes nothing, the year's target included.
        with sesi() as s:
            user = s.get(User, current_user.id)
            ind = s.get(Indikator, int(indikator_id))
            per_tw = {n: _angka_triwulan(x, ind, n, th) for n, x in enumerate((tw1, tw2, tw3, tw4), start=1)}
            # The form's record of the targets it showed: {"id": …, "triwulan": {…}} (None: none in force); absent:
            # not loaded, so an empty quarter then means "not touched", not "remove".
            hasil = ubah_target(s, indikator_id=ind.id, kecamatan_id=user.kecamatan_id, tahun=th,
                                nilai=angka, alasan=alasan, oleh=user, diharapkan=_harapan(terlihat, None))
            pesan = f"Target {th} disimpan: {tulis_angka(hasil.target.nilai) if hasil.target else '-'}."
            berubah = list(hasil.capaian_resmi)
            for n, v in per_tw.items():
                harap = _harapan(terlihat, n)
                if harap is TANPA and v is None:
                    continue
                sebelum = target_berlaku(s, indikator_id=ind.id, kecamatan_id=user.kecamatan_id, tahun=th, triwulan=n)
                h = ubah_target(s, indikator_id=ind.id, kecamatan_id=user.kecamatan_id, tahun=th, nilai=v,
                                alasan=alasan, oleh=user, diharapkan=harap, triwulan=n)
                berubah += [x for x in h.capaian_resmi if x not in berubah]
                if h.dihapus:
                    pesan += f" Target triwulan {ROMAWI[n]} {th} dihapus."
                elif h.target is not None and (sebelum is None or sebelum.id != h.target.id):
                    pesan += f" Target triwulan {ROMAWI[n]} {th} disimpan: {tulis_angka(h.target.nilai)}."
            if berubah:
                pesan += f" Capaian resmi yang berubah: {'; '.join(berubah)}."
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
            sop = bulat(sop_id, label="SOP") or None
        except Ditolak:
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

    # A filled template of the year's targets: every row checked, then all of it saved, or nothing (the domain also
    # refuses another office's user and the roles that may not set targets).
    @callback(app, Output(ids.TARGET_XLSX_HASIL, "children"), Output(ids.IKU_TABEL, "children", allow_duplicate=True),
              Input(ids.TARGET_XLSX_UNGGAH, "contents"), State(ids.TARGET_XLSX_UNGGAH, "filename"),
              peran=PENGATUR_TARGET, prevent_initial_call=True, tolak=_tolak_impor)
    def impor_target(isi, nama):
        if not isi:
            return no_update, no_update
        with sesi() as s:
            user = s.get(User, current_user.id)
            try:
                h = impor(s, dari_unggahan(isi), kecamatan_id=user.kecamatan_id, oleh=user)
            except Ditolak as e:
                raise Ditolak(f"{nama}: {e}", aksi="target.impor", objek="target",
                              kecamatan_id=user.kecamatan_id) from None
            tabel = tabel_iku(s, user.kecamatan_id, periode.hari_ini().year)
        return _hasil_impor(h), tabel
