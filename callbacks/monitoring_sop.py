"""Monitoring SOP: the sheets for the filter, and saving one SOP's monitoring or evaluation (assessors only)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import MATCH, Dash, Input, Output, State
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.monitoring_sop import isi_evaluasi, isi_monitoring, isi_ringkasan, semester_halaman
from dashboard.components.nasional import isi_nasional
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import pengaturan, sesi
from dashboard.format import waktu
from models.sop.monitoring import (
    KRITERIA,
    PENILAI,
    catat_evaluasi_sop,
    catat_monitoring,
    catatan_tahun,
)
from models.tables import Kecamatan, Sop, User
from models.umum.isian import MAKS_KALIMAT, bulat, nomor_id
from models.umum.isian import teks as isian_teks
from models.umum.penolakan import Ditolak
from models.umum.periode import label_semester, tahun_sah

_YA_TIDAK = {"ya": True, "tidak": False}


PREFIX, SARINGAN = ids.MONSOP_PREFIX, ids.MONSOP_SARINGAN


def _pilih_kantor() -> dbc.Alert:
    return dbc.Alert("Pilih satu kecamatan pada saringan untuk melihat lembar evaluasinya; ringkasan semua kecamatan "
                     "ada pada tab Monitoring semester.", color="info", className="py-2 mt-3")


def _pesan(teks: str, warna: str) -> dbc.Alert:
    return dbc.Alert(teks, color=warna, className="small py-1 px-2 mt-1 mb-0")


def _bilangan(teks) -> int | None:
    try:
        return int(str(teks))
    except (TypeError, ValueError):
        return None


def _ya_tidak(nilai) -> bool | None:
    """A Ya/Tidak choice as the form sends it; anything else is no answer."""
    return _YA_TIDAK.get(nilai) if isinstance(nilai, str) else None


def _periode(teks) -> tuple[int | None, int | None]:
    """The row's period as the page drew it, "2026-1"."""
    tahun, _, semester = str(teks or "").partition("-")
    return _bilangan(tahun), _bilangan(semester)


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output(ids.MONSOP_MONITORING, "children"), Output(ids.MONSOP_EVALUASI, "children"),
              Input(f"{PREFIX}-kecamatan", "value"), Input(ids.MONSOP_TAHUN, "value"),
              Input(ids.MONSOP_SEMESTER, "value"), kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, semester):
        mpd = pengaturan().menit_per_hari
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun})
            smt = semester_halaman({"semester": semester}, sar.tahun)
            if sar.nasional:
                return isi_nasional(s, sar, "/monitoring-sop", semester=smt), _pilih_kantor()
            if sar.kecamatan_id is None:  # the offices side by side (the table has both sheets' columns)
                return isi_ringkasan(s, sar.kecamatan_ids, sar.tahun, smt), _pilih_kantor()
            user = s.get(User, current_user.id)
            data = catatan_tahun(s, kecamatan_id=sar.kecamatan_id, tahun=sar.tahun)  # one read for both sheets
            return (isi_monitoring(s, user, sar.kecamatan_id, sar.tahun, smt, mpd, data),
                    isi_evaluasi(s, user, sar.kecamatan_id, sar.tahun, mpd, data))

    @callback(app, Output({"type": ids.MONSOP_PESAN, "index": MATCH}, "children"),
              Input({"type": ids.MONSOP_SIMPAN, "index": MATCH}, "n_clicks"),
              State({"type": ids.MONSOP_BAIK, "index": MATCH}, "value"),
              State({"type": ids.MONSOP_CATATAN, "index": MATCH}, "value"),
              State({"type": ids.MONSOP_TINDAKAN, "index": MATCH}, "value"),
              State({"type": ids.MONSOP_PERIODE, "index": MATCH}, "children"),
              State({"type": ids.MONSOP_SOP, "index": MATCH}, "children"),
              peran=PENILAI, objek={"sop_id": Sop}, prevent_initial_call=True, tolak=lambda pesan: _pesan(pesan, "danger"))
    def simpan_monitoring(_n, baik, catatan, tindakan, periode, sop_id):
        tahun, semester = _periode(periode)
        if tahun is None or semester is None or _bilangan(sop_id) is None:
            raise Ditolak("Muat ulang halaman lalu pilih tahun dan semester.", aksi="monitoring_sop.catat")
        sop_id, tahun = nomor_id(sop_id, label="SOP"), tahun_sah(tahun, teks=False)
        semester = bulat(semester, label="Semester", minimum=1, maksimum=2)
        catatan = isian_teks(catatan, label="Catatan", maks=MAKS_KALIMAT)
        tindakan = isian_teks(tindakan, label="Tindakan", maks=MAKS_KALIMAT)
        with sesi() as s:
            m = catat_monitoring(s, sop_id=sop_id, tahun=tahun, semester=semester, berjalan_baik=_ya_tidak(baik),
                                 catatan=catatan, tindakan=tindakan, oleh=s.get(User, current_user.id))
            zona = s.get(Kecamatan, m.kecamatan_id).zona_waktu
            teks = (f"Disimpan: {'berjalan baik' if m.berjalan_baik else 'tidak berjalan baik'}, "
                    f"{label_semester(tahun, semester)} · {waktu(m.dinilai_pada, zona)}.")
        return _pesan(teks, "success")

    @callback(app, Output({"type": ids.EVSOP_PESAN, "index": MATCH}, "children"),
              Input({"type": ids.EVSOP_SIMPAN, "index": MATCH}, "n_clicks"),
              *[State({"type": ids.EVSOP_KRITERIA, "kolom": k, "index": MATCH}, "value") for k, _ in KRITERIA],
              State({"type": ids.EVSOP_CATATAN, "index": MATCH}, "value"),
              State({"type": ids.EVSOP_TAHUN, "index": MATCH}, "children"),
              State({"type": ids.EVSOP_SOP, "index": MATCH}, "children"),
              peran=PENILAI, objek={"sop_id": Sop}, prevent_initial_call=True, tolak=lambda pesan: _pesan(pesan, "danger"))
    def simpan_evaluasi(_n, mendorong_kinerja, mudah_dipahami, mudah_dilaksanakan, semua_dapat_berperan,
                        mengatasi_permasalahan, menjawab_kebutuhan, sinergi, catatan, tahun, sop_id):
        if _bilangan(tahun) is None or _bilangan(sop_id) is None:
            raise Ditolak("Muat ulang halaman lalu pilih tahun.", aksi="evaluasi_sop.catat")
        sop_id, tahun = nomor_id(sop_id, label="SOP"), tahun_sah(_bilangan(tahun), teks=False)
        catatan = isian_teks(catatan, label="Catatan", maks=MAKS_KALIMAT)
        nilai = dict(zip([k for k, _ in KRITERIA], (mendorong_kinerja, mudah_dipahami, mudah_dilaksanakan,
                                                    semua_dapat_berperan, mengatasi_permasalahan,
                                                    menjawab_kebutuhan, sinergi)))
        jawaban = {k: j for k, v in nilai.items() if (j := _ya_tidak(v)) is not None}
        with sesi() as s:
            e = catat_evaluasi_sop(s, sop_id=sop_id, tahun=tahun, jawaban=jawaban, catatan=catatan,
                                   oleh=s.get(User, current_user.id))
            zona = s.get(Kecamatan, e.kecamatan_id).zona_waktu
            tidak = sum(1 for k, _ in KRITERIA if not getattr(e, k))
            teks = (f"Disimpan: evaluasi tahun {e.tahun}, "
                    f"{'semua kriteria Ya' if not tidak else f'{tidak} kriteria Tidak'} · "
                    f"{waktu(e.dinilai_pada, zona)}.")
        return _pesan(teks, "success")
